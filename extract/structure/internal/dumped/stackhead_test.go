package dumped

import (
	"reflect"
	"strings"
	"testing"

	"drucksache/extract/layout"
)

// rawLines makes body lines of dumped text, one per line of s.
func rawLines(s string) []layout.Line {
	var lines []layout.Line
	for k, t := range strings.Split(s, "\n") {
		lines = append(lines, layout.Line{Text: t, Page: 1, No: k + 1})
	}
	return lines
}

// Snippets of Niedersachsen answers (Drs. 19/11136, 19/11168, 19/11220, 19/11226, 19/11244): the
// prose right above a dumped table and the header a reader sees.
func TestStackedHeader(t *testing.T) {
	tests := []struct {
		name  string
		prose string
		open  bool
		width int
		lines int
		want  []string
	}{
		{"label and first cell on one line", "Jahr Anzahl der \nFachsprach-\nprüfungen \nAnzahl der  \nKenntnisprü-\nfungen ",
			true, 3, 6, []string{"Jahr", "Anzahl der Fachsprachprüfungen", "Anzahl der Kenntnisprüfungen"}},
		{"connectors start lines", "Für die Jahre 2015 und 2016 erfolgten keine statistischen Erhebungen. \nJahr Bestehensquote \nder Fachsprach-\nprüfungen  \nin % \nBestehensquote \nder Kenntnis-\nprüfungen  \nin % ",
			false, 3, 8, []string{"Jahr", "Bestehensquote der Fachsprachprüfungen in %", "Bestehensquote der Kenntnisprüfungen in %"}},
		{"label with abbreviation", "der am 30.06.2026 vorgelegten Flächenauswahl). \nTeilgebiet (TG) Im TG erzielter Durch-\nschnittserlös in Euro pro \nJahr \nAnteil an jährlichen Durch-\nschnittserlösen in % ",
			false, 3, 5, []string{"Teilgebiet (TG)", "Im TG erzielter Durchschnittserlös in Euro pro Jahr", "Anteil an jährlichen Durchschnittserlösen in %"}},
		{"hyphenated narrow cells", "an den öffentlichen Grundschulen in Uelzen wie folgt dar: \nSchule Lehr-\nkräfte-\nSoll-\nStunden \nSuS-\nPflicht-\nstunden \nPoolstun-\nden \nGrund- \nbedarf \nZusatz-\nbedarf \nLehr-\nkräfte-Ist-\nStunden \nUnter-\nrichts-\nversor-\ngungs-\nwert in % ",
			false, 8, 21, []string{"Schule", "Lehrkräfte-Soll-Stunden", "SuS-Pflichtstunden", "Poolstunden", "Grundbedarf", "Zusatzbedarf", "Lehrkräfte-Ist-Stunden", "Unterrichtsversorgungswert in %"}},
		{"one word a line", "sonal in Ausbildung wie folgt angegeben: \n 2019 \n richterli-\ncher/ \nstaatsan-\nwaltlicher \nDienst \namtsan-\nwaltlicher \nDienst \nRechts-\npfleger-\ndienst \nund \nsonstiger \nhöh. \nDienst \nGerichts-\nvollzie-\nher/innen \n1. Lauf-\nbahn-\ngruppe, \n2. Ein-\nstiegsamt \n1. Lauf-\nbahn-\ngruppe, \n1. Ein-\nstiegsamt ",
			false, 7, 29, []string{"2019", "richterlicher/staatsanwaltlicher Dienst", "amtsanwaltlicher Dienst", "Rechtspflegerdienst und sonstiger höh. Dienst", "Gerichtsvollzieher/innen", "1. Laufbahngruppe, 2. Einstiegsamt", "1. Laufbahngruppe, 1. Einstiegsamt"}},
		// "Festgestellte" / "Behandlungsfehler" may be one cell or two: the count fits both readings.
		{"ambiguous cells", "Jahr Anträge auf  \nSchlichtungsverfah-\nren \nSachentscheidun-\ngen \nFestgestellte  \nBehandlungsfehler \nBehandlungsfehler \nohne kausalen \nSchaden  ",
			true, 5, 0, nil},
		{"cells do not fit the columns", "Jahr Anzahl der in Bearbeitung \nbefindlichen Approbations-\nverfahren \nAnzahl der  \nerteilten  \nApprobationen ",
			true, 4, 0, nil},
		{"no sentence ends above", "Tabelle 1: Anzahl potenziell betroffener Fischereifahrzeuge (FFZ) und Häfen gemäß Fischereikenn-\nzeichen \nJahr Anzahl der \nFachsprach-\nprüfungen \nAnzahl der  \nKenntnisprü-\nfungen ",
			false, 3, 0, nil},
		{"last cell unfinished", "wie folgt: \nJahr Anzahl der \nFachsprach-\nprüfungen \nAnzahl der  \nKenntnisprü-",
			false, 3, 0, nil},
		{"a cell naming the years", "rGB Haushaltsjahr (HJ) \n  Anzahl im \nHJ 2023 \nAnzahl im \nHJ 2024 \nAnzahl im \nHJ 2025 ",
			true, 4, 7, []string{"rGB", "Anzahl im HJ 2023", "Anzahl im HJ 2024", "Anzahl im HJ 2025"}},
		{"a cell naming no years", "rGB Bereich (HJ) \n  Anzahl im \nHJ 2023 \nAnzahl im \nHJ 2024 \nAnzahl im \nHJ 2025 ",
			true, 4, 0, nil},
		{"years out of order", "rGB Haushaltsjahr (HJ) \n  Anzahl im \nHJ 2023 \nAnzahl im \nHJ 2025 \nAnzahl im \nHJ 2024 ",
			true, 4, 0, nil},
		{"prose is no header", "Die Zahlen haben sich \nwie folgt entwickelt \nund sind hier \naufgeführt ",
			true, 2, 0, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			n, got := stackedHeader(rawLines(tc.prose), tc.open, tc.width, 95)
			if n != tc.lines || !reflect.DeepEqual(got, tc.want) {
				t.Errorf("stackedHeader = %d %q, want %d %q", n, got, tc.lines, tc.want)
			}
		})
	}
}

package extract

import (
	"reflect"
	"strings"
	"testing"

	"drucksache/extract/text"
)

// dumpLines makes body lines of dumped text, one per line of s.
func dumpLines(s string) []Line {
	var lines []Line
	for k, t := range strings.Split(s, "\n") {
		lines = append(lines, Line{Text: t, Page: 1, No: k + 1})
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
			false, 7, 29, []string{"2019", "richterlicher/ staatsanwaltlicher Dienst", "amtsanwaltlicher Dienst", "Rechtspflegerdienst und sonstiger höh. Dienst", "Gerichtsvollzieher/innen", "1. Laufbahngruppe, 2. Einstiegsamt", "1. Laufbahngruppe, 1. Einstiegsamt"}},
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
			n, got := stackedHeader(dumpLines(tc.prose), tc.open, tc.width, 95)
			if n != tc.lines || !reflect.DeepEqual(got, tc.want) {
				t.Errorf("stackedHeader = %d %q, want %d %q", n, got, tc.lines, tc.want)
			}
		})
	}
}

// The parser takes a stacked header out of the answer's prose, with a group row printed below it.
func TestSegmentsStackedHeader(t *testing.T) {
	src := "wie folgt angegeben: \n 2019 \nrichterli-\ncher/ \nDienst \nGerichts-\nvollzie-\nher/innen \nOberlandesgerichte       \nBraunschweig 34,19 6,00 \nCelle 86,00 24,00 "
	p := &parser{}
	segs := p.segments(dumpLines(src), 95)
	if len(segs) != 2 || segs[1].table == nil {
		t.Fatalf("segments = %+v, want prose and a table", segs)
	}
	tb := segs[1].table
	if want := []string{"2019", "richterlicher/ Dienst", "Gerichtsvollzieher/innen"}; !reflect.DeepEqual(tb.header, want) {
		t.Errorf("header = %q, want %q", tb.header, want)
	}
	if len(segs[0].prose) != 1 || tb.first.No != 2 || len(tb.headerRows) != 7 {
		t.Errorf("prose %d lines, table from line %d with %d header rows; want 1, 2, 7", len(segs[0].prose), tb.first.No, len(tb.headerRows))
	}
	if want := []string{"Oberlandesgerichte", "", ""}; !reflect.DeepEqual(tb.rows[0], want) {
		t.Errorf("first row = %q, want %q", tb.rows[0], want)
	}
}

// Row labels of Drs. 19/11136 that read like the end of a sentence but are place names.
func TestDumpTableLabels(t *testing.T) {
	tests := []struct {
		src    string
		labels []string
	}{
		{"Lehrte 8,40 - 7,54 \nNeustadt/Rbge. 12,03 - 13,88 \nNienburg (Weser) 7,22 - 9,10 ",
			[]string{"Lehrte", "Neustadt/Rbge.", "Nienburg (Weser)"}},
		{"Jever 4,75 - 6,13 \nLeer (Ostfr.) 12,75 - 18,25 ",
			[]string{"Jever", "Leer (Ostfr.)"}},
		{"Hildesheim 31,32 9,50 9,88 \nLüneburg (ohne \nZw.St.) \n33,62 8,00 7,21 \nStade 33,45 7,66 9,54 ",
			[]string{"Hildesheim", "Lüneburg (ohne Zw.St.)", "Stade"}},
		// A sentence that ends before a figure stays prose.
		{"Braunschweig 1 2 \nDas ergibt sich aus der Statistik des Landesamts. 2 3 ",
			nil},
	}
	for _, tc := range tests {
		tb, _ := dumpTable(dumpLines(tc.src), 0, 95)
		var labels []string
		if tb != nil {
			for _, r := range tb.rows {
				labels = append(labels, r[0])
			}
		}
		if !reflect.DeepEqual(labels, tc.labels) {
			t.Errorf("%q: labels %q, want %q", tc.src, labels, tc.labels)
		}
	}
}

// A page of Drs. 19/11136 that starts with the stacked header repeated, a group label wrapped above
// its blanks and a row whose label is wrapped too: the header is read, the group is the first row,
// and the wrapped label is no header.
func TestSegmentsWrappedGroup(t *testing.T) {
	src := "Oldenburg 67,77 18,33 \nOsnabrück 70,76 13,46 \n 2025 \nrichterli-\ncher/ \nDienst \nGerichts-\nvollzie-\nher/innen \nVerwaltungsge-\nrichtsbarkeit \n      \nOberverwaltungsge-\nricht \n37,43 6,68 \nVerwaltungsge-\nrichte \n      \nBraunschweig 30,02 6,83 \nGöttingen 16,00 0,00 "
	lines, _ := text.Lines(src)
	p := &parser{}
	segs := p.segments(lines, 95)
	if len(segs) != 2 || segs[1].table == nil {
		t.Fatalf("segments = %+v, want two tables", segs)
	}
	tb := segs[1].table
	if want := []string{"2025", "richterlicher/ Dienst", "Gerichtsvollzieher/innen"}; !reflect.DeepEqual(tb.header, want) {
		t.Errorf("header = %q, want %q", tb.header, want)
	}
	var rows []string
	for _, r := range tb.rows {
		rows = append(rows, strings.TrimRight(strings.Join(r, "|"), "|"))
	}
	want := []string{"Verwaltungsgerichtsbarkeit", "Oberverwaltungsgericht|37,43|6,68", "Verwaltungsgerichte", "Braunschweig|30,02|6,83", "Göttingen|16,00|0,00"}
	if !reflect.DeepEqual(rows, want) {
		t.Errorf("rows = %q, want %q", rows, want)
	}
}

// Drs. 19/11224, questions 2 and 3: a header stacked one narrow cell a line, each cell ending in
// a year ("Anteil in %" / "im HJ 2023"), the last right above the first row. The years count up,
// one for each figure of the rows, so the lines are the header, read back whole, and no rows.
// Numbers that are not one year for each figure leave the lines rows.
func TestSegmentsYearStack(t *testing.T) {
	const stack = "rGB Haushaltsjahr (HJ) \n  Anteil in % \nim HJ 2023 \nAnteil in % \nim HJ 2024 \nAnteil in % \nim HJ 2025 \n"
	const rows = "Aurich 8,1 1,6 0 \nGandersheim 2,7 1,2 1,3 \n"
	tests := []struct {
		name   string
		text   string
		header string
		first  string
	}{
		{"years over the columns", stack + rows, "rGB|Anteil in % im HJ 2023|Anteil in % im HJ 2024|Anteil in % im HJ 2025", "Aurich|8,1|1,6|0"},
		{"fewer years than figures", "rGB Haushaltsjahr (HJ) \n  Anteil in % \nim HJ 2024 \nAnteil in % \nim HJ 2025 \n" + rows, "|||", "im HJ|2024||"},
		{"numbers that are no years", "Stand \nAnzahl \nSJG 12 \nAnzahl \nSJG 11 \nAnzahl \nSJG 10 \n" + rows, "|||", "SJG|12||"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			tb := firstTable(tc.text, 95)
			if tb == nil {
				t.Fatalf("no table")
			}
			if got := strings.Join(tb.header, "|"); got != tc.header || strings.Join(tb.rows[0], "|") != tc.first {
				t.Errorf("header %q, first row %q; want %q, %q", got, tb.rows[0], tc.header, tc.first)
			}
		})
	}
}

// Drs. 19/11220, question 5: below a table's title, wrapped at a hyphen, a header line of one
// word a column, and the first row's label wrapped above its figures, which the dump prints on a
// line of their own. The words head the columns and the lines below them label the first row;
// a header line with another count of words, or one that follows no sentence or title, is none.
func TestSegmentsHeaderAboveLabel(t *testing.T) {
	const title = "Tabelle 1: Anzahl potenziell betroffener Fischereifahrzeuge (FFZ) und Häfen gemäß Fischereikenn-\nzeichen \n"
	const below = "Anzahl betroffener FFZ  \n2020 bis 2025 \n50 56 10 3 9 23 \nAnzahl betroffener Häfen 7 8 7 3 6 7 "
	tests := []struct {
		name   string
		text   string
		header string
		first  string
	}{
		{"one word a column", title + "Gebiet: NSGBR Bor BBM JAD Mellum WN \n" + below,
			"Gebiet:|NSGBR|Bor|BBM|JAD|Mellum|WN", "Anzahl betroffener FFZ 2020 bis 2025|50|56|10|3|9|23"},
		{"fewer words than columns", title + "Gebiet: NSGBR Bor BBM JAD Mellum \n" + below, "||||||", "|50|56|10|3|9|23"},
		{"no sentence or title above", "Die Zahl der betroffenen Fahrzeuge ist in den letzten Jahren gestiegen, sie verteilt sich \nwie folgt auf die \nGebiet: NSGBR Bor BBM JAD Mellum WN \n" + below, "||||||", "|50|56|10|3|9|23"},
		{"a label line of one word a column", title + "Gebiet: NSGBR Bor BBM JAD Mellum WN \nAnzahl der betroffenen Fahrzeuge in dem Zeitraum \n2020 bis 2025 \n50 56 10 3 9 23 \nAnzahl betroffener Häfen 7 8 7 3 6 7 ",
			"||||||", "|50|56|10|3|9|23"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			tb := firstTable(tc.text, 98)
			if tb == nil {
				t.Fatalf("no table")
			}
			if got := strings.Join(tb.header, "|"); got != tc.header || strings.Join(tb.rows[0], "|") != tc.first {
				t.Errorf("header %q, first row %q; want %q, %q", got, tb.rows[0], tc.header, tc.first)
			}
		})
	}
}

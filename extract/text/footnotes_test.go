package text

import (
	"reflect"
	"strings"
	"testing"

	"drucksache/extract/layout"
)

// footnotes are the texts of the lines markFootnotes marks as footnotes.
func footnotes(src string) []string {
	lines, _ := Lines(src)
	markFootnotes(lines)
	var out []string
	for _, l := range lines {
		if l.Role == layout.RoleFootnote {
			out = append(out, strings.TrimSpace(l.Text))
		}
	}
	return out
}

// Footnotes of the clean IT answer (Drs. 19/7520) and of the dumped Drs. 19/11277 and 19/11279.
func TestMarkFootnotes(t *testing.T) {
	const page2 = "\n\n" + header + "\n \n2 \n1. Wie viele Fälle häuslicher Gewalt wurden erfasst? "
	tests := []struct {
		name string
		text string
		want []string
	}{
		{"a superscript after a break", "das Antragsverwaltungssystem NAVO¹.\n\n¹ Niedersächsisches Antragsystem für Verwaltungsleistungen Online.",
			[]string{"¹ Niedersächsisches Antragsystem für Verwaltungsleistungen Online."}},
		{"a superscript inside a paragraph", "das Antragsverwaltungssystem NAVO\n¹ Niedersächsisches Antragsystem", nil},
		{"the numbered block at a page's end", "erfasst worden ist. \n \n1 Seite 59, Bundeslagebild 2023 des BKA zur Häuslichen Gewalt. " + page2,
			[]string{"1 Seite 59, Bundeslagebild 2023 des BKA zur Häuslichen Gewalt."}},
		{"a wrapped note and the next number", "erfasst worden ist. \n \n1 Seite 59, Bundeslagebild 2023 \ndes BKA zur Häuslichen Gewalt. \n2 https://www.bka.de/ " + page2,
			[]string{"1 Seite 59, Bundeslagebild 2023", "des BKA zur Häuslichen Gewalt.", "2 https://www.bka.de/"}},
		{"numbers go on over pages", "Gewalt. \n \n1 Seite 59 " + page2 + "\nText \n2 Seite 60 ",
			[]string{"1 Seite 59", "2 Seite 60"}},
		{"a number out of turn", "erfasst worden ist. \n \n2 Seite 59, Bundeslagebild 2023 " + page2, nil},
		{"a table row of figures", "Landkreis Anzahl \nAmmerland 14 \n1 2 3 ", nil},
		{"the distribution note closes the text", "erfasst worden ist. \n1 Anlage zur Antwort \n(verteilt am 04.08.2026) ", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := footnotes(tt.text); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("footnotes %q, want %q", got, tt.want)
			}
		})
	}
}

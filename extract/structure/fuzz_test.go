package structure

import (
	"strings"
	"testing"

	drucksache "drucksache"
	"drucksache/extract/layout"
	"drucksache/transform"
)

// FuzzParse hands the parser lines as a PDF reader would: each line's first byte picks its type
// (size, bold, role, a break) so that questions by type, written questions with an asker's column,
// kinds and titles are reached; the parser must never panic and must keep its invariants.
func FuzzParse(f *testing.F) {
	f.Add("aAntwort\nader Bundesregierung\naauf die Kleine Anfrage der Abgeordneten A und der Fraktion X\na– Drucksache 21/1 –\naTitel\nq1. Eins?\nq2. Zwei?\nq5. Fünf?\naDie Fragen 2 und 5 werden gemeinsam beantwortet.\nqb) Teil?\naJa.")
	f.Add("aSchriftliche Fragen\naGeschäftsbereich des Bundesministeriums der Finanzen\nw1. Abgeordnete Wie hoch?\nwDr. A B Kosten?\naAntwort des Staatssekretärs C\navom 8. Oktober 2024\naDie Kosten.")
	f.Add("aAntrag\nader Abgeordneten A und der Fraktion der AfD\nbTitel¹\naDer Bundestag wolle beschließen:\nf¹ Ebd.\na(Verteilt am 11.06.2025)")
	f.Fuzz(func(t *testing.T, s string) {
		var lines []layout.Line
		for i, row := range strings.Split(s, "\n") {
			if row == "" || i > 400 {
				continue
			}
			l := layout.Line{Text: row[1:], Page: 1 + i/30, No: 1 + i%30, Size: 10.5, Bold: layout.No, Break: row[0]%2 == 0}
			switch row[0] % 6 {
			case 0:
				l.Size = 9.5
			case 1:
				l.Bold = layout.Yes
			case 2:
				l.Role = layout.RoleFootnote
			case 3:
				l.Role = layout.RoleFooter
			case 4:
				for k := 1; k < len(l.Text); k++ {
					if l.Text[k-1] == ' ' {
						l.Words = append(l.Words, layout.Word{At: k, Indent: float64(k % 7 * 20)})
					}
				}
			}
			lines = append(lines, l)
		}
		doc, err := Parse(drucksache.Source{File: "f.pdf", Format: "pdf"}, &layout.Layout{Lines: lines}, transform.Sums{})
		if err != nil {
			return
		}
		seen := map[string]bool{}
		for i, q := range doc.Questions {
			k := itoa(q.Number) + q.Part
			if seen[k] && doc.Kind != drucksache.KindWritten {
				t.Errorf("question %s twice", k)
			}
			seen[k] = true
			if i > 0 && q.Number < doc.Questions[i-1].Number && doc.Kind != drucksache.KindWritten {
				t.Errorf("question %d after %d", q.Number, doc.Questions[i-1].Number)
			}
		}
	})
}

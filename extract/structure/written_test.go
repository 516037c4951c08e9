package structure

import (
	"strings"
	"testing"

	drucksache "drucksache"
	"drucksache/extract/layout"
	"drucksache/transform"
)

// columns sets a written question's lines as a PDF reader hands them over: the asker's column at
// indent 0, the question's at indent 100, "|" marking where a line goes on in the question's column.
func columns(rows ...string) []layout.Line {
	var lines []layout.Line
	for i, r := range rows {
		l := layout.Line{Page: 1, No: i + 1, Size: 10.5, Bold: layout.No}
		left, right, split := strings.Cut(r, "|")
		switch {
		case strings.HasPrefix(r, "|"):
			l.Text, l.Indent = right, 100
		case split:
			l.Text = left + right
			for k := 0; k < len(left); k++ {
				if k > 0 && left[k-1] == ' ' {
					l.Words = append(l.Words, layout.Word{At: k, Indent: float64(k * 5)})
				}
			}
			l.Words = append(l.Words, layout.Word{At: len(left), Indent: 100})
		default:
			l.Text = r
		}
		if strings.HasPrefix(l.Text, "Antwort") || strings.HasPrefix(l.Text, "vom") || strings.HasPrefix(l.Text, "Geschäftsbereich") {
			l.Bold = layout.Yes
		}
		l.Break = strings.HasPrefix(l.Text, "Antwort") || strings.HasPrefix(l.Text, "Geschäftsbereich")
		lines = append(lines, l)
	}
	return lines
}

func TestWrittenQuestions(t *testing.T) {
	lines := columns(
		"Schriftliche Fragen",
		"mit den in der Woche vom 7. Oktober 2024",
		"eingegangenen Antworten der Bundesregierung",
		"Geschäftsbereich des Bundesministeriums der",
		"Finanzen",
		"1. Abgeordnete |Wie hoch sind die",
		"Dr. Gesine Lötzsch |Kosten des Denkmals,",
		"(Gruppe Die Linke) |und wer trägt sie?",
		"Antwort des Staatssekretärs Max Muster",
		"vom 8. Oktober 2024",
		"Die Kosten trägt der Bund.",
		"2. Abgeordneter |Wie viele Anträge",
		"Dr. Hermann-Josef Tebroke |wurden 2023 gestellt?",
		"(BÜNDNIS 90/ |",
		"DIE GRÜNEN) |",
		"Antwort der Parlamentarischen Staatssekretärin Eva Beispiel",
		"vom 9. Oktober 2024",
		"Es wurden 12 Anträge gestellt.",
	)
	lines[4].Bold = layout.Yes // the heading goes on: "Finanzen"
	doc, err := Parse(drucksache.Source{File: "t.pdf", Format: "pdf"}, &layout.Layout{Lines: lines}, transform.Sums{})
	if err != nil {
		t.Fatal(err)
	}
	if doc.Kind != drucksache.KindWritten || doc.Title != "Schriftliche Fragen mit den in der Woche vom 7. Oktober 2024 eingegangenen Antworten der Bundesregierung" {
		t.Errorf("kind %q, title %q", doc.Kind, doc.Title)
	}
	var got []string
	for _, q := range doc.Questions {
		got = append(got, itoa(q.Number)+" "+q.Asker.Name+" ("+q.Asker.Party+") "+q.AnsweredBy+": "+q.Text+" | "+q.Answer)
	}
	want := []string{
		"1 Dr. Gesine Lötzsch (Gruppe Die Linke) des Bundesministeriums der Finanzen: Wie hoch sind die Kosten des Denkmals, und wer trägt sie? | Die Kosten trägt der Bund.",
		"2 Dr. Hermann-Josef Tebroke (BÜNDNIS 90/DIE GRÜNEN) des Bundesministeriums der Finanzen: Wie viele Anträge wurden 2023 gestellt? | Es wurden 12 Anträge gestellt.",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

package structure

import (
	"fmt"
	"strings"
	"testing"

	drucksache "drucksache"
	"drucksache/extract/layout"
	"drucksache/transform"
)

// typeset prints an answer the way a PDF reader hands it over: "q " lines in the questions' type
// (9.5 pt), "a " lines in the answers' type (10.5 pt), each starting a paragraph.
func typeset(rows ...string) []layout.Line {
	var lines []layout.Line
	for i, r := range rows {
		kind, text, _ := strings.Cut(r, " ")
		size := 10.5
		if kind == "q" {
			size = 9.5
		}
		lines = append(lines, layout.Line{Text: text, Page: 1 + i/40, No: 1 + i%40, Size: size, Bold: layout.No, Break: true})
	}
	return lines
}

// parseAnswer runs the structure parser over a Bundestag answer's title block and lines.
func parseAnswer(t *testing.T, lines []layout.Line) *drucksache.Document {
	t.Helper()
	head := typeset(
		"a Antwort", "a der Bundesregierung",
		"a auf die Kleine Anfrage der Abgeordneten Anna A und der Fraktion X", "a – Drucksache 21/100 –", "a Titel")
	doc, err := Parse(drucksache.Source{File: "t.pdf", Format: "pdf"}, &layout.Layout{Lines: append(head, lines...)}, transform.Sums{})
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

// entries writes the questions as "number[part] text | answer | with".
func entries(doc *drucksache.Document) []string {
	var out []string
	for _, q := range doc.Questions {
		s := fmt.Sprintf("%d%s %s | %s", q.Number, q.Part, q.Text, q.Answer)
		if len(q.Parts) > 0 {
			s += " | parts " + strings.Join(q.Parts, " ")
		}
		if len(q.AnsweredWith) > 0 {
			s += fmt.Sprintf(" | with %v", q.AnsweredWith)
		}
		out = append(out, s)
	}
	return out
}

func TestQuestionsByType(t *testing.T) {
	tests := []struct {
		name  string
		lines []layout.Line
		want  []string
	}{
		{"questions printed together out of order share their answer, in number order",
			typeset("q 1. Eins?", "a Antwort eins.", "q 2. Zwei?", "q 5. Fünf?", "a Die Fragen 2 und 5 werden gemeinsam beantwortet.",
				"a Gemeinsam.", "q 3. Drei?", "a Antwort drei.", "q 4. Vier?", "a Antwort vier."),
			[]string{"1 Eins? | Antwort eins.",
				"2 Zwei? | Die Fragen 2 und 5 werden gemeinsam beantwortet.\n\nGemeinsam. | with [5]",
				"3 Drei? | Antwort drei.", "4 Vier? | Antwort vier.",
				"5 Fünf? | Die Fragen 2 und 5 werden gemeinsam beantwortet.\n\nGemeinsam. | with [2]"}},
		{"lettered parts after a complete question answered together stay its parts",
			typeset("q 1. Eins?", "q a) Erstens?", "q b) Zweitens?", "a Beides.", "q 2. Zwei?", "a Zwei."),
			[]string{"1 Eins? | Beides. | parts a) Erstens? b) Zweitens?", "2 Zwei? | Zwei."}},
		{"parts answered one by one are entries with a part",
			typeset("q 1. Eins?", "a Eins.", "q 2. a) Zwei a?", "a Antwort a.", "q b) Zwei b?", "a Antwort b.", "q 3. Drei?", "a Drei."),
			[]string{"1 Eins? | Eins.", "2a Zwei a? | Antwort a.", "2b Zwei b? | Antwort b.", "3 Drei? | Drei."}},
		{"parts that are the question, answered together, stay in its text",
			typeset("q 1. a) Eins a?", "q b) Eins b?", "a Beides.", "q 2. Zwei?", "a Zwei."),
			[]string{"1 a) Eins a? b) Eins b? | Beides.", "2 Zwei? | Zwei."}},
		{"the askers' remark in the questions' type is no question",
			typeset("q Vorbemerkung der Fragesteller", "q Die Fragesteller meinen.", "q 1. Eins?", "a Eins.", "q 2. Zwei?", "a Zwei."),
			[]string{"1 Eins? | Eins.", "2 Zwei? | Zwei."}},
		{"a numbered list in the answers' type stays answer text",
			typeset("q 1. Eins?", "a Drei Gründe:", "a 1. Erstens.", "a 2. Zweitens.", "q 2. Zwei?", "a Zwei."),
			[]string{"1 Eins? | Drei Gründe:\n\n1. Erstens.\n\n2. Zweitens.", "2 Zwei? | Zwei."}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := entries(parseAnswer(t, tt.lines))
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
}

// TestQuestionsByTypeNeedsType checks that lines without type (a text dump) keep the longest run,
// which skips a question printed out of its order only where the joint answer's phrase names it.
func TestQuestionsByTypeNeedsType(t *testing.T) {
	lines := typeset("q 1. Eins?", "a Eins.", "q 2. Zwei?", "q 5. Fünf?", "a Gemeinsam.", "q 3. Drei?", "a Drei.")
	for i := range lines {
		lines[i].Size = 0
	}
	got := entries(parseAnswer(t, lines))
	if len(got) != 3 || !strings.HasPrefix(got[2], "3 Drei?") {
		t.Errorf("got %q, want questions 1 to 3 found by their numbers", got)
	}
	// a question printed out of its order and named in the joint answer's phrase is found by its number
	lines = typeset("q 1. Eins?", "a Eins.", "q 2. Zwei?", "q 5. Fünf?", "a Die Fragen 2 und 5 werden gemeinsam beantwortet.",
		"a Gemeinsam.", "q 3. Drei?", "a Drei.", "q 4. Vier?", "a Vier.", "q 6. Sechs?", "a Sechs.")
	for i := range lines {
		lines[i].Size = 0
	}
	got = entries(parseAnswer(t, lines))
	want := []string{"1 Eins? | Eins.",
		"2 Zwei? | Die Fragen 2 und 5 werden gemeinsam beantwortet.\n\nGemeinsam. | with [5]",
		"3 Drei? | Drei.", "4 Vier? | Vier.",
		"5 Fünf? | Die Fragen 2 und 5 werden gemeinsam beantwortet.\n\nGemeinsam. | with [2]",
		"6 Sechs? | Sechs."}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("text without type, a joint answer out of order: got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	// a number printed twice in the questions' type is no layout to trust either
	got = entries(parseAnswer(t, typeset("q 1. Eins?", "a Eins.", "q 1. Noch einmal eins?", "a Nochmal.", "q 2. Zwei?", "a Zwei.")))
	if len(got) != 2 {
		t.Errorf("got %q, want questions 1 and 2 once each", got)
	}
}

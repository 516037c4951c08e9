package structure

import (
	"testing"

	drucksache "drucksache"
	"drucksache/extract/layout"
)

// TestReferringQuestion gives an annex table the question that refers to it.
func TestReferringQuestion(t *testing.T) {
	p := &parser{doc: &drucksache.Document{Questions: []drucksache.Question{
		{Number: 1, Answer: "Siehe die Übersicht in Anlage 2."},
		{Number: 2, Answer: "Es wird auf die anliegende Tabelle 1 (Anlage) verwiesen."},
		{Number: 3, Answer: "Die Angaben sind der Anlage zu entnehmen."},
		{Number: 4, Answer: "Keine."},
	}}}
	tests := []struct {
		name    string
		title   string
		heading string
		want    int
	}{
		{"by the table's number", "Tabelle 1: Schulden", "Anlage", 2},
		{"by the annex's number", "", "Anlage 2", 1},
		{"by the question the annex names", "Tabelle 1: Schulden", "Anlage zu Frage 3", 3},
		{"by the question a longer heading names", "", "Anhang 1 zur Antwort auf Frage 3", 3},
		{"by the first answer that names the annex", "", "Anlage", 1},
		{"else the last question", "Tabelle 7: Anderes", "Anhang 9", 4},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var title *string
			if tt.title != "" {
				title = &tt.title
			}
			if got := p.referringQuestion(title, reAnnex.FindStringSubmatch(tt.heading)); got != tt.want {
				t.Errorf("question %d, want %d", got, tt.want)
			}
		})
	}
}

// TestAnnexStart finds the heading of an annex: a paragraph "Anlage" followed by a table; a sentence
// that names the annex, or a heading without a table after it, is none.
func TestAnnexStart(t *testing.T) {
	body := func(lines ...layout.Line) *parser {
		return &parser{body: lines, pageStart: make([]bool, len(lines))}
	}
	q := layout.Line{Text: "4. Welche Maßnahmen plant die Landesregierung?", Break: true}
	a := layout.Line{Text: "Die Landesregierung wird die Kommunen unterstützen.", Break: true}
	anlage := layout.Line{Text: "Anlage", Break: true}
	row := layout.Line{Text: "a\tb", Cells: []string{"a", "b"}, Table: 1, Break: true}
	tests := []struct {
		name string
		p    *parser
		want int
	}{
		{"a heading above a table", body(q, a, anlage, layout.Line{Text: "Tabelle 1: Schulden", Break: true}, row), 2},
		{"no table after it", body(q, a, anlage, a), 4},
		{"a sentence naming the annex", body(q, layout.Line{Text: "Anlage 1 zeigt die Zahlen.", Break: true}, row), 3},
		{"a heading of some words", body(q, a, layout.Line{Text: "Anlage 2 Übersicht der Fördermittel", Break: true}, row), 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.p.annexStart(0, len(tt.p.body)); got != tt.want {
				t.Errorf("annex at %d, want %d", got, tt.want)
			}
		})
	}
}

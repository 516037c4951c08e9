package structure

import (
	"reflect"
	"strings"
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
		{"a heading above rows of dumped text", body(q, a, anlage, layout.Line{Text: "Tabelle 1: Schulden", Break: true},
			layout.Line{Text: "Schulden insgesamt     14.456.950    15.077.993"}, layout.Line{Text: "Kredite     9.812.644    10.254.907"}), 2},
		{"a heading above figures scattered over lines (no rows)", body(q, a, anlage, layout.Line{Text: "Klinikum Gehrden Teilneubau 41.100.000,00 €"},
			layout.Line{Text: "IPR, 2. FA in Höhe von"}, layout.Line{Text: "5 Mio. € aus 30"}), 6},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.p.annexStart(0, len(tt.p.body)); got != tt.want {
				t.Errorf("annex at %d, want %d", got, tt.want)
			}
		})
	}
}

// TestDumpedAnnex reads an annex of dumped text (a table of one row a line, its cells apart by
// spaces, the annex's heading and page number repeated on its next page): its table, every row of it,
// belongs to the question that refers to it, and nothing of it is in the last answer.
func TestDumpedAnnex(t *testing.T) {
	questions := "1. Wie viele Dienste gibt es?\nEine Übersicht kann der Anlage entnommen werden.\n\n" +
		"2. Wie hat sich deren Zahl entwickelt?\nEine Statistik liegt nicht vor.\n\n(verteilt am 29.07.2026)\n\n"
	annex := "Anlage Kleine Anfrage 19/11043\n1\nLandkreis Dienste Plätze\nAmmerland 2 1\nAurich 1 2\nCelle 1 2\n" +
		"Anlage\n\n2\nVechta 2 3\nVerden 1 1\nQuelle: Landesverbände der Krankenkassen\n"
	doc := parseAnnex(t, questions+annex)
	tb := doc.Tables[0]
	var labels []string
	for _, r := range tb.Rows {
		labels = append(labels, r[0].Raw)
	}
	if tb.Question != 1 || !reflect.DeepEqual(labels, []string{"Ammerland", "Aurich", "Celle", "Vechta", "Verden"}) {
		t.Errorf("table of question %d, rows %q", tb.Question, labels)
	}
	if a := doc.Questions[1].Answer; a != "Eine Statistik liegt nicht vor." {
		t.Errorf("last answer %q", a)
	}
}

// TestAnnexTables reads an annex after the last answer, before or after the note that closes the
// answer: its table belongs to the question that refers to it, with its title, legend, footnote and
// source, and nothing of the annex is in the last answer.
func TestAnnexTables(t *testing.T) {
	questions := "1. Wie haben sich die Schulden entwickelt?\nEs wird auf die anliegende Tabelle 1 (Anlage) verwiesen.\n\n" +
		"2. Was plant die Landesregierung?\nSie berät mit den Kommunen.\n\n"
	annex := "Anlage\n\nTabelle 1: Schulden der Gemeinden\nArt\t2023\t2024\nKredite¹⁾\t12\tg\nInsgesamt\t12\t14\n\n" +
		"g = Zahlenwert unbekannt oder geheim\n\n1) Einschließlich der Eigenbetriebe.\n\n© Landesamt für Statistik Niedersachsen\n"
	tests := []struct{ name, text string }{
		{"after the last answer", questions + annex},
		{"after the note that closes the answer", questions + "(verteilt am 16.07.2026)\n\n" + annex},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := parseAnnex(t, tt.text)
			tb := doc.Tables[0]
			if tb.Question != 1 || !reflect.DeepEqual(doc.Questions[0].Tables, []string{tb.ID}) || len(doc.Questions[1].Tables) != 0 {
				t.Errorf("table of question %d; questions' tables %v, %v", tb.Question, doc.Questions[0].Tables, doc.Questions[1].Tables)
			}
			if tb.Title == nil || *tb.Title != "Tabelle 1: Schulden der Gemeinden" || tb.Source == nil || *tb.Source != "© Landesamt für Statistik Niedersachsen" ||
				!reflect.DeepEqual(tb.Notes, []string{"g = Zahlenwert unbekannt oder geheim"}) {
				t.Errorf("title %v, source %v, notes %q", tb.Title, tb.Source, tb.Notes)
			}
			if len(doc.Footnotes) != 1 || doc.Footnotes[0].Table != tb.ID || doc.Footnotes[0].Marker != "¹⁾" || doc.Footnotes[0].Question == nil || *doc.Footnotes[0].Question != 1 {
				t.Errorf("footnotes %+v", doc.Footnotes)
			}
			if a := doc.Questions[1].Answer; a != "Sie berät mit den Kommunen." {
				t.Errorf("last answer %q", a)
			}
		})
	}
}

// parseAnnex parses a paper of the test title block and text: two questions with their answers and
// an annex of one table.
func parseAnnex(t *testing.T, text string) *drucksache.Document {
	t.Helper()
	doc := parseText(t, "annex.txt", titleBlock[:strings.Index(titleBlock, "1. Wie viele")]+text)
	if len(doc.Questions) != 2 || len(doc.Tables) != 1 {
		t.Fatalf("%d questions, %d tables", len(doc.Questions), len(doc.Tables))
	}
	return doc
}

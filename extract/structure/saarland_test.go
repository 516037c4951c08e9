package structure

import (
	"reflect"
	"strings"
	"testing"

	drucksache "drucksache"
)

// The Saarland prints its answers in a title block of its own ("A N T W O R T zu der Anfrage …
// betr.: …") and the questions without numbers, each answered under "Zu Frage 2:" or "Zu den
// Fragen 1 und 3:" (Drs. 15/1284).
func TestSaarland(t *testing.T) {
	doc := parseFixture(t, "eval/sl-15-1284.txt")
	checkTitleBlock(t, doc, drucksache.KindAnswer, "Landtag des Saarlandes", "15/1284", "15/1217",
		"Situation des Schienenpersonennahverkehrs (SPNV) im Saarland nach dem Fahrplanwechsel 2014",
		"der Landesregierung", "12.03.2015", "12.03.2015")
	if len(doc.Askers) != 1 || doc.Askers[0] != (drucksache.Asker{Name: "Michael Neyses", Party: "B90/Grüne"}) {
		t.Errorf("askers %+v", doc.Askers)
	}
	var by []string
	for _, r := range doc.PreliminaryRemarks {
		by = append(by, r.By)
	}
	if !reflect.DeepEqual(by, []string{drucksache.ByAskers, drucksache.ByGovernment}) {
		t.Errorf("remarks by %q", by)
	}
	questions := []struct {
		number int
		text   string
		with   []int
	}{
		{1, "Wer hat die Qualität des Leistungserbringers auf der Bahnstrecke Saarbrücken-Mainz überprüft? Welche Kriterien", []int{3}},
		{2, "War der Landesregierung bekannt, dass der Betreiber Vlexx", nil},
		{3, "Welche Gründe gaben den Ausschlag, einen neuen Betreiber", []int{1}},
	}
	if len(doc.Questions) != 10 {
		t.Fatalf("%d questions, want 10", len(doc.Questions))
	}
	for _, q := range questions {
		got := doc.Questions[q.number-1]
		if got.Number != q.number || !strings.HasPrefix(got.Text, q.text) || len(got.AnsweredWith) != len(q.with) || got.Answer == "" {
			t.Errorf("question %d: %d %.60q with %v, answer %.30q", q.number, got.Number, got.Text, got.AnsweredWith, got.Answer)
		}
	}
	if a, b := doc.Questions[0].Answer, doc.Questions[2].Answer; a != b || !strings.HasPrefix(a, "Die Fragen 1 und 3 werden") {
		t.Errorf("questions 1 and 3 answered together: %.40q / %.40q", a, b)
	}
}

// zuFrage reads questions standing right above the "Zu Frage" line that answers them; numbers
// that skip one are warned, a question whose text is missing too.
func TestZuFrage(t *testing.T) {
	tests := []struct {
		name     string
		text     string
		numbers  []int
		texts    []string
		answers  []string
		warnings []drucksache.WarningCode
	}{
		{"one question a mark", "Wie viele Züge fielen aus?\n\nZu Frage 1:\n\nEs fielen 12 Züge aus.\n\nWann fahren sie wieder?\n\nZu Frage 2:\n\nAb Montag.",
			[]int{1, 2}, []string{"Wie viele Züge fielen aus?", "Wann fahren sie wieder?"}, []string{"Es fielen 12 Züge aus.", "Ab Montag."}, nil},
		{"two questions, one answer", "Wie viele Züge fielen aus?\n\nWarum?\n\nZu den Fragen 1 und 2:\n\nZwölf, wegen des Sturms.",
			[]int{1, 2}, []string{"Wie viele Züge fielen aus?", "Warum?"}, []string{"Zwölf, wegen des Sturms.", "Zwölf, wegen des Sturms."}, nil},
		{"a gap in the numbers", "Wie viele Züge fielen aus?\n\nZu Frage 1:\n\nZwölf.\n\nWarum?\n\nZu Frage 3:\n\nWegen des Sturms.",
			[]int{1, 3}, []string{"Wie viele Züge fielen aus?", "Warum?"}, []string{"Zwölf.", "Wegen des Sturms."}, []drucksache.WarningCode{drucksache.WarnQuestionNumberingGap}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := &parser{doc: &drucksache.Document{}, body: lines(tt.text)}
			if !p.zuFrage(0, len(p.body), 0) {
				t.Fatal("no questions found")
			}
			var numbers []int
			var texts, answers []string
			for _, q := range p.doc.Questions {
				numbers, texts, answers = append(numbers, q.Number), append(texts, q.Text), append(answers, q.Answer)
			}
			var codes []drucksache.WarningCode
			for _, w := range p.doc.Warnings {
				codes = append(codes, w.Code)
			}
			if !reflect.DeepEqual(numbers, tt.numbers) || !reflect.DeepEqual(texts, tt.texts) || !reflect.DeepEqual(answers, tt.answers) || !reflect.DeepEqual(codes, tt.warnings) {
				t.Errorf("questions %v %q answered %q, warnings %v; want %v %q %q %v", numbers, texts, answers, codes, tt.numbers, tt.texts, tt.answers, tt.warnings)
			}
		})
	}
}

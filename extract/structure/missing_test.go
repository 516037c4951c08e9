package structure

import (
	"strings"
	"testing"

	drucksache "drucksache"
)

func TestMissingQuestions(t *testing.T) {
	long := strings.Repeat("Die Antwort ist lang. ", 120)
	tests := []struct {
		name      string
		questions []drucksache.Question
		want      []string // the start of each question_missing message
	}{
		{"numbers run 1 to n", []drucksache.Question{{Number: 1}, {Number: 2}, {Number: 3}}, nil},
		{"a sub-question's entry is no gap", []drucksache.Question{{Number: 1}, {Number: 1, Part: "b"}, {Number: 2}}, nil},
		{"numbers skip", []drucksache.Question{{Number: 1}, {Number: 2}, {Number: 5}, {Number: 7}},
			[]string{"questions found up to 7, but not 3, 4, 6"}},
		{"one long answer holds numbered questions", []drucksache.Question{
			{Number: 1, Answer: "Ja."}, {Number: 2, Answer: "Nein."}, {Number: 3, Answer: "Ja."},
			{Number: 4, Answer: long + "\n\n5. Wie viele sind es?\n\nVier.\n\n6. Und wann?\n\nBald."}},
			[]string{"the answer to question 4 is"}},
		{"a long answer without questions in it", []drucksache.Question{
			{Number: 1, Answer: "Ja."}, {Number: 2, Answer: "Nein."}, {Number: 3, Answer: long}}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := &parser{doc: &drucksache.Document{Questions: tt.questions}}
			p.missingQuestions()
			var got []string
			for _, w := range p.doc.Warnings {
				if w.Code != drucksache.WarnQuestionMissing {
					t.Errorf("warning %s", w.Code)
				}
				got = append(got, w.Message)
			}
			if len(got) != len(tt.want) {
				t.Fatalf("got %q, want %d warnings", got, len(tt.want))
			}
			for i := range got {
				if !strings.HasPrefix(got[i], tt.want[i]) {
					t.Errorf("got %q, want it to start %q", got[i], tt.want[i])
				}
			}
		})
	}
}

package structure

import (
	"strings"
	"testing"

	"drucksache"
	"drucksache/extract/layout"
)

func TestTogetherNumbers(t *testing.T) {
	tests := []struct{ in, want string }{
		{"5 bis 7 ", "5 6 7"},
		{"10, 11 und 12 ", "10 11 12"},
		{"8 und 9 ", "8 9"},
		{"25 bis 36b ", "25 26 27 28 29 30 31 32 33 34 35 36"},
		{"39 und 39a ", "39"},
	}
	for _, tt := range tests {
		var got []string
		for _, n := range togetherNumbers(tt.in) {
			got = append(got, itoa(n))
		}
		if strings.Join(got, " ") != tt.want {
			t.Errorf("togetherNumbers(%q) = %v, want %s", tt.in, got, tt.want)
		}
	}
}

// TestQuestionTraps checks the traps of real answers: a numbered list before question 1, questions
// wrapped over lines that end in ".", answers given together, lettered parts.
func TestQuestionTraps(t *testing.T) {
	tests := []struct {
		file   string
		count  int
		number int
		text   string // prefix of the question's text
		parts  int
		with   []int
	}{
		{file: "ni-19-11279.txt", count: 29, number: 1, text: "Wie viele Einwohner lebten zum 31. Dezember 2025"},
		{file: "ni-19-11279.txt", count: 29, number: 2, text: "Wie hoch war der Anteil der Bevölkerung a) über 65 Jahre, b) über 75 Jahre, c) über 80 Jahre in den jeweiligen"},
		{file: "ni-19-11279.txt", count: 29, number: 8, text: "Liegen der Landesregierung hierzu eigene Bedarfsprognosen vor?", parts: 2},
		{file: "ni-19-11277.txt", count: 9, number: 1, text: "Wie viele Fälle häuslicher Gewalt wurden im 1. Quartal 2026 in Niedersachsen von der Polizei erfasst? Bitte die Gesamtzahlen nachfolgend jeweils aufschlüsseln nach „Partnerschaftsgewalt“ und „innerfamiliärer Gewalt“."},
		{file: "eval/ni-19-11204.txt", count: 19, number: 10, with: []int{11, 12}},
		{file: "eval/ni-19-11204.txt", count: 19, number: 11, with: []int{10, 12}},
		{file: "eval/bt-21-7449-7652.txt", count: 10, number: 9, with: []int{8}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			doc := parseFixture(t, tt.file)
			if len(doc.Questions) != tt.count {
				t.Fatalf("%d questions, want %d", len(doc.Questions), tt.count)
			}
			for i, q := range doc.Questions {
				if q.Number != i+1 {
					t.Fatalf("question %d has number %d", i+1, q.Number)
				}
			}
			q := doc.Questions[tt.number-1]
			if !strings.HasPrefix(q.Text, tt.text) {
				t.Errorf("question %d\n got  %q\n want %q…", tt.number, q.Text, tt.text)
			}
			if len(q.Parts) != tt.parts {
				t.Errorf("question %d: %d parts %q, want %d", tt.number, len(q.Parts), q.Parts, tt.parts)
			}
			if tt.with != nil && (len(q.AnsweredWith) != len(tt.with) || q.Answer == "") {
				t.Errorf("question %d answered with %v (answer %.40q), want %v", tt.number, q.AnsweredWith, q.Answer, tt.with)
			}
		})
	}
}

func TestQuestionStart(t *testing.T) {
	tests := []struct {
		line   string
		number int
		text   string
		ok     bool
	}{
		{"12. Wie viele Fälle gab es?", 12, "Wie viele Fälle gab es?", true},
		{"  3.\tWelche Kosten entstanden?", 3, "Welche Kosten entstanden?", true},
		{"1.Wie viele", 0, "", false},    // no space after the dot
		{"2026. Jahr", 0, "", false},     // four digits are a year
		{"4. ", 0, "", false},            // no text
		{"a) Falls ja", 0, "", false},    // a lettered part
		{"Nr. 5. Antwort", 0, "", false}, // not at the start
	}
	for _, tt := range tests {
		n, text, ok := questionStart(tt.line)
		if n != tt.number || text != tt.text || ok != tt.ok {
			t.Errorf("questionStart(%q) = %d, %q, %v; want %d, %q, %v", tt.line, n, text, ok, tt.number, tt.text, tt.ok)
		}
	}
}

// A question takes its bold lines; in dumped text, its lines up to the one ending it, with the
// lettered parts after it (Drs. 19/11279, question 8).
func TestQuestionExtent(t *testing.T) {
	bold := func(s string) []layout.Line {
		l := lines(s)
		for i := range l {
			if strings.HasPrefix(l[i].Text, "*") {
				l[i].Text, l[i].Bold = l[i].Text[1:], layout.Yes
			}
		}
		return l
	}
	tests := []struct {
		name   string
		block  []layout.Line
		length int
		parts  int
	}{
		{"bold lines", bold("*1. Welche Technologien werden eingesetzt\n*und warum\nDie Landesregierung setzt verschiedene ein"), 2, 0},
		{"up to the question mark", lines("5. Wie viele Einwohner lebten zum 31. Dezember 2025 in den jeweiligen\nLandkreisen?\nZum 31. Dezember 2025 lebten"), 2, 0},
		{"lettered parts", lines("8. Liegen der Landesregierung hierzu eigene Bedarfsprognosen vor?\na) Falls ja, welche?\nb) Falls nein, warum nicht?\nDer Landesregierung liegen keine vor."), 3, 1},
		{"parts inside the sentence", lines("2. Wie hoch war der Anteil der Bevölkerung\na) über 65 Jahre,\nb) über 75 Jahre in den Landkreisen?\nDer Anteil betrug"), 3, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			n, parts := questionExtent(tt.block)
			if n != tt.length || parts != tt.parts {
				t.Errorf("questionExtent = %d, %d; want %d, %d", n, parts, tt.length, tt.parts)
			}
		})
	}
}

// The content ends at the distribution note of a Niedersachsen Drucksache, whose date it records;
// an answer without numbered questions is warned.
func TestContent(t *testing.T) {
	head := titleBlock[:strings.Index(titleBlock, "1. Wie viele")]
	doc := parseText(t, "c.txt", head+"1. Wie viele Fälle gab es?\nEine hohe Anzahl.\n\n(verteilt am 29.07.2026)\n")
	if len(doc.Questions) != 1 || doc.Questions[0].Answer != "Eine hohe Anzahl." || deref(doc.DistributedOn) != "29.07.2026" {
		t.Errorf("questions %+v, distributed %q", doc.Questions, deref(doc.DistributedOn))
	}
	doc = parseText(t, "c.txt", head+"Die Landesregierung antwortet im Zusammenhang.\n")
	if len(doc.Questions) != 0 || len(doc.Warnings) == 0 || doc.Warnings[0].Code != drucksache.WarnNoQuestions {
		t.Errorf("questions %+v, warnings %+v; want none and no_questions", doc.Questions, doc.Warnings)
	}
}

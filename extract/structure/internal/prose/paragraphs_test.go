package prose

import (
	"testing"

	"drucksache/extract/layout"
)

func TestJoinLine(t *testing.T) {
	tests := []struct {
		name, text, next, want string
	}{
		{"word broken at line end", "niedersächsi-", "schen Landesverwaltung", "niedersächsischen Landesverwaltung"},
		{"elided compound", "Landes-", "und Kommunalverwaltung", "Landes- und Kommunalverwaltung"},
		{"elided compound with comma", "Personalgewinnung, -", "sicherung", "Personalgewinnung, -sicherung"},
		{"compound with capital", "Open-", "Source-Lösungen", "Open-Source-Lösungen"},
		{"printed hyphen before a space", "Nicht-Opfer- ", "delikte zu addieren", "Nicht-Opfer-delikte zu addieren"},
		{"hyphen leading the next word", "Gesundheitsinformation und -", "bildung,", "Gesundheitsinformation und -bildung,"},
		{"dash standing alone", "2020 - ", "2026)", "2020 - 2026)"},
		{"dash at a line end of PDF text", "Interesse -", "davon 13 ganz", "Interesse - davon 13 ganz"},
		{"plain space", "Die Landesregierung ", "verfolgt", "Die Landesregierung verfolgt"},
		{"year range", "2023-", "2024", "2023-2024"},
		{"empty next", "Text", "  ", "Text"},
		{"empty text", "", "Anfang", "Anfang"},
		{"URL broken inside a word", "(https://landesplanung.hessen.de/sites/landespla", "nung.hessen.de/files/a.pdf, S. 67 f.).", "(https://landesplanung.hessen.de/sites/landesplanung.hessen.de/files/a.pdf, S. 67 f.)."},
		{"URL broken inside a number", "(https://landesplanung.hessen.de/files/2024-10/hessen_abschlussbericht_2", "0240918.pdf, S. 67", "(https://landesplanung.hessen.de/files/2024-10/hessen_abschlussbericht_20240918.pdf, S. 67"},
		{"URL broken after a slash", "www.example.de/files/2024-10/", "bericht.pdf", "www.example.de/files/2024-10/bericht.pdf"},
		{"URL broken before an underscore", "https://www.example.de/plan_nordhessen", "_luecken.pdf", "https://www.example.de/plan_nordhessen_luecken.pdf"},
		{"URL ended by its bracket", "(https://www.example.de/a).", "Die Angaben", "(https://www.example.de/a). Die Angaben"},
		{"URL at a line end, then a word", "siehe https://www.example.de/a", "und weitere", "siehe https://www.example.de/a und weitere"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := JoinLine(tt.text, tt.next); got != tt.want {
				t.Errorf("joinLine(%q, %q)\n got  %q\n want %q", tt.text, tt.next, got, tt.want)
			}
		})
	}
}

func TestJoinLineIn(t *testing.T) {
	words := &Vocabulary{lines: []layout.Line{{Text: "die Schnittstelle FITConnect und Open-"}, {Text: "Source"}}}
	tests := []struct{ text, next, want string }{
		{"über FIT-", "Connect, die meisten", "über FITConnect, die meisten"}, // printed unhyphenated elsewhere
		{"auf Open-", "Source-Lösungen", "auf Open-Source-Lösungen"},          // never printed without the hyphen
	}
	for _, tt := range tests {
		if got := joinLineIn(tt.text, tt.next, words); got != tt.want {
			t.Errorf("joinLineIn(%q, %q)\n got  %q\n want %q", tt.text, tt.next, got, tt.want)
		}
	}
}

func TestEndsSentence(t *testing.T) {
	tests := []struct {
		text string
		want bool
	}{
		{"Wie viele Opfer gab es?", true},
		{"„innerfamiliärer Gewalt“. ", true},
		{"aufschlüsseln (s. Seite 8).", true},
		{"Fälle häuslicher Gewalt im 1.", false},
		{"wie z. B.", false},
		{"gemäß Abs.", false},
		{"folgende Delikte:", true},
		{"Städten", false},
	}
	for _, tt := range tests {
		if got := EndsSentence(tt.text); got != tt.want {
			t.Errorf("endsSentence(%q) = %v, want %v", tt.text, got, tt.want)
		}
	}
}

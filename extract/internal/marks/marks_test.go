package marks

import "testing"

// Footnote lines as dumped text prints them (Drs. 19/11277, 19/11279): a number, a space, the
// note; a table row of figures or a numbered question is none.
func TestFootnoteNumber(t *testing.T) {
	tests := []struct {
		line string
		n    int
		ok   bool
	}{
		{"1  https://www.mi.niedersachsen.de/startseite/", 1, true},
		{"2 Seite 59, Tabelle 3", 2, true},
		{"  12 Vgl. Drucksache 19/7520", 12, true},
		{"0 6 3 2", 0, false},               // a table row: figures follow the number
		{"3. Wie viele Fälle …?", 0, false}, // a numbered question
		{"1234 Jahre", 0, false},            // more than three digits
		{"7 ", 0, false},                    // no note after the number
		{"Anlage 1", 0, false},
	}
	for _, tt := range tests {
		n, ok := FootnoteNumber(tt.line)
		if n != tt.n || ok != tt.ok {
			t.Errorf("FootnoteNumber(%q) = %d, %v; want %d, %v", tt.line, n, ok, tt.n, tt.ok)
		}
	}
}

func TestSuperscriptMarker(t *testing.T) {
	tests := []struct{ line, marker, rest string }{
		{"¹ https://www.niedersachsen.de", "¹", "https://www.niedersachsen.de"},
		{"¹²\tSeite 4 des Berichts", "¹²", "Seite 4 des Berichts"},
		{"¹https://www.niedersachsen.de", "", "¹https://www.niedersachsen.de"}, // no space after the marker
		{"1 Seite 4", "", "1 Seite 4"},                                         // plain digits are no superscript
		{"²", "", "²"},
	}
	for _, tt := range tests {
		m, rest := SuperscriptMarker(tt.line)
		if m != tt.marker || rest != tt.rest {
			t.Errorf("SuperscriptMarker(%q) = %q, %q; want %q, %q", tt.line, m, rest, tt.marker, tt.rest)
		}
	}
}

// Superscript and SuperscriptValue are inverses over the numbers footnotes take.
func TestSuperscriptRoundTrip(t *testing.T) {
	tests := []struct {
		n    int
		text string
	}{{0, "⁰"}, {1, "¹"}, {9, "⁹"}, {10, "¹⁰"}, {12, "¹²"}, {307, "³⁰⁷"}}
	for _, tt := range tests {
		if got := Superscript(tt.n); got != tt.text {
			t.Errorf("Superscript(%d) = %q, want %q", tt.n, got, tt.text)
		}
		if got := SuperscriptValue(tt.text); got != tt.n {
			t.Errorf("SuperscriptValue(%q) = %d, want %d", tt.text, got, tt.n)
		}
	}
}

func TestIsDistributionNote(t *testing.T) {
	tests := []struct {
		line string
		want bool
	}{
		{"(verteilt am 04.08.2026)", true},
		{"Ausgegeben: 12.03.2015", true},
		{"  Ausgegeben: 12.03.2015", true},
		{"Die Broschüre wurde am 4. August verteilt.", false},
		{"Die Zahlen wurden nicht ausgegeben: siehe Anlage", false},
	}
	for _, tt := range tests {
		if got := IsDistributionNote(tt.line); got != tt.want {
			t.Errorf("IsDistributionNote(%q) = %v, want %v", tt.line, got, tt.want)
		}
	}
}

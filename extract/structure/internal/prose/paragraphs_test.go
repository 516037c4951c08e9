package prose

import (
	"testing"

	"reflect"
	"strings"

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
		{"slash compound", "richterlicher/ ", "staatsanwaltlicher Dienst", "richterlicher/staatsanwaltlicher Dienst"},
		{"slash before a noun keeps its space", "richterlicher/ ", "Dienst", "richterlicher/ Dienst"},
		{"slash standing alone", "Bund / ", "Länder", "Bund / Länder"},
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
	words := &Vocabulary{lines: []layout.Line{{Text: "die Schnittstelle FITConnect und Open-"}, {Text: "Source"},
		{Text: "in Netzwerken sowie mit Schulpraktika"}, {Text: "werden Ende-zu-Ende verschlüsselt, die nicht-öffentlichen Stellen"}}}
	tests := []struct{ text, next, want string }{
		{"über FIT-", "Connect, die meisten", "über FITConnect, die meisten"}, // printed unhyphenated elsewhere
		{"auf Open-", "Source-Lösungen", "auf Open-Source-Lösungen"},          // never printed without the hyphen
		{"auf Messen so-", "wie in Schulen", "auf Messen sowie in Schulen"},   // "wie" is no conjunction here
		{"die Daten Ende-", "zu-Ende verschlüsselt", "die Daten Ende-zu-Ende verschlüsselt"},
		{"die nicht-", "öffentlichen Stellen", "die nicht-öffentlichen Stellen"},
		{"Landes-", "und Kommunalverwaltung", "Landes- und Kommunalverwaltung"}, // neither form printed: the rules
		{"niedersächsi-", "schen Landesverwaltung", "niedersächsischen Landesverwaltung"},
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

// body makes lines of dumped text, one per line of s; a line starting with "¶" follows a break,
// and "§" moves the line to the next page.
func body(s string) []layout.Line {
	var lines []layout.Line
	page := 1
	for k, t := range strings.Split(s, "\n") {
		brk := strings.HasPrefix(t, "¶")
		t = strings.TrimPrefix(t, "¶")
		if strings.HasPrefix(t, "§") {
			page++
			t = strings.TrimPrefix(t, "§")
		}
		lines = append(lines, layout.Line{Text: t, Page: page, No: k + 1, Break: brk})
	}
	return lines
}

// Paragraphs of Drs. 19/11277 and of the IT answer: breaks end a paragraph, but not one cut by a
// page break in mid-sentence; without breaks a short line ending a sentence ends it; list items
// stand alone.
func TestParagraphs(t *testing.T) {
	tests := []struct {
		name  string
		lines string
		full  int
		want  []string
	}{
		{"a break starts a paragraph", "Vorbemerkung der Abgeordneten\n¶Seit Jahren steigen die Fallzahlen im Kriminalitäts-\nfeld der häuslichen Gewalt.",
			0, []string{"Vorbemerkung der Abgeordneten", "Seit Jahren steigen die Fallzahlen im Kriminalitätsfeld der häuslichen Gewalt."}},
		{"a page break inside a sentence", "Opferdelikte zugeordnet. Hierbei handelt es sich vorwiegend um\n¶§straftaten gegen das Leben.",
			0, []string{"Opferdelikte zugeordnet. Hierbei handelt es sich vorwiegend um straftaten gegen das Leben."}},
		{"a break after a finished sentence", "erfasst worden ist.\n¶§zugeordnet werden die Fälle.",
			0, []string{"erfasst worden ist.", "zugeordnet werden die Fälle."}},
		{"a short line ends its sentence and paragraph", "Im 1. Quartal 2026 wurde eine hohe vierstellige Anzahl von Opfern erfasst, die im Ver-\ngleich zum Vorjahr gestiegen ist.\nEtwa zwei Drittel der Opfer sind weiblich.",
			60, []string{"Im 1. Quartal 2026 wurde eine hohe vierstellige Anzahl von Opfern erfasst, die im Vergleich zum Vorjahr gestiegen ist.", "Etwa zwei Drittel der Opfer sind weiblich."}},
		{"paragraphs end at breaks only", "Frage eins?\nFrage zwei?",
			-1, []string{"Frage eins? Frage zwei?"}},
		{"list items stand alone", "Hierzu zählen:\n- das Verwaltungsportal,\n- das Antragsverwaltungssystem.",
			0, []string{"Hierzu zählen:", "- das Verwaltungsportal,", "- das Antragsverwaltungssystem."}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Paragraphs(body(tt.lines), tt.full, nil); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Paragraphs =\n%q\nwant\n%q", got, tt.want)
			}
		})
	}
}

// In HTML each block is a paragraph of its own, unless a page break cuts it.
func TestParagraphsHTML(t *testing.T) {
	lines := []layout.Line{
		{Text: "Die Landesregierung verfolgt", Page: 1, Path: "body/p[1]"},
		{Text: "das Ziel, die Verwaltung", Page: 1, Path: "body/p[2]", Break: true},
		{Text: "digital zu machen.", Page: 2, Path: "body/p[3]", Break: true},
	}
	want := []string{"Die Landesregierung verfolgt", "das Ziel, die Verwaltung digital zu machen."}
	if got := Paragraphs(lines, 0, nil); !reflect.DeepEqual(got, want) {
		t.Errorf("Paragraphs = %q, want %q", got, want)
	}
}

func TestParagraphsAt(t *testing.T) {
	texts, at := ParagraphsAt(body("Frage eins?\n\n¶Frage zwei?\nweiter"), -1, nil)
	if want := []string{"Frage eins?", "Frage zwei? weiter"}; !reflect.DeepEqual(texts, want) || !reflect.DeepEqual(at, []int{0, 2}) {
		t.Errorf("ParagraphsAt = %q %v, want %q [0 2]", texts, at, want)
	}
}

func TestJoinParagraphs(t *testing.T) {
	got := JoinParagraphs([]string{"Hierzu zählen:", "- das Verwaltungsportal,", "- das Antragssystem.", "a) erstens", "Schluss."})
	want := "Hierzu zählen:\n- das Verwaltungsportal,\n- das Antragssystem.\n\na) erstens\n\nSchluss."
	if got != want {
		t.Errorf("JoinParagraphs = %q, want %q", got, want)
	}
}

func TestIsHeading(t *testing.T) {
	tests := []struct {
		text string
		want bool
	}{
		{"Oberlandesgerichtsbezirk Celle", true},
		{"Tabelle 1: Anzahl der Verfahren.", true},
		{"Die Zahlen sind in der folgenden Tabelle aufgeführt.", false},
		{"Anzahl der Verfahren,", false},
		{strings.Repeat("Wort ", 20), false},
	}
	for _, tt := range tests {
		if got := IsHeading(tt.text); got != tt.want {
			t.Errorf("IsHeading(%q) = %v, want %v", tt.text, got, tt.want)
		}
	}
}

func TestIsListItem(t *testing.T) {
	tests := []struct {
		text string
		want bool
	}{
		{"- das Verwaltungsportal", true}, {"• Punkt", true}, {"  – Strich", true}, {"a) erstens", true},
		{"-bildung", false}, {"A) Großbuchstabe", false}, {"2020 - 2026", false}, {"ab) zu lang", false},
	}
	for _, tt := range tests {
		if got := IsListItem(tt.text); got != tt.want {
			t.Errorf("IsListItem(%q) = %v, want %v", tt.text, got, tt.want)
		}
	}
}

// FullWidth is the 90th percentile of the lengths of prose lines, table rows left out; too few
// lines tell nothing.
func TestFullWidth(t *testing.T) {
	var lines []layout.Line
	for n := 1; n <= 10; n++ {
		lines = append(lines, layout.Line{Text: strings.Repeat("x", n*10)})
	}
	lines = append(lines, layout.Line{Text: strings.Repeat("y", 500), Cells: []string{"y"}})
	if got := FullWidth(lines); got != 100 {
		t.Errorf("FullWidth = %d, want 100", got)
	}
	if got := FullWidth(lines[:4]); got != 0 {
		t.Errorf("FullWidth of 4 lines = %d, want 0", got)
	}
}

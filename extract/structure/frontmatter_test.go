package structure

import (
	"strings"
	"testing"

	"drucksache"
)

func TestParseAskers(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Omid Najafi, Holger Kühnlenz, Dennis Jahn und Stephan Bothe (AfD)", "Omid Najafi/AfD Holger Kühnlenz/AfD Dennis Jahn/AfD Stephan Bothe/AfD"},
		{"Dr. Marco Mohrmann (CDU)", "Dr. Marco Mohrmann/CDU"},
		{"MUDr. PhDr. / Univ.Prag Jozef Rakicky (fraktionslos)", "MUDr. PhDr. / Univ.Prag Jozef Rakicky/fraktionslos"},
		{"Anna A (CDU) und Bernd B (SPD)", "Anna A/CDU Bernd B/SPD"},
	}
	for _, tt := range tests {
		var got []string
		for _, a := range parseAskers(tt.in) {
			got = append(got, a.Name+"/"+a.Party)
		}
		if strings.Join(got, " ") != tt.want {
			t.Errorf("parseAskers(%q)\n got  %q\n want %q", tt.in, strings.Join(got, " "), tt.want)
		}
	}
}

// titleBlock is the title block of Drs. 19/11277 as the dump prints it.
const titleBlock = `Niedersächsischer Landtag – 19. Wahlperiode Drucksache 19/11277 
 
1 
Kleine Anfrage zur schriftlichen Beantwortung  
gemäß § 46 Abs. 1 GO LT 
mit Antwort der Landesregierung 
Anfrage der Abgeordneten Andre Bock und Birgit Butter (CDU) 
Antwort des Niedersächsischen Ministeriums für Inneres, Sport und Digitalisierung namens der 
Landesregierung  
Fälle häuslicher Gewalt im 1. Quartal 2026 in Niedersachsen 
Anfrage der Abgeordneten Andre Bock und Birgit Butter (CDU), eingegangen am 29.06.2026 - 
Drs. 19/11087, 
an die Staatskanzlei übersandt am 01.07.2026 
Antwort des Niedersächsischen Ministeriums für Inneres, Sport und Digitalisierung namens der 
Landesregierung vom 27.07.2026 
 
1. Wie viele Fälle häuslicher Gewalt wurden im 1. Quartal 2026 erfasst? 
Eine hohe vierstellige Anzahl. 
`

// A reader that saw a web page (Layout.WebPage) gets no document kind, whatever the page quotes:
// a search result lists the title blocks of answers.
func TestWebPage(t *testing.T) {
	tests := []struct {
		name    string
		webPage bool
		kind    string
	}{
		{"an answer", false, drucksache.KindAnswer},
		{"the same text on a web page", true, drucksache.KindUnknown},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := parseLayout(t, "19-11277.txt", []byte(titleBlock), tt.webPage)
			notAnswer := false
			for _, w := range doc.Warnings {
				notAnswer = notAnswer || w.Code == drucksache.WarnNotAnAnswer
			}
			if doc.Kind != tt.kind || notAnswer != (tt.kind != drucksache.KindAnswer) || (len(doc.Questions) > 0) != !tt.webPage {
				t.Errorf("kind %q, not-an-answer warning %v, %d questions; want %q", doc.Kind, notAnswer, len(doc.Questions), tt.kind)
			}
		})
	}
}

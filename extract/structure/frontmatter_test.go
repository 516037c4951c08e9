package structure

import (
	"strings"
	"testing"

	"reflect"

	"drucksache"
)

func TestParseAskers(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Omid Najafi, Holger Kühnlenz, Dennis Jahn und Stephan Bothe (AfD)", "Omid Najafi/AfD Holger Kühnlenz/AfD Dennis Jahn/AfD Stephan Bothe/AfD"},
		{"Dr. Marco Mohrmann (CDU)", "Dr. Marco Mohrmann/CDU"},
		{"MUDr. PhDr. / Univ.Prag Jozef Rakicky (fraktionslos)", "MUDr. PhDr. / Univ.Prag Jozef Rakicky/fraktionslos"},
		{"Anna A (CDU) und Bernd B (SPD)", "Anna A/CDU Bernd B/SPD"},
		{"Anna A, Bernd B, weiterer Abgeordneter (CDU/CSU)", "Anna A/CDU/CSU Bernd B/CDU/CSU"},
		{"Anna A und weiterer Abgeordneter (AfD)", "Anna A/AfD"},
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

// TestNotAnAnswer checks that an Unterrichtung yields no questions and says why.
func TestNotAnAnswer(t *testing.T) {
	doc := parseFixture(t, "eval/ni-19-11188.txt")
	if doc.Kind != "unterrichtung" || len(doc.Questions) != 0 || len(doc.Warnings) == 0 {
		t.Errorf("kind %q, %d questions, %d warnings; want unterrichtung, none, a warning", doc.Kind, len(doc.Questions), len(doc.Warnings))
	}
}

// The title block of a Niedersachsen answer (Drs. 19/11277): askers, ministry, title and dates.
func TestFrontMatter(t *testing.T) {
	doc := parseText(t, "19-11277.txt", titleBlock)
	checkTitleBlock(t, doc, drucksache.KindAnswer, "Niedersächsischer Landtag", "19/11277", "19/11087",
		"Fälle häuslicher Gewalt im 1. Quartal 2026 in Niedersachsen",
		"des Niedersächsischen Ministeriums für Inneres, Sport und Digitalisierung", "27.07.2026", "")
	if got := []string{deref(doc.ReceivedOn), deref(doc.ForwardedOn)}; !reflect.DeepEqual(got, []string{"29.06.2026", "01.07.2026"}) || doc.Urgent {
		t.Errorf("received, forwarded %q, urgent %v", got, doc.Urgent)
	}
	askers := []drucksache.Asker{{Name: "Andre Bock", Party: "CDU"}, {Name: "Birgit Butter", Party: "CDU"}}
	if !reflect.DeepEqual(doc.Askers, askers) {
		t.Errorf("askers %+v", doc.Askers)
	}
	if len(doc.Questions) != 1 || doc.Questions[0].Provenance.Line != 17 {
		t.Errorf("questions %+v: the body starts after the title block", doc.Questions)
	}
}

// The kind of a Drucksache from its title block.
func TestKind(t *testing.T) {
	tests := []struct {
		name  string
		text  string
		kind  string
		title string
	}{
		{"an urgent answer", strings.Replace(titleBlock, "zur schriftlichen", "zur kurzfristigen schriftlichen", 1), drucksache.KindAnswer, "Fälle häuslicher Gewalt im 1. Quartal 2026 in Niedersachsen"},
		{"an Unterrichtung", "Unterrichtung\nDer Präsident des Niedersächsischen Landtages\nBeschlüsse des Landtages\n", drucksache.KindUnterrichtung, "Beschlüsse des Landtages"},
		{"a bill", "Gesetzentwurf\nder Fraktion der SPD\nEntwurf eines Gesetzes zur Änderung\ndes Kommunalverfassungsgesetzes\n\nA. Problem\n", drucksache.KindBill, "Entwurf eines Gesetzes zur Änderung des Kommunalverfassungsgesetzes"},
		{"a withdrawn question", "Kleine Anfrage zur schriftlichen Beantwortung\nAnfrage der Abgeordneten Anna Beispiel (SPD)\nDie Anfrage wurde zurückgezogen.\n", drucksache.KindWithdrawn, ""},
		{"a shopping list", "Einkaufsliste\n1. Milch\n2. Brot\n", drucksache.KindUnknown, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := parseText(t, "k.txt", tt.text)
			if doc.Kind != tt.kind || doc.Title != tt.title || doc.Urgent != strings.Contains(tt.name, "urgent") {
				t.Errorf("kind %q, title %q, urgent %v; want %q, %q", doc.Kind, doc.Title, doc.Urgent, tt.kind, tt.title)
			}
		})
	}
}

// Without a running header the parliament is inferred from what the title block cites.
func TestInferParliament(t *testing.T) {
	tests := []struct {
		text       string
		parliament string
		wp         int
	}{
		{"Antwort des Niedersächsischen Kultusministeriums\n", "Niedersächsischer Landtag", 0},
		{"LANDTAG DES SAARLANDES\n15. Wahlperiode Drucksache 15/1284\n", "Landtag des Saarlandes", 15},
		{"Landtag von Baden-Württemberg\n", "Landtag von Baden-Württemberg", 0},
		{"Bürgerschaft der Freien und Hansestadt\n", "", 0},
	}
	for _, tt := range tests {
		p := &parser{doc: &drucksache.Document{}, body: lines(tt.text)}
		p.inferParliament()
		wp := 0
		if p.doc.Wahlperiode != nil {
			wp = *p.doc.Wahlperiode
		}
		if deref(p.doc.Parliament) != tt.parliament || wp != tt.wp {
			t.Errorf("%q: parliament %q, Wahlperiode %d; want %q, %d", tt.text, deref(p.doc.Parliament), wp, tt.parliament, tt.wp)
		}
	}
}

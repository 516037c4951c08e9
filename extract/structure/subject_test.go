package structure

import (
	"strings"
	"testing"

	drucksache "drucksache"
	"drucksache/extract/layout"
	"drucksache/transform"
)

// printed makes lines as a reader hands them over; a line starting with "¶" starts a paragraph
// (breaks known, as in a PDF), else none is known (a text dump); "#" marks a running header.
func printed(rows ...string) []layout.Line {
	var lines []layout.Line
	for i, r := range rows {
		l := layout.Line{Text: strings.TrimPrefix(r, "¶"), Page: 1, No: i + 1, Break: strings.HasPrefix(r, "¶")}
		if t, ok := strings.CutPrefix(r, "#"); ok {
			l.Text, l.Role = t, layout.RoleHeader
		}
		lines = append(lines, l)
	}
	return lines
}

func TestKindAndTitle(t *testing.T) {
	tests := []struct {
		name        string
		lines       []layout.Line
		kind, title string
		distributed string
	}{
		{"Bundestag Antrag: the title under the authors",
			printed("#Deutscher Bundestag Drucksache 20/1020", "¶Antrag", "¶der Abgeordneten Anna A, Bernd B,", "Carla C und der Fraktion der AfD",
				"¶Finanzierung des Islamismus austrocknen", "¶Der Bundestag wolle beschließen:", "¶I. Der Deutsche Bundestag stellt fest:"),
			drucksache.KindMotion, "Finanzierung des Islamismus austrocknen", ""},
		{"Antrag in a text dump: the authors end at their group",
			printed("Antrag", "der Abgeordneten Anna A, Bernd B,", "Carla C und der Fraktion der AfD",
				"Finanzierung des Islamismus", "austrocknen", "Der Bundestag wolle beschließen:", "Text."),
			drucksache.KindMotion, "Finanzierung des Islamismus austrocknen", ""},
		{"Niedersachsen Unterrichtung: the subject under the sender",
			printed("Unterrichtung", "Hannover, den 09.07.2026", "Die Präsidentin des Niedersächsischen Landtages", "- Landtagsverwaltung -",
				"Solidarität mit den Menschen in Iran - Freiheit und Rechts-", "staatlichkeit sind unteilbar",
				"Antrag der Fraktion der SPD - Drs. 19/9632", "Beschluss des Landtages vom 29.01.2026", "Text.", "(verteilt am 16.07.2026)"),
			drucksache.KindUnterrichtung, "Solidarität mit den Menschen in Iran - Freiheit und Rechtsstaatlichkeit sind unteilbar", "16.07.2026"},
		{"Gesetzentwurf: the title under the authors",
			printed("¶Gesetzentwurf", "¶der Fraktion der SPD", "¶Gesetz zur Änderung der Verfassung des Landes Baden-", "Württemberg", "¶A. Zielsetzung", "¶Text."),
			drucksache.KindBill, "Gesetz zur Änderung der Verfassung des Landes Baden-Württemberg", ""},
		{"a distribution note with a capital",
			printed("Unterrichtung", "Hannover, den 09.07.2026", "Die Präsidentin des Niedersächsischen Landtages",
				"Ein Betreff", "Beschluss des Landtages", "Text.", "(Verteilt am 11.06.2025)"),
			drucksache.KindUnterrichtung, "Ein Betreff", "11.06.2025"},
		{"a notice that a question was withdrawn: the question's subject",
			printed("Unterrichtung", "Hannover, den 09.07.2026", "Die Präsidentin des Niedersächsischen Landtages", "- Landtagsverwaltung -",
				"Kleine Anfrage zur schriftlichen Beantwortung", "gemäß § 46 Abs. 1 GO LT", "Anfrage der Abgeordneten Anna A und", "Bernd B (AfD)",
				"Wie sicher sind die Deiche an der", "Ems?",
				"Anfrage der Abgeordneten Anna A und Bernd B (AfD), eingegangen am 01.06.2026 - Drs. 19/10000",
				"Die Anfrage wurde von den Fragestellern zurückgezogen."),
			drucksache.KindUnterrichtung, "Wie sicher sind die Deiche an der Ems?", ""},
		{"a notice sent by a ministry",
			printed("Unterrichtung", "Hannover, den 10.07.2026", "Niedersächsisches Ministerium für Wissenschaft und Kultur",
				"Hochschulen im ländlichen Raum", "Beschluss des Landtages vom 29.01.2026 - Drs. 19/9716", "Text."),
			drucksache.KindUnterrichtung, "Hochschulen im ländlichen Raum", ""},
		{"a footnote marker in the title goes to the footnote",
			printed("Unterrichtung", "Die Präsidentin des Niedersächsischen Landtages", "Der „Justizskandal“¹", "Beschluss des Landtages", "Text."),
			drucksache.KindUnterrichtung, "Der „Justizskandal“", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := Parse(drucksache.Source{File: "t.txt", Format: "txt"}, &layout.Layout{Lines: tt.lines}, transform.Sums{})
			if err != nil {
				t.Fatal(err)
			}
			distributed := ""
			if doc.DistributedOn != nil {
				distributed = *doc.DistributedOn
			}
			if doc.Kind != tt.kind || doc.Title != tt.title || distributed != tt.distributed {
				t.Errorf("got kind %q, title %q, distributed %q\nwant kind %q, title %q, distributed %q",
					doc.Kind, doc.Title, distributed, tt.kind, tt.title, tt.distributed)
			}
		})
	}
}

func TestFootnoteMarkerPrinted(t *testing.T) {
	lines := printed("¶Antrag", "¶der Fraktion der AfD", "¶Ein Titel", "¶Der Bundestag wolle beschließen:",
		"¶In Deutschland gibt es 960 Verbände.¹ Die Mehrzahl", "¶Ein Absatz ohne Marke.")
	lines = append(lines, layout.Line{Text: "¹ https://www.example.de, Stand 01.03.2022.", Page: 1, No: 9, Role: layout.RoleFootnote},
		layout.Line{Text: "² Ebd.", Page: 1, No: 10, Role: layout.RoleFootnote})
	doc, err := Parse(drucksache.Source{File: "t.pdf", Format: "pdf"}, &layout.Layout{Lines: lines}, transform.Sums{})
	if err != nil {
		t.Fatal(err)
	}
	var codes []string
	for _, w := range doc.Warnings {
		if w.Code == drucksache.WarnFootnoteMarkerNotFound {
			codes = append(codes, w.Message)
		}
	}
	if len(doc.Footnotes) != 2 || len(codes) != 1 || !strings.HasPrefix(codes[0], "footnote ²") {
		t.Errorf("%d footnotes, warnings %q; want 2 footnotes and a warning for ² only (¹ is printed in the text)", len(doc.Footnotes), codes)
	}
}

// TestFootnoteInTable links a footnote whose marker is printed in a table cell of an answer to that
// answer's question.
func TestFootnoteInTable(t *testing.T) {
	p := &parser{doc: &drucksache.Document{
		Questions: []drucksache.Question{{Number: 1, Answer: "Keine."}, {Number: 2, Answer: "Siehe Tabelle.", Tables: []string{"t1"}}},
		Tables:    []drucksache.Table{{ID: "t1", Question: 2, Header: []string{"Jahr", "Anzahl"}, Rows: [][]drucksache.Cell{{{Raw: "2016²"}, {Raw: "1.256"}}}}},
	}}
	p.body = printed("1. Eins?", "Keine.", "2. Zwei?", "Siehe Tabelle.", "Tabelle")
	p.questions = []qspan{{number: 1, start: 0, end: 2, index: 0}, {number: 2, start: 2, end: 5, index: 1}}
	p.notes = []note{{marker: "²", text: "Im Jahr 2016 anders gezählt.", at: 5, prov: drucksache.Provenance{Page: 1}}}
	p.linkFootnotes()
	if len(p.doc.Footnotes) != 1 || p.doc.Footnotes[0].Question == nil || *p.doc.Footnotes[0].Question != 2 || len(p.doc.Warnings) != 0 {
		t.Errorf("footnotes %+v, warnings %v; want ² linked to question 2", p.doc.Footnotes, p.doc.Warnings)
	}
}

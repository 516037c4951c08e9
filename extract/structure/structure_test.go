package structure

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	drucksache "drucksache"
	"drucksache/extract/layout"
	"drucksache/extract/text"
	"drucksache/transform"
)

// parseText parses text the way extract does for a .txt file: the text reader's lines, then Parse.
func parseText(t testing.TB, name, src string) *drucksache.Document {
	t.Helper()
	return parseLayout(t, name, []byte(src), false)
}

// parseLayout reads data with the text reader, marks the layout a web page when asked, and parses it.
func parseLayout(t testing.TB, name string, data []byte, webPage bool) *drucksache.Document {
	t.Helper()
	l, err := text.Reader{}.Read(context.Background(), name, data)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	l.WebPage = webPage
	doc, err := Parse(drucksache.Source{File: name, Format: "txt", Pages: l.Pages}, l, transform.Sums{})
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return doc
}

// parseFixture parses a text fixture of the project (a path below fixtures/).
func parseFixture(t testing.TB, rel string) *drucksache.Document {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "..", "fixtures", rel))
	if err != nil {
		t.Fatal(err)
	}
	return parseLayout(t, rel, data, false)
}

// The first page of Drs. 19/11277 as a PDF reader hands it over: the parser keeps running text and
// tables as the body, running headers apart, drops page numbers and footers, and collects footnotes
// with the lines that continue them.
func TestSplit(t *testing.T) {
	in := []layout.Line{
		{Text: "Niedersächsischer Landtag – 19. Wahlperiode Drucksache 19/11277", Role: layout.RoleHeader, Page: 1, No: 1},
		{Text: "1", Role: layout.RolePageNumber, Page: 1, No: 2},
		{Text: "Kleine Anfrage zur schriftlichen Beantwortung", Page: 1, No: 3},
		{Text: "   ", Page: 1, No: 4},
		{Text: "gewalt“¹ Betroffen sind vor allem Mädchen", Page: 1, No: 5},
		{Text: "¹ Seite 59, Bundeslagebild 2023", Role: layout.RoleFootnote, Page: 1, No: 6},
		{Text: "des BKA zur Häuslichen Gewalt.", Role: layout.RoleFootnote, Page: 1, No: 7},
		{Text: "(verteilt am 04.08.2026)", Role: layout.RoleFooter, Page: 1, No: 8},
		{Text: "2 Seite 60", Role: layout.RoleFootnote, Page: 2, No: 1},
		{Cells: []string{"", ""}, Table: 1, Page: 2, No: 2},
		{Text: "Frauen (70,5 %) aller Altersklassen.", Page: 2, No: 3},
	}
	p := &parser{doc: &drucksache.Document{}}
	p.split(in)
	var body []int
	for _, l := range p.body {
		body = append(body, l.Page*10+l.No)
	}
	if want := []int{13, 15, 22, 23}; !reflect.DeepEqual(body, want) {
		t.Errorf("body lines %v, want %v", body, want)
	}
	if want := []bool{true, false, true, false}; !reflect.DeepEqual(p.pageStart, want) {
		t.Errorf("page starts %v, want %v", p.pageStart, want)
	}
	if len(p.headers) != 1 || p.headers[0].No != 1 {
		t.Errorf("headers %v, want the first line", p.headers)
	}
	want := []note{
		{marker: "¹", text: "Seite 59, Bundeslagebild 2023 des BKA zur Häuslichen Gewalt.", at: 2, prov: drucksache.Provenance{Page: 1, Line: 6}},
		{marker: "²", text: "Seite 60", at: 2, prov: drucksache.Provenance{Page: 2, Line: 1}},
	}
	if !reflect.DeepEqual(p.notes, want) {
		t.Errorf("notes %+v\nwant  %+v", p.notes, want)
	}
}

func TestFootnoteStart(t *testing.T) {
	tests := []struct{ line, marker, rest string }{
		{"¹ Niedersächsisches Antragsystem für Verwaltungsleistungen Online.", "¹", "Niedersächsisches Antragsystem für Verwaltungsleistungen Online."},
		{"1 Seite 59, Bundeslagebild 2023", "¹", "Seite 59, Bundeslagebild 2023"},
		{"  12  https://www.bka.de/", "¹²", "https://www.bka.de/"},
		{"des BKA zur Häuslichen Gewalt.", "", "des BKA zur Häuslichen Gewalt."},
	}
	for _, tt := range tests {
		if m, rest := footnoteStart(tt.line); m != tt.marker || rest != tt.rest {
			t.Errorf("footnoteStart(%q) = %q, %q; want %q, %q", tt.line, m, rest, tt.marker, tt.rest)
		}
	}
}

// Running headers of the Landtag, the Bundestag and the Bürgerschaft name the parliament, the
// Wahlperiode and the Drucksache; the first header that prints one wins.
func TestHeaderFacts(t *testing.T) {
	tests := []struct {
		name       string
		headers    []string
		parliament string
		wp         int
		ds         string
	}{
		{"Niedersachsen", []string{"Niedersächsischer Landtag – 19. Wahlperiode Drucksache 19/11277"}, "Niedersächsischer Landtag", 19, "19/11277"},
		{"Bundestag", []string{"Drucksache 21/7449 – 2 – Deutscher Bundestag – 21. Wahlperiode"}, "Deutscher Bundestag", 21, "21/7449"},
		{"a spaced number", []string{"Bremische Bürgerschaft Drucksache 21 / 512"}, "Bremische Bürgerschaft", 0, "21/512"},
		{"the first header wins", []string{"Niedersächsischer Landtag – 19. Wahlperiode Drucksache 19/11277", "Niedersächsischer Landtag – 18. Wahlperiode Drucksache 18/1"}, "Niedersächsischer Landtag", 19, "19/11277"},
		{"no parliament", []string{"Drucksache 19/7520"}, "", 0, "19/7520"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := &parser{doc: &drucksache.Document{}}
			for _, h := range tt.headers {
				p.headers = append(p.headers, layout.Line{Text: h, Role: layout.RoleHeader})
			}
			p.headerFacts()
			got := []string{deref(p.doc.Parliament), deref(p.doc.Drucksache)}
			wp := 0
			if p.doc.Wahlperiode != nil {
				wp = *p.doc.Wahlperiode
			}
			if !reflect.DeepEqual(got, []string{tt.parliament, tt.ds}) || wp != tt.wp {
				t.Errorf("parliament %q, drucksache %q, wahlperiode %d; want %q, %q, %d", got[0], got[1], wp, tt.parliament, tt.ds, tt.wp)
			}
		})
	}
}

// checkTitleBlock compares what the title block of doc tells — kind, parliament, Drucksache, the
// question's Drucksache, title, ministry, the dates answered and distributed — with want.
func checkTitleBlock(t *testing.T, doc *drucksache.Document, want ...string) {
	t.Helper()
	got := []string{doc.Kind, deref(doc.Parliament), deref(doc.Drucksache), deref(doc.QuestionDrucksache), doc.Title,
		doc.AnsweredBy, deref(doc.AnsweredOn), deref(doc.DistributedOn)}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("title block\n got  %q\n want %q", got, want)
	}
}

// deref is *s, or "" for nil.
func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

// A source of page furniture only has no text to parse: an *Error naming the file and the stage.
func TestParseNoText(t *testing.T) {
	l := &layout.Layout{Lines: []layout.Line{
		{Text: "Niedersächsischer Landtag – 19. Wahlperiode Drucksache 19/11277", Role: layout.RoleHeader, Page: 1, No: 1},
		{Text: "1", Role: layout.RolePageNumber, Page: 1, No: 2},
		{Text: "  ", Page: 1, No: 3},
	}}
	_, err := Parse(drucksache.Source{File: "leer.pdf"}, l, transform.Sums{})
	var e *layout.Error
	if !errors.As(err, &e) || e.File != "leer.pdf" || e.Stage != "parse" || !errors.Is(err, layout.ErrNoText) {
		t.Errorf("error %v, want an *Error of leer.pdf in stage parse wrapping ErrNoText", err)
	}
}

// lines are the body lines of text as the text reader splits them.
func lines(src string) []layout.Line {
	l, _ := text.Lines(src)
	return l
}

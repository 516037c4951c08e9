package structure

import (
	"reflect"
	"strings"
	"testing"

	drucksache "drucksache"
)

// A footnote belongs to the question whose text or answer carries its marker; one whose marker
// is nowhere is warned about with the question it is printed after, unless a remark cites it.
func TestLinkFootnotes(t *testing.T) {
	head := titleBlock[:strings.Index(titleBlock, "1. Wie viele")]
	tests := []struct {
		name      string
		body      string
		questions []*int
		warnings  []string
	}{
		{"cited in an answer", "1. Wie viele Fälle gab es?\nEine hohe Anzahl¹.\n\n2. Wie viele Opfer?\nViele.\n\n¹ Seite 59, Bundeslagebild 2023.\n",
			[]*int{ptr(1)}, nil},
		{"cited in a later question", "1. Wie viele Fälle gab es?\nViele.\n\n2. Wie viele davon nach Statistik²?\nViele.\n\n¹ Seite 59.\n\n² Seite 60.\n",
			[]*int{nil, ptr(2)}, []string{"footnote ¹: its marker was not found in the text, so it is linked to no question; it is printed after question 2"}},
		{"cited in a remark", "Vorbemerkung der Abgeordneten\nSeit Jahren steigen die Fallzahlen¹.\n\n1. Wie viele Fälle gab es?\nViele.\n\n¹ Seite 59.\n",
			[]*int{nil}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := parseText(t, "fn.txt", head+tt.body)
			var questions []*int
			for _, f := range doc.Footnotes {
				questions = append(questions, f.Question)
			}
			var warnings []string
			for _, w := range doc.Warnings {
				if w.Code == drucksache.WarnFootnoteMarkerNotFound {
					warnings = append(warnings, w.Message)
				}
			}
			if !reflect.DeepEqual(questions, tt.questions) || !reflect.DeepEqual(warnings, tt.warnings) {
				t.Errorf("footnotes linked to %v, warnings %q; want %v, %q", show(questions), warnings, show(tt.questions), tt.warnings)
			}
		})
	}
}

// show writes question numbers, "-" for none.
func show(qs []*int) []string {
	var out []string
	for _, q := range qs {
		if q == nil {
			out = append(out, "-")
		} else {
			out = append(out, itoa(*q))
		}
	}
	return out
}

// Dumped text prints markers as plain digits glued to a word or a sign (Drs. 19/11277:
// "Gewalt“1 Betroffen"); raiseIn writes the last such digit as the superscript marker.
func TestRaiseIn(t *testing.T) {
	tests := []struct {
		text, digits, marker string
		want                 string
		ok                   bool
	}{
		{"„innerfamiliäre Gewalt“1 Betroffen sind", "1", "¹", "„innerfamiliäre Gewalt“¹ Betroffen sind", true},
		{"wurden erfasst.1", "1", "¹", "wurden erfasst.¹", true},
		{"Angeboten12, die", "12", "¹²", "Angeboten¹², die", true},
		{"im Jahr 2021 wurden 1 Fall und Quote1 erfasst", "1", "¹", "im Jahr 2021 wurden 1 Fall und Quote¹ erfasst", true},
		{"im Jahr 2021 wurden", "1", "¹", "im Jahr 2021 wurden", false}, // a digit of a figure
		{"Seite 1 von 3", "1", "¹", "Seite 1 von 3", false},             // a number standing alone
		{"Artikel1a", "1", "¹", "Artikel1a", false},                     // glued on both sides
	}
	for _, tt := range tests {
		got, ok := raiseIn(tt.text, tt.digits, tt.marker)
		if got != tt.want || ok != tt.ok {
			t.Errorf("raiseIn(%q) = %q, %v; want %q, %v", tt.text, got, ok, tt.want, tt.ok)
		}
	}
}

// The dumped Drs. 19/11277 prints its footnote's marker as a plain digit in the remark.
func TestRaiseMarkers(t *testing.T) {
	doc := parseFixture(t, "ni-19-11277.txt")
	if len(doc.Footnotes) != 1 || doc.Footnotes[0].Marker != "¹" {
		t.Fatalf("footnotes %+v", doc.Footnotes)
	}
	if r := doc.PreliminaryRemarks[0].Text; !strings.Contains(r, "„innerfamiliäre Gewalt“¹ Betroffen") {
		t.Errorf("marker not raised in the remark: %.200q", r)
	}
}

// A footnote printed at the page's foot whose marker only a table prints belongs to that table
// (on the footnote's page or ending on the page before) and to its question.
func TestTableOf(t *testing.T) {
	p := &parser{doc: &drucksache.Document{Tables: []drucksache.Table{
		{ID: "t1", Question: 2, Provenance: drucksache.Span{Page: 3, EndPage: 3},
			Header: []string{"Art", "2023"}, Rows: [][]drucksache.Cell{{{Raw: "Kassenkredite¹⁾"}, {Raw: "12"}}}},
		{ID: "t2", Question: 4, Provenance: drucksache.Span{Page: 5, EndPage: 6},
			Header: []string{"Art", "2024*"}, Rows: [][]drucksache.Cell{{{Raw: "Kredite"}, {Raw: "7"}}}},
	}}}
	tests := []struct {
		name   string
		marker string
		page   int
		id     string
		q      int
	}{
		{"a marker in a cell, on the table's page", "¹", 3, "t1", 2},
		{"a marker in the header, the page after the table", "*", 7, "t2", 4},
		{"on a page the table is not near", "¹", 5, "", 0},
		{"a marker no table prints", "²", 3, "", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			id, q, _ := p.tableOf(note{marker: tt.marker, prov: drucksache.Provenance{Page: tt.page}})
			if id != tt.id || q != tt.q {
				t.Errorf("table %q question %d, want %q %d", id, q, tt.id, tt.q)
			}
		})
	}
}

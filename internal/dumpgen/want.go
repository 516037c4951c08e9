package dumpgen

import (
	"strings"

	drucksache "drucksache"
)

// Expected is what a careful reader extracts from the print of a case: the table of the first
// answer, its footnotes and the codes of the warnings about it.
type Expected struct {
	Header    []string
	Unit      string // the table's unit, normalized ("EUR"); "" for none
	Rows      [][]WantCell
	Footnotes []drucksache.Footnote
	Warnings  []string
}

// WantCell is a cell as the output contract gives it: its raw text and, for a figure, its value
// and unit.
type WantCell struct {
	Raw    string
	Figure bool
	Value  float64
	Unit   string
}

// UnitNames are the units a case may print in its cells, with the names the contract gives them.
var UnitNames = map[string]string{
	"Euro": "EUR", "EUR": "EUR", "€": "EUR", "%": "%", "Prozent": "%",
	"Mio. Euro": "Mio. EUR", "Mio. €": "Mio. EUR", "Tsd. Euro": "Tsd. EUR", "TEUR": "Tsd. EUR",
	"Personen": "Personen",
}

// Warning codes a reader of a dumped table raises, as the catalogue names them.
const (
	CodeRowAmbiguous   = "table_row_ambiguous"      // a row whose figures group in more than one way
	CodeMarkerResolved = "footnote_marker_resolved" // a digit after a figure read as a footnote marker
)

// Expect returns what a careful reader extracts from Print(c): the header with its soft hyphens
// removed; each row's label and cells, a figure's raw text as printed but its footnote marker
// raised ("1 205³"), its value and its unit; the table's unit where every figure prints the same;
// the table's footnotes, linked to question 1 and table t1; and a warning for each marker read
// from the figure it was glued to, so that a reader can check it. Want overrides them.
func (c Case) Expect() Expected {
	var e Expected
	for _, h := range c.Header {
		if c.Style.NoHeader {
			h = "" // nothing printed, nothing read
		}
		e.Header = append(e.Header, strings.ReplaceAll(h, softHyphen, ""))
	}
	unit := UnitNames[c.Style.Unit]
	e.Unit = unit
	for _, r := range c.Rows {
		row := []WantCell{{Raw: strings.ReplaceAll(r.Label, softHyphen, "")}}
		for _, cl := range r.Cells {
			w := WantCell{Raw: printCell(cl, c.Style, true), Figure: cl.Figure, Value: cl.Value}
			if cl.Figure {
				w.Unit = unit
			}
			if cl.Marker > 0 {
				e.Warnings = append(e.Warnings, CodeMarkerResolved)
			}
			row = append(row, w)
		}
		e.Rows = append(e.Rows, row)
	}
	one := 1
	for k, text := range c.Notes {
		e.Footnotes = append(e.Footnotes, drucksache.Footnote{
			Marker: Superscript(c.Earlier + k + 1), Text: text, Question: &one, Table: "t1",
		})
	}
	if w := c.Want; w != nil {
		if w.Unit != "" {
			e.Unit = w.Unit
		}
		if w.Header != nil {
			e.Header = w.Header
		}
		if w.Warnings != nil {
			e.Warnings = w.Warnings
		}
		for i, raws := range w.Rows {
			if i < 0 || i >= len(e.Rows) {
				continue
			}
			row := make([]WantCell, len(raws))
			for k, raw := range raws {
				row[k] = WantCell{Raw: raw}
			}
			e.Rows[i] = row
		}
		if w.Unlinked {
			for k := range e.Footnotes {
				e.Footnotes[k].Question, e.Footnotes[k].Table = nil, ""
			}
		}
	}
	return e
}

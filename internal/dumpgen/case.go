package dumpgen

import (
	"bytes"
	"embed"
	"encoding/json"
	"fmt"
	"math"
	"path"
	"strings"
)

// Case is one table held as data, the answer it stands in and the way a dump prints it.
type Case struct {
	Name string `json:"name"`
	// Pending says why the pipeline does not read the case back yet; a test skips it with this reason.
	Pending string `json:"pending,omitempty"`
	// Lead is the sentence that leads into the table ("Die Kosten entwickelten sich wie folgt:").
	Lead string `json:"lead"`
	// Header holds the column headers as a reader reads them, the label column's first; a soft
	// hyphen (U+00AD) marks where a stacked header may break a word, printed as "-" at a line end.
	Header []string `json:"header"`
	Rows   []Row    `json:"rows"`
	// Notes are the footnotes printed at the foot of the table's page, numbered on from Earlier.
	Notes []string `json:"notes,omitempty"`
	// Earlier is how many footnotes the answer prints before the table's (on its first page, as
	// sources of a preliminary remark), so that the table's footnotes need not be numbered from 1.
	Earlier int   `json:"earlier,omitempty"`
	Style   Style `json:"style"`
	// Want overrides what a careful reader extracts where it is not the data itself: a row that
	// cannot be read without guessing keeps its cells as printed, with a warning.
	Want *Want `json:"want,omitempty"`
}

// Row is a row label and the row's cells.
type Row struct {
	Label string
	Cells []Cell
}

// Cell is one cell of a row: a figure (Value printed with Decimals decimals), a statistics sign
// or a text as printed (Text), or an empty cell (the zero Cell).
type Cell struct {
	Value    float64 `json:"value"`
	Figure   bool    `json:"-"`
	Decimals int     `json:"decimals,omitempty"`
	// Marker is the number of the footnote whose marker is printed after the figure, raised in
	// the PDF and flat in the dump.
	Marker int    `json:"marker,omitempty"`
	Text   string `json:"text,omitempty"`
}

// Style is how the dump prints a table.
type Style struct {
	// Thousands groups the digits of figures: "." (the default), " " or "none".
	Thousands string `json:"thousands,omitempty"`
	// Unit is printed after every figure, separated by a space ("Euro", "%", "Mio. Euro").
	Unit string `json:"unit,omitempty"`
	// Stacked prints the header one short cell a line, each cell wrapped at Wrap characters;
	// otherwise the header is one line, its cells separated by spaces.
	Stacked bool `json:"stacked,omitempty"`
	// Wrap is the widest line of a stacked header cell, in characters (default 12).
	Wrap int `json:"wrap,omitempty"`
	// LabelWrap wraps row labels longer than it over lines, the figures on the label's last line.
	LabelWrap int `json:"label_wrap,omitempty"`
	// FiguresBelow prints each row's figures on a line of their own below its label, as a dump
	// prints a row whose label wraps in a narrow column.
	FiguresBelow bool `json:"figures_below,omitempty"`
	// NoHeader prints no header: the rows follow the lead sentence, which says what they list.
	NoHeader bool `json:"no_header,omitempty"`
}

// Want is what a careful reader extracts where it is not the data itself.
type Want struct {
	// Rows are rows as printed, by index into Case.Rows: each cell's raw text, the label first.
	Rows map[int][]string `json:"rows,omitempty"`
	// Warnings are the codes of the warnings the table must carry, in order.
	Warnings []string `json:"warnings,omitempty"`
	// Header replaces Case.Header (soft hyphens removed) as the header read back.
	Header []string `json:"header,omitempty"`
	// Unit is the table's unit where the lead states one ("(in Euro)") and the cells print none.
	Unit string `json:"unit,omitempty"`
	// Unlinked says that no marker of the table's footnotes can be found without guessing: the
	// footnotes are linked to no question and no table.
	Unlinked bool `json:"unlinked,omitempty"`
}

// UnmarshalJSON reads a row written as an array: the label first, then one element per cell, a
// number for a figure (printed with as many decimals as the number is written with: 12.50 has
// two), null for an empty cell, a string for a sign or text as printed, or an object for a
// figure with a footnote marker ({"value": 1205, "marker": 3}).
func (r *Row) UnmarshalJSON(data []byte) error {
	var elems []json.RawMessage
	if err := json.Unmarshal(data, &elems); err != nil {
		return err
	}
	if len(elems) == 0 {
		return fmt.Errorf("a row needs its label")
	}
	if err := json.Unmarshal(elems[0], &r.Label); err != nil {
		return fmt.Errorf("row label: %w", err)
	}
	r.Cells = nil
	for _, e := range elems[1:] {
		c, err := decodeCell(e)
		if err != nil {
			return fmt.Errorf("row %q: %w", r.Label, err)
		}
		r.Cells = append(r.Cells, c)
	}
	return nil
}

// decodeCell reads one cell of a row array.
func decodeCell(e json.RawMessage) (Cell, error) {
	t := bytes.TrimSpace(e)
	switch {
	case bytes.Equal(t, []byte("null")):
		return Cell{}, nil
	case len(t) > 0 && t[0] == '"':
		var s string
		err := json.Unmarshal(t, &s)
		return Cell{Text: s}, err
	case len(t) > 0 && t[0] == '{':
		var c Cell
		var raw struct {
			Value json.Number `json:"value"`
		}
		if err := json.Unmarshal(t, &c); err != nil {
			return c, err
		}
		if err := json.Unmarshal(t, &raw); err != nil {
			return c, err
		}
		if raw.Value != "" && c.Decimals == 0 {
			c.Decimals = literalDecimals(string(raw.Value))
		}
		c.Figure = true
		return c, nil
	}
	var v float64
	if err := json.Unmarshal(t, &v); err != nil {
		return Cell{}, err
	}
	return Cell{Value: v, Figure: true, Decimals: literalDecimals(string(t))}, nil
}

// literalDecimals is the number of digits after the point of a JSON number as written.
func literalDecimals(s string) int {
	if i := strings.IndexByte(s, '.'); i >= 0 {
		return len(digitsPrefix(s[i+1:]))
	}
	return 0
}

// digitsPrefix is the run of ASCII digits at the start of s.
func digitsPrefix(s string) string {
	i := 0
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	return s[:i]
}

// totalWords head a last column that prints the sum of the others.
var totalWords = map[string]bool{"summe": true, "gesamt": true, "insgesamt": true}

//go:embed cases/*.json
var caseFiles embed.FS

// Cases reads the cases held in cases/, in the order of their file names (ReadDir sorts them).
func Cases() ([]Case, error) {
	entries, err := caseFiles.ReadDir("cases")
	if err != nil {
		return nil, err
	}
	var out []Case
	for _, e := range entries {
		data, err := caseFiles.ReadFile(path.Join("cases", e.Name()))
		if err != nil {
			return nil, err
		}
		var c Case
		dec := json.NewDecoder(bytes.NewReader(data))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&c); err != nil {
			return nil, fmt.Errorf("%s: %w", e.Name(), err)
		}
		if err := c.validate(); err != nil {
			return nil, fmt.Errorf("%s: %w", e.Name(), err)
		}
		out = append(out, c)
	}
	return out, nil
}

// validate reports a case whose rows do not fit its header or whose markers name no footnote.
func (c Case) validate() error {
	if c.Name == "" || len(c.Header) < 2 || len(c.Rows) == 0 {
		return fmt.Errorf("a case needs a name, a header of two columns or more and rows")
	}
	for _, r := range c.Rows {
		if len(r.Cells) != len(c.Header)-1 {
			return fmt.Errorf("row %q has %d cells for %d value columns", r.Label, len(r.Cells), len(c.Header)-1)
		}
		for _, cl := range r.Cells {
			if cl.Marker != 0 && (cl.Marker <= c.Earlier || cl.Marker > c.Earlier+len(c.Notes)) {
				return fmt.Errorf("row %q: marker %d names no footnote of the table's page", r.Label, cl.Marker)
			}
		}
	}
	if total := len(c.Header) - 1; totalWords[strings.ToLower(c.Header[total])] {
		for _, r := range c.Rows {
			sum := 0.0
			for _, cl := range r.Cells[:total-1] {
				sum += cl.Value
			}
			if math.Abs(sum-r.Cells[total-1].Value) > 1e-6 {
				return fmt.Errorf("row %q: the parts add up to %v, not to the %s %v", r.Label, sum, c.Header[total], r.Cells[total-1].Value)
			}
		}
	}
	if _, ok := UnitNames[c.Style.Unit]; c.Style.Unit != "" && !ok {
		return fmt.Errorf("unit %q: not one of UnitNames", c.Style.Unit)
	}
	switch c.Style.Thousands {
	case "", ".", " ", "none":
	default:
		return fmt.Errorf("thousands %q: want \".\", \" \" or \"none\"", c.Style.Thousands)
	}
	return nil
}

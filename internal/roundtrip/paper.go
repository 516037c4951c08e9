package roundtrip

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// Paper is an answer to a Kleine Anfrage held as data: everything a producer prints, and in the
// fields marked so, what a reader should make of it.
//
// Texts may hold soft hyphens (U+00AD), the places where a producer may break a word with a
// hyphen, and raised footnote markers written "^1)"; neither is part of the text a reader extracts.
type Paper struct {
	Name        string  `json:"name"`       // file name of the renditions, without extension
	Parliament  string  `json:"parliament"` // "Niedersächsischer Landtag"
	Wahlperiode int     `json:"wahlperiode"`
	Drucksache  string  `json:"drucksache"` // "19/8840"
	Title       string  `json:"title"`
	Askers      []Asker `json:"askers"`
	Ministry    string  `json:"ministry"`    // the answering ministry as printed after "Antwort des" (genitive)
	AnsweredBy  string  `json:"answered_by"` // the same in the nominative: what a reader extracts
	// QuestionDrucksache and the dates as printed (DD.MM.YYYY).
	QuestionDrucksache string     `json:"question_drucksache"`
	ReceivedOn         string     `json:"received_on"`
	ForwardedOn        string     `json:"forwarded_on"`
	AnsweredOn         string     `json:"answered_on"`
	Remarks            []Remark   `json:"remarks"`
	Questions          []Question `json:"questions"`
	Annex              *Annex     `json:"annex,omitempty"`
}

// Asker is a member of parliament who asked.
type Asker struct {
	Name  string `json:"name"`
	Party string `json:"party"`
}

// Remark is a preliminary remark: by "askers" or "government".
type Remark struct {
	By   string   `json:"by"`
	Text []string `json:"text"` // paragraphs
}

// Question is a numbered question with its answer, paragraphs and tables in printed order.
type Question struct {
	Number int     `json:"number"`
	Text   string  `json:"text"`
	Answer []Block `json:"answer"`
}

// Block is a paragraph or a table.
type Block struct {
	Text  string `json:"p,omitempty"`
	Table *Table `json:"table,omitempty"`
}

// Annex is what is printed after the last answer on pages of its own ("Anlage"), landscape when
// Landscape is set; its tables belong to the question named in each table's Question.
type Annex struct {
	Heading   string  `json:"heading"`
	Landscape bool    `json:"landscape"`
	Blocks    []Block `json:"blocks"`
}

// Table is a printed table. Header holds the levels of its header band from the top; a cell spans
// Span columns (default 1) and Rows levels (default 1). Units is a unit row below the header
// (cells with Span; Unit names the unit a reader should find there). Widths are the columns'
// widths in millimetres.
type Table struct {
	Title    string         `json:"title,omitempty"`    // the heading printed right above the table
	Question int            `json:"question,omitempty"` // the question whose answer refers to an annex table
	Ruled    bool           `json:"ruled"`              // cell borders drawn
	Size     float64        `json:"size,omitempty"`     // font size in points; 0 the body's
	Widths   []float64      `json:"widths"`
	Header   [][]HeaderCell `json:"header"`
	Units    []HeaderCell   `json:"units,omitempty"`
	Rows     []Row          `json:"rows"`
	Legend   []Sign         `json:"legend,omitempty"`
	Notes    []Note         `json:"notes,omitempty"`
	Source   string         `json:"source,omitempty"`
	Unit     string         `json:"unit,omitempty"` // the unit a reader finds for the whole table, normalized
}

// HeaderCell is one cell of a header level or of the unit row.
type HeaderCell struct {
	Text string `json:"text"`
	Span int    `json:"span,omitempty"`
	Rows int    `json:"rows,omitempty"`
	Unit string `json:"unit,omitempty"` // unit row: the unit normalized ("Tsd. EUR", "%")
	// Turned prints the text turned a quarter turn to read upwards (from bottom to top), as
	// statistics tables head their narrow columns.
	Turned bool `json:"turned,omitempty"`
}

// Row is a body row: its cells as printed, bold (a sum) or indented (a "davon" part). Spans says
// how many rows each cell spans (0 and 1 one row); a cell spanning rows is printed once, and the
// rows it covers hold its text again in Cells: what a reader extracts for each of them.
type Row struct {
	Cells  []string `json:"cells"`
	Bold   bool     `json:"bold,omitempty"`
	Indent bool     `json:"indent,omitempty"`
	Spans  []int    `json:"spans,omitempty"`
}

// Sign is a statistics sign defined in the legend under a table.
type Sign struct {
	Sign    string `json:"sign"`
	Text    string `json:"text"`    // as printed: "Zahlenwert unbekannt oder geheim"
	Meaning string `json:"meaning"` // what a reader records: "unknown or secret"
}

// Note is a footnote of a table, printed under it: "1) Einschließlich …".
type Note struct {
	Marker string `json:"marker"` // "1)"
	Text   string `json:"text"`
}

// span and rows of a header cell, at least 1.
func (c HeaderCell) span() int { return max(1, c.Span) }
func (c HeaderCell) rows() int { return max(1, c.Rows) }

// Load reads every paper in dir (*.json), sorted by name, and checks each.
func Load(dir string) ([]Paper, error) {
	files, err := filepath.Glob(filepath.Join(dir, "*.json"))
	if err != nil {
		return nil, err
	}
	sort.Strings(files)
	var out []Paper
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			return nil, err
		}
		var p Paper
		if err := json.Unmarshal(data, &p); err != nil {
			return nil, fmt.Errorf("%s: %w", f, err)
		}
		if err := p.check(); err != nil {
			return nil, fmt.Errorf("%s: %w", f, err)
		}
		out = append(out, p)
	}
	return out, nil
}

// check reports a paper whose tables do not add up: every header level, unit row and row must
// cover exactly the table's columns.
func (p *Paper) check() error {
	if p.Name == "" || p.Drucksache == "" || len(p.Questions) == 0 {
		return fmt.Errorf("a paper needs a name, a Drucksache and questions")
	}
	for _, t := range p.tables() {
		n := len(t.Widths)
		if _, err := t.grid(); err != nil {
			return err
		}
		if len(t.Units) > 0 && spans(t.Units) != n {
			return fmt.Errorf("table %q: unit row covers %d of %d columns", t.Title, spans(t.Units), n)
		}
		for i, r := range t.Rows {
			if len(r.Cells) != n {
				return fmt.Errorf("table %q: row %d has %d of %d cells", t.Title, i+1, len(r.Cells), n)
			}
		}
		if err := t.checkSpans(); err != nil {
			return err
		}
	}
	return nil
}

// checkSpans reports a cell spanning rows that runs past the table's end, overlaps another, or
// whose covered rows do not hold its text.
func (t *Table) checkSpans() error {
	for i, r := range t.Rows {
		if len(r.Spans) > len(r.Cells) {
			return fmt.Errorf("table %q: row %d has %d spans for %d cells", t.Title, i+1, len(r.Spans), len(r.Cells))
		}
		for c := range r.Cells {
			if t.covered(i, c) {
				continue
			}
			n := r.span(c)
			if i+n > len(t.Rows) {
				return fmt.Errorf("table %q: row %d: cell %q spans past the last row", t.Title, i+1, r.Cells[c])
			}
			for k := i + 1; k < i+n; k++ {
				if t.Rows[k].span(c) > 1 || t.Rows[k].Cells[c] != r.Cells[c] {
					return fmt.Errorf("table %q: row %d: cell %q spanning rows is not repeated in row %d", t.Title, i+1, r.Cells[c], k+1)
				}
			}
		}
	}
	return nil
}

// span is the number of rows cell c of a row spans, at least 1.
func (r Row) span(c int) int {
	if c < len(r.Spans) {
		return max(1, r.Spans[c])
	}
	return 1
}

// covered reports whether cell c of row i lies under a cell spanning rows above it.
func (t *Table) covered(i, c int) bool {
	for k := i - 1; k >= 0; k-- {
		if t.Rows[k].span(c) > i-k {
			return true
		}
	}
	return false
}

// last reports whether row i is the last row of cell c (the rule under it is drawn).
func (t *Table) last(i, c int) bool {
	return i+1 >= len(t.Rows) || !t.covered(i+1, c)
}

func spans(cells []HeaderCell) int {
	n := 0
	for _, c := range cells {
		n += c.span()
	}
	return n
}

// tables lists the annex's tables in printed order.
func (a *Annex) tables() []*Table {
	var out []*Table
	for _, b := range a.Blocks {
		if b.Table != nil {
			out = append(out, b.Table)
		}
	}
	return out
}

// tables lists the paper's tables in printed order: the answers', then the annex's.
func (p *Paper) tables() []*Table {
	var out []*Table
	for _, q := range p.Questions {
		for _, b := range q.Answer {
			if b.Table != nil {
				out = append(out, b.Table)
			}
		}
	}
	if p.Annex != nil {
		out = append(out, p.Annex.tables()...)
	}
	return out
}

// slot is one place of the header grid: the cell that covers it and whether it is that cell's
// top-left place (where a renderer prints it).
type slot struct {
	cell  *HeaderCell
	start bool
}

// grid lays the header levels out on a grid of levels × columns, as HTML lays out rowspan and
// colspan.
func (t *Table) grid() ([][]slot, error) {
	n := len(t.Widths)
	g := make([][]slot, len(t.Header))
	for i := range g {
		g[i] = make([]slot, n)
	}
	for lv, cells := range t.Header {
		col := 0
		for k := range cells {
			c := &cells[k]
			for col < n && g[lv][col].cell != nil {
				col++
			}
			if col+c.span() > n || lv+c.rows() > len(g) {
				return nil, fmt.Errorf("table %q: header cell %q does not fit", t.Title, c.Text)
			}
			for r := lv; r < lv+c.rows(); r++ {
				for k := col; k < col+c.span(); k++ {
					if g[r][k].cell != nil {
						return nil, fmt.Errorf("table %q: header cell %q overlaps %q", t.Title, c.Text, g[r][k].cell.Text)
					}
					g[r][k] = slot{cell: c, start: r == lv && k == col}
				}
			}
			col += c.span()
		}
	}
	for lv := range g {
		for col := range g[lv] {
			if g[lv][col].cell == nil {
				return nil, fmt.Errorf("table %q: header level %d leaves column %d empty", t.Title, lv+1, col+1)
			}
		}
	}
	return g, nil
}

// Plain is a text as a reader extracts it: soft hyphens dropped, raised markers as superscripts.
func Plain(s string) string {
	s = strings.ReplaceAll(s, "\u00ad", "")
	var b strings.Builder
	for {
		i := strings.IndexByte(s, '^')
		if i < 0 {
			b.WriteString(s)
			return b.String()
		}
		b.WriteString(s[:i])
		m, rest := marker(s[i+1:])
		b.WriteString(superscript.Replace(m))
		s = rest
	}
}

// marker splits a raised marker ("1)") from the text after it.
func marker(s string) (string, string) {
	i := 0
	for i < len(s) && (s[i] >= '0' && s[i] <= '9' || s[i] == ')' || s[i] == '*') {
		i++
		if s[i-1] == ')' {
			break
		}
	}
	return s[:i], s[i:]
}

var superscript = strings.NewReplacer("0", "⁰", "1", "¹", "2", "²", "3", "³", "4", "⁴", "5", "⁵", "6", "⁶",
	"7", "⁷", "8", "⁸", "9", "⁹", ")", "⁾", "(", "⁽")

// pieces splits a text into runs of plain text and raised markers, for renderers.
func pieces(s string) (out []piece) {
	for {
		i := strings.IndexByte(s, '^')
		if i < 0 {
			if s != "" {
				out = append(out, piece{text: s})
			}
			return out
		}
		if i > 0 {
			out = append(out, piece{text: s[:i]})
		}
		m, rest := marker(s[i+1:])
		out = append(out, piece{text: m, raised: true})
		s = rest
	}
}

type piece struct {
	text   string
	raised bool
}

// markup writes a text in a producer's language: plain escapes its runs of text, raised wraps an
// escaped raised marker.
func markup(s string, plain func(string) string, raised func(string) string) string {
	var b strings.Builder
	for _, pc := range pieces(s) {
		if pc.raised {
			b.WriteString(raised(plain(pc.text)))
		} else {
			b.WriteString(plain(pc.text))
		}
	}
	return b.String()
}

package structure

import (
	"fmt"
	"strings"

	drucksache "drucksache"
	"drucksache/extract/internal/marks"
	"drucksache/extract/layout"
	"drucksache/extract/structure/internal/dumped"
	"drucksache/extract/structure/internal/prose"
	"drucksache/internal/lazyre"
)

// table is a table of an answer while the parser assembles it: one the reader saw as cells,
// or one read from dumped text.
type table struct {
	header     []string
	headerRows [][]string
	rows       [][]string
	first      layout.Line
	last       layout.Line
	title      string
	unit       string
	doubts     []dumped.Doubt // rows of dumped text kept as printed, or read with a footnote marker
	headless   bool           // a list that prints no header, below the sentence that says what it lists
	// columnUnits are the units of a unit row, column by column as printed ("in 1.000 Euro"); nil
	// without one.
	columnUnits []string
	// printed under the table for it (see below)
	notes     []string
	source    string
	footnotes []tableNote
}

// segment is a run of prose lines or one table of an answer, in printed order.
type segment struct {
	prose []layout.Line
	table *table
}

var reUnitPhrase = lazyre.New(`\(\s*(?:Angaben\s+)?in\s+[^()]{1,40}\)|(?:Angaben|Beträge|Werte)\s+in\s+(?:Mio\.|Mrd\.|Tsd\.|Millionen|Milliarden|Tausend)?\s*(?:Euro|€|EUR)|in\s+(?:Mio\.|Mrd\.|Tsd\.|Millionen|Milliarden|Tausend)\s*(?:Euro|€|EUR)`)

// unitPhrase finds a unit stated in prose ("(in Millionen Euro)") in a sentence, or "".
func unitPhrase(s string) string {
	if !strings.Contains(s, "in ") || !(strings.Contains(s, "Euro") || strings.Contains(s, "€") || strings.Contains(s, "EUR") || strings.Contains(s, "(in ") || strings.Contains(s, "(Angaben")) {
		return ""
	}
	return reUnitPhrase.FindString(s)
}

// answer splits the lines of an answer into prose paragraphs and tables; it records the tables
// in the document and returns the paragraphs and the ids of the tables.
func (p *parser) answer(question int, lines []layout.Line, full int) ([]string, []string) {
	segs := p.segments(lines, full)
	var paras []string
	var ids []string
	// What is printed right under a table for it (legend, footnotes, source) is no answer prose.
	for k := range segs {
		if segs[k].table != nil && k+1 < len(segs) && segs[k+1].table == nil {
			segs[k+1].prose = segs[k].table.below(segs[k+1].prose, full)
		}
	}
	for k := range segs {
		s := &segs[k]
		if s.table == nil {
			continue
		}
		// The heading right above a table is its title, not answer prose; a unit stated in the
		// sentence that leads into the table applies to the whole table.
		if k > 0 && segs[k-1].table == nil {
			prev := segs[k-1].prose
			pp := prose.Paragraphs(prev, full, p.words)
			if len(pp) > 0 {
				last := pp[len(pp)-1]
				if s.table.title == "" && isTitle(last) && len(prev) > 0 && (prev[len(prev)-1].Break || len(pp) > 1 || k == 1) {
					s.table.title = last
					segs[k-1].prose = dropLastParagraph(prev, full)
					pp = pp[:len(pp)-1]
				}
				if len(pp) > 0 {
					if u := unitPhrase(pp[len(pp)-1]); u != "" {
						s.table.unit = u
					}
				}
				if s.table.unit == "" && s.table.title != "" {
					s.table.unit = unitPhrase(s.table.title)
				}
			}
		}
	}
	// A table continued after a page break with its header repeated is one table.
	var merged []segment
	for _, s := range segs {
		if s.table != nil && len(merged) > 0 {
			prev := merged[len(merged)-1]
			if prev.table != nil && s.table.title == "" && sameHeader(prev.table.header, s.table.header) {
				for _, d := range s.table.doubts {
					d.Row += len(prev.table.rows)
					prev.table.doubts = append(prev.table.doubts, d)
				}
				prev.table.rows = append(prev.table.rows, s.table.rows...)
				prev.table.last = s.table.last
				prev.table.notes = append(prev.table.notes, s.table.notes...)
				prev.table.footnotes = append(prev.table.footnotes, s.table.footnotes...)
				if prev.table.source == "" {
					prev.table.source = s.table.source
				}
				continue
			}
		}
		merged = append(merged, s)
	}
	for _, s := range merged {
		if s.table == nil {
			paras = append(paras, prose.Paragraphs(s.prose, full, p.words)...)
			continue
		}
		ids = append(ids, p.addTable(question, s.table))
	}
	return paras, ids
}

var reCaption = lazyre.New(`^(?:Tabelle|Tab\.|Übersicht|Abbildung)\s*\d+[a-z]?\s*[:.–-]`)

// isTitle reports a paragraph that reads as the title of the table under it: a heading, or a caption
// numbered "Tabelle 1: …" however long.
func isTitle(s string) bool {
	return prose.IsHeading(s) || reCaption.MatchString(s) && len(s) <= 300
}

// dropLastParagraph removes the lines of the last paragraph of prose lines.
func dropLastParagraph(lines []layout.Line, full int) []layout.Line {
	for i := len(lines) - 1; i > 0; i-- {
		if len(prose.Paragraphs(lines[:i], full, nil)) < len(prose.Paragraphs(lines, full, nil)) {
			return lines[:i]
		}
	}
	return nil
}

func sameHeader(a, b []string) bool {
	if len(a) != len(b) || len(a) == 0 {
		return false
	}
	for i := range a {
		if !prose.SameWords(a[i], b[i]) {
			return false
		}
	}
	return true
}

// addTable records a table in the document and returns its id.
func (p *parser) addTable(question int, t *table) string {
	id := fmt.Sprintf("t%d", len(p.doc.Tables)+1)
	width := len(t.header)
	for _, r := range t.rows {
		if len(r) > width {
			width = len(r)
		}
	}
	for len(t.header) < width {
		t.header = append(t.header, "")
	}
	dt := drucksache.Table{
		ID:         id,
		Question:   question,
		Header:     t.header,
		HeaderRows: t.headerRows,
		Provenance: drucksache.Span{Page: t.first.Page, Line: t.first.No, EndPage: t.last.Page, EndLine: t.last.No, Path: t.first.Path},
	}
	if t.title != "" {
		dt.Title = ptr(t.title)
	}
	if t.unit != "" {
		dt.Unit = ptr(t.unit)
	}
	if t.columnUnits != nil {
		dt.ColumnUnits = make([]*string, width)
		for c := range dt.ColumnUnits {
			if c < len(t.columnUnits) && t.columnUnits[c] != "" {
				dt.ColumnUnits[c] = ptr(t.columnUnits[c])
			}
		}
	}
	for _, r := range t.rows {
		cells := make([]drucksache.Cell, width)
		for c := range cells {
			if c < len(r) {
				cells[c].Raw = r[c]
			}
		}
		dt.Rows = append(dt.Rows, cells)
	}
	dt.Notes = t.notes
	if t.source != "" {
		dt.Source = ptr(t.source)
	}
	if strings.TrimSpace(strings.Join(dt.Header, "")) == "" && !t.headless {
		p.warn(drucksache.WarnTableHeaderMissing, &t.first, "table %s: no column headers could be read", id)
	}
	p.doubts(id, question, t)
	p.doc.Tables = append(p.doc.Tables, dt)
	p.addTableNotes(id, question, t)
	return id
}

// segments cuts answer lines into prose and tables: rows with cells from the reader (tabs,
// <td>, PDF columns), and in dumped text runs of lines that end in figures.
func (p *parser) segments(lines []layout.Line, full int) []segment {
	var segs []segment
	addProse := func(l layout.Line) {
		if len(segs) == 0 || segs[len(segs)-1].table != nil {
			segs = append(segs, segment{})
		}
		segs[len(segs)-1].prose = append(segs[len(segs)-1].prose, l)
	}
	// lastValue[i]: the nearest line at or after i whose last word is a figure (dumped tables).
	lastValue := make([]int, len(lines)+1)
	lastValue[len(lines)] = len(lines) + dumped.MaxHeaderLines + 1
	for i := len(lines) - 1; i >= 0; i-- {
		lastValue[i] = lastValue[i+1]
		if dumped.EndsInValue(lines[i]) {
			lastValue[i] = i
		}
	}
	for i := 0; i < len(lines); {
		l := lines[i]
		if l.Cells != nil {
			t, n := readerTable(lines[i:])
			segs = append(segs, segment{table: t})
			i += n
			continue
		}
		if rows, n := dumped.Columns(lines, i, p.words); rows != nil {
			t, _ := readerTable(rows)
			t.last = lines[i+n-1]
			segs = append(segs, segment{table: t})
			i += n
			continue
		}
		if lastValue[i] > i+dumped.MaxHeaderLines {
			addProse(l) // no figure ends a line near: running text
			i++
			continue
		}
		if n := dumped.HeaderStack(lines[i:], full); n > 0 {
			// A stacked header stays prose as a whole, for dumped.Above to read back: the lines
			// within it are no start of a table either.
			for _, h := range lines[i : i+n] {
				addProse(h)
			}
			i += n
			continue
		}
		if t, n := dumped.Read(lines, i, full, p.pageNotes, p.sums); t != nil {
			if k := columnsWithin(lines, i+1, i+n, p.words); k > 0 {
				// a table printed at its columns starts below: what is above it is no row of it
				for _, l := range lines[i:k] {
					addProse(l)
				}
				i = k
				continue
			}
			segs = takeAbove(segs, t, full)
			segs = append(segs, segment{table: fromDumped(t)})
			i += n
			continue
		}
		addProse(l)
		i++
	}
	return segs
}

// columnsWithin is the first line of lines[from:to] that starts a table printed at its columns,
// 0 for none.
func columnsWithin(lines []layout.Line, from, to int, words *prose.Vocabulary) int {
	for k := from; k < to && k < len(lines); k++ {
		if rows, _ := dumped.Columns(lines, k, words); rows != nil {
			return k
		}
	}
	return 0
}

// takeAbove gives a table read from dumped text what the prose right above it prints for it (see
// above), taking those lines out of the prose.
func takeAbove(segs []segment, t *dumped.Table, full int) []segment {
	k := len(segs) - 1
	if k < 0 || segs[k].table != nil {
		return segs
	}
	open := k == 0 || segs[k-1].table != nil
	if rest := dumped.Above(segs[k].prose, open, t, full); len(rest) > 0 {
		segs[k].prose = rest
		return segs
	}
	return segs[:k]
}

// fromDumped is a table read from dumped text as the parser assembles it.
func fromDumped(t *dumped.Table) *table {
	return &table{header: t.Header, headerRows: t.HeaderRows, rows: t.Rows, first: t.First, last: t.Last, title: t.Title, doubts: t.Doubts, headless: t.Headless}
}

// anyHeaderMarked reports whether the reader marked header rows in the table starting at lines[0].
func anyHeaderMarked(lines []layout.Line, src int) bool {
	for _, l := range lines {
		if l.Cells == nil || l.Table != src {
			break
		}
		if l.Header {
			return true
		}
	}
	return false
}

// addTableNotes records the footnotes printed under a table, linked to it and to its question.
func (p *parser) addTableNotes(id string, question int, t *table) {
	for _, n := range t.footnotes {
		f := drucksache.Footnote{Marker: n.marker, Text: strings.TrimSpace(n.text), Table: id, Provenance: prov(n.line)}
		if question > 0 {
			f.Question = ptr(question)
		}
		p.doc.Footnotes = append(p.doc.Footnotes, f)
	}
}

// doubts warns of the rows of dumped text that table id kept as printed, since their figures fit
// its columns in more than one way, and of those read with a footnote marker glued to a figure,
// whose footnote it links to the table and its question.
func (p *parser) doubts(id string, question int, t *table) {
	for _, d := range t.doubts {
		label := ""
		if d.Row < len(t.rows) && len(t.rows[d.Row]) > 0 {
			label = t.rows[d.Row][0]
		}
		if d.Marker > 0 {
			p.marks = append(p.marks, tableMark{page: d.Line.Page, number: d.Marker, table: id, question: question})
			p.warn(drucksache.WarnFootnoteMarkerResolved, &d.Line, "table %s, row %q: %q read as %q, its last digit the marker of footnote %d printed at the foot of the page, since only so does the row add up (printed %q)",
				id, label, d.Figure, d.Cell, d.Marker, d.Printed)
			continue
		}
		ways := fmt.Sprintf("in %d ways", d.Readings)
		if d.Readings == 0 {
			ways = "in no way without guessing"
		}
		p.warn(drucksache.WarnTableRowAmbiguous, &d.Line, "table %s, row %q: the figures %q fit its %d columns of figures %s; kept as printed",
			id, label, d.Printed, d.Columns, ways)
	}
}

// tableMark is a footnote marker read off a figure of a dumped table: footnote number printed at
// the foot of page, which belongs to the table and to the question whose answer holds it.
type tableMark struct {
	page, number int
	table        string
	question     int
}

// pageNotes are the numbers of the footnotes printed at the foot of a page.
func (p *parser) pageNotes(page int) []int {
	var out []int
	for _, n := range p.notes {
		if v := marks.SuperscriptValue(n.marker); n.prov.Page == page && v > 0 {
			out = append(out, v)
		}
	}
	return out
}

package extract

import (
	"fmt"
	"regexp"
	"strings"
	"unicode/utf8"

	drucksache "drucksache"
)

// table is a table while the parser assembles it.
type table struct {
	header     []string
	headerRows [][]string
	rows       [][]string
	first      Line
	last       Line
	title      string
	unit       string
	repeated   bool // its header is one line the dump repeats further on; a title may stand above it
}

// segment is a run of prose lines or one table of an answer, in printed order.
type segment struct {
	prose []Line
	table *table
}

var reUnitPhrase = regexp.MustCompile(`\(\s*(?:Angaben\s+)?in\s+[^()]{1,40}\)|(?:Angaben|Beträge|Werte)\s+in\s+(?:Mio\.|Mrd\.|Tsd\.|Millionen|Milliarden|Tausend)?\s*(?:Euro|€|EUR)|in\s+(?:Mio\.|Mrd\.|Tsd\.|Millionen|Milliarden|Tausend)\s*(?:Euro|€|EUR)`)

// unitPhrase finds a unit stated in prose ("(in Millionen Euro)") in a sentence, or "".
func unitPhrase(s string) string {
	if !strings.Contains(s, "in ") || !(strings.Contains(s, "Euro") || strings.Contains(s, "€") || strings.Contains(s, "EUR") || strings.Contains(s, "(in ") || strings.Contains(s, "(Angaben")) {
		return ""
	}
	return reUnitPhrase.FindString(s)
}

// answer splits the lines of an answer into prose paragraphs and tables; it records the tables
// in the document and returns the paragraphs and the ids of the tables.
func (p *parser) answer(question int, lines []Line, full int) ([]string, []string) {
	segs := p.segments(lines, full)
	var paras []string
	var ids []string
	for k := range segs {
		s := &segs[k]
		if s.table == nil {
			continue
		}
		// The heading right above a table is its title, not answer prose; a unit stated in the
		// sentence that leads into the table applies to the whole table.
		if k > 0 && segs[k-1].table == nil {
			prev := segs[k-1].prose
			pp := paragraphs(prev, full, p.words)
			if len(pp) > 0 {
				last := pp[len(pp)-1]
				if s.table.title == "" && isHeading(last) && len(prev) > 0 && (prev[len(prev)-1].Break || len(pp) > 1 || k == 1) {
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
				prev.table.rows = append(prev.table.rows, s.table.rows...)
				prev.table.last = s.table.last
				continue
			}
		}
		merged = append(merged, s)
	}
	for _, s := range merged {
		if s.table == nil {
			paras = append(paras, paragraphs(s.prose, full, p.words)...)
			continue
		}
		ids = append(ids, p.addTable(question, s.table))
	}
	return paras, ids
}

// dropLastParagraph removes the lines of the last paragraph of prose.
func dropLastParagraph(prose []Line, full int) []Line {
	for i := len(prose) - 1; i > 0; i-- {
		if len(paragraphs(prose[:i], full, nil)) < len(paragraphs(prose, full, nil)) {
			return prose[:i]
		}
	}
	return nil
}

// isHeading reports whether a paragraph reads as a heading: short, no sentence punctuation at its end.
func isHeading(s string) bool {
	s = strings.TrimSpace(s)
	if s == "" || utf8.RuneCountInString(s) > 90 || strings.HasSuffix(s, ",") {
		return false
	}
	last, _ := utf8.DecodeLastRuneInString(s)
	return !strings.ContainsRune(".?!:;", last) || strings.HasPrefix(s, "Tabelle")
}

func sameHeader(a, b []string) bool {
	if len(a) != len(b) || len(a) == 0 {
		return false
	}
	for i := range a {
		if !sameWords(a[i], b[i]) {
			return false
		}
	}
	return true
}

// sameWords reports two texts with the same words, however the dump spaced them.
func sameWords(a, b string) bool {
	return strings.Join(strings.Fields(a), " ") == strings.Join(strings.Fields(b), " ")
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
	for _, r := range t.rows {
		cells := make([]drucksache.Cell, width)
		for c := range cells {
			if c < len(r) {
				cells[c].Raw = r[c]
			}
		}
		dt.Rows = append(dt.Rows, cells)
	}
	if strings.TrimSpace(strings.Join(dt.Header, "")) == "" {
		p.warn(drucksache.WarnTableHeaderMissing, &t.first, "table %s: no column headers could be read", id)
	}
	p.doc.Tables = append(p.doc.Tables, dt)
	return id
}

// segments cuts answer lines into prose and tables: rows with cells from the reader (tabs,
// <td>, PDF columns), and in dumped text runs of lines that end in figures.
func (p *parser) segments(lines []Line, full int) []segment {
	var segs []segment
	addProse := func(l Line) {
		if len(segs) == 0 || segs[len(segs)-1].table != nil {
			segs = append(segs, segment{})
		}
		segs[len(segs)-1].prose = append(segs[len(segs)-1].prose, l)
	}
	// lastValue[i]: the nearest line at or after i whose last word is a figure (dumped tables).
	lastValue := make([]int, len(lines)+1)
	lastValue[len(lines)] = len(lines) + maxHeaderLines + 1
	for i := len(lines) - 1; i >= 0; i-- {
		lastValue[i] = lastValue[i+1]
		if endsInValue(lines[i]) {
			lastValue[i] = i
		}
	}
	for i := 0; i < len(lines); {
		l := lines[i]
		if l.Cells != nil {
			t := &table{first: l}
			src := l.Table
			j := i
			for j < len(lines) && lines[j].Cells != nil && lines[j].Table == src {
				r := lines[j]
				if (r.Header && len(t.rows) == 0) || (j == i && !anyHeaderMarked(lines[i:], src)) {
					if t.header == nil {
						t.header = append([]string(nil), r.Cells...)
					} else {
						t.header = mergeHeader(t.header, r.Cells)
					}
					t.headerRows = append(t.headerRows, r.Cells)
				} else if sameHeader(t.header, r.Cells) {
					// a header repeated after a page break
				} else {
					t.rows = append(t.rows, append([]string(nil), r.Cells...))
				}
				t.last = r
				j++
			}
			if len(t.headerRows) < 2 {
				t.headerRows = nil
			}
			segs = append(segs, segment{table: t})
			i = j
			continue
		}
		if lastValue[i] > i+maxHeaderLines {
			addProse(l) // no figure ends a line near: running text
			i++
			continue
		}
		if n := headerStack(lines[i:], full); n > 0 {
			// A stacked header stays prose as a whole, for stackHeader to read back: the lines
			// within it are no start of a table either.
			for _, h := range lines[i : i+n] {
				addProse(h)
			}
			i += n
			continue
		}
		if t, n := dumpTable(lines, i, full); t != nil {
			segs = stackHeader(segs, t, full)
			segs = titleAbove(segs, t)
			segs = append(segs, segment{table: t})
			i += n
			continue
		}
		addProse(l)
		i++
	}
	return segs
}

// stackHeader gives a dumped table found without a header the stacked header printed at the end of
// the prose right above it (see stackedHeader), taking those lines out of the prose.
func stackHeader(segs []segment, t *table, full int) []segment {
	if len(segs) == 0 || segs[len(segs)-1].table != nil || t.headerRows != nil || strings.Join(t.header, "") != "" {
		return segs
	}
	prose := segs[len(segs)-1].prose
	open := len(segs) == 1 || segs[len(segs)-2].table != nil
	// A group label printed as a row with empty cells ("Oberlandesgerichte      ") may stand
	// between the header and the first row of figures.
	var group []string
	if k := len(prose) - 1; k > 0 && groupRow(prose[k], len(t.header)) {
		group = make([]string, len(t.header))
		group[0] = strings.TrimSpace(prose[k].Text)
		prose = prose[:k]
	} else if n := wrappedGroup(prose, t.first, len(t.header), full); n > 0 {
		var label []string
		for _, l := range prose[len(prose)-n:] {
			label = joinPending(label, l)
		}
		group = make([]string, len(t.header))
		group[0] = strings.Join(label, " ")
		prose = prose[:len(prose)-n]
	}
	n, header := stackedHeader(prose, open, len(t.header), full)
	stacked := n > 0
	if !stacked && group == nil && len(t.rows) > 0 && t.rows[0][0] == "" {
		var label string
		if n, header, label = headerAboveLabel(prose, open, len(t.header), full); n > 0 {
			t.rows[0][0] = label
		}
	}
	if n == 0 {
		return segs
	}
	head := prose[len(prose)-n:]
	t.header, t.first = header, head[0]
	if stacked {
		t.headerRows = headerRows(head)
	}
	if group != nil {
		t.rows = append([][]string{group}, t.rows...)
	}
	if n == len(prose) {
		return segs[:len(segs)-1]
	}
	segs[len(segs)-1].prose = prose[:len(prose)-n]
	return segs
}

// headerAboveLabel returns how many lines at the end of prose are a header line of one word a
// column, for a table of width columns, and below it the wrapped label of the table's first row,
// whose figures the dump prints on a line of their own ("Gebiet: NSGBR Bor BBM JAD Mellum WN" /
// "Anzahl betroffener FFZ" / "2020 bis 2025" above "50 56 10 3 9 23"); with the header's words
// and the joined label. Above the header line a sentence ends, a table's title ("Tabelle 1: …")
// stands, or the answer begins (open); 0 when the lines are not such a header.
func headerAboveLabel(prose []Line, open bool, width, full int) (int, []string, string) {
	for m := 1; m <= maxGroupLines && m < len(prose); m++ {
		k := len(prose) - m - 1
		var label []string
		for _, l := range prose[k+1:] {
			if l.Role != RoleBody || !labelish(l, full) || len(strings.Fields(l.Text)) == width {
				return 0, nil, ""
			}
			label = joinPending(label, l)
		}
		h := prose[k]
		words := strings.Fields(h.Text)
		if len(words) != width {
			continue
		}
		if _, _, ok := dataRow(h, full); ok || h.Role != RoleBody || !headerish(h, full) || !(k == 0 && open || k > 0 && tableLead(prose[:k])) {
			return 0, nil, ""
		}
		return m + 1, words, strings.Join(label, " ")
	}
	return 0, nil, ""
}

// tableLead reports lines that end where a table may begin below them: with a sentence, or with
// a table's title, perhaps wrapped at a hyphen ("Tabelle 1: … Fischereikenn-" / "zeichen").
func tableLead(lines []Line) bool {
	n := len(lines)
	if endsLead(lines[n-1].Text) || strings.HasPrefix(strings.TrimSpace(lines[n-1].Text), "Tabelle") {
		return true
	}
	return n > 1 && strings.HasPrefix(strings.TrimSpace(lines[n-2].Text), "Tabelle") && strings.HasSuffix(strings.TrimSpace(lines[n-2].Text), "-")
}

// titleAbove gives a table whose header the dump repeats the heading line right above that
// header as its title ("Oberlandesgerichtsbezirk Celle" / "Gericht Unbesetzte Stellen(anteile)"),
// taking it out of the prose: when it stands alone, or after a sentence that ends.
func titleAbove(segs []segment, t *table) []segment {
	if !t.repeated || t.title != "" || len(segs) == 0 || segs[len(segs)-1].table != nil {
		return segs
	}
	prose := segs[len(segs)-1].prose
	l := prose[len(prose)-1]
	text := strings.TrimSpace(l.Text)
	if !headerLine(l) || !isHeading(text) || len(prose) > 1 && !l.Break && !endsLead(prose[len(prose)-2].Text) {
		return segs
	}
	t.title = text
	if len(prose) == 1 {
		return segs[:len(segs)-1]
	}
	segs[len(segs)-1].prose = prose[:len(prose)-1]
	return segs
}

// groupRow reports a line that is a label followed by the blanks of the empty cells of a table
// with width columns: the spaces the dump keeps for them.
func groupRow(l Line, width int) bool {
	t := strings.TrimRight(l.Text, " ")
	return width > 2 && len(l.Text)-len(t) >= width-1 && strings.TrimSpace(t) != "" && !endsInValue(l)
}

// wrappedGroup returns how many lines at the end of prose are a group label wrapped at hyphens
// ("Arbeitsgerichtsbar-" / "keit"), which the line of blanks above first, the table's first
// row, marks: the dump prints it for the label's empty cells in a table of width columns.
func wrappedGroup(prose []Line, first Line, width, full int) int {
	if width < 3 || first.PadAbove < width-1 {
		return 0
	}
	n := 1
	for n < maxGroupLines && n < len(prose) && strings.HasSuffix(strings.TrimSpace(prose[len(prose)-n-1].Text), "-") {
		n++
	}
	for _, l := range prose[len(prose)-n:] {
		if l.Role != RoleBody || !labelLine(l, full, nil) {
			return 0
		}
	}
	if n >= len(prose) {
		return 0
	}
	return n
}

// anyHeaderMarked reports whether the reader marked header rows in the table starting at lines[0].
func anyHeaderMarked(lines []Line, src int) bool {
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

// mergeHeader joins a header printed over several rows, column by column.
func mergeHeader(h, more []string) []string {
	for len(h) < len(more) {
		h = append(h, "")
	}
	for i, c := range more {
		if c != "" {
			h[i] = strings.TrimSpace(joinLine(h[i], c))
		}
	}
	return h
}

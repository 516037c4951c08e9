package dumped

import (
	"strings"

	"drucksache/extract/layout"
	"drucksache/extract/structure/internal/prose"
)

// Above gives t, a table read from dumped text, what the prose right above it prints for it: the
// header stacked one cell a line, with a group label below it, and the title above a header the
// dump repeats. It returns the prose without those lines; open says that the prose starts the
// answer or follows another table.
func Above(prose []layout.Line, open bool, t *Table, full int) []layout.Line {
	prose = stackHeader(prose, open, t, full)
	if len(prose) == 0 {
		return prose
	}
	return titleAbove(prose, t)
}

// stackHeader gives a dumped table found without a header the stacked header printed at the end of
// the prose right above it (see stackedHeader); it returns the prose without those lines.
func stackHeader(prose []layout.Line, open bool, t *Table, full int) []layout.Line {
	if t.HeaderRows != nil || strings.Join(t.Header, "") != "" {
		return prose
	}
	all := prose
	// A group label printed as a row with empty cells ("Oberlandesgerichte      ") may stand
	// between the header and the first row of figures.
	var group []string
	if k := len(prose) - 1; k > 0 && groupRow(prose[k], len(t.Header)) {
		group = make([]string, len(t.Header))
		group[0] = strings.TrimSpace(prose[k].Text)
		prose = prose[:k]
	} else if n := wrappedGroup(prose, t.First, len(t.Header), full); n > 0 {
		var label []string
		for _, l := range prose[len(prose)-n:] {
			label = joinPending(label, l)
		}
		group = make([]string, len(t.Header))
		group[0] = strings.Join(label, " ")
		prose = prose[:len(prose)-n]
	}
	n, header := stackedHeader(prose, open, len(t.Header), full)
	labelLines := 0 // the lines at the end of the stack that are the first row's label
	titled := 0     // the line above the stack that is the table's title
	switch {
	case n == 0:
		if n, header, labelLines = t.regroupUnder(prose, open, full); n == 0 && t.dump != nil {
			var title string
			if n, header, title = codedHeader(prose, open, t.Rows, full); n > 0 {
				t.fit(header, len(header)-1)
				if title != "" {
					t.Title = title
					titled = 1
				}
			}
		}
	case t.dump != nil:
		t.fit(header, len(header)-1) // the header's totals weigh the readings of the rows
	}
	stacked := n > 0
	if !stacked && group == nil && len(t.Rows) > 0 && t.Rows[0][0] == "" {
		var label string
		if n, header, label = headerAboveLabel(prose, open, len(t.Header), full); n > 0 {
			t.Rows[0][0] = label
		}
	}
	if n == 0 {
		return all
	}
	head := prose[len(prose)-n:]
	t.Header, t.First = header, head[0]
	if stacked {
		t.HeaderRows = headerRows(head[:len(head)-labelLines])
	}
	if group != nil {
		t.Rows = append([][]string{group}, t.Rows...)
		for k := range t.Doubts {
			t.Doubts[k].Row++
		}
	}
	return prose[:len(prose)-n-titled]
}

// regroupUnder reads the rows again into the columns of a stacked header at the end of prose that
// names another number of columns than the rows print figures: fewer (figures grouped by a space,
// a marker glued to a figure: "2019 612 705 391 1 708" under "Jahr" / "Personal-" / … / "Summe"),
// or more, where every row that prints fewer figures marks its empty cells with blanks
// ("10,46   17,24 10,80 25,61 32,83" under six columns). The stack's last cell may be the label of
// the first row, printed above its figures, when that row has none. It returns the header's lines
// and cells as stackedHeader does, with those of the label's lines among them; 0 and nil where no
// such reading fits every row.
func (t *Table) regroupUnder(prose []layout.Line, open bool, full int) (int, []string, int) {
	cells, last := stackCells(prose, full)
	for _, width := range []int{len(cells), len(cells) + 1} {
		if width < 2 || width == len(t.Header) || !t.fits(width-1) {
			continue
		}
		if n, header := stackedHeader(prose, open, width, full); n > 0 {
			t.fit(header, width-1)
			return n, header, 0
		}
	}
	// The last cell is the first row's label: its lines stay with that row.
	if width := len(cells) - 1; len(t.dump) > 0 && t.dump[0].label == "" && width >= 2 && width != len(t.Header) && t.fits(width-1) {
		above := prose[:len(prose)-last]
		if n, header := stackedHeader(above, open, width, full); n > 0 {
			t.dump[0].label = cells[len(cells)-1]
			t.fit(header, width-1)
			return n + last, header, last
		}
	}
	return 0, nil, 0
}

// headerAboveLabel returns how many lines at the end of prose are a header line of one word a
// column, for a table of width columns, and below it the wrapped label of the table's first row,
// whose figures the dump prints on a line of their own ("Gebiet: NSGBR Bor BBM JAD Mellum WN" /
// "Anzahl betroffener FFZ" / "2020 bis 2025" above "50 56 10 3 9 23"); with the header's words
// and the joined label. Above the header line a sentence ends, a table's title ("Tabelle 1: …")
// stands, or the answer begins (open); 0 when the lines are not such a header.
func headerAboveLabel(prose []layout.Line, open bool, width, full int) (int, []string, string) {
	for m := 1; m <= maxGroupLines && m < len(prose); m++ {
		k := len(prose) - m - 1
		var label []string
		for _, l := range prose[k+1:] {
			if l.Role != layout.RoleBody || !labelish(l, full) || len(strings.Fields(l.Text)) == width {
				return 0, nil, ""
			}
			label = joinPending(label, l)
		}
		h := prose[k]
		words := strings.Fields(h.Text)
		if len(words) != width {
			continue
		}
		if _, _, ok := dataRow(h, full); ok || h.Role != layout.RoleBody || !headerish(h, full) || !(k == 0 && open || k > 0 && tableLead(prose[:k])) {
			return 0, nil, ""
		}
		return m + 1, words, strings.Join(label, " ")
	}
	return 0, nil, ""
}

// tableLead reports lines that end where a table may begin below them: with a sentence, or with
// a table's title, perhaps wrapped at a hyphen ("Tabelle 1: … Fischereikenn-" / "zeichen").
func tableLead(lines []layout.Line) bool {
	n := len(lines)
	if endsLead(lines[n-1].Text) || strings.HasPrefix(strings.TrimSpace(lines[n-1].Text), "Tabelle") {
		return true
	}
	return n > 1 && strings.HasPrefix(strings.TrimSpace(lines[n-2].Text), "Tabelle") && strings.HasSuffix(strings.TrimSpace(lines[n-2].Text), "-")
}

// titleAbove gives a table whose header the dump repeats the heading line right above that
// header as its title ("Oberlandesgerichtsbezirk Celle" / "Gericht Unbesetzte Stellen(anteile)"),
// taking it out of the prose: when it stands alone, or after a sentence that ends.
func titleAbove(lines []layout.Line, t *Table) []layout.Line {
	if !t.Repeated || t.Title != "" {
		return lines
	}
	l := lines[len(lines)-1]
	text := strings.TrimSpace(l.Text)
	if !headerLine(l) || !prose.IsHeading(text) || len(lines) > 1 && !l.Break && !endsLead(lines[len(lines)-2].Text) {
		return lines
	}
	t.Title = text
	return lines[:len(lines)-1]
}

// groupRow reports a line that is a label followed by the blanks of the empty cells of a table
// with width columns: the spaces the dump keeps for them.
func groupRow(l layout.Line, width int) bool {
	t := strings.TrimRight(l.Text, " ")
	return width > 2 && len(l.Text)-len(t) >= width-1 && strings.TrimSpace(t) != "" && !EndsInValue(l)
}

// wrappedGroup returns how many lines at the end of prose are a group label wrapped at hyphens
// ("Arbeitsgerichtsbar-" / "keit"), which the line of blanks above first, the table's first
// row, marks: the dump prints it for the label's empty cells in a table of width columns.
func wrappedGroup(prose []layout.Line, first layout.Line, width, full int) int {
	if width < 3 || first.PadAbove < width-1 {
		return 0
	}
	n := 1
	for n < maxGroupLines && n < len(prose) && strings.HasSuffix(strings.TrimSpace(prose[len(prose)-n-1].Text), "-") {
		n++
	}
	for _, l := range prose[len(prose)-n:] {
		if l.Role != layout.RoleBody || !labelLine(l, full, nil) {
			return 0
		}
	}
	if n >= len(prose) {
		return 0
	}
	return n
}

package html

import (
	"slices"
	"strconv"
	"strings"

	"golang.org/x/net/html"

	drucksache "drucksache"
	"drucksache/extract/layout"
)

// maxColumns bounds the width of a table grid; Drucksache tables fit on a page and have far fewer.
// Cells beyond it are joined into the last column, with a warning.
const maxColumns = 64

// cell is a <td> or <th> with the context its text is read in.
type cell struct {
	node             *html.Node
	c                scope
	colspan, rowspan int
}

// row is a <tr> with its cells as written, before spans are expanded.
type row struct {
	cells  []cell
	header bool
	c      scope
}

// table reads a <table>: each row one line with one cell per column, spans expanded, so that every row has
// every column. A one-column table is a layout box, not data: its cells are read as ordinary blocks.
func (w *walker) table(n *html.Node, c scope) {
	w.flush()
	w.brk = true
	w.prefix = ""
	rows := w.tableRows(n, c)
	grid, wide := grid(rows)
	if wide {
		w.warn(drucksache.WarnTableTooWide, c, "a table wider than %d columns: the cells beyond are joined into the last column", maxColumns)
	}
	width := 0
	for _, r := range grid {
		width = max(width, len(r))
	}
	if width <= 1 {
		for _, r := range rows {
			for _, cell := range r.cells {
				w.block(cell.node, cell.c, "")
			}
		}
		return
	}
	texts := map[*html.Node]string{}
	bolds := map[*html.Node]bool{}
	for _, r := range rows {
		for _, cell := range r.cells {
			texts[cell.node], bolds[cell.node] = w.cellText(cell)
		}
	}
	var out []layout.Line
	var spans [][]slot // the grid row of each line in out
	marked := false
	for i, r := range rows {
		cells := make([]string, width)
		bold, filled := true, false
		for j, slot := range grid[i] {
			for _, node := range slot.cells {
				if t := texts[node]; t != "" {
					cells[j] = strings.TrimSpace(cells[j] + " " + t)
					filled = true
					bold = bold && bolds[node]
				}
			}
		}
		if !filled {
			continue
		}
		b := layout.No
		if bold {
			b = layout.Yes
		}
		marked = marked || r.header
		spans = append(spans, grid[i])
		out = append(out, layout.Line{Text: strings.Join(cells, "\t"), Cells: cells, Role: c.role, Page: w.page,
			No: r.c.line, Path: r.c.path.String(), Bold: b, Header: r.header})
	}
	if len(out) == 0 {
		return
	}
	if !marked {
		boldHeader(out)
	}
	for i := range out {
		if out[i].Header && spreadHeader(out[i].Cells, spans[i], texts) || !out[i].Header && spreadDown(out[i].Cells, spans[i], texts) {
			out[i].Text = strings.Join(out[i].Cells, "\t")
		}
	}
	w.tables++
	for i := range out {
		out[i].Table = w.tables
		out[i].Break = i == 0
	}
	w.lines = append(w.lines, out...)
	w.brk = true
	w.anchor = w.curLine
}

// spreadHeader repeats the text of a header cell in every column its colspan covers, so that a heading
// over several columns ("Projekte" over 2023 and 2024) heads each of them; it reports whether it did.
func spreadHeader(cells []string, slots []slot, texts map[*html.Node]string) bool {
	return spread(cells, slots, texts, func(s slot) *html.Node { return s.under })
}

// spreadDown repeats the text of a body cell in every row its rowspan covers ("Landkreis Celle"
// beside the years 2023, 2024 and 2025), in the cell's first column, as the PDF reader does: a row
// read alone still says what it is about. It reports whether it did.
func spreadDown(cells []string, slots []slot, texts map[*html.Node]string) bool {
	return spread(cells, slots, texts, func(s slot) *html.Node { return s.over })
}

// spread fills each empty cell with the text of the spanning cell by names for its slot.
func spread(cells []string, slots []slot, texts map[*html.Node]string, by func(slot) *html.Node) bool {
	done := false
	for j, slot := range slots {
		if n := by(slot); n != nil && cells[j] == "" && texts[n] != "" {
			cells[j] = texts[n]
			done = true
		}
	}
	return done
}

// boldHeader marks the bold rows at the top of a table without <thead> or <th> as its header, as office
// programs print headers; a table bold throughout has no header to tell.
func boldHeader(rows []layout.Line) {
	n := 0
	for n < len(rows) && rows[n].Bold == layout.Yes {
		n++
	}
	if n == len(rows) {
		return
	}
	for i := range n {
		rows[i].Header = true
	}
}

// tableRows collects the rows of a table in document order, with their cells; rows of nested tables stay out.
func (w *walker) tableRows(n *html.Node, c scope) []row {
	var rows []row
	var seen siblings
	for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
		if ch.Type != html.ElementNode {
			continue
		}
		index := seen.next(ch.Data)
		switch ch.Data {
		case "caption":
			w.element(ch, c, index)
		case "tr":
			rows = append(rows, w.tableRow(ch, c, index, false))
		case "thead", "tbody", "tfoot":
			sc, _ := w.enter(ch, c, index)
			trs := 0
			for tr := ch.FirstChild; tr != nil; tr = tr.NextSibling {
				if tr.Type == html.ElementNode && tr.Data == "tr" {
					trs++
					rows = append(rows, w.tableRow(tr, sc, trs, ch.Data == "thead"))
				}
			}
		}
	}
	return rows
}

// tableRow collects the cells of one <tr>; a row of <th> only, or one in <thead>, is a header row.
func (w *walker) tableRow(tr *html.Node, c scope, index int, head bool) row {
	rc, _ := w.enter(tr, c, index)
	r := row{c: rc, header: head}
	ths := 0
	var seen siblings
	for td := tr.FirstChild; td != nil; td = td.NextSibling {
		if td.Type != html.ElementNode {
			continue
		}
		index := seen.next(td.Data)
		if td.Data != "td" && td.Data != "th" {
			continue
		}
		cc, _ := w.enter(td, rc, index)
		if td.Data == "th" {
			ths++
		}
		r.cells = append(r.cells, cell{node: td, c: cc,
			colspan: span(attr(td, "colspan"), 1, 1000), rowspan: span(attr(td, "rowspan"), 1, 65534)})
	}
	if ths > 0 && ths == len(r.cells) {
		r.header = true
	}
	return r
}

// span reads a colspan or rowspan as browsers do: missing or invalid is def, 0 stays 0 (to the end), capped.
func span(v string, def, limit int) int {
	v = strings.TrimSpace(v)
	end := 0
	for end < len(v) && v[end] >= '0' && v[end] <= '9' {
		end++
	}
	if end == 0 || end > 6 {
		if end > 6 {
			return limit
		}
		return def
	}
	n, _ := strconv.Atoi(v[:end])
	return min(n, limit)
}

// slot is one column of one row in a table grid.
type slot struct {
	cells []*html.Node // the cells whose text prints here: one, or several joined beyond maxColumns
	under *html.Node   // the cell whose colspan covers this slot, if any
	over  *html.Node   // the cell whose rowspan covers this slot from a row above, in its first column
}

// grid lays the cells of rows out in columns: a cell prints in its first row and column, the slots its
// spans cover stay empty (and remember a covering colspan). A cell that would land beyond maxColumns is
// joined into the last column; wide reports that.
func grid(rows []row) (grid [][]slot, wide bool) {
	grid = make([][]slot, len(rows))
	var carry []int            // per column: rows still covered by a rowspan from above
	var carryCell []*html.Node // per column: the cell of that rowspan, in its first column
	for i, r := range rows {
		var slots []slot
		at := func(col int) *slot {
			for len(slots) <= col {
				slots = append(slots, slot{})
			}
			return &slots[col]
		}
		covered := func(col int) bool { return col < len(carry) && carry[col] > 0 }
		next := make([]int, len(carry))
		for j, k := range carry {
			next[j] = max(k-1, 0)
		}
		nextCell := slices.Clone(carryCell)
		col := 0
		for _, cell := range r.cells {
			for covered(col) && col < maxColumns {
				at(col).over = carryCell[col]
				col++
			}
			if col >= maxColumns {
				s := at(maxColumns - 1)
				s.cells = append(s.cells, cell.node)
				wide = true
				continue
			}
			span := max(cell.colspan, 1)
			if col+span > maxColumns {
				span = maxColumns - col
				wide = true
			}
			s := at(col)
			s.cells = append(s.cells, cell.node)
			down := cell.rowspan
			if down == 0 || down > len(rows)-i {
				down = len(rows) - i // rowspan 0 and overlong spans reach to the end of the table
			}
			for k := 0; k < span; k++ {
				if k > 0 {
					at(col + k).under = cell.node
				}
				if down > 1 {
					for len(next) <= col+k {
						next = append(next, 0)
						nextCell = append(nextCell, nil)
					}
					next[col+k] = max(next[col+k], down-1)
					nextCell[col+k] = nil
					if k == 0 {
						nextCell[col+k] = cell.node
					}
				}
			}
			col += span
		}
		for ; col < len(carry); col++ {
			if covered(col) {
				at(col).over = carryCell[col]
			}
		}
		grid[i] = slots
		carry, carryCell = next, nextCell
	}
	return grid, wide
}

// cellText reads the text of a table cell: its paragraphs and lines joined by spaces; bold when all of it is.
func (w *walker) cellText(cell cell) (string, bool) {
	start := len(w.lines)
	brk, anchor := w.brk, w.anchor
	w.cell++
	w.block(cell.node, cell.c, "")
	w.cell--
	var parts []string
	bold := true
	for _, l := range w.lines[start:] {
		parts = append(parts, l.Text)
		bold = bold && l.Bold == layout.Yes
	}
	w.lines = w.lines[:start]
	w.brk, w.anchor = brk, anchor
	return strings.Join(parts, " "), bold && len(parts) > 0
}

package structure

import (
	"strings"

	"drucksache/extract/layout"
	"drucksache/extract/structure/internal/dumped"
	"drucksache/extract/structure/internal/prose"
	"drucksache/internal/lazyre"
)

// This file assembles a table whose rows a reader saw as cells (tabs, <td>, PDF columns and rules):
// its header levels, a unit row, a header repeated after a page break, a row cut by one.

// readerTable assembles the table that starts at lines[0] from the rows of one source table: the
// rows the reader marked as header are its levels (the first row when none is marked), each column
// headed by the path of its levels joined by " / "; a level or first row that names units
// ("in 1.000 Euro", "in Prozent") gives the columns their units; a header repeated among the rows
// (after a page break) is dropped, and the first row after a page break that only continues the
// row above (its first cell empty where every row has one) is joined to it. It returns the table
// and the number of lines it took.
func readerTable(lines []layout.Line) (*table, int) {
	t := &table{first: lines[0]}
	src := lines[0].Table
	marked := anyHeaderMarked(lines, src)
	var levels [][]string
	lastPage := lines[0].Page
	n := 0
	for ; n < len(lines) && lines[n].Cells != nil && lines[n].Table == src; n++ {
		r := lines[n]
		cells := append([]string(nil), r.Cells...)
		switch {
		case len(t.rows) == 0 && (r.Header || n == 0 && !marked):
			levels = append(levels, cells)
		case repeatsLevel(levels, cells, r.Header):
			// a header repeated after a page break
		case r.Page != lastPage && continuesRow(t.rows, cells):
			last := t.rows[len(t.rows)-1]
			for c, v := range cells {
				if c < len(last) && strings.TrimSpace(v) != "" {
					last[c] = strings.TrimSpace(prose.JoinLine(last[c], v))
				}
			}
			lastPage = r.Page
		default:
			t.rows = append(t.rows, cells)
			lastPage = r.Page
		}
		t.last = r
	}
	levels = t.takeUnits(levels)
	t.header = headerPaths(levels)
	if len(levels) > 1 {
		t.headerRows = levels
	}
	return t, n
}

// repeatsLevel reports a row that repeats one of the header's levels: a header printed again on
// the next page. A row the reader did not mark repeats the header only in full, as one line.
func repeatsLevel(levels [][]string, cells []string, header bool) bool {
	if header {
		for _, l := range levels {
			if sameHeader(l, cells) {
				return true
			}
		}
		return false
	}
	return len(levels) > 0 && sameHeader(headerPaths(levels), cells)
}

// continuesRow reports a row that goes on with the row above it, cut by a page break: its first
// cell is empty where every row before it has one, it has text, and no cell of it holds a figure
// where the row above holds one (a cell holds one figure).
func continuesRow(rows [][]string, cells []string) bool {
	if len(rows) == 0 || len(cells) < 2 || strings.TrimSpace(cells[0]) != "" || strings.TrimSpace(strings.Join(cells, "")) == "" {
		return false
	}
	for _, r := range rows {
		if len(r) == 0 || strings.TrimSpace(r[0]) == "" {
			return false
		}
	}
	last := rows[len(rows)-1]
	for c, v := range cells {
		if c < len(last) && reFigure.MatchString(strings.TrimSpace(v)) && reFigure.MatchString(strings.TrimSpace(last[c])) {
			return false
		}
	}
	return true
}

var reFigure = lazyre.New(`^[-+–]?\d[\d.,  ]*%?$`)

// headerPaths gives each column the path of its header levels from the top, joined by " / ": a level
// empty in the column is left out, as is a text repeating the level above it.
func headerPaths(levels [][]string) []string {
	if len(levels) == 0 {
		return nil
	}
	width := 0
	for _, l := range levels {
		width = max(width, len(l))
	}
	out := make([]string, width)
	for c := range out {
		var parts []string
		for _, l := range levels {
			if c >= len(l) {
				continue
			}
			v := strings.TrimSpace(l[c])
			if v == "" || len(parts) > 0 && parts[len(parts)-1] == v {
				continue
			}
			parts = append(parts, v)
		}
		out[c] = strings.Join(parts, " / ")
	}
	return out
}

// takeUnits takes a unit row out of the header levels, or the first row under them: a row whose
// cells, but for the first, name units and nothing else ("in 1.000 Euro" over the columns of two
// years, "in Prozent" over a change). Each column gets the unit printed over it or, where the row
// leaves it empty, the unit to its left (a unit printed once over a group of columns). It returns
// the levels left.
func (t *table) takeUnits(levels [][]string) [][]string {
	for k, l := range levels {
		if units, ok := unitRow(l); ok && len(levels) > 1 {
			t.columnUnits = units
			rest := append(append([][]string(nil), levels[:k]...), levels[k+1:]...)
			if first := strings.TrimSpace(l[0]); first != "" { // the first column's lowest level stays
				rest[len(rest)-1] = append([]string(nil), rest[len(rest)-1]...)
				if rest[len(rest)-1][0] == "" {
					rest[len(rest)-1][0] = first
				}
			}
			return rest
		}
	}
	if len(t.rows) > 1 {
		if units, ok := unitRow(t.rows[0]); ok && strings.TrimSpace(t.rows[0][0]) == "" {
			t.columnUnits = units
			t.rows = t.rows[1:]
		}
	}
	return levels
}

// unitRow reads the units of a unit row, or false when cells is none.
func unitRow(cells []string) ([]string, bool) {
	if len(cells) < 2 {
		return nil, false
	}
	units := make([]string, len(cells))
	cur, any := "", false
	for c, v := range cells {
		v = strings.TrimSpace(v)
		if c == 0 {
			continue
		}
		if v != "" {
			if !dumped.IsUnitCell(v) {
				return nil, false
			}
			cur, any = v, true
		}
		units[c] = cur
	}
	return units, any
}

package dumped

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"drucksache/extract/layout"
	"drucksache/extract/structure/internal/prose"
)

// A dump made with `pdftotext -layout` prints a table at its character columns: cells apart by
// runs of spaces, a wrapped cell's lines in the cell's columns, header levels stacked over the
// columns they head, an empty cell as blank space. Columns reads such a table by those columns
// and hands its rows on as a reader hands the rows it saw as cells.

// span is a piece of a printed line and the character columns [from, to) it takes.
type span struct {
	text     string
	from, to int
}

// MaxColumnHeaderLines is how many printed lines the header of a table printed at its columns may take.
const MaxColumnHeaderLines = 8

var (
	// reCellFigure is a cell that holds one figure, a date or a sign for none ("–").
	reCellFigure = regexp.MustCompile(`^(?:[-+–]?\d[\d.,]*\*?\s?%?|[-–—])$`)
	// reUnderTable starts a line printed under a table: a legend ("g = …"), a footnote ("1) …", "* …").
	reUnderTable = regexp.MustCompile(`^(?:\S{1,3} = |\d{1,2}\)\s|\*+\s|Quelle:|©)`)
)

// Columns reads the table that `pdftotext -layout` printed at its character columns from
// lines[i] on: header lines over rows whose cells stand in the columns the gaps shared by the
// rows leave. It returns the table's rows as lines with Cells (the header levels marked Header,
// wrapped cells joined, a header repeated after a page break dropped, a row cut by the break
// joined) and how many lines it took; nil when lines[i] starts no such table.
func Columns(lines []layout.Line, i int) ([]layout.Line, int) {
	if i >= len(lines) || lines[i].Cells != nil || lines[i].Role != layout.RoleBody || len(gapSpans(lines[i].Text)) < 2 {
		return nil, 0
	}
	head, body, n := columnBlock(lines, i)
	if len(head) == 0 || len(body) < 2 {
		return nil, 0
	}
	cols := columnsOf(body)
	if len(cols) < 2 {
		return nil, 0
	}
	rows := bodyRows(body, cols)
	if len(rows) < 2 {
		return nil, 0
	}
	levels := headerLevels(head, cols)
	if len(levels) == 0 {
		return nil, 0
	}
	out := make([]layout.Line, 0, len(levels)+len(rows))
	for _, l := range levels {
		out = append(out, layout.Line{Text: strings.Join(l, "\t"), Cells: l, Page: head[0].Page, No: head[0].No, Header: true, Role: layout.RoleBody})
	}
	for _, r := range rows {
		out = append(out, r)
	}
	return out, n
}

// gapSpans splits a printed line at runs of two spaces or more.
func gapSpans(s string) []span {
	return spansOf(s, 2)
}

// wordSpans splits a printed line at every space.
func wordSpans(s string) []span {
	return spansOf(s, 1)
}

// spansOf splits s at runs of at least gap spaces, counting columns in characters.
func spansOf(s string, gap int) []span {
	var out []span
	col, start, spaces := 0, -1, 0
	var b strings.Builder
	for _, r := range s {
		if r == ' ' || r == '\t' {
			spaces++
		} else {
			if start >= 0 && spaces >= gap {
				out = append(out, span{text: b.String(), from: start, to: col - spaces})
				start = -1
				b.Reset()
			}
			if start < 0 {
				start = col
			} else if spaces > 0 {
				b.WriteString(strings.Repeat(" ", spaces))
			}
			b.WriteRune(r)
			spaces = 0
		}
		col++
	}
	if start >= 0 {
		out = append(out, span{text: b.String(), from: start, to: col - spaces})
	}
	return out
}

// columnBlock takes the lines of a table printed at its columns from lines[i] on: the header
// lines above the first line with a figure in a cell of its own, and the lines of the rows,
// across a page break where the next page repeats the header. It ends at a blank line, at prose
// and at what is printed under a table (legend, footnotes, source).
func columnBlock(lines []layout.Line, i int) (head, body []layout.Line, n int) {
	j := i
	for j < len(lines) {
		l := lines[j]
		if l.Role != layout.RoleBody {
			k := repeatedHeaderAfter(lines, j, head)
			if k < 0 || len(body) == 0 {
				break
			}
			j = k
			continue
		}
		if j > i && l.Break || l.Cells != nil || endsColumns(l.Text) {
			break
		}
		if len(body) == 0 && !figureLine(l.Text) {
			if len(head) == MaxColumnHeaderLines {
				return nil, nil, 0
			}
			head = append(head, l)
		} else {
			body = append(body, l)
		}
		j++
	}
	return head, body, j - i
}

// repeatedHeaderAfter returns the index of the line after the page furniture at lines[j] and the
// header repeated below it, -1 when the next page repeats no header.
func repeatedHeaderAfter(lines []layout.Line, j int, head []layout.Line) int {
	for j < len(lines) && lines[j].Role != layout.RoleBody {
		j++
	}
	if len(head) == 0 || j+len(head) > len(lines) {
		return -1
	}
	for k, h := range head {
		if strings.Join(strings.Fields(lines[j+k].Text), " ") != strings.Join(strings.Fields(h.Text), " ") {
			return -1
		}
	}
	return j + len(head)
}

// endsColumns reports a line that ends a table: a legend, a footnote, a source, or a line of prose
// at the left margin.
func endsColumns(s string) bool {
	t := strings.TrimSpace(s)
	if reUnderTable.MatchString(t) || reNextTitle.MatchString(s) {
		return true
	}
	cells := gapSpans(s)
	return len(cells) == 1 && cells[0].from == 0 && len(strings.Fields(t)) >= 5
}

// figureLine reports a line with a figure in a cell of its own: its first word when the line holds
// more cells ("1 Gemeinde Altenwerder   14.03.2023 …"), or any other cell.
func figureLine(s string) bool {
	cells := gapSpans(s)
	if len(cells) < 2 {
		return false
	}
	for k, c := range cells {
		if k > 0 && reCellFigure.MatchString(c.text) {
			return true
		}
	}
	first := strings.Fields(cells[0].text)
	return reCellFigure.MatchString(cells[0].text) || len(first) > 1 && reCellFigure.MatchString(first[0]) && len(first[0]) <= 3
}

// columnsOf finds the columns of the rows: the runs of characters some row prints, between gaps
// no row prints in. A gap one character wide parts columns only where a row starts a cell right
// after it, past two spaces (a long label may come within one space of the next column).
func columnsOf(body []layout.Line) []span {
	width := 0
	for _, l := range body {
		width = max(width, utf8.RuneCountInString(l.Text))
	}
	used := make([]bool, width+1)
	starts := make([]bool, width+1) // a cell starts here, past two spaces or more
	for _, l := range body {
		for _, w := range wordSpans(l.Text) {
			for p := w.from; p < w.to; p++ {
				used[p] = true
			}
		}
		for _, c := range gapSpans(l.Text) {
			if c.from >= 2 {
				starts[c.from] = true
			}
		}
	}
	var cols []span
	from := -1
	for p := 0; p <= width; p++ {
		switch {
		case used[p] && from < 0:
			from = p
		case !used[p] && from >= 0 && (p+1 > width || !used[p+1] || starts[p+1]):
			cols = append(cols, span{from: from, to: p})
			from = -1
		}
	}
	return cols
}

// column is the column a span belongs to: the one it overlaps most, else the nearest.
func column(s span, cols []span) int {
	best, bestOver, bestDist := 0, 0, 1<<30
	for k, c := range cols {
		over := min(s.to, c.to) - max(s.from, c.from)
		dist := max(c.from-s.to, s.from-c.to, 0)
		if over > bestOver || bestOver <= 0 && over <= 0 && dist <= bestDist {
			best, bestOver, bestDist = k, over, dist
		}
	}
	return best
}

// placeWords puts the words of a printed line into the columns.
func placeWords(s string, cols []span) []string {
	cells := make([]string, len(cols))
	for _, w := range wordSpans(s) {
		k := column(w, cols)
		cells[k] = strings.TrimSpace(cells[k] + " " + w.text)
	}
	return cells
}

// placeCells puts the cells of a printed line into the columns, each whole, but a cell whose words
// stand in different columns, none over two (two cells printed one space apart).
func placeCells(s string, cols []span) []string {
	cells := make([]string, len(cols))
	for _, c := range gapSpans(s) {
		if split := splitCell(c, cols); split != nil {
			for k, v := range split {
				cells[k] = joinCell(cells[k], v, false)
			}
			continue
		}
		k := column(c, cols)
		cells[k] = joinCell(cells[k], c.text, false)
	}
	return cells
}

// splitCell reads one cell span as several when its words stand in different columns and none
// overlaps two; nil when it is one cell.
func splitCell(c span, cols []span) map[int]string {
	words := wordSpans(c.text)
	if len(words) < 2 {
		return nil
	}
	out := map[int]string{}
	for _, w := range words {
		w.from, w.to = w.from+c.from, w.to+c.from
		n := 0
		for _, col := range cols {
			if min(w.to, col.to) > max(w.from, col.from) {
				n++
			}
		}
		if n != 1 {
			return nil
		}
		k := column(w, cols)
		out[k] = strings.TrimSpace(out[k] + " " + w.text)
	}
	if len(out) < 2 {
		return nil
	}
	return out
}

// joinCell joins the next printed line of a wrapped cell to it: a word broken at the line end
// joined, a letter left alone on the next line (a word the producer broke without a hyphen)
// glued on.
func joinCell(cell, next string, wrapped bool) string {
	next = strings.TrimSpace(next)
	switch {
	case cell == "":
		return next
	case next == "":
		return cell
	case wrapped && utf8.RuneCountInString(next) == 1 && unicode.IsLower([]rune(next)[0]):
		return cell + next
	}
	return strings.TrimSpace(prose.JoinLine(cell, next))
}

// bodyRows reads the rows: a line with a figure in a cell starts a row, a line without one goes
// on with the cells of the row above (a wrapped label or text cell).
func bodyRows(body []layout.Line, cols []span) []layout.Line {
	var rows []layout.Line
	for _, l := range body {
		cells := placeWords(l.Text, cols)
		if hasFigureCell(cells) || len(rows) == 0 {
			rows = append(rows, layout.Line{Text: l.Text, Cells: cells, Page: l.Page, No: l.No, Role: layout.RoleBody})
			continue
		}
		last := rows[len(rows)-1].Cells
		for k, v := range cells {
			last[k] = joinCell(last[k], v, true)
		}
	}
	for k := range rows {
		rows[k].Text = strings.Join(rows[k].Cells, "\t")
	}
	return rows
}

// hasFigureCell reports a row with a cell that holds a figure.
func hasFigureCell(cells []string) bool {
	for _, c := range cells {
		if reCellFigure.MatchString(c) {
			return true
		}
	}
	return false
}

// headerLevels reads the header lines into levels, each a cell per column: a line goes on with the
// level above where it only prints in columns that level prints in (a wrapped header cell) or
// continues a cell broken at a hyphen; else it starts a level below. A unit row ("in 1.000 Euro")
// is a level of its own. A cell of a level over several columns of the levels below heads each of
// them: a column a level leaves empty takes the nearest cell of that level.
func headerLevels(head []layout.Line, cols []span) [][]string {
	type level struct {
		cells []string
		at    [][]span // where each cell's lines are printed
		unit  bool
	}
	var levels []*level
	for _, h := range head {
		cells := placeCells(h.Text, cols)
		spans := gapSpans(h.Text)
		isUnit := unitLine(cells)
		var cur *level
		if len(levels) > 0 {
			cur = levels[len(levels)-1]
		}
		above := cur
		if cur == nil || isUnit || cur.unit || !within(cells, cur.cells) {
			cur = &level{cells: make([]string, len(cols)), at: make([][]span, len(cols)), unit: isUnit}
			levels = append(levels, cur)
		}
		for k, v := range cells {
			to := cur
			if above != nil && above != cur && !above.unit && !isUnit && strings.HasSuffix(above.cells[k], "-") {
				to = above // the rest of a cell broken at a hyphen
			}
			to.cells[k] = joinCell(to.cells[k], v, true)
		}
		for _, s := range spans {
			k := column(s, cols)
			cur.at[k] = append(cur.at[k], s)
		}
	}
	// the lowest level that is no unit row heads the columns as they are
	centre := make([]float64, len(cols))
	for k, c := range cols {
		centre[k] = float64(c.from+c.to) / 2
	}
	out := make([][]string, len(levels))
	for li, l := range levels {
		out[li] = l.cells
		below := make([]bool, len(cols))
		for _, lb := range levels[li+1:] {
			for k, v := range lb.cells {
				below[k] = below[k] || v != "" && !lb.unit
			}
		}
		if li == len(levels)-1 && !l.unit {
			continue
		}
		spread := append([]string(nil), l.cells...)
		for k := range cols {
			if l.cells[k] != "" || !below[k] && !l.unit || k == 0 && l.unit {
				continue
			}
			best, dist := -1, 0.0
			for m, v := range l.cells {
				if v == "" || len(l.at[m]) == 0 {
					continue
				}
				c := float64(l.at[m][0].from+l.at[m][0].to) / 2
				if d := abs(c - centre[k]); best < 0 || d < dist {
					best, dist = m, d
				}
			}
			if best >= 0 && (best > 0 || l.unit) {
				spread[k] = l.cells[best]
			}
		}
		out[li] = spread
	}
	return out
}

// within reports whether a header line prints only in columns the level above prints in, or in
// a column whose cell the level breaks at a hyphen.
func within(cells, level []string) bool {
	for k, v := range cells {
		if v != "" && level[k] == "" {
			return false
		}
	}
	return true
}


var reUnitCell = regexp.MustCompile(`(?i)^\(?\s*(?:Angaben\s+|Beträge\s+|Werte\s+)?in\s+(?:(?:1\.000|1000|Tsd\.?|Tausend|Mio\.?|Millionen|Mrd\.?|Milliarden)\s*)?(?:Euro|EUR|€|Prozent|%|‰)\s*\)?$`)

// unitLine reports a header line that names units and nothing else, but for its first column.
func unitLine(cells []string) bool {
	any := false
	for k, v := range cells {
		if k == 0 || v == "" {
			continue
		}
		if !reUnitCell.MatchString(v) {
			return false
		}
		any = true
	}
	return any
}

func abs(f float64) float64 {
	if f < 0 {
		return -f
	}
	return f
}

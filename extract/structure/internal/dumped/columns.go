package dumped

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"drucksache/extract/layout"
	"drucksache/extract/structure/internal/prose"
	"drucksache/internal/lazyre"
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

// reMarkerLine is a line of footnote markers and nothing else.
var reMarkerLine = lazyre.New(`^\s*\d{1,2}\)(?:\s+\d{1,2}\))*\s*$`)

// maxRowLines is how many printed lines one row of a table printed at its columns may take.
const maxRowLines = 60

// maxColumnHeaderLines is how many printed lines the header of a table printed at its columns may take.
const maxColumnHeaderLines = 8

var (
	// reCellFigure is a cell that holds one figure, a date or a sign for none ("–").
	reCellFigure = lazyre.New(`^(?:[-+–]?\d[\d.,]*\*?\s?%?|[-–—])$`)
	// reUnderTable starts a line printed under a table: a legend ("g = …"), a footnote ("1) …", "* …").
	reUnderTable = lazyre.New(`^(?:\S{1,3} = |\d{1,2}\)\s|\*+\s|Quelle:|©)`)
)

// Columns reads the table that `pdftotext -layout` printed at its character columns from
// lines[i] on: header lines over rows whose cells stand in the columns the gaps shared by the
// rows leave. It returns the table's rows as lines with Cells (the header levels marked Header,
// wrapped cells joined, a header repeated after a page break dropped, a row cut by the break
// joined) and how many lines it took; nil when lines[i] starts no such table. words decides a
// word a narrow cell breaks without a hyphen.
func Columns(lines []layout.Line, i int, words *prose.Vocabulary) ([]layout.Line, int) {
	if i >= len(lines) || lines[i].Cells != nil || lines[i].Role != layout.RoleBody || len(gapSpans(lines[i].Text)) < 2 {
		return nil, 0
	}
	head, body, n := columnBlock(lines, i)
	if len(head) == 0 || len(body) < 2 {
		return nil, 0
	}
	pages := pageColumns(body)
	cols := pages.table
	if len(cols) < 2 || packed(head) {
		return nil, 0
	}
	// a row's label printed on a line of its own above its figures is no header line
	for len(head) > 1 && onlyFirst(placeWords(head[len(head)-1].Text, cols)) && placeWords(body[0].Text, cols)[0] == "" {
		body = append([]layout.Line{head[len(head)-1]}, body...)
		head = head[:len(head)-1]
	}
	rows := bodyRows(body, pages, words)
	if len(rows) < 2 {
		return nil, 0
	}
	levels := headerLevels(head, headerColumns(head, cols), figureColumns(rows), words)
	if len(levels) == 0 {
		return nil, 0
	}
	out := make([]layout.Line, 0, len(levels)+len(rows))
	for _, l := range levels {
		out = append(out, layout.Line{Text: strings.Join(l, "\t"), Cells: l, Page: head[0].Page, No: head[0].No, Header: true, Role: layout.RoleBody})
	}
	return append(out, rows...), n
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
		if l.Role != layout.RoleBody || j > i && l.Page != lines[j-1].Page {
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
		if len(body) == 0 && (!figureLine(l.Text) || yearsHeader(l.Text)) {
			if len(head) == maxColumnHeaderLines {
				return nil, nil, 0
			}
			head = append(head, l)
		} else {
			if len(head) == 0 || packed([]layout.Line{l}) {
				return nil, nil, 0 // rows with no header above, or a dump that keeps no columns
			}
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
	if j == 0 || j < len(lines) && lines[j].Role == layout.RoleBody && lines[j].Page == lines[j-1].Page && lines[j-1].Role == layout.RoleBody {
		return -1
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

// pageCols are the columns of a table's rows: pdftotext lays out each page on its own, so the part
// of a table continued on the next page may stand a few characters off.
type pageCols struct {
	table []span         // the columns of the rows on the table's first page (of all rows when it prints one there)
	pages map[int][]span // a later page's own columns, where it has as many
}

// pageColumns finds the columns of the rows, page by page.
func pageColumns(body []layout.Line) pageCols {
	var runs [][]layout.Line
	for k, l := range body {
		if k == 0 || l.Page != body[k-1].Page {
			runs = append(runs, nil)
		}
		runs[len(runs)-1] = append(runs[len(runs)-1], l)
	}
	pc := pageCols{table: columnsOf(body, 2), pages: map[int][]span{}}
	if len(runs) < 2 {
		return pc
	}
	if len(runs[0]) > 1 {
		pc.table = columnsOf(runs[0], 2)
	}
	for _, run := range runs[1:] {
		// a page's own columns count only where they are as many, so one date there parts them
		if cols := columnsOf(run, 1); len(cols) == len(pc.table) {
			pc.pages[run[0].Page] = cols
		}
	}
	return pc
}

// at are the columns of the rows on page.
func (pc pageCols) at(page int) []span {
	if cols, ok := pc.pages[page]; ok {
		return cols
	}
	return pc.table
}

// packed reports lines with figures one space apart: text that keeps no columns (a dump
// without -layout), whose runs of spaces say nothing of them.
func packed(body []layout.Line) bool {
	for _, l := range body {
		words := wordSpans(l.Text)
		for k := 1; k < len(words); k++ {
			if words[k].from-words[k-1].to == 1 && reCellFigure.MatchString(words[k].text) && reCellFigure.MatchString(words[k-1].text) {
				return true
			}
		}
	}
	return false
}

// reYear is a year as a header prints it over the columns of that year ("2024", "2024*").
var reYear = lazyre.New(`^(?:19|20)\d\d\*?$`)

// yearsHeader reports a line whose figures, but for its first cell, are all years: a header line.
func yearsHeader(s string) bool {
	years := false
	for k, c := range gapSpans(s) {
		if k > 0 && reCellFigure.MatchString(c.text) && !reYear.MatchString(c.text) {
			return false
		}
		years = years || k > 0 && reYear.MatchString(c.text)
	}
	return years
}

// columnsOf finds the columns of the rows: the runs of characters some row prints, between gaps
// no row prints in. A gap one character wide parts columns only where a row starts a cell right
// after it, past two spaces (a long label may come within one space of the next column), or
// where only figures end right before it, in at least dates rows (a date one space before the text
// of the next column).
func columnsOf(body []layout.Line, dates int) []span {
	body = withoutLabelLines(body)
	width := 0
	for _, l := range body {
		width = max(width, utf8.RuneCountInString(l.Text))
	}
	used := make([]bool, width+1)
	starts := make([]bool, width+1)    // a cell starts here, past two spaces or more
	figureEnds := make([]int, width+2) // figures (dates, numbers) end here
	textEnds := make([]int, width+2)   // other words end here
	for _, l := range body {
		for _, w := range wordSpans(l.Text) {
			for p := w.from; p < w.to; p++ {
				used[p] = true
			}
			if reCellFigure.MatchString(w.text) {
				figureEnds[w.to]++
			} else {
				textEnds[w.to]++
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
		case !used[p] && from >= 0 && (p+1 > width || !used[p+1] || starts[p+1] || figureEnds[p] >= dates && textEnds[p] == 0):
			cols = append(cols, span{from: from, to: p})
			from = -1
		}
	}
	return mergeSigns(cols, body)
}

// withoutLabelLines leaves out the lines that print a row's label alone above a line of figures
// that leaves the label's column empty, where other rows print that column: such a label may
// reach into the next column ("Steuerverwaltung" over "Studium an der …").
func withoutLabelLines(body []layout.Line) []layout.Line {
	var out []layout.Line
	left, labelled := 1<<30, false
	for _, l := range body {
		if w := wordSpans(l.Text); len(w) > 0 {
			left = min(left, w[0].from)
		}
	}
	skip := make([]bool, len(body))
	for k, l := range body {
		cells := gapSpans(l.Text)
		if k+1 < len(body) && len(cells) == 1 && cells[0].from == left && !figureLine(l.Text) && figureLine(body[k+1].Text) {
			if next := wordSpans(body[k+1].Text); len(next) > 0 && next[0].from > left {
				skip[k] = true
				continue
			}
		}
		if w := wordSpans(l.Text); len(w) > 0 && w[0].from == left && figureLine(l.Text) {
			labelled = true
		}
	}
	if !labelled {
		return body
	}
	for k, l := range body {
		if !skip[k] {
			out = append(out, l)
		}
	}
	return out
}

// mergeSigns joins to the column on its left a column one character wide right beside it that holds
// nothing but a sign for none ("–" set a character or two past the figures' right edge).
func mergeSigns(cols []span, body []layout.Line) []span {
	signs := make([]bool, len(cols))
	for k := range signs {
		signs[k] = true
	}
	for _, l := range body {
		for _, w := range wordSpans(l.Text) {
			if k := column(w, cols); utf8.RuneCountInString(w.text) > 1 || unicode.IsLetter([]rune(w.text)[0]) && w.text != "x" && w.text != "g" || unicode.IsDigit([]rune(w.text)[0]) {
				signs[k] = false
			}
		}
	}
	out := cols[:1:1]
	for k := 1; k < len(cols); k++ {
		if signs[k] && cols[k].to-cols[k].from == 1 && cols[k].from-cols[k-1].to <= 2 {
			out[len(out)-1].to = cols[k].to
			continue
		}
		out = append(out, cols[k])
	}
	return out
}

// onlyFirst reports cells of which only the first holds text.
func onlyFirst(cells []string) bool {
	for k, v := range cells {
		if (k == 0) != (v != "") {
			return false
		}
	}
	return true
}

// headerColumns are the columns the header lines are read by: where the cells of the header lines
// start at as many places as there are columns, the stretches from each to the next (a header set
// flush left over figures set flush right); else the columns of the rows.
func headerColumns(head []layout.Line, cols []span) []span {
	var starts []int
	for _, h := range head {
		for _, c := range gapSpans(h.Text) {
			starts = append(starts, c.from)
		}
	}
	sort.Ints(starts)
	var at []int
	for _, p := range starts {
		if len(at) == 0 || p-at[len(at)-1] > 1 {
			at = append(at, p)
		}
	}
	if len(at) != len(cols) || at[0] >= cols[0].to {
		return cols
	}
	out := make([]span, len(at))
	for k, p := range at {
		out[k] = span{from: p, to: 1 << 20}
		if k+1 < len(at) {
			out[k].to = at[k+1]
		}
		if k == 0 {
			out[k].from = 0
		}
	}
	return out
}

// figureColumns reports the columns whose cells hold figures, signs or nothing: every column but
// the first, of the rows read.
func figureColumns(rows []layout.Line) []bool {
	cells := make([][]string, len(rows))
	for k, r := range rows {
		cells[k] = r.Cells
	}
	out := figuresIn(cells)
	out[0] = false
	return out
}

// figuresIn reports the columns whose cells, of the rows given, hold figures, signs or nothing.
func figuresIn(rows [][]string) []bool {
	out := make([]bool, len(rows[0]))
	for k := range out {
		out[k] = true
	}
	for _, r := range rows {
		for k, v := range r {
			if v != "" && !reCellFigure.MatchString(v) && !reSign.MatchString(v) {
				out[k] = false
			}
		}
	}
	return out
}

// reSign is a sign a statistics table prints in a cell instead of a figure.
var reSign = lazyre.New(`^[xg.·…/]$`)

// column is the column a span belongs to: the one it overlaps most; else, in a gap, the column
// right of it (a header is set flush left over figures set flush right); else the last.
func column(s span, cols []span) int {
	best, bestOver := -1, 0
	for k, c := range cols {
		if over := min(s.to, c.to) - max(s.from, c.from); over > bestOver {
			best, bestOver = k, over
		}
	}
	if best >= 0 {
		return best
	}
	for k, c := range cols {
		if c.from >= s.to {
			return k
		}
	}
	return len(cols) - 1
}

// placeWords puts the words of a printed line into the columns.
func placeWords(s string, cols []span) []string {
	cells := make([]string, len(cols))
	for _, w := range wordSpans(s) {
		k := column(w, cols)
		cells[k] = strings.TrimSpace(cells[k] + " " + softHyphens.Replace(w.text))
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
				cells[k] = joinCell(cells[k], v, nil)
			}
			continue
		}
		k := column(c, cols)
		cells[k] = joinCell(cells[k], c.text, nil)
	}
	return cells
}

// splitCell reads one cell span as several when its words stand in different columns and none
// overlaps two; nil when it is one cell.
func splitCell(c span, cols []span) map[int]string {
	words := wordSpans(c.text)
	if len(words) < 2 || reUnitCell.MatchString(c.text) {
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
// joined; a word the producer broke without a hyphen at the cell's edge glued together again
// where the rest is a letter alone or the document prints the whole word elsewhere (words; nil
// within one printed line).
func joinCell(cell, next string, words *prose.Vocabulary) string {
	next = strings.TrimSpace(softHyphens.Replace(next))
	switch {
	case cell == "":
		return next
	case next == "":
		return cell
	case words != nil && brokenWord(cell, next, words):
		return cell + next
	}
	return strings.TrimSpace(prose.JoinLine(cell, next))
}

// softHyphens drops the soft hyphens some producers leave in a dump; a soft hyphen printed as a
// hyphen at the line end is a hyphen there.
var softHyphens = strings.NewReplacer("\u00ad\u2010", "-", "\u00ad-", "-", "\u00ad", "")

// brokenWord reports whether the last word of cell and the first of next are one word broken
// without a hyphen: next goes on in lower case and is a letter alone, or the document prints the
// word whole.
func brokenWord(cell, next string, words *prose.Vocabulary) bool {
	first, _, _ := strings.Cut(next, " ")
	r, _ := utf8.DecodeRuneInString(first)
	if !unicode.IsLower(r) || strings.HasSuffix(cell, "-") {
		return false
	}
	if utf8.RuneCountInString(first) == 1 {
		return true
	}
	last := cell[strings.LastIndexByte(cell, ' ')+1:]
	whole := last + first
	return utf8.RuneCountInString(last) >= 3 && utf8.RuneCountInString(whole) >= 8 && words.Prints(whole)
}

// bodyRows reads the rows: a line with a figure in a cell starts a row, a line without one goes
// on with the cells of the row above (a wrapped label or text cell). A line of footnote markers
// alone ("1)", printed raised above the line it belongs to) is glued to the cells below it.
func bodyRows(body []layout.Line, pages pageCols, words *prose.Vocabulary) []layout.Line {
	var rows []layout.Line
	open := false // the last row is a label printed above its figures
	figures := figureOnly(body, pages)
	var raised []string // a footnote marker printed raised, on a line of its own above its cell
	for j, l := range body {
		cells := placeWords(l.Text, pages.at(l.Page))
		if reMarkerLine.MatchString(l.Text) && j+1 < len(body) {
			raised = cells
			continue
		}
		for k, v := range raised {
			if v != "" && cells[k] != "" {
				cells[k] += v
			}
		}
		raised = nil
		starts := hasFigureCell(cells)
		if !starts && onlyFirst(cells) && j+1 < len(body) {
			next := placeWords(body[j+1].Text, pages.at(body[j+1].Page))
			if hasFigureCell(next) && next[0] == "" {
				rows = append(rows, layout.Line{Cells: cells, Page: l.Page, No: l.No, Role: layout.RoleBody})
				open = true
				continue
			}
		}
		if starts && !open || len(rows) == 0 {
			rows = append(rows, layout.Line{Cells: cells, Page: l.Page, No: l.No, Role: layout.RoleBody})
			continue
		}
		if !starts {
			cells = placeText(l.Text, pages.at(l.Page), figures)
		}
		if open = false; l.No-rows[len(rows)-1].No > maxRowLines {
			return nil // no row of a table takes so many lines: these are no rows
		}
		last := rows[len(rows)-1].Cells
		for k, v := range cells {
			last[k] = joinCell(last[k], v, words)
		}
	}
	for k := range rows {
		rows[k].Text = strings.Join(rows[k].Cells, "\t")
	}
	return rows
}

// figureOnly reports the columns that hold figures and nothing else on the lines that start rows.
func figureOnly(body []layout.Line, pages pageCols) []bool {
	var starts [][]string
	for _, l := range body {
		if cells := placeWords(l.Text, pages.at(l.Page)); hasFigureCell(cells) {
			starts = append(starts, cells)
		}
	}
	if len(starts) == 0 {
		return nil
	}
	return figuresIn(starts)
}

// placeText puts the words of a line that goes on with the row above into the columns, a word
// that would stand in a column of figures in the nearest column of text instead (a row cut by a
// page break, its rest set a few characters off on the next page).
func placeText(s string, cols []span, figures []bool) []string {
	cells := make([]string, len(cols))
	for _, w := range wordSpans(s) {
		k := column(w, cols)
		if k < len(figures) && figures[k] && !reCellFigure.MatchString(w.text) {
			best, dist := k, 1<<30
			for m, c := range cols {
				if d := max(c.from-w.to, w.from-c.to, 0); !figures[m] && d < dist {
					best, dist = m, d
				}
			}
			k = best
		}
		cells[k] = strings.TrimSpace(cells[k] + " " + softHyphens.Replace(w.text))
	}
	return cells
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
// them (see spread); a unit heads the figure columns of the group nearest it (see spreadUnits).
func headerLevels(head []layout.Line, cols []span, figures []bool, words *prose.Vocabulary) [][]string {
	levels := stackLevels(head, cols, words)
	ext := columnExtents(cols, levels)
	out := make([][]string, len(levels))
	for li, l := range levels {
		switch {
		case l.unit:
			out[li] = spreadUnits(l, ext, figures, groups(levels, cols))
		case li < len(levels)-1:
			out[li] = spread(l, columnExtents(cols, levels[li+1:]), levels[li+1:])
		default:
			out[li] = l.cells
		}
	}
	return out
}

// stackLevels stacks the header lines into levels, as headerLevels says.
func stackLevels(head []layout.Line, cols []span, words *prose.Vocabulary) []*level {
	var levels []*level
	for _, h := range head {
		cells := placeCells(h.Text, cols)
		isUnit := unitLine(cells)
		var cur *level
		if len(levels) > 0 {
			cur = levels[len(levels)-1]
		}
		above := cur
		if cur == nil || isUnit || cur.unit || !within(cells, cur.cells) {
			cur = &level{cells: make([]string, len(cols)), at: make([]span, len(cols)), unit: isUnit}
			levels = append(levels, cur)
		}
		for k, v := range cells {
			to := cur
			if above != nil && above != cur && !above.unit && !isUnit && strings.HasSuffix(above.cells[k], "-") {
				to = above // the rest of a cell broken at a hyphen
			}
			to.cells[k] = joinCell(to.cells[k], v, words)
		}
		for _, c := range gapSpans(h.Text) {
			k := column(c, cols)
			if cur.at[k].to == 0 {
				cur.at[k] = c
			}
		}
	}
	return levels
}

// level is one level of a header: its cells per column and where each cell's first line is printed.
type level struct {
	cells []string
	at    []span
	unit  bool
}

// columnExtents are the stretches of the columns, by the rows and the header levels over them
// that are no unit rows.
func columnExtents(cols []span, levels []*level) []span {
	out := make([]span, len(cols))
	for k, c := range cols {
		out[k] = c
		for _, l := range levels {
			if !l.unit && l.at[k].to > 0 {
				out[k].from, out[k].to = min(out[k].from, l.at[k].from), max(out[k].to, l.at[k].to)
			}
		}
	}
	return out
}

// middle is the middle of the stretch from the first of the columns run to the last.
func middle(ext []span, run []int) float64 {
	return float64(ext[run[0]].from+ext[run[len(run)-1]].to) / 2
}

// spread gives each column that level l leaves empty, and a lower level heads, the cell of l it
// stands under: a cell over several columns is printed over the middle of their stretch (ext, by
// the rows and the levels below), so the columns are
// parted among the cells of l, in order, such that each cell stands nearest the middle of its
// part. The first column's cell heads no other.
func spread(l *level, ext []span, below []*level) []string {
	out := append([]string(nil), l.cells...)
	var cells, cols []int
	for k := 1; k < len(out); k++ {
		if out[k] != "" && l.at[k].to > 0 {
			cells = append(cells, k)
		}
		if out[k] != "" || headed(below, k) {
			cols = append(cols, k)
		}
	}
	if len(cells) == 0 || len(cells) > len(cols) {
		return out
	}
	for m, run := range partition(cells, cols, l, ext) {
		for _, k := range run {
			if out[k] == "" {
				out[k] = l.cells[cells[m]]
			}
		}
	}
	return out
}

// partition parts the columns cols, in order, among the cells (columns of l), each a run of
// at least one column, such that the distances of each cell's middle to the middle of its run add
// up least; it returns the runs, one a cell.
func partition(cells, cols []int, l *level, ext []span) [][]int {
	mid := func(m int) float64 { return float64(l.at[cells[m]].from+l.at[cells[m]].to) / 2 }
	cost := func(m, a, b int) float64 { return abs(middle(ext, cols[a:b]) - mid(m)) } // cell m over cols[a:b]
	n, c := len(cols), len(cells)
	const inf = 1e18
	best := make([][]float64, c+1)
	from := make([][]int, c+1)
	for m := range best {
		best[m] = make([]float64, n+1)
		from[m] = make([]int, n+1)
		for t := range best[m] {
			best[m][t] = inf
		}
	}
	best[0][0] = 0
	for m := 1; m <= c; m++ {
		for t := m; t <= n; t++ {
			for a := m - 1; a < t; a++ {
				if best[m-1][a] == inf {
					continue
				}
				if v := best[m-1][a] + cost(m-1, a, t); v < best[m][t] {
					best[m][t], from[m][t] = v, a
				}
			}
		}
	}
	runs := make([][]int, c)
	for m, t := c, n; m > 0; m-- {
		a := from[m][t]
		runs[m-1] = cols[a:t]
		t = a
	}
	return runs
}

// headed reports whether a level of below heads column k.
func headed(below []*level, k int) bool {
	for _, l := range below {
		if !l.unit && l.cells[k] != "" {
			return true
		}
	}
	return false
}

// groups numbers the columns by the cell of the top level that heads them (-1 for the first).
func groups(levels []*level, cols []span) []int {
	out := make([]int, len(cols))
	for k := range out {
		out[k] = k
	}
	if len(levels) < 2 || levels[0].unit {
		return out
	}
	top := spread(levels[0], columnExtents(cols, levels[1:]), levels[1:])
	for k := 1; k < len(top); k++ {
		if top[k] != "" && top[k] == top[k-1] {
			out[k] = out[k-1]
		}
	}
	return out
}

// spreadUnits gives each figure column the unit printed nearest the middle of its group.
func spreadUnits(l *level, ext []span, figures []bool, group []int) []string {
	out := make([]string, len(l.cells))
	out[0] = l.cells[0]
	for k := 1; k < len(out); k++ {
		if !figures[k] {
			continue
		}
		var run []int
		for m := range group {
			if group[m] == group[k] {
				run = append(run, m)
			}
		}
		mid := middle(ext, run)
		best, dist := -1, 0.0
		for m, v := range l.cells {
			if m == 0 || v == "" || l.at[m].to == 0 {
				continue
			}
			if d := abs(float64(l.at[m].from+l.at[m].to)/2 - mid); best < 0 || d < dist {
				best, dist = m, d
			}
		}
		if best > 0 {
			out[k] = l.cells[best]
		}
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

// reUnitCell is a cell that names a unit and nothing else ("in 1.000 Euro", "(in Prozent)").
var reUnitCell = lazyre.New(`(?i)^\(?\s*(?:Angaben\s+|Beträge\s+|Werte\s+)?in\s+(?:(?:1\.000|1000|Tsd\.?|Tausend|Mio\.?|Millionen|Mrd\.?|Milliarden)\s*)?(?:Euro|EUR|€|Prozent|%|‰)\s*\)?$`)

// IsUnitCell reports a cell that names a unit and nothing else ("in 1.000 Euro", "(in Prozent)").
func IsUnitCell(s string) bool { return reUnitCell.MatchString(s) }

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

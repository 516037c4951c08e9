package pdf

import (
	"math"
	"slices"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"drucksache/extract/layout"
	"drucksache/extract/pdf/internal/content"
	"drucksache/internal/lazyre"
)

// tableRow is one row of a table as the reader assembles it: a cell per column, and the lines
// whose words it holds, top to bottom.
type tableRow struct {
	cells  []string
	lines  []*textLine
	band   int  // the band of a ruled grid the row lies in
	header bool // a level of the header
}

// tables finds the tables of a page and replaces their lines by rows with cells; table numbers
// continue from table. Ruled tables take their columns and rows from the rules; tables without
// rules their columns from the white space that runs through all their rows.
func tables(pg *content.Page, lines []*textLine, m metrics, table int, words *vocabulary) ([]*textLine, int, []tableInfo) {
	var infos []tableInfo
	for _, g := range ruledGrids(pg.Rules) {
		var in []*textLine
		for _, l := range lines {
			if l.role == layout.RoleBody && l.table == 0 && l.y > g.ys[len(g.ys)-1] && l.y < g.ys[0] &&
				l.x0 >= g.xs[0]-2 && l.x1 <= g.xs[len(g.xs)-1]+2 {
				in = append(in, l)
			}
		}
		if len(in) == 0 {
			continue
		}
		table++
		lines = replaceRows(lines, in, fillRuled(&g, in, words), table)
		infos = append(infos, tableInfo{table: table, xs: g.xs})
	}
	return unruled(lines, m, table, infos)
}

// tableInfo is what the reader keeps of a page's table to tell its continuation on the next page.
type tableInfo struct {
	table int
	xs    []float64
}

// replaceRows puts the rows of a table where its lines were: the first row at the place of the
// table's first line, the table's other lines dropped.
func replaceRows(lines, in []*textLine, rows []tableRow, table int) []*textLine {
	drop := make(map[*textLine]bool, len(in))
	for _, l := range in {
		drop[l] = true
	}
	out := make([]*textLine, 0, len(lines)-len(in)+len(rows))
	done := false
	for _, l := range lines {
		if !drop[l] {
			out = append(out, l)
			continue
		}
		if done {
			continue
		}
		done = true
		for _, r := range rows {
			out = append(out, r.line(table))
		}
	}
	return out
}

// line is the printed line that stands for a row: its first line, with the row's cells.
func (r *tableRow) line(table int) *textLine {
	first := *r.lines[0]
	first.table = table
	first.cells = r.cells
	first.header = r.header
	first.bold = layout.Yes
	for _, l := range r.lines {
		if l.bold != layout.Yes {
			first.bold = layout.No
		}
		first.x0, first.x1 = math.Min(first.x0, l.x0), math.Max(first.x1, l.x1)
	}
	return &first
}

// piece is the text of a line that falls into one cell.
type piece struct {
	line   int // index of the line in the table's lines
	row    int
	col    int
	text   string
	x0, x1 float64 // where the text starts and ends
	words  int
	cell   int  // the place of the grid that names the cell (its top-left one)
	glue   bool // the text ends in a word broken without a hyphen at the cell's right edge
}

// fillRuled makes the rows of a ruled table: one row per band between horizontal rules, one cell per
// column, a cell spanning columns or rows where a rule is missing (its text in its first column and
// band). A grid with rules between header and body only has its body rows told apart by the lines.
func fillRuled(g *ruledGrid, lines []*textLine, words *vocabulary) []tableRow {
	nb, nc := len(g.ys)-1, len(g.xs)-1
	owner := g.cells()
	bandOf := make([]int, len(lines))
	used := map[int]bool{}
	for k, l := range lines {
		b := g.band(l.y + 0.25*l.size)
		if b < 0 {
			b = max(0, min(nb-1, g.band(l.y)))
		}
		bandOf[k] = b
		used[b] = true
	}
	if len(used) == 1 {
		// rules only around the table: the rows and the header come from the lines, as without rules
		return fillLines(g.xs, lines)
	}
	// rows: each band one row; a body band of a grid ruled under its header only holds several
	rowOf := make([]int, len(lines))
	var rows []tableRow
	firstRow := map[int]int{}
	for b := 0; b < nb; b++ {
		var in []int
		for k := range lines {
			if bandOf[k] == b {
				in = append(in, k)
			}
		}
		if len(in) == 0 {
			continue
		}
		var group []int
		if len(used) == 2 && b == maxKey(used) {
			sub := make([]*textLine, len(in))
			for i, k := range in {
				sub[i] = lines[k]
			}
			group = groupRows(sub, g.xs, false)
		} else {
			group = make([]int, len(in))
		}
		firstRow[b] = len(rows)
		for i, k := range in {
			if i == 0 || group[i] != group[i-1] {
				rows = append(rows, tableRow{cells: make([]string, nc), band: b})
			}
			rowOf[k] = len(rows) - 1
		}
	}
	var pieces []piece
	for k, l := range lines {
		parts := make([][]word, nc)
		for _, w := range l.words {
			c := columnOf(g.xs, (w.x0+w.x1)/2)
			p := owner[bandOf[k]*nc+c]
			c0 := p % nc
			parts[c0] = append(parts[c0], w)
		}
		for c0, ws := range parts {
			if len(ws) == 0 {
				continue
			}
			row := rowOf[k]
			top := owner[bandOf[k]*nc+c0] / nc
			if top != bandOf[k] { // a cell spanning rows: its text belongs to its first band
				if fr, ok := firstRow[top]; ok {
					row = fr
				}
			}
			pc := newPiece(k, row, c0, ws)
			pc.cell = owner[bandOf[k]*nc+c0]
			pieces = append(pieces, pc)
		}
	}
	brokenWords(g, owner, lines, pieces, words)
	rows = assemble(rows, lines, pieces)
	// a cell spanning columns heads each of them in the header: spread by colspan
	nh := max(headerRows(rows), spanningHeader(rows, owner, nc))
	for i := range rows[:nh] {
		rows[i].header = true
		b := rows[i].band
		for c := 0; c < nc; c++ {
			p := owner[b*nc+c]
			if p/nc == b && p%nc != c && rows[i].cells[c] == "" {
				rows[i].cells[c] = rows[i].cells[p%nc]
			}
		}
	}
	spreadDown(rows[nh:], owner, nc)
	return rows
}

// spreadDown gives each body row that a cell spanning rows covers that cell's text ("Landkreis
// Celle" beside the years 2023, 2024 and 2025), as a header cell spanning columns heads each of
// them: a row read alone still says what it is about.
func spreadDown(rows []tableRow, owner []int, nc int) {
	first := map[int]int{} // band -> its first row
	for i := len(rows) - 1; i >= 0; i-- {
		first[rows[i].band] = i
	}
	for i := range rows {
		b := rows[i].band
		for c := 0; c < nc; c++ {
			p := owner[b*nc+c]
			top, ok := first[p/nc]
			if p/nc == b || p%nc != c || !ok || rows[i].cells[c] != "" {
				continue
			}
			rows[i].cells[c] = rows[top].cells[c]
		}
	}
}

// spanningHeader counts the rows of a header told by its structure: the rows at the top with a text
// spanning columns ("2023" over "Insgesamt" and "darunter") and the row under the last of them,
// unless that row holds figures (years aside).
func spanningHeader(rows []tableRow, owner []int, nc int) int {
	n := 0
	for n < len(rows) {
		b, spans := rows[n].band, false
		for c := 0; c < nc; c++ {
			p := owner[b*nc+c]
			spans = spans || p/nc == b && p%nc != c && rows[n].cells[p%nc] != ""
		}
		if !spans {
			break
		}
		n++
	}
	if n == 0 || n+1 >= len(rows) {
		return 0
	}
	for _, v := range rows[n].cells[1:] {
		if numericRe.MatchString(v) && !yearRe.MatchString(v) {
			return n // the row under them holds figures: the first row of the body
		}
	}
	return n + 1
}

var yearRe = lazyre.New(`^(?:19|20)\d\d$`)

func newPiece(line, row, col int, ws []word) piece {
	texts := make([]string, len(ws))
	for i, w := range ws {
		texts[i] = w.text
	}
	return piece{line: line, row: row, col: col, text: strings.Join(texts, " "), x0: ws[0].x0, x1: ws[len(ws)-1].x1, words: len(ws)}
}

// brokenWords marks the lines of a cell that end in a word broken without a hyphen because it did not
// fit the cell ("Beanstandun" "g"), as office programs and browsers break a word too long for a
// narrow cell: a line of one word that fills the cell from its left edge to its right one, followed
// by a line that goes on in lower case, where the document prints the word joined elsewhere (else
// it is a word wrapped before the next one: "Veränderung" "gegenüber").
func brokenWords(g *ruledGrid, owner []int, lines []*textLine, pieces []piece, words *vocabulary) {
	sort.SliceStable(pieces, func(i, j int) bool { return pieces[i].line < pieces[j].line })
	nc := len(g.xs) - 1
	type key struct{ row, col int }
	left := map[key]float64{}
	for _, p := range pieces {
		k := key{p.row, p.col}
		if v, ok := left[k]; !ok || p.x0 < v {
			left[k] = p.x0
		}
	}
	for i := range pieces {
		p := &pieces[i]
		if p.words != 1 || i+1 >= len(pieces) {
			continue
		}
		var next *piece
		for j := i + 1; j < len(pieces); j++ {
			if pieces[j].row == p.row && pieces[j].col == p.col {
				next = &pieces[j]
				break
			}
		}
		if next == nil {
			continue
		}
		last, _ := utf8.DecodeLastRuneInString(p.text)
		first, _ := utf8.DecodeRuneInString(next.text)
		if !unicode.IsLetter(last) || !unicode.IsLower(first) {
			continue
		}
		// the cell's right edge, less the padding its text keeps from the left edge
		c1 := p.col
		for c1+1 < nc && owner[(p.cell/nc)*nc+c1+1] == p.cell {
			c1++
		}
		pad := left[key{p.row, p.col}] - g.xs[p.col]
		right := g.xs[c1+1] - math.Max(pad, 0)
		size := lines[p.line].size
		if math.Abs(p.x0-left[key{p.row, p.col}]) < 1 && p.x1 >= right-0.7*size {
			rest := strings.TrimRight(strings.Fields(next.text)[0], ",.;:)")
			p.glue = words.has(p.text + rest)
		}
	}
}

func maxKey(m map[int]bool) int {
	best := -1
	for k := range m {
		best = max(best, k)
	}
	return best
}

// assemble joins the pieces of each cell, line by line, into the cells of rows; rows without a
// piece go.
func assemble(rows []tableRow, lines []*textLine, pieces []piece) []tableRow {
	sort.SliceStable(pieces, func(i, j int) bool { return pieces[i].line < pieces[j].line })
	parts := make([][][]string, len(rows))
	for i := range parts {
		parts[i] = make([][]string, len(rows[i].cells))
	}
	glued := make([][]bool, len(rows)) // the last part of a cell ends in a word broken at its edge
	for i := range glued {
		glued[i] = make([]bool, len(rows[i].cells))
	}
	seen := make([]map[int]bool, len(rows))
	for _, p := range pieces {
		if cp := parts[p.row][p.col]; glued[p.row][p.col] && len(cp) > 0 {
			cp[len(cp)-1] += p.text
		} else {
			parts[p.row][p.col] = append(cp, p.text)
		}
		glued[p.row][p.col] = p.glue
		if seen[p.row] == nil {
			seen[p.row] = map[int]bool{}
		}
		if !seen[p.row][p.line] {
			seen[p.row][p.line] = true
			rows[p.row].lines = append(rows[p.row].lines, lines[p.line])
		}
	}
	out := rows[:0]
	for i, r := range rows {
		if len(r.lines) == 0 {
			continue
		}
		sort.SliceStable(r.lines, func(a, b int) bool { return r.lines[a].y > r.lines[b].y })
		for c := range r.cells {
			r.cells[c] = joinWrapped(parts[i][c])
		}
		out = append(out, r)
	}
	return out
}

// fillLines makes the rows of a table whose rows are not ruled: the header lines at its top are one
// header row, and the lines below are grouped into rows (see groupRows).
func fillLines(xs []float64, lines []*textLine) []tableRow {
	nc := len(xs) - 1
	nh := headerLines(lines)
	var rows []tableRow
	var pieces []piece
	add := func(k, row int) {
		parts := make([][]string, nc)
		for _, w := range lines[k].words {
			c := columnOf(xs, (w.x0+w.x1)/2)
			parts[c] = append(parts[c], w.text)
		}
		for c, ws := range parts {
			if len(ws) > 0 {
				pieces = append(pieces, piece{line: k, row: row, col: c, text: strings.Join(ws, " ")})
			}
		}
	}
	if nh > 0 {
		rows = append(rows, tableRow{cells: make([]string, nc), header: true})
		for k := range lines[:nh] {
			add(k, 0)
		}
	}
	group := groupRows(lines[nh:], xs, true)
	for i := range lines[nh:] {
		if i == 0 || group[i] != group[i-1] {
			rows = append(rows, tableRow{cells: make([]string, nc)})
		}
		add(nh+i, len(rows)-1)
	}
	return assemble(rows, lines, pieces)
}

// headerLines counts the lines of a table's header: bold lines at its top above lines that are not,
// or else the lines of text above the first line with a figure in a column after the first.
func headerLines(lines []*textLine) int {
	if len(lines) < 2 {
		return 0
	}
	n := 0
	for n < len(lines) && lines[n].bold == layout.Yes {
		n++
	}
	if n > 0 && n < len(lines) {
		return n
	}
	if n == len(lines) {
		return 1
	}
	for k, l := range lines {
		if k > 3 {
			break
		}
		for i, w := range l.words {
			if i > 0 && numericRe.MatchString(w.text) {
				if k > 0 && len(lines)-k >= 1 {
					return k
				}
				return 0
			}
		}
	}
	return 0
}

// groupRows says which row of a table each of its lines belongs to (a number per line, counting up
// from 0). A line starts a new row when it holds a figure in a column where the row has one already;
// with loose (a table without rules between its rows) also when it fills the first column and
// another one like a row of its own, when it is a bold line after lines that are not, or after a
// gap wider than the table's line pitch. Other lines continue the row above: a wrapped label, the
// next lines of a paragraph in a cell.
func groupRows(lines []*textLine, xs []float64, loose bool) []int {
	out := make([]int, len(lines))
	if len(lines) == 0 {
		return out
	}
	nc := len(xs) - 1
	minGap, maxGap := math.Inf(1), 0.0
	for k := 1; k < len(lines); k++ {
		d := lines[k-1].y - lines[k].y
		minGap, maxGap = math.Min(minGap, d), math.Max(maxGap, d)
	}
	filled, figure := make([]bool, nc), make([]bool, nc)
	row := 0
	for k, l := range lines {
		cells := make([][]string, nc)
		for _, w := range l.words {
			c := columnOf(xs, (w.x0+w.x1)/2)
			cells[c] = append(cells[c], w.text)
		}
		start := false
		n := 0
		for c, ws := range cells {
			if len(ws) == 0 {
				continue
			}
			n++
			if figure[c] && numericRe.MatchString(strings.Join(ws, " ")) {
				start = true
			}
		}
		if k > 0 && loose && !start {
			gap := lines[k-1].y - l.y
			tight := gap <= minGap+0.5 && maxGap >= minGap+1.5
			switch {
			case len(cells[0]) > 0 && filled[0] && n >= 2 && !tight:
				start = true
			case l.bold == layout.Yes && lines[k-1].bold != layout.Yes && n == 1 && len(cells[0]) > 0:
				start = true
			case gap > 1.7*minGap && gap > minGap+3:
				start = true
			}
		}
		if k > 0 && start {
			row++
			clear(filled)
			clear(figure)
		}
		for c, ws := range cells {
			if len(ws) > 0 {
				filled[c] = true
				figure[c] = figure[c] || numericRe.MatchString(strings.Join(ws, " "))
			}
		}
		out[k] = row
	}
	return out
}

func columnOf(xs []float64, x float64) int {
	for i := 1; i < len(xs)-1; i++ {
		if x < xs[i] {
			return i - 1
		}
	}
	return len(xs) - 2
}

// headerRows counts the header rows at the top of a table: bold rows above rows that are not, or
// else the rows of text above the first row with figures where they have text.
func headerRows(rows []tableRow) int {
	if len(rows) < 2 {
		return 0
	}
	bold := func(r tableRow) bool {
		for _, l := range r.lines {
			if l.bold != layout.Yes {
				return false
			}
		}
		return true
	}
	n := 0
	for n < len(rows) && bold(rows[n]) {
		n++
	}
	if n > 0 && n < len(rows) {
		return n
	}
	if n == len(rows) {
		return 1
	}
	// rows of text above a row with a figure in a column where they have text
	for k := 1; k < len(rows) && k <= 3; k++ {
		for c := range rows[k].cells {
			if !numericRe.MatchString(rows[k].cells[c]) {
				continue
			}
			for _, r := range rows[:k] {
				if r.cells[c] != "" && !numericRe.MatchString(r.cells[c]) {
					return k
				}
			}
		}
		for _, t := range rows[k].cells[1:] {
			if numericRe.MatchString(t) {
				return 0
			}
		}
	}
	return 0
}

// joinWrapped joins the lines of a wrapped cell: a hyphen before a lower-case word is a
// hyphenation and goes; before a capital ("IT-" "Lösungen") or "und" it stays.
func joinWrapped(parts []string) string {
	out := ""
	for _, p := range parts {
		p = strings.TrimSpace(p)
		if p == "" {
			continue
		}
		if out == "" {
			out = p
			continue
		}
		r, _ := utf8.DecodeRuneInString(p)
		last, _ := utf8.DecodeLastRuneInString(strings.TrimSuffix(out, "-"))
		if strings.HasSuffix(out, "-") && unicode.IsLetter(last) {
			first := strings.Fields(p)[0]
			switch {
			case unicode.IsUpper(r) || unicode.IsDigit(r):
				out += p
			case conjunction[first]:
				out += " " + p
			default:
				out = strings.TrimSuffix(out, "-") + p
			}
			continue
		}
		out += " " + p
	}
	return out
}

var conjunction = map[string]bool{"und": true, "oder": true, "bzw.": true, "sowie": true, "bis": true, "als": true}

// unruled finds tables drawn without rules: runs of lines whose words fall into columns
// separated by white space that runs through every row.
func unruled(lines []*textLine, m metrics, table int, infos []tableInfo) ([]*textLine, int, []tableInfo) {
	gappy := func(l *textLine) bool {
		if l.role != layout.RoleBody || l.table != 0 || len(l.words) < 2 {
			return false
		}
		for i := 1; i < len(l.words); i++ {
			if l.words[i].x0-l.words[i-1].x1 > 1.8*l.size {
				return true
			}
		}
		return false
	}
	for i := 0; i < len(lines); {
		if !gappy(lines[i]) {
			i++
			continue
		}
		j := i + 1
		for j < len(lines) && lines[j].role == layout.RoleBody && lines[j].table == 0 &&
			lines[j-1].y-lines[j].y < 2.2*m.pitch*lines[j].size/m.size &&
			(gappy(lines[j]) || math.Abs(lines[j].size-lines[i].size) < 0.3 && math.Abs(lines[j].size-m.size) > 0.6) {
			j++
		}
		// small-font lines right above the run (a header over a column) belong to it
		for i > 0 && lines[i-1].role == layout.RoleBody && lines[i-1].table == 0 && math.Abs(lines[i-1].size-m.size) > 0.6 &&
			math.Abs(lines[i-1].size-lines[i].size) < 0.3 && lines[i-1].y-lines[i].y < 2.2*m.pitch {
			i--
		}
		if j-i < 2 {
			i = j
			continue
		}
		run := lines[i:j]
		nh := headerLines(run)
		body := run[nh:]
		if len(body) < 2 {
			body = run
		}
		xs := projection(run, body)
		if len(xs) < 3 || !looksTabular(xs, run) {
			i = j
			continue
		}
		table++
		in := append([]*textLine(nil), run...)
		rows := fillLines(xs, in)
		lines = replaceRows(lines, in, rows, table)
		infos = append(infos, tableInfo{table: table, xs: xs})
		i += len(rows)
	}
	return lines, table, infos
}

// looksTabular tells a table from text set in columns (a page's foot, a two-column layout):
// a table has a column of figures, or short cells in three columns or more.
func looksTabular(xs []float64, lines []*textLine) bool {
	ncol := len(xs) - 1
	numeric, filled := make([]int, ncol), make([]int, ncol)
	words, cells := 0, 0
	for k, l := range lines {
		parts := make([][]string, ncol)
		for _, w := range l.words {
			c := columnOf(xs, (w.x0+w.x1)/2)
			parts[c] = append(parts[c], w.text)
		}
		for c, p := range parts {
			if len(p) == 0 {
				continue
			}
			words += len(p)
			cells++
			if k > 0 {
				filled[c]++
				if numericRe.MatchString(strings.Join(p, " ")) {
					numeric[c]++
				}
			}
		}
	}
	for c := range numeric {
		if numeric[c] >= 2 && numeric[c]*2 >= filled[c] {
			return true
		}
	}
	return ncol >= 3 && cells > 0 && words <= 3*cells
}

// projection finds column edges from the white space common to the body lines of a table. An edge
// lies where the header over a column is read best: right after the column before, when the column
// is set flush right (figures, whose header starts further left), else right before the column.
func projection(lines, body []*textLine) []float64 {
	type span struct{ x0, x1 float64 }
	var sp []span
	lo, hi := math.Inf(1), math.Inf(-1)
	for _, l := range lines {
		lo, hi = math.Min(lo, l.x0), math.Max(hi, l.x1)
	}
	for _, l := range body {
		for _, w := range l.words {
			sp = append(sp, span{w.x0, w.x1})
		}
	}
	sort.Slice(sp, func(i, j int) bool { return sp[i].x0 < sp[j].x0 })
	size := body[len(body)-1].size
	var cols []span
	for _, s := range sp {
		if n := len(cols); n > 0 && s.x0-cols[n-1].x1 <= 0.8*size {
			cols[n-1].x1 = math.Max(cols[n-1].x1, s.x1)
			continue
		}
		cols = append(cols, s)
	}
	xs := []float64{lo - 1}
	for c := 1; c < len(cols); c++ {
		if flushRight(body, cols[c].x0, cols[c].x1) {
			xs = append(xs, cols[c-1].x1+0.5)
		} else {
			xs = append(xs, cols[c].x0-0.5)
		}
	}
	return append(xs, hi+1)
}

// flushRight reports whether the text of the body lines between x0 and x1 is set flush right: its
// right ends agree more than its left ends, or, where both agree (figures of one width), it is figures.
func flushRight(body []*textLine, x0, x1 float64) bool {
	lefts, rights := []float64{}, []float64{}
	figures := true
	for _, l := range body {
		a, b := math.Inf(1), math.Inf(-1)
		for _, w := range l.words {
			if w.x0 >= x0-0.1 && w.x1 <= x1+0.1 {
				a, b = math.Min(a, w.x0), math.Max(b, w.x1)
				figures = figures && numericRe.MatchString(w.text)
			}
		}
		if b > a {
			lefts, rights = append(lefts, a), append(rights, b)
		}
	}
	if len(lefts) < 2 {
		return false
	}
	spread := func(v []float64) float64 {
		lo, hi := v[0], v[0]
		for _, x := range v {
			lo, hi = math.Min(lo, x), math.Max(hi, x)
		}
		return hi - lo
	}
	if spread(lefts) < 1 && spread(rights) < 1 {
		return figures
	}
	return spread(rights)+1 < spread(lefts)
}

// dedupe sorts values and merges those closer than tol.
func dedupe(v []float64, tol float64) []float64 {
	sort.Float64s(v)
	var out []float64
	for _, x := range v {
		if n := len(out); n > 0 && x-out[n-1] < tol {
			continue
		}
		out = append(out, x)
	}
	return out
}

// continueTables gives a table continued on the next page the number of its start: the table that
// ends a page and the one that starts the next with the same columns are one table. Its header
// repeated on the new page and a row cut by the page break are the parser's to join.
func continueTables(all [][]*textLine, infos [][]tableInfo) {
	edges := map[int][]float64{}
	for _, in := range infos {
		for _, t := range in {
			edges[t.table] = t.xs
		}
	}
	for i := 1; i < len(all); i++ {
		last := lastBody(all[i-1], false)
		first := lastBody(all[i], true)
		if last == nil || first == nil || last.table == 0 || first.table == 0 || last.table == first.table {
			continue
		}
		a, b := edges[last.table], edges[first.table]
		if len(a) != len(b) || len(a) < 3 {
			continue
		}
		same := true
		for k := 1; k < len(a)-1; k++ {
			same = same && math.Abs(a[k]-b[k]) <= 3
		}
		if !same || first.header && !sameHeaderRows(all[i-1], last.table, all[i], first.table) {
			continue
		}
		from, to := first.table, last.table
		for _, l := range all[i] {
			if l.table == from {
				l.table = to
			}
		}
		edges[to] = b
	}
}

// sameHeaderRows reports whether table b on one page repeats the header rows of table a on another.
func sameHeaderRows(pa []*textLine, a int, pb []*textLine, b int) bool {
	headers := func(lines []*textLine, t int) []string {
		var out []string
		for _, l := range lines {
			if l.table == t && l.header {
				out = append(out, strings.Join(strings.Fields(strings.Join(l.cells, " ")), " "))
			}
		}
		return out
	}
	return slices.Equal(headers(pa, a), headers(pb, b))
}

// lastBody returns the last body line of a page, or with first its first one.
func lastBody(lines []*textLine, first bool) *textLine {
	for k := range lines {
		i := len(lines) - 1 - k
		if first {
			i = k
		}
		if lines[i].role == layout.RoleBody {
			return lines[i]
		}
	}
	return nil
}

// vocabulary answers whether a document prints a word: the text of all its lines, put together on
// the first question (most documents never ask).
type vocabulary struct {
	all   [][]*textLine
	text  string
	built bool
}

func (v *vocabulary) has(word string) bool {
	if v == nil {
		return false
	}
	if !v.built {
		var b strings.Builder
		for _, lines := range v.all {
			for _, l := range lines {
				for _, w := range l.words {
					b.WriteString(w.text)
					b.WriteByte(' ')
				}
				b.WriteByte('\n')
			}
		}
		v.text, v.built = b.String(), true
	}
	return strings.Contains(v.text, word)
}

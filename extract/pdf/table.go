package pdf

import (
	"math"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"drucksache/extract/layout"
	"drucksache/extract/pdf/internal/content"
)

// grid is a ruled table: column edges from vertical rules, row edges from horizontal ones.
type grid struct {
	xs     []float64 // column edges, left to right
	ys     []float64 // row edges, top to bottom
	y0, y1 float64   // bottom and top
}

// tables finds the tables of a page and turns their lines into rows with cells; table numbers
// continue from table. Ruled tables take their columns and rows from the rules; tables without
// rules from the white space that runs through all their rows.
func tables(pg *content.Page, lines []*textLine, m metrics, table int) int {
	for _, g := range grids(pg.Rules) {
		var in []*textLine
		for _, l := range lines {
			if l.role == layout.RoleBody && l.table == 0 && l.y > g.y0 && l.y < g.y1 &&
				l.x0 >= g.xs[0]-2 && l.x1 <= g.xs[len(g.xs)-1]+2 {
				in = append(in, l)
			}
		}
		if len(in) == 0 {
			continue
		}
		table++
		fillGrid(g, in, table)
	}
	return unruled(lines, m, table)
}

// grids groups the rules of a page into grids of at least two columns.
func grids(rules []content.Rule) []grid {
	var vs, hs []content.Rule
	for _, r := range rules {
		if r.X0 == r.X1 {
			vs = append(vs, r)
		} else {
			hs = append(hs, r)
		}
	}
	sort.Slice(vs, func(i, j int) bool { return vs[i].Y1 > vs[j].Y1 })
	// vertical rules whose spans overlap belong to one grid
	var groups [][]content.Rule
	for _, v := range vs {
		placed := false
		for gi, g := range groups {
			for _, o := range g {
				if v.Y0 < o.Y1-1 && v.Y1 > o.Y0+1 {
					groups[gi] = append(groups[gi], v)
					placed = true
					break
				}
			}
			if placed {
				break
			}
		}
		if !placed {
			groups = append(groups, []content.Rule{v})
		}
	}
	var out []grid
	for _, grp := range groups {
		g := grid{y0: math.Inf(1), y1: math.Inf(-1)}
		var xs []float64
		for _, v := range grp {
			xs = append(xs, v.X0)
			g.y0, g.y1 = math.Min(g.y0, v.Y0), math.Max(g.y1, v.Y1)
		}
		g.xs = dedupe(xs, 2)
		if len(g.xs) < 2 {
			continue
		}
		var ys []float64
		for _, h := range hs {
			if h.Y0 >= g.y0-2 && h.Y0 <= g.y1+2 && h.X0 < g.xs[len(g.xs)-1]-2 && h.X1 > g.xs[0]+2 {
				ys = append(ys, h.Y0)
			}
		}
		ys = append(ys, g.y0, g.y1)
		ys = dedupe(ys, 1.5)
		sort.Sort(sort.Reverse(sort.Float64Slice(ys)))
		g.ys = ys
		out = append(out, g)
	}
	return out
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

// fillGrid makes one row of each band between horizontal rules, with one cell per column.
func fillGrid(g grid, lines []*textLine, table int) {
	ncol := len(g.xs) - 1
	type band struct {
		lines []*textLine
		cells [][]string // per column, the text of each line
	}
	var bands []*band
	bandOf := func(y float64) int {
		for i := 1; i < len(g.ys); i++ {
			if y > g.ys[i] {
				return i - 1
			}
		}
		return len(g.ys) - 2
	}
	byBand := map[int]*band{}
	var order []int
	for _, l := range lines {
		bi := bandOf(l.y)
		if len(g.ys) <= 2 {
			bi = len(order) // no row rules: each line is a row
		}
		b := byBand[bi]
		if b == nil {
			b = &band{cells: make([][]string, ncol)}
			byBand[bi] = b
			order = append(order, bi)
		}
		b.lines = append(b.lines, l)
		parts := make([][]string, ncol)
		for _, w := range l.words {
			c := columnOf(g.xs, (w.x0+w.x1)/2)
			parts[c] = append(parts[c], w.text)
		}
		for c := range parts {
			if len(parts[c]) > 0 {
				b.cells[c] = append(b.cells[c], strings.Join(parts[c], " "))
			}
		}
	}
	for _, bi := range order {
		bands = append(bands, byBand[bi])
	}
	rows := make([][]string, len(bands))
	bold := make([]bool, len(bands))
	for i, b := range bands {
		rows[i] = make([]string, ncol)
		for c := range b.cells {
			rows[i][c] = joinWrapped(b.cells[c])
		}
		bold[i] = true
		for _, l := range b.lines {
			bold[i] = bold[i] && l.bold == layout.Yes
		}
	}
	nh := headerRows(rows, bold)
	if nh > 1 { // a header over several bands is one header row
		merged := make([]string, ncol)
		for c := range merged {
			var parts []string
			for _, r := range rows[:nh] {
				if r[c] != "" {
					parts = append(parts, r[c])
				}
			}
			merged[c] = joinWrapped(parts)
		}
		hb := &band{}
		for _, b := range bands[:nh] {
			hb.lines = append(hb.lines, b.lines...)
		}
		rows = append([][]string{merged}, rows[nh:]...)
		bands = append([]*band{hb}, bands[nh:]...)
		nh = 1
	}
	for i, b := range bands {
		first := b.lines[0]
		first.table = table
		first.cells = rows[i]
		first.header = i < nh
		for _, l := range b.lines[1:] {
			l.role = roleMerged
			l.table = table
		}
	}
}

// roleMerged marks a line whose text went into the table row of a line above it.
const roleMerged layout.Role = -1

func columnOf(xs []float64, x float64) int {
	for i := 1; i < len(xs)-1; i++ {
		if x < xs[i] {
			return i - 1
		}
	}
	return len(xs) - 2
}

// headerRows counts the header rows at the top of a table: bold rows above rows that are not,
// or else a first row of text above rows with figures.
func headerRows(rows [][]string, bold []bool) int {
	if len(rows) < 2 {
		return 0
	}
	n := 0
	for n < len(rows) && bold[n] {
		n++
	}
	if n > 0 && n < len(rows) {
		return n
	}
	if n == len(rows) {
		return 1
	}
	for c := range rows[0] {
		if rows[0][c] == "" || numericRe.MatchString(rows[0][c]) {
			continue
		}
		for _, r := range rows[1:] {
			if numericRe.MatchString(r[c]) {
				return 1
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
func unruled(lines []*textLine, m metrics, table int) int {
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
		xs := projection(lines[i:j])
		if len(xs) < 3 || !looksTabular(xs, lines[i:j]) {
			i = j
			continue
		}
		table++
		fillGrid(grid{xs: xs, ys: []float64{lines[i].top + 1, lines[j-1].y - 1}}, lines[i:j], table)
		i = j
	}
	return table
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

// projection finds column edges from the white space common to the rows below the header.
func projection(lines []*textLine) []float64 {
	body := lines
	for len(body) > 1 && body[0].bold == layout.Yes && body[len(body)-1].bold != layout.Yes {
		body = body[1:]
	}
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
	xs := []float64{lo - 1}
	end := math.Inf(-1)
	for k, s := range sp {
		if k > 0 && s.x0-end > 0.8*lines[len(lines)-1].size {
			xs = append(xs, s.x0-0.5)
		}
		end = math.Max(end, s.x1)
	}
	return append(xs, hi+1)
}

package pdf

import (
	"math"
	"sort"

	"drucksache/extract/pdf/internal/content"
)

// This file finds ruled tables: the rules of a page joined into lines, the lines that meet
// grouped into grids, and in each grid the cells that span columns or rows because a rule
// between them is missing.

// segment is a ruling line after joining: for a vertical one at is its x and lo..hi its extent
// in y; for a horizontal one at is its y and lo..hi its extent in x.
type segment struct{ at, lo, hi float64 }

const (
	ruleAlign = 1.0 // rules this close across their direction are one line (a border drawn per cell)
	ruleGap   = 2.5 // parts of one line this close along it are joined (borders that only touch)
	ruleMeet  = 2.5 // a vertical and a horizontal rule this close meet
	edgeTol   = 4.0 // column and row edges this close are one edge (a double border; no text fits between)
	// maxMeetTests bounds the pairs of rules tested for meeting on one page: a page of hatching
	// or a chart drawn with thousands of strokes is no table.
	maxMeetTests = 4_000_000
)

// ruledGrid is a ruled table: its column edges (left to right) and row edges (top to bottom), with
// the rules it is drawn with, which tell the cells that span.
type ruledGrid struct {
	xs, ys []float64
	vs, hs []segment
}

// splitRules sorts the rules of a page into vertical and horizontal segments.
func splitRules(rules []content.Rule) (vs, hs []segment) {
	for _, r := range rules {
		if r.X0 == r.X1 {
			vs = append(vs, segment{r.X0, r.Y0, r.Y1})
		} else {
			hs = append(hs, segment{r.Y0, r.X0, r.X1})
		}
	}
	return joinSegments(vs), joinSegments(hs)
}

// joinSegments joins the segments that lie on one line and overlap or touch: Word, Chromium and
// TeX draw a table's borders cell by cell, so that one column rule is as many segments as rows.
func joinSegments(s []segment) []segment {
	if len(s) < 2 {
		return s
	}
	s = append([]segment(nil), s...)
	sort.Slice(s, func(i, j int) bool { return s[i].at < s[j].at })
	var out []segment
	for i := 0; i < len(s); {
		j := i + 1
		for j < len(s) && s[j].at-s[j-1].at <= ruleAlign {
			j++
		}
		line := s[i:j] // one line across: join along it
		sum := 0.0
		for _, x := range line {
			sum += x.at
		}
		at := sum / float64(len(line))
		sort.Slice(line, func(a, b int) bool { return line[a].lo < line[b].lo })
		cur := segment{at, line[0].lo, line[0].hi}
		for _, x := range line[1:] {
			if x.lo <= cur.hi+ruleGap {
				cur.hi = math.Max(cur.hi, x.hi)
				continue
			}
			out = append(out, cur)
			cur = segment{at, x.lo, x.hi}
		}
		out = append(out, cur)
		i = j
	}
	return out
}

// ruledGrids groups the rules of a page into grids: rules that meet belong to one grid, and a grid
// of two columns or more, or of one column ruled into rows, is a table.
func ruledGrids(rules []content.Rule) []ruledGrid {
	vs, hs := splitRules(rules)
	if len(vs) < 2 || len(vs)*len(hs) > maxMeetTests {
		return nil
	}
	sets := newUnion(len(vs) + len(hs))
	for i, v := range vs {
		for j, h := range hs {
			if h.at >= v.lo-ruleMeet && h.at <= v.hi+ruleMeet && v.at >= h.lo-ruleMeet && v.at <= h.hi+ruleMeet {
				sets.join(i, len(vs)+j)
			}
		}
	}
	groups := map[int]*ruledGrid{}
	var order []int
	for i := range sets {
		root := sets.find(i)
		g := groups[root]
		if g == nil {
			g = &ruledGrid{}
			groups[root] = g
			order = append(order, root)
		}
		if i < len(vs) {
			g.vs = append(g.vs, vs[i])
		} else {
			g.hs = append(g.hs, hs[i-len(vs)])
		}
	}
	var out []ruledGrid
	for _, root := range order {
		if g := groups[root]; g.edges() {
			out = append(out, *g)
		}
	}
	// top to bottom, as the page is read
	sort.SliceStable(out, func(i, j int) bool { return out[i].ys[0] > out[j].ys[0] })
	return out
}

// edges sets the column and row edges of a grid from its rules; false when it is no table: no
// height, or one column without rules between rows (a frame around text).
func (g *ruledGrid) edges() bool {
	if len(g.vs) < 2 {
		return false
	}
	var xs, ys []float64
	lo, hi := math.Inf(1), math.Inf(-1)
	for _, v := range g.vs {
		xs = append(xs, v.at)
		lo, hi = math.Min(lo, v.lo), math.Max(hi, v.hi)
	}
	xs = dedupe(xs, edgeTol)
	// horizontal rules that reach beyond the outer vertical ones: a table without side borders
	left, right := xs[0], xs[len(xs)-1]
	for _, h := range g.hs {
		ys = append(ys, h.at)
		left, right = math.Min(left, h.lo), math.Max(right, h.hi)
	}
	if left < xs[0]-3 {
		xs = append([]float64{left}, xs...)
	}
	if right > xs[len(xs)-1]+3 {
		xs = append(xs, right)
	}
	if len(xs) < 2 || hi-lo < 3 {
		return false
	}
	ys = dedupe(append(ys, lo, hi), edgeTol)
	if len(xs) == 2 && len(ys) < 4 {
		return false // a frame around text, not a table of one column and rows
	}
	sort.Sort(sort.Reverse(sort.Float64Slice(ys)))
	g.xs, g.ys = xs, ys
	return true
}

// hasV reports a vertical rule at x over most of lo..hi.
func (g *ruledGrid) hasV(x, lo, hi float64) bool {
	return covered(g.vs, x, lo, hi)
}

// hasH reports a horizontal rule at y over most of lo..hi.
func (g *ruledGrid) hasH(y, lo, hi float64) bool {
	return covered(g.hs, y, lo, hi)
}

func covered(segs []segment, at, lo, hi float64) bool {
	need := 0.5 * (hi - lo)
	for _, s := range segs {
		if math.Abs(s.at-at) <= edgeTol && math.Min(s.hi, hi)-math.Max(s.lo, lo) >= need {
			return true
		}
	}
	return false
}

// cells says which cell of the grid each place (band r, column c) belongs to: places not parted by
// a rule are one cell, spanning columns or rows. It returns the top-left place of each place's cell
// as r*ncol+c.
func (g *ruledGrid) cells() []int {
	nb, nc := len(g.ys)-1, len(g.xs)-1
	sets := newUnion(nb * nc)
	for r := 0; r < nb; r++ {
		for c := 0; c < nc; c++ {
			if c+1 < nc && !g.hasV(g.xs[c+1], g.ys[r+1], g.ys[r]) {
				sets.join(r*nc+c, r*nc+c+1)
			}
			if r+1 < nb && !g.hasH(g.ys[r+1], g.xs[c], g.xs[c+1]) {
				sets.join(r*nc+c, (r+1)*nc+c)
			}
		}
	}
	out := make([]int, len(sets))
	for i := range out {
		out[i] = sets.find(i)
	}
	return out
}

// union is a partition of 0..n-1 into sets; each set is named by its smallest member.
type union []int

func newUnion(n int) union {
	u := make(union, n)
	for i := range u {
		u[i] = i
	}
	return u
}

func (u union) find(i int) int {
	for u[i] != i {
		u[i] = u[u[i]]
		i = u[i]
	}
	return i
}

// join puts a and b into one set.
func (u union) join(a, b int) {
	ra, rb := u.find(a), u.find(b)
	if rb < ra {
		ra, rb = rb, ra
	}
	if ra != rb {
		u[rb] = ra
	}
}

// band returns the band of the grid that holds y, or -1.
func (g *ruledGrid) band(y float64) int {
	if y > g.ys[0] || y < g.ys[len(g.ys)-1] {
		return -1
	}
	for i := 1; i < len(g.ys); i++ {
		if y >= g.ys[i] {
			return i - 1
		}
	}
	return len(g.ys) - 2
}

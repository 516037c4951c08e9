package pdf

import (
	"cmp"
	"math"
	"slices"
	"sort"
	"strings"
	"unicode/utf8"

	"drucksache/extract/layout"
	"drucksache/extract/pdf/internal/content"
)

// word is a run of glyphs without a gap.
type word struct {
	text   string
	x0, x1 float64
	bold   bool
	size   float64
}

// textLine is one printed line of a page: glyphs on one baseline, raised markers included.
type textLine struct {
	page   int
	y      float64 // baseline
	top    float64 // highest glyph top, for gaps
	size   float64 // the main font size of the line
	x0, x1 float64
	words  []word
	bold   layout.Tri
	role   layout.Role
	marker bool // starts with a raised marker (a footnote's first line)
	table  int
	cells  []string
	header bool
	brk    bool
	no     int
}

func (l *textLine) text() string {
	var b strings.Builder
	for i, w := range l.words {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(w.text)
	}
	return b.String()
}

// superscript writes a raised glyph the way the contract wants markers: as a Unicode superscript.
var superscript = strings.NewReplacer("0", "⁰", "1", "¹", "2", "²", "3", "³", "4", "⁴", "5", "⁵", "6", "⁶", "7", "⁷",
	"8", "⁸", "9", "⁹", "+", "⁺", "-", "⁻", "(", "⁽", ")", "⁾")

type cluster struct {
	y, size float64
	x0, x1  float64
	glyphs  []content.Glyph
	raised  []bool
	texts   []string // the texts of the page's glyphs, by TextID
}

// pageLines groups the glyphs of a page into printed lines, top to bottom.
func pageLines(pg *content.Page, pageNo int) []*textLine {
	gs := pg.Glyphs // sorted in place: the page is read once
	sortByPlace(gs)
	var cl []*cluster
	for i := 0; i < len(gs); {
		c := &cluster{y: gs[i].Y, x0: gs[i].X, x1: gs[i].X + gs[i].W, texts: pg.Texts}
		j := i
		for ; j < len(gs); j++ {
			g := &gs[j]
			if j > i && math.Abs(c.y-g.Y) > 0.2*math.Max(math.Min(c.size, g.Size), 1) {
				break
			}
			c.grow(g)
		}
		c.glyphs = gs[i:j:j] // a run of the sorted glyphs; appending copies
		cl = append(cl, c)
		i = j
	}
	// raised and lowered small glyphs join the line they belong to
	merged := make([]bool, len(cl))
	for i, c := range cl {
		if c.blank() {
			continue
		}
		best, bestD := -1, math.MaxFloat64
		for j, l := range cl {
			if i == j || merged[j] || l.size*0.85 <= c.size || l.blank() {
				continue
			}
			d := c.y - l.y
			if !(d > 0 && d <= 0.65*l.size || d < 0 && -d <= 0.35*l.size) {
				continue
			}
			if c.x0 < l.x0-1.5*l.size || c.x1 > l.x1+3*l.size {
				continue
			}
			if math.Abs(d) < bestD {
				best, bestD = j, math.Abs(d)
			}
		}
		if best >= 0 {
			for k := range c.glyphs {
				cl[best].add(c.glyphs[k], c.y > cl[best].y)
			}
			merged[i] = true
		}
	}
	var kept []*cluster
	for i, c := range cl {
		if !merged[i] && !c.blank() {
			kept = append(kept, c)
		}
	}
	kept = columns(kept, pg)
	var out []*textLine
	for _, c := range kept {
		if l := c.line(pageNo); l != nil {
			l.no = len(out) + 1
			out = append(out, l)
		}
	}
	return out
}

// columns finds a page set in two columns and puts its lines in reading order: within each
// band between lines that span the page, the left column, then the right one. A page in one
// column (or a table, whose columns are short) comes back as it was, top to bottom.
func columns(cl []*cluster, pg *content.Page) []*cluster {
	h, w := pg.Height, pg.Width
	body := func(c *cluster) bool { return c.y > 0.06*h && c.y < 0.94*h }
	n := 0
	for _, c := range cl {
		if body(c) {
			n++
		}
	}
	if n < 10 || w < 100 {
		return cl
	}
	bestLo, bestHi := gutter(coverage(cl, body, w), w, max(1, n/20))
	if bestHi-bestLo < 8 {
		return cl
	}
	mid := float64(bestLo+bestHi) / 2
	side, prose := sides(cl, body, bestLo, bestHi, mid)
	if !prose {
		return cl
	}
	for _, r := range pg.Rules { // a ruled table across the middle is one table, not two columns
		if r.X0 == r.X1 && r.X0 > float64(bestLo) && r.X0 < float64(bestHi) {
			return cl
		}
	}
	return readingOrder(cl, side, mid)
}

// coverage counts, for each point of a page w wide, how many body lines cover it.
func coverage(cl []*cluster, body func(*cluster) bool, w float64) []int {
	cover := make([]int, int(w)+2)
	last := make([]int, len(cover))
	for ci, c := range cl {
		if !body(c) {
			continue
		}
		for i := range c.glyphs {
			g := &c.glyphs[i]
			if g.Space {
				continue
			}
			for x := max(0, int(g.X)); x <= min(len(cover)-1, int(g.X+g.W)); x++ {
				if last[x] != ci+1 {
					last[x] = ci + 1
					cover[x]++
				}
			}
		}
	}
	return cover
}

// gutter finds the widest run in the middle of a page w wide that (almost) no line crosses: at
// most allowed lines cover each of its points.
func gutter(cover []int, w float64, allowed int) (lo, hi int) {
	bestLo, bestHi, start := 0, 0, -1
	for x := int(0.25 * w); x <= int(0.75*w); x++ {
		if cover[x] <= allowed {
			if start < 0 {
				start = x
			}
			if x-start > bestHi-bestLo {
				bestLo, bestHi = start, x
			}
		} else {
			start = -1
		}
	}
	return bestLo, bestHi
}

// sides tells for each body line which side of the gutter from lo to hi it lies on: 0 spans the
// page (or is no body line), 1 left only, 2 right only, 3 both sides. prose reports that both
// sides hold prose: many lines of several words each.
func sides(cl []*cluster, body func(*cluster) bool, lo, hi int, mid float64) (side []int, prose bool) {
	var leftLines, rightLines, leftWords, rightWords int
	side = make([]int, len(cl))
	for ci, c := range cl {
		if !body(c) {
			continue
		}
		for i := range c.glyphs {
			g := &c.glyphs[i]
			switch {
			case g.Space:
			case g.X+g.W <= float64(lo)+1:
				side[ci] |= 1
			case g.X >= float64(hi)-1:
				side[ci] |= 2
			default:
				side[ci] = -1
			}
			if side[ci] < 0 {
				break
			}
		}
		if side[ci]&1 != 0 && side[ci] > 0 {
			leftLines++
			leftWords += c.words(mid, true)
		}
		if side[ci]&2 != 0 && side[ci] > 0 {
			rightLines++
			rightWords += c.words(mid, false)
		}
	}
	return side, !(leftLines < 5 || rightLines < 5 || leftWords < 4*leftLines || rightWords < 4*rightLines)
}

// readingOrder puts the lines of a page in two columns in reading order: within each band
// between lines that span the page, the left column, then the right one; a line on both sides
// is split at mid.
func readingOrder(cl []*cluster, side []int, mid float64) []*cluster {
	var out, left, right []*cluster
	flush := func() {
		out = append(append(out, left...), right...)
		left, right = left[:0:0], right[:0:0]
	}
	for ci, c := range cl {
		switch side[ci] {
		case 1:
			left = append(left, c)
		case 2:
			right = append(right, c)
		case 3:
			l, r := c.split(mid)
			left, right = append(left, l), append(right, r)
		default:
			flush()
			out = append(out, c)
		}
	}
	flush()
	return out
}

// words counts the words of a cluster on one side of x.
func (c *cluster) words(x float64, left bool) int {
	n, in := 0, false
	for i := range c.glyphs {
		g := &c.glyphs[i]
		if g.Space || (g.X < x) != left {
			in = false
			continue
		}
		if !in {
			n++
		}
		in = true
	}
	return n
}

// split divides a cluster at x into the parts left and right of it.
func (c *cluster) split(x float64) (*cluster, *cluster) {
	l := &cluster{y: c.y, x0: math.Inf(1), x1: math.Inf(-1), texts: c.texts}
	r := &cluster{y: c.y, x0: math.Inf(1), x1: math.Inf(-1), texts: c.texts}
	for i, g := range c.glyphs {
		part := r
		if g.X+g.W/2 < x {
			part = l
		}
		part.glyphs = append(part.glyphs, g)
		if c.raised != nil {
			part.raised = append(part.raised, c.raised[i])
		}
		part.grow(&c.glyphs[i])
	}
	if c.raised != nil {
		l.raised, r.raised = l.raised[:len(l.glyphs)], r.raised[:len(r.glyphs)]
	}
	return l, r
}

// add appends a glyph from another cluster; raised marks a superscript.
func (c *cluster) add(g content.Glyph, raised bool) {
	if c.raised == nil {
		c.raised = make([]bool, len(c.glyphs), len(c.glyphs)+4)
	}
	c.glyphs = append(c.glyphs, g)
	c.raised = append(c.raised, raised)
	c.grow(&g)
}

func (c *cluster) grow(g *content.Glyph) {
	if !g.Space && g.Size > c.size {
		c.size = g.Size
	}
	if g.X < c.x0 {
		c.x0 = g.X
	}
	if e := g.X + g.W; e > c.x1 {
		c.x1 = e
	}
}

func (c *cluster) isRaised(i int) bool { return c.raised != nil && c.raised[i] }

func (c *cluster) blank() bool {
	for i := range c.glyphs {
		g := &c.glyphs[i]
		if !g.Space {
			return false
		}
	}
	return true
}

// line turns a cluster into words: glyphs sorted left to right, split at spaces and gaps.
func (c *cluster) line(pageNo int) *textLine {
	var idxRoom [256]int // a line's glyphs rarely need more: no allocation for most lines
	idx := idxRoom[:0]
	for i := range c.glyphs {
		idx = append(idx, i)
	}
	byX := func(a, b int) int { return cmp.Compare(c.glyphs[a].X, c.glyphs[b].X) }
	if !slices.IsSortedFunc(idx, byX) {
		slices.SortStableFunc(idx, byX)
	}
	idx, runStart := overprinted(c.glyphs, idx)
	l := &textLine{page: pageNo, y: c.y, size: c.mainSize()}
	var cur word // the current word, when open
	var open, curBold, curAll bool
	var last *content.Glyph
	var bufRoom [512]byte
	var endRoom [64]int
	var wordRoom [32]word
	words := wordRoom[:0] // the line's words, copied out at their number
	buf := bufRoom[:0]    // the texts of the line's words, one after the other: one string for them all
	ends := endRoom[:0]   // where each word's text ends in buf
	start := 0            // where the current word's text begins
	flush := func() {
		if open && len(buf) > start {
			cur.bold = curAll && curBold
			words = append(words, cur)
			ends = append(ends, len(buf))
			start = len(buf)
		}
		open = false
	}
	for n, i := range idx {
		g := &c.glyphs[i]
		if runStart[n] {
			flush() // a run of glyphs drawn over another one's end: a word of its own
			last = nil
		}
		if last != nil && !g.Space && !last.Space && c.texts[g.TextID] == c.texts[last.TextID] && math.Abs(g.X-last.X) < 0.1*g.Size {
			continue // the same glyph drawn twice (shadow or fake bold)
		}
		if g.Space {
			if n+1 < len(idx) && zeroAdvance(g, &c.glyphs[idx[n+1]]) || n > 0 && zeroAdvance(g, &c.glyphs[idx[n-1]]) {
				continue // a space drawn without advance (a soft hyphen not broken at): no word gap
			}
			flush()
			last = &c.glyphs[i]
			continue
		}
		gap := 0.0
		if last != nil && !last.Space {
			gap = g.X - (last.X + last.W)
		}
		if last != nil && last.Tracking > 0 {
			gap -= last.Tracking // letter-spaced (tracked) text: the tracking is not a word gap
		}
		if open && gap > 0.15*math.Min(g.Size, l.size) {
			flush()
		}
		t := c.texts[g.TextID]
		if c.isRaised(i) {
			t = superscript.Replace(t)
			if n == 0 {
				l.marker = true
			}
		}
		if !open {
			cur, open = word{x0: g.X, size: g.Size}, true
			curBold, curAll = true, true
		}
		buf = append(buf, t...)
		cur.x1 = math.Max(cur.x1, g.X+g.W)
		if !c.isRaised(i) {
			curBold = curBold && g.Bold
		}
		last = &c.glyphs[i]
	}
	flush()
	if len(words) == 0 {
		return nil
	}
	l.words = slices.Clone(words)
	text, from := string(buf), 0
	for i := range l.words {
		l.words[i].text, from = text[from:ends[i]], ends[i]
	}
	softHyphens(l.words)
	l.x0, l.x1 = l.words[0].x0, l.words[len(l.words)-1].x1
	l.top = l.y + 0.75*l.size
	bold := true
	for _, w := range l.words {
		bold = bold && w.bold
	}
	l.bold = layout.No
	if bold {
		l.bold = layout.Yes
	}
	return l
}

// zeroAdvance reports a space glyph that the next glyph overprints: a producer that draws a soft
// hyphen inside a line as a space without advance (Chromium).
func zeroAdvance(space, next *content.Glyph) bool {
	return !next.Space && math.Abs(next.X-space.X) < 0.2*math.Max(space.W, 0.1*space.Size)
}

// softHyphens writes a soft hyphen (U+00AD) the way it is printed: as "-" at the line end,
// where the word was broken, and not at all inside the line. A hyphen U+2010 ending a word is
// how Chromium prints the break at a soft hyphen: it is written "-" as well.
func softHyphens(words []word) {
	for i := range words {
		if strings.HasSuffix(words[i].text, "\u2010") {
			words[i].text = strings.TrimSuffix(words[i].text, "\u2010") + "-"
		}
	}
	for i := range words {
		if !strings.Contains(words[i].text, "\u00ad") {
			continue
		}
		t := words[i].text
		end := i == len(words)-1 && strings.HasSuffix(t, "\u00ad")
		t = strings.ReplaceAll(t, "\u00ad", "")
		if end {
			t += "-"
		}
		words[i].text = t
	}
}

// counter counts values without a map: a line or page has few distinct sizes.
type counter struct {
	vals []float64
	ns   []int
}

func (c *counter) add(v float64, n int) {
	for i, x := range c.vals {
		if x == v {
			c.ns[i] += n
			return
		}
	}
	c.vals = append(c.vals, v)
	c.ns = append(c.ns, n)
}

// mode is the most frequent value, the larger on a tie; def when there is none.
func (c *counter) mode(def float64) float64 {
	best, n := def, 0
	for i, v := range c.vals {
		if c.ns[i] > n || c.ns[i] == n && v > best {
			best, n = v, c.ns[i]
		}
	}
	return best
}

// mainSize is the size most glyphs of the cluster have (raised markers do not count).
func (c *cluster) mainSize() float64 {
	var counts counter
	for i := range c.glyphs {
		if g := &c.glyphs[i]; !g.Space && !c.isRaised(i) {
			counts.add(math.Round(g.Size*2)/2, 1)
		}
	}
	return counts.mode(c.size)
}

// linesOf turns the pages into the lines a structure parser reads; side holds each page's
// furniture printed across its direction (see sideLines), put after the page's own lines, and cells
// the turned text of its tables' cells (see turnedCells), put among them. The pages are grouped
// into printed lines only here, after the last page is read and its glyphs counted against the
// memory budget: grouped as each page is read, a bomb of text took its lines' memory as well before
// the budget stopped it.
func linesOf(pages []*content.Page, side, cells [][]*textLine) []layout.Line {
	all := make([][]*textLine, len(pages))
	for i, pg := range pages {
		all[i] = pageLines(pg, i+1)
	}
	m := measure(pages, all)
	markFurniture(pages, all, m)
	for i := range side {
		for _, l := range side[i] {
			l.no = len(all[i]) + 1
			all[i] = append(all[i], l)
		}
	}
	pm := make([]metrics, len(pages)) // margins differ between left and right pages
	for i := range pages {
		pm[i] = m.page(all[i])
		all[i] = withCellLines(all[i], cells[i])
	}
	table := 0
	infos := make([][]tableInfo, len(pages))
	words := &vocabulary{all: append([][]*textLine(nil), all...)} // the pages as printed, before tables join their lines
	for i, pg := range pages {
		all[i], table, infos[i] = tables(pg, all[i], pm[i], table, words)
		markFootnotes(pg, all[i], pm[i])
	}
	continueTables(all, infos)
	breaks(all, pm)
	var out []layout.Line
	for i, lines := range all {
		for _, l := range lines {
			out = append(out, l.toLine(l.no, pm[i]))
		}
	}
	return out
}

// page returns the metrics with the margins of one page, when it has enough body lines to tell.
func (m metrics) page(lines []*textLine) metrics {
	lefts := map[float64]int{}
	var rights []float64
	for _, l := range lines {
		if l.role == layout.RoleBody && math.Abs(l.size-m.size) <= 0.6 && len(l.words) >= 3 {
			lefts[math.Round(l.x0)] += len(l.words)
			rights = append(rights, l.x1)
		}
	}
	if len(rights) < 3 {
		return m
	}
	p := m
	p.left = modeOf(lefts, m.left)
	sort.Float64s(rights)
	p.right = rights[len(rights)*9/10]
	if p.right <= p.left+50 {
		return m
	}
	return p
}

// metrics are the body's measures: the size most text has, its line pitch and its margins.
type metrics struct {
	size, pitch float64
	left, right float64
}

func measure(pages []*content.Page, all [][]*textLine) metrics {
	var sizes counter
	for _, lines := range all {
		for _, l := range lines {
			n := 0
			for _, w := range l.words {
				n += utf8.RuneCountInString(w.text)
			}
			sizes.add(l.size, n)
		}
	}
	m := metrics{size: sizes.mode(10)}
	lefts, rights, pitches := map[float64]int{}, []float64{}, map[float64]int{}
	for _, lines := range all {
		for i, l := range lines {
			if math.Abs(l.size-m.size) > 0.6 {
				continue
			}
			lefts[math.Round(l.x0)] += len(l.words)
			rights = append(rights, l.x1)
			if i > 0 && math.Abs(lines[i-1].size-m.size) <= 0.6 {
				if d := lines[i-1].y - l.y; d > 0.8*m.size && d < 2.5*m.size {
					pitches[math.Round(d*5)/5]++
				}
			}
		}
	}
	m.left = modeOf(lefts, 72)
	m.pitch = modeOf(pitches, 1.2*m.size)
	sort.Float64s(rights)
	m.right = m.left + 400
	if n := len(rights); n > 0 {
		m.right = rights[n*9/10]
	}
	if m.right <= m.left+50 {
		m.right = m.left + 400
	}
	return m
}

func modeOf(c map[float64]int, def float64) float64 {
	best, n := def, 0
	for k, v := range c {
		if v > n || v == n && k < best {
			best, n = k, v
		}
	}
	return best
}

// sortByPlace puts the glyphs top to bottom, then left to right; glyphs at one place keep the
// order they were drawn in. The glyphs of a printed line share their baseline, so it ranks the few
// distinct baselines, counts the glyphs into them in drawing order and sorts only each line's
// glyphs by x, where they are not in order already; then it moves every glyph once. (A comparison
// sort of the page's glyphs took a third of the reading time.)
func sortByPlace(gs []content.Glyph) {
	if len(gs) < 2 {
		return
	}
	lineOf := make(map[float64]int32)
	var ys []float64
	line := make([]int32, len(gs))
	sorted := true
	for i := range gs {
		y := gs[i].Y
		if i > 0 && y == gs[i-1].Y { // the same line as the glyph before: no lookup
			line[i] = line[i-1]
		} else {
			l, ok := lineOf[y]
			if !ok {
				l = int32(len(ys))
				lineOf[y] = l
				ys = append(ys, y)
			}
			line[i] = l
		}
		if i > 0 && (gs[i-1].Y < y || gs[i-1].Y == y && gs[i-1].X > gs[i].X) {
			sorted = false
		}
	}
	if sorted {
		return
	}
	// rank the lines top to bottom, and let start[r] be where line r's glyphs begin
	order := make([]int32, len(ys))
	for l := range order {
		order[l] = int32(l)
	}
	slices.SortFunc(order, func(a, b int32) int { return cmp.Compare(ys[b], ys[a]) })
	rank := make([]int32, len(ys))
	for r, l := range order {
		rank[l] = int32(r)
	}
	start := make([]int32, len(ys)+1)
	for _, l := range line {
		start[rank[l]+1]++
	}
	for r := 1; r < len(start); r++ {
		start[r] += start[r-1]
	}
	at := slices.Clone(start[:len(ys)])
	place := make([]int32, len(gs)) // glyph indices in their new order
	for i, l := range line {
		r := rank[l]
		place[at[r]] = int32(i)
		at[r]++
	}
	byX := func(a, b int32) int {
		if c := cmp.Compare(gs[a].X, gs[b].X); c != 0 {
			return c
		}
		return cmp.Compare(a, b)
	}
	for r := range ys {
		if run := place[start[r]:start[r+1]]; !slices.IsSortedFunc(run, byX) {
			slices.SortFunc(run, byX)
		}
	}
	permute(gs, place)
}

// permute puts gs[place[i]] at i for every i, in place, following the cycles of the permutation;
// place is used up (each entry done is set to -1).
func permute(gs []content.Glyph, place []int32) {
	for i := range place {
		if place[i] < 0 {
			continue
		}
		held := gs[i]
		j := i
		for {
			k := int(place[j])
			place[j] = -1
			if k == i {
				gs[j] = held
				break
			}
			gs[j] = gs[k]
			j = k
		}
	}
}

package pdf

import (
	"cmp"
	"math"
	"slices"

	"drucksache/extract/pdf/internal/content"
)

// overprinted takes apart runs of glyphs that a producer drew over each other on one line: a word
// too long for its table cell runs into the next cell (TeX does not break it), and sorted by x
// the glyphs of both would mix ("SteuerverwaltuSntugdium"). A run is a stretch of the drawing
// order that moves right; where two runs of three glyphs or more overlap by an em or more, the line
// is read run by run, left to right, each run starting a word. Otherwise idx (the glyphs in x
// order) comes back as it was, with no run starts.
func overprinted(gs []content.Glyph, idx []int) ([]int, map[int]bool) {
	if len(idx) < 6 || drawnInOrder(gs, idx) {
		return idx, nil
	}
	seq := slices.Clone(idx)
	slices.SortFunc(seq, func(a, b int) int { return cmp.Compare(gs[a].Seq, gs[b].Seq) })
	type run struct {
		from, to int // in seq
		x0, x1   float64
		letters  int
		size     float64
	}
	var runs []run
	for k, i := range seq {
		g := &gs[i]
		if k == 0 || g.X < gs[seq[k-1]].X-0.5*math.Max(gs[seq[k-1]].W, 1) {
			runs = append(runs, run{from: k, x0: math.Inf(1), x1: math.Inf(-1)})
		}
		r := &runs[len(runs)-1]
		r.to = k + 1
		r.x0, r.x1 = math.Min(r.x0, g.X), math.Max(r.x1, g.X+g.W)
		if !g.Space {
			r.letters++
			r.size = math.Max(r.size, g.Size)
		}
	}
	over := false
	for a := range runs {
		for b := a + 1; b < len(runs) && !over; b++ {
			ra, rb := runs[a], runs[b]
			em := math.Max(ra.size, rb.size)
			over = ra.letters >= 3 && rb.letters >= 3 && math.Min(ra.x1, rb.x1)-math.Max(ra.x0, rb.x0) >= em
		}
	}
	if !over {
		return idx, nil
	}
	slices.SortStableFunc(runs, func(a, b run) int { return cmp.Compare(a.x0, b.x0) })
	out := make([]int, 0, len(idx))
	starts := map[int]bool{}
	for _, r := range runs {
		starts[len(out)] = true
		out = append(out, seq[r.from:r.to]...)
	}
	return out, starts
}

// drawnInOrder reports glyphs drawn left to right in the order idx puts them: then they form one
// run, and nothing is overprinted (the common line, told without sorting).
func drawnInOrder(gs []content.Glyph, idx []int) bool {
	for k := 1; k < len(idx); k++ {
		a, b := &gs[idx[k-1]], &gs[idx[k]]
		if b.Seq <= a.Seq || b.X < a.X {
			return false
		}
	}
	return true
}

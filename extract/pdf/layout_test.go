package pdf

import (
	"cmp"
	"math/rand/v2"
	"slices"
	"testing"

	"drucksache/extract/pdf/internal/content"
)

// TestSortByPlace: the line-by-line counting sort gives the order of a stable comparison sort by
// baseline (top first), then x, on pages whose glyphs share baselines and places as printed pages do.
func TestSortByPlace(t *testing.T) {
	cases := []struct {
		name         string
		glyphs       int
		lines, xs    int // distinct baselines and x positions to draw from
		drawnInOrder bool
	}{
		{"empty", 0, 1, 1, false},
		{"one glyph", 1, 1, 1, false},
		{"in reading order", 400, 20, 60, true},
		{"shuffled", 400, 20, 60, false},
		{"overprinted: many glyphs at one place", 300, 3, 4, false},
		{"one line", 200, 1, 150, false},
		{"every glyph its own line", 200, 1000, 5, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := rand.New(rand.NewPCG(1, uint64(c.glyphs)))
			gs := make([]content.Glyph, c.glyphs)
			for i := range gs {
				gs[i] = content.Glyph{TextID: uint32(i), Y: float64(r.IntN(c.lines)) * 12.5, X: float64(r.IntN(c.xs)) * 5.25,
					Seq: int32(i)}
			}
			want := slices.Clone(gs)
			slices.SortStableFunc(want, func(a, b content.Glyph) int {
				if a.Y != b.Y {
					return cmp.Compare(b.Y, a.Y)
				}
				return cmp.Compare(a.X, b.X)
			})
			if c.drawnInOrder {
				gs = slices.Clone(want)
			}
			sortByPlace(gs)
			for i := range gs {
				if gs[i].TextID != want[i].TextID {
					t.Fatalf("glyph %d is %d at (%g, %g), want %d at (%g, %g)", i, gs[i].TextID, gs[i].X, gs[i].Y,
						want[i].TextID, want[i].X, want[i].Y)
				}
			}
		})
	}
}

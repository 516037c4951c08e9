package pdf

import (
	"math"
	"sort"

	"drucksache/extract/layout"
	"drucksache/extract/pdf/internal/content"
)

// This file reads the cells of a ruled table whose text is turned by a quarter turn on an upright
// page: the header of a narrow column printed to read upwards ("Kindergarten" from bottom to top),
// as statistics tables head their columns.

// cellKey names one cell of one grid of a page and the way its text is turned.
type cellKey struct {
	grid, place int
	dir         int8
}

// turnedCells takes the turned text inside the ruled tables of an upright page out of the page and
// reads it as lines of its own, one per printed line of each cell, placed in the cell so that the
// table reader puts their text into it: top to bottom in the order the lines are read (upwards
// text: the line on the left first). Turned text outside a table, and the text of a page whose
// most text is turned (a landscape table: see upright), stay on the page.
func turnedCells(pg *content.Page, pageNo int) (*content.Page, []*textLine) {
	count := dirCounts(pg)
	if count[1]+count[3] == 0 || mainDir(count) != 0 {
		return pg, nil
	}
	grids := ruledGrids(pg.Rules)
	if len(grids) == 0 {
		return pg, nil
	}
	owners := make([][]int, len(grids))
	for i := range grids {
		owners[i] = grids[i].cells()
	}
	groups := map[cellKey][]content.Glyph{}
	var keys []cellKey
	kept := make([]content.Glyph, 0, len(pg.Glyphs))
	for _, g := range pg.Glyphs {
		k, ok := cellOf(g, grids, owners)
		if !ok {
			kept = append(kept, g)
			continue
		}
		if groups[k] == nil {
			keys = append(keys, k)
		}
		groups[k] = append(groups[k], g)
	}
	if len(keys) == 0 {
		return pg, nil
	}
	var out []*textLine
	for _, k := range keys {
		out = append(out, cellLines(pg, pageNo, &grids[k.grid], owners[k.grid], k, groups[k])...)
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].y > out[j].y })
	rest := *pg
	rest.Glyphs = kept
	return &rest, out
}

// dirCounts counts a page's glyphs (white space aside) by the way they are turned.
func dirCounts(pg *content.Page) [4]int {
	var count [4]int
	for i := range pg.Glyphs {
		if !pg.Glyphs[i].Space {
			count[pg.Glyphs[i].Dir&3]++
		}
	}
	return count
}

// mainDir is the way a page reads: a turned way when its text holds at least minTurned glyphs
// and more than twice the upright text, else upright (0).
func mainDir(count [4]int) int {
	main := 0
	for d := 1; d < 4; d++ {
		if count[d] >= minTurned && count[d] > 2*count[main] {
			main = d
		}
	}
	return main
}

// cellOf finds the cell of a ruled grid that holds a glyph turned by a quarter turn: the place of
// the middle of its body (for text reading upwards, left of its baseline; reading downwards, right
// of it).
func cellOf(g content.Glyph, grids []ruledGrid, owners [][]int) (cellKey, bool) {
	var x, y float64
	switch g.Dir {
	case 1:
		x, y = g.X-0.3*g.Size, g.Y+g.W/2
	case 3:
		x, y = g.X+0.3*g.Size, g.Y-g.W/2
	default:
		return cellKey{}, false
	}
	for i := range grids {
		gr := &grids[i]
		if x <= gr.xs[0] || x >= gr.xs[len(gr.xs)-1] {
			continue
		}
		b := gr.band(y)
		if b < 0 {
			continue
		}
		nc := len(gr.xs) - 1
		return cellKey{grid: i, place: owners[i][b*nc+columnOf(gr.xs, x)], dir: g.Dir}, true
	}
	return cellKey{}, false
}

// cellLines reads the turned glyphs of one cell as lines turned upright, and places them in the
// cell: inside its first column, one under the other in reading order, spread over its height.
func cellLines(pg *content.Page, pageNo int, g *ruledGrid, owner []int, k cellKey, glyphs []content.Glyph) []*textLine {
	view := turned(&content.Page{Glyphs: glyphs, Texts: pg.Texts, Width: pg.Width, Height: pg.Height}, k.dir, false)
	lines := pageLines(view, pageNo)
	if len(lines) == 0 {
		return nil
	}
	nc := len(g.xs) - 1
	top, col := k.place/nc, k.place%nc
	bottom := top // the last band of the cell
	for bottom+1 < len(g.ys)-1 && owner[(bottom+1)*nc+col] == k.place {
		bottom++
	}
	hi, lo := g.ys[top], g.ys[bottom+1]
	// words narrow at the cell's left edge: they fall into its column and never fill it
	x := g.xs[col] + math.Min(1, (g.xs[col+1]-g.xs[col])/4)
	for i, l := range lines {
		l.y = hi - float64(i+1)*(hi-lo)/float64(len(lines)+1)
		l.top = l.y + 0.1
		l.x0, l.x1 = x, x+0.1
		for w := range l.words {
			l.words[w].x0, l.words[w].x1 = x, x+0.1
		}
		l.role = layout.RoleBody
	}
	return lines
}

// withCellLines puts the lines read from turned cells among a page's lines, in their place from
// the top; each takes the number of the line it comes before.
func withCellLines(lines, cells []*textLine) []*textLine {
	if len(cells) == 0 {
		return lines
	}
	out := make([]*textLine, 0, len(lines)+len(cells))
	k := 0
	for _, l := range lines {
		for k < len(cells) && cells[k].y > l.y && l.role == layout.RoleBody {
			cells[k].no = l.no
			out = append(out, cells[k])
			k++
		}
		out = append(out, l)
	}
	for ; k < len(cells); k++ {
		cells[k].no = len(lines) + 1
		out = append(out, cells[k])
	}
	return out
}

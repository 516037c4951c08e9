package pdf

import (
	"drucksache/extract/layout"
	"drucksache/extract/pdf/internal/content"
)

// This file reads pages whose text is turned: a landscape table printed on a portrait page (its
// text turned by a quarter turn), and text that runs across the page's own direction (a running
// header seen sideways on a page turned by /Rotate, a note in the margin).

// minTurned is the least text a page's turned part must hold to make it the page: a table, not a
// note in the margin.
const minTurned = 100

// upright returns a page as it reads: when most of its text is turned by a quarter turn (more
// than twice the upright text, and at least minTurned glyphs), the page turned so that this text
// reads upright. The text that runs another way comes back as pages of
// their own, one for each way, each turned to read upright.
func upright(pg *content.Page) (*content.Page, []*content.Page) {
	count := dirCounts(pg)
	if count[1]+count[2]+count[3] == 0 {
		return pg, nil
	}
	main := mainDir(count)
	out := turned(pg, int8(main), true)
	var side []*content.Page
	for d := range int8(4) {
		if int(d) != main && count[d] > 0 {
			side = append(side, turned(pg, d, false))
		}
	}
	return out, side
}

// turned is the view of a page turned by dir quarter turns clockwise, so that the text turned by
// dir reads upright in it: that text's glyphs, and with all the rules and the page's other counts.
func turned(pg *content.Page, dir int8, all bool) *content.Page {
	w, h := pg.Width, pg.Height
	out := &content.Page{Width: w, Height: h, Texts: pg.Texts}
	if dir%2 == 1 {
		out.Width, out.Height = h, w
	}
	at := func(x, y float64) (float64, float64) {
		switch dir {
		case 1:
			return y, w - x
		case 2:
			return w - x, h - y
		case 3:
			return h - y, x
		}
		return x, y
	}
	for _, g := range pg.Glyphs {
		if g.Dir != dir {
			continue
		}
		g.X, g.Y = at(g.X, g.Y)
		g.Dir = 0
		out.Glyphs = append(out.Glyphs, g)
	}
	if !all {
		return out
	}
	out.Images, out.Skipped, out.Unmapped, out.Notes = pg.Images, pg.Skipped, pg.Unmapped, pg.Notes
	for _, r := range pg.Rules {
		x0, y0 := at(r.X0, r.Y0)
		x1, y1 := at(r.X1, r.Y1)
		out.Rules = append(out.Rules, content.Rule{X0: min(x0, x1), Y0: min(y0, y1), X1: max(x0, x1), Y1: max(y0, y1)})
	}
	return out
}

// sideLines reads the text that runs across each page's direction as page furniture: a running
// header (it names the Drucksache or the Wahlperiode), a page number, or a line printed on several
// pages (a note in the margin of every page). It returns those lines for each page, and for each
// page the glyphs of the other text, which is left out.
func sideLines(sides [][]*content.Page) ([][]*textLine, []int) {
	lines := make([][]*textLine, len(sides))
	for i, views := range sides {
		for _, v := range views {
			lines[i] = append(lines[i], pageLines(v, i+1)...)
		}
	}
	pages := map[string]int{}
	for _, ls := range lines {
		seen := map[string]bool{}
		for _, l := range ls {
			k := hashDigits(l.text())
			if !seen[k] {
				seen[k] = true
				pages[k]++
			}
		}
	}
	left := make([]int, len(sides))
	for i, ls := range lines {
		kept := ls[:0]
		for _, l := range ls {
			t := l.text()
			switch {
			case headerRe.MatchString(t):
				l.role = layout.RoleHeader
			case pageNoRe.MatchString(t):
				l.role = layout.RolePageNumber
			case pages[hashDigits(t)] >= 2:
				l.role = layout.RoleFooter
			default:
				for _, w := range l.words {
					left[i] += len([]rune(w.text))
				}
				continue
			}
			kept = append(kept, l)
		}
		lines[i] = kept
	}
	return lines, left
}

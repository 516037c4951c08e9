package pdf

import (
	"reflect"
	"testing"

	"drucksache/extract/pdf/internal/content"
)

func TestJoinSegments(t *testing.T) {
	tests := []struct {
		name string
		in   []segment
		want []segment
	}{
		{"borders drawn per row touch: one rule", []segment{{100, 50, 70}, {100, 70, 90}, {100, 90, 120}}, []segment{{100, 50, 120}}},
		{"a small gap where a row rule crosses (TeX): one rule", []segment{{100, 50, 69.8}, {100.2, 70.2, 90}}, []segment{{100.1, 50, 90}}},
		{"overlapping and unsorted: one rule", []segment{{100, 80, 120}, {100, 50, 90}}, []segment{{100, 50, 120}}},
		{"a missing segment (a cell spanning) leaves two", []segment{{100, 50, 70}, {100, 90, 120}}, []segment{{100, 50, 70}, {100, 90, 120}}},
		{"rules apart across stay apart", []segment{{100, 50, 70}, {104, 70, 90}}, []segment{{100, 50, 70}, {104, 70, 90}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := joinSegments(tt.in)
			if len(got) != len(tt.want) {
				t.Fatalf("got %v, want %v", got, tt.want)
			}
			for i := range got {
				if d := got[i].at - tt.want[i].at; d > 0.01 || d < -0.01 || got[i].lo != tt.want[i].lo || got[i].hi != tt.want[i].hi {
					t.Fatalf("got %v, want %v", got, tt.want)
				}
			}
		})
	}
}

// cellRules draws a table cell by cell, each cell's borders strokes of their own, as Word and
// Chromium draw them; skip names the cells (band, column) whose right border is not drawn.
func cellRules(xs, ys []float64, skip map[[2]int]bool) []content.Rule {
	var out []content.Rule
	for b := 0; b+1 < len(ys); b++ {
		for c := 0; c+1 < len(xs); c++ {
			top, bottom, left, right := ys[b], ys[b+1], xs[c], xs[c+1]
			out = append(out, content.Rule{X0: left, Y0: top, X1: right, Y1: top}, content.Rule{X0: left, Y0: bottom, X1: right, Y1: bottom})
			if c == 0 {
				out = append(out, content.Rule{X0: left, Y0: bottom, X1: left, Y1: top})
			}
			if !skip[[2]int{b, c}] {
				out = append(out, content.Rule{X0: right, Y0: bottom, X1: right, Y1: top})
			}
		}
	}
	return out
}

func TestRuledGrids(t *testing.T) {
	xs, ys := []float64{72, 200, 260, 320}, []float64{700, 676, 652, 628}
	frame := []content.Rule{{X0: 72, Y0: 500, X1: 300, Y1: 500}, {X0: 72, Y0: 400, X1: 300, Y1: 400},
		{X0: 72, Y0: 400, X1: 72, Y1: 500}, {X0: 300, Y0: 400, X1: 300, Y1: 500}}
	tests := []struct {
		name   string
		rules  []content.Rule
		xs, ys [][]float64
	}{
		{"a table drawn cell by cell is one grid", cellRules(xs, ys, nil), [][]float64{xs}, [][]float64{ys}},
		{"two tables apart are two grids", append(cellRules(xs, ys, nil), cellRules(xs, []float64{400, 380, 360}, nil)...),
			[][]float64{xs, xs}, [][]float64{ys, {400, 380, 360}}},
		{"a frame around text is no table", frame, nil, nil},
		{"a double border is one edge", append(cellRules(xs, ys, nil), content.Rule{X0: 202.5, Y0: 628, X1: 202.5, Y1: 700}), [][]float64{xs}, [][]float64{ys}},
		{"rules of one column between rows make a table", cellRules([]float64{72, 300}, ys, nil), [][]float64{{72, 300}}, [][]float64{ys}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var gx, gy [][]float64
			for _, g := range ruledGrids(tt.rules) {
				gx, gy = append(gx, g.xs), append(gy, g.ys)
			}
			if !reflect.DeepEqual(gx, tt.xs) || !reflect.DeepEqual(gy, tt.ys) {
				t.Errorf("got xs %v ys %v, want xs %v ys %v", gx, gy, tt.xs, tt.ys)
			}
		})
	}
}

// TestGridCells checks which places of a grid are one cell: a header spanning two columns, a label
// spanning two bands, the other places cells of their own.
func TestGridCells(t *testing.T) {
	xs, ys := []float64{72, 200, 260, 320}, []float64{700, 676, 652, 628}
	rules := cellRules(xs, ys, map[[2]int]bool{{0, 1}: true}) // "Jahr" over two columns
	// column 0 of bands 0 and 1 is one cell: take the rule between them out
	var kept []content.Rule
	for _, r := range rules {
		if r.Y0 == 676 && r.Y1 == 676 && r.X0 == 72 {
			continue
		}
		kept = append(kept, r)
	}
	gs := ruledGrids(kept)
	if len(gs) != 1 {
		t.Fatalf("%d grids, want 1", len(gs))
	}
	got := gs[0].cells()
	want := []int{
		0, 1, 1,
		0, 4, 5,
		6, 7, 8,
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("cells %v, want %v", got, want)
	}
}

// FuzzTables reads pages of random rules and words (some turned by a quarter turn) as tables:
// nothing panics, and every row of a table has the same number of cells.
func FuzzTables(f *testing.F) {
	f.Add([]byte{0, 10, 10, 10, 90, 0, 50, 10, 50, 90, 1, 10, 10, 60, 10, 1, 10, 90, 60, 90, 2, 12, 80, 3, 1, 2, 52, 80, 4, 2})
	f.Add([]byte{2, 10, 80, 5, 0, 2, 40, 80, 5, 0, 2, 10, 60, 5, 0, 2, 40, 60, 5, 0, 2, 10, 40, 5, 0, 2, 40, 40, 5, 0})
	// a grid whose header cells hold words turned to read upwards and downwards
	f.Add([]byte{0, 10, 10, 10, 90, 0, 50, 10, 50, 90, 0, 80, 10, 80, 90, 1, 10, 10, 80, 10, 1, 10, 50, 80, 50, 1, 10, 90, 80, 90,
		2, 12, 80, 0, 1, 2, 60, 55, 7, 4, 2, 70, 85, 3, 6, 2, 12, 40, 2, 0, 2, 52, 40, 3, 0})
	f.Fuzz(func(t *testing.T, data []byte) {
		out := runTablesOn(data)
		width := map[int]int{}
		for _, l := range out {
			if l.table == 0 {
				continue
			}
			if w, ok := width[l.table]; ok && w != len(l.cells) {
				t.Fatalf("table %d: rows of %d and %d cells", l.table, w, len(l.cells))
			}
			width[l.table] = len(l.cells)
		}
	})
}

// runTablesOn reads data as a page of rules and words (five bytes each: kind, then coordinates) and
// returns its lines with the tables read.
func runTablesOn(data []byte) []*textLine {
	words := []string{"Landkreise", "(inkl.", "12", "1.270", "Beanstandun", "g", "–", "darunter", "Insgesamt", "2023"}
	{
		pg := &content.Page{Width: 600, Height: 800}
		for i := 0; i+5 <= len(data) && i < 2000; i += 5 {
			a, b, c, d := 5*float64(data[i+1]), 5*float64(data[i+2]), 5*float64(data[i+3]), 5*float64(data[i+4])
			switch data[i] % 3 {
			case 0:
				pg.Rules = append(pg.Rules, content.Rule{X0: a, Y0: min(b, d), X1: a, Y1: max(b, d)})
			case 1:
				pg.Rules = append(pg.Rules, content.Rule{X0: min(a, c), Y0: b, X1: max(a, c), Y1: b})
			default:
				w := words[int(data[i+3])%len(words)]
				dir := [4]int8{0, 0, 1, 3}[data[i+4]/2%4] // some words turned to read upwards or downwards
				for k, r := range w {
					pg.Texts = append(pg.Texts, string(r))
					g := content.Glyph{TextID: uint32(len(pg.Texts) - 1), X: a + 5*float64(k), Y: b, W: 5, Size: 10, Bold: data[i+4]%2 == 0, Dir: dir, Seq: int32(len(pg.Glyphs))}
					switch dir {
					case 1:
						g.X, g.Y = a, b+5*float64(k)
					case 3:
						g.X, g.Y = a, b-5*float64(k)
					}
					pg.Glyphs = append(pg.Glyphs, g)
				}
			}
		}
		pg, cells := turnedCells(pg, 1)
		up, _ := upright(pg)
		lines := withCellLines(pageLines(up, 1), cells)
		m := metrics{size: 10, pitch: 12, left: 50, right: 550}
		out, _, _ := tables(up, lines, m, 0, &vocabulary{all: [][]*textLine{lines}})
		return out
	}
}

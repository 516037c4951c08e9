package dumped

import (
	"strings"
	"testing"
	"time"

	"drucksache/extract/layout"
)

// FuzzReadings feeds the reader of a row's figures words as a dump prints them. Property: every
// reading has the number of cells asked for, takes every word once and in order, and gives each
// cell its words as printed (a marker raised off the last digit of one, where a footnote allows
// it); the readings are few and found fast, however many words.
func FuzzReadings(f *testing.F) {
	f.Add("612 705 391 1 708", 4, 3)
	f.Add("1 2053 488 301 1 994", 4, 3)
	f.Add("847 346 Euro", 1, 0)
	f.Add("455 845,62 1.2053 - 004", 3, 3)
	f.Add(strings.Repeat("123 ", 60), 20, 0)
	f.Fuzz(func(t *testing.T, line string, n, marker int) {
		if n < 1 || n > 40 || len(line) > 2000 {
			t.Skip()
		}
		var toks []token
		for _, w := range strings.Fields(line) {
			toks = append(toks, token{text: w, gap: 1})
		}
		start := time.Now()
		rs, _ := readingsOf(toks, n, []int{marker % 10})
		if d := time.Since(start); d > time.Second {
			t.Fatalf("took %v", d)
		}
		if len(rs) > maxReadings {
			t.Fatalf("%d readings", len(rs))
		}
		for _, r := range rs {
			if len(r.cells) != n || len(r.spans) != n {
				t.Fatalf("%d cells for %d: %q", len(r.cells), n, r.cells)
			}
			i := 0
			for c, span := range r.spans {
				printed := make([]string, span)
				for k := range span {
					printed[k] = toks[i+k].text
				}
				i += span
				want := strings.Join(printed, " ")
				got := r.cells[c]
				if r.marker > 0 && c == r.cell {
					got = unraise(got, r.marker)
				}
				if got != want {
					t.Fatalf("cell %q printed %q", r.cells[c], want)
				}
			}
			if i != len(toks) {
				t.Fatalf("%d of %d words read", i, len(toks))
			}
		}
	})
}

// unraise writes a cell's raised marker as the digit a dump prints, before the unit.
func unraise(cell string, marker int) string {
	sup := superscript(marker)
	figure, unit, _ := strings.Cut(cell, sup)
	return figure + string(rune('0'+marker)) + unit
}

// FuzzValueGaps: the spaces counted before the figures that end a line, and after them, are the
// spaces the line prints there; a line that does not end in them gives none.
func FuzzValueGaps(f *testing.F) {
	f.Add("Großburgwedel 71   17 8 111 ")
	f.Add("5,85   6,24   41,73   ")
	f.Add("Außenwerbung     847 346 Euro ")
	f.Fuzz(func(t *testing.T, text string) {
		l := layout.Line{Text: text}
		_, vals := splitValues(l)
		gaps, trail := valueGaps(text, vals)
		if gaps == nil {
			return
		}
		if len(gaps) != len(vals) || trail < 0 || trail > len(text) {
			t.Fatalf("gaps %v trail %d for %q", gaps, trail, vals)
		}
		if !strings.HasSuffix(text, strings.Repeat(" ", trail)) || strings.HasSuffix(text, strings.Repeat(" ", trail+1)) {
			t.Fatalf("trail %d for %q", trail, text)
		}
		for i, v := range vals {
			first := strings.Fields(v)[0]
			if gaps[i] < 1 && i > 0 || !strings.Contains(text, strings.Repeat(" ", gaps[i])+first) {
				t.Fatalf("gap %d before %q in %q", gaps[i], v, text)
			}
		}
	})
}

// FuzzColumns feeds the reader of tables printed at their columns arbitrary lines. Property: it
// never fails; a table it reads takes lines of its input only, and all its rows and header levels
// have one cell a column.
func FuzzColumns(f *testing.F) {
	f.Add("Jahr      Anzahl der     darunter\n          Anträge        bewilligt\n2021          48             31\n2022          52             36")
	f.Add("Nr.  Kommune   Datum        Text\n  1  Stadt     14.03.2023 Der Rat\n                           hat\n  2  Gemeinde  21.11.2023 Die Satzung")
	f.Add("Art      2023\n       in Euro\nA    1.000   –\nB      200  x\n\f\nArt      2023")
	f.Fuzz(func(t *testing.T, text string) {
		if len(text) > 4000 {
			t.Skip()
		}
		lines := rawLines(strings.ReplaceAll(text, "\f", ""))
		for i := range lines {
			rows, n := Columns(lines, i, nil)
			if rows == nil {
				continue
			}
			if n < 1 || i+n > len(lines) {
				t.Fatalf("took %d lines from %d of %d", n, i, len(lines))
			}
			for _, r := range rows {
				if len(r.Cells) != len(rows[0].Cells) {
					t.Fatalf("rows of %d and %d cells: %q", len(rows[0].Cells), len(r.Cells), r.Cells)
				}
			}
		}
	})
}

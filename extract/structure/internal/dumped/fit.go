package dumped

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	drucksache "drucksache"
	"drucksache/extract/layout"
)

// A dump prints each cell's words one space apart, so where a figure's thousands are grouped by a
// space ("1 914"), or a footnote marker raised in the PDF is printed flat after a figure ("1 2053"
// for 1 205³), a row has more words than the table has columns, and only evidence tells which
// words make a figure. fit reads the rows into the columns a header names, weighing the evidence
// in a fixed order — the columns' own pattern, then the sums that must add up, then the layout —
// and keeps a row no evidence decides as printed, with a doubt, never a guess.

// Doubt is a row of a dumped table a reader should know about: one whose figures fit the columns
// in more than one way (kept as printed), or one with a footnote marker read off a figure.
type Doubt struct {
	Row      int         // index into Table.Rows
	Line     layout.Line // the line the row's figures are printed on
	Printed  string      // the row's figures as printed
	Marker   int         // the footnote number read off a figure; 0 for a row kept as printed
	Cell     string      // with Marker: the cell as read, its marker raised ("1 205³")
	Figure   string      // with Marker: the cell's words as printed ("1 2053")
	Readings int         // without Marker: how many readings were left (0: none)
	Columns  int         // the value columns the row was read into
}

// columns is the number of value columns of a table whose rows print up to width figures: fewer
// where the header says so and every row can be read into that many — a header of years (one
// year a column), a header line of one word a column whose first word names the years labelling
// the rows ("Jahr Anträge Fördersumme"), or rows whose every figure prints its unit, each cell
// ending in one ("847 346 Euro").
func (t *Table) columns(head []layout.Line, width int, years bool) int {
	if n := headerYears(t.Header, head); n > 0 && n < width && t.fits(n) {
		return n
	}
	if len(head) == 1 && t.Header == nil {
		f := strings.Fields(head[0].Text)
		switch n := len(f) - 1; {
		case n < 1 || n >= width:
		case years && yearWords[f[0]] && t.fits(n):
			return n
		case !years && columnWords(f) && t.fits(n) && t.full(n):
			// The first word heads the label column ("Kreis Anträge Bewilligungen"): every row
			// reads as that many figures, none printing fewer.
			return n
		}
	}
	if n := unitCells(t.dump); n > 0 && n < width && t.fits(n) {
		return n
	}
	return width
}

// columnWords reports words that can each head a column of their own: each starts with a capital
// or a digit, none is a word that joins others ("Ausfallarbeit in GWh" is one phrase).
func columnWords(words []string) bool {
	for _, w := range words {
		r, _ := utf8.DecodeRuneInString(w)
		if connectors[w] || !unicode.IsUpper(r) && !unicode.IsDigit(r) {
			return false
		}
	}
	return true
}

// full reports whether no row prints fewer than n figures but where blanks mark its empty cells.
func (t *Table) full(n int) bool {
	for _, d := range t.dump {
		if len(d.vals) > 0 && len(d.vals) < n {
			if _, ok := blankCells(d.tokens(), d.trail, n); !ok || d.gaps == nil {
				return false
			}
		}
	}
	return true
}

// unitCells is the number of cells of rows whose figures all print their unit ("847 346 Euro",
// "12,5 Mio. Euro"): as many as each row prints units, where every row prints the same number of
// them, the last word of each row among them, and every other word a group of digits before one;
// 0 for other rows.
func unitCells(rows []row) int {
	n := 0
	for _, r := range rows {
		if len(r.vals) == 0 {
			continue
		}
		units := 0
		for _, v := range r.vals {
			if _, unit := cutUnit(v); unit != "" {
				units++
			} else if !groupPrefix([]string{v}) {
				return 0
			}
		}
		if _, unit := cutUnit(r.vals[len(r.vals)-1]); unit == "" || n > 0 && units != n {
			return 0
		}
		n = units
	}
	return n
}

// fits reports whether every row can be read into n value columns: a row of more figures has at
// least one reading; where n is more than any row prints, a row of fewer figures marks its empty
// cells with blanks, exactly as many as it lacks.
func (t *Table) fits(n int) bool {
	wider := true
	for _, d := range t.dump {
		wider = wider && len(d.vals) < n
	}
	for _, d := range t.dump {
		switch {
		case len(d.vals) > n:
			if rs, _ := readingsOf(d.tokens(), n, t.markersOn(d)); len(rs) == 0 {
				return false
			}
		case len(d.vals) < n && wider && len(d.vals) > 0:
			if _, ok := blankCells(d.tokens(), d.trail, n); !ok || d.gaps == nil {
				return false
			}
		}
	}
	return true
}

// markersOn is the numbers of the footnotes printed on the page of row d.
func (t *Table) markersOn(d row) []int {
	if t.notes == nil {
		return nil
	}
	return t.notes(d.line.Page)
}

// tokens are the row's figures as words with the spaces before each.
func (d row) tokens() []token {
	toks := make([]token, len(d.vals))
	for i, v := range d.vals {
		toks[i] = token{text: v, gap: 1}
		if d.gaps != nil {
			toks[i].gap = d.gaps[i]
		}
	}
	return toks
}

// fit sets the table's rows: each row's label and its figures read into n value columns under
// header, whose total columns the sums check. A row of n figures stays as it is, unless a
// footnote printed on its page is glued to a figure and a sum proves it; a row of fewer takes the
// blanks a dump prints for empty cells where they account for the missing ones, else its empty
// cells at the end; a row of more is read by evidence (see decide), in rounds, each row decided
// joining the evidence for the rest. A row no evidence decides keeps its figures as printed, a
// word a cell, and is a doubt, as is a row read with a footnote marker.
func (t *Table) fit(header []string, n int) {
	rows := make([][]string, len(t.dump)) // value cells, nil while undecided
	var open, marked []int
	p := newPattern(n)
	p.units = unitCells(t.dump) == n
	for r, d := range t.dump {
		toks := d.tokens()
		switch {
		case len(d.vals) < n:
			if cells, ok := blankCells(toks, d.trail, n); ok && d.gaps != nil {
				rows[r] = cells
			} else {
				rows[r] = d.vals
			}
		case len(d.vals) == n:
			rows[r] = d.vals
			p.add(d.vals)
			if len(t.markersOn(d)) > 0 {
				marked = append(marked, r)
			}
		default:
			if rs, _ := readingsOf(toks, n, nil); len(rs) == 1 {
				p.add(rs[0].cells) // one way to read it: the pattern learns from it, the sums may still refute it
			}
			open = append(open, r)
		}
	}
	// A row of as many figures as columns on a page that prints footnotes is read again only
	// where a sum refutes it as printed: a marker may be glued to one of its figures.
	if len(marked) > 0 {
		tab, _ := t.evidenceTable(header, rows, allRows(len(t.dump)), -1, reading{})
		_, failed := t.arith.Evidence(tab)
		for _, r := range marked {
			if failed[r] > 0 {
				rows[r] = nil
				open = append(open, r)
			}
		}
		slices.Sort(open)
	}
	t.work = 0
	t.Doubts = nil
	for changed := true; changed; {
		changed = false
		for k := 0; k < len(open); k++ {
			r := open[k]
			d := t.dump[r]
			toks := d.tokens()
			rs, complete := readingsOf(toks, n, t.markersOn(d))
			if !complete {
				continue
			}
			rd, ok := decide(rs, toks, p, t.sums(header, rows, r))
			if !ok {
				continue
			}
			rows[r] = rd.cells
			if rd.marker > 0 {
				start := 0
				for _, span := range rd.spans[:rd.cell] {
					start += span
				}
				t.Doubts = append(t.Doubts, Doubt{Row: r, Line: d.line, Printed: strings.Join(d.vals, " "), Marker: rd.marker,
					Cell: rd.cells[rd.cell], Figure: strings.Join(d.vals[start:start+rd.spans[rd.cell]], " ")})
			}
			open = append(open[:k], open[k+1:]...)
			k--
			changed = true
		}
	}
	open = t.together(header, rows, open, n, p)
	for _, r := range open {
		d := t.dump[r]
		rows[r] = d.vals
		if len(d.vals) != n {
			rs, _ := readingsOf(d.tokens(), n, t.markersOn(d))
			t.Doubts = append(t.Doubts, Doubt{Row: r, Line: d.line, Printed: strings.Join(d.vals, " "), Readings: len(rs), Columns: n})
		}
	}
	t.Rows = nil
	for r, d := range t.dump {
		cells := append([]string{d.label}, rows[r]...)
		for len(cells) < n+1 {
			cells = append(cells, "")
		}
		t.Rows = append(t.Rows, cells)
	}
	slices.SortFunc(t.Doubts, func(a, b Doubt) int { return a.Row - b.Row })
}

// together reads the rows left open where a total row adds them up together: each row's readings
// alone cannot be weighed while the others are open, but taken together, one reading of each, the
// total decides where exactly one combination adds up, every open row proven and no row refuted.
// It returns the rows still open; the combinations tried are at most maxCombinations.
func (t *Table) together(header []string, rows [][]string, open []int, n int, p *pattern) []int {
	if len(open) < 2 || !slices.ContainsFunc(t.dump, func(d row) bool { return t.arith.TotalLabel(d.label) }) {
		return open
	}
	choices := make([][]reading, len(open))
	combinations := 1
	for k, r := range open {
		d := t.dump[r]
		rs, complete := readingsOf(d.tokens(), n, nil)
		rs = keep(rs, func(rd reading) bool { return p.fits(rd) && spaced(rd, d.tokens()) })
		if !complete || len(rs) == 0 {
			return open
		}
		choices[k] = rs
		if combinations *= len(rs); combinations > maxCombinations {
			return open
		}
	}
	var found []int // the reading of each open row in the one combination that adds up
	pick := make([]int, len(open))
	for c := 0; c < combinations; c++ {
		for k, x := 0, c; k < len(open); k++ {
			pick[k], x = x%len(choices[k]), x/len(choices[k])
			rows[open[k]] = choices[k][pick[k]].cells
		}
		tab, _ := t.evidenceTable(header, rows, allRows(len(t.dump)), -1, reading{})
		passed, failed := t.arith.Evidence(tab)
		if slices.ContainsFunc(failed, func(f int) bool { return f > 0 }) ||
			slices.ContainsFunc(open, func(r int) bool { return passed[r] == 0 }) {
			continue
		}
		if found != nil {
			found = nil
			break // two combinations add up: the total decides nothing
		}
		found = slices.Clone(pick)
	}
	for _, r := range open {
		rows[r] = nil
	}
	if found == nil {
		return open
	}
	for k, r := range open {
		rows[r] = choices[k][found[k]].cells
	}
	return nil
}

// maxCombinations bounds the combinations of readings together tries.
const maxCombinations = 256

// allRows are the indexes of n rows.
func allRows(n int) []int {
	all := make([]int, n)
	for k := range all {
		all[k] = k
	}
	return all
}

// sums weighs a reading of row r as the cross-checks of totals do, in the table of header and
// the rows read so far: a row not yet read stands as printed, wider than the columns, so that no
// total that counts it is decided. Where no row is labelled as a total, only a total column can
// weigh the reading, and the table is row r with a few rows read before it, which say how that
// column adds: so the cost of a row does not grow with the table. Past evidenceWork rows weighed
// for one table, sums weigh nothing: the rows left are kept as printed rather than read slowly.
func (t *Table) sums(header []string, rows [][]string, r int) evidence {
	keep := t.evidenceRows(rows, r)
	return func(rd reading) (int, int) {
		if t.work += len(keep); t.work > evidenceWork {
			return 0, 0
		}
		tab, at := t.evidenceTable(header, rows, keep, r, rd)
		passed, failed := t.arith.Evidence(tab)
		if at < 0 || at >= len(passed) {
			return 0, 0
		}
		return passed[at], failed[at]
	}
}

// evidenceTable is the table of header and the rows keep as read so far, row r read as rd (none
// for r < 0), a row not yet read as printed; with the index of row r in it.
func (t *Table) evidenceTable(header []string, rows [][]string, keep []int, r int, rd reading) (drucksache.Table, int) {
	tab := drucksache.Table{ID: "t", Header: header}
	at := -1
	for _, k := range keep {
		d := t.dump[k]
		cells := rows[k]
		switch {
		case k == r:
			cells, at = rd.cells, len(tab.Rows)
		case cells == nil:
			cells = d.vals
		}
		printed := []drucksache.Cell{{Raw: d.label}}
		for _, c := range cells {
			printed = append(printed, drucksache.Cell{Raw: c})
		}
		tab.Rows = append(tab.Rows, printed)
	}
	return tab, at
}

// evidenceWork bounds the rows weighed for the readings of one table's rows.
const evidenceWork = 200_000

// evidenceRows are the rows a reading of row r is weighed among: every row where one is labelled
// as a total, else r and the nearest rows read so far, at most evidenceRowsMax of them.
func (t *Table) evidenceRows(rows [][]string, r int) []int {
	if slices.ContainsFunc(t.dump, func(d row) bool { return t.arith.TotalLabel(d.label) }) {
		return allRows(len(t.dump))
	}
	keep := []int{r}
	for dist := 1; dist < len(t.dump) && len(keep) <= evidenceRowsMax; dist++ {
		for _, k := range []int{r - dist, r + dist} {
			if k >= 0 && k < len(t.dump) && rows[k] != nil && len(keep) <= evidenceRowsMax {
				keep = append(keep, k)
			}
		}
	}
	slices.Sort(keep)
	return keep
}

// evidenceRowsMax is how many rows read so far weigh a reading beside its own, where no row
// adds up others.
const evidenceRowsMax = 8

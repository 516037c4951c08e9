package dumped

import "strings"

// evidence weighs a reading of a row against the rest of its table: how many sums (a total column
// or row) prove it and how many refute it.
type evidence func(r reading) (passed, failed int)

// pattern is what the rows read without doubt say about each column: how many digits before the
// decimal mark its figures have, at least and at most.
type pattern struct {
	lo, hi, seen []int
	units        bool // every figure of the table prints its unit: each cell ends in one
}

// magnitude is how many digits more or fewer than a column's other figures a figure may have.
const magnitude = 2

// newPattern starts the pattern of a table of n cells a row.
func newPattern(n int) *pattern {
	return &pattern{lo: make([]int, n), hi: make([]int, n), seen: make([]int, n)}
}

// add records the figures of a row read without doubt.
func (p *pattern) add(cells []string) {
	for i, c := range cells {
		d, ok := wholeDigits(c)
		if !ok || i >= len(p.seen) {
			continue
		}
		if p.seen[i] == 0 || d < p.lo[i] {
			p.lo[i] = d
		}
		if p.seen[i] == 0 || d > p.hi[i] {
			p.hi[i] = d
		}
		p.seen[i]++
	}
}

// fits reports whether a reading puts in each column a figure of about the magnitude the column
// prints in its other rows: no more than a hundred times larger or smaller than all of them (two
// digits more or fewer), where the column has two figures or more to judge by; in a table whose
// figures all print their unit, each cell must end in one.
func (p *pattern) fits(r reading) bool {
	for i, c := range r.cells {
		if _, unit := cutUnit(c); p.units && unit == "" {
			return false
		}
		d, ok := wholeDigits(c)
		if !ok || i >= len(p.seen) || p.seen[i] < 2 {
			continue
		}
		if d < p.lo[i]-magnitude || d > p.hi[i]+magnitude {
			return false
		}
	}
	return true
}

// wholeDigits is the number of digits of a figure before its decimal mark ("1 205³": 4), and false
// for a cell that is no figure.
func wholeDigits(cell string) (int, bool) {
	n := 0
	for _, r := range cell {
		switch {
		case r >= '0' && r <= '9':
			n++
		case r == ',':
			return n, n > 0
		case r == ' ' || r == '.' || r == '-' || r == '–' || r == '+' || strings.ContainsRune("⁰¹²³⁴⁵⁶⁷⁸⁹", r):
		default:
			return n, n > 0 // a unit or sign after the figure
		}
	}
	return n, n > 0
}

// decide chooses among the readings of a row by evidence, in this order: the columns' own pattern,
// then the sums that must add up (a reading some sum proves wins over those none proves; a
// reading a sum refutes is out), then the layout (a figure never spans a wide gap of the dump). A
// footnote marker is read off a figure only where no plain reading stands and a sum proves the
// marked one. It returns false when several readings are left, or none: the row is then kept as
// printed.
func decide(rs []reading, toks []token, p *pattern, sums evidence) (reading, bool) {
	var plain, marked []reading
	for _, r := range rs {
		if r.marker == 0 {
			plain = append(plain, r)
		} else {
			marked = append(marked, r)
		}
	}
	alive := keep(plain, p.fits)
	alive = bySums(alive, sums, false)
	if len(alive) > 1 {
		if l := keep(alive, func(r reading) bool { return spaced(r, toks) }); len(l) > 0 {
			alive = l
		}
	}
	switch {
	case len(alive) == 1:
		return alive[0], true
	case len(alive) > 1:
		return reading{}, false
	}
	proven := bySums(keep(marked, func(r reading) bool { return p.fits(r) && spaced(r, toks) }), sums, true)
	if len(proven) == 1 {
		return proven[0], true
	}
	if len(plain) == 1 && len(proven) == 0 && len(plain[0].cells) == len(toks) {
		return plain[0], true // the row as printed, a word a cell, though a sum or the pattern doubts it
	}
	return reading{}, false
}

// keep returns the readings for which ok holds.
func keep(rs []reading, ok func(reading) bool) []reading {
	var out []reading
	for _, r := range rs {
		if ok(r) {
			out = append(out, r)
		}
	}
	return out
}

// bySums drops the readings a sum refutes and, where a sum proves some, keeps only those; with
// proof, it keeps only readings a sum proves.
func bySums(rs []reading, sums evidence, proof bool) []reading {
	if sums == nil {
		if proof {
			return nil
		}
		return rs
	}
	var standing, proven []reading
	for _, r := range rs {
		passed, failed := sums(r)
		if failed > 0 {
			continue
		}
		standing = append(standing, r)
		if passed > 0 {
			proven = append(proven, r)
		}
	}
	if len(proven) > 0 || proof {
		return proven
	}
	return standing
}

// spaced reports whether a reading keeps each figure within one run of the dump's single spaces:
// the words of a figure grouped by thousands stand one space apart, and a wider gap always
// separates cells.
func spaced(r reading, toks []token) bool {
	i := 0
	for _, span := range r.spans {
		for k := i + 1; k < i+span; k++ {
			if toks[k].gap > 1 {
				return false
			}
		}
		i += span
	}
	return true
}

// blankCells reads the empty cells a dump marks with blanks in a row of fewer tokens than its n cells:
// it prints an empty cell as a space between the spaces around it, so a gap of 1+2k spaces
// between two tokens holds k empty cells, and a line ending in 1+2k spaces ends with k of them
// (trail counts the spaces after the last token). It returns the cells, "" for each empty one,
// and false unless the blanks account for exactly the missing cells.
func blankCells(toks []token, trail, n int) ([]string, bool) {
	empty := func(gap int) int {
		if gap < 3 || gap%2 == 0 {
			return 0
		}
		return (gap - 1) / 2
	}
	var cells []string
	for i, t := range toks {
		if i > 0 {
			for range empty(t.gap) {
				cells = append(cells, "")
			}
		}
		cells = append(cells, t.text)
	}
	for range empty(trail) {
		cells = append(cells, "")
	}
	if len(cells) != n || len(cells) == len(toks) {
		return nil, false
	}
	return cells, true
}

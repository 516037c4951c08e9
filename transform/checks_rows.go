package transform

import (
	"fmt"
	"math"
	"slices"
	"strings"

	drucksache "drucksache"
)

// rowCode returns the longest code of digits printed in row r, the row's place in a hierarchy of codes.
func (c *checker) rowCode(r int) string {
	code := ""
	for col := range c.ncol {
		cl := c.cell(r, col)
		if cl.Kind != drucksache.CellCode {
			continue
		}
		s := strings.TrimSpace(cl.Raw)
		if len(s) >= 2 && len(s) > len(code) && codeDigits(s) {
			code = s
		}
	}
	return code
}

// codeGroups finds rows whose code prefixes the longer codes of the rows next to them (an Einzelplan
// "03" above or below its Kapitel "0301", "0307"): such a row prints the sum of those rows.
func (c *checker) codeGroups(covered []bool) []rowGroup {
	n := len(c.t.Rows)
	codes := make([]string, n)
	for r := range n {
		codes[r] = c.rowCode(r)
	}
	var groups []rowGroup
	for r, p := range codes {
		if p == "" || c.class[r] != "" {
			continue
		}
		desc := c.descendants(codes, r, -1)
		if len(desc) == 0 {
			desc = c.descendants(codes, r, +1)
		}
		var parts []int
		for _, d := range desc {
			direct := true
			for _, e := range desc {
				if e != d && isUnderCode(codes[e], codes[d]) {
					direct = false
					break
				}
			}
			if direct {
				parts = append(parts, d)
			}
		}
		if len(parts) == 0 {
			continue
		}
		slices.Sort(parts)
		names := make([]string, len(parts))
		for i, d := range parts {
			covered[d] = true
			names[i] = codes[d]
		}
		groups = append(groups, rowGroup{target: r, parts: parts, kind: CheckSubtotalRow,
			how: fmt.Sprintf("sum of the rows coded %s, under %s", strings.Join(names, ", "), p)})
	}
	return groups
}

// descendants collects the adjacent rows, walking from r in direction dir, whose codes extend r's code.
func (c *checker) descendants(codes []string, r, dir int) []int {
	var out []int
	for i := r + dir; i >= 0 && i < len(codes); i += dir {
		switch {
		case codes[i] != "" && isUnderCode(codes[r], codes[i]):
			out = append(out, i)
		case codes[i] == "" && !c.hasFigures[i] && c.class[i] == "":
			// a heading or blank row inside the block
		default:
			return out
		}
	}
	return out
}

// isUnderCode reports whether code d extends the parent code p (p "03", d "0301").
func isUnderCode(p, d string) bool {
	return len(d) > len(p) && strings.HasPrefix(d, p)
}

// totalGroups finds the rows labelled as totals and the rows each of them closes: back to the previous
// total of the same label, counting an earlier subtotal instead of the rows it already adds.
func (c *checker) totalGroups(covered []bool) []rowGroup {
	var totals []int
	for r, k := range c.class {
		if k != "" {
			totals = append(totals, r)
		}
	}
	if len(totals) == 0 {
		return nil
	}
	dir := -1
	if !c.figuresBetween(0, totals[0]) && c.figuresBetween(totals[0]+1, len(c.t.Rows)) {
		dir = +1 // the totals stand above the rows they add
		slices.Reverse(totals)
	}
	var groups []rowGroup
	for _, tr := range totals {
		var parts []int
		for i := tr + dir; i >= 0 && i < len(c.t.Rows); i += dir {
			if c.class[i] == c.class[tr] {
				break
			}
			if covered[i] || c.davonRow[i] || !c.hasFigures[i] {
				continue
			}
			parts = append(parts, i)
		}
		if len(parts) == 0 {
			continue
		}
		slices.Sort(parts)
		for _, p := range parts {
			covered[p] = true
		}
		where := "above"
		if dir > 0 {
			where = "below"
		}
		groups = append(groups, rowGroup{target: tr, parts: parts, kind: CheckTotalRow,
			how: fmt.Sprintf("sum of %s %s", rowNumbers(parts), where)})
	}
	return groups
}

// figuresBetween reports whether a row in [from, to) that is not a "davon" row holds figures.
func (c *checker) figuresBetween(from, to int) bool {
	for i := from; i < to; i++ {
		if c.hasFigures[i] && !c.davonRow[i] && c.class[i] == "" {
			return true
		}
	}
	return false
}

// checkRowGroup checks a total row in every additive figure column where it prints something; where
// the total or one of its parts is a row not placed under the columns, it cannot be decided.
func (c *checker) checkRowGroup(g rowGroup) []drucksache.Check {
	var cols []int
	var outs []outcome
	unplaced := slices.IndexFunc(append([]int{g.target}, g.parts...), func(r int) bool { return !c.placed[r] })
	for col := range c.ncol {
		if !c.figures[col] || c.averaged[col] {
			continue
		}
		if unplaced >= 0 {
			if !printsNothing(c.cell(g.target, col)) {
				r := append([]int{g.target}, g.parts...)[unplaced]
				cols = append(cols, col)
				outs = append(outs, outcome{detail: fmt.Sprintf("row %d %q fits the columns in more than one way, so its figures are not placed", r+1, c.label[r])})
			}
			continue
		}
		parts := make([]drucksache.Cell, len(g.parts))
		for i, p := range g.parts {
			parts[i] = c.cell(p, col)
		}
		s, ok := addUp(c.cell(g.target, col), parts, c.rounded[col], c.percent[col])
		if !ok {
			continue
		}
		cols = append(cols, col)
		outs = append(outs, s)
	}
	hint := ""
	for _, s := range outs {
		if s.passed != nil && !*s.passed {
			hint = c.hint(g.parts, cols, outs)
			break
		}
	}
	out := make([]drucksache.Check, len(outs))
	for i, s := range outs {
		if s.passed != nil && !*s.passed {
			s.detail += hint
		}
		out[i] = c.result(g.kind, slices.Clone(g.parts), g.target, cols[i], s, g.how)
	}
	return out
}

// hint says which part of a failed row total is the likely culprit: a row of years (a header read as a
// row), or a single row without which the total adds up in every column (a row that belongs elsewhere).
func (c *checker) hint(parts, cols []int, outs []outcome) string {
	for _, p := range parts {
		if c.yearRow(p) {
			return fmt.Sprintf("; row %d holds years, perhaps a header read as a row", p+1)
		}
	}
	for _, p := range parts {
		fits, nonzero := true, false
		for i, col := range cols {
			s := outs[i]
			if s.passed == nil {
				continue
			}
			v, ok := c.cell(p, col).Number()
			if !ok {
				v = 0
			}
			nonzero = nonzero || v != 0
			if math.Abs(*s.expected-(*s.found-v)) > s.slack {
				fits = false
				break
			}
		}
		if fits && nonzero {
			return fmt.Sprintf("; without row %d %q it would add up", p+1, c.label[p])
		}
	}
	return ""
}

// yearRow reports whether every figure of row r is a distinct whole year, as in a header of years.
func (c *checker) yearRow(r int) bool {
	seen := map[float64]bool{}
	for col := range c.ncol {
		if !c.figures[col] {
			continue
		}
		cl := c.cell(r, col)
		if printsNothing(cl) {
			continue
		}
		v, ok := cl.Number()
		if !ok || v != math.Trunc(v) || v < 1900 || v > 2100 || printedDecimals(cl) > 0 || seen[v] ||
			strings.ContainsAny(cl.Raw, ".,") {
			return false
		}
		seen[v] = true
	}
	return len(seen) >= 2
}

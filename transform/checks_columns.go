package transform

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	drucksache "drucksache"
)

// checkTotalColumns checks columns headed as totals against the figure columns beside them.
// Amounts per case ("Personalkosten je Fall") are parts of a total per case beside them only
// where the figures say so: every row that can be decided adds up with them, and not without.
func (c *checker) checkTotalColumns() []drucksache.Check {
	var out []drucksache.Check
	for col := range c.ncol {
		if !c.figures[col] || c.percent[col] || c.averaged[col] || columnKeyword(leafHeader(c.header[col])) == "" {
			continue
		}
		checks := c.totalColumn(col, false)
		if perCase := c.totalColumn(col, true); addsUp(perCase) && !addsUp(checks) {
			checks = perCase
		}
		out = append(out, doubtColumn(checks)...)
	}
	return out
}

// totalColumn checks the total column col in every row placed under the columns, against the
// parts columnParts finds (with the amounts per case among them when perCase is true).
func (c *checker) totalColumn(col int, perCase bool) []drucksache.Check {
	parts := c.columnParts(col, -1, perCase)
	if len(parts) < 2 {
		parts = c.columnParts(col, +1, perCase)
	}
	if len(parts) < 2 {
		return nil
	}
	names := make([]string, len(parts))
	for i, p := range parts {
		names[i] = strconv.Quote(c.header[p])
	}
	how := "sum of the columns " + strings.Join(names, ", ")
	var checks []drucksache.Check
	for r := range c.t.Rows {
		if !c.placed[r] {
			continue
		}
		cells := make([]drucksache.Cell, len(parts))
		for i, p := range parts {
			cells[i] = c.cell(r, p)
		}
		s, ok := addUp(c.cell(r, col), cells, c.rounded[col], false)
		if !ok {
			continue
		}
		checks = append(checks, c.result(CheckTotalColumn, []int{r}, r, col, s, how))
	}
	return checks
}

// addsUp reports checks of which at least one is decided and every decided one passed.
func addsUp(checks []drucksache.Check) bool {
	decided := 0
	for _, r := range checks {
		if r.Passed == nil {
			continue
		}
		if !*r.Passed {
			return false
		}
		decided++
	}
	return decided > 0
}

// doubtColumn turns the checks of a total column into undecided ones when not one row adds up:
// then the header, not the figures, is the likelier mistake.
func doubtColumn(rs []drucksache.Check) []drucksache.Check {
	decided := 0
	for _, r := range rs {
		if r.Passed == nil {
			continue
		}
		if *r.Passed {
			return rs
		}
		decided++
	}
	if decided < 3 {
		return rs
	}
	for i := range rs {
		if rs[i].Passed != nil {
			rs[i].Passed = nil
			rs[i].Note += "; no row adds up, so the header may not mean the sum of these columns"
		}
	}
	return rs
}

// columnParts lists the additive figure columns next to the total column col, walking in direction dir
// up to the next total column; under a header of several levels only the columns under the same
// upper levels as the total ("2023 / Gebietskörperschaften / …"). Amounts per case count with perCase.
func (c *checker) columnParts(col, dir int, perCase bool) []int {
	var parts []int
	parent := parentHeader(c.header[col])
	for j := col + dir; j >= 0 && j < c.ncol; j += dir {
		if columnKeyword(leafHeader(c.header[j])) != "" || parentHeader(c.header[j]) != parent {
			break
		}
		if c.figures[j] && c.davonDepth[j] == 0 && (!c.averaged[j] || perCase && c.perUnit[j]) && !c.percent[j] {
			parts = append(parts, j)
		}
	}
	slices.Sort(parts)
	return parts
}

// checkDavonColumns checks every "davon" column against the nearest figure column to its left with fewer "davon".
func (c *checker) checkDavonColumns() []drucksache.Check {
	var out []drucksache.Check
	for col := range c.ncol {
		if c.davonDepth[col] == 0 || !c.figures[col] || c.percent[col] || c.averaged[col] {
			continue
		}
		bound := -1
		for j := col - 1; j >= 0; j-- {
			if c.figures[j] && c.davonDepth[j] < c.davonDepth[col] {
				bound = j
				break
			}
		}
		if bound < 0 || c.percent[bound] || c.averaged[bound] {
			continue
		}
		how := fmt.Sprintf("must not exceed %q", c.header[bound])
		for r := range c.t.Rows {
			if !c.placed[r] {
				continue
			}
			s, ok := notAbove(c.cell(r, bound), c.cell(r, col), c.rounded[col])
			if !ok {
				continue
			}
			out = append(out, c.result(CheckDavon, []int{r}, r, col, s, how))
		}
	}
	return out
}

// checkDavonRows checks every row labelled "davon …" against the nearest row above it that is not.
func (c *checker) checkDavonRows() []drucksache.Check {
	var out []drucksache.Check
	for r := range c.t.Rows {
		if !c.davonRow[r] || !c.placed[r] {
			continue
		}
		bound := -1
		for i := r - 1; i >= 0; i-- {
			if !c.davonRow[i] && c.hasFigures[i] {
				bound = i
				break
			}
		}
		if bound < 0 || !c.placed[bound] {
			continue
		}
		how := fmt.Sprintf("must not exceed row %d %q", bound+1, c.label[bound])
		for col := range c.ncol {
			if !c.figures[col] || c.percent[col] || c.averaged[col] {
				continue
			}
			s, ok := notAbove(c.cell(bound, col), c.cell(r, col), c.rounded[col])
			if !ok {
				continue
			}
			out = append(out, c.result(CheckDavon, []int{bound}, r, col, s, how))
		}
	}
	return out
}

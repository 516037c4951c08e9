package transform

import (
	"encoding/json"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"unicode"

	drucksache "drucksache"
)

// Kinds of cross-check, as written to Check.Kind.
const (
	CheckTotalRow    = "total_row"    // a total row against the detail rows it closes
	CheckSubtotalRow = "subtotal_row" // a subtotal (a parent code, a "Summe" inside a larger total) against its parts
	CheckTotalColumn = "total_column" // a total column against the other figures of its row
	CheckDavon       = "davon"        // a "davon" figure, which must not exceed its total
)

// Warning codes written for checks that did not pass.
const (
	WarnCheckFailed    = "check_failed"
	WarnCheckUndecided = "check_undecided"
)

// Check cross-checks the figures of every table in doc: total and subtotal rows against the rows they
// close, total columns against the columns they add, and "davon" figures against their totals. It appends
// one record per check to doc.Checks and a warning for each check that failed or could not be decided,
// so that a reader sees which printed figures add up; it never changes a cell.
func Check(doc *drucksache.Document) {
	if doc == nil {
		return
	}
	if doc.Checks == nil {
		doc.Checks = []drucksache.Check{} // an empty list in the JSON, not null
	}
	for i := range doc.Tables {
		t := &doc.Tables[i]
		c := newChecker(t)
		for _, r := range c.run() {
			doc.Checks = append(doc.Checks, r)
			if r.Passed != nil && *r.Passed {
				continue
			}
			doc.Warnings = append(doc.Warnings, c.warning(r))
		}
	}
}

// rowGroup is a row that prints the total of other rows, with those rows.
type rowGroup struct {
	target int
	parts  []int
	kind   string
	how    string // what was added, for the note
}

// checker holds what one table's checks need to know about its rows and columns.
type checker struct {
	t          *drucksache.Table
	ncol       int
	header     []string // per column: the header as printed, header rows included
	figures    []bool   // per column: the column holds figures
	percent    []bool   // per column: the figures are percentages
	averaged   []bool   // per column: the figures are rates or averages, which do not add up
	rounded    []bool   // per column: whole numbers are rounded (thousands, millions)
	davonDepth []int    // per column: how many "davon" the header says
	label      []string // per row: the code and text cells as printed
	class      []string // per row: the total keyword of its label, or ""
	davonRow   []bool   // per row: its label starts with "davon"
	hasFigures []bool   // per row: a figure or a statistics sign in a figure column
}

// newChecker reads the shape of t; it keeps a pointer but never writes through it.
func newChecker(t *drucksache.Table) *checker {
	c := &checker{t: t, ncol: len(t.Header)}
	for _, row := range t.Rows {
		c.ncol = max(c.ncol, len(row))
	}
	c.readColumns()
	c.readRows()
	return c
}

// cell returns the cell at row r, column col, or an empty cell where a ragged row has none.
func (c *checker) cell(r, col int) drucksache.Cell {
	if r < 0 || r >= len(c.t.Rows) || col < 0 || col >= len(c.t.Rows[r]) {
		return drucksache.Cell{Kind: drucksache.CellEmpty}
	}
	return c.t.Rows[r][col]
}

// readColumns reads what each column holds from its header and its cells.
func (c *checker) readColumns() {
	n := c.ncol
	c.header = make([]string, n)
	c.figures = make([]bool, n)
	c.percent = make([]bool, n)
	c.averaged = make([]bool, n)
	c.rounded = make([]bool, n)
	c.davonDepth = make([]int, n)
	unit := ""
	if c.t.Unit != nil {
		unit = *c.t.Unit
	}
	for col := range n {
		var parts []string // the header rows top to bottom, then the header where it says more
		for _, hr := range c.t.HeaderRows {
			if col < len(hr) && !slices.Contains(parts, hr[col]) {
				parts = append(parts, hr[col])
			}
		}
		if col < len(c.t.Header) && !slices.Contains(parts, c.t.Header[col]) {
			parts = append(parts, c.t.Header[col])
		}
		c.header[col] = strings.Join(strings.Fields(strings.Join(parts, " ")), " ")
		h := strings.ToLower(c.header[col])
		words := labelWords(h)
		numbers, others, percents := 0, 0, 0
		for r := range c.t.Rows {
			cl := c.cell(r, col)
			switch cl.Kind {
			case drucksache.CellNumber:
				numbers++
				if cl.Unit == "%" || strings.HasSuffix(strings.TrimSpace(cl.Raw), "%") {
					percents++
				}
			case drucksache.CellText, drucksache.CellCode:
				if rowKeyword(cl.Raw) == "" {
					others++
				}
			}
		}
		c.figures[col] = numbers > 0 && numbers >= others && !identifierHeader(words) && !c.yearColumn(col)
		c.percent[col] = strings.Contains(h, "%") || strings.Contains(h, "prozent") || anyWordStarts(words, "anteil") ||
			(numbers > 0 && 2*percents > numbers)
		c.averaged[col] = averageHeader(words)
		c.rounded[col] = roundedUnit(strings.ToLower(unit)) || roundedUnit(h)
		c.davonDepth[col] = davonDepth(words) + c.davonSpan(col)
	}
}

// davonSpan returns 1 when a "davon" printed in a header row over columns to the left spans column col
// as well (an empty header cell right of it), else 0.
func (c *checker) davonSpan(col int) int {
	for _, hr := range c.t.HeaderRows {
		if col >= len(hr) || strings.TrimSpace(hr[col]) != "" {
			continue
		}
		for j := col - 1; j >= 0; j-- {
			if j < len(hr) && strings.TrimSpace(hr[j]) != "" {
				if davonDepth(labelWords(strings.ToLower(hr[j]))) > 0 {
					return 1
				}
				break
			}
		}
	}
	return 0
}

// yearColumn reports whether the figures of column col are whole years in order, as in a column "Jahr"
// whose header was not printed: they are labels, not figures to add.
func (c *checker) yearColumn(col int) bool {
	var years []float64
	for r := range c.t.Rows {
		cl := c.cell(r, col)
		if cl.Kind != drucksache.CellNumber {
			continue
		}
		v, ok := figureValue(cl)
		if !ok || v != math.Trunc(v) || v < 1900 || v > 2100 || strings.ContainsAny(cl.Raw, ".,") {
			return false
		}
		years = append(years, v)
	}
	if len(years) < 2 {
		return false
	}
	up := slices.IsSorted(years)
	slices.Reverse(years)
	return (up || slices.IsSorted(years)) && len(slices.Compact(years)) == len(years)
}

// readRows reads each row's label, whether it is a total or a "davon" row, and whether it holds figures.
func (c *checker) readRows() {
	n := len(c.t.Rows)
	c.label = make([]string, n)
	c.class = make([]string, n)
	c.davonRow = make([]bool, n)
	c.hasFigures = make([]bool, n)
	for r, row := range c.t.Rows {
		var label []string
		for col, cl := range row {
			switch cl.Kind {
			case drucksache.CellText, drucksache.CellCode:
				raw := strings.Join(strings.Fields(cl.Raw), " ")
				if raw == "" {
					continue
				}
				if len(label) == 0 {
					c.davonRow[r] = davonDepth(labelWords(strings.ToLower(raw))) > 0
				}
				label = append(label, raw)
				if c.class[r] == "" && cl.Kind == drucksache.CellText {
					c.class[r] = rowKeyword(raw)
				}
			case drucksache.CellNumber, drucksache.CellSymbol:
				if col < len(c.figures) && c.figures[col] {
					c.hasFigures[r] = true
				}
			}
		}
		c.label[r] = strings.Join(label, " ")
	}
}

// run makes every check of the table, in row order.
func (c *checker) run() []drucksache.Check {
	var out []drucksache.Check
	covered := make([]bool, len(c.t.Rows))
	groups := c.codeGroups(covered)
	groups = append(groups, c.totalGroups(covered)...)
	slices.SortStableFunc(groups, func(a, b rowGroup) int { return a.target - b.target })
	for _, g := range groups {
		if g.kind == CheckTotalRow && covered[g.target] {
			g.kind = CheckSubtotalRow
		}
		out = append(out, c.checkRowGroup(g)...)
	}
	out = append(out, c.checkTotalColumns()...)
	out = append(out, c.checkDavonColumns()...)
	out = append(out, c.checkDavonRows()...)
	return out
}

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

// checkRowGroup checks a total row in every additive figure column where it prints something.
func (c *checker) checkRowGroup(g rowGroup) []drucksache.Check {
	var cols []int
	var outs []outcome
	for col := range c.ncol {
		if !c.figures[col] || c.averaged[col] {
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
			v, ok := figureValue(c.cell(p, col))
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
		v, ok := figureValue(cl)
		if !ok || v != math.Trunc(v) || v < 1900 || v > 2100 || printedDecimals(cl) > 0 || seen[v] ||
			strings.ContainsAny(cl.Raw, ".,") {
			return false
		}
		seen[v] = true
	}
	return len(seen) >= 2
}

// checkTotalColumns checks columns headed as totals against the figure columns beside them.
func (c *checker) checkTotalColumns() []drucksache.Check {
	var out []drucksache.Check
	for col := range c.ncol {
		if !c.figures[col] || c.percent[col] || columnKeyword(c.header[col]) == "" {
			continue
		}
		parts := c.columnParts(col, -1)
		if len(parts) < 2 {
			parts = c.columnParts(col, +1)
		}
		if len(parts) < 2 {
			continue
		}
		names := make([]string, len(parts))
		for i, p := range parts {
			names[i] = strconv.Quote(c.header[p])
		}
		how := "sum of the columns " + strings.Join(names, ", ")
		var checks []drucksache.Check
		for r := range c.t.Rows {
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
		out = append(out, doubtColumn(checks)...)
	}
	return out
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
// up to the next total column.
func (c *checker) columnParts(col, dir int) []int {
	var parts []int
	for j := col + dir; j >= 0 && j < c.ncol; j += dir {
		if columnKeyword(c.header[j]) != "" {
			break
		}
		if c.figures[j] && c.davonDepth[j] == 0 && !c.averaged[j] && !c.percent[j] {
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
		if c.davonDepth[col] == 0 || !c.figures[col] || c.percent[col] {
			continue
		}
		bound := -1
		for j := col - 1; j >= 0; j-- {
			if c.figures[j] && c.davonDepth[j] < c.davonDepth[col] {
				bound = j
				break
			}
		}
		if bound < 0 || c.percent[bound] {
			continue
		}
		how := fmt.Sprintf("must not exceed %q", c.header[bound])
		for r := range c.t.Rows {
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
		if !c.davonRow[r] {
			continue
		}
		bound := -1
		for i := r - 1; i >= 0; i-- {
			if !c.davonRow[i] && c.hasFigures[i] {
				bound = i
				break
			}
		}
		if bound < 0 {
			continue
		}
		how := fmt.Sprintf("must not exceed row %d %q", bound+1, c.label[bound])
		for col := range c.ncol {
			if !c.figures[col] || c.percent[col] {
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

// result builds a check record from an outcome.
func (c *checker) result(kind string, rows []int, target, col int, s outcome, how string) drucksache.Check {
	note := how
	if s.detail != "" {
		note += ": " + s.detail
	}
	return drucksache.Check{
		Table: c.t.ID, Kind: kind, Rows: rows, Target: target, Column: col,
		Expected: s.expected, Found: s.found, Passed: s.passed, Note: note,
	}
}

// warning describes a failed or undecided check with the table's place in the source.
func (c *checker) warning(r drucksache.Check) drucksache.Warning {
	code, verb := WarnCheckFailed, "does not add up"
	if r.Kind == CheckDavon {
		verb = "exceeds its total"
	}
	if r.Passed == nil {
		code, verb = WarnCheckUndecided, "could not be checked"
	}
	label := fmt.Sprintf("row %d", r.Target+1)
	if r.Target >= 0 && r.Target < len(c.label) && c.label[r.Target] != "" {
		label = c.label[r.Target]
	}
	header := fmt.Sprintf("column %d", r.Column+1)
	if r.Column >= 0 && r.Column < len(c.header) && c.header[r.Column] != "" {
		header = c.header[r.Column]
	}
	p := c.t.Provenance
	return drucksache.Warning{
		Code:       code,
		Message:    fmt.Sprintf("table %s, row %q, column %q %s (%s): %s", c.t.ID, label, header, verb, r.Kind, r.Note),
		Provenance: drucksache.Provenance{Page: p.Page, Line: p.Line, Path: p.Path},
	}
}

// outcome is what comparing a printed figure with what it should be gave.
type outcome struct {
	expected, found *float64
	passed          *bool
	detail          string
	slack           float64 // how far apart the figures may be from rounding
}

// addUp compares the printed total with the sum of the parts; ok is false when the total cell is empty,
// which leaves nothing to check. Values are printed rounded, so each figure may be off by half a unit
// of its last printed decimal; whole numbers are exact unless the column is in thousands or millions.
func addUp(total drucksache.Cell, parts []drucksache.Cell, rounded, percent bool) (outcome, bool) {
	if printsNothing(total) {
		return outcome{}, false
	}
	var o outcome
	want, isFigure := figureValue(total)
	if !isFigure {
		if !slices.ContainsFunc(parts, func(p drucksache.Cell) bool { _, ok := figureValue(p); return ok }) {
			return outcome{}, false // a label, or signs only: no figure to add up
		}
		o.detail = fmt.Sprintf("the total is printed as %q, not a figure", total.Raw)
		return o, true
	}
	o.expected = &want
	dec := printedDecimals(total)
	tol := roundingSlack(total, rounded)
	sum := 0.0
	var signs []string
	empty := 0
	for _, p := range parts {
		if printsNothing(p) {
			empty++
			continue
		}
		v, ok := figureValue(p)
		if !ok {
			signs = append(signs, strconv.Quote(strings.TrimSpace(p.Raw)))
			continue
		}
		sum += v
		tol += roundingSlack(p, rounded)
		dec = max(dec, printedDecimals(p))
	}
	tol += 1e-9 * math.Max(1, math.Abs(want))
	if len(signs) > 0 {
		verdict := "would not pass"
		if math.Abs(want-sum) <= tol {
			verdict = "would pass"
		}
		o.detail = fmt.Sprintf("%s printed where a figure should be; counting them as 0 the parts add up to %s and %s",
			strings.Join(signs, ", "), germanFigure(sum, dec), verdict)
		return o, true
	}
	o.found = &sum
	ok := math.Abs(want-sum) <= tol
	o.slack = tol
	switch {
	case !ok && percent:
		o.detail = fmt.Sprintf("the parts add up to %s, printed %s; percentages of different bases need not add up",
			germanFigure(sum, dec), germanFigure(want, dec))
		return o, true
	case !ok:
		o.detail = fmt.Sprintf("the parts add up to %s, printed %s (off by %s, allowed %s)",
			germanFigure(sum, dec), germanFigure(want, dec), germanFigure(math.Abs(want-sum), dec), germanTolerance(tol))
	}
	if empty > 0 {
		if o.detail != "" {
			o.detail += "; "
		}
		o.detail += fmt.Sprintf("%d empty cells counted as 0", empty)
	}
	o.passed = &ok
	return o, true
}

// notAbove compares a "davon" figure with its total; ok is false when either cell is empty.
func notAbove(total, part drucksache.Cell, rounded bool) (outcome, bool) {
	if printsNothing(total) || printsNothing(part) {
		return outcome{}, false
	}
	var o outcome
	want, okT := figureValue(total)
	got, okP := figureValue(part)
	if okT {
		o.expected = &want
	}
	if okP {
		o.found = &got
	}
	if !okT || !okP {
		o.detail = fmt.Sprintf("%q against %q: a sign or text where a figure should be", strings.TrimSpace(part.Raw), strings.TrimSpace(total.Raw))
		return o, true
	}
	tol := roundingSlack(total, rounded) + roundingSlack(part, rounded) + 1e-9*math.Max(1, math.Abs(want))
	ok := got <= want+tol
	if !ok {
		dec := max(printedDecimals(total), printedDecimals(part))
		o.detail = fmt.Sprintf("%s is more than %s", germanFigure(got, dec), germanFigure(want, dec))
	}
	o.passed = &ok
	return o, true
}

// printsNothing reports whether a cell prints nothing.
func printsNothing(c drucksache.Cell) bool {
	return c.Kind == drucksache.CellEmpty || strings.TrimSpace(c.Raw) == "" && c.Value == nil
}

// figureValue returns the figure of a number cell; ok is false for anything else.
func figureValue(c drucksache.Cell) (float64, bool) {
	if c.Kind != drucksache.CellNumber {
		return 0, false
	}
	var v float64
	switch x := c.Value.(type) {
	case float64:
		v = x
	case float32:
		v = float64(x)
	case int:
		v = float64(x)
	case int64:
		v = float64(x)
	case json.Number:
		f, err := x.Float64()
		if err != nil {
			return 0, false
		}
		v = f
	default:
		return 0, false
	}
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return 0, false
	}
	return v, true
}

// printedDecimals returns the decimals printed in a cell: its Decimals, or those counted after the decimal comma of Raw.
func printedDecimals(c drucksache.Cell) int {
	d := max(c.Decimals, 0)
	raw := c.Raw
	i := strings.LastIndexByte(raw, ',')
	if i <= 0 || i+1 >= len(raw) || raw[i-1] < '0' || raw[i-1] > '9' {
		return min(d, 12)
	}
	n := 0
	for j := i + 1; j < len(raw) && raw[j] >= '0' && raw[j] <= '9'; j++ {
		n++
	}
	return min(max(d, n), 12)
}

// roundingSlack is how far a printed figure may be from the value it was rounded from.
func roundingSlack(c drucksache.Cell, rounded bool) float64 {
	if d := printedDecimals(c); d > 0 {
		return 0.5 * math.Pow(10, -float64(d))
	}
	if rounded {
		return 0.5
	}
	return 0
}

// germanFigure prints a figure the German way, with dec decimals and points between thousands.
func germanFigure(v float64, dec int) string {
	s := strconv.FormatFloat(v, 'f', dec, 64)
	sign := ""
	if strings.HasPrefix(s, "-") {
		sign, s = "-", s[1:]
	}
	whole, frac, hasFrac := strings.Cut(s, ".")
	if len(whole) > 4 && codeDigits(whole) {
		var b strings.Builder
		for i, r := range whole {
			if i > 0 && (len(whole)-i)%3 == 0 {
				b.WriteByte('.')
			}
			b.WriteRune(r)
		}
		whole = b.String()
	}
	if hasFrac {
		return sign + whole + "," + frac
	}
	return sign + whole
}

// germanTolerance prints a tolerance with the decimals it needs.
func germanTolerance(v float64) string {
	if v < 1e-6 {
		return "0"
	}
	return strings.Replace(strconv.FormatFloat(v, 'g', 3, 64), ".", ",", 1)
}

// rowNumbers names rows for a note, counted from 1 as a reader counts them.
func rowNumbers(rows []int) string {
	if len(rows) == 1 {
		return "row " + strconv.Itoa(rows[0]+1)
	}
	s := make([]string, len(rows))
	for i, r := range rows {
		s[i] = strconv.Itoa(r + 1)
	}
	return "rows " + strings.Join(s, ", ")
}

// totalWords are the labels of a total; each maps to a class, and a total closes the rows back to the
// previous total of its class.
var totalWords = map[string]string{
	"gesamt":          "gesamt",
	"insgesamt":       "gesamt",
	"total":           "gesamt",
	"gesamtsumme":     "gesamt",
	"gesamtergebnis":  "gesamt",
	"gesamtausgaben":  "gesamt",
	"gesamteinnahmen": "gesamt",
	"gesamtkosten":    "gesamt",
	"gesamtbetrag":    "gesamt",
	"endsumme":        "gesamt",
	"summe":           "summe",
	"summen":          "summe",
	"zusammen":        "zusammen",
	"zwischensumme":   "zwischensumme",
}

// rowKeyword returns the class of a label that says nothing but "total" ("Gesamt", "Summe:", "Insgesamt*",
// "Summe gesamt"), or "" for any other label.
func rowKeyword(label string) string {
	words := strings.FieldsFunc(strings.ToLower(label), func(r rune) bool {
		return !unicode.IsLetter(r)
	})
	if len(words) == 0 || len(words) > 3 {
		return ""
	}
	// a label of letters only, apart from punctuation and footnote marks
	for _, r := range label {
		if unicode.IsDigit(r) && r < 0x80 {
			return ""
		}
	}
	class := ""
	for _, w := range words {
		k, ok := totalWords[w]
		if !ok {
			return ""
		}
		if class == "" || k == "gesamt" {
			class = k
		}
	}
	return class
}

// columnKeyword returns the class of a column header that says nothing but "total".
func columnKeyword(header string) string {
	return rowKeyword(header)
}

// labelWords splits a lowercased header into words, keeping "%" and "ø" as words.
func labelWords(h string) []string {
	return strings.FieldsFunc(h, func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '%' && r != 'ø' && r != '⌀'
	})
}

// anyWordStarts reports whether one of words starts with prefix.
func anyWordStarts(words []string, prefix string) bool {
	for _, w := range words {
		if strings.HasPrefix(w, prefix) {
			return true
		}
	}
	return false
}

// davonDepth counts the "davon" and "darunter" of a header that starts with one: "Davon gewährt" is 1.
func davonDepth(words []string) int {
	if len(words) == 0 || (words[0] != "davon" && words[0] != "darunter" && words[0] != "dav") {
		return 0
	}
	n := 0
	for _, w := range words {
		if w == "davon" || w == "darunter" || w == "dav" {
			n++
		}
	}
	return n
}

// identifierHeader reports whether a short header names identifiers or dates ("Jahr", "lfd. Nr."),
// whose figures are not summed.
func identifierHeader(words []string) bool {
	if len(words) == 0 || len(words) > 2 {
		return false
	}
	switch w := words[0]; w {
	case "jahr", "jahre", "nr", "nummer", "lfd", "datum", "plz", "postleitzahl", "kennziffer", "kennzahl",
		"aktenzeichen", "az", "stichtag", "zeitraum", "monat", "epl", "kap", "kapitel", "titel":
		return true
	default:
		return len(words) == 1 && strings.HasSuffix(w, "jahr")
	}
}

// averageHeader reports whether a header names rates or averages, which a total does not add.
func averageHeader(words []string) bool {
	for _, w := range words {
		switch {
		case w == "ø" || w == "⌀" || w == "je" || w == "pro" || w == "median":
			return true
		case strings.HasSuffix(w, "quote") || strings.HasSuffix(w, "rate") || strings.HasPrefix(w, "durchschnitt") ||
			strings.HasPrefix(w, "mittel") || strings.HasPrefix(w, "veränderung") || strings.HasPrefix(w, "differenz"):
			return true
		}
	}
	return false
}

// roundedUnit reports whether a unit or header prints whole numbers rounded to thousands or millions.
func roundedUnit(s string) bool {
	for _, u := range []string{"tsd", "tausend", "mio", "million", "mrd", "milliard", "t€", "teur"} {
		if strings.Contains(s, u) {
			return true
		}
	}
	return false
}

// codeDigits reports whether s is a non-empty string of ASCII digits.
func codeDigits(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return s != ""
}

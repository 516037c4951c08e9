package transform

import (
	"math"
	"slices"
	"strings"

	drucksache "drucksache"
)

// Kinds of cross-check, as written to Check.Kind.
const (
	CheckTotalRow    = "total_row"    // a total row against the detail rows it closes
	CheckSubtotalRow = "subtotal_row" // a subtotal (a parent code, a "Summe" inside a larger total) against its parts
	CheckTotalColumn = "total_column" // a total column against the other figures of its row
	CheckDavon       = "davon"        // a "davon" figure, which must not exceed its total
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

// Evidence reports, for every row of t, how many sums that count it as a total or as a part pass
// and how many fail, in one pass over the table. The cells are typed from their raw text on a
// copy; t is not changed. A total column counts as passed for a row where some reading of its
// header adds the row up without failing another row (with or without the amounts per case beside
// it), and as failed where none does; a "davon" figure can only fail. A reading of a row that some
// sum proves and none refutes has passed > 0 and failed == 0.
func Evidence(t drucksache.Table) (passed, failed []int) {
	t.Rows = slices.Clone(t.Rows)
	for i, row := range t.Rows {
		t.Rows[i] = slices.Clone(row)
	}
	typeRows(t.Rows, placedRows(t.Header, t.Rows))
	c := newChecker(&t)
	passed, failed = make([]int, len(t.Rows)), make([]int, len(t.Rows))
	covered := make([]bool, len(t.Rows))
	groups := append(c.codeGroups(covered), c.totalGroups(covered)...)
	var checks []drucksache.Check
	for _, g := range groups {
		checks = append(checks, c.checkRowGroup(g)...)
	}
	checks = append(checks, c.checkDavonColumns()...)
	checks = append(checks, c.checkDavonRows()...)
	for _, k := range checks {
		if k.Passed == nil {
			continue
		}
		rows := append([]int{k.Target}, k.Rows...)
		slices.Sort(rows)
		for _, r := range slices.Compact(rows) {
			switch {
			case r < 0 || r >= len(t.Rows):
			case !*k.Passed:
				failed[r]++
			case k.Kind != CheckDavon:
				passed[r]++
			}
		}
	}
	for col := range c.ncol {
		if !c.figures[col] || c.percent[col] || c.averaged[col] || columnKeyword(leafHeader(c.header[col])) == "" {
			continue
		}
		for r, v := range c.totalColumnVerdicts(col) {
			switch v {
			case 1:
				passed[r]++
			case -1:
				failed[r]++
			}
		}
	}
	return passed, failed
}

// totalColumnVerdicts says for each row whether the total column col adds it up: 1 under a
// reading of the columns it adds (with or without the amounts per case) that fails no other row,
// -1 under none, 0 where the column says nothing of the row.
func (c *checker) totalColumnVerdicts(col int) []int {
	verdicts := make([]int, len(c.t.Rows))
	var readings [2]map[int]bool // per reading of the columns: each row checked, and whether it passed
	fails := [2]int{}            // per reading: how many rows fail
	for i, perCase := range []bool{false, true} {
		readings[i] = map[int]bool{}
		for _, k := range c.totalColumn(col, perCase) {
			if k.Passed == nil {
				continue
			}
			readings[i][k.Target] = *k.Passed
			if !*k.Passed {
				fails[i]++
			}
		}
	}
	for r := range verdicts {
		for i := range readings {
			ok, checked := readings[i][r]
			switch {
			case !checked:
			case ok && fails[i] == 0:
				verdicts[r] = 1
			case !ok && verdicts[r] == 0:
				verdicts[r] = -1
			}
		}
	}
	return verdicts
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
	paths      bool     // the header gives each column the path of its levels ("2023 / Insgesamt"): its rows are not read again
	figures    []bool   // per column: the column holds figures
	percent    []bool   // per column: the figures are percentages
	averaged   []bool   // per column: the figures are rates or averages, which do not add up
	perUnit    []bool   // per column: amounts per case or person ("je Fall"), which add up to a total per case
	rounded    []bool   // per column: whole numbers are rounded (thousands, millions)
	davonDepth []int    // per column: how many "davon" the header says
	label      []string // per row: the code and text cells as printed
	class      []string // per row: the total keyword of its label, or ""
	davonRow   []bool   // per row: its label starts with "davon"
	hasFigures []bool   // per row: a figure or a statistics sign in a figure column
	placed     []bool   // per row: its cells stand under the header's columns (see readPlaced)
}

// newChecker reads the shape of t; it keeps a pointer but never writes through it.
func newChecker(t *drucksache.Table) *checker {
	c := &checker{t: t, ncol: len(t.Header)}
	for _, row := range t.Rows {
		c.ncol = max(c.ncol, len(row))
	}
	c.readPlaced()
	c.readColumns()
	c.readRows()
	return c
}

// readPlaced marks the rows whose cells stand under the header's columns: every row of a table
// without a header, and otherwise each row that prints nothing right of the last column headed.
// A row printed wider (the figures of a dumped row that fit the columns in more than one way, kept
// as printed) takes part in no check, and a total that counts it cannot be decided.
func (c *checker) readPlaced() {
	c.placed = placedRows(c.t.Header, c.t.Rows)
	if c.placed == nil {
		c.placed = make([]bool, len(c.t.Rows))
		for r := range c.placed {
			c.placed[r] = true
		}
	}
}

// placedRows marks the rows whose cells stand under the columns of header: each row that prints
// nothing right of the last column headed; nil where the header names no column, so that every
// row counts as placed.
func placedRows(header []string, rows [][]drucksache.Cell) []bool {
	width := 0
	for col, h := range header {
		if strings.TrimSpace(h) != "" {
			width = col + 1
		}
	}
	if width == 0 {
		return nil
	}
	placed := make([]bool, len(rows))
	for r, row := range rows {
		placed[r] = true
		for col := width; col < len(row); col++ {
			if strings.TrimSpace(row[col].Raw) != "" {
				placed[r] = false
			}
		}
	}
	return placed
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
	c.paths = levelPaths(c.t)
	c.header = make([]string, n)
	c.figures = make([]bool, n)
	c.percent = make([]bool, n)
	c.averaged = make([]bool, n)
	c.perUnit = make([]bool, n)
	c.rounded = make([]bool, n)
	c.davonDepth = make([]int, n)
	unit := ""
	if c.t.Unit != nil {
		unit = *c.t.Unit
	}
	for col := range n {
		var parts []string // the header rows top to bottom, then the header where it says more
		if !c.paths {
			for _, hr := range c.t.HeaderRows {
				if len(hr) < 2 {
					continue // a line of a header stacked one cell a line, not a row of the header band
				}
				if col < len(hr) && !slices.Contains(parts, hr[col]) {
					parts = append(parts, hr[col])
				}
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
			if !c.placed[r] {
				continue
			}
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
		colUnit := ""
		if col < len(c.t.ColumnUnits) && c.t.ColumnUnits[col] != nil {
			colUnit = *c.t.ColumnUnits[col]
		}
		c.figures[col] = numbers > 0 && numbers >= others && !identifierHeader(words) &&
			(columnKeyword(leafHeader(c.header[col])) != "" || !c.yearColumn(col))
		c.percent[col] = strings.Contains(h, "%") || strings.Contains(h, "prozent") || anyWordStarts(words, "anteil") ||
			(numbers > 0 && 2*percents > numbers) || colUnit == "%"
		c.averaged[col] = averageHeader(words) || c.signedColumn(col)
		c.perUnit[col] = perUnitHeader(words) && !c.signedColumn(col)
		c.rounded[col] = roundedUnit(strings.ToLower(unit)) || roundedUnit(h) || roundedUnit(strings.ToLower(colUnit))
		c.davonDepth[col] = davonDepth(labelWords(strings.ToLower(leafHeader(c.header[col])))) + c.davonSpan(col)
	}
}

// signedColumn reports a column of changes: its figures are printed with their sign, a plus
// among them ("+15,5", "-4,2"), whatever its header says. Changes do not add up to a total.
func (c *checker) signedColumn(col int) bool {
	numbers, signed, plus := 0, 0, 0
	for r := range c.t.Rows {
		if !c.placed[r] {
			continue
		}
		cl := c.cell(r, col)
		if cl.Kind != drucksache.CellNumber {
			continue
		}
		numbers++
		raw := strings.TrimSpace(cl.Raw)
		switch {
		case strings.HasPrefix(raw, "+") || strings.HasPrefix(raw, "±"):
			signed++
			plus++
		case strings.HasPrefix(raw, "-") || strings.HasPrefix(raw, "–") || strings.HasPrefix(raw, "−"):
			signed++
		}
	}
	return plus > 0 && 2*signed > numbers
}

// levelPaths reports a header whose rows are the levels of a header of several levels, each column
// headed by the path of its levels joined by " / " (as extract gives a table whose reader saw the
// levels), rather than lines of a header printed over several rows.
func levelPaths(t *drucksache.Table) bool {
	if len(t.HeaderRows) < 2 {
		return false
	}
	deeper := false
	for col, h := range t.Header {
		var parts []string
		for _, hr := range t.HeaderRows {
			if col < len(hr) {
				if v := strings.TrimSpace(hr[col]); v != "" && (len(parts) == 0 || parts[len(parts)-1] != v) {
					parts = append(parts, v)
				}
			}
		}
		if strings.Join(parts, " / ") != h {
			return false
		}
		deeper = deeper || len(parts) > 1
	}
	return deeper
}

// leafHeader is the lowest level of a header of several levels ("2023 / Gebietskörperschaften /
// Insgesamt" gives "Insgesamt"), the header itself when it has one level.
func leafHeader(h string) string {
	if i := strings.LastIndex(h, " / "); i >= 0 {
		return h[i+3:]
	}
	return h
}

// parentHeader is what a header of several levels says above its lowest level, "" for one level.
func parentHeader(h string) string {
	if i := strings.LastIndex(h, " / "); i >= 0 {
		return h[:i]
	}
	return ""
}

// davonSpan returns 1 when a "davon" printed in a header row over columns to the left spans column col
// as well (an empty header cell right of it), else 0.
func (c *checker) davonSpan(col int) int {
	if c.paths {
		return 0 // the levels are read: a "davon" over several columns is in each one's path
	}
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

// yearColumn reports whether the figures of column col are whole years at one step, as in a column "Jahr"
// whose header was not printed: they are labels, not figures to add. A column headed as a total
// ("Summe" over 1 998 and 1 948) is never asked: it holds figures whatever they are.
func (c *checker) yearColumn(col int) bool {
	var years []float64
	for r := range c.t.Rows {
		if !c.placed[r] {
			continue
		}
		cl := c.cell(r, col)
		if cl.Kind != drucksache.CellNumber {
			continue
		}
		v, ok := cl.Number()
		if !ok || v != math.Trunc(v) || v < 1900 || v > 2100 || strings.ContainsAny(cl.Raw, ".,") {
			return false
		}
		years = append(years, v)
	}
	if len(years) < 2 {
		return false
	}
	// Years follow each other at one step, a year or a few ("2019 2020 2021", "2015 2018 2021");
	// costs that happen to lie between 1900 and 2100 do not ("1 940", "2 086").
	step := years[1] - years[0]
	for i := 1; i < len(years); i++ {
		if d := years[i] - years[i-1]; d != step || d == 0 || math.Abs(d) > maxYearStep {
			return false
		}
	}
	return true
}

// maxYearStep is the widest step between the years of a column of years.
const maxYearStep = 5

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

// Sums is the arithmetic the parser weighs the readings of a dumped table by (layout.Sums):
// Evidence and TotalLabel of this package, passed to extract with its options.
type Sums struct{}

// Evidence is transform.Evidence.
func (Sums) Evidence(t drucksache.Table) (passed, failed []int) { return Evidence(t) }

// TotalLabel is transform.TotalLabel.
func (Sums) TotalLabel(label string) bool { return TotalLabel(label) }

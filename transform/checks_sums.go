package transform

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"

	drucksache "drucksache"
)

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
	code, verb := drucksache.WarnCheckFailed, "does not add up"
	if r.Kind == CheckDavon {
		verb = "exceeds its total"
	}
	if r.Passed == nil {
		code, verb = drucksache.WarnCheckUndecided, "could not be checked"
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
	want, isFigure := total.Number()
	if !isFigure {
		if !slices.ContainsFunc(parts, func(p drucksache.Cell) bool { _, ok := p.Number(); return ok }) {
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
		v, ok := p.Number()
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
	want, okT := total.Number()
	got, okP := part.Number()
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

// printedDecimals returns the decimals a cell was printed with, as typing decided them (Cell.Decimals).
func printedDecimals(c drucksache.Cell) int {
	return min(max(c.Decimals, 0), 12)
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

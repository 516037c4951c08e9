package dumped

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"drucksache/extract/layout"
	"drucksache/extract/structure/internal/prose"
)

// A stacked header may print a code on a line of its own below a cell's word: "Schuljahr" / "Q1",
// "Anzahl SuS" / "in SJG 12", "Schuljahr" / "E-Phase". headerCells takes every such line for a
// cell of its own and then finds more cells than columns; codedHeader weighs both roles of each
// code line and keeps the one reading whose cells fit the columns and the figures below them.

// maxCodeLines is how many code lines of a stacked header codedHeader weighs (2^maxCodeLines readings).
const maxCodeLines = 10

// codedHeader returns how many lines at the end of prose are the stacked header of a table whose
// rows (label first) it heads, and its cells, reading each line that starts with a code either as
// a cell of its own or as the end of the cell above; a line that starts with a word starts a
// cell and a line that continues one (see continuesCell) never does. A reading must give one
// cell per column, a cell naming years ("Schuljahr …") exactly over the columns of years and
// a cell naming a share ("in %", "Anteil") over every column of percentages; 0 and nil unless
// exactly one reading does. A line that names the table and prints the blanks of its empty cells
// ("Gesamtschulen         ") may stand above the header: it is returned as the title, its line
// not counted.
func codedHeader(prose []layout.Line, open bool, rows [][]string, full int) (int, []string, string) {
	if len(rows) == 0 {
		return 0, nil, ""
	}
	k := stackStart(prose, full)
	if !ledInto(prose, k, open) {
		return 0, nil, ""
	}
	title := ""
	if k < len(prose)-1 && groupRow(prose[k], len(rows[0])) {
		title = strings.TrimSpace(prose[k].Text)
		k++
	}
	head := prose[k:]
	if len(head) < 2 {
		return 0, nil, ""
	}
	lines := make([]string, len(head))
	for i, h := range head {
		lines[i] = strings.TrimSpace(h.Text)
	}
	if header := onlyReading(lines, rows); header != nil {
		return len(head), header, title
	}
	return 0, nil, ""
}

// onlyReading returns the cells of the one reading of the header lines that fits the columns of
// rows (see codedHeader), nil where none or several do or the lines hold too many codes.
func onlyReading(lines []string, rows [][]string) []string {
	codes := 0
	narrow := true
	for _, l := range lines[1:] {
		if codeWord(firstWord(l)) {
			codes++
		}
		if utf8.RuneCountInString(l) > narrowCell {
			narrow = false
		}
	}
	if codes == 0 || codes > maxCodeLines {
		return nil
	}
	// The label column's header may share the first line with the next cell ("Jahr Anzahl der"),
	// or the line may be one cell ("Schuljahr Q2"): both are weighed.
	firsts := [][]string{{lines[0]}}
	if label, split := splitLabel(lines[0]); split {
		firsts = append(firsts, []string{label, strings.TrimSpace(strings.TrimPrefix(lines[0], label))})
	}
	var found []string
	for _, first := range firsts {
		for mask := 0; mask < 1<<codes; mask++ {
			cells, ok := codedCells(first, lines[1:], mask, narrow, len(rows[0]))
			if !ok || !cellsFitColumns(cells, rows) {
				continue
			}
			if found != nil && !slices.Equal(found, cells) {
				return nil // two readings fit: the header stays unread
			}
			found = cells
		}
	}
	return found
}

// codedCells joins the header lines below the cells of the first line into cells, each line
// that starts with a code starting a cell where its bit in mask is set; it reports whether they
// are width cells, the last finished.
func codedCells(first, lines []string, mask int, narrow bool, width int) ([]string, bool) {
	cells := slices.Clone(first)
	bit := 0
	for _, l := range lines {
		last := cells[len(cells)-1]
		join := continuesCell(last, l, narrow)
		if code := codeWord(firstWord(l)); code {
			join = join || mask&(1<<bit) == 0
			bit++
		}
		if join {
			cells[len(cells)-1] = prose.JoinLine(last, l)
			continue
		}
		if len(cells) == width {
			return nil, false
		}
		cells = append(cells, l)
	}
	return cells, len(cells) == width && !continuesCell(cells[len(cells)-1], "", true)
}

// cellsFitColumns reports header cells that agree with the figures of rows below them: a cell
// that starts with a word naming years heads exactly the columns of (school) years, and a column
// of percentages has a cell that names a share.
func cellsFitColumns(cells []string, rows [][]string) bool {
	for c, cell := range cells {
		if yearWords[firstWord(cell)] != yearColumn(rows, c) {
			return false
		}
		if percentColumn(rows, c) && !namesShare(cell) {
			return false
		}
	}
	return true
}

// yearColumn reports a column whose every filled cell is a year or a school year.
func yearColumn(rows [][]string, c int) bool {
	return everyFilled(rows, c, func(s string) bool { return isYear(s) || schoolYear(s) })
}

// percentColumn reports a column whose every filled cell is a figure with a percent sign.
func percentColumn(rows [][]string, c int) bool {
	return everyFilled(rows, c, func(s string) bool { return strings.HasSuffix(s, "%") && valueToken(s) })
}

// everyFilled reports a column with at least one filled cell, each of which satisfies ok; a
// statistics sign ("~", "-") stands for no figure and is left out.
func everyFilled(rows [][]string, c int, ok func(string) bool) bool {
	filled := 0
	for _, r := range rows {
		if c >= len(r) {
			continue
		}
		s := strings.TrimSpace(r[c])
		if strings.Trim(s, "~-–x.…/") == "" {
			continue
		}
		if !ok(s) {
			return false
		}
		filled++
	}
	return filled > 0
}

// namesShare reports a header cell that names a share: in percent, or its words say so.
func namesShare(cell string) bool {
	l := strings.ToLower(cell)
	return strings.Contains(l, "%") || strings.Contains(l, "prozent") || strings.Contains(l, "anteil") || strings.Contains(l, "quote")
}

// codeWord reports a word that is a code, not a word of the language: it has a digit, or a
// capital after its first letter ("Q1", "SJG", "SuS", "E-Phase").
func codeWord(w string) bool {
	for i, r := range w {
		if unicode.IsDigit(r) || i > 0 && unicode.IsUpper(r) {
			return true
		}
	}
	return false
}

// firstWord is the first word of s.
func firstWord(s string) string {
	f, _, _ := strings.Cut(strings.TrimSpace(s), " ")
	return f
}

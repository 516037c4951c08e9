package dumped

import (
	"slices"
	"strings"
	"unicode/utf8"

	"drucksache/extract/layout"
	"drucksache/extract/structure/internal/prose"
)

// Rows of a dumped table that dataRow alone does not read: a label longer than a usual row label,
// a label wrapped over several lines with its figures on a line of their own, a header of years
// repeated above each part of a table ("Oldenburg 2023 2024 2025"), and a group label wrapped
// above a line of blanks. They are only read inside a table already begun (a group label also
// after a first row of three figures or more), where the rows above say how many figures a row has.

// maxLabelLines is how many printed lines a wrapped row label may take.
const maxLabelLines = 5

// maxWideLabel is the longest row label, in runes, read on a line with a full row of figures.
const maxWideLabel = 100

// begun reports a table that is clearly one by the time a row of this file is read: two rows, or
// a first row of years, and rows of up to width figures, at least two. Header lines above the
// rows are no such sign: in dumped text, the end of a wrapped label reads as a header too.
func begun(rows []row, width int) bool {
	ok := len(rows) > 1 || len(rows) == 1 && yearsCountingUp(rows[0].vals)
	return ok && width > 1
}

// rowWidth is the most figures any row has.
func rowWidth(rows []row) int {
	width := 0
	for _, r := range rows {
		width = max(width, len(r.vals))
	}
	return width
}

// wideRow reads a line whose label is too long for dataRow ("35 - Fehler beim Abbiegen (§ 9) nach
// links (ausgen. Pos. 33,40) 164 145 150") as a row of a table of width figures: only when it ends
// in exactly that many (at least three, which running text hardly does) and its label is no sentence.
func wideRow(l layout.Line, width int) (string, []string, bool) {
	if width < 3 {
		return "", nil, false
	}
	label, vals := splitValues(l)
	n := utf8.RuneCountInString(label)
	if len(vals) != width || n == 0 || n > maxWideLabel || prose.EndsSentence(label) || prose.IsListItem(label) {
		return "", nil, false
	}
	return label, vals, true
}

// repeatsYears reports figures that repeat the years of the table's first row, its header
// ("Wilhelmshaven 2023 2024 2025"): the header again after a page break, or a sub-header.
func repeatsYears(rows []row, vals []string) bool {
	return len(rows) > 0 && yearsCountingUp(rows[0].vals) && slices.Equal(rows[0].vals, vals)
}

// wrappedRow reads a row whose label is wrapped over up to maxLabelLines lines (maxNarrowLabelLines
// in a narrow column), with its figures
// (at most width of them) on the line below ("28 - Nichtbeachten … (§ 8)" / "(ausgenommen
// Schlüssel 29)" / "138 129 112"). It returns the joined label, the figures and the number of
// lines read, or 0 when the lines are not such a row; a blank line, a sentence, or figures
// starting with a year (a table of its own below) all end the attempt.
func wrappedRow(lines []layout.Line, full, width int) (string, []string, int) {
	if width == 0 {
		return "", nil, 0
	}
	var label []string
	narrow, split := true, false // every label line so far narrow; one of them a word split at a hyphen
	for k, l := range lines {
		if l.Break || k > maxLabelLines && !(narrow && split && k <= maxNarrowLabelLines) {
			break
		}
		if k > 0 {
			if vals, ok := figuresOnly(l, width); ok {
				return strings.Join(label, " "), vals, k + 1
			}
		}
		if !labelLine(l, full, label) {
			break
		}
		t := strings.TrimSpace(l.Text)
		narrow = narrow && utf8.RuneCountInString(t) <= narrowCell
		split = split || strings.HasSuffix(t, "-")
		label = joinPending(label, l)
	}
	return "", nil, 0
}

// maxNarrowLabelLines is how many printed lines a row label may take in a narrow column, each of
// no more than narrowCell runes and one at least a word split at a hyphen, the marks of a column
// too narrow for more than a word or two ("Eingänge" / "Verfahren" / "zur Ge-" / "währung" / …).
const maxNarrowLabelLines = 2 * maxLabelLines

// wrappedCells reads a row of a table of width figures whose label wraps as wrappedRow reads it
// and whose cells wrap too, each a figure on a line of its own and a remark below it ("Summe" /
// "bestätigter" / … / "113 " / "(31,39% aller" / "abschließend" / "geprüften" / "Fälle" / "151"
// / …): exactly width figures, each cell the figure and its remark joined. The last cell ends
// where its bracket closes or at a blank line. It returns the label, the cells and the number of
// lines read, or 0 when the lines are not such a row.
func wrappedCells(lines []layout.Line, full, width int) (string, []string, int) {
	if width < 2 {
		return "", nil, 0
	}
	var label []string
	k := 0
	for ; k < len(lines) && k < maxLabelLines; k++ {
		if k > 0 && lines[k].Break {
			return "", nil, 0
		}
		if loneFigure(lines[k]) {
			break
		}
		if !labelLine(lines[k], full, label) {
			return "", nil, 0
		}
		label = joinPending(label, lines[k])
	}
	if len(label) == 0 {
		return "", nil, 0
	}
	var cells [][]string
	for ; k < len(lines) && !lines[k].Break; k++ {
		l := lines[k]
		if loneFigure(l) {
			if len(cells) == width || len(cells) > 0 && len(cells[len(cells)-1]) == 1 {
				return "", nil, 0 // more figures than columns, or a figure without its remark
			}
			cells = append(cells, []string{strings.TrimSpace(l.Text)})
			continue
		}
		c := len(cells) - 1
		if c < 0 || len(cells[c]) > maxLabelLines || !labelLine(l, full, nil) {
			return "", nil, 0
		}
		cells[c] = joinPending(cells[c], l)
		if len(cells) == width && closed(cells[c]) {
			k++
			break
		}
	}
	if len(cells) != width || len(cells[width-1]) == 1 || k < len(lines) && !lines[k].Break && !closed(cells[width-1]) {
		return "", nil, 0
	}
	vals := make([]string, width)
	for c, cell := range cells {
		vals[c] = strings.Join(cell, " ")
	}
	return strings.Join(label, " "), vals, k
}

// loneFigure reports a line that is one figure, no year, and nothing else ("113 ").
func loneFigure(l layout.Line) bool {
	label, vals := splitValues(l)
	return label == "" && len(vals) == 1 && !isYear(vals[0]) && strings.Trim(vals[0], "-–x.…/") != ""
}

// closed reports a remark that is complete: it ends with a bracket and leaves none open, whether
// its last line closes a bracket opened lines above ("(30,77% aller" / … / "Fälle)") or the
// remark opens and closes on one line ("(12,5%)"), which closesBracket, asking only for the
// first, refuses.
func closed(cell []string) bool {
	s := strings.Join(cell, " ")
	return strings.HasSuffix(strings.TrimSpace(s), ")") && openBrackets(s) <= 0
}

// figuresOnly reads a line of figures without a label, at most width of them, the first no year.
// A line with fewer figures must keep a blank for each empty cell, as dumps do ("4    "): figures
// without them are the cells of one column wrapped with their text ("113 " / "(31,39% aller").
func figuresOnly(l layout.Line, width int) ([]string, bool) {
	label, vals := splitValues(l)
	if label != "" || len(vals) == 0 || len(vals) > width || isYear(vals[0]) {
		return nil, false
	}
	if blanks(l.Text) < width-len(vals) {
		return nil, false
	}
	if len(vals) == 1 && strings.Trim(vals[0], "-–x.…/") == "" {
		return nil, false
	}
	return vals, true
}

// blanks counts the spaces of a line beyond one between each two words.
func blanks(s string) int {
	f := strings.Fields(s)
	return strings.Count(s, " ") - max(len(f)-1, 0)
}

// labelLine reports a line that can be part of a wrapped row label after the lines of label so
// far: short and no sentence, or the end of a remark in brackets that the label opened
// ("… „toter Winkel“" / "stehen.)“").
func labelLine(l layout.Line, full int, label []string) bool {
	t := strings.TrimSpace(l.Text)
	if t == "" || l.Cells != nil || prose.IsListItem(t) || strings.HasPrefix(t, "Tabelle") {
		return false
	}
	if _, _, ok := dataRow(l, full); ok {
		return false
	}
	limit := -1 // a line as long as a header line may be, in a document of known width
	if full > 0 {
		limit = full * 8 / 10
	}
	return headerish(l, full) || closesBracket(strings.Join(label, " "), l.Text, limit)
}

// closesBracket reports whether line, of at most limit runes (any length when limit is
// negative), ends with a bracket that closes one the text before it left open, perhaps followed
// by closing quotes, and opens none itself: the end of a remark in brackets that a wrapped label
// or cell began ("Lüneburg (ohne" / "Zw.St.)", "… „toter Winkel“" / "stehen.)“").
func closesBracket(before, line string, limit int) bool {
	t := strings.TrimSpace(line)
	if openBrackets(before) <= 0 || strings.Contains(t, "(") {
		return false
	}
	if limit >= 0 && utf8.RuneCountInString(t) > limit {
		return false
	}
	return strings.HasSuffix(strings.TrimRight(t, "“”\"'’ "), ")")
}

// openBrackets is how many more brackets s opens than it closes.
func openBrackets(s string) int {
	return strings.Count(s, "(") - strings.Count(s, ")")
}

// maxGroupLines is how many printed lines a group label wrapped above a line of blanks may take.
const maxGroupLines = 3

// groupLabel reads a group label of a table of width figures: up to maxGroupLines label lines
// followed by a line of blanks, one at least for each empty cell, which the dump prints for the
// cells the label leaves empty ("Verwaltungsge-" / "richtsbarkeit" / "            "), and then a
// row within three lines. It returns the joined label and the number of lines read, or 0.
func groupLabel(lines []layout.Line, full, width int) (string, int) {
	var label []string
	for k, l := range lines {
		if k > 0 && l.PadAbove >= width {
			if !followedByRow(lines[k-1:], full) {
				return "", 0
			}
			return strings.Join(label, " "), k
		}
		if k >= maxGroupLines || k > 0 && l.Break || !labelLine(l, full, nil) {
			return "", 0
		}
		label = joinPending(label, l)
	}
	return "", 0
}

// maxRepeatGap is how many lines further on a dump may print a table's header again: a page
// and more of rows.
const maxRepeatGap = 200

// repeatedHeader reports a header line of one line, above the rows of a table, that the dump
// prints again above rows further on, as it does on each page of a long table or above each
// part ("Gericht Unbesetzte Stellen(anteile)"). The repetition marks it as a header even when it
// is longer than headerish allows, as in a document whose lines are mostly short table rows.
func repeatedHeader(lines []layout.Line, j, full int) bool {
	if j+1 >= len(lines) || !headerLine(lines[j]) {
		return false
	}
	if _, _, ok := dataRow(lines[j+1], full); !ok {
		return false
	}
	for k := j + 2; k+1 < len(lines) && k <= j+maxRepeatGap; k++ {
		if repeatsHeader(lines[k:], lines[j:j+1]) == 0 {
			continue
		}
		if _, _, ok := dataRow(lines[k+1], full); ok {
			return true
		}
	}
	return false
}

// headerLine reports a line that could be a header of one line: no sentence, no list item,
// no figure at its end, and no longer than a row label.
func headerLine(l layout.Line) bool {
	t := strings.TrimSpace(l.Text)
	if t == "" || l.Cells != nil || prose.IsListItem(t) || EndsInValue(l) || utf8.RuneCountInString(t) > 60 {
		return false
	}
	return !prose.EndsSentence(t)
}

// HeaderStack returns how many lines at the start of lines are a header printed as a stack of
// narrow cells, some of which end in a number ("Anzahl SuS" / "in SJG 12" / "Schuljahr" / …),
// right above a row of at least three figures; 0 when they are none. dataRow reads a line like
// "in SJG 12" as a row of one figure; in such a stack it is a header line, and a table must
// neither start nor go on there. The last line of the stack may end in a number too when the
// numbers are years counting up, one for each figure of the row ("Anzahl im" / "HJ 2023" / … /
// "HJ 2025" above "Aurich 4 1 0").
func HeaderStack(lines []layout.Line, full int) int {
	numbered, words := 0, 0
	var nums []string
	last := false // the line above ends in a number
	for k, l := range lines {
		if k >= maxStackedLines || l.Role != layout.RoleBody {
			return 0
		}
		label, vals, ok := dataRow(l, full)
		switch {
		case ok && len(vals) >= 3:
			if numbered == 0 || words < 2 || last && !(yearsCountingUp(nums) && len(nums) == len(vals)) {
				return 0
			}
			return k
		case ok && len(vals) == 1 && headerNumber(label, vals[0]) && k+1 < len(lines) && (figures(lines[k+1], full) == 0 || figures(lines[k+1], full) >= 3):
			numbered++
			nums = append(nums, vals[0])
			last = true
		case !ok && headerish(l, full) && utf8.RuneCountInString(strings.TrimSpace(l.Text)) <= maxStackCell:
			words++
			last = false
		default:
			return 0
		}
	}
	return 0
}

// figures is the number of figures of a row, or 0 for a line that is none.
func figures(l layout.Line, full int) int {
	_, vals, _ := dataRow(l, full)
	return len(vals)
}

// maxStackCell is the longest line, in runes, of a header stacked over many lines.
const maxStackCell = 30

// headerNumber reports a line of a stacked header ending in a number: a short label and a plain
// whole number such as a school grade or a year ("in SJG 12"), no measured figure ("1,00", "12 %").
func headerNumber(label, val string) bool {
	return utf8.RuneCountInString(label) <= narrowCell && digitsOnly(val)
}

// decimalRows is, for a table of two rows or more of one figure each whose last figure has a
// decimal comma ("0,40"), the number of its decimals; 0 for any other table.
func decimalRows(rows []row, width int) int {
	if width != 1 || len(rows) < 2 || len(rows[len(rows)-1].vals) != 1 {
		return 0
	}
	return max(decimals(rows[len(rows)-1].vals[0]), 0)
}

// decimals is the number of digits after the decimal comma of a figure ("0,40": 2), or -1.
func decimals(v string) int {
	i := strings.IndexByte(v, ',')
	if i < 0 || !digitsOnly(v[i+1:]) || !valueToken(v) {
		return -1
	}
	return len(v) - i - 1
}

// longDecimalRow reads a line too long for a row of one figure in a narrow document (dataRow
// takes such a line for running text ending in a number) as a row of a table of one figure a
// row when its figure has as many decimals as the row above ("R 2 Ri/-in ArbG als stV DirArbG
// 0,40" below "ArbG Braunschweig 1,35"): running text hardly ends in such a figure.
func longDecimalRow(l layout.Line, rows []row, width int) (string, []string, bool) {
	d := decimalRows(rows, width)
	if d == 0 || !EndsInValue(l) {
		return "", nil, false
	}
	label, vals, ok := dataRow(l, 0)
	if !ok || len(vals) != 1 || decimals(vals[0]) != d || prose.IsListItem(label) {
		return "", nil, false
	}
	return label, vals, true
}

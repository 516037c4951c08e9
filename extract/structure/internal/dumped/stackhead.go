package dumped

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"drucksache/extract/layout"
	"drucksache/extract/structure/internal/prose"
)

// Some PDFs print a table header as narrow cells, each wrapped over several lines, and the dump
// gives the cells one after the other, the first line often holding the label column's header and
// the start of the next cell ("Jahr Anzahl der" / "Fachsprach-" / "prüfungen" / "Anzahl der" / …).
// Such a header is longer than Read reads; stackedHeader reads it back into one cell per
// column where the wrapping leaves no doubt, and gives up otherwise.

// maxStackedLines is how many printed lines a stacked header may take (one word a line, eight columns).
const maxStackedLines = 32

// narrowCell is the widest line, in runes, of a header printed about one word a line.
const narrowCell = 12

// connectors are words that join the words around them into one header cell ("Anzahl der …", "… in %").
var connectors = map[string]bool{
	"und": true, "oder": true, "sowie": true, "bzw.": true, "u.": true,
	"der": true, "die": true, "das": true, "des": true, "den": true, "dem": true,
	"ein": true, "eine": true, "einer": true, "eines": true,
	"in": true, "im": true, "an": true, "am": true, "auf": true, "aus": true, "bei": true,
	"bis": true, "durch": true, "für": true, "gegen": true, "mit": true, "nach": true,
	"ohne": true, "pro": true, "je": true, "seit": true, "von": true, "vom": true, "vor": true,
	"zu": true, "zum": true, "zur": true, "über": true, "unter": true, "als": true,
	"gem.": true, "gemäß": true, "inkl.": true,
}

// stackedHeader returns how many lines at the end of prose are the header of the table printed
// right below them, and its cells, one per column of width columns; 0 and nil when the lines are
// not recognisably such a header. open says that prose begins the answer or follows a table, so
// that no sentence above the header has to end before it.
func stackedHeader(prose []layout.Line, open bool, width, full int) (int, []string) {
	k := stackStart(prose, full)
	n := len(prose) - k
	if n < 2 || !ledInto(prose, k, open) {
		return 0, nil
	}
	head := prose[k:]
	cells := headerCells(head)
	if continuesCell(cells[len(cells)-1], "", true) {
		return 0, nil // the last cell is not finished: no header, or not all of it
	}
	label, split := splitLabel(strings.TrimSpace(head[0].Text))
	switch {
	case len(cells) == width && !split:
		return n, cells
	case len(cells) == width-1 && split:
		cells[0] = strings.TrimSpace(strings.TrimPrefix(cells[0], label))
		return n, append([]string{label}, cells...)
	case len(cells) == width && split && yearSpan(strings.TrimPrefix(cells[0], label), cells[1:]):
		return n, append([]string{label}, cells[1:]...)
	}
	return 0, nil
}

// ledInto reports that a stacked header may start at prose[k]: a sentence ends above it, or it
// starts prose that is open (begins the answer or follows a table).
func ledInto(prose []layout.Line, k int, open bool) bool {
	return k == 0 && open || k > 0 && endsLead(prose[k-1].Text)
}

// stackCells are the cells of the stacked header that ends prose, as headerCells joins them, and
// how many lines the last of them takes; nil where prose ends in no such header.
func stackCells(prose []layout.Line, full int) ([]string, int) {
	k := stackStart(prose, full)
	if len(prose)-k < 2 {
		return nil, 0
	}
	head := prose[k:]
	cells := headerCells(head)
	last := 1
	for last < len(head) && len(headerCells(head[:len(head)-last])) == len(cells) {
		last++
	}
	return cells, last
}

// yearSpan reports a header cell that only names the years ("Haushaltsjahr (HJ)") beside the
// label column's header ("rGB"), over cells that each hold one of those years, in order ("Anzahl
// im HJ 2023", "Anzahl im HJ 2024"): it spans those cells, which head the value columns, as a
// line of years does in yearLineHeader; it stays in the header rows.
func yearSpan(span string, cells []string) bool {
	f := strings.Fields(span)
	if len(f) == 0 || len(f) > 2 || !yearWords[f[0]] || len(f) == 2 && !(strings.HasPrefix(f[1], "(") && strings.HasSuffix(f[1], ")")) {
		return false
	}
	var years []string
	for _, c := range cells {
		words := strings.Fields(c)
		if yearCount(words) != 1 {
			return false
		}
		for _, w := range words {
			if isYear(w) || schoolYear(w) {
				years = append(years, w)
			}
		}
	}
	return yearsInOrder(years)
}

// stackStart is the index of the first line of the run of short header lines that ends prose.
func stackStart(prose []layout.Line, full int) int {
	limit := 50
	if full > 0 {
		limit = full / 2
	}
	k := len(prose)
	for k > 0 && len(prose)-k < maxStackedLines {
		l := prose[k-1]
		if l.Role != layout.RoleBody || !(headerish(l, full) || shortened(l.Text)) || utf8.RuneCountInString(strings.TrimSpace(l.Text)) > limit {
			break
		}
		k--
		if l.Break {
			break
		}
	}
	return k
}

// headerCells joins the header lines into cells: a line continues the cell before it unless the
// cell reads complete and the line starts a new one.
func headerCells(head []layout.Line) []string {
	narrow := true
	for _, h := range head[1:] {
		if utf8.RuneCountInString(strings.TrimSpace(h.Text)) > narrowCell {
			narrow = false
		}
	}
	var cells []string
	for k, h := range head {
		t := strings.TrimSpace(h.Text)
		if k > 0 && continuesCell(cells[len(cells)-1], t, narrow) {
			cells[len(cells)-1] = prose.JoinLine(cells[len(cells)-1], t)
			continue
		}
		cells = append(cells, t)
	}
	return cells
}

// continuesCell reports whether the header line next continues the cell cell: the cell ends in a
// hyphen, a slash, a comma, a connector, a lowercase word or the number of an item of an
// enumeration, or next starts with a connector, a bracket or (unless the header is one word a
// line) a lowercase word.
func continuesCell(cell, next string, narrow bool) bool {
	if strings.HasSuffix(cell, "-") || strings.HasSuffix(cell, "/") || strings.HasSuffix(cell, ",") || enumerated(cell) {
		return true
	}
	last := cell[strings.LastIndexAny(cell, " \t")+1:]
	first, _, _ := strings.Cut(next, " ")
	if connectors[last] || connectors[first] || prose.StartsLowercase(last) {
		return true
	}
	if strings.HasPrefix(next, "(") || strings.HasPrefix(next, "%") {
		return true
	}
	return !narrow && prose.StartsLowercase(next)
}

// enumerated reports a cell ending in the number of an item of an enumeration after a comma
// ("1. Laufbahngruppe, 2."): the item's words follow on the next line.
func enumerated(cell string) bool {
	f := strings.Fields(cell)
	if len(f) < 2 || !strings.HasSuffix(f[len(f)-2], ",") {
		return false
	}
	n, ok := strings.CutSuffix(f[len(f)-1], ".")
	return ok && len(n) <= 2 && digitsOnly(n)
}

// splitLabel returns the label column's header at the start of the first header line (a word,
// perhaps with an abbreviation in brackets: "Teilgebiet (TG)") when the line reads as two cells
// side by side ("Jahr Anzahl der").
func splitLabel(line string) (string, bool) {
	f := strings.Fields(line)
	k := 1
	for k < len(f) && strings.HasPrefix(f[k], "(") {
		for k < len(f) && !strings.HasSuffix(f[k], ")") {
			k++
		}
		k++
	}
	if k >= len(f) || strings.HasSuffix(f[k-1], "-") || connectors[f[k-1]] {
		return "", false
	}
	r, _ := utf8.DecodeRuneInString(f[k])
	if !unicode.IsUpper(r) && !unicode.IsDigit(r) {
		return "", false
	}
	return strings.Join(f[:k], " "), true
}

// shortened reports a line that is one shortened word of a narrow header cell ("höh.", "Übergäng.").
func shortened(s string) bool {
	s = strings.TrimSpace(s)
	return strings.HasSuffix(s, ".") && !strings.ContainsAny(s, " \t") && utf8.RuneCountInString(s) <= narrowCell
}

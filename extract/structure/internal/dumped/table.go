package dumped

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"drucksache/extract/layout"
	"drucksache/extract/structure/internal/prose"
)

// Text dumped from a PDF keeps no column structure: a table row is a label followed by figures
// separated by spaces ("Ammerland 14.094    15.985"). Read recognises such runs of rows,
// with the header lines above them, a header repeated after a page break, and labels wrapped over
// several lines.

// Table is a table read from dumped text: its header, the header lines as printed when there are
// several, its rows of cells, the lines it starts and ends on, and its title.
type Table struct {
	Header     []string
	HeaderRows [][]string
	Rows       [][]string
	First      layout.Line
	Last       layout.Line
	Title      string
	Repeated   bool // its header is one line the dump repeats further on; a title may stand above it
	// Headless says that the table prints no header at all, nor needs one: a list right below
	// the sentence that leads into it, which says what its figures are.
	Headless bool
	// Doubts are the rows a reader should know about: kept as printed since their figures fit the
	// columns in more than one way, or read with a footnote marker glued to a figure.
	Doubts []Doubt

	dump  []row // the rows as printed, to read them again into the columns a header names
	notes Notes
	arith layout.Sums // the arithmetic readings are weighed by
	work  int         // rows weighed for the readings of rows so far (see sums)
}

// MaxHeaderLines is how many printed lines a table header may take in dumped text.
const MaxHeaderLines = 4

// Notes names the footnotes a dump prints at the foot of a page, by their numbers: the markers a
// figure of a table on that page may carry glued to it.
type Notes func(page int) []int

// Read reads a table of dumped text starting at lines[i]; it returns nil when there is none.
// notes (nil for none) names the footnotes of each page.
func Read(lines []layout.Line, i, full int, notes Notes, sums layout.Sums) (*Table, int) {
	head, start := headerLines(lines, i, full, notes)
	if start < 0 || start >= len(lines) {
		return nil, 0
	}
	if _, _, ok := dataRow(lines[start], full); !ok {
		return nil, 0
	}
	t, r := begin(lines, i, start, head, full)
	if t == nil {
		return nil, 0
	}
	j := r.read(start)
	if len(r.rows) < 2 {
		return nil, 0
	}
	t.notes = notes
	if t.arith = sums; t.arith == nil {
		t.arith = layout.NoSums{}
	}
	// A list right below the sentence that leads into it prints no header.
	afterLead := i > 0 && i == start && strings.HasSuffix(strings.TrimSpace(lines[i-1].Text), ":")
	t.finish(r.rows, r.head, lines[start], afterLead)
	return t, j - i
}

// headerLines reads the header lines of a table starting at lines[i]: short lines that are no
// sentences, right above the first row. It returns them and the index of the line below them,
// -1 when lines[i] starts no table.
func headerLines(lines []layout.Line, i, full int, notes Notes) ([]layout.Line, int) {
	if HeaderStack(lines[i:], full) > 0 {
		return nil, -1 // a stacked header: the table starts below it
	}
	j := i
	var head []layout.Line
	for j < len(lines) && j < i+MaxHeaderLines {
		if _, vals, ok := dataRow(lines[j], full); ok {
			if j+1 < len(lines) && brokenYear(vals, lines[j+1].Text) {
				head = append(head, lines[j], lines[j+1])
				j += 2
				continue
			}
			// A line with fewer figures than the rows below it is part of the header ("65 bis 74"),
			// unless it is a row of the year before theirs, or it and the row below read as as many
			// figures grouped by spaces ("Ammerland 34 912 125" above "Aurich 786 459 1 245"); a
			// line of years counting up is a header all the same.
			if next := nextRowValues(lines[j+1:], full); len(next) > len(vals) && headerish(lines[j], full) &&
				(yearsCountingUp(vals) || !yearAfter(vals, next) && !sameFigures(vals, next, pageNotes(notes, lines[j]))) {
				head = append(head, lines[j])
				j++
				continue
			}
			break
		}
		if !headerish(lines[j], full) && (j > i || !repeatedHeader(lines, j, full)) {
			// A line too long for a header is one only when the dump repeats it further on,
			// and then it is all of the header: the lines above it are its title.
			return nil, -1
		}
		head = append(head, lines[j])
		j++
	}
	return head, j
}

// begin starts the table that lines[i] opens, with the header lines head above its first row,
// lines[start]; it returns nil when the lines above are no header of a table. Header lines right
// below a line of blanks are the wrapped label of the first row instead, and "Tabelle: …" above
// the header is the table's title.
func begin(lines []layout.Line, i, start int, head []layout.Line, full int) (*Table, *rowReader) {
	var pending []string
	if belowGroup(lines[i:start+1], full) {
		for _, h := range head {
			pending = joinPending(pending, h)
		}
		head = nil
	}
	titled := len(head) == 1 && !headerish(head[0], full) // a header known by its repetition: a title may stand above it
	if len(head) > 0 && i > 0 && !lines[i].Break && !endsLead(lines[i-1].Text) && !titled {
		return nil, nil
	}
	t := &Table{First: lines[i], Repeated: titled}
	if len(head) > 0 && strings.HasPrefix(strings.TrimSpace(head[0].Text), "Tabelle") {
		t.Title = strings.TrimSpace(head[0].Text)
		head = head[1:]
	}
	return t, &rowReader{lines: lines, full: full, head: head, pending: pending, t: t}
}

// rowReader reads the rows of one table of dumped text, line by line.
type rowReader struct {
	lines   []layout.Line
	full    int
	head    []layout.Line // the header lines, which the dump may repeat after a page break
	rows    []row
	width   int      // the most figures of a row so far
	pending []string // label lines read above the row whose figures follow
	t       *Table   // the table, whose last line the rows move on
}

// reNextTitle is the numbered title of a table: "Tabelle 2: Fördermittel nach Trägern 2024".
var reNextTitle = regexp.MustCompile(`^\s*(?:Tabelle|Übersicht)\s+\d+[a-z]?\s*[:.]`)

// read reads rows from lines[j] on and returns the index of the first line after the table.
func (r *rowReader) read(j int) int {
	for j < len(r.lines) {
		if len(r.rows) > 0 {
			r.width = max(r.width, len(r.rows[len(r.rows)-1].vals))
		}
		if reNextTitle.MatchString(r.lines[j].Text) {
			break // the next table's title, even where it ends in a year ("Tabelle 2: … 2024")
		}
		n, ok := r.figures(j)
		if !ok {
			n = r.noFigures(j)
		}
		if n == 0 {
			break
		}
		j += n
	}
	return j
}

// figures reads lines[j] when it is a row of figures: it reports whether it is, and how many
// lines it takes, 0 when the row ends the table.
func (r *rowReader) figures(j int) (int, bool) {
	l := r.lines[j]
	label, vals, ok := dataRow(l, r.full)
	if !ok && len(r.pending) == 0 && begun(r.rows, r.width) {
		label, vals, ok = wideRow(l, r.width)
	}
	if !ok && len(r.pending) == 0 {
		label, vals, ok = longDecimalRow(l, r.rows, r.width)
	}
	if !ok {
		return 0, false
	}
	if len(r.head) == 0 && repeatsYears(r.rows, vals) {
		if label != r.rows[0].label {
			return 0, true // a sub-header ("Oldenburg 2023 2024 2025") starts the next table
		}
		return 1, true // the header repeated after a page break
	}
	if label == "" && len(r.pending) > 0 {
		label = strings.Join(r.pending, " ")
		r.pending = nil
	}
	// A label wrapped over lines, its last line printing the figures ("Eingänge Verfahren zur" /
	// "Gewährung von vorl." / "Rechtsschutz 2.797 2.749"): each line above ends in a word that
	// joins it to the next.
	for len(r.pending) > 0 && continuesCell(r.pending[len(r.pending)-1], label, false) {
		label = prose.JoinLine(r.pending[len(r.pending)-1], label)
		r.pending = r.pending[:len(r.pending)-1]
	}
	for _, s := range r.pending {
		r.rows = append(r.rows, row{label: s})
	}
	r.pending = nil
	r.rows = append(r.rows, printedRow(label, vals, l))
	r.t.Last = l
	return 1, true
}

// noFigures reads lines[j], a line that is no row of figures, as what else a table prints between
// its rows: a repeated header, a group label, a wrapped row or label. It returns how many lines
// it takes, 0 when the line ends the table.
func (r *rowReader) noFigures(j int) int {
	lines, full, width := r.lines, r.full, r.width
	l := lines[j]
	if strings.HasPrefix(strings.TrimSpace(l.Text), "Tabelle") {
		return 0 // the next table's title
	}
	if HeaderStack(lines[j:], full) > 0 {
		return 0 // the stacked header of the next table
	}
	if n := repeatsHeader(lines[j:], r.head); n > 0 {
		return n
	}
	if len(r.pending) == 0 && (begun(r.rows, width) || len(r.rows) == 1 && width >= 3) {
		// A line of blanks for its empty cells marks a group label even after one row.
		if label, n := groupLabel(lines[j:], full, width); n > 0 {
			r.rows = append(r.rows, row{label: label})
			return n
		}
	}
	// In a table of one figure a row, a wrapped label's figure must have the decimals of the row above.
	if d := decimalRows(r.rows, width); len(r.pending) == 0 && (begun(r.rows, width) || d > 0) {
		if label, vals, n := wrappedRow(lines[j:], full, width); n > 0 && (d == 0 || decimals(vals[0]) == d) {
			r.rows = append(r.rows, printedRow(label, vals, lines[j+n-1]))
			r.t.Last = lines[j+n-1]
			return n
		}
	}
	if len(r.pending) == 0 && begun(r.rows, width) {
		if label, cells, n := wrappedCells(lines[j:], full, width); n > 0 {
			r.rows = append(r.rows, row{label: label, vals: cells, line: lines[j+n-1]})
			r.t.Last = lines[j+n-1]
			return n
		}
	}
	if (labelish(l, full) || closesBracket(lastLine(r.pending), l.Text, maxClosingLine)) && len(r.pending) < 3 && followedByRow(lines[j:], full) {
		r.pending = joinPending(r.pending, l)
		return 1
	}
	return 0
}

// finish makes the table's cells of the rows read and its header of the header lines head; first
// is the line of the first row, afterLead says that it follows the sentence leading into the table.
func (t *Table) finish(rows []row, head []layout.Line, first layout.Line, afterLead bool) {
	// A header line ending in a word that joins it to the next ("… 2025 Jan. bis") is unfinished:
	// the first row read below it ("Mai 2026"), with fewer figures than the rows below, continues it.
	if len(head) > 0 && len(rows) > 2 && unfinished(head[len(head)-1].Text) && len(rows[0].vals) < rowWidth(rows[1:]) {
		head = append(head, first)
		rows = rows[1:]
	}
	width := rowWidth(rows)
	// A first row of years counting up ("Jahr 2019 2020 2021", "Personalkosten 2023 2024 2025")
	// over rows of other figures is the header.
	if len(head) == 0 && len(rows) > 1 && yearsCountingUp(rows[0].vals) && !yearsCountingUp(rows[1].vals) {
		t.Header = append([]string{rows[0].label}, rows[0].vals...)
		rows = rows[1:]
	}
	// Rows of figures only whose first figure is a year: the year is the row label, and a note
	// printed in place of a row's first figure is that cell.
	years := yearLabels(rows, t.arith)
	if years || yearNoteRows(rows) {
		for k := range rows {
			if years && rows[k].label != "" {
				continue // the total of the years keeps its label
			}
			if year, note, ok := strings.Cut(rows[k].label, " "); ok {
				rows[k].label, rows[k].vals = year, append([]string{note}, rows[k].vals...)
				if rows[k].gaps != nil {
					rows[k].gaps = append([]int{1}, rows[k].gaps...)
				}
				continue
			}
			rows[k].label, rows[k].vals = rows[k].vals[0], rows[k].vals[1:]
			if rows[k].gaps != nil {
				rows[k].gaps = rows[k].gaps[1:]
			}
		}
		width = rowWidth(rows)
	}
	t.dump = rows
	n := t.columns(head, width, years)
	// A list of labels and one figure each right below the sentence that leads into it ("…
	// folgendes Werbebudget veranschlagt worden:" / "Außenwerbung 847 346 Euro" / …) prints no
	// header: the sentence says what the figures are.
	t.Headless = len(head) == 0 && n == 1 && afterLead
	if t.Header == nil {
		t.Header, t.HeaderRows = splitHeader(head, n+1)
	}
	t.fit(t.Header, n)
}

// unfinished reports a header line ending in a word that joins it to the line below ("Jan. bis").
func unfinished(s string) bool {
	f := strings.Fields(s)
	return len(f) > 0 && connectors[f[len(f)-1]]
}

// endsLead reports whether a line ends the sentence that leads into a table ("…folgende Einwohnerzahlen:5").
func endsLead(s string) bool {
	s = strings.TrimRight(s, " ")
	s = strings.TrimRight(s, "0123456789¹²³⁴⁵⁶⁷⁸⁹⁰")
	return prose.EndsSentence(s)
}

// valueToken reports whether a token is a figure or a statistics sign of a table cell.
func valueToken(tok string) bool {
	tok = strings.TrimRight(tok, "*%")
	switch tok {
	case "---", "--", "–", "-", "x", "…", "...", "k.A.", "/":
		return true
	}
	if tok == "" {
		return false
	}
	s := strings.TrimLeft(tok, "+-–")
	digits, sep := 0, false
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= '0' && c <= '9':
			digits++
		case c == '.' || c == ',':
			if i == 0 || i == len(s)-1 || sep && c == ',' {
				return false
			}
			if c == ',' {
				sep = true
			}
		default:
			return false
		}
	}
	return digits > 0
}

// unitToken is a unit printed after a figure ("26,4 M.", "12,5 %", "1.234,50 Euro", "87 Personen").
func unitToken(tok string) bool {
	switch tok {
	case "M.", "%", "€", "Mio.", "Mrd.", "Tsd.", "EUR", "T€", "ha", "km", "Std.", "Euro", "TEuro", "TEUR", "Prozent", "Personen":
		return true
	}
	return false
}

// scaleToken is the word of a unit of two that names its scale ("12,5 Mio. Euro").
func scaleToken(tok string) bool {
	return tok == "Mio." || tok == "Mrd." || tok == "Tsd."
}

// dataRow splits a line of dumped text into a label and the figures that end it.
func dataRow(l layout.Line, full int) (string, []string, bool) {
	if l.Cells != nil {
		return "", nil, false
	}
	label, vals := splitValues(l)
	if len(vals) == 0 {
		return "", nil, false
	}
	n := utf8.RuneCountInString(label)
	if n > 60 || prose.EndsSentence(label) && !prose.AbbreviationEnd(label) && !(len(vals) > 1 && placeAbbreviation(label)) {
		return "", nil, false
	}
	if strings.HasSuffix(label, "=") {
		return "", nil, false // an equation of running text ("2014 = 1.274,49 Euro"), no row label
	}
	if len(vals) == 1 {
		// One figure after a label: a row only when the line is short, not running text ending in a number.
		if label == "" || n > 45 || (full > 0 && utf8.RuneCountInString(strings.TrimSpace(l.Text)) > full*7/10) {
			return "", nil, false
		}
		if strings.Trim(vals[0], "-–x.…/") == "" || datedYear(label, vals[0]) {
			return "", nil, false
		}
	}
	return label, vals, true
}

// monthNames are the months a date printed in words names ("11. Oktober 2024").
var monthNames = map[string]bool{
	"Januar": true, "Februar": true, "März": true, "April": true, "Mai": true, "Juni": true,
	"Juli": true, "August": true, "September": true, "Oktober": true, "November": true, "Dezember": true,
}

// datedYear reports a year that ends a date printed in words, its day and month ending label
// ("Berlin, den 11. Oktober" before "2024"): a line that dates a letter, no row of a table.
func datedYear(label, val string) bool {
	f := strings.Fields(label)
	if len(f) < 2 || !isYear(val) || !monthNames[f[len(f)-1]] {
		return false
	}
	day, ok := strings.CutSuffix(f[len(f)-2], ".")
	n, err := strconv.Atoi(day)
	return ok && err == nil && n >= 1 && n <= 31
}

// splitValues splits a line into the words before its last figures and those figures (a figure
// with its unit is one value); vals is empty when the line does not end in a figure.
func splitValues(l layout.Line) (string, []string) {
	if !EndsInValue(l) {
		return "", nil
	}
	f := strings.Fields(l.Text)
	var vals []string
	k := len(f)
	for k > 0 {
		tok := f[k-1]
		if unitToken(tok) && k >= 3 && scaleToken(f[k-2]) && valueToken(f[k-3]) && strings.Trim(f[k-3], "-–x.…/") != "" {
			vals = append(vals, f[k-3]+" "+f[k-2]+" "+tok)
			k -= 3
			continue
		}
		if unitToken(tok) && k >= 2 && valueToken(f[k-2]) && strings.Trim(f[k-2], "-–x.…/") != "" {
			vals = append(vals, f[k-2]+" "+tok)
			k -= 2
			continue
		}
		if !valueToken(tok) {
			break
		}
		vals = append(vals, tok)
		k--
	}
	for a, b := 0, len(vals)-1; a < b; a, b = a+1, b-1 {
		vals[a], vals[b] = vals[b], vals[a]
	}
	if k > 1 && schoolYear(f[0]) && cellTokens(f[1:k]) {
		// A row labelled by a school year keeps further school years among its cells
		// ("2025/2026 21.149 2024/2025 22.895 1.746 7,6%"): they are no part of its label.
		return f[0], append(append([]string(nil), f[1:k]...), vals...)
	}
	return strings.Join(f[:k], " "), vals
}

// cellTokens reports words that are all cells of a row: figures, school years, or the tilde a
// table prints for a value not yet known.
func cellTokens(f []string) bool {
	for _, tok := range f {
		if !valueToken(tok) && !schoolYear(tok) && tok != "~" {
			return false
		}
	}
	return true
}

// placeAbbreviation reports a short row label ending in a shortened place name ("Neustadt/Rbge.",
// "Leer (Ostfr.)"), which reads as the end of a sentence but is none.
func placeAbbreviation(label string) bool {
	if utf8.RuneCountInString(label) > 30 {
		return false
	}
	t := strings.TrimSuffix(strings.TrimSuffix(label, ")"), ".")
	w := t[strings.LastIndexAny(t, " /(")+1:]
	r, _ := utf8.DecodeRuneInString(w)
	return w != t && unicode.IsUpper(r) && utf8.RuneCountInString(w) <= 6
}

// EndsInValue is the quick test of dataRow: the line's last word is a figure, a sign or a unit.
func EndsInValue(l layout.Line) bool {
	if l.Cells != nil {
		return false
	}
	tr := strings.TrimRight(l.Text, " \t\u00a0")
	last := tr[strings.LastIndexAny(tr, " \t")+1:]
	return valueToken(last) || unitToken(last)
}

// headerish reports a line that can be part of a table header: short, no sentence.
func headerish(l layout.Line, full int) bool {
	t := strings.TrimSpace(l.Text)
	if t == "" || l.Cells != nil || prose.IsListItem(t) {
		return false
	}
	if full > 0 && utf8.RuneCountInString(t) > full*8/10 {
		return false
	}
	return !prose.EndsSentence(t) || prose.AbbreviationEnd(t)
}

// labelish reports a line that can be (part of) a row label printed without its figures.
func labelish(l layout.Line, full int) bool {
	t := strings.TrimSpace(l.Text)
	return t != "" && utf8.RuneCountInString(t) <= 60 && headerish(l, full)
}

// maxClosingLine is the longest line, in runes, that closes the bracket of a label pending above
// its row, even with an abbreviation's dot, which labelish refuses ("Lüneburg (ohne" / "Zw.St.)").
const maxClosingLine = 20

// lastLine is the last of the label lines read so far, or "" when there are none.
func lastLine(label []string) string {
	if len(label) == 0 {
		return ""
	}
	return label[len(label)-1]
}

// followedByRow reports whether a data row follows lines[0], a label line, within three lines.
func followedByRow(lines []layout.Line, full int) bool {
	for k := 1; k < len(lines) && k < 4; k++ {
		if _, _, ok := dataRow(lines[k], full); ok {
			return true
		}
		if !labelish(lines[k], full) && !closesBracket(lines[k-1].Text, lines[k].Text, maxClosingLine) {
			return false
		}
	}
	return false
}

// nextRowValues are the figures of the next data row within three lines, or nil.
func nextRowValues(lines []layout.Line, full int) []string {
	for k := 0; k < len(lines) && k < 3; k++ {
		if _, vals, ok := dataRow(lines[k], full); ok {
			return vals
		}
	}
	return nil
}

// sameFigures reports two rows of figures, vals fewer words than next, that read as as many
// figures, thousands grouped by spaces, a marker of a footnote among markers perhaps glued to one.
func sameFigures(vals, next []string, markers []int) bool {
	for m := len(vals); m > 0; m-- {
		if groupable(vals, m, markers) && groupable(next, m, markers) {
			return true
		}
	}
	return false
}

// groupable reports figures vals that read as n figures grouped by thousands over spaces.
func groupable(vals []string, n int, markers []int) bool {
	toks := make([]token, len(vals))
	for i, v := range vals {
		toks[i] = token{text: v, gap: 1}
	}
	rs, _ := readingsOf(toks, n, markers)
	return len(rs) > 0
}

// pageNotes are the numbers of the footnotes notes names for the page of line l.
func pageNotes(notes Notes, l layout.Line) []int {
	if notes == nil {
		return nil
	}
	return notes(l.Page)
}

// brokenYear reports a header line's words ending in years counting up whose last the line end
// breaks, next holding its last digits: "Jahr 2021 2022 202" above "3" prints 2023.
func brokenYear(words []string, next string) bool {
	n := len(words)
	rest := strings.TrimSpace(next)
	if n < 2 || !digitsOnly(rest) || !digitsOnly(words[n-1]) || len(words[n-1]) >= 4 || !isYear(words[n-2]) {
		return false
	}
	k := n - 2
	for k > 0 && isYear(words[k-1]) {
		k--
	}
	if !yearsCountingUp(words[k:n-1]) && n-1-k != 1 {
		return false
	}
	y, _ := strconv.Atoi(words[n-2])
	return words[n-1]+rest == strconv.Itoa(y+1)
}

// yearAfter reports figures of rows labelled by years, next the year after vals ("2017 …", "2018 …").
func yearAfter(vals, next []string) bool {
	if len(vals) < 2 || len(next) < 2 || !isYear(vals[0]) || !isYear(next[0]) {
		return false
	}
	a, _ := strconv.Atoi(vals[0])
	b, _ := strconv.Atoi(next[0])
	return b == a+1
}

// joinPending adds a label line, joining a label wrapped at a hyphen.
func joinPending(pending []string, l layout.Line) []string {
	if n := len(pending); n > 0 && strings.HasSuffix(strings.TrimSpace(pending[n-1]), "-") {
		pending[n-1] = prose.JoinLine(pending[n-1], l.Text)
		return pending
	}
	return append(pending, strings.TrimSpace(l.Text))
}

// repeatsHeader returns how many lines at the start of lines repeat the table header, or 0.
func repeatsHeader(lines []layout.Line, head []layout.Line) int {
	if len(head) == 0 || len(lines) < len(head) {
		return 0
	}
	for k := range head {
		if !prose.SameWords(lines[k].Text, head[k].Text) {
			return 0
		}
	}
	return len(head)
}

// digitsOnly reports a word of ASCII digits only.
func digitsOnly(s string) bool {
	return s != "" && strings.Trim(s, "0123456789") == ""
}

func isYear(tok string) bool {
	tok = strings.TrimRight(tok, "*")
	return len(tok) == 4 && (strings.HasPrefix(tok, "19") || strings.HasPrefix(tok, "20")) && digitsOnly(tok)
}

// schoolYear reports a school year, two calendar years joined by a slash ("2025/2026", "2025/26").
func schoolYear(tok string) bool {
	first, second, ok := strings.Cut(tok, "/")
	if !ok || !isYear(first) || !digitsOnly(second) {
		return false
	}
	y, _ := strconv.Atoi(first)
	return second == strconv.Itoa(y+1) || second == fmt.Sprintf("%02d", (y+1)%100)
}

// yearsCountingUp reports a run of at least two years, each after the one before.
func yearsCountingUp(vals []string) bool {
	if len(vals) < 2 || !allYears(vals) {
		return false
	}
	for i := 1; i < len(vals); i++ {
		if strings.TrimRight(vals[i], "*") <= strings.TrimRight(vals[i-1], "*") {
			return false
		}
	}
	return true
}

func allYears(vals []string) bool {
	for _, v := range vals {
		if !isYear(v) {
			return false
		}
	}
	return len(vals) > 0
}

// yearLabels reports rows that have no label and start with distinct years ("2022 243 27"), perhaps
// closed by a row labelled as their total ("Insgesamt 1 205 488").
func yearLabels(rows []row, sums layout.Sums) bool {
	seen := map[string]bool{}
	for _, r := range rows {
		if r.label != "" && sums.TotalLabel(r.label) && len(seen) > 0 {
			continue // the total of the years above ("Insgesamt", "Summe")
		}
		if r.label != "" || len(r.vals) < 2 || !isYear(r.vals[0]) || seen[r.vals[0]] {
			return false
		}
		seen[r.vals[0]] = true
	}
	return len(seen) > 1
}

// yearNoteRows reports rows like those of yearLabels, all with as many figures, among which
// rows print a note in place of their first figure after the year ("2015 wurde nicht statistisch
// erfasst 513" among "2018 2.032 464"): the note starts in lower case, as no row label does, and
// the row lacks exactly that one figure, so the note is the cell it stands in.
func yearNoteRows(rows []row) bool {
	n, notes := 0, 0
	seen := map[string]bool{}
	for _, r := range rows {
		if r.label == "" {
			if n == 0 {
				n = len(r.vals)
			}
			if len(r.vals) != n || n == 0 || !isYear(r.vals[0]) || seen[r.vals[0]] {
				return false
			}
			seen[r.vals[0]] = true
		}
	}
	for _, r := range rows {
		if r.label == "" {
			continue
		}
		year, note, _ := strings.Cut(r.label, " ")
		first, _ := utf8.DecodeRuneInString(note)
		if !isYear(year) || seen[year] || !unicode.IsLower(first) || len(r.vals) != n-2 {
			return false
		}
		seen[year] = true
		notes++
	}
	return n >= 3 && notes > 0
}

// row is a row of dumped text: its label and its figures as printed, with the spaces the dump
// printed before each figure and after the last (nil where the figures are printed over several
// lines), and the line they are printed on.
type row struct {
	label string
	vals  []string
	gaps  []int
	trail int
	line  layout.Line
}

// printedRow is a row whose figures vals end line l.
func printedRow(label string, vals []string, l layout.Line) row {
	gaps, trail := valueGaps(l.Text, vals)
	return row{label: label, vals: vals, gaps: gaps, trail: trail, line: l}
}

// valueGaps counts the spaces a line prints before each of the figures vals that end it, and after
// the last; nil when the line's words do not end in them.
func valueGaps(text string, vals []string) ([]int, int) {
	type word struct {
		text string
		gap  int
	}
	var words []word
	gap := 0
	for i := 0; i < len(text); {
		if text[i] == ' ' {
			gap++
			i++
			continue
		}
		k := strings.IndexByte(text[i:], ' ')
		if k < 0 {
			k = len(text) - i
		}
		words = append(words, word{text[i : i+k], gap})
		gap = 0
		i += k
	}
	gaps := make([]int, len(vals))
	w := len(words)
	for v := len(vals) - 1; v >= 0; v-- {
		parts := strings.Fields(vals[v])
		if w < len(parts) {
			return nil, 0
		}
		for k := range parts {
			if words[w-len(parts)+k].text != parts[k] {
				return nil, 0
			}
		}
		w -= len(parts)
		gaps[v] = words[w].gap
	}
	return gaps, gap
}

// splitHeader turns the header lines of a dumped table into one header cell per column, and
// keeps lines of more than one as header rows. It tries, in turn, a line split at "davon" into the
// value columns, a single line of one word per column, a line of years over the value columns, a
// header of years read from its start, and lines given one to a column; where none fits without
// guessing, the header stays empty (the table is then warned as having none) and its words are
// kept in the header rows.
func splitHeader(head []layout.Line, width int) ([]string, [][]string) {
	if len(head) == 0 {
		return make([]string, width), nil
	}
	if h := davonHeader(head, width); h != nil {
		return h, headerRows(head) // "davon" is never a column's header of its own
	}
	if len(head) == 1 {
		f := strings.Fields(head[0].Text)
		switch {
		case len(f) == width:
			return f, nil
		case len(f) == width-1:
			return append([]string{""}, f...), nil
		}
	}
	for _, read := range []func([]layout.Line, int) []string{yearLineHeader, leadingYearsHeader, lineHeader} {
		if h := read(head, width); h != nil {
			return h, headerRows(head)
		}
	}
	return make([]string, width), headerRows(head)
}

// davonHeader reads a header whose line splits at "davon" (or "darunter") into the value columns,
// the total and its parts ("Gesamtzahl davon Richterinnen" / "und Richter auf Probe"), the lines
// below continuing its last cell and the lines above naming what the columns count together
// ("Richterinnen und Richter in der Ver-" / "waltungsgerichtsbarkeit"): each value column's header
// is that group and its own cell, joined by " / " as levels of a header are; the label column's
// is empty. It returns nil for other headers.
func davonHeader(head []layout.Line, width int) []string {
	for k, h := range head {
		cells := davonCells(strings.Fields(h.Text))
		if len(cells) < 2 {
			continue
		}
		if len(cells) != width-1 {
			return nil
		}
		for _, b := range head[k+1:] {
			t := strings.TrimSpace(b.Text)
			if !continuesCell(cells[len(cells)-1], t, false) {
				return nil
			}
			cells[len(cells)-1] = prose.JoinLine(cells[len(cells)-1], t)
		}
		group := ""
		for _, a := range head[:k] {
			group = prose.JoinLine(group, strings.TrimSpace(a.Text))
		}
		header := []string{""}
		for _, c := range cells {
			if group != "" {
				c = group + " / " + c
			}
			header = append(header, c)
		}
		return header
	}
	return nil
}

// davonCells splits the words of a header line before each "davon" or "darunter" that does not
// start it: the total's cell, then one for each part.
func davonCells(words []string) []string {
	var cells []string
	start := 0
	for i, w := range words {
		if i > 0 && (w == "davon" || w == "darunter") {
			cells = append(cells, strings.Join(words[start:i], " "))
			start = i
		}
	}
	if start == 0 {
		return nil
	}
	return append(cells, strings.Join(words[start:], " "))
}

// yearWords name the years a header line of years counts ("RLSB Schulform Schuljahr" above
// "2025/2026 2024/2025 …"): they head the year columns, not the label column.
var yearWords = map[string]bool{
	"Jahr": true, "Jahre": true, "Schuljahr": true, "Schuljahre": true, "Haushaltsjahr": true,
	"Haushaltsjahre": true, "Kalenderjahr": true, "Kalenderjahre": true,
}

// yearLineHeader reads a header with a line of years or school years, one for each value column
// ("RLSB Schulform Schuljahr" / "2025/2026 2024/2025 2023/2024" / "Anz SuS Anz SuS Anz SuS"): the
// years head the value columns and the lines above the label column, less a last word naming
// the years. Lines below must repeat one measure per column; it returns nil otherwise.
func yearLineHeader(head []layout.Line, width int) []string {
	for k, h := range head {
		years := strings.Fields(h.Text)
		if len(years) != width-1 || !yearsInOrder(years) {
			continue
		}
		for _, b := range head[k+1:] {
			if !repeatsMeasure(strings.Fields(b.Text), len(years)) {
				return nil
			}
		}
		label := ""
		for _, a := range head[:k] {
			label = prose.JoinLine(label, strings.TrimSpace(a.Text))
		}
		if i := strings.LastIndex(label, " "); yearWords[label[i+1:]] {
			label = label[:max(i, 0)]
		}
		return append([]string{strings.TrimSpace(label)}, years...)
	}
	return nil
}

// yearsInOrder reports at least two years, or two school years, each after or each before the
// one before it ("2025/2026 2024/2025", "2021 2022 2023").
func yearsInOrder(toks []string) bool {
	if len(toks) < 2 {
		return false
	}
	up, down := true, true
	for i, tok := range toks {
		if !isYear(tok) && !schoolYear(tok) || isYear(tok) != isYear(toks[0]) {
			return false
		}
		if i > 0 {
			a, b := strings.TrimRight(toks[i-1], "*"), strings.TrimRight(tok, "*")
			up = up && b > a
			down = down && b < a
		}
	}
	return up || down
}

// repeatsMeasure reports words that print one measure once for each of n columns ("Anz SuS Anz SuS").
func repeatsMeasure(words []string, n int) bool {
	if n < 2 || len(words) == 0 || len(words)%n != 0 {
		return false
	}
	m := len(words) / n
	for i := m; i < len(words); i++ {
		if words[i] != words[i-m] {
			return false
		}
	}
	return !cellTokens(words[:m])
}

// leadingYearsHeader reads a header that starts with years, one per value column, the last one
// perhaps in words ("2021 2022 2025 Jan. bis" / "Mai 2026"), perhaps after a word naming the
// years, which heads the label column ("Jahr 2021 …"); a year the line end breaks ("202" / "3")
// is one.
func leadingYearsHeader(head []layout.Line, width int) []string {
	var all []string
	for k, h := range head {
		words := strings.Fields(h.Text)
		if n := len(all); n > 0 && len(words) > 0 && k > 0 && brokenYear(all, head[k].Text) {
			all[n-1] += strings.TrimSpace(head[k].Text)
			continue
		}
		all = append(all, words...)
	}
	label := ""
	if len(all) > 1 && yearWords[all[0]] {
		label, all = all[0], all[1:]
	}
	if len(all) == 0 || !isYear(all[0]) {
		return nil
	}
	k := 0
	for k < len(all) && isYear(all[k]) {
		k++
	}
	cols := append([]string(nil), all[:k]...)
	if k < len(all) {
		cols = append(cols, strings.Join(all[k:], " "))
	}
	switch {
	case len(cols) == width-1:
		return append([]string{label}, cols...)
	case len(cols) == width && label == "":
		return cols
	}
	return nil
}

// lineHeader reads a header over several lines as the first word, the label column's, and each
// further line for the next column, merging from the front when there are more lines than
// columns. It returns nil where that is a guess: the first line's words after the first read on
// as one phrase ("Richterinnen und Richter"), the lines fill fewer cells than there are columns,
// or a cell holds several years, which belong to columns of their own.
func lineHeader(head []layout.Line, width int) []string {
	first := strings.TrimSpace(head[0].Text)
	label, rest, _ := strings.Cut(first, " ")
	rest = strings.TrimSpace(rest)
	var segs []string
	if rest != "" {
		if _, ok := splitLabel(first); !ok {
			return nil
		}
		segs = append(segs, rest)
	}
	for _, h := range head[1:] {
		segs = append(segs, strings.TrimSpace(h.Text))
	}
	for len(segs) > width-1 && len(segs) > 1 {
		segs = append([]string{prose.JoinLine(segs[0], segs[1])}, segs[2:]...)
	}
	if len(segs) != width-1 {
		return nil
	}
	for _, s := range segs {
		if yearCount(strings.Fields(s)) > 1 {
			return nil
		}
	}
	return append([]string{label}, segs...)
}

// yearCount is the number of years and school years among words.
func yearCount(words []string) int {
	n := 0
	for _, w := range words {
		if isYear(w) || schoolYear(w) {
			n++
		}
	}
	return n
}

// headerRows keeps the header lines as printed, for readers who want to see them.
func headerRows(head []layout.Line) [][]string {
	var rows [][]string
	for _, h := range head {
		rows = append(rows, []string{strings.TrimSpace(h.Text)})
	}
	return rows
}

// belowGroup reports lines that read as a header above a row of figures without a label but
// stand right below a line of blanks, which a dump prints for the empty cells of a group label
// ("            " / "Oberverwaltungsge-" / "richt" / "37,43 - 20,68 - 26,68 6,68"): they are the
// wrapped label of that row, since a header never follows a group label.
func belowGroup(lines []layout.Line, full int) bool {
	n := len(lines) - 1
	if n < 1 || n > maxLabelLines {
		return false
	}
	label, vals, ok := dataRow(lines[n], full)
	return ok && label == "" && len(vals) >= 2 && lines[0].PadAbove >= len(vals)
}

package extract

import (
	"bytes"
	"context"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"

	drucksache "drucksache"
)

// Text reads plain text in both forms found in practice: clean text with blank lines between
// paragraphs and tab-separated tables, and text another tool dumped from the PDF, with running
// headers, page numbers, footnotes at page ends and words hyphenated at line ends.
//
// Text marks what it recognises (headers, page numbers, footnotes, table cells) and leaves the
// printed text alone: joining hyphenated words and paragraphs is the structure parser's job,
// the same for every format.
type Text struct{}

// Read decodes data (UTF-8, else Windows-1252 with a warning) and splits it into lines.
func (Text) Read(ctx context.Context, name string, data []byte) (*Layout, error) {
	s, enc, err := decodeText(data)
	if err != nil {
		return nil, &Error{File: name, Stage: "txt", Err: err}
	}
	layout := &Layout{Encoding: enc}
	if enc != "" {
		layout.Warnings = append(layout.Warnings, drucksache.Warning{
			Code:    drucksache.WarnEncoding,
			Message: fmt.Sprintf("the file is not valid UTF-8; decoded as %s", enc),
		})
	}
	layout.Lines, layout.Pages = textLines(s)
	markFootnotes(layout.Lines)
	return layout, nil
}

// decodeText returns data as a string, decoding Windows-1252 (a superset of Latin-1's printable
// characters) when data is not UTF-8, and refusing binary data.
func decodeText(data []byte) (string, string, error) {
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	if bytes.IndexByte(data, 0) >= 0 || controlShare(data) > 0.01 {
		return "", "", ErrNotText
	}
	if utf8.Valid(data) {
		return string(data), "", nil
	}
	out, err := charmap.Windows1252.NewDecoder().Bytes(data)
	if err != nil {
		return "", "", fmt.Errorf("%w: %v", ErrNotText, err)
	}
	return string(out), "windows-1252", nil
}

// controlShare is the share of bytes that are control characters other than tab, CR, LF and FF.
func controlShare(data []byte) float64 {
	if len(data) == 0 {
		return 0
	}
	n := 0
	for _, b := range data {
		if b < 0x20 && b != '\t' && b != '\n' && b != '\r' && b != '\f' {
			n++
		}
	}
	return float64(n) / float64(len(data))
}

// textLines splits text into Lines: blank lines become breaks, form feeds and running headers
// start pages, tabs make table cells, `**bold**` markers of clean text set Bold. It returns the
// number of pages the form feeds make (1 without any): a line's Page also counts running headers,
// so that provenance names the page as printed.
func textLines(s string) ([]Line, int) {
	lines := make([]Line, 0, strings.Count(s, "\n")+1)
	page, no := 1, 0
	feeds := 0 // form feeds: the text's own page count, as source.pages reports it
	brk := true
	pad := 0      // spaces of the blank lines since the last line kept
	bold := false // inside a **…** span of clean text
	pageHasBody := false
	for len(s) > 0 {
		var raw string
		if i := strings.IndexByte(s, '\n'); i >= 0 {
			raw, s = s[:i], s[i+1:]
		} else {
			raw, s = s, ""
		}
		no++
		raw = strings.TrimSuffix(raw, "\r")
		for strings.HasPrefix(raw, "\f") {
			raw = raw[1:]
			if pageHasBody {
				page++
				feeds++
				pageHasBody = false
			}
		}
		// A form feed can also sit inside a line (text dumps glue the next page's header on).
		parts := []string{raw}
		if strings.IndexByte(raw, '\f') >= 0 {
			parts = strings.Split(raw, "\f")
		}
		for pi, part := range parts {
			if pi > 0 {
				page++
				feeds++
				pageHasBody = false
			}
			// Trailing spaces stay: in dumped text "Opfer- " (a printed hyphen) differs from
			// "Ausprägun-" (a word broken at the line end).
			text := strings.TrimRight(part, "\r")
			if strings.TrimSpace(text) == "" {
				brk = true
				pad = max(pad, strings.Count(text, " "))
				bold = false // Markdown emphasis does not cross paragraphs
				continue
			}
			l := Line{Text: text, Page: page, No: no, Break: brk, PadAbove: pad}
			// Clean text marks bold with ** (Markdown); it spans lines.
			t := strings.TrimSpace(text)
			startBold := len(t) > 2 && strings.HasPrefix(t, "**") && t[2] != ' ' && t[2] != '*'
			if startBold && !strings.Contains(t[2:], "**") && !strings.Contains(s[:min(len(s), 400)], "**") {
				startBold = false // a lone "**" is a footnote sign, not emphasis
			}
			if startBold {
				t = strings.TrimPrefix(t, "**")
				bold = true
			}
			isBold := bold
			if bold && strings.HasSuffix(t, "**") {
				t = strings.TrimSuffix(t, "**")
				bold = false
			}
			if startBold || isBold {
				l.Bold = Yes
				l.Text = t
			}
			if tr := strings.TrimRight(text, " \t"); strings.Contains(tr, "\t") {
				cells := strings.Split(tr, "\t")
				for i := range cells {
					cells[i] = strings.TrimSpace(cells[i])
				}
				l.Cells = cells
				l.Text = strings.Join(cells, "\t")
			}
			if isRunningHeader(t) {
				if pageHasBody && len(lines) > 0 {
					page++
					l.Page = page
				}
				l.Role = RoleHeader
			} else if len(lines) > 0 && lines[len(lines)-1].Role == RoleHeader && isPageNumber(t) {
				l.Role = RolePageNumber
			}
			pageHasBody = true
			lines = append(lines, l)
			brk = false
			pad = 0
		}
	}
	return lines, feeds + 1
}

// isRunningHeader reports whether t is a running page header naming the parliament, the
// Wahlperiode and the Drucksache ("Niedersächsischer Landtag – 19. Wahlperiode Drucksache 19/11277",
// "Drucksache 21/7449 – 2 – Deutscher Bundestag – 21. Wahlperiode").
func isRunningHeader(t string) bool {
	if len(t) > 140 || strings.IndexByte(t, '/') < 0 || !strings.Contains(t, "Wahlperiode") {
		return false
	}
	i := strings.Index(t, "Drucksache ")
	if i < 0 {
		return false
	}
	rest := t[i+len("Drucksache "):]
	return len(rest) > 2 && rest[0] >= '0' && rest[0] <= '9' && strings.Contains(rest, "/") &&
		(strings.Contains(t, "Landtag") || strings.Contains(t, "Bundestag") || strings.Contains(t, "Bürgerschaft") || strings.Contains(t, "Abgeordnetenhaus"))
}

// isPageNumber reports whether t is a page number printed alone ("3", "- 3 -", "– 3 –", "Seite 3").
func isPageNumber(t string) bool {
	t = strings.TrimSpace(strings.TrimPrefix(t, "Seite "))
	t = strings.Trim(t, "-–— ")
	if t == "" || len(t) > 4 {
		return false
	}
	for _, r := range t {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

// markFootnotes finds footnote lines: in clean text a line starting with a superscript marker;
// in text dumped from a PDF the block at a page's end whose lines start with the next footnote
// numbers ("1  https://…", "2 Seite 59, …"), with the lines that continue them.
func markFootnotes(lines []Line) {
	next := 1
	for i := range lines {
		if lines[i].Role == RoleBody && lines[i].Cells == nil {
			if m, _ := superscriptMarker(strings.TrimSpace(lines[i].Text)); m != "" && lines[i].Break {
				lines[i].Role = RoleFootnote
				if n := superscriptValue(m); n >= next {
					next = n + 1
				}
			}
		}
	}
	// Page ends of dumped text: scan each page's body backwards.
	start := 0
	for start < len(lines) {
		end := start
		for end < len(lines) && lines[end].Page == lines[start].Page {
			end++
		}
		next = markPageFootnotes(lines[start:end], next)
		start = end
	}
}

// markPageFootnotes marks the footnote block at the end of one page and returns the next expected number.
func markPageFootnotes(page []Line, next int) int {
	// Find candidate starts: lines "N  text" with N the next numbers in sequence, all after the body.
	first := -1
	n := next
	for i := range page {
		l := page[i]
		if l.Role != RoleBody || l.Cells != nil {
			continue
		}
		if num, ok := leadingFootnoteNumber(l.Text); ok && num == n && footnoteTailFrom(page, i, n) {
			first = i
			break
		}
	}
	if first < 0 {
		return next
	}
	for i := first; i < len(page); i++ {
		if page[i].Role != RoleBody {
			continue
		}
		if num, ok := leadingFootnoteNumber(page[i].Text); ok && num == n {
			n++
		}
		page[i].Role = RoleFootnote
	}
	return n
}

// footnoteTailFrom reports whether the lines from i to the page end form a footnote block:
// starts numbered n, n+1, … and continuation lines that do not look like running text.
func footnoteTailFrom(page []Line, i, n int) bool {
	starts := 0
	for j := i; j < len(page); j++ {
		l := page[j]
		if l.Role != RoleBody {
			continue
		}
		if l.Cells != nil {
			return false
		}
		if num, ok := leadingFootnoteNumber(l.Text); ok && num == n {
			n++
			starts++
			continue
		}
		if isDistributionNote(l.Text) {
			return false
		}
		// A continuation line: a wrapped URL or sentence of the previous footnote. Running text
		// that follows a footnote-like line (a table row "0 6 3 2") fails the count below.
		if starts == 0 {
			return false
		}
		if len(strings.TrimSpace(l.Text)) > 0 && j-i > 6 {
			return false
		}
	}
	return starts > 0
}

// leadingFootnoteNumber reads the "N " that starts a footnote line of dumped text.
func leadingFootnoteNumber(t string) (int, bool) {
	t = strings.TrimLeft(t, " ")
	n, i := 0, 0
	for i < len(t) && i < 3 && t[i] >= '0' && t[i] <= '9' {
		n = n*10 + int(t[i]-'0')
		i++
	}
	if i == 0 || i >= len(t) || t[i] != ' ' {
		return 0, false
	}
	rest := strings.TrimSpace(t[i:])
	if rest == "" {
		return 0, false
	}
	r, _ := utf8.DecodeRuneInString(rest)
	// The footnote text starts with a letter or a URL, not with another figure (table rows do).
	if unicode.IsDigit(r) {
		return 0, false
	}
	return n, true
}

// isDistributionNote reports the "(verteilt am …)" line that closes a Niedersachsen Drucksache.
func isDistributionNote(t string) bool {
	return strings.Contains(t, "(verteilt am") || strings.HasPrefix(strings.TrimSpace(t), "Ausgegeben:")
}

var superscripts = map[rune]int{'¹': 1, '²': 2, '³': 3, '⁴': 4, '⁵': 5, '⁶': 6, '⁷': 7, '⁸': 8, '⁹': 9, '⁰': 0}

// superscriptMarker returns the superscript digits that start t followed by a space, and the rest.
func superscriptMarker(t string) (string, string) {
	i := 0
	for i < len(t) {
		r, size := utf8.DecodeRuneInString(t[i:])
		if _, ok := superscripts[r]; !ok {
			break
		}
		i += size
	}
	if i == 0 || i >= len(t) || (t[i] != ' ' && t[i] != '\t') {
		return "", t
	}
	return t[:i], strings.TrimSpace(t[i:])
}

// superscriptValue is the number written by superscript digits.
func superscriptValue(m string) int {
	n := 0
	for _, r := range m {
		n = n*10 + superscripts[r]
	}
	return n
}

// toSuperscript writes a number in superscript digits ("12" -> "¹²").
func toSuperscript(n int) string {
	const digits = "⁰¹²³⁴⁵⁶⁷⁸⁹"
	ds := []rune(digits)
	s := fmt.Sprint(n)
	var b strings.Builder
	for _, c := range s {
		b.WriteRune(ds[c-'0'])
	}
	return b.String()
}

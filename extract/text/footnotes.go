package text

import (
	"strings"

	"drucksache/extract/internal/marks"
	"drucksache/extract/layout"
)

// markFootnotes finds footnote lines: in clean text a line starting with a superscript marker;
// in text dumped from a PDF the block at a page's end whose lines start with the next footnote
// numbers ("1  https://…", "2 Seite 59, …"), with the lines that continue them.
func markFootnotes(lines []layout.Line) {
	next := 1
	for i := range lines {
		if lines[i].Role == layout.RoleBody && lines[i].Cells == nil {
			if m, _ := marks.SuperscriptMarker(strings.TrimSpace(lines[i].Text)); m != "" && lines[i].Break {
				lines[i].Role = layout.RoleFootnote
				if n := marks.SuperscriptValue(m); n >= next {
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
func markPageFootnotes(page []layout.Line, next int) int {
	// Find candidate starts: lines "N  text" with N the next numbers in sequence, all after the body.
	first := -1
	n := next
	for i := range page {
		l := page[i]
		if l.Role != layout.RoleBody || l.Cells != nil {
			continue
		}
		if num, ok := marks.FootnoteNumber(l.Text); ok && num == n && footnoteTailFrom(page, i, n) {
			first = i
			break
		}
	}
	if first < 0 {
		return next
	}
	for i := first; i < len(page); i++ {
		if page[i].Role != layout.RoleBody {
			continue
		}
		if num, ok := marks.FootnoteNumber(page[i].Text); ok && num == n {
			n++
		}
		page[i].Role = layout.RoleFootnote
	}
	return n
}

// footnoteTailFrom reports whether the lines from i to the page end form a footnote block:
// starts numbered n, n+1, … and continuation lines that do not look like running text.
func footnoteTailFrom(page []layout.Line, i, n int) bool {
	starts := 0
	for j := i; j < len(page); j++ {
		l := page[j]
		if l.Role != layout.RoleBody {
			continue
		}
		if l.Cells != nil {
			return false
		}
		if num, ok := marks.FootnoteNumber(l.Text); ok && num == n {
			n++
			starts++
			continue
		}
		if marks.IsDistributionNote(l.Text) {
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

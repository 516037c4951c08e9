package pdf

import (
	"math"
	"strings"

	"drucksache/extract/layout"
	"drucksache/extract/pdf/internal/content"
	"drucksache/extract/profile"
	"drucksache/internal/lazyre"
)

// This file gives the lines of a page their roles (running header, page number, footnote) and
// says where paragraphs start, from positions and fonts alone.

var (
	pageNoRe  = lazyre.New(`^(?i:seite\s+)?[-–—]?\s*\d{1,4}\s*[-–—]?(\s*(?i:von|/)\s*\d{1,4})?$`)
	headerRe  = lazyre.New(`(?i)drucksache\s+\d+\s*/\s*\d+|wahlperiode`)
	markerRe  = lazyre.New(`^([¹²³⁴⁵⁶⁷⁸⁹⁰]+|\*{1,3}|\d{1,2}\)?)\s*`)
	bulletRe  = lazyre.New(`^([–\-•·▪◦■□●○➢►]|\d{1,2}[.)]|[a-z][.)])$`)
	numericRe = lazyre.New(`^[-+–]?\d[\d.,  ]*%?$`)
)

// hashDigits writes every run of ASCII digits in s as one "#" (as the pattern \d+ replaced
// would), so that lines differing in their numbers alone (page numbers, dates) compare equal.
func hashDigits(s string) string {
	if strings.IndexAny(s, "0123456789") < 0 {
		return s
	}
	b := make([]byte, 0, len(s))
	for i := 0; i < len(s); {
		if s[i] < '0' || s[i] > '9' {
			b = append(b, s[i])
			i++
			continue
		}
		b = append(b, '#')
		for i < len(s) && s[i] >= '0' && s[i] <= '9' {
			i++
		}
	}
	return string(b)
}

// markFurniture finds running headers (top lines repeated on several pages or naming the
// Drucksache), page numbers and repeated footers.
func markFurniture(pages []*content.Page, all [][]*textLine, m metrics) {
	norm := func(l *textLine) string { return hashDigits(l.text()) }
	topCount, botCount := map[string]int{}, map[string]int{}
	for i, lines := range all {
		h := pages[i].Height
		seenTop, seenBot := map[string]bool{}, map[string]bool{}
		for _, l := range lines {
			if l.y <= h*0.88 && l.y >= h*0.1 {
				continue
			}
			k := norm(l)
			if l.y > h*0.88 && !seenTop[k] {
				topCount[k]++
				seenTop[k] = true
			}
			if l.y < h*0.1 && !seenBot[k] {
				botCount[k]++
				seenBot[k] = true
			}
		}
	}
	repeated := func(n int) bool { return n >= 2 && (len(all) < 4 || n*3 >= len(all)) }
	for i, lines := range all {
		h := pages[i].Height
		for j, l := range lines {
			if l.y <= h*0.85 && l.y >= h*0.15 {
				continue
			}
			t := l.text()
			k := norm(l)
			switch {
			case (j == 0 || j == len(lines)-1) && pageNoRe.MatchString(t) && (l.y < h*0.15 || l.y > h*0.85):
				l.role = layout.RolePageNumber
			case l.y > h*0.88 && (repeated(topCount[k]) || headerRe.MatchString(t)) && j < 3:
				l.role = layout.RoleHeader
			case l.y < h*0.1 && repeated(botCount[k]) && len(all) > 1:
				l.role = layout.RoleFooter
			}
		}
	}
	// A note at a page's foot that a parliament's profile knows as furniture ("Die Antwort wurde
	// namens der Bundesregierung …", the printer's imprint) is furniture with every line below it.
	for i, lines := range all {
		h := pages[i].Height
		for j, l := range lines {
			if l.role != layout.RoleBody || l.y > h*0.2 {
				continue
			}
			if t := l.text(); profile.FootNote(t) || profile.Imprint(t) {
				for _, o := range lines[j:] {
					if o.role == layout.RoleBody {
						o.role = layout.RoleFooter
					}
				}
				break
			}
		}
	}
}

// markFootnotes marks the block of small lines at a page's foot that starts with a marker.
func markFootnotes(pg *content.Page, lines []*textLine, m metrics) {
	end := len(lines)
	for end > 0 && lines[end-1].role != layout.RoleBody {
		end--
	}
	start := end
	for start > 0 && lines[start-1].role == layout.RoleBody && lines[start-1].size < 0.92*m.size && lines[start-1].table == 0 {
		start--
	}
	if start == end || start == 0 {
		return
	}
	first := lines[start]
	rule := false
	for _, r := range pg.Rules {
		if r.Y0 == r.Y1 && r.Y0 > first.top && r.Y0 < lines[start-1].y && r.X1-r.X0 < 0.5*(m.right-m.left) {
			rule = true
		}
	}
	if !first.marker && !(rule && markerRe.MatchString(first.text())) {
		return
	}
	for _, l := range lines[start:end] {
		l.role = layout.RoleFootnote
		l.brk = l.marker || markerRe.MatchString(l.text()) && l.x0 <= first.x0+1
	}
}

// footnoteText writes a footnote line with its marker as a superscript and one space after it.
func (l *textLine) footnoteText() string {
	t := l.text()
	mk := markerRe.FindString(t)
	if mk == "" || !l.brk {
		return t
	}
	return superscript.Replace(strings.TrimRight(strings.TrimSuffix(strings.TrimSpace(mk), ")"), " ")) + " " + t[len(mk):]
}

// breaks sets where paragraphs start: after a vertical gap larger than the line pitch, at a
// first-line indent, and on a new page when the last line of the page before ended short.
func breaks(all [][]*textLine, pm []metrics) {
	var prev *textLine
	for pi, lines := range all {
		m := pm[pi]
		var prevOnPage *textLine
		for i, l := range lines {
			if l.role != layout.RoleBody {
				continue
			}
			if l.header && prevOnPage != nil && prevOnPage.table == l.table {
				prevOnPage = l
				prev = l
				continue
			}
			switch {
			case prev == nil:
				l.brk = true
			case prevOnPage == nil:
				// a new page: the paragraph goes on when the last line filled the measure
				l.brk = prev.table > 0 || l.table > 0 || prev.x1 < m.right-2*m.size || math.Abs(prev.size-l.size) > 0.6 ||
					prev.bold != l.bold || isBullet(l, m)
			case l.y > prevOnPage.y+0.5*l.size:
				// up again: the next column of the page; the paragraph goes on when the line before filled its column
				l.brk = prevOnPage.x1 < columnRight(lines, prevOnPage)-2*m.size || prevOnPage.table > 0 || l.table > 0
			case l.table > 0 || prevOnPage.table > 0:
				l.brk = prevOnPage.table != l.table
			default:
				l.brk = paragraphStarts(prevOnPage, l, nextBody(lines, i), m)
			}
			prevOnPage = l
			prev = l
		}
	}
}

// paragraphStarts tells whether line l starts a paragraph after line prev of the same page.
func paragraphStarts(prev, l, next *textLine, m metrics) bool {
	gap := prev.y - l.y
	want := m.pitch * math.Max(l.size, prev.size) / m.size
	em := m.size
	switch {
	case gap > want*1.25 && gap > want+2:
		return true // a vertical gap
	case math.Abs(prev.size-l.size) > 0.6 || prev.bold != l.bold && (prev.bold == layout.Yes || l.bold == layout.Yes):
		return true // another font: a heading, a question, the answer after it
	case isBullet(l, m):
		return true // a list item
	case isBullet(prev, m) && !isBullet(l, m) && l.x0 < prev.x0-2:
		return true // back out of a list after a one-line item
	case !prev.brk && prev.x0 > m.left+0.8*em && math.Abs(l.x0-m.left) < 2 && !centered(prev, m):
		return true // back at the margin after the hanging lines of a list item
	}
	if l.x0 > prev.x0+0.8*em && math.Abs(prev.x0-m.left) < 2 {
		// indented against the line before: a first-line indent, unless it hangs under a bullet's or number's text
		hanging := len(prev.words) > 1 && bulletRe.MatchString(prev.words[0].text) && l.x0 <= prev.words[1].x0+0.6*em
		if !hanging && next != nil && math.Abs(next.x0-prev.x0) < 2 {
			return true
		}
	}
	return false
}

// isBullet tells a list item: an indented line, or one whose next line hangs, that starts with a bullet.
func isBullet(l *textLine, m metrics) bool {
	if len(l.words) < 2 || l.x0 < m.left+2 {
		return false
	}
	switch l.words[0].text {
	case "–", "-", "•", "·", "▪", "◦", "■", "□", "●", "○", "➢", "►", "*":
		return true
	}
	return false
}

// centered tells a centred line (a title) from an indented one.
func centered(l *textLine, m metrics) bool {
	return math.Abs((l.x0-m.left)-(m.right-l.x1)) < 0.1*(m.right-m.left) && l.x0 > m.left+2*m.size
}

// columnRight is where the lines of l's column end: the furthest right a line starting with it reaches.
func columnRight(lines []*textLine, l *textLine) float64 {
	right := l.x1
	for _, o := range lines {
		if o.role == layout.RoleBody && o.table == 0 && math.Abs(o.x0-l.x0) < 20 && o.x1 > right {
			right = o.x1
		}
	}
	return right
}

func nextBody(lines []*textLine, i int) *textLine {
	for _, l := range lines[i+1:] {
		if l.role == layout.RoleBody {
			return l
		}
	}
	return nil
}

func (l *textLine) toLine(no int, m metrics) layout.Line {
	out := layout.Line{Page: l.page, No: no, Role: l.role, Bold: l.bold, Break: l.brk, Table: l.table, Header: l.header}
	switch {
	case l.cells != nil:
		out.Cells = l.cells
		out.Text = strings.Join(l.cells, "\t")
	case l.role == layout.RoleFootnote:
		out.Text = l.footnoteText()
	default:
		out.Text = l.text()
		if n := len(l.words); n > 1 && l.words[n-1].text == "-" {
			// a dash standing alone at the line end is a dash, not a word broken there: the line
			// break after it reads as a space, which the trailing space says (as in text dumps)
			out.Text += " "
		}
	}
	out.Indent = math.Round((l.x0-m.left)*10) / 10
	out.Size = l.size
	if l.cells == nil && l.role == layout.RoleBody && len(l.words) > 1 {
		off := 0
		out.Words = make([]layout.Word, 0, len(l.words)-1)
		for k := 1; k < len(l.words); k++ {
			off += len(l.words[k-1].text) + 1
			out.Words = append(out.Words, layout.Word{At: off, Indent: math.Round((l.words[k].x0-m.left)*10) / 10})
		}
	}
	if w := m.right - m.left; w > 0 {
		out.Fill = math.Round(math.Max(0, math.Min(1, (l.x1-m.left)/w))*100) / 100
	}
	return out
}

package structure

import (
	"slices"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	drucksache "drucksache"
	"drucksache/extract/internal/marks"
	"drucksache/extract/layout"
)

// linkFootnotes records the footnotes and links each to the question whose text or answer carries
// its marker: the last one printed before the footnote that does, else the question printed around it.
func (p *parser) linkFootnotes() {
	for _, n := range p.notes {
		f := drucksache.Footnote{Marker: n.marker, Text: strings.TrimSpace(n.text), Provenance: n.prov}
		if m, ok := p.tableMark(n); ok {
			f.Table, f.Question = m.table, ptr(m.question)
			p.doc.Footnotes = append(p.doc.Footnotes, f)
			continue
		}
		var around *int
		for k := len(p.questions) - 1; k >= 0; k-- {
			qs := p.questions[k]
			if qs.start >= n.at {
				continue
			}
			if around == nil {
				around = ptr(qs.number)
			}
			q := p.doc.Questions[qs.index]
			if strings.Contains(q.Text, n.marker) || strings.Contains(q.Answer, n.marker) || strings.Contains(strings.Join(q.Parts, " "), n.marker) ||
				p.inTables(q.Tables, n.marker) {
				f.Question = ptr(q.Number)
				break
			}
		}
		if f.Question == nil {
			if id, q, ok := p.tableOf(n); ok { // a footnote of a table printed at the page's foot
				f.Table, f.Question = id, ptr(q)
				p.doc.Footnotes = append(p.doc.Footnotes, f)
				continue
			}
			inRemark := false
			for _, r := range p.doc.PreliminaryRemarks {
				if strings.Contains(r.Text, n.marker) {
					inRemark = true
				}
			}
			if !inRemark && !p.printedBefore(n) {
				msg := "footnote " + n.marker + ": its marker was not found in the text, so it is linked to no question"
				if around != nil {
					msg += "; it is printed after question " + itoa(*around)
				}
				p.doc.Warnings = append(p.doc.Warnings, drucksache.Warning{Code: drucksache.WarnFootnoteMarkerNotFound, Message: msg, Provenance: n.prov})
			}
		}
		p.doc.Footnotes = append(p.doc.Footnotes, f)
	}
}

// tableOf finds the table whose cells or header print the marker of footnote n: a table on the
// footnote's page, or one that ends on the page before.
func (p *parser) tableOf(n note) (string, int, bool) {
	for _, t := range p.doc.Tables {
		if t.Provenance.Page > n.prov.Page || t.Provenance.EndPage < n.prov.Page-1 {
			continue
		}
		printed := slices.ContainsFunc(t.Header, func(h string) bool { return strings.Contains(h, n.marker) })
		for _, r := range t.Rows {
			printed = printed || slices.ContainsFunc(r, func(c drucksache.Cell) bool { return strings.Contains(c.Raw, n.marker) })
		}
		if printed {
			return t.ID, t.Question, true
		}
	}
	return "", 0, false
}

// tableMark finds the marker of footnote n read off a figure of a table printed on its page.
func (p *parser) tableMark(n note) (tableMark, bool) {
	v := marks.SuperscriptValue(n.marker)
	for _, m := range p.marks {
		if m.page == n.prov.Page && m.number == v {
			return m, true
		}
	}
	return tableMark{}, false
}

// raiseMarkers writes the footnote markers of dumped text as superscripts where the body prints
// them as plain digits glued to a word or a sign ("Gewalt“1 Betroffen", "Angeboten.1"): the last such
// digit before the footnote on its page, or on the page before.
//
// The search is linear in the body's size: each footnote visits only the lines that hold its digits
// (a line without them never gains them: markers are superscripts), and a line where no occurrence
// of the digits can be raised is dropped from the search for good (raising another marker in it only
// puts superscripts beside its digits, which keeps them unglued).
func (p *parser) raiseMarkers() {
	ordered := true // body pages never decrease: the page limit is a bound found by binary search
	for i := 1; i < len(p.body) && ordered; i++ {
		ordered = p.body[i].Page >= p.body[i-1].Page
	}
	cands := map[string]*candidates{}
	for _, n := range p.notes {
		num := marks.SuperscriptValue(n.marker)
		if num == 0 {
			continue
		}
		digits := strings.TrimSpace(itoa(num))
		if !ordered {
			for i := n.at - 1; i >= 0; i-- {
				if p.body[i].Page < n.prov.Page-1 {
					break
				}
				if t, ok := raiseIn(p.body[i].Text, digits, n.marker); ok {
					p.body[i].Text = t
					break
				}
			}
			continue
		}
		c := cands[digits]
		if c == nil {
			c = newCandidates(p.body, digits)
			cands[digits] = c
		}
		lo := sort.Search(len(p.body), func(i int) bool { return p.body[i].Page >= n.prov.Page-1 })
		for k := c.last(n.at - 1); k >= 0 && c.lines[k] >= lo; k = c.find(k - 1) {
			i := c.lines[k]
			if t, ok := raiseIn(p.body[i].Text, digits, n.marker); ok {
				p.body[i].Text = t
				break
			}
			c.drop(k)
		}
	}
}

// candidates are the body lines that hold a footnote number's digits, in order; dropped ones are
// skipped by a path-compressed link to the previous one still in.
type candidates struct {
	lines []int // body indexes
	prev  []int // prev[k] == k while lines[k] is in; else a k' < k to look at instead (-1: none)
}

func newCandidates(body []layout.Line, digits string) *candidates {
	c := &candidates{}
	for i := range body {
		if strings.Contains(body[i].Text, digits) {
			c.prev = append(c.prev, len(c.lines))
			c.lines = append(c.lines, i)
		}
	}
	return c
}

// last returns the position of the last candidate still in whose body index is at most i, or -1.
func (c *candidates) last(i int) int {
	k := sort.SearchInts(c.lines, i+1) - 1
	return c.find(k)
}

func (c *candidates) find(k int) int {
	root := k
	for root >= 0 && c.prev[root] != root {
		root = c.prev[root]
	}
	for k >= 0 && c.prev[k] != k { // compress the path
		k, c.prev[k] = c.prev[k], root
	}
	return root
}

func (c *candidates) drop(k int) { c.prev[k] = k - 1 }

// raiseIn replaces the last plain-digit marker in t by its superscript form.
func raiseIn(t, digits, marker string) (string, bool) {
	for idx := strings.LastIndex(t, digits); idx > 0; idx = strings.LastIndex(t[:idx], digits) {
		before, _ := utf8.DecodeLastRuneInString(t[:idx])
		end := idx + len(digits)
		var after rune = ' '
		if end < len(t) {
			after, _ = utf8.DecodeRuneInString(t[end:])
		}
		glued := unicode.IsLetter(before) || strings.ContainsRune(".,;:)“”\"’", before)
		if glued && (after == ' ' || after == '\t' || strings.ContainsRune(".,;:", after)) && !unicode.IsDigit(before) {
			return t[:idx] + marker + t[end:], true
		}
	}
	return t, false
}

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	var b []byte
	for n > 0 {
		b = append([]byte{byte('0' + n%10)}, b...)
		n /= 10
	}
	return string(b)
}

// printedBefore reports whether the marker of footnote n is printed in a body line before it, on its
// page or the page before: in a title, a table cell, or the text of a paper that is no answer.
func (p *parser) printedBefore(n note) bool {
	for i := min(n.at, len(p.body)) - 1; i >= 0; i-- {
		if p.body[i].Page < n.prov.Page-1 {
			break
		}
		if strings.Contains(p.body[i].Text, n.marker) {
			return true
		}
	}
	return false
}

// withoutMarkers removes footnote markers (superscript digits) from a title: the footnote keeps them.
func withoutMarkers(t string) string {
	if !strings.ContainsAny(t, "⁰¹²³⁴⁵⁶⁷⁸⁹") {
		return t
	}
	return strings.TrimSpace(strings.Map(func(r rune) rune {
		if strings.ContainsRune("⁰¹²³⁴⁵⁶⁷⁸⁹", r) {
			return -1
		}
		return r
	}, t))
}

// inTables reports whether a cell of one of the tables ids (an answer's tables) prints marker ("2016²").
func (p *parser) inTables(ids []string, marker string) bool {
	for _, t := range p.doc.Tables {
		if !slices.Contains(ids, t.ID) {
			continue
		}
		for _, h := range t.Header {
			if strings.Contains(h, marker) {
				return true
			}
		}
		for _, row := range t.Rows {
			for _, c := range row {
				if strings.Contains(c.Raw, marker) {
					return true
				}
			}
		}
	}
	return false
}

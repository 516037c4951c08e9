package structure

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	drucksache "drucksache"
	"drucksache/extract/internal/marks"
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
			q := p.doc.Questions[k]
			if strings.Contains(q.Text, n.marker) || strings.Contains(q.Answer, n.marker) || strings.Contains(strings.Join(q.Parts, " "), n.marker) {
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
			if !inRemark {
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
func (p *parser) raiseMarkers() {
	for _, n := range p.notes {
		num := marks.SuperscriptValue(n.marker)
		if num == 0 {
			continue
		}
		digits := []rune(strings.TrimSpace(itoa(num)))
		done := false
		for i := n.at - 1; i >= 0 && !done; i-- {
			if p.body[i].Page < n.prov.Page-1 {
				break
			}
			if t, ok := raiseIn(p.body[i].Text, string(digits), n.marker); ok {
				p.body[i].Text = t
				done = true
			}
		}
	}
}

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

package structure

import (
	"regexp"
	"strconv"
	"strings"

	drucksache "drucksache"
	"drucksache/extract/layout"
	"drucksache/extract/structure/internal/dumped"
	"drucksache/internal/lazyre"
)

// This file reads an annex: what is printed after the last answer under a heading "Anlage" (a
// statistics table on a landscape page, say). Its tables belong to the question whose answer refers
// to them ("Es wird auf die anliegende Tabelle 1 (Anlage) verwiesen."), and nothing of it to the last
// answer.

var (
	// reAnnex is the heading of an annex: "Anlage", "Anlage 2", "Anlage zu Frage 3", "Anhang 1 zur
	// Antwort auf Frage 12", with the annex's number and the question it names.
	reAnnex      = lazyre.New(`^(?:Anlage|Anhang)(?:\s+(\d{1,2}))?(?:\s+[^.;,!?]{0,60}?\bFrage\s+(\d{1,3}))?(?:\s+[^.;,!?]{0,60})?\s*:?$`)
	reTableTitle = lazyre.New(`^(?:Tabelle|Tab\.|Übersicht)\s*(\d+[a-z]?)`)
)

// annexStart returns where an annex begins in body[from:end], or end: a line "Anlage" or "Anhang"
// (with a number, or the question it is for) that starts a paragraph and is followed by a table.
func (p *parser) annexStart(from, end int) int {
	for i := from + 1; i < end; i++ {
		l := p.body[i]
		if l.Cells != nil || !(l.Break || p.pageStart[i]) || !reAnnex.MatchString(strings.TrimSpace(l.Text)) {
			continue
		}
		if p.tableFollows(i+1, end) {
			return i
		}
	}
	return end
}

// dumpedAnnexReach is how many lines after an annex's heading a table of dumped text must start
// within: its title and a header of several levels.
const dumpedAnnexReach = 40

// tableFollows reports a table in body[from:end]: rows the reader saw as cells, or in dumped text
// (which has no cells) two lines in a row ending in figures near the start, the rows of a table
// (a table dumped without its layout, its cells scattered over lines, gives none).
func (p *parser) tableFollows(from, end int) bool {
	rows := false
	for j := from; j < end; j++ {
		if p.body[j].Cells != nil {
			return true
		}
		rows = rows || j > from && j < from+dumpedAnnexReach && dumped.EndsInValue(p.body[j]) && dumped.EndsInValue(p.body[j-1])
	}
	return rows
}

// annex reads the annex in body[at:end]: its tables, each given to the question that refers to it.
// The annex's other text belongs to no answer.
func (p *parser) annex(at, end, full int) {
	heading := reAnnex.FindStringSubmatch(strings.TrimSpace(p.body[at].Text))
	lines := annexLines(p.body[at:end])
	paras, ids := p.answer(0, lines, full)
	if len(paras) > 0 {
		p.warn(drucksache.WarnAnnexText, &p.body[at], "annex %q: %d paragraphs that are no table nor printed for one are in no answer, the first: %q",
			strings.TrimSpace(p.body[at].Text), len(paras), clip(paras[0], 120))
	}
	from := 0 // the annex's lines after the table before
	for _, id := range ids {
		k := p.tableIndex(id)
		if k < 0 {
			continue
		}
		t := &p.doc.Tables[k]
		from = captionTitle(t, lines, from)
		q := p.referringQuestion(t.Title, heading)
		t.Question = q
		for i := range p.doc.Footnotes {
			if p.doc.Footnotes[i].Table == id {
				p.doc.Footnotes[i].Question = ptr(q)
			}
		}
		for i := range p.doc.Questions {
			if p.doc.Questions[i].Number == q {
				p.doc.Questions[i].Tables = append(p.doc.Questions[i].Tables, id)
			}
		}
	}
}

// captionTitle gives a table of an annex without a title the caption printed above it ("Tabelle 1:
// …"), found in lines[from:] before the table's first line, above its header (dumped text leaves the
// header between them, so that the caption is not the paragraph right above the table); it returns
// where the lines after the table start.
func captionTitle(t *drucksache.Table, lines []layout.Line, from int) int {
	start := from
	for start < len(lines) && (lines[start].Page != t.Provenance.Page || lines[start].No != t.Provenance.Line) {
		start++
	}
	if start == len(lines) {
		return from
	}
	if t.Title == nil {
		for i := start - 1; i >= from; i-- {
			if c := strings.TrimSpace(lines[i].Text); reCaption.MatchString(c) && lines[i].Cells == nil {
				t.Title = ptr(c)
				break
			}
		}
	}
	end := start
	for end < len(lines) && (lines[end].Page != t.Provenance.EndPage || lines[end].No != t.Provenance.EndLine) {
		end++
	}
	return min(end+1, len(lines))
}

// clip shortens a text for a message to at most n runes.
func clip(s string, n int) string {
	if r := []rune(s); len(r) > n {
		return string(r[:n]) + "…"
	}
	return s
}

// annexLines are the lines of an annex after its heading, without the furniture of its pages that
// dumped text keeps: the heading repeated at the top of each page ("Anlage") and the annex's page
// number printed alone under it.
func annexLines(lines []layout.Line) []layout.Line {
	var out []layout.Line
	for i := 1; i < len(lines); i++ {
		t := strings.TrimSpace(lines[i].Text)
		if lines[i].Cells != nil {
			out = append(out, lines[i])
			continue
		}
		if reAnnex.MatchString(t) || reAnnexPage.MatchString(t) && reAnnex.MatchString(strings.TrimSpace(lines[i-1].Text)) {
			continue
		}
		out = append(out, lines[i])
	}
	return out
}

// reAnnexPage is a page number printed alone.
var reAnnexPage = lazyre.New(`^\d{1,3}$`)

func (p *parser) tableIndex(id string) int {
	for k := range p.doc.Tables {
		if p.doc.Tables[k].ID == id {
			return k
		}
	}
	return -1
}

// referringQuestion is the question an annex table belongs to: the one the annex names ("Anlage zu
// Frage 3"), else the first whose answer names the table ("Tabelle 1") or the annex ("Anlage 2",
// "Anlage"), else the last.
func (p *parser) referringQuestion(title *string, heading []string) int {
	qs := p.doc.Questions
	if len(qs) == 0 {
		return 0
	}
	if heading[2] != "" {
		n, _ := strconv.Atoi(heading[2])
		for _, q := range qs {
			if q.Number == n {
				return n
			}
		}
	}
	var refs []*regexp.Regexp
	if title != nil {
		if m := reTableTitle.FindStringSubmatch(*title); m != nil {
			refs = append(refs, regexp.MustCompile(`\bTabellen?\s+`+regexp.QuoteMeta(m[1])+`\b`))
		}
	}
	if heading[1] != "" {
		refs = append(refs, regexp.MustCompile(`\b(?:Anlage|Anhang)\s*`+heading[1]+`\b`))
	} else {
		refs = append(refs, regexp.MustCompile(`\b(?:Anlage|Anhang)\b`))
	}
	for _, re := range refs {
		for _, q := range qs {
			if re.MatchString(q.Answer) {
				return q.Number
			}
		}
	}
	return qs[len(qs)-1].Number
}

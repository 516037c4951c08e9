package roundtrip

import (
	"fmt"
	"regexp"
	"strings"
)

// The printed furniture and title block of a Niedersachsen answer, shared by every renderer.

// runningLeft and runningRight are the running header's two parts.
func (p *Paper) runningLeft() string {
	return fmt.Sprintf("%s – %d. Wahlperiode", p.Parliament, p.Wahlperiode)
}

func (p *Paper) runningRight() string { return "Drucksache " + p.Drucksache }

// kindLines are the centred bold lines that name the kind of paper.
var kindLines = []string{"Kleine Anfrage zur schriftlichen Beantwortung", "gemäß § 46 Abs. 1 GO LT", "mit Antwort der Landesregierung"}

// askersText names the askers as the title block does: "A und B (CDU)", or each with their
// party where parties differ.
func (p *Paper) askersText() string {
	var groups []string
	for i := 0; i < len(p.Askers); {
		j := i
		var names []string
		for j < len(p.Askers) && p.Askers[j].Party == p.Askers[i].Party {
			names = append(names, p.Askers[j].Name)
			j++
		}
		groups = append(groups, joinAnd(names)+" ("+p.Askers[i].Party+")")
		i = j
	}
	return joinAnd(groups)
}

func joinAnd(s []string) string {
	if len(s) <= 1 {
		return strings.Join(s, "")
	}
	return strings.Join(s[:len(s)-1], ", ") + " und " + s[len(s)-1]
}

// frontLines are the paragraphs of the title block after the kind lines; the third is the title
// (printed bold).
func (p *Paper) frontLines() []string {
	return []string{
		"Anfrage der Abgeordneten " + p.askersText(),
		"Antwort des " + p.Ministry + " namens der Landesregierung",
		p.Title,
		fmt.Sprintf("Anfrage der Abgeordneten %s, eingegangen am %s - Drs. %s, an die Staatskanzlei übersandt am %s",
			p.askersText(), p.ReceivedOn, p.QuestionDrucksache, p.ForwardedOn),
		fmt.Sprintf("Antwort des %s namens der Landesregierung vom %s", p.Ministry, p.AnsweredOn),
	}
}

// remarkHeading is the heading of a preliminary remark.
func remarkHeading(by string) string {
	if by == "government" {
		return "Vorbemerkung der Landesregierung"
	}
	return "Vorbemerkung der Abgeordneten"
}

// legendText is the legend of signs as one printed line.
func (t *Table) legendText() string {
	var parts []string
	for _, s := range t.Legend {
		parts = append(parts, s.Sign+" = "+s.Text)
	}
	return strings.Join(parts, "   ")
}

var reFigure = regexp.MustCompile(`^[+\-–]?[0-9][0-9.,]*$`)

// alignRight reports a cell printed flush right: a figure or a statistics sign.
func alignRight(s string) bool {
	return reFigure.MatchString(s) || s == "–" || s == "g" || s == "x" || s == "." || s == "/"
}

// format writes the parts of a paper in one producer's language; body calls it in printed order.
type format interface {
	kind(lines []string)         // the centred bold lines naming the kind of paper
	para(text string, bold bool) // a paragraph: of the title block, a heading, of an answer
	question(n int, text string)
	table(t *Table, n int)       // table n of the paper, without its title and the lines under it
	below(t *Table, text string) // a line printed under a table: legend, footnote, source
	annex(a *Annex, start bool)  // starts (and ends) the annex on pages of its own
}

// body writes a paper's title block, remarks, questions, answers and annex through f.
func body(p *Paper, f format) {
	f.kind(kindLines)
	for i, l := range p.frontLines() {
		f.para(l, i == 2)
	}
	for _, r := range p.Remarks {
		f.para(remarkHeading(r.By), true)
		for _, t := range r.Text {
			f.para(t, false)
		}
	}
	n := 0
	block := func(b Block) {
		t := b.Table
		if t == nil {
			f.para(b.Text, false)
			return
		}
		n++
		if t.Title != "" {
			f.para(t.Title, true)
		}
		f.table(t, n)
		if t.Legend != nil {
			f.below(t, t.legendText())
		}
		for _, note := range t.Notes {
			f.below(t, note.Marker+" "+note.Text)
		}
		if t.Source != "" {
			f.below(t, t.Source)
		}
	}
	for _, q := range p.Questions {
		f.question(q.Number, q.Text)
		for _, b := range q.Answer {
			block(b)
		}
	}
	if a := p.Annex; a != nil {
		f.annex(a, true)
		for _, b := range a.Blocks {
			block(b)
		}
		f.annex(a, false)
	}
}

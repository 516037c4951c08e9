package structure

import (
	"strings"

	drucksache "drucksache"
	"drucksache/extract/profile"
	"drucksache/extract/structure/internal/prose"
	"drucksache/internal/lazyre"
)

// A Bundestag answer ("Antwort der Bundesregierung auf die Kleine Anfrage der Abgeordneten … –
// Drucksache 21/7449 –") prints its title block differently from a Landtag answer, and is often
// published together with the question's Drucksache in front of it.

var (
	reBTAskers   = lazyre.New(`Kleine Anfrage der Abgeordneten (.+?)\s*[–-]\s*Drucksache (\d+/\d+)\s*[–-]\s*(.*)$`)
	reBTFraktion = lazyre.New(`,?\s*(?:und )?der Fraktion (?:der )?(.+)$`)
	reBTSent     = lazyre.New(`Die Antwort wurde namens der Bundesregierung mit Schreiben (?:des|der) (.+?) vom (\d{1,2}\. [A-ZÄÖÜ][a-zäöü]+ \d{4}) übermittelt\.`)
	reBTNumber   = lazyre.New(`Drucksache (\d+/\d+)`)
)

// bundestag reads the title block of a Bundestag answer; it returns the body index after it, or -1.
func (p *parser) bundestag() int {
	a := -1
	for i := 0; i+1 < len(p.body); i++ {
		if strings.TrimSpace(p.body[i].Text) == "Antwort" && strings.HasPrefix(strings.TrimSpace(p.body[i+1].Text), "der Bundesregierung") {
			a = i
			break
		}
	}
	if a < 0 {
		return -1
	}
	// The answer's own number stands in its first header, right above "Antwort".
	for i := a - 1; i >= 0 && i >= a-3; i-- {
		if m := reBTNumber.FindAllStringSubmatch(p.body[i].Text, -1); m != nil {
			p.doc.Drucksache = ptr(m[len(m)-1][1])
			break
		}
	}
	// Notes printed in the page's footer of the first answer page belong to no remark.
	var all strings.Builder
	kept := p.body[:0:0]
	keptStart := p.pageStart[:0:0]
	for _, l := range p.footers {
		all.WriteString(strings.TrimSpace(l.Text))
		all.WriteByte(' ')
	}
	for i, l := range p.body {
		t := strings.TrimSpace(l.Text)
		all.WriteString(t)
		all.WriteByte(' ')
		if i > a && (profile.FootNote(t) ||
			(len(kept) > 0 && strings.HasPrefix(strings.TrimSpace(kept[len(kept)-1].Text), "Die Antwort wurde namens") && strings.HasSuffix(t, "übermittelt."))) {
			continue
		}
		kept = append(kept, l)
		keptStart = append(keptStart, p.pageStart[i])
	}
	if m := reBTSent.FindStringSubmatch(all.String()); m != nil {
		p.doc.AnsweredBy = "des " + m[1]
		p.doc.AnsweredOn = ptr(m[2])
	} else {
		p.doc.AnsweredBy = "der Bundesregierung"
	}
	p.body, p.pageStart = kept, keptStart

	var text string
	end := a + 2
	for i := a + 2; i < len(p.body) && i < a+20; i++ {
		t := strings.TrimSpace(p.body[i].Text)
		if reRemarkAskers.MatchString(t) || reRemarkGov.MatchString(t) || isQuestionStart(t) {
			break
		}
		text = prose.JoinLine(text, t)
		end = i + 1
	}
	p.doc.Kind = drucksache.KindAnswer
	p.doc.Parliament = ptr("Deutscher Bundestag")
	if m := reBTAskers.FindStringSubmatch(text); m != nil {
		names, party := m[1], ""
		if f := reBTFraktion.FindStringSubmatch(names); f != nil {
			party = strings.TrimSpace(f[1])
			names = names[:strings.Index(names, f[0])]
		}
		for _, a := range parseAskers(names + " (" + party + ")") {
			p.doc.Askers = append(p.doc.Askers, a)
		}
		p.doc.QuestionDrucksache = ptr(m[2])
		p.doc.Title = strings.TrimSpace(m[3])
	}
	return end
}

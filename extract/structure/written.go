package structure

import (
	"math"
	"strings"

	drucksache "drucksache"
	"drucksache/extract/layout"
	"drucksache/extract/structure/internal/prose"
	"drucksache/internal/lazyre"
)

// A compilation of written questions ("Schriftliche Fragen mit den in der Woche vom … eingegangenen
// Antworten der Bundesregierung") prints, under a heading per ministry ("Geschäftsbereich des
// Bundesministeriums für …"), each question as "N. Abgeordneter <question>" with the asker's name and
// party in a column of their own beside the question, then "Antwort des Staatssekretärs … vom …" and
// the answer.

var (
	reWrittenAsker = lazyre.New(`^Abgeordneter?\b\s*`)
	reWrittenHead  = lazyre.New(`^Antwort (?:des|der) `)
	reMinistryHead = lazyre.New(`^Geschäftsbereich (?:des|der) `)
)

// writtenQuestions reads the questions of a compilation of written questions, each with its asker
// and the ministry whose heading it stands under.
func (p *parser) writtenQuestions() {
	full := prose.FullWidth(p.body)
	var starts []int
	for i, l := range p.body {
		if n, rest, ok := questionStart(l.Text); ok && n > 0 && reWrittenAsker.MatchString(rest) && l.Cells == nil {
			starts = append(starts, i)
		}
	}
	ministry := ""
	at := 0 // lines before at have been read for ministry headings
	heading := func(to int) {
		for i := at; i < to; i++ {
			t := strings.TrimSpace(p.body[i].Text)
			if !reMinistryHead.MatchString(t) || p.body[i].Bold == layout.No {
				continue
			}
			name := strings.TrimPrefix(t, "Geschäftsbereich ")
			for j := i + 1; j < to && p.body[j].Bold == layout.Yes && !p.body[j].Break; j++ {
				name = prose.JoinLine(name, p.body[j].Text)
			}
			ministry = name
		}
		at = to
	}
	for k, s := range starts {
		heading(s)
		stop := len(p.body)
		if k+1 < len(starts) {
			stop = starts[k+1]
		}
		// the next ministry's heading ends this answer
		for i := s + 1; i < stop; i++ {
			if reMinistryHead.MatchString(strings.TrimSpace(p.body[i].Text)) && p.body[i].Bold == layout.Yes {
				stop = i
				break
			}
		}
		head := stop
		for i := s + 1; i < stop; i++ {
			if reWrittenHead.MatchString(strings.TrimSpace(p.body[i].Text)) {
				head = i
				break
			}
		}
		q := p.writtenQuestion(p.body[s:head])
		q.AnsweredBy = ministry
		q.Provenance = prov(p.body[s])
		// the answer's head: "Antwort des Staatssekretärs … " and "vom 8. Oktober 2024"
		from := head
		for from < stop && from < head+3 && (from == head || p.body[from].Bold == layout.Yes && !p.body[from].Break) {
			from++
		}
		if from < stop {
			q.AnswerAt = prov(p.body[from])
			paras, tables := p.answer(q.Number, p.body[from:stop], full)
			q.Answer = prose.JoinParagraphs(paras)
			q.Tables = append([]string(nil), tables...)
		}
		p.questions = append(p.questions, qspan{number: q.Number, start: s, end: stop, index: len(p.doc.Questions)})
		p.doc.Questions = append(p.doc.Questions, q)
	}
	if len(starts) == 0 {
		p.warn(drucksache.WarnNoQuestions, nil, "no written questions (\"N. Abgeordneter …\") found")
	}
}

// writtenQuestion reads one question block: the question text in its column, the asker in the
// column beside it.
func (p *parser) writtenQuestion(lines []layout.Line) drucksache.Question {
	n, rest, _ := questionStart(lines[0].Text)
	// the question's column starts where the first line goes on after "Abgeordneter"
	col := math.NaN()
	for _, w := range lines[0].Words {
		if strings.HasPrefix(lines[0].Text[w.At:], "Abgeordnete") {
			continue
		}
		if _, _, ok := questionStart(lines[0].Text[:w.At]); ok {
			col = w.Indent // the first word after "N. Abgeordneter"
			break
		}
	}
	var text, asker string
	text = strings.TrimSpace(reWrittenAsker.ReplaceAllString(rest, ""))
	for _, l := range lines[1:] {
		left, right := splitAt(l, col)
		asker = prose.JoinLine(asker, left)
		text = prose.JoinLine(text, right)
	}
	q := drucksache.Question{Number: n, Text: strings.TrimSpace(text)}
	// a party's name broken at its slash ("(BÜNDNIS 90/" + "DIE GRÜNEN)") has no space in it
	asker = strings.ReplaceAll(asker, "/ ", "/")
	if as := parseAskers(strings.TrimSpace(asker)); len(as) > 0 {
		q.Asker = &as[0]
	}
	return q
}

// splitAt splits a line at the gap before the column that starts at indent col: the text left of
// it and the text in it. A line that starts in the column is all in it.
func splitAt(l layout.Line, col float64) (string, string) {
	if math.IsNaN(col) || l.Indent >= col-2 {
		return "", l.Text
	}
	for _, w := range l.Words {
		if math.Abs(w.Indent-col) <= 2 {
			return l.Text[:w.At], l.Text[w.At:]
		}
	}
	return l.Text, ""
}

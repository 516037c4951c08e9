package structure

import (
	"math"
	"sort"
	"strings"
	"unicode/utf8"

	drucksache "drucksache"
	"drucksache/extract/layout"
	"drucksache/extract/profile"
	"drucksache/extract/structure/internal/prose"
)

// Where a PDF sets its questions apart from the answers by their type (the Bundestag prints them
// "in kleinerer Schrifttype", indented; Niedersachsen in bold), the questions are the blocks printed
// in that type, whatever order their numbers come in: a paper that answers questions 2 and 5
// together prints them together. Text without type (a dump, clean text) keeps the longest run.

// style is the type a line is set in, as far as its reader knows it.
type style struct {
	size float64 // points, rounded to a half
	bold bool
}

func styleOf(l layout.Line) style {
	return style{size: math.Round(l.Size*2) / 2, bold: l.Bold == layout.Yes}
}

// questionStyle returns the type of the numbered questions between start and end, when the source
// prints them in a type of their own (smaller than the answers, or bold where the answers are not).
func (p *parser) questionStyle(start, end int) (style, bool) {
	var numbered, text []style
	var numN, textN []int
	count := func(ks *[]style, ns *[]int, k style, n int) {
		for i, x := range *ks {
			if x == k {
				(*ns)[i] += n
				return
			}
		}
		*ks, *ns = append(*ks, k), append(*ns, n)
	}
	for i := start; i < end; i++ {
		l := p.body[i]
		if l.Size <= 0 || l.Cells != nil || l.Table > 0 {
			continue
		}
		if n, _, ok := questionStart(l.Text); ok && n > 0 {
			count(&numbered, &numN, styleOf(l), 1)
		}
	}
	q, best := style{}, 0
	for i, k := range numbered {
		if numN[i] > best {
			q, best = k, numN[i]
		}
	}
	if best < 2 {
		return style{}, false
	}
	for i := start; i < end; i++ {
		l := p.body[i]
		if l.Size <= 0 || l.Cells != nil || l.Table > 0 || styleOf(l) == q {
			continue
		}
		count(&text, &textN, styleOf(l), utf8.RuneCountInString(l.Text))
	}
	a, best := style{}, 0
	for i, k := range text {
		if textN[i] > best {
			a, best = k, textN[i]
		}
	}
	if best == 0 {
		return style{}, false
	}
	smaller, bolder := q.size < a.size-0.4, q.bold && !a.bold
	if p.doc.Parliament != nil {
		if prof := profile.For(*p.doc.Parliament); prof != nil {
			// the parliament's profile says how it sets its questions apart
			return q, prof.Questions.Smaller && smaller || prof.Questions.Bold && bolder
		}
	}
	return q, smaller || bolder
}

// typedQuestion is one question or sub-question found in a block of question type.
type typedQuestion struct {
	q     drucksache.Question
	block int // the block it was printed in
	at    int // its first line
}

// questionsByType reads the questions between start and end from their type; it reports false when
// the source does not print them in a type of their own, or when the blocks in that type hold fewer
// questions than want (the longest run found by numbers alone).
func (p *parser) questionsByType(start, end, full, want int) bool {
	qs, ok := p.questionStyle(start, end)
	if !ok {
		return false
	}
	inType := func(i int) bool {
		l := p.body[i]
		return l.Cells == nil && l.Table == 0 && styleOf(l) == qs
	}
	// Blocks of lines in question type that start with a numbered question or, after one, with a
	// lettered sub-question; a block of that type starting otherwise (a quote in small type) is
	// answer text.
	type block struct{ from, to int }
	var blocks []block
	for i := start; i < end; {
		if !inType(i) {
			i++
			continue
		}
		j := i
		for j < end && inType(j) {
			j++
		}
		// the block starts at its first question; lines in that type before it (the askers'
		// remark, also printed small) are no question
		for k := i; k < j; k++ {
			n, _, numbered := questionStart(p.body[k].Text)
			if numbered && n > 0 || len(blocks) > 0 && k == i && prose.IsLetteredItem(p.body[k].Text) {
				blocks = append(blocks, block{k, j})
				break
			}
		}
		i = j
	}
	if len(blocks) == 0 {
		return false
	}
	var found []typedQuestion
	numbers := map[int]bool{}
	last := 0
	for b, bl := range blocks {
		// the questions of the block: it splits at each numbered line counting up
		var starts []int
		prev := 0
		for i := bl.from; i < bl.to; i++ {
			if n, _, ok := questionStart(p.body[i].Text); ok && n > prev {
				starts = append(starts, i)
				prev = n
			}
		}
		if len(starts) == 0 {
			// a lettered sub-question answered on its own: an entry of the question before it
			if last == 0 {
				continue
			}
			letter, text := letteredPart(p.joinLines(p.body[bl.from:bl.to]))
			found = append(found, typedQuestion{q: drucksache.Question{Number: last, Part: letter, Text: text, Provenance: prov(p.body[bl.from])}, block: b, at: bl.from})
			continue
		}
		for k, s := range starts {
			to := bl.to
			if k+1 < len(starts) {
				to = starts[k+1]
			}
			n, text, parts := p.typedQuestionText(p.body[s:to])
			if numbers[n] {
				return false // a number printed twice: no layout of questions this reader can trust
			}
			found = append(found, typedQuestion{q: drucksache.Question{Number: n, Text: text, Parts: parts, Provenance: prov(p.body[s])}, block: b, at: s})
			numbers[n] = true
			last = n
		}
	}
	if len(numbers) < want {
		return false
	}
	// A question whose text is one lettered part ("5. a) …") answered on its own before its next
	// part ("b) …") is the entry of that part.
	for k := range found {
		q := &found[k].q
		if q.Part != "" || k+1 >= len(found) || found[k+1].q.Number != q.Number || found[k+1].q.Part == "" {
			continue
		}
		if letter, text := letteredPart(q.Text); letter != "" && len(q.Parts) == 0 {
			q.Part, q.Text = letter, text
		}
	}
	p.remarks(start, blocks[0].from, full)
	// every question of a block shares the answer printed after it
	for b, bl := range blocks {
		to := end
		if b+1 < len(blocks) {
			to = blocks[b+1].from
		}
		var members []int
		for k := range found {
			if found[k].block == b {
				members = append(members, k)
			}
		}
		if len(members) == 0 {
			continue
		}
		lines := p.body[bl.to:to]
		paras, tables := p.answer(found[members[0]].q.Number, lines, full)
		for _, k := range members {
			q := &found[k].q
			q.Answer = prose.JoinParagraphs(paras)
			q.Tables = append([]string(nil), tables...)
			if len(lines) > 0 {
				q.AnswerAt = prov(lines[0])
			}
			for _, o := range members {
				if o != k && found[o].q.Number != q.Number {
					q.AnsweredWith = append(q.AnsweredWith, found[o].q.Number)
				}
			}
		}
	}
	// questions keep the order of their numbers, parts in the order of their letters
	sort.SliceStable(found, func(a, b int) bool {
		if found[a].q.Number != found[b].q.Number {
			return found[a].q.Number < found[b].q.Number
		}
		return found[a].q.Part < found[b].q.Part
	})
	for k, f := range found {
		stop := end
		for _, bl := range blocks[f.block+1:] {
			stop = bl.from
			break
		}
		p.doc.Questions = append(p.doc.Questions, f.q)
		p.questions = append(p.questions, qspan{number: f.q.Number, start: f.at, end: stop, index: k})
	}
	sort.SliceStable(p.questions, func(a, b int) bool { return p.questions[a].start < p.questions[b].start })
	return true
}

// typedQuestionText reads the number, text and lettered parts of one question printed in lines.
// Parts printed after a finished question sentence are its parts; parts that are the question
// ("4. a) … b) …") or continue its sentence stay in its text, as printed.
func (p *parser) typedQuestionText(lines []layout.Line) (int, string, []string) {
	n, text, _ := questionStart(lines[0].Text)
	var parts []string
	inline := prose.IsLetteredItem(text)
	for i := 1; i < len(lines); i++ {
		t := lines[i].Text
		switch {
		case !inline && prose.IsLetteredItem(t) && (len(parts) > 0 || prose.EndsSentence(text)):
			parts = append(parts, strings.TrimSpace(t))
		case len(parts) > 0:
			parts[len(parts)-1] = prose.JoinLine(parts[len(parts)-1], t)
		default:
			text = prose.JoinLine(text, t)
		}
	}
	return n, strings.TrimSpace(text), parts
}

// joinLines joins printed lines into one text.
func (p *parser) joinLines(lines []layout.Line) string {
	text := ""
	for _, l := range lines {
		text = prose.JoinLine(text, l.Text)
	}
	return strings.TrimSpace(text)
}

// letteredPart splits "b) Welche …" into its letter and text; "" when t starts with no letter.
func letteredPart(t string) (string, string) {
	t = strings.TrimSpace(t)
	if !prose.IsLetteredItem(t) {
		return "", t
	}
	return t[:1], strings.TrimSpace(t[2:])
}

package structure

import (
	"slices"
	"strconv"
	"strings"

	drucksache "drucksache"
	"drucksache/extract/internal/marks"
	"drucksache/extract/layout"
	"drucksache/extract/structure/internal/prose"
	"drucksache/internal/lazyre"
)

var (
	reRemarkAskers = lazyre.New(`^Vorbemerkung (?:der Abgeordneten|des Abgeordneten|der Fragesteller(?:in|innen)?|des Fragestellers|der Fragestellenden|der Fraktion)\s*:?$`)
	reRemarkGov    = lazyre.New(`^Vorbemerkung (?:der Landesregierung|der Bundesregierung|der Staatsregierung|des Senats)\s*:?$`)
	reTogether     = lazyre.New(`^(?:Die )?Fragen ((?:\d+[a-z]?(?:\s*,\s*|\s+und\s+|\s+bis\s+|\s*-\s*|\s*–\s*)?)+)\s*werden\b[^.:]*\b(?:zusammen|gemeinsam)\b`)
	reNumbers      = lazyre.New(`\d+`)
)

// content reads the body after the title block: preliminary remarks, then the numbered
// questions, each with its answer.
func (p *parser) content(start int) {
	end := len(p.body)
	// "(verteilt am …)" closes the document; it belongs to no answer.
	for i := start; i < len(p.body); i++ {
		t := p.body[i].Text
		if (strings.IndexByte(t, '(') < 0 || !strings.Contains(t, "erteilt am")) && !strings.HasPrefix(t, "Gesamtherstellung") && !strings.HasPrefix(t, "Vertrieb") {
			continue
		}
		if (marks.IsDistributionNote(p.body[i].Text) || isImprint(p.body[i].Text)) && end == len(p.body) {
			end = i
		}
	}
	full := prose.FullWidth(p.body[start:end])
	chain := p.questionChain(start, end, full)
	annex := end // an annex after the last answer ("Anlage") belongs to no answer
	if len(chain) > 0 {
		annex = p.annexStart(slices.Max(chain), end)
	}
	annexFull := full
	if annex < end && annex-start >= 20 {
		// the lines of an annex (a landscape table dumped as wide lines) are no measure of the answers'
		full, annexFull = prose.FullWidth(p.body[start:annex]), prose.FullWidth(p.body[annex:end])
	}
	if p.questionsByType(start, annex, full, len(chain)) {
		p.readAnnex(annex, end, annexFull)
		p.shareAnswers()
		return
	}
	if len(chain) == 0 && p.zuFrage(start, end, full) {
		p.shareAnswers()
		return
	}
	if len(chain) == 0 {
		p.warn(drucksache.WarnNoQuestions, nil, "no numbered questions found in an answer to a Kleine Anfrage")
		p.remarks(start, end, full)
		return
	}
	// a question printed out of its order (answered together with the one before it) ends where
	// the next question printed after it starts
	order := slices.Clone(chain)
	slices.Sort(order)
	p.remarks(start, order[0], full)
	for k, at := range chain {
		stop := annex
		if i, _ := slices.BinarySearch(order, at); i+1 < len(order) {
			stop = order[i+1]
		}
		p.question(k+1, at, stop, full)
	}
	slices.SortStableFunc(p.questions, func(a, b qspan) int { return a.start - b.start })
	p.readAnnex(annex, end, annexFull)
	p.shareAnswers()
}

// readAnnex reads the annex that starts at annex, before the note that closes the answer at end, or
// else one printed after that note.
func (p *parser) readAnnex(annex, end, full int) {
	if annex < end {
		p.annex(annex, end, full)
	} else if after := p.annexStart(end, len(p.body)); after < len(p.body) {
		p.annex(after, len(p.body), full)
	}
}

// remarks reads the preliminary remarks of the askers and of the government between start and end.
func (p *parser) remarks(start, end int, full int) {
	by := ""
	from := start
	flush := func(to int) {
		if by == "" || to <= from {
			return
		}
		paras := prose.Paragraphs(p.body[from:to], full, p.words)
		if len(paras) > 0 {
			p.doc.PreliminaryRemarks = append(p.doc.PreliminaryRemarks, drucksache.PreliminaryRemark{
				By: by, Text: prose.JoinParagraphs(paras), Provenance: prov(p.body[from]),
			})
		}
	}
	for i := start; i < end; i++ {
		t := strings.TrimSpace(p.body[i].Text)
		switch {
		case reRemarkAskers.MatchString(t):
			flush(i)
			by, from = drucksache.ByAskers, i+1
		case reRemarkGov.MatchString(t):
			flush(i)
			by, from = drucksache.ByGovernment, i+1
		case by == "" && i == from:
			// Text between the title block and the first question that is no remark.
			if t != "" && !strings.HasPrefix(t, "Wir fragen") {
				p.warn(drucksache.WarnUnclassifiedText, &p.body[i], "text before the first question that is not a preliminary remark: %.60q", t)
			}
			from = i + 1
		}
	}
	flush(end)
}

// cand is a numbered line that may start a question, scored by how much it looks like one.
type cand struct {
	at, number, score int
}

// questionCandidates lists the numbered lines of body[start:end] that may start a question, in
// document order, scored: bold (where the document prints bold at all), after a break or a finished
// sentence, ending in "?" within a few lines.
func (p *parser) questionCandidates(start, end int) []cand {
	var cands []cand
	anyBold := false
	for i := start; i < end; i++ {
		if p.body[i].Bold == layout.Yes {
			anyBold = true
			break
		}
	}
	for i := start; i < end; i++ {
		l := p.body[i]
		if l.Cells != nil || l.Table > 0 {
			continue
		}
		n, _, ok := questionStart(l.Text)
		if !ok || n == 0 {
			continue
		}
		if anyBold && l.Bold == layout.No {
			continue
		}
		score := 0
		if l.Bold == layout.Yes {
			score += 4
		}
		if l.Break || p.pageStart[i] || i == start {
			score += 2
		} else if i > start {
			prev := strings.TrimSpace(p.body[i-1].Text)
			switch {
			case strings.HasSuffix(prev, ":"):
				score -= 3
			case prose.EndsSentence(prev):
				score++
			default:
				score -= 2
			}
		}
		// A question ends in "?" within a few lines.
		for j := i; j < end && j < i+8; j++ {
			if j > i && (isQuestionStart(p.body[j].Text) || p.body[j].Break) {
				break
			}
			if strings.HasSuffix(strings.TrimRight(p.body[j].Text, " “”\")"), "?") {
				score += 2
				break
			}
		}
		cands = append(cands, cand{at: i, number: n, score: score})
	}
	return cands
}

// questionChain picks the lines that start questions 1, 2, 3, …: the longest run of numbered lines
// counting up from 1, preferring lines that look like questions (bold, after a break or a finished
// sentence, ending in "?"). Numbered lists inside remarks or answers lose to it.
func (p *parser) questionChain(start, end, full int) []int {
	cands := p.questionCandidates(start, end)
	// A question printed out of its order to be answered together with the one before it ("2.",
	// then "5.", then "Die Fragen 2 und 5 werden gemeinsam beantwortet") is a joint question: the
	// chain may skip its number where it was printed before.
	joint := make([]bool, len(cands))
	for c := 1; c < len(cands); c++ {
		prev, m := cands[c-1].number, cands[c].number
		if m <= prev+1 || !strings.HasSuffix(strings.TrimRight(p.body[cands[c].at-1].Text, " “”\")"), "?") {
			continue
		}
		to := end
		if c+1 < len(cands) {
			to = cands[c+1].at
		}
		for j := cands[c].at + 1; j < to && j < cands[c].at+25; j++ {
			if m := reTogether.FindStringSubmatch(strings.TrimSpace(p.body[j].Text)); m != nil {
				nums := togetherNumbers(m[1])
				joint[c] = slices.Contains(nums, prev) && slices.Contains(nums, cands[c].number)
				break
			}
		}
	}
	// Longest chain 1, 2, …, n in document order; among equally long ones the best scored. A
	// candidate numbered n continues the best-scored full chain 1 … k ending before it (the first of
	// equal scores), where k = n-1 or every number between k and n was printed before it as a joint
	// question; ends[k] holds that chain's end, so the search is linear in the candidates.
	type best struct{ length, score, prev int }
	bests := make([]best, len(cands))
	ends := map[int]int{}       // number -> the first best-scored candidate ending a full chain 1 … number
	jointSeen := map[int]bool{} // numbers printed so far as joint questions
	top := -1
	for c := range cands {
		bests[c] = best{length: 0, prev: -1}
		n := cands[c].number
		if joint[c] {
			jointSeen[n] = true
			continue
		}
		if n == 1 {
			bests[c] = best{length: 1, score: cands[c].score, prev: -1}
		}
		for k := n - 1; k >= 1 && (k == n-1 || jointSeen[k+1]); k-- {
			q, ok := ends[k]
			if !ok {
				continue
			}
			b := best{length: n, score: bests[q].score + cands[c].score, prev: q}
			if bests[c].length < b.length || (bests[c].length == b.length &&
				(b.score > bests[c].score || b.score == bests[c].score && q < bests[c].prev)) {
				bests[c] = b
			}
		}
		if bests[c].length == n {
			if q, ok := ends[n]; !ok || bests[c].score > bests[q].score {
				ends[n] = c
			}
		}
		if bests[c].length > 0 && (top < 0 || bests[c].length > bests[top].length ||
			(bests[c].length == bests[top].length && bests[c].score > bests[top].score)) {
			top = c
		}
	}
	if top < 0 {
		return nil
	}
	chain := make([]int, bests[top].length)
	for i := range chain {
		chain[i] = -1
	}
	for c := top; c >= 0; c = bests[c].prev {
		chain[cands[c].number-1] = cands[c].at
	}
	for c := range cands {
		if joint[c] && cands[c].number <= len(chain) && chain[cands[c].number-1] < 0 {
			chain[cands[c].number-1] = cands[c].at
		}
	}
	return chain
}

// question reads question number n from body[at:stop]: its text (and lettered parts), then its answer.
func (p *parser) question(n, at, stop, full int) {
	block := p.body[at:stop]
	qlen, partsAt := questionExtent(block)
	first := block[0]
	_, text, _ := questionStart(first.Text)
	var parts []string
	for i := 1; i < qlen; i++ {
		if partsAt > 0 && i >= partsAt {
			if prose.IsLetteredItem(block[i].Text) {
				parts = append(parts, strings.TrimSpace(block[i].Text))
			} else if len(parts) > 0 {
				parts[len(parts)-1] = prose.JoinLine(parts[len(parts)-1], block[i].Text)
			}
			continue
		}
		text = prose.JoinLine(text, block[i].Text)
	}
	q := drucksache.Question{
		Number:     n,
		Text:       strings.TrimSpace(text),
		Parts:      parts,
		Provenance: prov(first),
	}
	answer := block[qlen:]
	if len(answer) > 0 {
		q.AnswerAt = prov(answer[0])
	}
	paras, tables := p.answer(n, answer, full)
	q.Answer = prose.JoinParagraphs(paras)
	for _, t := range tables {
		q.Tables = append(q.Tables, t)
	}
	p.questions = append(p.questions, qspan{number: n, start: at, end: stop, index: len(p.doc.Questions)})
	p.doc.Questions = append(p.doc.Questions, q)
}

// questionExtent says how many lines of a question block are the question, and where its lettered
// parts start (0: none). With bold known, the question is its bold lines; in clean text, its first
// paragraph; in text dumped from a PDF, the lines up to the one that ends the question with "?" or
// ".", followed by any lettered parts ("a) Falls ja, …").
func questionExtent(block []layout.Line) (int, int) {
	if block[0].Bold == layout.Yes {
		n := 1
		for n < len(block) && block[n].Bold == layout.Yes && block[n].Cells == nil {
			n++
		}
		return n, partsStart(block[:n])
	}
	n := 1
	for n < len(block) {
		prev := block[n-1].Text
		l := block[n]
		if l.Break || l.Cells != nil || n >= 12 {
			break
		}
		if prose.EndsSentence(prev) && !strings.HasSuffix(strings.TrimSpace(prev), ":") {
			// The question ended, unless another sentence of it follows on a line that ends in "?"
			// or lettered parts follow.
			if prose.IsLetteredItem(l.Text) || strings.HasSuffix(strings.TrimRight(l.Text, " “”\""), "?") {
				n++
				continue
			}
			if partOpen(block, n) {
				n++
				continue
			}
			break
		}
		n++
	}
	return n, partsStart(block[:n])
}

// partOpen reports whether line n continues a lettered part that has not ended yet.
func partOpen(block []layout.Line, n int) bool {
	for i := n - 1; i > 0; i-- {
		if prose.IsLetteredItem(block[i].Text) {
			return !prose.EndsSentence(block[n-1].Text)
		}
	}
	return false
}

// partsStart is the index of the first lettered part that follows a finished question sentence
// (parts inside an unfinished sentence belong to the question text), or 0.
func partsStart(q []layout.Line) int {
	for i := 1; i < len(q); i++ {
		if prose.IsLetteredItem(q[i].Text) {
			if prose.EndsSentence(q[i-1].Text) {
				return i
			}
			return 0
		}
	}
	return 0
}

// shareAnswers gives questions answered together ("Die Fragen 5 bis 7 werden zusammen beantwortet")
// the common answer, and lists the others in answered_with.
func (p *parser) shareAnswers() {
	qs := p.doc.Questions
	for i := range qs {
		if !strings.Contains(qs[i].Answer[:min(len(qs[i].Answer), 200)], "Fragen") {
			continue
		}
		m := reTogether.FindStringSubmatch(qs[i].Answer)
		if m == nil {
			continue
		}
		nums := togetherNumbers(m[1]) // "39 und 39a": one question with its part, no others
		if len(nums) < 2 {
			continue
		}
		for _, n := range nums {
			for j := range qs {
				if qs[j].Number != n {
					continue
				}
				if j != i && strings.TrimSpace(qs[j].Answer) == "" {
					qs[j].Answer = qs[i].Answer
					qs[j].Tables = append([]string(nil), qs[i].Tables...)
					qs[j].AnswerAt = qs[i].AnswerAt
				}
				var with []int
				for _, o := range nums {
					if o != n {
						with = append(with, o)
					}
				}
				qs[j].AnsweredWith = with
			}
		}
	}
}

// togetherNumbers expands "5 bis 7" and "10, 11 und 12" into question numbers.
func togetherNumbers(s string) []int {
	var nums []int
	found := reNumbers.FindAllString(s, -1)
	for i, f := range found {
		n, _ := strconv.Atoi(f)
		nums = append(nums, n)
		if i+1 < len(found) {
			between := s[strings.Index(s, f)+len(f):]
			if k := strings.Index(between, found[i+1]); k >= 0 && (strings.Contains(between[:k], "bis") || strings.Contains(between[:k], "-") || strings.Contains(between[:k], "–")) {
				to, _ := strconv.Atoi(found[i+1])
				for x := n + 1; x < to && x-n < 50; x++ {
					nums = append(nums, x)
				}
			}
		}
	}
	// a number named twice ("39 und 39a") counts once
	out := nums[:0]
	seen := map[int]bool{}
	for _, n := range nums {
		if !seen[n] {
			seen[n] = true
			out = append(out, n)
		}
	}
	return out
}

// isImprint reports the printer's imprint that closes a Bundestag Drucksache.
func isImprint(t string) bool {
	t = strings.TrimSpace(t)
	return strings.HasPrefix(t, "Gesamtherstellung:") || strings.HasPrefix(t, "Vertrieb: Bundesanzeiger")
}

// questionStart reads the number and text of a line that starts a numbered question ("12. Wie …").
func questionStart(t string) (int, string, bool) {
	i := 0
	for i < len(t) && (t[i] == ' ' || t[i] == '\t') {
		i++
	}
	n, d := 0, 0
	for i < len(t) && t[i] >= '0' && t[i] <= '9' && d < 3 {
		n = n*10 + int(t[i]-'0')
		i++
		d++
	}
	if d == 0 || i+1 >= len(t) || t[i] != '.' || (t[i+1] != ' ' && t[i+1] != '\t') {
		return 0, "", false
	}
	rest := strings.TrimSpace(t[i+1:])
	if rest == "" {
		return 0, "", false
	}
	return n, rest, true
}

// isQuestionStart reports whether t starts like a numbered question.
func isQuestionStart(t string) bool {
	_, _, ok := questionStart(t)
	return ok
}

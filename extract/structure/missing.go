package structure

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	drucksache "drucksache"
)

// missingQuestions warns where questions may have been lost: the numbers found skip some (a reader
// must never get 4 of 39 without being told), or one answer is far longer than the others and holds
// lines that read like numbered questions, which the parser then took for answer text.
func (p *parser) missingQuestions() {
	qs := p.doc.Questions
	if len(qs) == 0 {
		return
	}
	seen := map[int]bool{}
	top := 0
	for _, q := range qs {
		seen[q.Number] = true
		top = max(top, q.Number)
	}
	var gap []string
	for n := 1; n < top; n++ {
		if !seen[n] {
			gap = append(gap, strconv.Itoa(n))
		}
	}
	if len(gap) > 0 {
		p.warn(drucksache.WarnQuestionMissing, nil, "questions found up to %d, but not %s", top, strings.Join(gap, ", "))
	}
	lengths := make([]int, 0, len(qs))
	for _, q := range qs {
		lengths = append(lengths, utf8.RuneCountInString(q.Answer))
	}
	sort.Ints(lengths)
	median := lengths[len(lengths)/2]
	for _, q := range qs {
		n := utf8.RuneCountInString(q.Answer)
		if n < 2000 || n < 4*max(median, 1) {
			continue
		}
		var like []string
		for _, para := range strings.Split(q.Answer, "\n") {
			if k, _, ok := questionStart(para); ok && k > 0 && strings.HasSuffix(strings.TrimRight(para, " “”\")"), "?") {
				like = append(like, strconv.Itoa(k)+".")
			}
		}
		if len(like) >= 2 {
			msg := fmt.Sprintf("the answer to question %d is %d characters, %d times the median answer, and holds %d lines that read like numbered questions (%s)",
				q.Number, n, n/max(median, 1), len(like), strings.Join(like[:min(len(like), 5)], ", "))
			if len(like) > 5 {
				msg += ", …"
			}
			p.doc.Warnings = append(p.doc.Warnings, drucksache.Warning{Code: drucksache.WarnQuestionMissing, Message: msg, Provenance: q.AnswerAt})
		}
	}
}

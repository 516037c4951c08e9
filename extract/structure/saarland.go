package structure

import (
	"sort"
	"strings"

	drucksache "drucksache"
	"drucksache/extract/structure/internal/prose"
	"drucksache/internal/lazyre"
)

// Some parliaments (the Saarland among them) print the questions without their numbers and
// answer each under "Zu Frage 2:" or "Zu den Fragen 1 und 3:", the questions standing right above
// that line. zuFrage reads such answers; it is used only when no numbered questions were found.

var (
	reZuFrage = lazyre.New(`^Zu (?:den )?Fragen? (\d+(?:(?:\s*,\s*|\s+und\s+|\s+bis\s+|\s*[-–]\s*)\d+)*)\s*:?$`)
	reSLHead  = lazyre.New(`Drucksache (\d+/\d+) \((\d+/\d+)\)`)
	reSLAsker = lazyre.New(`^Anfrage (?:des|der) Abgeordneten (.+\))\s*$`)
	reDate    = lazyre.New(`^\d{1,2}\.\d{1,2}\.\d{4}$`)
	reIssued  = lazyre.New(`^Ausgegeben: (\d{1,2}\.\d{1,2}\.\d{4})`)
)

// zuFrage reads questions answered under "Zu Frage N:" lines between start and end; it reports
// whether it found any.
func (p *parser) zuFrage(start, end, full int) bool {
	var marks []int
	for i := start; i < end; i++ {
		if reZuFrage.MatchString(strings.TrimSpace(p.body[i].Text)) {
			marks = append(marks, i)
		}
	}
	if len(marks) == 0 {
		return false
	}
	byNumber := map[int]*drucksache.Question{}
	// Text before each mark: the answer to the previous mark, then the questions of this one.
	from := start
	var prevNums []int
	prevAt := -1
	for k := 0; k <= len(marks); k++ {
		to := end
		var nums []int
		if k < len(marks) {
			to = marks[k]
			nums = togetherNumbers(reZuFrage.FindStringSubmatch(strings.TrimSpace(p.body[to].Text))[1])
		}
		// Paragraphs here end at blank lines only: questions and answers are short lines.
		paras, at := prose.ParagraphsAt(p.body[from:to], -1, p.words)
		// The last len(nums) paragraphs are the questions of this mark.
		nq := len(nums)
		if nq > len(paras) {
			nq = len(paras)
		}
		answer := paras[:len(paras)-nq]
		if k == 0 {
			p.remarks(start, from+firstOr(at, len(paras)-nq, to-from), full)
		} else {
			for _, n := range prevNums {
				q := byNumber[n]
				q.Answer = prose.JoinParagraphs(answer)
				q.AnswerAt = prov(p.body[prevAt])
				for _, o := range prevNums {
					if o != n {
						q.AnsweredWith = append(q.AnsweredWith, o)
					}
				}
			}
		}
		for j, n := range nums {
			q := &drucksache.Question{Number: n}
			if idx := len(paras) - nq + j - (len(nums) - nq); idx >= len(paras)-nq && idx < len(paras) {
				q.Text = paras[idx]
				q.Provenance = prov(p.body[from+at[idx]])
			} else {
				q.Provenance = prov(p.body[to])
				p.warn(drucksache.WarnQuestionTextNotFound, &p.body[to], "the text of question %d was not found above %q", n, strings.TrimSpace(p.body[to].Text))
			}
			if _, dup := byNumber[n]; !dup {
				byNumber[n] = q
			}
		}
		prevNums, prevAt, from = nums, to, to+1
	}
	var numbers []int
	for n := range byNumber {
		numbers = append(numbers, n)
	}
	sort.Ints(numbers)
	for i, n := range numbers {
		if n != i+1 {
			p.warn(drucksache.WarnQuestionNumberingGap, nil, "questions answered under \"Zu Frage\" lines are numbered %v", numbers)
			break
		}
	}
	for _, n := range numbers {
		q := byNumber[n]
		q.Tables = []string{}
		p.doc.Questions = append(p.doc.Questions, *q)
	}
	return true
}

// firstOr returns at[i], or def when i is out of range.
func firstOr(at []int, i, def int) int {
	if i >= 0 && i < len(at) {
		return at[i]
	}
	return def
}

// saarland reads the title block of a Saarland answer ("A N T W O R T zu der Anfrage des
// Abgeordneten … betr.: …"); it returns the body index after it, or -1.
func (p *parser) saarland() int {
	a := -1
	for i := 0; i < len(p.body) && i < frontLimit; i++ {
		if t := strings.TrimSpace(p.body[i].Text); t == "A N T W O R T" || t == "ANTWORT" {
			a = i
			break
		}
	}
	if a < 0 {
		return -1
	}
	p.doc.Kind = drucksache.KindAnswer
	p.doc.AnsweredBy = "der Landesregierung"
	for i := 0; i < a; i++ {
		t := strings.TrimSpace(p.body[i].Text)
		if m := reSLHead.FindStringSubmatch(t); m != nil {
			p.doc.Drucksache = ptr(m[1])
			p.doc.QuestionDrucksache = ptr(m[2])
		}
		if reDate.MatchString(t) {
			p.doc.AnsweredOn = ptr(t)
		}
	}
	for i := a; i < len(p.body) && i < a+frontLimit*2; i++ {
		if m := reIssued.FindStringSubmatch(p.body[i].Text); m != nil {
			p.doc.DistributedOn = ptr(m[1])
		}
	}
	end := a + 1
	var title string
	inTitle := false
	for i := a + 1; i < len(p.body) && i < a+12; i++ {
		t := strings.TrimSpace(p.body[i].Text)
		switch {
		case reSLAsker.MatchString(t):
			p.doc.Askers = parseAskers(reSLAsker.FindStringSubmatch(t)[1])
		case strings.HasPrefix(t, "betr.:"):
			title, inTitle = strings.TrimSpace(strings.TrimPrefix(t, "betr.:")), true
		case inTitle && !reRemarkAskers.MatchString(t) && !reRemarkGov.MatchString(t):
			title = prose.JoinLine(title, t)
		case inTitle:
			i = len(p.body) // the remarks begin
			continue
		}
		end = i + 1
	}
	p.doc.Title = title
	return end
}

package structure

import (
	"strconv"
	"strings"

	drucksache "drucksache"
	"drucksache/extract/profile"
	"drucksache/extract/structure/internal/prose"
	"drucksache/internal/lazyre"
)

var (
	reKleineAnfrage = lazyre.New(`Kleine Anfrage zur (kurzfristigen )?schriftlichen Beantwortung`)
	reAskersBlock   = lazyre.New(`Anfrage (?:des|der) Abgeordneten (.+?)(?:, einge-? ?gangen am|$| Antwort de[sr] )`)
	reReceived      = lazyre.New(`eingegangen am (\d{1,2}\.\s?\d{1,2}\.\s?\d{4}|\d{1,2}\. [A-ZÄÖÜ][a-zäöü]+ \d{4})`)
	reQuestionDS    = lazyre.New(`eingegangen am [^-–]*[-–]\s*(?:Drs\.|Drucksache)\s*(\d+\s*/\s*\d+)`)
	reForwarded     = lazyre.New(`übersandt am (\d{1,2}\.\s?\d{1,2}\.\s?\d{4}|\d{1,2}\. [A-ZÄÖÜ][a-zäöü]+ \d{4})`)
	reAnswer        = lazyre.New(`Antwort ((?:des|der) .+?)(?: namens der Landesregierung)? vom (\d{1,2}\.\s?\d{1,2}\.\s?\d{4}|\d{1,2}\. [A-ZÄÖÜ][a-zäöü]+ \d{4})`)
	reAnswerHead    = lazyre.New(`Antwort (?:des|der) .+? namens der Landesregierung`)
	reTitleEnd      = lazyre.New(`Anfrage (?:des|der) Abgeordneten .+?, einge-? ?gangen am`)
	reUnterrichtung = lazyre.New(`^Unterrichtung\b`)
	reGesetzentwurf = lazyre.New(`^Gesetzentwurf\b`)
	reBTAnswer      = lazyre.New(`Antwort\s+der Bundesregierung`)
	reWahlperiodeDS = lazyre.New(`^(\d+)/\d+$`)
)

// frontLimit is how many lines the title block of a Drucksache can take.
const frontLimit = 40

// frontMatter reads kind, askers, ministry, title, dates and the question's Drucksache from the
// title block, and returns the index of the first body line after it.
func (p *parser) frontMatter() int {
	n := len(p.body)
	if n > frontLimit {
		n = frontLimit
	}
	// The title block ends at the answer line with its date ("… namens der Landesregierung vom 27.07.2026").
	var buf []byte
	ends := make([]int, n) // length of text after line i
	for i := 0; i < n; i++ {
		buf = prose.AppendLine(buf, p.body[i].Text, nil)
		ends[i] = len(buf)
	}
	text := string(buf)
	end := 0
	if loc := lastAnswerEnd(text); loc > 0 {
		for i := 0; i < n; i++ {
			if ends[i] >= loc {
				end = i + 1
				text = text[:loc]
				break
			}
		}
	}
	first := strings.TrimSpace(p.body[0].Text)
	switch {
	case p.webPage:
		p.doc.Kind = drucksache.KindUnknown
	case reKleineAnfrage.MatchString(text) && strings.Contains(text, "Antwort") && reAskersBlock.MatchString(text):
		p.doc.Kind = drucksache.KindAnswer
		p.doc.Urgent = strings.Contains(reKleineAnfrage.FindString(text), "kurzfristigen")
	case reBTAnswer.MatchString(text) || (strings.Contains(text, "Kleine Anfrage") && strings.Contains(text, "Wir fragen die Bundesregierung")):
		p.doc.Kind = drucksache.KindAnswer
	case first == "Antrag":
		p.doc.Kind = drucksache.KindMotion
	case first == "Schriftliche Fragen":
		p.doc.Kind = drucksache.KindWritten
	case reUnterrichtung.MatchString(first) || strings.HasPrefix(text, "Unterrichtung"):
		p.doc.Kind = drucksache.KindUnterrichtung
	case reGesetzentwurf.MatchString(first):
		p.doc.Kind = drucksache.KindBill
	case withdrawn(text):
		p.doc.Kind = drucksache.KindWithdrawn
	case strings.Contains(text, "Anfrage") && strings.Contains(text, "Abgeordneten") && (strings.Contains(text, "ANTWORT") || strings.Contains(text, "Antwort")):
		p.doc.Kind = drucksache.KindAnswer
	}
	if p.doc.Kind == drucksache.KindAnswer && withdrawn(text) && !strings.Contains(text, "Antwort de") {
		p.doc.Kind = drucksache.KindWithdrawn
	}
	if p.doc.Kind != drucksache.KindAnswer && p.doc.Kind != drucksache.KindWritten {
		p.warn(drucksache.WarnNotAnAnswer, &p.body[0], "the document is not an answer to a Kleine Anfrage (kind %s); no questions extracted", p.doc.Kind)
	}

	if m := reAskersBlock.FindStringSubmatch(text); m != nil {
		p.doc.Askers = parseAskers(m[1])
	}
	if m := reReceived.FindStringSubmatch(text); m != nil {
		p.doc.ReceivedOn = ptr(m[1])
	}
	if m := reQuestionDS.FindStringSubmatch(text); m != nil {
		p.doc.QuestionDrucksache = ptr(strings.ReplaceAll(m[1], " ", ""))
	}
	if m := reForwarded.FindStringSubmatch(text); m != nil {
		p.doc.ForwardedOn = ptr(m[1])
	}
	if m := lastAnswer(text); m != nil {
		p.doc.AnsweredBy = strings.TrimSpace(m[1])
		p.doc.AnsweredOn = ptr(m[2])
	}
	p.doc.Title = title(text)
	switch p.doc.Kind {
	case drucksache.KindBill, drucksache.KindMotion, drucksache.KindUnterrichtung, drucksache.KindWithdrawn, drucksache.KindWritten:
		if t := p.subject(); t != "" || p.doc.Title == "" {
			p.doc.Title = t
		}
	}
	if p.doc.Title == "" && p.doc.Kind == drucksache.KindAnswer {
		p.warn(drucksache.WarnNoTitle, &p.body[0], "no subject line found in the title block")
	}
	if p.doc.Wahlperiode == nil && p.doc.QuestionDrucksache != nil {
		if m := reWahlperiodeDS.FindStringSubmatch(*p.doc.QuestionDrucksache); m != nil {
			if wp, err := strconv.Atoi(m[1]); err == nil {
				p.doc.Wahlperiode = &wp
			}
		}
	}
	return end
}

// lastAnswerEnd is the end of the first answer line with a date ("Antwort … vom 27.07.2026") in text, or -1.
func lastAnswerEnd(text string) int {
	for i := strings.Index(text, "Antwort de"); i >= 0; {
		// The answer line ends before the next "Anfrage"/"Antwort": match within that window.
		window := text[i:]
		if k := nextBlock(window[len("Antwort de"):]); k >= 0 {
			window = window[:len("Antwort de")+k]
		}
		if loc := reAnswer.FindStringSubmatchIndex(window); loc != nil && loc[0] == 0 {
			if g := text[i+loc[2] : i+loc[3]]; !strings.Contains(g, "Antwort") && !strings.Contains(g, "Anfrage") {
				return i + loc[1]
			}
		}
		j := strings.Index(text[i+1:], "Antwort de")
		if j < 0 {
			break
		}
		i += 1 + j
	}
	return -1
}

// nextBlock is the index of the next "Anfrage " or "Antwort " in s, or -1.
func nextBlock(s string) int {
	a, b := strings.Index(s, "Anfrage "), strings.Index(s, "Antwort ")
	switch {
	case a < 0:
		return b
	case b < 0 || a < b:
		return a
	}
	return b
}

// lastAnswer matches reAnswer at the last "Antwort de…" that it fits, so that the ministry is not
// taken from "mit Antwort der Landesregierung" or the first answer line of the title block.
func lastAnswer(text string) []string {
	for i := strings.LastIndex(text, "Antwort de"); i >= 0; i = strings.LastIndex(text[:i], "Antwort de") {
		if m := reAnswer.FindStringSubmatch(text[i:]); m != nil && !strings.Contains(m[1], "Antwort") && !strings.Contains(m[1], "Anfrage") {
			return m
		}
	}
	return nil
}

// title is the subject line: what the title block prints between the first answer line and the
// repeated "Anfrage der Abgeordneten …, eingegangen am".
func title(text string) string {
	head := reAnswerHead.FindStringIndex(text)
	if head == nil {
		return ""
	}
	tail := reTitleEnd.FindStringIndex(text[head[1]:])
	if tail == nil {
		return ""
	}
	return strings.TrimSpace(text[head[1] : head[1]+tail[0]])
}

// reOthers is the phrase that stands for askers not named: "und weiterer Abgeordneter".
var reOthers = lazyre.New(`^(?:weiterer|weitere|weiteren) Abgeordnete[rn]?$`)

// parseAskers splits "Omid Najafi, Holger Kühnlenz, Dennis Jahn und Stephan Bothe (AfD)" into askers;
// a list may carry several parties ("A (CDU) und B (SPD)").
func parseAskers(s string) []drucksache.Asker {
	var out []drucksache.Asker
	for s != "" {
		open := strings.Index(s, "(")
		if open < 0 {
			break
		}
		close := strings.Index(s[open:], ")")
		if close < 0 {
			break
		}
		names, party := s[:open], strings.TrimSpace(s[open+1:open+close])
		s = strings.TrimSpace(s[open+close+1:])
		s = strings.TrimPrefix(strings.TrimPrefix(s, ","), " ")
		s = strings.TrimPrefix(s, "und ")
		names = strings.ReplaceAll(names, " und ", ", ")
		for _, n := range strings.Split(names, ",") {
			n = strings.TrimSpace(n)
			n = strings.TrimPrefix(n, "und ")
			if n != "" && !reOthers.MatchString(n) {
				out = append(out, drucksache.Asker{Name: n, Party: party})
			}
		}
	}
	return out
}

// inferParliament names the parliament where no running header printed it, from the rules
// and ministries the title block cites (Niedersachsen: "GO LT", "Niedersächsischen …").
func (p *parser) inferParliament() {
	if p.doc.Parliament != nil {
		return
	}
	var head strings.Builder
	for i := 0; i < len(p.body) && i < frontLimit; i++ {
		head.WriteString(p.body[i].Text)
		head.WriteByte('\n')
	}
	h := head.String()
	if prof := profile.Named(h); prof != nil {
		p.doc.Parliament = ptr(prof.Parliament)
	}
	if p.doc.Wahlperiode == nil {
		if m := reHeaderWP.FindStringSubmatch(h); m != nil {
			if n, err := strconv.Atoi(m[1]); err == nil {
				p.doc.Wahlperiode = &n
			}
		}
	}
	if p.doc.Drucksache == nil {
		if m := reHeaderDS.FindStringSubmatch(h); m != nil {
			p.doc.Drucksache = ptr(strings.ReplaceAll(m[1], " ", ""))
		}
	}
}

var (
	// reAuthors starts the authors of a paper under its kind: "der Fraktion der SPD", "der Abgeordneten …".
	reAuthors = lazyre.New(`^(?:der|des|durch die|durch den) `)
	// reSender is a line of the sender's block of a notice: its place and date, the sender, its office.
	reSender = lazyre.New(`^(?:[A-ZÄÖÜ][a-zäöü]+, den \d|Die Präsidentin|Der Präsident|- ?Landtagsverwaltung ?-|Der [A-Z][a-zäöü]+ Ministerpräsident|Die Ministerpräsidentin|Der Ministerpräsident|Die Landesregierung$|Die Bundesregierung$|(?:Der |Die |Das )?(?:Niedersächsische[rs]? |Bayerische[rs]? |Hessische[rs]? )?(?:[A-ZÄÖÜ][a-zäöüß-]*)?(?:[Mm]inisterium|[Mm]inisterin|[Mm]inister|Staatskanzlei)(?: (?:für|der|des) [^.:]*)?$)`)
	// reNoticeOf is a line by which a notice names the question it is about: its kind, the rule.
	reNoticeOf = lazyre.New(`^(?:(?:Kleine|Dringliche|Große) Anfrage\b|gemäß § |mit Antwort de[rs] )`)
	// reAskersLine starts the askers of the question a notice is about: "Anfrage der Abgeordneten … (AfD)".
	reAskersLine = lazyre.New(`^Anfrage (?:des|der) Abgeordneten `)
	// reSubjectEnd is a line that follows the subject of a paper: what the paper refers to, or its text.
	reSubjectEnd = lazyre.New(`^(?:eingegangen am|Antrag (?:der|des)|Beschluss|Anfrage|Bezug|Drs\.|Drucksache|Gesetzentwurf (?:der|des)|Sehr geehrte|Der (?:Deutsche )?(?:Bundestag|Landtag) (?:wolle|möge|hat)|A\. (?:Problem|Zielsetzung)|Problem und Ziel|Bericht|Vorbemerkung|Verzeichnis)`)
)

// subject is the printed title of a paper that is no answer: what follows its kind ("Antrag",
// "Gesetzentwurf", "Unterrichtung", "Schriftliche Fragen"), its authors ("der Fraktion der SPD",
// "der Abgeordneten …") and a notice's sender ("Hannover, den …", "Die Präsidentin des …"), up to
// the next paragraph or the line that starts what it refers to or its text. A compilation of written
// questions is titled by its heading ("Schriftliche Fragen mit den in der Woche vom … eingegangenen
// Antworten der Bundesregierung").
func (p *parser) subject() string {
	n := min(len(p.body), frontLimit)
	i := 0
	for i < n && !isKindLine(strings.TrimSpace(p.body[i].Text)) {
		i++
	}
	if i == n {
		return ""
	}
	breaks := false // the source marks its paragraphs (a PDF, clean text)
	for k := 1; k < n; k++ {
		breaks = breaks || p.body[k].Break
	}
	j := i + 1
	title := ""
	if p.doc.Kind == drucksache.KindWritten {
		j, title = i, ""
	}
	if j < n && reAuthors.MatchString(strings.TrimSpace(p.body[j].Text)) {
		// the authors: up to the next paragraph, or to the line naming their group ("der Fraktion der
		// SPD"), or one line naming a body ("der Landesregierung")
		first := j
		for j++; j < n; j++ {
			t, prev := strings.TrimSpace(p.body[j].Text), strings.TrimSpace(p.body[j-1].Text)
			group := !strings.HasSuffix(prev, ",") && (strings.Contains(prev, "Fraktion") || j-1 == first && !strings.Contains(prev, "Abgeordnete"))
			if breaks && p.body[j].Break || group {
				break
			}
			if reSubjectEnd.MatchString(t) {
				break
			}
		}
	}
	for j < n && reSender.MatchString(strings.TrimSpace(p.body[j].Text)) {
		j++
	}
	// a notice about a question (withdrawn, say) names it first: its kind and rule, then its askers
	for j < n {
		t := strings.TrimSpace(p.body[j].Text)
		if reNoticeOf.MatchString(t) {
			j++
			continue
		}
		if reAskersLine.MatchString(t) {
			for j < n && !strings.Contains(p.body[j].Text, ")") {
				j++
			}
			j++
			continue
		}
		break
	}
	for k := j; k < n && k < j+6; k++ {
		t := strings.TrimSpace(p.body[k].Text)
		heading := p.doc.Kind == drucksache.KindWritten && k == i+1 // its heading goes on after "Schriftliche Fragen"
		if k > j && (p.body[k].Break && breaks && !heading || reSubjectEnd.MatchString(t) || reSender.MatchString(t)) {
			break
		}
		if k == j && reSubjectEnd.MatchString(t) {
			return ""
		}
		title = prose.JoinLine(title, p.body[k].Text)
	}
	return strings.TrimSpace(title)
}

// isKindLine reports the line that names a paper's kind under its running header.
func isKindLine(t string) bool {
	switch t {
	case "Antrag", "Gesetzentwurf", "Unterrichtung", "Schriftliche Fragen", "Beschlussempfehlung":
		return true
	}
	return reGesetzentwurf.MatchString(t) && len(t) < 40 || reUnterrichtung.MatchString(t) && len(t) < 40
}

// withdrawn reports a notice that a question was withdrawn ("zurückgezogen").
func withdrawn(text string) bool {
	return strings.Contains(text, "zurückgezogen") || strings.Contains(text, "Zurückgezogen") || strings.Contains(text, "ZURÜCKGEZOGEN")
}

package prose

import (
	"bytes"
	"index/suffixarray"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"drucksache/extract/layout"
)

// conjunctions after which a hyphen at a line end is a printed hyphen of an elided compound
// ("Landes- und Kommunalverwaltung"), not a word broken at the line end.
var conjunctions = map[string]bool{
	"und": true, "oder": true, "bis": true, "bzw.": true, "sowie": true, "als": true,
	"noch": true, "wie": true, "statt": true, "u.": true, "beziehungsweise": true, "respektive": true,
}

// JoinLine appends the next printed line to text by the rules a careful reader applies:
// a word broken at the line end is joined (`niedersächsi-` + `schen`), a printed hyphen stays
// (`Landes- und`, `Open-Source`, `Nicht-Opfer- ` + `delikte`), otherwise the lines meet with a space.
// next may carry the trailing spaces of dumped text: "Opfer- " (hyphen then space) is a printed hyphen.
func JoinLine(text, next string) string { return joinLineIn(text, next, nil) }

// joinLineIn is JoinLine with the whole text of the document at hand: a word the line end breaks
// is written the way the document prints it elsewhere, joined ("FIT-" + "Connect" is "FITConnect",
// "so-" + "wie" is "sowie") or with its hyphen ("Ende-" + "zu-Ende" is "Ende-zu-Ende"), when it prints
// one form and not the other.
func joinLineIn(text, next string, words *Vocabulary) string {
	keep, sep, nextT := joinPlan(text, next, words)
	if nextT == "" {
		return text
	}
	return text[:keep] + sep + nextT
}

// AppendLine is joinLineIn on a byte buffer, so that a paragraph is built in linear time.
func AppendLine(buf []byte, next string, words *Vocabulary) []byte {
	start := len(buf) - 128 // the rules look at the last word only, however long (a URL)
	if sp := bytes.LastIndexByte(buf, ' '); sp >= 0 && sp < start {
		start = sp
	}
	if start < 0 {
		start = 0
	}
	for start > 0 && !utf8.RuneStart(buf[start]) {
		start--
	}
	keep, sep, nextT := joinPlan(string(buf[start:]), next, words)
	if nextT == "" {
		return buf
	}
	buf = append(buf[:start+keep], sep...)
	return append(buf, nextT...)
}

// joinPlan decides how text and the next line meet: how many bytes of text to keep, the separator,
// and the next line trimmed.
func joinPlan(text, next string, words *Vocabulary) (int, string, string) {
	nextT := strings.TrimSpace(next)
	if nextT == "" {
		return len(text), "", ""
	}
	trailingSpace := len(text) > 0 && (text[len(text)-1] == ' ' || strings.HasSuffix(text, "\u00a0"))
	t := strings.TrimRight(text, " \t\u00a0")
	if t == "" {
		return 0, "", nextT
	}
	if urlGoesOn(t, nextT) {
		return len(t), "", nextT // a URL broken at the line end: "…/sites/landespla" + "nung.hessen.de/…"
	}
	if !strings.HasSuffix(t, "-") || strings.HasSuffix(t, "--") {
		if strings.ContainsRune(".,;:!?)", rune(nextT[0])) {
			return len(t), "", nextT // a sign the line break pushed to the next line ("führen" + ". Das")
		}
		if before, _ := utf8.DecodeLastRuneInString(strings.TrimSuffix(t, "/")); strings.HasSuffix(t, "/") && unicode.IsLetter(before) && StartsLowercase(nextT) {
			return len(t), "", nextT // a slash joining two words ("richterlicher/" + "staatsanwaltlicher", "und/" + "oder")
		}
		return len(t), " ", nextT
	}
	before, _ := utf8.DecodeLastRuneInString(t[:len(t)-1])
	if before == ' ' || len(t) == 1 {
		// A hyphen leading the next word follows a conjunction or a comma ("und -bildung",
		// "Personalgewinnung, -sicherung"); otherwise it is a dash standing alone ("2020 - 2026").
		prevWord := strings.TrimSpace(t[:len(t)-1])
		if k := strings.LastIndexAny(prevWord, " \t"); k >= 0 {
			prevWord = prevWord[k+1:]
		}
		if !trailingSpace && (conjunctions[prevWord] || strings.HasSuffix(prevWord, ",")) {
			return len(t), "", nextT
		}
		return len(t), " ", nextT
	}
	word := nextT
	if i := strings.IndexAny(word, " \t"); i >= 0 {
		word = word[:i]
	}
	if words != nil && unicode.IsLetter(before) && !trailingSpace {
		// the form the document prints elsewhere, with the hyphen or without, wins ("so-" "wie" is
		// "sowie", "Ende-" "zu-Ende" is "Ende-zu-Ende")
		left := t[strings.LastIndexAny(t, " \t(„\"")+1 : len(t)-1]
		right := strings.TrimRight(word, ",.;:!?)“”\"")
		if left != "" && right != "" {
			joined, hyphened := words.has(left+right), words.has(left+"-"+right)
			switch {
			case joined && !hyphened:
				return len(t) - 1, "", nextT
			case hyphened && !joined:
				return len(t), "", nextT
			}
		}
	}
	if conjunctions[strings.TrimRight(word, ",")] {
		return len(t), " ", nextT
	}
	r, _ := utf8.DecodeRuneInString(nextT)
	if !unicode.IsLetter(before) || !unicode.IsLower(r) || trailingSpace {
		return len(t), "", nextT // printed hyphen: "Open-Source", "Nicht-Opfer-delikte", "2023-2024"
	}
	return len(t) - 1, "", nextT
}

// EndsSentence reports whether text ends a sentence or a heading line: ".", "?", "!", ":" after
// closing quotes and brackets, but not an abbreviation or an ordinal ("z. B.", "Nr.", "1.").
func EndsSentence(text string) bool {
	t := strings.TrimRight(text, " \t\u00a0“”\"'’)")
	if t == "" {
		return false
	}
	last, _ := utf8.DecodeLastRuneInString(t)
	switch last {
	case '?', '!', ':':
		return true
	case '.':
		return !AbbreviationEnd(t)
	}
	return false
}

// abbreviations that end with a dot but do not end a sentence.
var abbreviations = map[string]bool{
	"bzw.": true, "z.": true, "B.": true, "u.": true, "a.": true, "d.": true, "h.": true, "Nr.": true,
	"Abs.": true, "ggf.": true, "vgl.": true, "S.": true, "Drs.": true, "ca.": true, "inkl.": true,
	"evtl.": true, "bspw.": true, "usw.": true, "etc.": true, "Art.": true, "Dr.": true, "v.": true,
	"vorl.": true, "gem.": true, "lfd.": true, "Mio.": true, "Mrd.": true, "Tsd.": true, "i.": true,
	"s.": true, "St.": true, "Kap.": true, "Epl.": true, "e.": true, "V.": true, "sog.": true, "insb.": true,
}

// AbbreviationEnd reports whether t ends with an abbreviation or an ordinal number ("im 1.").
func AbbreviationEnd(t string) bool {
	i := strings.LastIndexAny(t, " \t(")
	w := t[i+1:]
	if abbreviations[w] {
		return true
	}
	digits := strings.TrimSuffix(w, ".")
	if len(digits) <= 2 && digits != "" && strings.Trim(digits, "0123456789") == "" {
		return true // "im 1." of "im 1. Quartal" broken at the line end
	}
	return false
}

// StartsLowercase reports whether text starts with a lowercase letter (a paragraph that continues).
func StartsLowercase(text string) bool {
	r, _ := utf8.DecodeRuneInString(strings.TrimSpace(text))
	return unicode.IsLower(r)
}

// IsListItem reports whether a line starts a list item: a bullet or a lettered item ("a) ").
func IsListItem(text string) bool {
	t := strings.TrimLeft(text, " ")
	for _, b := range []string{"- ", "– ", "• ", "· ", "▪ ", "◦ ", "* ", "— "} {
		if strings.HasPrefix(t, b) {
			return true
		}
	}
	return IsLetteredItem(t)
}

// IsLetteredItem reports "a) …", "b) …".
func IsLetteredItem(t string) bool {
	t = strings.TrimLeft(t, " ")
	return len(t) > 3 && t[0] >= 'a' && t[0] <= 'z' && t[1] == ')' && t[2] == ' '
}

// Paragraphs joins printed lines into paragraphs. A paragraph ends at a break (blank line, vertical
// gap) unless the next line continues an unfinished sentence over a page break; in text without
// breaks (dumped from a PDF) a short line that ends a sentence ends the paragraph. List items stand
// on their own. full is the length of a full line of running text (0: unknown); all is the
// document's words, for joinLineIn.
func Paragraphs(lines []layout.Line, full int, words *Vocabulary) []string {
	texts, _ := ParagraphsAt(lines, full, words)
	return texts
}

// ParagraphsAt is paragraphs with the index of the first line of each paragraph.
func ParagraphsAt(lines []layout.Line, full int, words *Vocabulary) ([]string, []int) {
	var out []string
	var at []int
	var cur []byte
	curAt := 0
	prevShort := false
	flush := func() {
		if s := strings.TrimSpace(string(cur)); s != "" {
			out = append(out, s)
			at = append(at, curAt)
		}
	}
	for i, l := range lines {
		t := l.Text
		if strings.TrimSpace(t) == "" {
			continue
		}
		newPara := len(cur) == 0
		if !newPara {
			switch {
			case IsListItem(t):
				newPara = true
			case l.Break:
				// A paragraph cut by a page break continues in lowercase. In HTML a new block is a
				// new paragraph unless a page break stands between.
				pageBreak := l.Path == "" || i > 0 && lines[i-1].Page != l.Page
				newPara = endsSentenceBytes(cur) || !StartsLowercase(t) || !pageBreak
			case prevShort && endsSentenceBytes(cur):
				newPara = true
			}
		}
		if newPara {
			flush()
			cur, curAt = append(cur[:0], t...), i
		} else {
			cur = AppendLine(cur, t, words)
		}
		prevShort = IsShort(l, full)
	}
	flush()
	return out, at
}

// endsSentenceBytes is EndsSentence on the end of a buffer.
func endsSentenceBytes(b []byte) bool {
	if len(b) > 64 {
		b = b[len(b)-64:]
		for len(b) > 0 && !utf8.RuneStart(b[0]) {
			b = b[1:]
		}
	}
	return EndsSentence(string(b))
}

// IsShort reports whether a line stops well before the right margin (so a sentence ending there ends its paragraph).
func IsShort(l layout.Line, full int) bool {
	if full < 0 {
		return false // paragraphs end at breaks only
	}
	if l.Fill > 0 {
		return l.Fill < 0.85
	}
	if full == 0 {
		return true
	}
	// Justified lines of running text differ by a few characters; a line that stops more than
	// that short of the measure ends its paragraph.
	slack := full / 12
	if slack < 6 {
		slack = 6
	}
	return utf8.RuneCountInString(strings.TrimSpace(l.Text)) < full-slack
}

// FullWidth estimates the length in characters of a full line of running text: the 90th percentile
// of line lengths of lines that are not table rows (the measure of justified running text).
func FullWidth(lines []layout.Line) int {
	var ns []int
	for _, l := range lines {
		if l.Cells == nil {
			ns = append(ns, utf8.RuneCountInString(strings.TrimSpace(l.Text)))
		}
	}
	if len(ns) < 5 {
		return 0
	}
	sort.Ints(ns)
	return ns[len(ns)*9/10]
}

// JoinParagraphs writes paragraphs as the contract wants prose: a blank line between paragraphs,
// list items each on their own line.
func JoinParagraphs(paras []string) string {
	var b strings.Builder
	for i, p := range paras {
		if i > 0 {
			if IsListItem(p) && !IsLetteredItem(p) {
				b.WriteString("\n")
			} else {
				b.WriteString("\n\n")
			}
		}
		b.WriteString(p)
	}
	return b.String()
}

// Vocabulary answers whether the document prints a word, for deciding a hyphen at a line end.
// Its text is put together on the first question only: most documents never ask. Answers are kept,
// and a long document that is asked often is indexed (a suffix array), so that deciding every
// hyphen of a large text stays near linear instead of searching the whole text each time.
type Vocabulary struct {
	lines   []layout.Line
	text    string
	built   bool
	asked   int
	known   map[string]bool
	indexed *suffixarray.Index
}

// NewVocabulary is the vocabulary of the printed lines of a document.
func NewVocabulary(lines []layout.Line) *Vocabulary { return &Vocabulary{lines: lines} }

// indexFrom are the text length and the number of questions from which the text is indexed.
const (
	indexFromBytes = 256 << 10
	indexFromAsked = 32
)

// has reports whether the document's text holds word anywhere (a substring, as strings.Contains).
func (v *Vocabulary) has(word string) bool {
	if !v.built {
		var b strings.Builder
		size := 0
		for _, l := range v.lines {
			size += len(l.Text) + 1
		}
		b.Grow(size)
		for _, l := range v.lines {
			b.WriteString(l.Text)
			b.WriteByte('\n')
		}
		v.text, v.built = b.String(), true
		v.known = map[string]bool{}
	}
	if found, ok := v.known[word]; ok {
		return found
	}
	v.asked++
	var found bool
	switch {
	case v.indexed != nil:
		found = len(v.indexed.Lookup([]byte(word), 1)) > 0
	case len(v.text) >= indexFromBytes && v.asked >= indexFromAsked:
		v.indexed = suffixarray.New([]byte(v.text))
		found = len(v.indexed.Lookup([]byte(word), 1)) > 0
	default:
		found = strings.Contains(v.text, word)
	}
	v.known[word] = found
	return found
}

// Prints reports whether the document prints word anywhere; false for no vocabulary.
func (v *Vocabulary) Prints(word string) bool { return v != nil && v.has(word) }

// IsHeading reports whether a paragraph reads as a heading: short, no sentence punctuation at its end.
func IsHeading(s string) bool {
	s = strings.TrimSpace(s)
	if s == "" || utf8.RuneCountInString(s) > 90 || strings.HasSuffix(s, ",") {
		return false
	}
	last, _ := utf8.DecodeLastRuneInString(s)
	return !strings.ContainsRune(".?!:;", last) || strings.HasPrefix(s, "Tabelle")
}

// SameWords reports two texts with the same words, however the dump spaced them.
func SameWords(a, b string) bool {
	return strings.Join(strings.Fields(a), " ") == strings.Join(strings.Fields(b), " ")
}

// urlGoesOn reports whether the URL that text ends with runs on in next: a line break inside a URL
// is no space ("(https://landesplanung.hessen.de/sites/landespla" + "nung.hessen.de/files/…"). The
// URL must not have ended with a sign that closes it (a hyphen at the line end is left to the rules
// of words broken there), and next must start with the rest of a URL:
// a word holding a path, host or query sign, or a lowercase word with a hyphen ("spaetet-sich-…").
func urlGoesOn(text, next string) bool {
	last := text[strings.LastIndexAny(text, " \t")+1:]
	i := strings.Index(last, "://")
	if i < 0 {
		i = strings.Index(last, "www.")
	}
	if i < 0 {
		return false
	}
	end, _ := utf8.DecodeLastRuneInString(last)
	if !unicode.IsLetter(end) && !unicode.IsDigit(end) && !strings.ContainsRune("/_=&?%#~+", end) {
		return false
	}
	first := next
	if k := strings.IndexAny(first, " \t"); k >= 0 {
		first = first[:k]
	}
	core := strings.TrimRight(first, ".,;:)]“”\"'")
	if strings.ContainsAny(core, "/._=&?%#~") {
		return true
	}
	return strings.Contains(core, "-") && StartsLowercase(core)
}

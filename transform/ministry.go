package transform

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// gender of the noun that heads an organisation name; it decides the adjective's ending.
type gender int8

const (
	genderUnknown gender = iota
	neuter
	masculine
	feminine
)

// nounEndings turn the genitive ending of an organisation noun into its nominative and tell its gender;
// nominative endings map to themselves so that a name already in the nominative stays as it is.
// Longest first.
var nounEndings = [...]struct {
	genitive, nominative string
	gender               gender
}{
	{"ministeriums", "ministerium", neuter}, {"ministerium", "ministerium", neuter},
	{"präsidiums", "präsidium", neuter}, {"präsidium", "präsidium", neuter},
	{"gerichtes", "gericht", neuter}, {"gerichts", "gericht", neuter}, {"gericht", "gericht", neuter},
	{"institutes", "institut", neuter}, {"instituts", "institut", neuter}, {"institut", "institut", neuter},
	{"zentrums", "zentrum", neuter}, {"zentrum", "zentrum", neuter},
	{"präsidenten", "präsident", masculine}, {"präsident", "präsident", masculine},
	{"regierung", "regierung", feminine}, {"verwaltung", "verwaltung", feminine},
	{"kanzlei", "kanzlei", feminine}, {"behörde", "behörde", feminine}, {"direktion", "direktion", feminine},
	{"kammer", "kammer", feminine}, {"stelle", "stelle", feminine}, {"agentur", "agentur", feminine},
	{"büros", "büro", neuter}, {"büro", "büro", neuter},
	{"amtes", "amt", neuter}, {"amts", "amt", neuter}, {"amt", "amt", neuter},
	{"tages", "tag", masculine}, {"tags", "tag", masculine}, {"tag", "tag", masculine},
	{"rates", "rat", masculine}, {"rats", "rat", masculine}, {"rat", "rat", masculine},
	{"hofes", "hof", masculine}, {"hofs", "hof", masculine}, {"hof", "hof", masculine},
	{"senats", "senat", masculine}, {"senat", "senat", masculine},
}

// Ministry turns the answering body as printed after "Antwort" into its name in the nominative, so that
// documents group by it: "des Niedersächsischen Justizministeriums" -> "Niedersächsisches
// Justizministerium", "der Niedersächsischen Staatskanzlei" -> "Niedersächsische Staatskanzlei",
// "der Bundesregierung" -> "Bundesregierung".
//
// Only the head of the name (adjectives and the noun before "für", "des", "der", "und" or a comma) is
// declined; the rest stays as printed. A leading "Antwort" and the article are dropped, and so is what
// follows the name on the same line ("namens der Landesregierung", "vom 26.06.2025"). A genitive
// article before a nominative noun ("des Niedersächsischen Ministerium für …", a printing slip) gives
// the same result. A name already in the nominative is returned unchanged.
func Ministry(text string) string {
	s := collapseSpaces(text)
	s = cutFirst(s, " namens ", " vom ", " auf die ", " auf ", "**")
	article := ""
	for {
		before := s
		s = strings.TrimRight(s, " .,:;*-–")
		s = strings.TrimSuffix(s, " namens")
		if i := strings.LastIndexByte(s, '('); i > 0 && strings.HasSuffix(s, ")") {
			s = strings.TrimSpace(s[:i]) // "(MI)"
		}
		w, rest, _ := strings.Cut(s, " ")
		switch lw := strings.ToLower(w); lw {
		case "antwort":
			s = rest
		case "des", "der", "dem", "den", "die", "das":
			article, s = lw, rest
		}
		if s == before {
			break
		}
	}
	if s == "" {
		return ""
	}
	headEnd := len(s)
	for _, sep := range [...]string{" für ", " des ", " der ", " und ", ", ", " in "} {
		if i := strings.Index(s, sep); i > 0 && i < headEnd {
			headEnd = i
		}
	}
	head, tail := s[:headEnd], s[headEnd:]
	words := strings.Split(head, " ")
	noun, g := nominativeNoun(words[len(words)-1], article)
	if g == genderUnknown {
		return s
	}
	words[len(words)-1] = noun
	for i := range len(words) - 1 {
		words[i] = declineAdjective(words[i], g)
	}
	return strings.Join(words, " ") + tail
}

// nominativeNoun returns noun in the nominative with its gender, read from its ending or, when the
// ending is unknown, from the genitive article ("der" is feminine).
func nominativeNoun(noun, article string) (string, gender) {
	for _, e := range nounEndings {
		cut := len(noun) - len(e.genitive)
		if cut < 0 || !strings.EqualFold(noun[cut:], e.genitive) {
			continue
		}
		stem := noun[:cut]
		nom := e.nominative
		if stem == "" {
			nom = upperFirst(nom)
		}
		return stem + nom, e.gender
	}
	if article == "der" {
		return noun, feminine
	}
	return noun, genderUnknown
}

// declineAdjective gives an adjective printed in the genitive ("Niedersächsischen") the nominative
// ending of a noun of gender g, without article: -es, -er or -e.
func declineAdjective(w string, g gender) string {
	if !strings.HasSuffix(w, "en") || len(w) < 4 {
		return w
	}
	r, _ := utf8.DecodeRuneInString(w)
	if !unicode.IsLetter(r) {
		return w
	}
	stem := w[:len(w)-2]
	switch g {
	case neuter:
		return stem + "es"
	case masculine:
		return stem + "er"
	default:
		return stem + "e"
	}
}

// upperFirst upper-cases the first letter of s.
func upperFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	return string(unicode.ToUpper(r)) + s[n:]
}

// cutFirst cuts s before the first of the markers it contains.
func cutFirst(s string, markers ...string) string {
	end := len(s)
	for _, m := range markers {
		if i := strings.Index(s, m); i >= 0 && i < end {
			end = i
		}
	}
	return s[:end]
}

// collapseSpaces trims s and turns every run of spaces and line breaks into one space, joining words
// hyphenated at a line end ("Ver- kehr" -> "Verkehr", "IT- Infrastruktur" -> "IT-Infrastruktur"; but
// "Bundes- und" stays).
func collapseSpaces(s string) string {
	fields := strings.FieldsFunc(s, func(r rune) bool { return isSpace(r) || r == '\n' || r == '\r' })
	if len(fields) == 0 {
		return ""
	}
	var b strings.Builder
	b.Grow(len(s))
	b.WriteString(fields[0])
	prev := fields[0]
	for _, f := range fields[1:] {
		if len(prev) > 1 && strings.HasSuffix(prev, "-") {
			switch r, _ := utf8.DecodeRuneInString(f); {
			case f == "und" || f == "oder" || f == "bzw." || f == "sowie" || f == "bis":
				b.WriteByte(' ')
			case unicode.IsLower(r):
				str := b.String()
				b.Reset()
				b.WriteString(str[:len(str)-1])
			case unicode.IsUpper(r):
			default:
				b.WriteByte(' ')
			}
		} else {
			b.WriteByte(' ')
		}
		b.WriteString(f)
		prev = f
	}
	return b.String()
}

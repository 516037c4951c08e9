package transform

import (
	"unicode"
	"unicode/utf8"
)

// Authority levels of the output contract.
const (
	LevelOberste  = "oberste_landesbehoerde"  // ministries, Staatskanzlei
	LevelOber     = "landesoberbehoerde"      // Landesoberbehörden, obere Landesbehörden
	LevelMittlere = "mittlere_landesbehoerde" // mittlere Landesbehörden, Bezirksregierungen
	LevelUntere   = "untere_landesbehoerde"   // untere Landesbehörden, staatliche Ortsbehörden
	LevelKommunal = "kommunal"                // Kommunen, Landkreise, Gemeinden
)

// maxAuthorityText is the longest text that can still be only the name of a level.
const maxAuthorityText = 200

// levelWords maps a word of a level name (lower case, umlauts spelt out) to its level.
var levelWords = map[string]string{
	"landesoberbehoerde": LevelOber, "landesoberbehoerden": LevelOber,
	"bezirksregierung": LevelMittlere, "bezirksregierungen": LevelMittlere,
	"ortsbehoerde": LevelUntere, "ortsbehoerden": LevelUntere,
	"kommune": LevelKommunal, "kommunen": LevelKommunal, "kommunal": LevelKommunal,
	"kommunale": LevelKommunal, "kommunalen": LevelKommunal, "kommunaler": LevelKommunal,
	"kommunalverwaltung": LevelKommunal, "kommunalverwaltungen": LevelKommunal,
	"kommunalbehoerde": LevelKommunal, "kommunalbehoerden": LevelKommunal,
	"landkreis": LevelKommunal, "landkreise": LevelKommunal, "landkreisen": LevelKommunal,
	"gemeinde": LevelKommunal, "gemeinden": LevelKommunal,
	"samtgemeinde": LevelKommunal, "samtgemeinden": LevelKommunal,
	"einheitsgemeinde": LevelKommunal, "einheitsgemeinden": LevelKommunal,
}

// levelModifiers maps the adjective before "Landesbehörde(n)" to its level.
var levelModifiers = map[string]string{
	"oberste": LevelOberste, "obersten": LevelOberste, "oberster": LevelOberste, "oberstes": LevelOberste,
	"obere": LevelOber, "oberen": LevelOber, "oberer": LevelOber,
	"mittlere": LevelMittlere, "mittleren": LevelMittlere, "mittlerer": LevelMittlere,
	"untere": LevelUntere, "unteren": LevelUntere, "unterer": LevelUntere,
}

// levelFiller are words that may stand in a level name without naming a level.
var levelFiller = map[string]bool{
	"staatliche": true, "staatlichen": true, "und": true, "sowie": true, "bzw": true, "oder": true,
	"die": true, "der": true, "den": true, "des": true, "ebene": true, "ebenen": true, "tabelle": true,
	"kreisfreie": true, "kreisfreien": true, "kreisangehoerige": true, "kreisangehoerigen": true,
	"staedte": true, "stadt": true, "behoerde": true, "behoerden": true,
}

// AuthorityLevel returns the contract code of the authority level a heading or cell names
// ("Oberste Landesbehörden", "staatliche Ortsbehörden / untere Landesbehörden", "Kommunen"), so that
// tables and rows group by level. The text must name levels only, all the same one: a sentence
// that mentions a level, or a list of different levels, names none.
func AuthorityLevel(text string) (string, bool) {
	if len(text) > maxAuthorityText {
		return "", false
	}
	var buf [maxAuthorityText * 2]byte
	level, modifier := "", ""
	ok := eachWord(text, buf[:0], func(w []byte) bool {
		if modifier != "" {
			if string(w) != "landesbehoerde" && string(w) != "landesbehoerden" {
				return false
			}
			m := modifier
			modifier = ""
			return agree(&level, m)
		}
		if m, found := levelModifiers[string(w)]; found {
			modifier = m
			return true
		}
		if l, found := levelWords[string(w)]; found {
			return agree(&level, l)
		}
		return levelFiller[string(w)]
	})
	if !ok || modifier != "" || level == "" {
		return "", false
	}
	return level, true
}

// agree records l as the level and reports whether it is the same as one seen before.
func agree(level *string, l string) bool {
	if *level == "" {
		*level = l
		return true
	}
	return *level == l
}

// eachWord calls f with every word of text in lower case, umlauts spelt out ("Behörden" -> "behoerden"),
// using buf as scratch, until f returns false; digits and punctuation separate words and are dropped.
// It reports whether f accepted every word.
func eachWord(text string, buf []byte, f func([]byte) bool) bool {
	w := buf[:0]
	for i := 0; i < len(text); {
		c := text[i]
		if c < utf8.RuneSelf { // ASCII fast path
			i++
			switch {
			case c >= 'a' && c <= 'z':
				w = append(w, c)
			case c >= 'A' && c <= 'Z':
				w = append(w, c+'a'-'A')
			default:
				if len(w) > 0 && !f(w) {
					return false
				}
				w = w[:0]
			}
			continue
		}
		r, n := utf8.DecodeRuneInString(text[i:])
		i += n
		switch r {
		case 'ä', 'Ä':
			w = append(w, 'a', 'e')
		case 'ö', 'Ö':
			w = append(w, 'o', 'e')
		case 'ü', 'Ü':
			w = append(w, 'u', 'e')
		case 'ß':
			w = append(w, 's', 's')
		default:
			if !unicode.IsLetter(r) {
				if len(w) > 0 && !f(w) {
					return false
				}
				w = w[:0]
				continue
			}
			w = utf8.AppendRune(w, unicode.ToLower(r))
		}
	}
	return len(w) == 0 || f(w)
}

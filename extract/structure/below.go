package structure

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"drucksache/extract/internal/marks"
	"drucksache/extract/layout"
	"drucksache/extract/structure/internal/prose"
	"drucksache/internal/lazyre"
)

// This file reads what is printed right under a table for it: the legend of its signs
// ("g = Zahlenwert unbekannt oder geheim"), its footnotes ("1) Einschließlich …") and its source
// ("© Landesamt für Statistik …", "Quelle: …"). They belong to the table, not to the answer's prose.

var (
	// reLegend is a legend: a sign of up to four characters, " = ", its meaning; several may follow
	// on one line ("– = nichts vorhanden g = Zahlenwert unbekannt …").
	reLegend = lazyre.New(`^(?:Zeichenerklärung:?\s*)?\S{1,4} = \S`)
	// reTableNote is a footnote under a table: its marker and text.
	reTableNote = lazyre.New(`^(\d{1,2}\)|[¹²³⁴⁵⁶⁷⁸⁹⁰]+⁾?|\*{1,3})\s*(\S.*)$`)
	reSource    = lazyre.New(`^(?:©|\(c\)\s|(?:Daten)?[Qq]uellen?\s*:)`)
)

// tableNote is a footnote printed under a table.
type tableNote struct {
	marker string // as a superscript, the way the table's cells print it
	text   string
	line   layout.Line
}

// below takes from the prose lines right under a table what is printed for it: legend lines go to
// the table's notes, footnotes whose marker the table prints to its footnotes, a source or copyright
// line to its source; a line that continues one of them without a paragraph break goes with it,
// but a sentence of its own below a line that stops well short of the measure full (dumped text
// keeps no gap before the prose after a source line). It returns the prose lines left.
func (t *table) below(lines []layout.Line, full int) []layout.Line {
	kind := "" // of the item the last line belonged to
	for i, l := range lines {
		text := strings.TrimSpace(l.Text)
		switch {
		case text == "":
			continue
		case reLegend.MatchString(text):
			t.notes = append(t.notes, text)
			kind = "legend"
		case reSource.MatchString(text):
			if t.source != "" {
				t.source += " "
			}
			t.source += text
			kind = "source"
		case t.notedBy(text) != "":
			m := reTableNote.FindStringSubmatch(text)
			t.footnotes = append(t.footnotes, tableNote{marker: t.notedBy(text), text: m[2], line: l})
			kind = "note"
		case kind != "" && !l.Break && !(full > 0 && l.Fill == 0 && prose.IsShort(lines[i-1], full) && sentence(text)):
			switch kind {
			case "legend":
				t.notes[len(t.notes)-1] = prose.JoinLine(t.notes[len(t.notes)-1], text)
			case "source":
				t.source = prose.JoinLine(t.source, text)
			case "note":
				n := &t.footnotes[len(t.footnotes)-1]
				n.text = prose.JoinLine(n.text, text)
			}
		default:
			return lines[i:]
		}
	}
	return nil
}

// sentence reports a line that is a sentence of its own: words that start upper case and end one.
func sentence(text string) bool {
	r, _ := utf8.DecodeRuneInString(text)
	return unicode.IsUpper(r) && len(strings.Fields(text)) >= 3 && prose.EndsSentence(text)
}

// notedBy returns the marker of a footnote line under the table as the table prints it, or "" when
// the line is no footnote or the table prints no such marker.
func (t *table) notedBy(text string) string {
	m := reTableNote.FindStringSubmatch(text)
	if m == nil {
		return ""
	}
	var forms []string
	switch mk := m[1]; {
	case strings.HasPrefix(mk, "*"):
		forms = []string{mk}
	case strings.HasSuffix(mk, ")"):
		n := 0
		for _, r := range strings.TrimSuffix(mk, ")") {
			n = n*10 + int(r-'0')
		}
		forms = []string{marks.Superscript(n) + "⁾", marks.Superscript(n), mk}
	default:
		forms = []string{mk}
	}
	for _, f := range forms {
		if t.prints(f) {
			if f != forms[0] && strings.HasSuffix(f, ")") && t.raise(f, forms[0]) {
				return forms[0]
			}
			return f
		}
	}
	return ""
}

// raise writes a footnote marker a dump printed flat and glued to the end of a cell ("Kassenkredite1)")
// as the PDF printed it, raised ("Kassenkredite¹⁾"); it reports whether a cell held it so.
func (t *table) raise(flat, raised string) bool {
	done := false
	for _, r := range t.rows {
		for c, v := range r {
			if rest, ok := strings.CutSuffix(v, flat); ok && rest != "" && !strings.HasSuffix(rest, " ") && !isDigit(rest[len(rest)-1]) {
				r[c] = rest + raised
				done = true
			}
		}
	}
	return done
}

// isDigit reports an ASCII digit.
func isDigit(b byte) bool { return b >= '0' && b <= '9' }

// prints reports whether a cell or header of the table holds s.
func (t *table) prints(s string) bool {
	for _, h := range t.header {
		if strings.Contains(h, s) {
			return true
		}
	}
	for _, r := range t.rows {
		for _, c := range r {
			if strings.Contains(c, s) {
				return true
			}
		}
	}
	return false
}

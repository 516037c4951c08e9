package marks

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// FootnoteNumber reads the "N " that starts a footnote line of dumped text.
func FootnoteNumber(t string) (int, bool) {
	t = strings.TrimLeft(t, " ")
	n, i := 0, 0
	for i < len(t) && i < 3 && t[i] >= '0' && t[i] <= '9' {
		n = n*10 + int(t[i]-'0')
		i++
	}
	if i == 0 || i >= len(t) || t[i] != ' ' {
		return 0, false
	}
	rest := strings.TrimSpace(t[i:])
	if rest == "" {
		return 0, false
	}
	r, _ := utf8.DecodeRuneInString(rest)
	// The footnote text starts with a letter or a URL, not with another figure (table rows do).
	if unicode.IsDigit(r) {
		return 0, false
	}
	return n, true
}

// IsDistributionNote reports the "(verteilt am …)" line that closes a Niedersachsen Drucksache.
func IsDistributionNote(t string) bool {
	return strings.Contains(t, "(verteilt am") || strings.Contains(t, "(Verteilt am") || strings.HasPrefix(strings.TrimSpace(t), "Ausgegeben:")
}

var superscripts = map[rune]int{'¹': 1, '²': 2, '³': 3, '⁴': 4, '⁵': 5, '⁶': 6, '⁷': 7, '⁸': 8, '⁹': 9, '⁰': 0}

// SuperscriptMarker returns the superscript digits that start t followed by a space, and the rest.
func SuperscriptMarker(t string) (string, string) {
	i := 0
	for i < len(t) {
		r, size := utf8.DecodeRuneInString(t[i:])
		if _, ok := superscripts[r]; !ok {
			break
		}
		i += size
	}
	if i == 0 || i >= len(t) || (t[i] != ' ' && t[i] != '\t') {
		return "", t
	}
	return t[:i], strings.TrimSpace(t[i:])
}

// SuperscriptValue is the number written by superscript digits.
func SuperscriptValue(m string) int {
	n := 0
	for _, r := range m {
		n = n*10 + superscripts[r]
	}
	return n
}

// Superscript writes a number in superscript digits ("12" -> "¹²").
func Superscript(n int) string {
	const digits = "⁰¹²³⁴⁵⁶⁷⁸⁹"
	ds := []rune(digits)
	s := fmt.Sprint(n)
	var b strings.Builder
	for _, c := range s {
		b.WriteRune(ds[c-'0'])
	}
	return b.String()
}

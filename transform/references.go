package transform

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// References returns every Drucksache cited in texts as "WP/NR", without duplicates, in the order of
// first appearance, so that documents link to the papers they cite. A number counts only after a
// keyword ("Drs. 19/1164", "Drucksache 19/123", "BT-Drs. 21/7449", "Landtagsdrucksache 18/5") or in a
// list that follows one ("Drucksachen 18/1, 18/2 und 18/3"); dates, "24/7", "2023/24" and page numbers
// never count.
func References(texts ...string) []string {
	var refs []string
	seen := map[string]bool{}
	for _, t := range texts {
		refs = appendReferences(refs, seen, t)
	}
	return refs
}

// appendReferences appends the references cited in text that seen does not hold yet.
func appendReferences(refs []string, seen map[string]bool, text string) []string {
	for i := 0; i < len(text); {
		end := nextKeyword(text, i)
		if end < 0 {
			break
		}
		i = end
		p := skipSpaces(text[i:])
		if strings.HasPrefix(p, "Nr.") {
			p = skipSpaces(p[3:])
		}
		for {
			ref, n := drucksacheAt(p)
			if n == 0 {
				break
			}
			if !seen[ref] {
				seen[ref] = true
				refs = append(refs, ref)
			}
			p = p[n:]
			i = len(text) - len(p)
			next, ok := listContinues(p)
			if !ok {
				break
			}
			p = next
		}
	}
	return refs
}

// listContinues skips a list separator (", ", " und ", " sowie ", " bzw. ", " oder ", " (") when another
// number follows it.
func listContinues(p string) (string, bool) {
	q := skipSpaces(p)
	switch {
	case strings.HasPrefix(q, ","), strings.HasPrefix(q, ";"), strings.HasPrefix(q, "("):
		q = q[1:]
	case strings.HasPrefix(q, "und "), strings.HasPrefix(q, "bzw. "):
		q = q[4:]
	case strings.HasPrefix(q, "sowie "):
		q = q[6:]
	case strings.HasPrefix(q, "oder "):
		q = q[5:]
	case strings.HasPrefix(q, "u. "):
		q = q[3:]
	default:
		return p, false
	}
	q = skipSpaces(q)
	if _, n := drucksacheAt(q); n == 0 {
		return p, false
	}
	return q, true
}

// nextKeyword returns the index just after the next "Drs", "Drs.", "Drucksache" or "Drucksachen" in text
// at or after from (also inside compounds: "Landtagsdrucksache", "BT-Drs."), or -1.
func nextKeyword(text string, from int) int {
	for from < len(text) {
		j := strings.IndexByte(text[from:], 'r')
		if j < 0 {
			return -1
		}
		r := from + j
		from = r + 1
		if r == 0 || (text[r-1] != 'D' && text[r-1] != 'd') {
			continue
		}
		rest := text[r:]
		switch {
		case strings.HasPrefix(rest, "rucksache"):
			end := r + len("rucksache")
			if end < len(text) && text[end] == 'n' {
				end++
			}
			return end
		case strings.HasPrefix(rest, "rs") && text[r-1] == 'D':
			// "Drs" starts a word or follows a hyphen ("BT-Drs."), and ends one.
			if r >= 2 {
				if p, _ := utf8.DecodeLastRuneInString(text[:r-1]); unicode.IsLetter(p) {
					continue
				}
			}
			end := r + 2
			if end < len(text) && text[end] == '.' {
				end++
			} else if end < len(text) {
				if n, _ := utf8.DecodeRuneInString(text[end:]); unicode.IsLetter(n) {
					continue
				}
			}
			return end
		}
	}
	return -1
}

// drucksacheAt reads a Drucksache number "WP/NR" at the start of s (WP 1 to 99, NR up to 6 digits),
// returning it and the bytes it took, or 0.
func drucksacheAt(s string) (string, int) {
	wp, w := digitsAt(s, 3)
	if w == 0 || w > 2 || s[0] == '0' || wp == 0 {
		return "", 0
	}
	if w >= len(s) || s[w] != '/' {
		return "", 0
	}
	nr, n := digitsAt(s[w+1:], 7)
	if n == 0 || n > 6 || nr == 0 {
		return "", 0
	}
	end := w + 1 + n
	if end < len(s) && (s[end] == '/' || (s[end] == '.' || s[end] == ',') && end+1 < len(s) && isDigit(s[end+1])) {
		return "", 0 // "19/123/4", "19/12.5"
	}
	// Keep the number as printed but without leading zeros in NR.
	num := strings.TrimLeft(s[w+1:end], "0")
	return s[:w] + "/" + num, end
}

// Drucksache returns the Drucksache number "WP/NR" printed in s ("Drucksache 19/7263", "Drs. 19/7263",
// "– Drucksache 21/7449 –", "19/7263"), so that a number given with its prefix compares with one without.
func Drucksache(s string) (string, bool) {
	for i := 0; i < len(s); i++ {
		if !isDigit(s[i]) || (i > 0 && (isDigit(s[i-1]) || s[i-1] == '/')) {
			continue
		}
		if ref, n := drucksacheAt(s[i:]); n > 0 {
			return ref, true
		}
	}
	return "", false
}

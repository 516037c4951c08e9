package transform

import (
	"strings"
	"time"
	"unicode/utf8"
)

// months maps German month names and their printed abbreviations (lower case, without the dot) to 1..12.
var months = map[string]int{
	"januar": 1, "jänner": 1, "jan": 1,
	"februar": 2, "feb": 2, "febr": 2,
	"märz": 3, "maerz": 3, "mär": 3, "mrz": 3,
	"april": 4, "apr": 4,
	"mai":  5,
	"juni": 6, "jun": 6,
	"juli": 7, "jul": 7,
	"august": 8, "aug": 8,
	"september": 9, "sep": 9, "sept": 9,
	"oktober": 10, "okt": 10,
	"november": 11, "nov": 11,
	"dezember": 12, "dez": 12,
}

// Date finds the first date printed in s ("16.05.2025", "1. November 2025", "1.11.25", "vom 26.06.2025",
// or already "2025-05-16") and returns it as an ISO date, so that dates sort and compare as strings.
// A two-digit year below 70 is 20xx, otherwise 19xx. Impossible dates (31.02.2025) are not dates.
func Date(s string) (string, bool) {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < '0' || c > '9' || (i > 0 && isDigit(s[i-1])) {
			continue
		}
		if y, m, d, ok := dateAt(s[i:]); ok {
			return isoDate(y, m, d)
		}
	}
	return "", false
}

// isDigit reports whether c is an ASCII digit.
func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// digitsAt reads up to max digits at the start of s.
func digitsAt(s string, max int) (n, width int) {
	for width < len(s) && width < max && isDigit(s[width]) {
		n = n*10 + int(s[width]-'0')
		width++
	}
	return n, width
}

// skipSpaces skips the spaces isSpace knows at the start of s.
func skipSpaces(s string) string {
	for len(s) > 0 {
		r, n := utf8.DecodeRuneInString(s)
		if !isSpace(r) {
			return s
		}
		s = s[n:]
	}
	return s
}

// dateAt reads a date that starts at the beginning of s.
func dateAt(s string) (y, m, d int, ok bool) {
	// ISO: 2025-05-16
	if len(s) >= 10 && s[4] == '-' && s[7] == '-' {
		y, w1 := digitsAt(s, 4)
		m, w2 := digitsAt(s[5:], 2)
		d, w3 := digitsAt(s[8:], 2)
		if w1 == 4 && w2 == 2 && w3 == 2 && (len(s) == 10 || !isDigit(s[10])) {
			return y, m, d, true
		}
		return 0, 0, 0, false
	}
	d, w := digitsAt(s, 2)
	if w == 0 || w == len(s) || s[w] != '.' || (w < len(s) && isDigit(s[w])) {
		return 0, 0, 0, false
	}
	rest := skipSpaces(s[w+1:])
	if rest == "" {
		return 0, 0, 0, false
	}
	if isDigit(rest[0]) {
		// numeric month: 16.05.2025, 1.11.25
		m, w = digitsAt(rest, 2)
		if w == len(rest) || rest[w] != '.' {
			return 0, 0, 0, false
		}
		rest = skipSpaces(rest[w+1:])
	} else {
		// month name: 1. November 2025, 1. Nov. 2025
		end := 0
		for end < len(rest) {
			r, n := utf8.DecodeRuneInString(rest[end:])
			if r == '.' || isSpace(r) || isDigit(rest[end]) || r == ',' {
				break
			}
			end += n
		}
		name := strings.ToLower(rest[:end])
		var found bool
		if m, found = months[name]; !found {
			return 0, 0, 0, false
		}
		rest = rest[end:]
		if len(rest) > 0 && rest[0] == '.' {
			rest = rest[1:]
		}
		rest = skipSpaces(rest)
	}
	y, w = digitsAt(rest, 4)
	if (w != 2 && w != 4) || (w < len(rest) && isDigit(rest[w])) {
		return 0, 0, 0, false
	}
	if w == 2 {
		if y < 70 {
			y += 2000
		} else {
			y += 1900
		}
	}
	return y, m, d, true
}

// isoDate formats a date as YYYY-MM-DD when it exists in the calendar.
func isoDate(y, m, d int) (string, bool) {
	if y < 1800 || y > 2200 || m < 1 || m > 12 || d < 1 || d > 31 {
		return "", false
	}
	t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
	if t.Day() != d || int(t.Month()) != m {
		return "", false
	}
	return t.Format(time.DateOnly), true
}

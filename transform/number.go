package transform

import (
	"math"
	"strconv"
	"unicode/utf8"
)

// dotRule says what a lone dot between digits means.
type dotRule int8

const (
	dotGerman  dotRule = iota // dots group thousands, a comma is the decimal mark ("1.234,5")
	dotDecimal                // a dot is the decimal mark, commas group thousands ("1,234.5")
)

// Number parses a number printed the German way ("41,693", "1 029", "1.141.128", "1.234,5", "–3,5", "+2,0")
// and reports how many decimals were printed, so that the figure can be shown as it was.
//
// Thousands are grouped by dots or by spaces (also no-break, thin and figure spaces) in groups of three;
// the decimal mark is a comma. A single dot followed by one or two digits ("1.5") can only be a decimal
// point and is read as one. A leading hyphen, en dash, minus sign or plus sign gives the sign.
func Number(s string) (value float64, decimals int, ok bool) {
	return parseNumber(s, dotGerman)
}

// isSpace reports whether r is a space that may separate thousands or surround a figure.
func isSpace(r rune) bool {
	switch r {
	case ' ', '\t', '\u00a0', '\u2007', '\u2009', '\u202f', '\u2002', '\u2003', '\u2004', '\u2005', '\u2006', '\u2008', '\u200a':
		return true
	}
	return false
}

// trimSpace trims the spaces isSpace knows from both ends of s.
func trimSpace(s string) string {
	if s == "" || (s[0] > ' ' && s[0] < utf8.RuneSelf && s[len(s)-1] > ' ' && s[len(s)-1] < utf8.RuneSelf) {
		return s // nothing to trim, the common case
	}
	for len(s) > 0 {
		r, n := utf8.DecodeRuneInString(s)
		if !isSpace(r) && r != '\n' && r != '\r' {
			break
		}
		s = s[n:]
	}
	for len(s) > 0 {
		r, n := utf8.DecodeLastRuneInString(s)
		if !isSpace(r) && r != '\n' && r != '\r' {
			break
		}
		s = s[:len(s)-n]
	}
	return s
}

// pow10 holds the powers of ten that float64 represents exactly.
var pow10 = [...]float64{1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22}

// numberShape is what the scanner saw of a figure: its digits and where its separators stood.
type numberShape struct {
	neg     bool
	digits  [40]byte // the digits without separators; longer figures are not numbers in a table
	n       int      // digits used
	groups  [16]int  // digits in each group between separators
	seps    [16]byte // the separator after each group: '.', ',' or ' '
	ngroups int
}

// scanNumber splits s into sign, digit groups and separators; ok is false when s holds anything else.
func scanNumber(s string, sh *numberShape) bool {
	s = trimSpace(s)
	if s == "" {
		return false
	}
	r, n := utf8.DecodeRuneInString(s)
	switch r {
	case '-', '\u2013', '\u2212', '\u2012':
		sh.neg = true
		s = trimSpace(s[n:])
	case '+':
		s = trimSpace(s[n:])
	}
	if s == "" || s[0] < '0' || s[0] > '9' {
		return false
	}
	count := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c >= '0' && c <= '9' {
			if sh.n == len(sh.digits) {
				return false
			}
			sh.digits[sh.n] = c
			sh.n++
			count++
			i++
			continue
		}
		var sep byte
		size := 1
		switch c {
		case '.', ',':
			sep = c
		case ' ':
			sep = ' '
		default:
			r, w := utf8.DecodeRuneInString(s[i:])
			if !isSpace(r) {
				return false
			}
			sep, size = ' ', w
		}
		// A separator stands between two digits, never at an end or doubled.
		if count == 0 || i+size >= len(s) || s[i+size] < '0' || s[i+size] > '9' {
			return false
		}
		if sh.ngroups == len(sh.groups)-1 {
			return false
		}
		sh.groups[sh.ngroups] = count
		sh.seps[sh.ngroups] = sep
		sh.ngroups++
		count = 0
		i += size
	}
	sh.groups[sh.ngroups] = count
	sh.ngroups++
	return true
}

// decimalIndex returns the index of the separator that is the decimal mark under rule, -1 for none,
// or ok false when the separators do not form a valid number.
func (sh *numberShape) decimalIndex(rule dotRule) (idx int, ok bool) {
	last := sh.ngroups - 2 // index of the last separator
	if last < 0 {
		return -1, true
	}
	mark, grouping := byte(','), byte('.')
	if rule == dotDecimal {
		mark, grouping = '.', ','
	}
	idx = -1
	switch sh.seps[last] {
	case mark:
		idx = last
	case grouping:
		// German: a single dot before one or two digits cannot group thousands; it is a decimal point.
		if rule == dotGerman && last == 0 && sh.groups[1] <= 2 {
			idx = last
		}
	}
	// Every separator before the decimal mark groups thousands, all of one kind.
	end := last
	if idx >= 0 {
		end = idx - 1
	}
	var kind byte
	for i := 0; i <= end; i++ {
		sep := sh.seps[i]
		if sep != grouping && sep != ' ' {
			return -1, false
		}
		if kind == 0 {
			kind = sep
		} else if sep != kind {
			return -1, false
		}
		if sh.groups[i+1] != 3 {
			return -1, false
		}
	}
	if end >= 0 && (sh.groups[0] > 3 || sh.groups[0] == 0) {
		return -1, false
	}
	// A figure grouped in thousands does not start with a zero ("0.123" is not 123).
	if end >= 0 && sh.digits[0] == '0' {
		return -1, false
	}
	return idx, true
}

// parseNumber parses s under rule; see Number.
func parseNumber(s string, rule dotRule) (value float64, decimals int, ok bool) {
	var sh numberShape
	if !scanNumber(s, &sh) {
		return 0, 0, false
	}
	idx, ok := sh.decimalIndex(rule)
	if !ok {
		return 0, 0, false
	}
	if idx >= 0 {
		decimals = sh.groups[idx+1]
	}
	v, ok := digitsValue(sh.digits[:sh.n], decimals)
	if !ok {
		return 0, 0, false
	}
	if sh.neg && v != 0 {
		v = -v
	}
	return v, decimals, true
}

// digitsValue turns a run of digits with decimals implied decimals into a float64, exactly rounded.
func digitsValue(digits []byte, decimals int) (float64, bool) {
	var m uint64
	exact := len(digits) <= 19
	if exact {
		for _, d := range digits {
			m = m*10 + uint64(d-'0')
		}
	}
	// Both operands exact and one division: the result is correctly rounded.
	if exact && m <= 1<<53 && decimals < len(pow10) {
		return float64(m) / pow10[decimals], true
	}
	var buf [48]byte
	b := buf[:0]
	intLen := len(digits) - decimals
	b = append(b, digits[:intLen]...)
	if decimals > 0 {
		b = append(b, '.')
		b = append(b, digits[intLen:]...)
	}
	v, err := strconv.ParseFloat(string(b), 64)
	if err != nil || math.IsInf(v, 0) || math.IsNaN(v) {
		return 0, false
	}
	return v, true
}

// FormatNumber prints v the German way with the given decimals and thousands grouped by dots,
// the inverse of Number (used in tests and for display).
func FormatNumber(v float64, decimals int) string {
	if decimals < 0 {
		decimals = 0
	}
	s := strconv.FormatFloat(math.Abs(v), 'f', decimals, 64)
	intPart, frac := s, ""
	if decimals > 0 {
		intPart, frac = s[:len(s)-decimals-1], s[len(s)-decimals:]
	}
	var b []byte
	if v < 0 || (v == 0 && math.Signbit(v)) {
		b = append(b, '-')
	}
	for i := range len(intPart) {
		if i > 0 && (len(intPart)-i)%3 == 0 {
			b = append(b, '.')
		}
		b = append(b, intPart[i])
	}
	if decimals > 0 {
		b = append(b, ',')
		b = append(b, frac...)
	}
	return string(b)
}

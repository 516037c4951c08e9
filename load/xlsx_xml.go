package load

import (
	"math"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// The limits of an Excel worksheet.
const (
	maxColumns      = 16384   // columns of a sheet (A to XFD)
	maxRows         = 1048576 // rows of a sheet
	maxCellChars    = 32767   // UTF-16 units of text in one cell
	maxSheetNameLen = 31      // UTF-16 units of a sheet name
)

// columnName is the letters of column col (1 is A, 27 is AA); "" outside a sheet's columns.
func columnName(col int) string {
	if col < 1 || col > maxColumns {
		return ""
	}
	return string(appendColumn(nil, col))
}

func appendColumn(dst []byte, col int) []byte {
	var letters [3]byte
	i := len(letters)
	for col > 0 {
		col--
		i--
		letters[i] = byte('A' + col%26)
		col /= 26
	}
	return append(dst, letters[i:]...)
}

// appendRef appends the reference of a cell, "B12".
func appendRef(dst []byte, col, row int) []byte {
	return strconv.AppendInt(appendColumn(dst, col), int64(row), 10)
}

// cellName is the reference of a cell, "B12".
func cellName(col, row int) string { return string(appendRef(nil, col, row)) }

// absoluteRange is a range with fixed columns and rows, "$A$1:$F$2", as a defined name holds it.
func absoluteRange(col1, row1, col2, row2 int) string {
	return "$" + columnName(col1) + "$" + strconv.Itoa(row1) + ":$" + columnName(col2) + "$" + strconv.Itoa(row2)
}

// quoteSheet is a sheet name as a formula or link names it: quoted, quotes doubled.
func quoteSheet(name string) string { return "'" + strings.ReplaceAll(name, "'", "''") + "'" }

// appendFloat appends a number as Excel keeps it: at most 15 significant digits, never an exponent.
func appendFloat(dst []byte, v float64) []byte {
	s := strconv.FormatFloat(v, 'f', -1, 64)
	if math.Abs(v) == math.MaxFloat64 {
		return append(dst, s...)
	}
	const maxDigits = 15
	point := strings.IndexByte(s, '.')
	digits := 0
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' || digits == 0 && s[i] == '0' {
			continue
		}
		if digits++; digits <= maxDigits {
			continue
		}
		if point >= 0 && i > point { // cut decimals
			return append(dst, strings.TrimSuffix(s[:i], ".")...)
		}
		if point < 0 {
			point = len(s)
		}
		dst = append(dst, s[:i]...) // zero the integer digits beyond the 15th
		for ; i < point; i++ {
			dst = append(dst, '0')
		}
		return dst
	}
	return append(dst, s...)
}

// excelEpoch is day 0 of Excel's date serials, so that 1900-03-01 is day 61 (Excel counts a 29 February 1900).
var excelEpoch = time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC)

// firstSerialDate is the first date whose serial is the same in every program that reads the workbook.
var firstSerialDate = time.Date(1900, 3, 1, 0, 0, 0, 0, time.UTC)

// dateSerial is the Excel serial of a date at midnight; false for dates before 1 March 1900.
func dateSerial(t time.Time) (float64, bool) {
	y, m, d := t.Date()
	day := time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
	if day.Before(firstSerialDate) {
		return 0, false
	}
	return float64(day.Sub(excelEpoch) / (24 * time.Hour)), true
}

// needsSpacePreserved says whether a text starts or ends with white space a reader would otherwise drop.
func needsSpacePreserved(s string) bool {
	if s == "" {
		return false
	}
	isSpace := func(b byte) bool { return b == ' ' || b == '\t' || b == '\n' || b == '\r' }
	return isSpace(s[0]) || isSpace(s[len(s)-1])
}

// appendText appends s as XML character data of a cell text: markup characters escaped, characters
// XML cannot hold as U+FFFD, and every "_xHHHH_" that a reader would decode as an escaped character
// kept literal by escaping its underscore (_x005F_).
func appendText(dst []byte, s string) []byte { return appendEscaped(dst, s, false) }

// appendAttr appends s escaped for an attribute value in double quotes.
func appendAttr(dst []byte, s string) []byte { return appendEscaped(dst, s, true) }

// appendEscaped appends s escaped for a cell text or for an attribute; runs of characters that
// need no escape are copied at once.
func appendEscaped(dst []byte, s string, attr bool) []byte {
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if plainASCII[c] || !attr && (c == '\n' || c == '\t') || attr && c == '_' {
			i++
			continue
		}
		esc, size := "", 1
		switch c {
		case '_':
			if !isEscapeSequence(s[i:]) {
				i++
				continue
			}
			esc = "_x005F_"
		case '&':
			esc = "&amp;"
		case '<':
			esc = "&lt;"
		case '>':
			esc = "&gt;"
		case '"':
			esc = "&quot;"
		case '\n':
			esc = "&#xA;"
		case '\t':
			esc = "&#x9;"
		case '\r':
			esc = "&#xD;"
		default:
			esc = "\uFFFD" // a control character
			if c >= utf8.RuneSelf {
				r, n := utf8.DecodeRuneInString(s[i:])
				if isXMLChar(r) && !(r == utf8.RuneError && n == 1) {
					i += n
					continue
				}
				size = n
			}
		}
		dst = append(append(dst, s[start:i]...), esc...)
		i += size
		start = i
	}
	return append(dst, s[start:]...)
}

// plainASCII marks the bytes copied as they are into a text or an attribute.
var plainASCII = func() (t [256]bool) {
	for c := 0x20; c < utf8.RuneSelf; c++ {
		t[c] = !strings.ContainsRune(`&<>"_`, rune(c))
	}
	return t
}()

// escapeXML is s escaped for XML character data or an attribute (not a cell text: no _xHHHH_ escapes).
func escapeXML(s string) string {
	return string(appendAttr(nil, s))
}

// isEscapeSequence reports whether s starts with "_xHHHH_", the form Excel stores a character in
// that XML cannot hold.
func isEscapeSequence(s string) bool {
	if len(s) < 7 || s[1] != 'x' || s[6] != '_' {
		return false
	}
	for _, c := range []byte(s[2:6]) {
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F') {
			return false
		}
	}
	return true
}

// isXMLChar reports whether XML 1.0 allows r in a document.
func isXMLChar(r rune) bool {
	return r == '\t' || r == '\n' || r == '\r' ||
		r >= 0x20 && r <= 0xD7FF || r >= 0xE000 && r <= 0xFFFD || r >= 0x10000 && r <= 0x10FFFF
}

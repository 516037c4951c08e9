// Package printable makes text that comes from files safe to print and to store in JSON: error
// messages that quote a document's bytes, file names that are not UTF-8 or hold control characters.
package printable

import (
	"fmt"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// String is s with every byte that is not part of valid UTF-8 written as \xNN and every control or
// format character other than newline and tab written as \xNN or \uNNNN: a message never carries raw
// binary bytes, nor an escape sequence a terminal would act on. Text without such bytes is s itself.
func String(s string) string {
	if clean(s, true) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && n <= 1:
			fmt.Fprintf(&b, `\x%02x`, s[i])
		case r == '\n' || r == '\t' || !hidden(r):
			b.WriteString(s[i : i+n])
		case r < 0x80:
			fmt.Fprintf(&b, `\x%02x`, r)
		default:
			fmt.Fprintf(&b, `\u%04x`, r)
		}
		i += n
	}
	return b.String()
}

// Path is a file name as shown to people: the name itself when it is valid UTF-8 of printable
// characters, else quoted as Go's %q does ("in/\x96bericht.txt"), so that every byte of it can be
// read back and none acts on the terminal.
func Path(p string) string {
	if clean(p, false) {
		return p
	}
	return strconv.Quote(p)
}

// clean reports whether s is valid UTF-8 without hidden characters (newlines and tabs allowed when
// lines is set).
func clean(s string, lines bool) bool {
	if !utf8.ValidString(s) {
		return false
	}
	for _, r := range s {
		if hidden(r) && !(lines && (r == '\n' || r == '\t')) {
			return false
		}
	}
	return true
}

// hidden reports whether r is a control or format character: not shown, but acted on or reordering
// the text around it.
func hidden(r rune) bool { return unicode.IsControl(r) || unicode.Is(unicode.Cf, r) }

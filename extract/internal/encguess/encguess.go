// Package encguess holds what the readers of text and HTML share to tell an encoding from the bytes.
package encguess

import (
	"unicode/utf8"

	"golang.org/x/text/encoding/unicode"
)

// UTF16Guess recognises UTF-16 without a byte order mark: German text is mostly Latin-1 letters, so
// at least seven in ten of the high bytes of the first characters are zero (dashes and quotes are not)
// and fewer than one in twenty of the low bytes.
func UTF16Guess(data []byte) (unicode.Endianness, bool) {
	n := min(len(data), 4096) &^ 1
	if n < 16 {
		return unicode.LittleEndian, false
	}
	even, odd := 0, 0
	for i := 0; i < n; i += 2 {
		if data[i] == 0 {
			even++
		}
		if data[i+1] == 0 {
			odd++
		}
	}
	switch half := n / 2; {
	case odd*10 >= half*7 && even*20 < half:
		return unicode.LittleEndian, true
	case even*10 >= half*7 && odd*20 < half:
		return unicode.BigEndian, true
	}
	return unicode.LittleEndian, false
}

// UTF8Stats counts the valid multi-byte UTF-8 sequences and the invalid bytes of data.
func UTF8Stats(data []byte) (multi, invalid int) {
	for i := 0; i < len(data); {
		if data[i] < utf8.RuneSelf {
			i++
			continue
		}
		r, size := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && size == 1 {
			invalid++
		} else {
			multi++
		}
		i += size
	}
	return multi, invalid
}

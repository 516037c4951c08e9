package printable

import (
	"strconv"
	"testing"
	"unicode/utf8"
)

func TestString(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"plain text: Zuständigkeit", "plain text: Zuständigkeit"},
		{"two\nlines\tand a tab", "two\nlines\tand a tab"},
		{"stream \x00\x01\x96\xff end", `stream \x00\x01\x96\xff end`},
		{"\x1b[2Jcleared", `\x1b[2Jcleared`},
		{"bidi \u202egnp.exe", `bidi \u202egnp.exe`},
		{"", ""},
	} {
		if got := String(tt.in); got != tt.want {
			t.Errorf("String(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestPath(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"in/ni-19-11185.txt", "in/ni-19-11185.txt"},
		{"in/Bericht über Ämter.pdf", "in/Bericht über Ämter.pdf"},
		{"in/\x96bericht.txt", `"in/\x96bericht.txt"`},
		{"in/\x1b[31mred.txt", `"in/\x1b[31mred.txt"`},
		{"in/two\nlines.txt", `"in/two\nlines.txt"`},
	} {
		got := Path(tt.in)
		if got != tt.want {
			t.Errorf("Path(%q) = %s, want %s", tt.in, got, tt.want)
		}
		if back, err := strconv.Unquote(got); got != tt.in && (err != nil || back != tt.in) {
			t.Errorf("Path(%q) = %s does not read back: %q, %v", tt.in, got, back, err)
		}
	}
}

// FuzzString checks that what String gives is valid UTF-8 with no hidden characters but newlines and
// tabs, and leaves clean text as it is.
func FuzzString(f *testing.F) {
	for _, s := range []string{"", "a\x00b", "\xff\xfe", "ä\u202e", "\x1b[m"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := String(s)
		if !utf8.ValidString(got) || !clean(got, true) {
			t.Fatalf("String(%q) = %q", s, got)
		}
		if clean(s, true) && got != s {
			t.Fatalf("String(%q) changed clean text: %q", s, got)
		}
	})
}

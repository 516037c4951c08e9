package content

import (
	"reflect"
	"strconv"
	"strings"
	"testing"
)

// The sloppy numbers producers write are read as readers read them.
func TestNumber(t *testing.T) {
	tests := []struct {
		word string
		want float64
		ok   bool
	}{
		{"12", 12, true}, {"-3.5", -3.5, true}, {".25", 0.25, true}, {"-.5", -0.5, true},
		{"3.", 3, true}, {"--2", -2, true}, {"+7", 7, true}, {"abc", 0, false}, {"", 0, false},
	}
	for _, tt := range tests {
		got, ok := number([]byte(tt.word))
		if got != tt.want || ok != tt.ok {
			t.Errorf("number(%q) = %v, %v; want %v, %v", tt.word, got, ok, tt.want, tt.ok)
		}
	}
}

// token writes what the lexer reads: an operator as itself, an operand by its kind.
func token(v operand, op string) string {
	if op != "" {
		return op
	}
	switch v.kind {
	case 'n':
		return strconv.FormatFloat(v.num, 'g', -1, 64)
	case '[':
		var parts []string
		for _, e := range v.arr {
			parts = append(parts, token(e, ""))
		}
		return "[" + strings.Join(parts, " ") + "]"
	case '/':
		return "/" + v.str
	default:
		return string(v.kind) + ":" + v.str
	}
}

// A content stream as office programs write it: operands, then their operator; strings
// literal and hex, with escapes; names with # escapes; arrays of strings and kerning.
func TestLexer(t *testing.T) {
	tests := []struct {
		name   string
		stream string
		want   []string
	}{
		{"text object", "BT /F1 12 Tf 72 700 Td (Hallo) Tj ET", []string{"BT", "/F1", "12", "Tf", "72", "700", "Td", "s:Hallo", "Tj", "ET"}},
		{"kerning array", "[(W) 120 (elt)] TJ", []string{"[s:W 120 s:elt]", "TJ"}},
		{"escapes", `(a\(b\)\101\n) Tj <48 69> Tj /A#42 Do`, []string{"s:a(b)A\n", "Tj", "s:Hi", "Tj", "/AB", "Do"}},
		{"comments and line ends", "q % save\r\n1 0 0 1 0 0 cm\nQ", []string{"q", "1", "0", "0", "1", "0", "0", "cm", "Q"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			lx := &lexer{data: []byte(tt.stream)}
			var got []string
			for {
				v, op, ok := lx.next()
				if !ok {
					break
				}
				got = append(got, token(v, op))
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("tokens %q, want %q", got, tt.want)
			}
		})
	}
}

package structure

import (
	"strings"
	"testing"
)

func TestTogetherNumbers(t *testing.T) {
	tests := []struct{ in, want string }{
		{"5 bis 7 ", "5 6 7"},
		{"10, 11 und 12 ", "10 11 12"},
		{"8 und 9 ", "8 9"},
		{"25 bis 36b ", "25 26 27 28 29 30 31 32 33 34 35 36"},
		{"39 und 39a ", "39"},
	}
	for _, tt := range tests {
		var got []string
		for _, n := range togetherNumbers(tt.in) {
			got = append(got, itoa(n))
		}
		if strings.Join(got, " ") != tt.want {
			t.Errorf("togetherNumbers(%q) = %v, want %s", tt.in, got, tt.want)
		}
	}
}

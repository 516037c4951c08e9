package golden

import "testing"

func TestFirstDiff(t *testing.T) {
	tests := []struct {
		got, want string
		line      int
		g, w      string
	}{
		{"a\nb\n", "a\nb\n", 0, "", ""},
		{"a\nb\n", "a\nc\n", 2, "b", "c"},
		{"a\n", "a\nb\n", 2, "", "b"},
		{"x", "y", 1, "x", "y"},
	}
	for _, tt := range tests {
		line, g, w := FirstDiff(tt.got, tt.want)
		if line != tt.line || g != tt.g || w != tt.w {
			t.Errorf("FirstDiff(%q, %q) = %d %q %q, want %d %q %q", tt.got, tt.want, line, g, w, tt.line, tt.g, tt.w)
		}
	}
}

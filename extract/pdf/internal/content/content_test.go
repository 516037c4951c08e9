package content

import "testing"

// A matrix applies to row vectors, so m.mul(n) transforms by m first, then by n.
func TestMatrix(t *testing.T) {
	scale := matrix{2, 0, 0, 3, 0, 0}
	move := matrix{1, 0, 0, 1, 10, 20}
	tests := []struct {
		name string
		m    matrix
		x, y float64
		want [2]float64
	}{
		{"identity", identity, 5, 7, [2]float64{5, 7}},
		{"scale then move", scale.mul(move), 1, 1, [2]float64{12, 23}},
		{"move then scale", move.mul(scale), 1, 1, [2]float64{22, 63}},
		{"a quarter turn", matrix{0, 1, -1, 0, 0, 0}, 1, 0, [2]float64{0, 1}},
	}
	for _, tt := range tests {
		if x, y := tt.m.apply(tt.x, tt.y); x != tt.want[0] || y != tt.want[1] {
			t.Errorf("%s: apply(%v, %v) = %v, %v; want %v", tt.name, tt.x, tt.y, x, y, tt.want)
		}
	}
}

// cleanText spells out ligatures and turns tabs and no-break spaces into spaces, so that words
// read as typed; control characters go.
func TestCleanText(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Einﬂuss auf ﬁnanzielle Mittel", "Einfluss auf finanzielle Mittel"},
		{"§\u00a012\tAbs.\u00a01", "§ 12 Abs. 1"},
		{"Text\x00\x07", "Text"},
		{"plain", "plain"},
	}
	for _, tt := range tests {
		if got := cleanText(tt.in); got != tt.want {
			t.Errorf("cleanText(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

package dumped

import (
	"strings"
	"testing"
)

// toks splits words as a dump prints them, "_" standing for the space between a figure and its unit.
func toks(s string) []token {
	var out []token
	for _, w := range strings.Fields(s) {
		out = append(out, token{text: strings.ReplaceAll(w, "_", " "), gap: 1})
	}
	return out
}

func TestReadings(t *testing.T) {
	tests := []struct {
		name    string
		words   string
		n       int
		markers []int
		want    []string
	}{
		{"three ways for four cells", "612 705 391 1 708", 4, nil, []string{"612|705|391|1 708", "612|705 391|1|708", "612 705|391|1|708"}},
		{"three ways for three cells", "612 705 391 1 708", 3, nil, []string{"612|705 391|1 708", "612 705|391|1 708", "612 705 391|1|708"}},
		{"a marker read off a figure", "1 2053 488 301 1 994", 4, []int{3},
			[]string{"1|2053|488 301|1 994", "1|205³|488 301|1 994", "1 205³|488|301|1 994", "1 205³|488 301|1|994"}},
		{"no footnote 3 on the page: no marker", "1 2053 488 301 1 994", 4, []int{1, 2}, []string{"1|2053|488 301|1 994"}},
		{"a group never starts with 0, a lone 004 is no figure", "640 812 004", 2, nil, []string{"640|812 004"}},
		{"decimals end a group", "455 845,62", 1, nil, []string{"455 845,62"}},
		{"a unit ends a group", "847 346_Euro", 1, nil, []string{"847 346 Euro"}},
		{"a unit after a marker", "1 2053_Euro 488", 2, []int{3}, []string{"1 205³ Euro|488"}},
		{"a malformed point group is a marker's", "1.2053 488", 2, []int{3}, []string{"1.205³|488"}},
		{"one cell a word", "5 6 7", 3, nil, []string{"5|6|7"}},
		{"too few words", "612", 2, nil, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var got []string
			rs, _ := readingsOf(toks(tc.words), tc.n, tc.markers)
			for _, r := range rs {
				got = append(got, strings.Join(r.cells, "|"))
			}
			if strings.Join(got, "\n") != strings.Join(tc.want, "\n") {
				t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(tc.want, "\n"))
			}
		})
	}
}

// summe weighs a reading as a table whose last column is the sum of the others would.
func summe(r reading) (int, int) {
	sum := 0.0
	for _, c := range r.cells[:len(r.cells)-1] {
		sum += value(c)
	}
	if sum == value(r.cells[len(r.cells)-1]) {
		return 1, 0
	}
	return 0, 1
}

// value reads a cell's figure for the tests: digits before the marker, spaces and points dropped.
func value(c string) float64 {
	v := 0.0
	for _, r := range c {
		switch {
		case r >= '0' && r <= '9':
			v = v*10 + float64(r-'0')
		case r == ' ' || r == '.':
		default:
			return v
		}
	}
	return v
}

func TestDecide(t *testing.T) {
	seen := newPattern(4)
	seen.add([]string{"612", "705", "391", "1 708"})
	seen.add([]string{"640", "720", "400", "1 760"})
	tests := []struct {
		name    string
		words   string
		n       int
		markers []int
		pattern *pattern
		sums    evidence
		want    string // "" for no decision
	}{
		{"the Summe decides", "612 705 391 1 708", 4, nil, newPattern(4), summe, "612|705|391|1 708"},
		{"without a Summe: several readings", "612 705 391 1 708", 4, nil, newPattern(4), nil, ""},
		{"the pattern decides", "598 690 380 1 668", 4, nil, seen, nil, "598|690|380|1 668"},
		{"the marker proven by the Summe", "1 2053 488 301 1 994", 4, []int{3}, newPattern(4), summe, "1 205³|488|301|1 994"},
		{"no marker without the footnote on the page: kept as printed", "1 2053 488 301 1 994", 4, nil, newPattern(4), summe, ""},
		{"no marker without a sum to prove it", "1 2053 488 301 1 994", 4, []int{3}, seen, nil, ""},
		{"a plain reading that adds up wins over a marker", "612 705 391 1 708", 4, []int{1, 8}, newPattern(4), summe, "612|705|391|1 708"},
		{"a row printed one way stays as printed though it does not add up", "5 6 7 19", 4, nil, newPattern(4), summe, "5|6|7|19"},
		{"one figure without thousands and its marker", "12053 488 301 1994", 4, []int{3}, newPattern(4), summe, "1205³|488|301|1994"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			tk := toks(tc.words)
			rs, _ := readingsOf(tk, tc.n, tc.markers)
			got, ok := decide(rs, tk, tc.pattern, tc.sums)
			if g := strings.Join(got.cells, "|"); !ok && tc.want != "" || ok && g != tc.want {
				t.Errorf("got %q %v, want %q", g, ok, tc.want)
			}
		})
	}
}

// A wide gap of the dump always separates cells.
func TestSpaced(t *testing.T) {
	tk := []token{{"612", 1}, {"705", 3}, {"391", 1}}
	rs, _ := readingsOf(tk, 2, nil)
	var got []string
	for _, r := range rs {
		if spaced(r, tk) {
			got = append(got, strings.Join(r.cells, "|"))
		}
	}
	if strings.Join(got, ",") != "612|705 391" {
		t.Errorf("got %q", got)
	}
}

// blankCells a dump prints for empty cells (Drs. 19/11184, 19/11136).
func TestBlanks(t *testing.T) {
	tests := []struct {
		line string
		n    int
		want string // "" for no reading
	}{
		{"216   44 15 677 ", 5, "216||44|15|677"},
		{"12       43 ", 5, "12||||43"},
		{"5,85   6,24   41,73   ", 6, "5,85||6,24||41,73|"},
		{"10,46   17,24 10,80 25,61 32,83 ", 6, "10,46||17,24|10,80|25,61|32,83"},
		{"12       43 ", 4, ""},            // the blanks hold three cells, not two
		{"1.074  1.014 1.030 ", 4, ""},     // two spaces are a wide gap, no empty cell
		{"5 6 7 ", 3, ""},                  // nothing missing
		{"5   6   7   8   9   10 ", 5, ""}, // too many blanks
	}
	for _, tc := range tests {
		tk, trail := gapTokens(tc.line)
		cells, ok := blankCells(tk, trail, tc.n)
		if got := strings.Join(cells, "|"); ok != (tc.want != "") || got != tc.want {
			t.Errorf("blankCells(%q, %d) = %q %v, want %q", tc.line, tc.n, got, ok, tc.want)
		}
	}
}

// gapTokens splits a line into tokens with the spaces before each, and the spaces after the last.
func gapTokens(line string) ([]token, int) {
	var out []token
	gap := 0
	for _, f := range strings.SplitAfter(line, " ") {
		if f == "" {
			continue
		}
		w := strings.TrimSuffix(f, " ")
		if w == "" {
			gap++
			continue
		}
		out = append(out, token{text: w, gap: gap})
		gap = 1
	}
	return out, gap
}

package dumped

import (
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"
)

// token is one word of the figures of a dumped row, as the dump printed it: a figure or part of
// one ("1", "2053"), a statistics sign, or a figure with its unit ("346 Euro"); Gap is how many
// spaces stand before it (1 between two cells of one line, more where the dump left blanks for
// empty cells or wider gaps).
type token struct {
	text string
	gap  int
}

// reading is one way to read the tokens of a row as cells: each cell's raw text as a reader gives
// it ("1 205³": a figure grouped by a space, its footnote marker raised), and the footnote read
// off a figure, if any.
type reading struct {
	cells  []string
	spans  []int // per cell, how many tokens it takes (0 for an empty cell)
	marker int   // the footnote number read off a figure's last digit, 0 for none
	cell   int   // the cell whose figure carried the marker
}

// maxReadings bounds the readings listed for one row: a row with more is kept as printed.
const maxReadings = 64

// maxGroupWords is the most words a figure grouped by thousands takes (999 999 999 999: five).
const maxGroupWords = 5

// readingsOf lists the ways to read toks as n cells, each a token or a figure grouped by thousands
// over several tokens ("1 029 412"); with markers, also the ways in which the last digit of one
// figure is the marker of a footnote among markers (the numbers of the footnotes printed on the
// row's page): "2053" as 205 and marker 3. complete is false when there are more than
// maxReadings: then only the first are listed. The walk enters only states from which a reading
// can be completed (see cellSpans), so its cost grows with the readings it lists, not with the
// ways to fail.
func readingsOf(toks []token, n int, markers []int) (rs []reading, complete bool) {
	plain, marked := cellSpans(toks, markers)
	// can[m][i][k]: toks[i:] can be read as k cells, with a marker among them allowed when m is 1.
	var can [2][][]bool
	for m := range can {
		can[m] = make([][]bool, len(toks)+1)
		for i := range can[m] {
			can[m][i] = make([]bool, n+1)
		}
		can[m][len(toks)][0] = true
	}
	for i := len(toks) - 1; i >= 0; i-- {
		for k := 1; k <= n; k++ {
			for end := i + 1; end <= min(len(toks), i+maxGroupWords); end++ {
				p := plain[i][end-i-1] != ""
				q := marked[i][end-i-1].raw != ""
				can[0][i][k] = can[0][i][k] || p && can[0][end][k-1]
				can[1][i][k] = can[1][i][k] || p && can[1][end][k-1] || q && can[0][end][k-1]
			}
		}
	}
	var out []reading
	var cells []string
	var spans []int
	var walk func(i, k int, marker, cell int) bool
	walk = func(i, k int, marker, cell int) bool {
		if k == 0 {
			if len(out) == maxReadings {
				return false
			}
			out = append(out, reading{cells: slices.Clone(cells), spans: slices.Clone(spans), marker: marker, cell: cell})
			return true
		}
		free := 0 // a marker may still be read
		if marker == 0 {
			free = 1
		}
		for end := i + 1; end <= min(len(toks), i+maxGroupWords); end++ {
			if raw := plain[i][end-i-1]; raw != "" && can[free][end][k-1] {
				cells, spans = append(cells, raw), append(spans, end-i)
				ok := walk(end, k-1, marker, cell)
				cells, spans = cells[:len(cells)-1], spans[:len(spans)-1]
				if !ok {
					return false
				}
			}
			if mk := marked[i][end-i-1]; free == 1 && mk.raw != "" && can[0][end][k-1] {
				cells, spans = append(cells, mk.raw), append(spans, end-i)
				ok := walk(end, k-1, mk.number, len(cells)-1)
				cells, spans = cells[:len(cells)-1], spans[:len(spans)-1]
				if !ok {
					return false
				}
			}
		}
		return true
	}
	if n < 1 || !can[1][0][n] {
		return nil, true
	}
	return out, walk(0, n, 0, 0)
}

// markedCell is a figure read with a footnote marker off its last digit: the marker's number and
// the cell's raw text, "" where the words are no such figure.
type markedCell struct {
	number int
	raw    string
}

// cellSpans reads, for each word i and each span of up to maxGroupWords words from it, the cell
// those words are as printed (plain[i][span-1], "" for none) and as a figure with a footnote
// marker among markers read off its last digit (marked[i][span-1]).
func cellSpans(toks []token, markers []int) ([][]string, [][]markedCell) {
	plain := make([][]string, len(toks))
	marked := make([][]markedCell, len(toks))
	for i := range toks {
		plain[i] = make([]string, maxGroupWords)
		marked[i] = make([]markedCell, maxGroupWords)
		for end := i + 1; end <= min(len(toks), i+maxGroupWords); end++ {
			words := texts(toks[i:end])
			if end > i+1 && !groupPrefix(words[:len(words)-1]) {
				break // a longer group is no group either
			}
			if figureWords(words) {
				plain[i][end-i-1] = strings.Join(words, " ")
			}
			if len(markers) > 0 {
				if m, raw, ok := markedFigure(words, markers); ok {
					marked[i][end-i-1] = markedCell{m, raw}
				}
			}
		}
	}
	return plain, marked
}

// texts are the texts of tokens.
func texts(toks []token) []string {
	out := make([]string, len(toks))
	for i, t := range toks {
		out[i] = t.text
	}
	return out
}

// figureWords reports words that are one cell: a single figure, sign or figure with its unit, or a
// figure grouped by thousands over several words.
func figureWords(words []string) bool {
	if len(words) == 1 {
		return cellWord(words[0])
	}
	return groupPrefix(words[:len(words)-1]) && groupEnd(words[len(words)-1])
}

// cellWord reports a word that is a cell on its own: not a part of a group that cannot stand alone
// ("004" is only ever the end of a group).
func cellWord(w string) bool {
	f, _ := cutUnit(w)
	f = strings.TrimRight(f, "%*")
	if len(f) > 1 && f[0] == '0' && f[1] >= '0' && f[1] <= '9' {
		return false
	}
	return f != "" && wellFormed(f)
}

// wellFormed reports a figure whose points group thousands in threes ("1.234.567,89") or mark
// decimals ("1.5", "12.25"), or a word without points: "1.2053" is no figure, but 1.205 with a
// footnote marker glued to it.
func wellFormed(f string) bool {
	whole, _, _ := strings.Cut(f, ",")
	groups := strings.Split(strings.TrimLeft(whole, "+-–"), ".")
	if len(groups) == 1 {
		return true
	}
	if len(groups) == 2 && !strings.Contains(f, ",") && len(groups[1]) <= 2 {
		return true // a decimal point
	}
	for i, g := range groups {
		if i > 0 && len(g) != 3 || i == 0 && (len(g) < 1 || len(g) > 3) {
			return false
		}
	}
	return true
}

// groupPrefix reports words that can begin a figure grouped by thousands: a lead of one to three
// digits, perhaps signed, not starting with 0, then words of exactly three digits.
func groupPrefix(words []string) bool {
	lead := strings.TrimLeft(words[0], "-–")
	if len(lead) < 1 || len(lead) > 3 || lead[0] == '0' || !digits(lead) {
		return false
	}
	for _, w := range words[1:] {
		if len(w) != 3 || !digits(w) {
			return false
		}
	}
	return true
}

// groupEnd reports a word that can end a figure grouped by thousands: three digits, perhaps with
// decimals after a comma and a unit ("000", "845,62", "346 Euro").
func groupEnd(w string) bool {
	f, _ := cutUnit(w)
	whole, frac, hasFrac := strings.Cut(f, ",")
	return len(whole) == 3 && digits(whole) && (!hasFrac || frac != "" && digits(frac))
}

// markedFigure reads words as a figure whose last digit (before its unit) is a footnote marker
// among markers: it returns the marker and the cell's raw text with the marker raised.
func markedFigure(words []string, markers []int) (int, string, bool) {
	last := words[len(words)-1]
	f, unit := cutUnit(last)
	if len(f) < 2 {
		return 0, "", false
	}
	d := f[len(f)-1]
	if d < '1' || d > '9' {
		return 0, "", false
	}
	m := int(d - '0')
	if !containsInt(markers, m) {
		return 0, "", false
	}
	stripped := append(append([]string(nil), words[:len(words)-1]...), f[:len(f)-1])
	if !figureWords(stripped) || !plainFigure(stripped[len(stripped)-1]) {
		return 0, "", false
	}
	raw := strings.Join(stripped, " ") + superscript(m)
	if unit != "" {
		raw += " " + unit
	}
	return m, raw, true
}

// plainFigure reports a word that ends in a digit after which a marker may stand.
func plainFigure(w string) bool {
	r, _ := utf8.DecodeLastRuneInString(w)
	return r >= '0' && r <= '9'
}

// cutUnit separates a unit printed after a figure in the same token ("346 Euro").
func cutUnit(w string) (string, string) {
	if i := strings.IndexByte(w, ' '); i >= 0 {
		return w[:i], w[i+1:]
	}
	return w, ""
}

func digits(s string) bool {
	return s != "" && strings.Trim(s, "0123456789") == ""
}

func containsInt(xs []int, x int) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}

// superscript writes a footnote number as superscript digits.
func superscript(n int) string {
	sup := []rune("⁰¹²³⁴⁵⁶⁷⁸⁹")
	var b strings.Builder
	for _, d := range strconv.Itoa(n) {
		b.WriteRune(sup[d-'0'])
	}
	return b.String()
}

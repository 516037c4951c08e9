package dumped

import (
	"strings"

	"drucksache/extract/layout"
)

// A dump prints a figure grouped by thousands with a space ("2 412") as two words, so a row of
// two such figures reads as four ("Wind offshore 2 412 1 445"). The words are joined again only
// where the table says how many figures a row has — a header of that many years — and each row
// with more words splits into exactly that many figures in one way only.

// yearColumns is the number of years ending the header line of years closest to the rows, or
// 0 when no header line ends in years only ("2024 2025", "Energieträger 2024 2025").
func yearColumns(head []layout.Line) int {
	for k := len(head) - 1; k >= 0; k-- {
		if _, years := splitValues(head[k]); yearsInOrder(years) {
			return len(years)
		}
	}
	return 0
}

// joinThousands joins the figures of rows grouped by thousands, so that each row has at most n
// figures; it changes nothing and reports false unless every row with more than n words splits
// into n figures in exactly one way, and at least one row does.
func joinThousands(rows []row, n int) bool {
	if n < 1 || yearLabels(rows) {
		return false
	}
	joined := make([][]string, len(rows))
	for k, r := range rows {
		if len(r.vals) <= n {
			continue
		}
		vals, ok := groupFigures(r.vals, n)
		if !ok {
			return false
		}
		joined[k] = vals
	}
	changed := false
	for k, vals := range joined {
		if vals != nil {
			rows[k].vals = vals
			changed = true
		}
	}
	return changed
}

// groupFigures splits words into n figures, each a word or a group of thousands as printed
// ("2 412"), and reports whether there is exactly one such split. The splits are counted by
// dynamic programming (capped at two), so that a long row of three-digit words costs no more
// than the square of its length.
func groupFigures(words []string, n int) ([]string, bool) {
	m := len(words)
	// ways[i][k] is the number of splits of words[i:] into k figures, 2 meaning "more than one".
	ways := make([][]uint8, m+1)
	for i := range ways {
		ways[i] = make([]uint8, n+1)
	}
	ways[m][0] = 1
	for i := m - 1; i >= 0; i-- {
		for end := i + 1; end <= m; end++ {
			if end > i+1 && !thousandsGroup(words[i:end]) {
				break // a longer group is no group either
			}
			for k := 1; k <= n; k++ {
				ways[i][k] = min(2, ways[i][k]+ways[end][k-1])
			}
		}
	}
	if ways[0][n] != 1 {
		return nil, false
	}
	vals := make([]string, 0, n)
	for i, k := 0, n; k > 0; k-- {
		for end := i + 1; end <= m; end++ {
			if ways[end][k-1] == 1 && (end == i+1 || thousandsGroup(words[i:end])) {
				vals = append(vals, strings.Join(words[i:end], " "))
				i = end
				break
			}
		}
	}
	return vals, true
}

// thousandsGroup reports words that form one figure grouped by thousands: a lead of one to
// three digits, not starting with 0, followed by words of exactly three digits ("1 029 412").
func thousandsGroup(words []string) bool {
	lead := words[0]
	if len(lead) < 1 || len(lead) > 3 || lead[0] == '0' || !digitsOnly(lead) {
		return false
	}
	for _, w := range words[1:] {
		if len(w) != 3 || !digitsOnly(w) {
			return false
		}
	}
	return true
}

// headerYears is the number of value columns a header of years gives the table: the years of
// a first row taken as its header, or of a header line of years only; 0 when there is none.
func headerYears(header []string, head []layout.Line) int {
	if header != nil {
		return len(header) - 1
	}
	return yearColumns(head)
}

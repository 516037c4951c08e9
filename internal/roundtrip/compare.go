package roundtrip

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
)

// Score says how much of a paper's truth an extracted document holds: Got of Of items right, where
// an item is a fact of the document, a question's text, answer or table list, a table's title,
// unit, column units, source or question, one header cell, one body cell, or one footnote; every
// table, row, question or footnote the document has beyond the truth counts as items missed.
// Misses names each item missed.
type Score struct {
	Got, Of int
	Misses  []string
}

// missList is the items missed, a line each.
func (s Score) missList() string {
	var b strings.Builder
	for _, m := range s.Misses {
		b.WriteString(m + "\n")
	}
	return b.String()
}

// Exact reports a document that holds the truth and nothing else.
func (s Score) Exact() bool { return s.Got == s.Of }

func (s *Score) item(ok bool, format string, args ...any) {
	s.Of++
	if ok {
		s.Got++
		return
	}
	s.Misses = append(s.Misses, fmt.Sprintf(format, args...))
}

// miss counts n items missed at once: a table, row or question missing, or more of them than printed.
func (s *Score) miss(n int, format string, args ...any) {
	s.Of += n
	s.Misses = append(s.Misses, fmt.Sprintf(format, args...))
}

// outDoc is the part of the output contract's document JSON the round trip compares.
type outDoc struct {
	Kind       string  `json:"kind"`
	Drucksache *string `json:"drucksache"`
	Title      string  `json:"title"`
	AnsweredBy string  `json:"answered_by"`
	Questions  []struct {
		Number int      `json:"number"`
		Part   string   `json:"part"`
		Text   string   `json:"text"`
		Answer string   `json:"answer"`
		Tables []string `json:"tables"`
	} `json:"questions"`
	Tables    []TruthTable `json:"tables"`
	Footnotes []struct {
		Marker   string `json:"marker"`
		Text     string `json:"text"`
		Question *int   `json:"question"`
		Table    string `json:"table"`
	} `json:"footnotes"`
}

// Compare scores a document's JSON (as the pipeline writes it) against a paper's truth.
func Compare(truth *Truth, data []byte) (Score, error) {
	var d outDoc
	if err := json.Unmarshal(data, &d); err != nil {
		return Score{}, err
	}
	var s Score
	s.item(d.Kind == truth.Kind, "kind: %q", d.Kind)
	s.item(d.Drucksache != nil && *d.Drucksache == truth.Drucksache, "drucksache: %s", show(d.Drucksache))
	s.item(d.Title == truth.Title, "title: %q", d.Title)
	s.item(d.AnsweredBy == truth.AnsweredBy, "answered_by: %q", d.AnsweredBy)
	ids := compareTables(&s, truth, d.Tables) // truth table id -> document table id
	seen := make([]bool, len(d.Questions))
	for _, tq := range truth.Questions {
		k := slices.IndexFunc(d.Questions, func(q struct {
			Number int      `json:"number"`
			Part   string   `json:"part"`
			Text   string   `json:"text"`
			Answer string   `json:"answer"`
			Tables []string `json:"tables"`
		}) bool {
			return q.Number == tq.Number
		})
		if k < 0 {
			s.item(false, "question %d: missing", tq.Number)
			s.item(false, "question %d: answer missing", tq.Number)
			s.item(false, "question %d: tables missing", tq.Number)
			continue
		}
		seen[k] = true
		q := d.Questions[k]
		s.item(q.Text == tq.Text, "question %d: text\n  got  %q\n  want %q", tq.Number, q.Text, tq.Text)
		s.item(q.Answer == tq.Answer, "question %d: answer\n  got  %q\n  want %q", tq.Number, q.Answer, tq.Answer)
		want := make([]string, len(tq.Tables))
		for i, id := range tq.Tables {
			want[i] = ids[id]
		}
		s.item(slices.Equal(q.Tables, want), "question %d: tables %v, want %v", tq.Number, q.Tables, want)
	}
	for k, q := range d.Questions {
		if !seen[k] {
			s.miss(3, "question %d%s: not in the paper", q.Number, q.Part)
		}
	}
	used := make([]bool, len(d.Footnotes))
	for _, tf := range truth.Footnotes {
		k := -1
		for i, f := range d.Footnotes {
			if !used[i] && f.Marker == tf.Marker && f.Text == tf.Text && f.Question != nil && *f.Question == tf.Question && f.Table == ids[tf.Table] {
				k = i
				break
			}
		}
		if k >= 0 {
			used[k] = true
		}
		s.item(k >= 0, "footnote %s %q of table %s: missing", tf.Marker, tf.Text, tf.Table)
	}
	for i, f := range d.Footnotes {
		if !used[i] {
			s.miss(1, "footnote %s %q (table %q): not in the paper", f.Marker, f.Text, f.Table)
		}
	}
	return s, nil
}

// compareTables scores the tables: each table of the truth against a document's table, paired
// most alike first (the same title, then the most cells shared), so that a table the document
// lacks does not take another's partner; it returns which document table each truth table became.
func compareTables(s *Score, truth *Truth, got []TruthTable) map[string]string {
	ids := map[string]string{}
	used := make([]bool, len(got))
	partner := pairTables(truth.Tables, got)
	for k, tt := range truth.Tables {
		best := partner[k]
		if best < 0 {
			n := 5 + len(tt.Header)
			for _, r := range tt.Rows {
				n += len(r)
			}
			s.miss(n, "table %s: missing", tt.ID)
			continue
		}
		used[best] = true
		ids[tt.ID] = got[best].ID
		compareTable(s, &tt, &got[best])
	}
	for i, g := range got {
		if !used[i] {
			n := len(g.Header)
			for _, r := range g.Rows {
				n += len(r)
			}
			s.miss(n, "table %s (question %d, %d rows, header %q): not in the paper", g.ID, g.Question, len(g.Rows), g.Header)
		}
	}
	return ids
}

// pairTables pairs each truth table with a document table (or -1), the pairs most alike first.
func pairTables(truth, got []TruthTable) []int {
	type pair struct{ t, g, n int }
	var pairs []pair
	for k := range truth {
		for i := range got {
			n := sharedCells(&truth[k], &got[i])
			if n == 0 {
				continue
			}
			if truth[k].Title != nil && sameString(truth[k].Title, got[i].Title) {
				n += 1 << 20
			}
			pairs = append(pairs, pair{k, i, n})
		}
	}
	slices.SortStableFunc(pairs, func(a, b pair) int { return b.n - a.n })
	out := make([]int, len(truth))
	for k := range out {
		out[k] = -1
	}
	taken := make([]bool, len(got))
	for _, p := range pairs {
		if out[p.t] < 0 && !taken[p.g] {
			out[p.t], taken[p.g] = p.g, true
		}
	}
	return out
}

// sharedCells counts the raw texts of the truth's body cells that the table holds too.
func sharedCells(tt *TruthTable, g *TruthTable) int {
	have := map[string]int{}
	for _, r := range g.Rows {
		for _, c := range r {
			have[c.Raw]++
		}
	}
	n := 0
	for _, r := range tt.Rows {
		for _, c := range r {
			if c.Raw != "" && have[c.Raw] > 0 {
				have[c.Raw]--
				n++
			}
		}
	}
	return n
}

func compareTable(s *Score, tt *TruthTable, g *TruthTable) {
	id := tt.ID
	s.item(g.Question == tt.Question, "table %s: question %d, want %d", id, g.Question, tt.Question)
	s.item(sameString(g.Title, tt.Title), "table %s: title %s, want %s", id, show(g.Title), show(tt.Title))
	s.item(sameString(g.Unit, tt.Unit), "table %s: unit %s, want %s", id, show(g.Unit), show(tt.Unit))
	s.item(slices.EqualFunc(g.ColumnUnits, tt.ColumnUnits, sameString), "table %s: column_units %s, want %s", id, shows(g.ColumnUnits), shows(tt.ColumnUnits))
	s.item(sameString(g.Source, tt.Source), "table %s: source %s, want %s", id, show(g.Source), show(tt.Source))
	for c, h := range tt.Header {
		ok := c < len(g.Header) && g.Header[c] == h
		got := ""
		if c < len(g.Header) {
			got = g.Header[c]
		}
		s.item(ok, "table %s: header %d %q, want %q", id, c+1, got, h)
	}
	if len(g.Header) > len(tt.Header) {
		s.miss(len(g.Header)-len(tt.Header), "table %s: %d header cells more than printed: %q", id, len(g.Header)-len(tt.Header), g.Header[len(tt.Header):])
	}
	// rows: those equal in full paired in order (a longest common subsequence), the others
	// paired in the gaps between them, cell by cell
	pairs := alignRows(tt.Rows, g.Rows)
	for _, p := range pairs {
		switch {
		case p.want < 0:
			s.miss(len(g.Rows[p.got]), "table %s: row %q not in the paper", id, raws(g.Rows[p.got]))
		case p.got < 0:
			s.miss(len(tt.Rows[p.want]), "table %s: row %d %q missing", id, p.want+1, raws(tt.Rows[p.want]))
		default:
			w, r := tt.Rows[p.want], g.Rows[p.got]
			for c, tc := range w {
				ok := c < len(r) && r[c].Raw == tc.Raw && (tc.Meaning == "" || r[c].Kind == "symbol" && r[c].Meaning == tc.Meaning)
				got := TruthCell{}
				if c < len(r) {
					got = r[c]
				}
				s.item(ok, "table %s: row %d cell %d %q (%s %s), want %q %s", id, p.want+1, c+1, got.Raw, got.Kind, got.Meaning, tc.Raw, tc.Meaning)
			}
			if len(r) > len(w) {
				s.miss(len(r)-len(w), "table %s: row %d has %d cells more than printed", id, p.want+1, len(r)-len(w))
			}
		}
	}
}

type rowPair struct{ want, got int }

func alignRows(want [][]TruthCell, got [][]TruthCell) []rowPair {
	eq := func(i, j int) bool { return raws(want[i]) == raws(got[j]) }
	n, m := len(want), len(got)
	lcs := make([][]int, n+1)
	for i := range lcs {
		lcs[i] = make([]int, m+1)
	}
	for i := n - 1; i >= 0; i-- {
		for j := m - 1; j >= 0; j-- {
			if eq(i, j) {
				lcs[i][j] = lcs[i+1][j+1] + 1
			} else {
				lcs[i][j] = max(lcs[i+1][j], lcs[i][j+1])
			}
		}
	}
	var out []rowPair
	var gw, gg []int // the unpaired rows of the current gap
	flush := func() {
		k := 0
		for ; k < len(gw) && k < len(gg); k++ {
			out = append(out, rowPair{gw[k], gg[k]})
		}
		for ; k < len(gw); k++ {
			out = append(out, rowPair{gw[k], -1})
		}
		for ; k < len(gg); k++ {
			out = append(out, rowPair{-1, gg[k]})
		}
		gw, gg = gw[:0], gg[:0]
	}
	i, j := 0, 0
	for i < n || j < m {
		switch {
		case i < n && j < m && eq(i, j):
			flush()
			out = append(out, rowPair{i, j})
			i++
			j++
		case j < m && (i == n || lcs[i][j+1] >= lcs[i+1][j]):
			gg = append(gg, j)
			j++
		default:
			gw = append(gw, i)
			i++
		}
	}
	flush()
	return out
}

func raws(r []TruthCell) string {
	parts := make([]string, len(r))
	for i, c := range r {
		parts[i] = c.Raw
	}
	return strings.Join(parts, " | ")
}

func sameString(a, b *string) bool {
	return a == nil && b == nil || a != nil && b != nil && *a == *b
}

func show(p *string) string {
	if p == nil {
		return "null"
	}
	return fmt.Sprintf("%q", *p)
}

func shows(ps []*string) string {
	if ps == nil {
		return "null"
	}
	parts := make([]string, len(ps))
	for i, p := range ps {
		parts[i] = show(p)
	}
	return "[" + strings.Join(parts, ", ") + "]"
}

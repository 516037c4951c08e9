package roundtrip

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"
)

// output writes a truth the way the pipeline writes a document, for Compare.
func output(t *testing.T, tr Truth, edit func(m map[string]any)) []byte {
	t.Helper()
	data, err := json.Marshal(tr)
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(data, &m); err != nil {
		t.Fatal(err)
	}
	for _, tb := range m["tables"].([]any) {
		for _, r := range tb.(map[string]any)["rows"].([]any) {
			for _, c := range r.([]any) {
				if c.(map[string]any)["meaning"] != nil {
					c.(map[string]any)["kind"] = "symbol"
				}
			}
		}
	}
	if edit != nil {
		edit(m)
	}
	out, err := json.Marshal(m)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func TestCompare(t *testing.T) {
	papers, err := Load("testdata/papers")
	if err != nil {
		t.Fatal(err)
	}
	k := slices.IndexFunc(papers, func(p Paper) bool { return p.Name == "ni-liquiditaetskredite" })
	if k < 0 {
		t.Fatal("no paper ni-liquiditaetskredite")
	}
	truth := MakeTruth(&papers[k])
	table := func(m map[string]any, i int) map[string]any { return m["tables"].([]any)[i].(map[string]any) }
	tests := []struct {
		name   string
		edit   func(m map[string]any)
		misses int    // how many items are missed
		miss   string // a word of the first miss
	}{
		{"the truth itself is exact", nil, 0, ""},
		{"a cell", func(m map[string]any) {
			table(m, 0)["rows"].([]any)[1].([]any)[2].(map[string]any)["raw"] = "1.032.114"
		}, 1, "row 2 cell 3"},
		{"a header joined wrongly", func(m map[string]any) {
			table(m, 0)["header"].([]any)[2] = "2025 Stand der Liquiditäts- kredite zum 31.12. (in Euro)"
		}, 1, "header 3"},
		{"a row cut in two by a page break", func(m map[string]any) {
			rows := table(m, 1)["rows"].([]any)
			cut := []any{map[string]any{"raw": ""}, map[string]any{"raw": ""}, map[string]any{"raw": ""}, map[string]any{"raw": "Rest"}}
			table(m, 1)["rows"] = append(append(append([]any{}, rows[:7]...), cut), rows[7:]...)
		}, 4, "not in the paper"},
		{"a sign without its meaning", func(m map[string]any) {
			table(m, 2)["rows"].([]any)[3].([]any)[3].(map[string]any)["kind"] = "text"
		}, 1, "unknown or secret"},
		{"a table split off", func(m map[string]any) {
			extra := map[string]any{"id": "t4", "question": 4, "header": []any{"a", "b"}, "rows": []any{[]any{map[string]any{"raw": "x"}}}}
			m["tables"] = append(m["tables"].([]any), extra)
		}, 3, "t4"},
		{"the annex in the last answer", func(m map[string]any) {
			q := m["questions"].([]any)[3].(map[string]any)
			q["answer"] = q["answer"].(string) + "\n\n© Landesamt"
		}, 1, "question 4: answer"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := Compare(&truth, output(t, truth, tt.edit))
			if err != nil {
				t.Fatal(err)
			}
			if s.Of-s.Got != tt.misses {
				t.Errorf("missed %d of %d items, want %d missed: %q", s.Of-s.Got, s.Of, tt.misses, s.Misses)
			}
			if tt.miss != "" && (len(s.Misses) == 0 || !strings.Contains(s.Misses[0], tt.miss)) {
				t.Errorf("misses %q, want one about %q first", s.Misses, tt.miss)
			}
		})
	}
}

// TestPairTables pairs the tables most alike first: a document that lacks the first of two tables
// that share cells ("Insgesamt", a total) gives its table to the second, its partner by title and
// cells, and the first is missing.
func TestPairTables(t *testing.T) {
	cells := func(raws ...string) []TruthCell {
		out := make([]TruthCell, len(raws))
		for i, r := range raws {
			out[i] = TruthCell{Raw: r}
		}
		return out
	}
	first := TruthTable{ID: "t1", Title: ptr("Tabelle 1: Investitionen"), Rows: [][]TruthCell{cells("Nordstadt", "4.200"), cells("Insgesamt", "9.230")}}
	second := TruthTable{ID: "t2", Title: ptr("Tabelle 2: Träger"), Rows: [][]TruthCell{cells("öffentlich", "5.120"), cells("privat", "4.110"), cells("Insgesamt", "9.230")}}
	got := pairTables([]TruthTable{first, second}, []TruthTable{second})
	if !slices.Equal(got, []int{-1, 0}) {
		t.Errorf("pairs %v, want [-1 0]", got)
	}
	untitled := second
	untitled.Title = nil
	if got := pairTables([]TruthTable{first, second}, []TruthTable{untitled}); !slices.Equal(got, []int{-1, 0}) {
		t.Errorf("pairs by cells %v, want [-1 0]", got)
	}
}

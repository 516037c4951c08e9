package transform_test

import (
	"bufio"
	"bytes"
	"drucksache/internal/golden"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"

	drucksache "drucksache"
	"drucksache/internal/roundtrip"
	"drucksache/transform"
)

// itGold is the gold file of the IT-infrastructure answer, whose sixth table is the IT-positions table.
const itGold = "../fixtures/gold/nds-19-kleine-anfrage-it-infrastruktur.txt.gold.json"

// loadGold decodes a gold file into a document and numbers its tables t1, t2, … as the pipeline does.
func loadGold(t *testing.T, path string) *drucksache.Document {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var doc drucksache.Document
	if err := json.Unmarshal(data, &doc); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	for i := range doc.Tables {
		doc.Tables[i].ID = fmt.Sprintf("t%d", i+1)
		// The gold files leave out decimals; typing decides them from the printed text.
		for _, row := range doc.Tables[i].Rows {
			for j := range row {
				if row[j].Kind == drucksache.CellNumber {
					row[j].Decimals = transform.Cell(row[j].Raw).Decimals
				}
			}
		}
	}
	return &doc
}

// key names a check by what it checks.
type key struct {
	Kind   string
	Target int
	Column int
}

func (k key) String() string { return fmt.Sprintf("%s row %d col %d", k.Kind, k.Target, k.Column) }

// keysWhere lists the checks of table id (every table for "") that pass the filter, in order.
func keysWhere(doc *drucksache.Document, id string, keep func(drucksache.Check) bool) []key {
	var out []key
	for _, c := range doc.Checks {
		if (id == "" || c.Table == id) && keep(c) {
			out = append(out, key{c.Kind, c.Target, c.Column})
		}
	}
	slices.SortFunc(out, func(a, b key) int { return strings.Compare(a.String(), b.String()) })
	return out
}

func failed(c drucksache.Check) bool    { return c.Passed != nil && !*c.Passed }
func undecided(c drucksache.Check) bool { return c.Passed == nil }
func passed(c drucksache.Check) bool    { return c.Passed != nil && *c.Passed }

// positions are the rows of the IT-positions table (t6) that print sums: each Einzelplan after its
// Kapitel rows, and the grand total after all of them.
var positions = []struct {
	name   string
	kind   string
	target int
	parts  []int
	want   []float64 // VZE / BM, Davon gewährt, Davon besetzt, Davon in Besetzung
}{
	{"Epl 01 Landtag", transform.CheckSubtotalRow, 1, []int{0}, []float64{1, 0, 0, 0}},
	{"Epl 02 Staatskanzlei", transform.CheckSubtotalRow, 3, []int{2}, []float64{1, 1, 1, 0}},
	{"Epl 03 Inneres und Sport", transform.CheckSubtotalRow, 9, []int{4, 5, 6, 7, 8}, []float64{167, 166, 120, 5}},
	{"Epl 04 Finanzen", transform.CheckSubtotalRow, 13, []int{10, 11, 12}, []float64{28.8, 28.8, 28.8, 0}},
	{"Epl 05 Soziales", transform.CheckSubtotalRow, 16, []int{14, 15}, []float64{6, 0, 0, 0}},
	{"Epl 09 Landwirtschaft", transform.CheckSubtotalRow, 18, []int{17}, []float64{18.5, 0, 0, 0}},
	{"Epl 11 Justiz", transform.CheckSubtotalRow, 22, []int{19, 20, 21}, []float64{25, 25, 25, 0}},
	{"Gesamt", transform.CheckTotalRow, 23, []int{1, 3, 9, 13, 16, 18, 22}, []float64{247.3, 220.8, 174.8, 5}},
}

func TestCheckPositionsAddUp(t *testing.T) {
	for _, rendition := range []string{"txt", "pdf", "html"} {
		doc := loadGold(t, strings.Replace(itGold, ".txt.", "."+rendition+".", 1))
		before := len(doc.Warnings)
		transform.Check(doc)
		for _, tc := range positions {
			t.Run(rendition+"/"+tc.name, func(t *testing.T) {
				for i, want := range tc.want {
					col := 3 + i
					c := findCheck(doc, "t6", tc.kind, tc.target, col)
					if c == nil {
						t.Fatalf("no %s check of row %d column %d", tc.kind, tc.target, col)
					}
					if !slices.Equal(c.Rows, tc.parts) {
						t.Errorf("column %d parts\ngot  %v\nwant %v", col, c.Rows, tc.parts)
					}
					if c.Expected == nil || *c.Expected != want {
						t.Errorf("column %d expected\ngot  %v\nwant %v", col, ptr(c.Expected), want)
					}
					if !passed(*c) || c.Found == nil || math.Abs(*c.Found-want) > 1e-9 {
						t.Errorf("column %d: passed %v, found %v, want %v (%s)", col, ptr(c.Passed), ptr(c.Found), want, c.Note)
					}
				}
			})
		}
		t.Run(rendition+"/davon", func(t *testing.T) {
			got := keysWhere(doc, "t6", func(c drucksache.Check) bool { return c.Kind == transform.CheckDavon && passed(c) })
			if len(got) != 24*3 {
				t.Errorf("passed davon checks: got %d, want %d (every row, three davon columns)", len(got), 24*3)
			}
		})
		t.Run(rendition+"/nothing else", func(t *testing.T) {
			if n := len(keysWhere(doc, "t6", passed)); n != 4*8+24*3 {
				t.Errorf("passed checks of t6: got %d, want %d", n, 4*8+24*3)
			}
			if bad := keysWhere(doc, "", func(c drucksache.Check) bool { return !passed(c) }); len(bad) > 0 {
				t.Errorf("checks not passed: %v", bad)
			}
			if len(doc.Warnings) != before {
				t.Errorf("warnings: got %d new, want none: %v", len(doc.Warnings)-before, doc.Warnings[before:])
			}
		})
	}
}

func TestCheckLayouts(t *testing.T) {
	tests := []struct {
		name    string
		layout  func(tb *drucksache.Table)
		want    int // passed checks
		wantOut []key
	}{
		{
			name:   "as printed: Kapitel rows, then their Einzelplan, Gesamt last",
			layout: func(tb *drucksache.Table) {},
			want:   4*8 + 24*3,
		},
		{
			name:   "upside down: Gesamt first, each Einzelplan above its Kapitel rows",
			layout: func(tb *drucksache.Table) { slices.Reverse(tb.Rows) },
			want:   4*8 + 24*3,
		},
		{
			name: "header printed over two rows, one \"Davon\" spanning three columns",
			layout: func(tb *drucksache.Table) {
				tb.HeaderRows = [][]string{
					{"Epl.", "Kap.", "Ressort / Kapitel", "VZE / BM", "Davon", "", ""},
					{"", "", "", "", "gewährt", "besetzt", "in Besetzung"},
				}
				tb.Header = []string{"Epl.", "Kap.", "Ressort / Kapitel", "VZE / BM", "gewährt", "besetzt", "in Besetzung"}
			},
			want: 4*8 + 24*3,
		},
		{
			name: "with a heading row that holds no figures",
			layout: func(tb *drucksache.Table) {
				heading := []drucksache.Cell{{Kind: drucksache.CellEmpty}, {Kind: drucksache.CellEmpty},
					{Raw: "Ressorts", Value: "Ressorts", Kind: drucksache.CellText}}
				tb.Rows = slices.Insert(tb.Rows, 0, heading)
			},
			want: 4*8 + 24*3,
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			doc := loadGold(t, itGold)
			tc.layout(&doc.Tables[5])
			transform.Check(doc)
			if got := len(keysWhere(doc, "t6", passed)); got != tc.want {
				t.Errorf("passed checks\ngot  %d\nwant %d", got, tc.want)
			}
			if got := keysWhere(doc, "", func(c drucksache.Check) bool { return !passed(c) }); len(got) > 0 {
				t.Errorf("checks not passed: %v", got)
			}
		})
	}
}

// TestCheckTotalColumn turns the returns table of Drs. 19/11185 by 90 degrees, so that "gesamt" heads a column.
func TestCheckTotalColumn(t *testing.T) {
	printed := textTable(t, "../fixtures/ni-19-11185.txt", "Rückführung anerkannter", "gesamt",
		[]string{"", "2023*", "2024*", "2025*", "2026**"})
	turned := drucksache.Table{ID: "t1", Header: []string{"Jahr"}}
	for _, row := range printed.Rows {
		turned.Header = append(turned.Header, row[0].Raw)
	}
	for col := 1; col < len(printed.Header); col++ {
		row := []drucksache.Cell{{Raw: printed.Header[col], Value: printed.Header[col], Kind: drucksache.CellText}}
		for _, r := range printed.Rows {
			row = append(row, r[col])
		}
		turned.Rows = append(turned.Rows, row)
	}
	doc := &drucksache.Document{Tables: []drucksache.Table{turned}}
	transform.Check(doc)
	want := []struct {
		key    key
		passed *bool
	}{
		{key{transform.CheckTotalColumn, 0, 4}, nil},
		{key{transform.CheckTotalColumn, 1, 4}, nil},
		{key{transform.CheckTotalColumn, 2, 4}, nil},
		{key{transform.CheckTotalColumn, 3, 4}, new(true)},
	}
	if len(doc.Checks) != len(want) {
		t.Fatalf("checks: got %d, want %d: %+v", len(doc.Checks), len(want), doc.Checks)
	}
	for i, w := range want {
		c := doc.Checks[i]
		if got := (key{c.Kind, c.Target, c.Column}); got != w.key || !reflect.DeepEqual(c.Passed, w.passed) {
			t.Errorf("check %d\ngot  %v passed %v (%s)\nwant %v passed %v", i, got, ptr(c.Passed), c.Note, w.key, ptr(w.passed))
		}
	}
	if !strings.Contains(doc.Checks[0].Note, `counting them as 0 the parts add up to 32 and would pass`) {
		t.Errorf("note of an undecided check: %s", doc.Checks[0].Note)
	}
}

func findCheck(doc *drucksache.Document, table, kind string, target, col int) *drucksache.Check {
	for i, c := range doc.Checks {
		if c.Table == table && c.Kind == kind && c.Target == target && c.Column == col {
			return &doc.Checks[i]
		}
	}
	return nil
}

func ptr[T any](p *T) any {
	if p == nil {
		return nil
	}
	return *p
}

// setCell overwrites a cell of the IT-positions table as a misreading would.
func setCell(doc *drucksache.Document, row, col int, raw string) {
	c := &doc.Tables[5].Rows[row][col]
	*c = transform.Cell(raw)
}

func TestCheckFindsCorruption(t *testing.T) {
	vze, gewaehrt, besetzt, inBesetzung := 3, 4, 5, 6
	tests := []struct {
		name          string
		corrupt       func(doc *drucksache.Document)
		wantFailed    []key
		wantUndecided []key
	}{
		{
			name:       "0333 VZE 150,0 misread as 160,0 fails Epl 03 only; Gesamt adds the printed Epl rows",
			corrupt:    func(doc *drucksache.Document) { setCell(doc, 8, vze, "160,0") },
			wantFailed: []key{{transform.CheckSubtotalRow, 9, vze}},
		},
		{
			name:    "0333 VZE 150,0 misread as 15,0 also falls below its davon figures",
			corrupt: func(doc *drucksache.Document) { setCell(doc, 8, vze, "15,0") },
			wantFailed: []key{
				{transform.CheckDavon, 8, gewaehrt},
				{transform.CheckDavon, 8, besetzt},
				{transform.CheckSubtotalRow, 9, vze},
			},
		},
		{
			name:    "Epl 03 VZE 167,0 misread as 176,0 fails Epl 03 and Gesamt",
			corrupt: func(doc *drucksache.Document) { setCell(doc, 9, vze, "176,0") },
			wantFailed: []key{
				{transform.CheckSubtotalRow, 9, vze},
				{transform.CheckTotalRow, 23, vze},
			},
		},
		{
			name:       "0406 Davon gewährt 19,0 misread as 1,9",
			corrupt:    func(doc *drucksache.Document) { setCell(doc, 11, gewaehrt, "1,9") },
			wantFailed: []key{{transform.CheckSubtotalRow, 13, gewaehrt}},
		},
		{
			name:       "Gesamt Davon besetzt 174,8 misread as 147,8",
			corrupt:    func(doc *drucksache.Document) { setCell(doc, 23, besetzt, "147,8") },
			wantFailed: []key{{transform.CheckTotalRow, 23, besetzt}},
		},
		{
			name:    "0309 in Besetzung 1,0 printed as a dash cannot be decided",
			corrupt: func(doc *drucksache.Document) { setCell(doc, 6, inBesetzung, "–") },
			wantUndecided: []key{
				{transform.CheckDavon, 6, inBesetzung},
				{transform.CheckSubtotalRow, 9, inBesetzung},
			},
		},
		{
			name: "row 0307 lost fails Epl 03 in the columns where it printed more than 0",
			corrupt: func(doc *drucksache.Document) {
				doc.Tables[5].Rows = slices.Delete(doc.Tables[5].Rows, 5, 6)
			},
			wantFailed: []key{
				{transform.CheckSubtotalRow, 8, vze},
				{transform.CheckSubtotalRow, 8, gewaehrt},
				{transform.CheckSubtotalRow, 8, besetzt},
			},
		},
		{
			name: "row Epl 04 lost goes unseen: its Kapitel rows then count towards Gesamt themselves",
			corrupt: func(doc *drucksache.Document) {
				doc.Tables[5].Rows = slices.Delete(doc.Tables[5].Rows, 13, 14)
			},
		},
		{
			name: "row 1103 lost fails Epl 11 and nothing else",
			corrupt: func(doc *drucksache.Document) {
				doc.Tables[5].Rows = slices.Delete(doc.Tables[5].Rows, 20, 21)
			},
			wantFailed: []key{
				{transform.CheckSubtotalRow, 21, vze},
				{transform.CheckSubtotalRow, 21, gewaehrt},
				{transform.CheckSubtotalRow, 21, besetzt},
			},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			doc := loadGold(t, itGold)
			tc.corrupt(doc)
			before := len(doc.Warnings)
			transform.Check(doc)
			if got := keysWhere(doc, "", failed); !slices.Equal(got, tc.wantFailed) {
				t.Errorf("failed checks\ngot  %v\nwant %v", got, tc.wantFailed)
			}
			if got := keysWhere(doc, "", undecided); !slices.Equal(got, tc.wantUndecided) {
				t.Errorf("undecided checks\ngot  %v\nwant %v", got, tc.wantUndecided)
			}
			warned := doc.Warnings[before:]
			if len(warned) != len(tc.wantFailed)+len(tc.wantUndecided) {
				t.Errorf("warnings: got %d, want %d", len(warned), len(tc.wantFailed)+len(tc.wantUndecided))
			}
			for _, w := range warned {
				if !strings.HasPrefix(w.Message, "table t6, row ") || w.Provenance != (drucksache.Provenance{
					Page: doc.Tables[5].Provenance.Page, Line: doc.Tables[5].Provenance.Line, Path: doc.Tables[5].Provenance.Path,
				}) {
					t.Errorf("warning without the table's place: %+v", w)
				}
			}
		})
	}
}

func TestCheckWarningNamesThePlace(t *testing.T) {
	doc := loadGold(t, itGold)
	setCell(doc, 8, 3, "160,0")
	transform.Check(doc)
	var got []drucksache.Warning
	for _, w := range doc.Warnings {
		if w.Code == drucksache.WarnCheckFailed {
			got = append(got, w)
		}
	}
	want := `table t6, row "03 Ministerium für Inneres und Sport", column "VZE / BM" does not add up (subtotal_row): ` +
		`sum of the rows coded 0301, 0307, 0309, 0314, 0333, under 03: the parts add up to 177,0, printed 167,0 (off by 10,0, allowed 0,3)`
	if len(got) != 1 || got[0].Message != want {
		t.Errorf("warnings\ngot  %v\nwant %s", got, want)
	}
}

// textTable reads a table printed as text in a fixture, between the line starting with from and the line
// starting with to: each row ends with one figure per column after the first, the rest of its lines is the
// label. Cells are typed here as simply as the tables need, independent of the package's own typing.
func textTable(t *testing.T, file, from, to string, header []string) drucksache.Table {
	t.Helper()
	f, err := os.Open(file)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	table := drucksache.Table{ID: "t1", Header: header}
	var label []string
	in := false
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if !in && strings.HasPrefix(line, from) {
			in = true
			table.Provenance = drucksache.Span{Page: 1, Line: n}
		}
		if !in {
			continue
		}
		var tokens []string
		for _, tok := range strings.Fields(line) {
			if tok != "€" {
				tokens = append(tokens, tok)
			}
		}
		k := len(header) - 1
		if len(tokens) < k || !allFigures(tokens[len(tokens)-k:]) {
			label = append(label, line)
			continue
		}
		label = append(label, tokens[:len(tokens)-k]...)
		row := []drucksache.Cell{typed(strings.Join(label, " "))}
		for _, tok := range tokens[len(tokens)-k:] {
			row = append(row, typed(tok))
		}
		table.Rows = append(table.Rows, row)
		label = nil
		if strings.HasPrefix(line, to) {
			table.Provenance.EndLine = n
			return table
		}
	}
	t.Fatalf("%s: no table from %q to %q", file, from, to)
	return table
}

func allFigures(tokens []string) bool {
	for _, tok := range tokens {
		if typed(tok).Kind == drucksache.CellText {
			return false
		}
	}
	return true
}

// typed types a cell for the tests: a German figure, a dash, or text.
func typed(raw string) drucksache.Cell {
	raw = strings.TrimSpace(raw)
	switch {
	case raw == "":
		return drucksache.Cell{Kind: drucksache.CellEmpty}
	case strings.Trim(raw, "-–") == "":
		return drucksache.Cell{Raw: raw, Kind: drucksache.CellSymbol, Meaning: "nothing"}
	}
	s := strings.ReplaceAll(raw, ".", "")
	dec := 0
	if i := strings.IndexByte(s, ','); i >= 0 {
		dec = len(s) - i - 1
		s = s[:i] + "." + s[i+1:]
	}
	v, err := strconv.ParseFloat(s, 64)
	if err != nil || strings.ContainsAny(s, "eEnN+") {
		return drucksache.Cell{Raw: raw, Value: raw, Kind: drucksache.CellText}
	}
	return drucksache.Cell{Raw: raw, Value: v, Kind: drucksache.CellNumber, Decimals: dec}
}

func TestCheckPrintedTables(t *testing.T) {
	tests := []struct {
		name          string
		file          string
		from, to      string
		header        []string
		wantPassed    []key
		wantFailed    []key
		wantUndecided []key
		wantNote      string // in every failed check
	}{
		{
			name: "personnel costs with the header of years read as a row", file: "../../shared/eval/ni-19-11250.txt",
			from: "Personalkosten 2023", to: "Gesamt", header: []string{"", "", "", ""},
			wantFailed: []key{{transform.CheckTotalRow, 4, 1}, {transform.CheckTotalRow, 4, 2}, {transform.CheckTotalRow, 4, 3}},
			wantNote:   "row 1 holds years, perhaps a header read as a row",
		},
		{
			name: "returns by year: a dash in three years leaves them undecided", file: "../fixtures/ni-19-11185.txt",
			from: "Rückführung anerkannter", to: "gesamt", header: []string{"", "2023*", "2024*", "2025*", "2026**"},
			wantPassed:    []key{{transform.CheckTotalRow, 3, 4}},
			wantUndecided: []key{{transform.CheckTotalRow, 3, 1}, {transform.CheckTotalRow, 3, 2}, {transform.CheckTotalRow, 3, 3}},
		},
		{
			name: "judges on probation: a davon column", file: "../fixtures/ni-19-11185.txt",
			from: "2022 243 27", to: "2026 276 57", header: []string{"", "Gesamtzahl", "davon Richterinnen und Richter auf Probe"},
			wantPassed: []key{
				{transform.CheckDavon, 0, 2}, {transform.CheckDavon, 1, 2}, {transform.CheckDavon, 2, 2},
				{transform.CheckDavon, 3, 2}, {transform.CheckDavon, 4, 2},
			},
		},
		{
			name: "tolerated Syrians: a davon row", file: "../fixtures/ni-19-11185.txt",
			from: "Ausreisepflichtige syrische", to: "787 855", header: []string{"", "2023*", "2024*", "2025*", "2026**"},
			wantPassed: []key{
				{transform.CheckDavon, 1, 1}, {transform.CheckDavon, 1, 2}, {transform.CheckDavon, 1, 3}, {transform.CheckDavon, 1, 4},
			},
		},
		{
			name: "personnel costs in euro and cent", file: "../../shared/eval/ni-19-11250.txt",
			from: "Allgemeiner Suchtbereich 206", to: "Gesamt", header: []string{"Personalkosten", "2023", "2024", "2025"},
			wantPassed: []key{{transform.CheckTotalRow, 3, 1}, {transform.CheckTotalRow, 3, 2}, {transform.CheckTotalRow, 3, 3}},
		},
		{
			name: "expenses: a total named Gesamtausgaben", file: "../../shared/eval/ni-19-11250.txt",
			from: "Personalausgaben", to: "Gesamtausgaben", header: []string{"", "2023", "2024", "2025"},
			wantPassed: []key{{transform.CheckTotalRow, 2, 1}, {transform.CheckTotalRow, 2, 2}, {transform.CheckTotalRow, 2, 3}},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if _, err := os.Stat(tc.file); err != nil {
				t.Skipf("fixture not here: %v", err)
			}
			doc := &drucksache.Document{Tables: []drucksache.Table{textTable(t, tc.file, tc.from, tc.to, tc.header)}}
			transform.Check(doc)
			wantChecks(t, doc, tc.wantPassed, tc.wantFailed, tc.wantUndecided)
			if len(doc.Warnings) != len(tc.wantFailed)+len(tc.wantUndecided) {
				t.Errorf("warnings: got %d, want %d", len(doc.Warnings), len(tc.wantFailed)+len(tc.wantUndecided))
			}
			for _, c := range doc.Checks {
				if failed(c) && !strings.Contains(c.Note, tc.wantNote) {
					t.Errorf("note\ngot  %s\nwant …%s…", c.Note, tc.wantNote)
				}
			}
		})
	}
}

// TestCheckStrayRow puts the row of persons obliged to leave of Drs. 19/11185 into its returns table, as a
// table extractor that merged two tables would, and expects the totals to name it.
func TestCheckStrayRow(t *testing.T) {
	header := []string{"", "2023*", "2024*", "2025*", "2026**"}
	returns := textTable(t, "../fixtures/ni-19-11185.txt", "Rückführung anerkannter", "gesamt", header)
	tolerated := textTable(t, "../fixtures/ni-19-11185.txt", "Ausreisepflichtige syrische", "787 855", header)
	returns.Rows = slices.Insert(returns.Rows, 3, tolerated.Rows[0])
	doc := &drucksache.Document{Tables: []drucksache.Table{returns}}
	transform.Check(doc)
	want := []key{{transform.CheckTotalRow, 4, 4}}
	if got := keysWhere(doc, "t1", failed); !slices.Equal(got, want) {
		t.Fatalf("failed checks\ngot  %v\nwant %v", got, want)
	}
	if c := doc.Checks[len(doc.Checks)-1]; !strings.Contains(c.Note, `without row 4 "Ausreisepflichtige syrische Staatsangehörige (gesamt)" it would add up`) {
		t.Errorf("note does not name the stray row: %s", c.Note)
	}
}

// wantChecks compares the checks of table t1 with the keys of those that must pass, fail and stay undecided.
func wantChecks(t *testing.T, doc *drucksache.Document, passing, failing, open []key) {
	t.Helper()
	for _, c := range []struct {
		what string
		keep func(drucksache.Check) bool
		want []key
	}{{"passed", passed, passing}, {"failed", failed, failing}, {"undecided", undecided, open}} {
		if got := keysWhere(doc, "t1", c.keep); !slices.Equal(got, sortedKeys(c.want)) {
			t.Errorf("%s checks\ngot  %v\nwant %v", c.what, got, sortedKeys(c.want))
		}
	}
}

// table builds table t1 of cells typed from their printed text.
func table(header []string, rows ...[]string) drucksache.Table {
	tab := drucksache.Table{ID: "t1", Header: header}
	for _, r := range rows {
		var row []drucksache.Cell
		for _, raw := range r {
			row = append(row, transform.Cell(raw))
		}
		tab.Rows = append(tab.Rows, row)
	}
	return tab
}

func sortedKeys(ks []key) []key {
	out := slices.Clone(ks)
	slices.SortFunc(out, func(a, b key) int { return strings.Compare(a.String(), b.String()) })
	return out
}

// TestCheckGolden writes every check and warning of the gold documents' tables to testdata/checks,
// so that a change in what is checked shows in review.
func TestCheckGolden(t *testing.T) {
	paths, err := filepath.Glob("../fixtures/gold/*.gold.json")
	if err != nil || len(paths) == 0 {
		t.Fatalf("no gold files: %v", err)
	}
	for _, path := range paths {
		name := strings.TrimSuffix(filepath.Base(path), ".gold.json")
		t.Run(name, func(t *testing.T) {
			doc := loadGold(t, path)
			if len(doc.Tables) == 0 {
				t.Skip("no tables in the gold file")
			}
			doc.Warnings = nil
			transform.Check(doc)
			got, err := json.MarshalIndent(struct {
				Checks   []drucksache.Check   `json:"checks"`
				Warnings []drucksache.Warning `json:"warnings"`
			}{doc.Checks, doc.Warnings}, "", "  ")
			if err != nil {
				t.Fatal(err)
			}
			got = append(got, '\n')
			golden.Check(t, filepath.Join("testdata", "checks", name+".json"), got)
		})
	}
}

// fuzzTable builds a table from bytes: rows split at newlines, cells at '|', each cell typed by the tests' typer,
// the first line a header.
func fuzzTable(data string) drucksache.Table {
	lines := strings.Split(data, "\n")
	table := drucksache.Table{ID: "t1", Header: strings.Split(lines[0], "|")}
	for _, line := range lines[1:] {
		var row []drucksache.Cell
		for _, raw := range strings.Split(line, "|") {
			c := typed(raw)
			if strings.HasPrefix(raw, "#") {
				c = drucksache.Cell{Raw: raw, Value: strings.TrimPrefix(raw, "#"), Kind: drucksache.CellCode}
			}
			row = append(row, c)
		}
		table.Rows = append(table.Rows, row)
	}
	return table
}

func FuzzCheck(f *testing.F) {
	f.Add("Epl.|Kap.|Name|VZE|Davon gewährt\n|#0101|Landtag|1,0|0,0\n#01||Landtag|1,0|0,0\n||Gesamt|1,0|0,0")
	f.Add("|2023|2024|Gesamt\nA|1|2|3\nB|---|4|4\ndavon X|1|1|2\nSumme|1|6|7\nInsgesamt|x|6|")
	f.Add("Insgesamt|5|Summe\nGesamt|-1e308|1.7976931348623157e308\nzusammen|NaN|,5\n#1|#10|#100")
	f.Fuzz(func(t *testing.T, data string) {
		doc := &drucksache.Document{Tables: []drucksache.Table{fuzzTable(data), fuzzTable(strings.ToLower(data))}}
		before, err := json.Marshal(doc.Tables)
		if err != nil {
			return
		}
		transform.Check(doc)
		after, _ := json.Marshal(doc.Tables)
		if !bytes.Equal(before, after) {
			t.Fatalf("Check changed a table\nbefore %s\nafter  %s", before, after)
		}
		notPassed := 0
		for _, c := range doc.Checks {
			tb := doc.Tables[0]
			if c.Table != tb.ID {
				t.Fatalf("check of unknown table %q", c.Table)
			}
			if c.Target < 0 || c.Target >= len(tb.Rows) || c.Column < 0 || c.Note == "" {
				t.Fatalf("check out of range or without note: %+v", c)
			}
			if c.Passed != nil && (c.Expected == nil || c.Found == nil) {
				t.Fatalf("decided check without the printed figure: %+v", c)
			}
			if c.Passed == nil || !*c.Passed {
				notPassed++
			}
		}
		if notPassed != len(doc.Warnings) {
			t.Fatalf("%d checks not passed but %d warnings", notPassed, len(doc.Warnings))
		}
	})
}

// Evidence is what a parser weighs between readings of a dumped row: the reading that a total
// proves, and none refutes.
func TestEvidence(t *testing.T) {
	kosten := []string{"Jahr", "Personalkosten je Fall", "Sach- und Betriebskosten", "Verwaltungskosten", "Summe"}
	tests := []struct {
		name           string
		tab            drucksache.Table
		row            int
		passed, failed int
	}{
		{"a total column proves the reading", table(kosten, []string{"2019", "612", "705", "391", "1 708"}), 0, 1, 0},
		{"a total column refutes another", table(kosten, []string{"2019", "612 705", "391", "1", "708"}), 0, 0, 1},
		{"a marker read off its figure adds up", table(kosten, []string{"2021", "1 205³", "488", "301", "1 994"}), 0, 1, 0},
		{"the marker read as a digit does not", table(kosten, []string{"2021", "12 053", "488", "301", "1 994"}), 0, 0, 1},
		{"a total named with its unit", table([]string{"Jahr", "Bund", "Land", "Summe in Euro"}, []string{"2023", "12,50", "3,10", "15,60"}), 0, 1, 0},
		{"a total row: its parts are proven too",
			table([]string{"Kreis", "Anzahl"}, []string{"A", "1 205"}, []string{"B", "488"}, []string{"Insgesamt", "1 693"}), 1, 1, 0},
		{"no total: no evidence", table([]string{"Jahr", "Anträge", "Fördersumme"}, []string{"2019", "612", "705 391"}), 0, 0, 0},
		{"a davon column proves nothing, but may refute",
			table([]string{"Jahr", "Gesamtzahl", "davon auf Probe"}, []string{"2022", "243", "2 700"}), 0, 0, 1},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			before := fmt.Sprint(tc.tab.Rows)
			p, f := transform.Evidence(tc.tab)
			if len(p) != len(tc.tab.Rows) || len(f) != len(tc.tab.Rows) {
				t.Fatalf("evidence for %d and %d rows of %d", len(p), len(f), len(tc.tab.Rows))
			}
			passed, failed := p[tc.row], f[tc.row]
			if passed != tc.passed || failed != tc.failed {
				t.Errorf("got %d passed %d failed, want %d and %d", passed, failed, tc.passed, tc.failed)
			}
			if fmt.Sprint(tc.tab.Rows) != before {
				t.Errorf("the table changed: %s", fmt.Sprint(tc.tab.Rows))
			}
		})
	}
}

// A row printed wider than the header's columns (a dumped row whose figures fit them in more than
// one way, kept as printed) takes part in no check: a total that counts it is undecided, never failed.
func TestCheckUnplacedRow(t *testing.T) {
	tests := []struct {
		name                      string
		tab                       drucksache.Table
		passed, failed, undecided []key
	}{
		{"a total column: the wide row is not checked",
			table([]string{"Jahr", "Personal", "Sachmittel", "Summe", "", ""},
				[]string{"2019", "612", "705", "1 317"}, []string{"2020", "1", "912", "38", "1", "950"}),
			[]key{{transform.CheckTotalColumn, 0, 3}}, nil, nil},
		{"a total row over a wide row: undecided",
			table([]string{"Kreis", "Anzahl", ""},
				[]string{"A", "1 205"}, []string{"B", "612", "705"}, []string{"Insgesamt", "613 910"}),
			nil, nil, []key{{transform.CheckTotalRow, 2, 1}}},
		{"no header: every row is placed",
			table([]string{"", "", ""},
				[]string{"A", "5", "7"}, []string{"B", "1", "2"}, []string{"Insgesamt", "6", "9"}),
			[]key{{transform.CheckTotalRow, 2, 1}, {transform.CheckTotalRow, 2, 2}}, nil, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			doc := &drucksache.Document{Tables: []drucksache.Table{tc.tab}}
			transform.Check(doc)
			wantChecks(t, doc, tc.passed, tc.failed, tc.undecided)
		})
	}
}

// TestCheckRoundTripTables checks the tables of the round-trip bench's papers as a careful reader
// extracts them (header levels joined by " / ", unit rows as column units): change, percent and
// per-head columns are never added, "darunter" columns are bounded by their total and never
// summed, and not one check fails.
func TestCheckRoundTripTables(t *testing.T) {
	papers, err := roundtrip.Load("../internal/roundtrip/testdata/papers")
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]struct{ passed, failed []key }{
		"ni-finanzaemter t1":        {passed: []key{{transform.CheckTotalRow, 5, 1}, {transform.CheckTotalRow, 5, 2}}},
		"ni-finanzaemter t2":        {passed: append(davonColumns(3, 3), key{transform.CheckTotalRow, 2, 2}, key{transform.CheckTotalRow, 2, 3})},
		"ni-liquiditaetskredite t1": {passed: []key{{transform.CheckTotalRow, 4, 1}, {transform.CheckTotalRow, 4, 2}, {transform.CheckTotalRow, 4, 4}}},
		"ni-liquiditaetskredite t2": {},
		"ni-liquiditaetskredite t3": {passed: davonColumns(8, 2, 5)},
		"ni-krankenhausbetten t1": {passed: append(davonColumns(5, 2, 4), key{transform.CheckTotalRow, 4, 1}, key{transform.CheckTotalRow, 4, 2},
			key{transform.CheckTotalRow, 4, 3}, key{transform.CheckTotalRow, 4, 4})},
		"ni-krankenhausbetten t2": {passed: davonColumns(4, 2)},
		"ni-krankenhausbetten t3": {}, // "–" among the parts: undecided, never counted as 0
		"ni-krankenhausbetten t4": {passed: []key{{transform.CheckTotalRow, 3, 1}, {transform.CheckTotalRow, 3, 2}}},
		"ni-kitaplaetze t1":       {}, // no total: a label spanning rows repeated in each is no part of one
		"ni-kitaplaetze t2":       {},
	}
	for i := range papers {
		truth := roundtrip.MakeTruth(&papers[i])
		for _, tt := range truth.Tables {
			name := papers[i].Name + " " + tt.ID
			t.Run(name, func(t *testing.T) {
				tb := drucksache.Table{ID: "t1", Header: tt.Header, ColumnUnits: tt.ColumnUnits}
				for _, r := range tt.Rows {
					row := make([]drucksache.Cell, len(r))
					for c, cl := range r {
						row[c] = transform.Cell(cl.Raw)
					}
					tb.Rows = append(tb.Rows, row)
				}
				doc := &drucksache.Document{Tables: []drucksache.Table{tb}}
				transform.Check(doc)
				w, ok := want[name]
				if !ok {
					t.Fatalf("no expectation for %s", name)
				}
				if got := keysWhere(doc, "t1", passed); !slices.Equal(got, sortedKeys(w.passed)) {
					t.Errorf("passed checks\ngot  %v\nwant %v", got, sortedKeys(w.passed))
				}
				if got := keysWhere(doc, "t1", failed); len(got) > 0 {
					t.Errorf("failed checks %v", got)
				}
			})
		}
	}
}

// davonColumns are the checks of rows 0 to rows-1 of "darunter" columns cols against their totals.
func davonColumns(rows int, cols ...int) []key {
	var out []key
	for _, col := range cols {
		for r := range rows {
			out = append(out, key{transform.CheckDavon, r, col})
		}
	}
	return out
}

// percentUnit is a column unit "%", as transform normalizes "in Prozent".
var percentUnit = "%"

// TestCheckChangeColumnsNeverAdded gives tables whose header does not say what a column holds, or says
// it in a word of change: a column of changes is never added, however its header was read.
func TestCheckChangeColumnsNeverAdded(t *testing.T) {
	tests := []struct {
		name       string
		header     []string
		units      []*string
		rows       [][]string
		wantPassed []key
	}{
		{"signed figures under a header not read", []string{"", "", ""},
			nil, [][]string{{"Landkreise", "36", "+15,5"}, {"Städte", "7", "-4,2"}, {"Insgesamt", "43", "+6,3"}},
			[]key{{transform.CheckTotalRow, 2, 1}}},
		{"a column headed Zuwachs", []string{"Gruppe", "Anzahl", "Zuwachs"},
			nil, [][]string{{"A", "10", "2"}, {"B", "20", "3"}, {"Insgesamt", "30", "4"}},
			[]key{{transform.CheckTotalRow, 2, 1}}},
		{"a column whose unit row says in Prozent", []string{"Gruppe", "Anzahl", "2024"},
			[]*string{nil, nil, &percentUnit}, [][]string{{"A", "10", "2,0"}, {"B", "20", "3,0"}, {"Insgesamt", "30", "4,0"}},
			[]key{{transform.CheckTotalRow, 2, 1}}},
		{"a total column adds its siblings only", []string{"Art", "2023 / Insgesamt", "2023 / Land", "2023 / Bund", "2024 / Land"},
			nil, [][]string{{"A", "10", "4", "6", "99"}, {"B", "20", "5", "15", "1"}},
			[]key{{transform.CheckTotalColumn, 0, 1}, {transform.CheckTotalColumn, 1, 1}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			tb := drucksache.Table{ID: "t1", Header: tc.header, ColumnUnits: tc.units}
			for _, r := range tc.rows {
				var row []drucksache.Cell
				for _, raw := range r {
					row = append(row, transform.Cell(raw))
				}
				tb.Rows = append(tb.Rows, row)
			}
			doc := &drucksache.Document{Tables: []drucksache.Table{tb}}
			transform.Check(doc)
			if got := keysWhere(doc, "t1", passed); !slices.Equal(got, sortedKeys(tc.wantPassed)) {
				t.Errorf("passed checks\ngot  %v\nwant %v", got, sortedKeys(tc.wantPassed))
			}
			if got := keysWhere(doc, "t1", failed); len(got) > 0 {
				t.Errorf("failed checks %v", got)
			}
		})
	}
}

// Figures that happen to lie between 1900 and 2100 are no years, and the lines of a header stacked
// one cell a line are no header of the label column: the totals are checked all the same.
func TestCheckFiguresLikeYears(t *testing.T) {
	stacked := [][]string{{"Jahr"}, {"Personal-"}, {"kosten je"}, {"Fall"}, {"Sachmittel"}, {"Summe"}}
	tests := []struct {
		name       string
		tab        drucksache.Table
		headerRows [][]string
		passed     []key
	}{
		{"costs of four digits near 2000 in two rows",
			table([]string{"Jahr", "Personal", "Sachmittel", "Summe"},
				[]string{"2017", "420", "1 940", "2 360"}, []string{"2018", "512", "2 086", "2 598"}),
			nil, []key{{transform.CheckTotalColumn, 0, 3}, {transform.CheckTotalColumn, 1, 3}}},
		{"a total of four digits near 2000",
			table([]string{"Kreis", "Personal", "Sachmittel", "Summe"},
				[]string{"Ammerland", "1 132", "866", "1 998"}, []string{"Aurich", "1 001", "947", "1 948"}),
			nil, []key{{transform.CheckTotalColumn, 0, 3}, {transform.CheckTotalColumn, 1, 3}}},
		{"a stacked header over one row of its years",
			table([]string{"Jahr", "Personalkosten je Fall", "Sachmittel", "Summe"}, []string{"2018", "1 414", "85", "1 499"}),
			stacked, []key{{transform.CheckTotalColumn, 0, 3}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			tc.tab.HeaderRows = tc.headerRows
			doc := &drucksache.Document{Tables: []drucksache.Table{tc.tab}}
			transform.Check(doc)
			wantChecks(t, doc, tc.passed, nil, nil)
		})
	}
}

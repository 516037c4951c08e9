package dumpgen

import (
	"encoding/json"
	"math/rand/v2"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"drucksache/internal/golden"
)

func TestFigure(t *testing.T) {
	tests := []struct {
		v        float64
		decimals int
		sep      string
		want     string
	}{
		{1708, 0, " ", "1 708"},
		{612, 0, " ", "612"},
		{1234567.89, 2, ".", "1.234.567,89"},
		{1234567.89, 2, "", "1.234.567,89"},
		{14, 1, ".", "14,0"},
		{1020500, 0, "none", "1020500"},
		{-1205, 0, " ", "-1 205"},
		{0, 0, ".", "0"},
	}
	for _, tc := range tests {
		if got := Figure(tc.v, tc.decimals, tc.sep); got != tc.want {
			t.Errorf("Figure(%v, %d, %q) = %q, want %q", tc.v, tc.decimals, tc.sep, got, tc.want)
		}
	}
}

// Header cells wrapped as a narrow column prints them, soft hyphens marking the breaks.
func TestWrap(t *testing.T) {
	tests := []struct {
		text  string
		width int
		want  []string
	}{
		{"Personal\u00adkosten je Fall", 10, []string{"Personal-", "kosten je ", "Fall "}},
		{"Sach- und Betriebs\u00adkosten", 10, []string{"Sach- und ", "Betriebs-", "kosten "}},
		{"Verwal\u00adtungs\u00adkosten", 10, []string{"Verwal-", "tungs-", "kosten "}},
		{"Summe", 10, []string{"Summe "}},
		{"Gesamtaufwendungen", 10, []string{"Gesamtaufwendungen "}}, // no place to break
		{"Eingänge Verfahren zur Gewährung", 30, []string{"Eingänge Verfahren zur ", "Gewährung "}},
	}
	for _, tc := range tests {
		if got := Wrap(tc.text, tc.width); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("Wrap(%q, %d)\n got  %q\n want %q", tc.text, tc.width, got, tc.want)
		}
	}
}

func TestRowJSON(t *testing.T) {
	var r Row
	if err := json.Unmarshal([]byte(`["2021", {"value": 1205, "marker": 3}, 488, null, "–", 12.50]`), &r); err != nil {
		t.Fatal(err)
	}
	want := Row{Label: "2021", Cells: []Cell{
		{Value: 1205, Figure: true, Marker: 3}, {Value: 488, Figure: true}, {}, {Text: "–"}, {Value: 12.5, Figure: true, Decimals: 2},
	}}
	if !reflect.DeepEqual(r, want) {
		t.Errorf("got  %+v\nwant %+v", r, want)
	}
}

// A case whose data contradict themselves is refused: truth must be true.
func TestValidate(t *testing.T) {
	good := Case{Name: "n", Header: []string{"Jahr", "A", "B", "Summe"}, Rows: []Row{{Label: "2020", Cells: []Cell{
		{Value: 1, Figure: true}, {Value: 2, Figure: true}, {Value: 3, Figure: true}}}}}
	if err := good.validate(); err != nil {
		t.Fatalf("a good case: %v", err)
	}
	tests := []struct {
		name   string
		change func(c *Case)
		err    string
	}{
		{"a Summe that does not add up", func(c *Case) { c.Rows[0].Cells[2].Value = 4 }, "add up"},
		{"a row of too few cells", func(c *Case) { c.Rows[0].Cells = c.Rows[0].Cells[:2] }, "value columns"},
		{"a marker without its footnote", func(c *Case) { c.Rows[0].Cells[0].Marker = 1 }, "names no footnote"},
		{"an unknown unit", func(c *Case) { c.Style.Unit = "Taler" }, "UnitNames"},
		{"an unknown grouping", func(c *Case) { c.Style.Thousands = "," }, "thousands"},
	}
	for _, tc := range tests {
		c := good
		c.Rows = []Row{{Label: "2020", Cells: append([]Cell(nil), good.Rows[0].Cells...)}}
		tc.change(&c)
		if err := c.validate(); err == nil || !strings.Contains(err.Error(), tc.err) {
			t.Errorf("%s: got %v, want an error about %q", tc.name, err, tc.err)
		}
	}
}

// TestPrint keeps the print of every case as a golden file, to be read beside the case.
func TestPrint(t *testing.T) {
	cases, err := Cases()
	if err != nil {
		t.Fatal(err)
	}
	files, _ := caseFiles.ReadDir("cases")
	for i, c := range cases {
		name := strings.TrimSuffix(files[i].Name(), ".json") + ".txt"
		golden.Check(t, filepath.Join("testdata", name), []byte(Print(c)))
	}
}

// The table of the example: what a careful reader extracts from its print.
func TestExpect(t *testing.T) {
	cases, err := Cases()
	if err != nil {
		t.Fatal(err)
	}
	var c Case
	for _, k := range cases {
		if strings.HasPrefix(k.Name, "a footnote marker glued to a figure grouped by a space") {
			c = k
		}
	}
	e := c.Expect()
	var raws []string
	for _, cell := range e.Rows[2] {
		raws = append(raws, cell.Raw)
	}
	if got := strings.Join(raws, "|"); got != "2021|1 205³|488|301|1 994" {
		t.Errorf("row 2021: %s", got)
	}
	if e.Rows[2][1].Value != 1205 || !e.Rows[2][1].Figure {
		t.Errorf("1 205³: %+v", e.Rows[2][1])
	}
	if len(e.Footnotes) != 1 || e.Footnotes[0].Marker != "³" || e.Footnotes[0].Table != "t1" || *e.Footnotes[0].Question != 1 {
		t.Errorf("footnotes: %+v", e.Footnotes)
	}
	if !reflect.DeepEqual(e.Warnings, []string{CodeMarkerResolved}) {
		t.Errorf("warnings: %q", e.Warnings)
	}
	if e.Header[1] != "Personalkosten je Fall" || e.Unit != "EUR" {
		t.Errorf("header %q unit %q", e.Header, e.Unit)
	}
	if !strings.Contains(Print(c), "\n2021 1 2053 488 301 1 994 \n") || !strings.Contains(Print(c), "\n3 Ohne Umlage. \n") {
		t.Errorf("the print lacks the row or the footnote as a dump prints them:\n%s", Print(c))
	}
}

// Random cases are valid cases: their Summe adds up, their marker names their footnote.
func TestRandom(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	markers := 0
	for range 200 {
		c := Random(r)
		if err := c.validate(); err != nil {
			t.Fatalf("%v\n%s", err, Print(c))
		}
		if len(c.Notes) > 0 {
			markers++
		}
	}
	if markers == 0 {
		t.Errorf("no random case carries a footnote marker")
	}
}

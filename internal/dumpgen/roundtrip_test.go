package dumpgen_test

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	drucksache "drucksache"
	"drucksache/extract"
	"drucksache/internal/dumpgen"
	"drucksache/transform"
)

// TestRoundTrip prints every case as a dump, extracts and types it as the pipeline does, and
// compares the table, its footnotes and the warnings with what the case says a careful reader
// extracts from it.
func TestRoundTrip(t *testing.T) {
	cases, err := dumpgen.Cases()
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range cases {
		t.Run(c.Name, func(t *testing.T) {
			if c.Pending != "" {
				t.Skip(c.Pending)
			}
			doc := run(t, dumpgen.Print(c))
			if diffs := compare(doc, c.Expect()); len(diffs) > 0 {
				t.Errorf("%s\n%s", strings.Join(diffs, "\n"), dumpgen.Print(c))
			}
		})
	}
}

// run extracts and types a printed dump as the command does.
func run(t *testing.T, text string) *drucksache.Document {
	t.Helper()
	doc, err := extract.Bytes(context.Background(), "dump.txt", []byte(text), extract.Options{Sums: transform.Sums{}})
	if err != nil {
		t.Fatal(err)
	}
	transform.Apply(doc)
	return doc
}

// compare lists every difference between the first table of doc (with its footnotes and the
// document's warnings) and what a careful reader extracts.
func compare(doc *drucksache.Document, want dumpgen.Expected) []string {
	var diffs []string
	add := func(format string, args ...any) { diffs = append(diffs, fmt.Sprintf(format, args...)) }
	if len(doc.Tables) != 1 {
		add("tables: got %d, want 1", len(doc.Tables))
		if len(doc.Tables) == 0 {
			return diffs
		}
	}
	tab := doc.Tables[0]
	if tab.Question != 1 || !slices.Equal(doc.Questions[0].Tables, []string{tab.ID}) {
		add("table %s in question %d, want in question 1", tab.ID, tab.Question)
	}
	if !slices.Equal(tab.Header, want.Header) {
		add("header\n got  %q\n want %q", tab.Header, want.Header)
	}
	if unit := deref(tab.Unit); unit != want.Unit {
		add("unit: got %q, want %q", unit, want.Unit)
	}
	if len(tab.Rows) != len(want.Rows) {
		add("rows: got %d, want %d", len(tab.Rows), len(want.Rows))
	}
	for r := range min(len(tab.Rows), len(want.Rows)) {
		if d := compareRow(tab.Rows[r], want.Rows[r]); d != "" {
			add("row %d: %s", r+1, d)
		}
	}
	var notes []drucksache.Footnote
	for _, f := range doc.Footnotes {
		if f.Table != "" || !strings.HasPrefix(f.Text, "https://www.example.org/") {
			notes = append(notes, f)
		}
	}
	if len(notes) != len(want.Footnotes) {
		add("footnotes: got %d, want %d", len(notes), len(want.Footnotes))
	}
	for k := range min(len(notes), len(want.Footnotes)) {
		g, w := notes[k], want.Footnotes[k]
		if g.Marker != w.Marker || g.Text != w.Text || deref(g.Question) != deref(w.Question) || g.Table != w.Table {
			add("footnote %d\n got  %s %q question %v table %q\n want %s %q question %v table %q", k+1,
				g.Marker, g.Text, deref(g.Question), g.Table, w.Marker, w.Text, deref(w.Question), w.Table)
		}
	}
	var codes []string
	for _, w := range doc.Warnings {
		codes = append(codes, string(w.Code))
	}
	if !slices.Equal(codes, want.Warnings) {
		add("warnings\n got  %q\n want %q", codes, want.Warnings)
		for _, w := range doc.Warnings {
			add("  %s: %s", w.Code, w.Message)
		}
	}
	return diffs
}

// compareRow describes how a row differs from the one wanted, or returns "".
func compareRow(got []drucksache.Cell, want []dumpgen.WantCell) string {
	var raws, wantRaws []string
	for k, c := range got {
		if k >= len(want) && c.Raw == "" {
			continue // the padding of a row shorter than the widest row of its table
		}
		raws = append(raws, c.Raw)
	}
	for _, c := range want {
		wantRaws = append(wantRaws, c.Raw)
	}
	if !slices.Equal(raws, wantRaws) {
		return fmt.Sprintf("\n got  %q\n want %q", raws, wantRaws)
	}
	for k, w := range want {
		if !w.Figure {
			continue
		}
		v, ok := got[k].Number()
		if !ok || math.Abs(v-w.Value) > 1e-9*math.Max(1, math.Abs(w.Value)) || got[k].Unit != w.Unit {
			return fmt.Sprintf("cell %q: got %s %v unit %q, want number %v unit %q", w.Raw, got[k].Kind, got[k].Value, got[k].Unit, w.Value, w.Unit)
		}
	}
	return ""
}

func deref[T any](p *T) T {
	var zero T
	if p == nil {
		return zero
	}
	return *p
}

// TestRoundTripRandom reads back random tables of the class a dump misreads most: every row comes
// back exactly as its data, or is named in a warning that it could not be read without guessing;
// no total is reported as failing, since every printed total adds up.
func TestRoundTripRandom(t *testing.T) {
	r := rand.New(rand.NewPCG(15, 15))
	for i := range 300 {
		c := dumpgen.Random(r)
		doc := run(t, dumpgen.Print(c))
		if msg := roundTripProperty(doc, c.Expect()); msg != "" {
			t.Fatalf("case %d: %s\n%s", i, msg, dumpgen.Print(c))
		}
	}
}

// roundTripProperty says how doc breaks the property of TestRoundTripRandom, or returns "".
func roundTripProperty(doc *drucksache.Document, want dumpgen.Expected) string {
	if len(doc.Tables) != 1 {
		return fmt.Sprintf("%d tables", len(doc.Tables))
	}
	var warned []string
	for _, w := range doc.Warnings {
		switch w.Code {
		case drucksache.WarnTableRowAmbiguous:
			warned = append(warned, w.Message)
		case drucksache.WarnCheckFailed:
			return "a total fails: " + w.Message
		}
	}
	tab := doc.Tables[0]
	if len(tab.Rows) != len(want.Rows) {
		return fmt.Sprintf("%d rows, want %d", len(tab.Rows), len(want.Rows))
	}
	for r, row := range tab.Rows {
		if compareRow(row, want.Rows[r]) == "" {
			continue
		}
		label := `"` + want.Rows[r][0].Raw + `"`
		if !slices.ContainsFunc(warned, func(m string) bool { return strings.Contains(m, label) }) {
			return fmt.Sprintf("row %s read wrong without a warning: %s", label, compareRow(row, want.Rows[r]))
		}
	}
	return ""
}

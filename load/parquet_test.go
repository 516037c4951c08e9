package load

import (
	"context"
	"drucksache/internal/golden"
	"encoding/json"
	"fmt"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"

	drucksache "drucksache"

	"github.com/parquet-go/parquet-go"
)

// writeDataset writes docs into a new dataset under a temporary folder and returns the folder.
func writeDataset(t testing.TB, part string, docs ...*drucksache.Document) string {
	t.Helper()
	dir := t.TempDir()
	p := NewParquet(dir, part)
	for _, d := range docs {
		if err := p.Write(context.Background(), d); err != nil {
			t.Fatal(err)
		}
	}
	if err := p.Close(); err != nil {
		t.Fatal(err)
	}
	return dir
}

// listFiles lists every file below dir, relative and with forward slashes, hidden ones included.
func listFiles(t testing.TB, dir string) []string {
	t.Helper()
	var files []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			rel, _ := filepath.Rel(dir, p)
			files = append(files, filepath.ToSlash(rel))
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(files)
	return files
}

// readTable reads every row of one table of a dataset, whatever its partition.
func readTable[T any](t testing.TB, dir, table string) []T {
	t.Helper()
	var rows []T
	for _, f := range listFiles(t, filepath.Join(dir, table)) {
		got, err := parquet.ReadFile[T](filepath.Join(dir, table, f))
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		rows = append(rows, got...)
	}
	return rows
}

func docs(gs []goldDoc) []*drucksache.Document {
	out := make([]*drucksache.Document, len(gs))
	for i, g := range gs {
		out[i] = g.doc
	}
	return out
}

// TestParquetDataset writes the gold documents and reads every table back: the partitions, the row
// counts and the rows themselves are what the documents hold.
func TestParquetDataset(t *testing.T) {
	gold := docs(goldDocs(t))
	dir := writeDataset(t, "r0", gold...)
	want := []string{}
	for _, table := range []string{TableCells, TableDocuments, TableQuestions, TableTables} {
		want = append(want, table+"/parliament=bt/wahlperiode=21/part-r0.parquet", table+"/parliament=ni/wahlperiode=19/part-r0.parquet")
	}
	if got := listFiles(t, dir); strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Fatalf("files\n got %q\nwant %q", got, want)
	}
	var wantRows docRows
	for _, d := range gold {
		r := rowsOf(d)
		wantRows.documents = append(wantRows.documents, r.documents...)
		wantRows.questions = append(wantRows.questions, r.questions...)
		wantRows.tables = append(wantRows.tables, r.tables...)
		wantRows.cells = append(wantRows.cells, r.cells...)
	}
	sameRows(t, TableDocuments, readTable[documentRow](t, dir, TableDocuments), wantRows.documents)
	sameRows(t, TableQuestions, readTable[questionRow](t, dir, TableQuestions), wantRows.questions)
	sameRows(t, TableTables, readTable[tableRow](t, dir, TableTables), wantRows.tables)
	sameRows(t, TableCells, readTable[cellRow](t, dir, TableCells), wantRows.cells)
}

// sameRows compares rows as JSON, where a nil list and an empty one are the same.
func sameRows[T any](t *testing.T, table string, got, want []T) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("%s: got %d rows, want %d", table, len(got), len(want))
	}
	for i := range got {
		g, _ := json.Marshal(got[i])
		w, _ := json.Marshal(want[i])
		if !sameJSON(g, w) {
			t.Errorf("%s row %d\n got %s\nwant %s", table, i, g, w)
			return
		}
	}
}

func sameJSON(a, b []byte) bool {
	norm := func(x []byte) string {
		var v any
		_ = json.Unmarshal(x, &v)
		m, _ := v.(map[string]any)
		for k, e := range m {
			if l, ok := e.([]any); e == nil || ok && len(l) == 0 {
				delete(m, k)
			}
		}
		out, _ := json.Marshal(m)
		return string(out)
	}
	return norm(a) == norm(b)
}

// TestParquetFacts checks the figures a reader looks for in the IT answer, as the rows hold them.
func TestParquetFacts(t *testing.T) {
	doc := goldDocNamed(t, itAnswer)
	dir := writeDataset(t, "r0", doc)
	if n := len(readTable[questionRow](t, dir, TableQuestions)); n != 14 {
		t.Errorf("questions: got %d, want 14", n)
	}
	cells := readTable[cellRow](t, dir, TableCells)
	find := func(pred func(c cellRow) bool) *cellRow {
		for i := range cells {
			if pred(cells[i]) {
				return &cells[i]
			}
		}
		return nil
	}
	license := find(func(c cellRow) bool { return c.Header != nil && *c.Header == "2024" })
	if license == nil || license.Number == nil || *license.Number != 89.628 || license.Unit == nil || *license.Unit != "Mio. EUR" ||
		license.Decimals == nil || *license.Decimals != 3 {
		t.Errorf("license costs 2024: got %+v, want 89.628 Mio. EUR with 3 decimals", license)
	}
	gesamt := find(func(c cellRow) bool { return c.Text != nil && *c.Text == "Gesamt" })
	if gesamt == nil {
		t.Fatal("no Gesamt cell")
	}
	first := find(func(c cellRow) bool {
		return c.TableID == gesamt.TableID && c.RowIndex == gesamt.RowIndex && c.Kind == drucksache.CellNumber
	})
	if first == nil || first.Number == nil || *first.Number != 247.3 || first.Header == nil || *first.Header != "VZE / BM" {
		t.Errorf("Gesamt row, first number: got %+v, want 247.3 under VZE / BM", first)
	}
	code := find(func(c cellRow) bool { return c.Raw == "0101" })
	if code == nil || code.Kind != drucksache.CellCode || code.Text == nil || *code.Text != "0101" || code.Number != nil {
		t.Errorf("code 0101: got %+v, want text 0101 and no number", code)
	}
	empty := find(func(c cellRow) bool { return c.Kind == drucksache.CellEmpty })
	if empty == nil || empty.Number != nil || empty.Text != nil {
		t.Errorf("empty cell: got %+v, want neither number nor text", empty)
	}
}

// TestParquetCommitsOnClose: before Close no part is visible to a reader; Abort leaves nothing.
func TestParquetCommitsOnClose(t *testing.T) {
	doc := goldDocNamed(t, itAnswer)
	for _, abort := range []bool{false, true} {
		t.Run(fmt.Sprintf("abort=%v", abort), func(t *testing.T) {
			dir := t.TempDir()
			p := NewParquet(dir, "r0")
			if err := p.Write(context.Background(), doc); err != nil {
				t.Fatal(err)
			}
			for _, f := range listFiles(t, dir) {
				if strings.HasSuffix(f, ".parquet") || !strings.HasPrefix(filepath.Base(f), ".") {
					t.Errorf("before Close a reader sees %s", f)
				}
			}
			var err error
			if abort {
				err = p.Abort()
			} else {
				err = p.Close()
			}
			if err != nil {
				t.Fatal(err)
			}
			files := listFiles(t, dir)
			if want := map[bool]int{false: 4, true: 0}[abort]; len(files) != want {
				t.Errorf("after closing: %q, want %d files", files, want)
			}
			for _, f := range files {
				if strings.HasPrefix(filepath.Base(f), ".") {
					t.Errorf("temporary file left: %s", f)
				}
			}
			if err := p.Write(context.Background(), doc); err == nil {
				t.Error("a write after Close succeeded")
			}
		})
	}
}

// TestPartitionOf takes the partition from the document's fields, never from its id: a paper whose
// parliament is not known lands in the NULL partition whatever its id says.
func TestPartitionOf(t *testing.T) {
	wp := func(n int) *int { return &n }
	name := func(s string) *string { return &s }
	tests := []struct {
		id         string
		parliament *string
		wp         *int
		want       string
	}{
		{"ni-19-11185", name("Niedersächsischer Landtag"), wp(19), "parliament=ni/wahlperiode=19"},
		{"bt-21-7652", name("Deutscher Bundestag"), wp(21), "parliament=bt/wahlperiode=21"},
		{"sl-15-1284", name("Landtag des Saarlandes"), nil, "parliament=sl/wahlperiode=" + HiveDefaultPartition},
		{"ni-sha256-7dd0653781b70c34", name("Niedersächsischer Landtag"), wp(19), "parliament=ni/wahlperiode=19"},
		{"ds-19-4711", nil, wp(19), "parliament=" + HiveDefaultPartition + "/wahlperiode=19"},
		{"ds-19-4711", name("Gemeinderat Musterstadt"), wp(19), "parliament=" + HiveDefaultPartition + "/wahlperiode=19"},
		{"sha256-7dd0653781b70c34", nil, wp(0), "parliament=" + HiveDefaultPartition + "/wahlperiode=0"},
		{"xy-1-1", name("Niedersächsischer Landtag"), wp(-1), "parliament=ni/wahlperiode=" + HiveDefaultPartition},
	}
	for _, tt := range tests {
		doc := &drucksache.Document{ID: tt.id, Parliament: tt.parliament, Wahlperiode: tt.wp}
		if got := filepath.ToSlash(partitionOf(doc).path()); got != tt.want {
			t.Errorf("%s: got %s, want %s", tt.id, got, tt.want)
		}
	}
}

// TestParquetManyPartitions writes more partitions than may be open at once, coming back to each:
// every row arrives, in parts numbered on from part-<part>.parquet.
func TestParquetManyPartitions(t *testing.T) {
	base := goldDocNamed(t, itAnswer)
	var all []*drucksache.Document
	for round := range 2 {
		for i := range maxOpenPartitions + 4 {
			d := *base
			wp := i + 1 // a partition of its own
			d.ID, d.Wahlperiode = fmt.Sprintf("ni-%d-%d", wp, round), &wp
			all = append(all, &d)
		}
	}
	dir := writeDataset(t, "shard-1-of-2", all...)
	files := listFiles(t, filepath.Join(dir, TableDocuments))
	if want := 2 * (maxOpenPartitions + 4); len(files) != want {
		t.Errorf("got %d document parts, want %d: %q", len(files), want, files)
	}
	if !contains(files, "parliament=ni/wahlperiode=1/part-shard-1-of-2-1.parquet") {
		t.Errorf("no second part of a reopened partition in %q", files)
	}
	if got := len(readTable[documentRow](t, dir, TableDocuments)); got != len(all) {
		t.Errorf("got %d documents, want %d", got, len(all))
	}
	if got, want := len(readTable[cellRow](t, dir, TableCells)), len(all)*len(rowsOf(base).cells); got != want {
		t.Errorf("got %d cells, want %d", got, want)
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// TestParquetRowGroups: a large table is cut into several row groups while it is written.
func TestParquetRowGroups(t *testing.T) {
	if testing.Short() {
		t.Skip("large table")
	}
	doc := largeDocument(100000)
	dir := writeDataset(t, "r0", doc)
	path := filepath.Join(dir, TableCells, "parliament=ni", "wahlperiode=19", "part-r0.parquet")
	pf := openParquet(t, path)
	st, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	groups := pf.RowGroups()
	if pf.NumRows() != 500000 || len(groups) < 2 {
		t.Errorf("got %d rows in %d row groups, want 500000 rows in several", pf.NumRows(), len(groups))
	}
	for _, col := range pf.Metadata().RowGroups[0].Columns {
		if c := col.MetaData.Codec.String(); c != "ZSTD" {
			t.Errorf("column %v: codec %s, want ZSTD", col.MetaData.PathInSchema, c)
		}
	}
	t.Logf("%d rows, %d row groups, %d bytes", pf.NumRows(), len(groups), st.Size())
}

// TestParquetMemoryFlat writes four times as many documents in a second run: the heap stays the same.
func TestParquetMemoryFlat(t *testing.T) {
	if testing.Short() {
		t.Skip("many documents")
	}
	doc := largeDocument(2000)
	run := func(n int) uint64 {
		p := NewParquet(t.TempDir(), "r0")
		peak := peakHeap(func() {
			for i := range n {
				d := *doc
				d.ID = fmt.Sprintf("ni-%d", i)
				if err := p.Write(context.Background(), &d); err != nil {
					t.Fatal(err)
				}
			}
			if err := p.Close(); err != nil {
				t.Fatal(err)
			}
		})
		return peak
	}
	small, large := run(100), run(400)
	t.Logf("peak heap: %.1f MB for 1 million cells, %.1f MB for 4 million", float64(small)/1e6, float64(large)/1e6)
	if float64(large) > 1.5*float64(small)+16e6 {
		t.Errorf("heap grows with the documents: %.1f MB -> %.1f MB", float64(small)/1e6, float64(large)/1e6)
	}
}

// BenchmarkParquet reports the time and the peak heap of streaming 100 documents of 10 000 cells.
func BenchmarkParquet(b *testing.B) {
	doc := largeDocument(2000)
	var peak uint64
	b.ReportAllocs()
	for b.Loop() {
		p := NewParquet(b.TempDir(), "r0")
		peak = max(peak, peakHeap(func() {
			for i := range 100 {
				d := *doc
				d.ID = fmt.Sprintf("ni-%d", i)
				if err := p.Write(context.Background(), &d); err != nil {
					b.Fatal(err)
				}
			}
			if err := p.Close(); err != nil {
				b.Fatal(err)
			}
		}))
	}
	b.ReportMetric(float64(peak)/1e6, "peak-heap-MB")
}

// TestParquetSchemaGolden keeps the schema of the four tables in testdata/parquet-schema.txt (-update
// rewrites it) and checks that docs/parquet-schema.md describes every column.
func TestParquetSchemaGolden(t *testing.T) {
	var b strings.Builder
	schemas := []struct {
		table string
		row   any
	}{
		{TableDocuments, documentRow{}}, {TableQuestions, questionRow{}}, {TableTables, tableRow{}}, {TableCells, cellRow{}},
	}
	doc, err := os.ReadFile(filepath.Join("..", "docs", "parquet-schema.md"))
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range schemas {
		schema := parquet.SchemaOf(s.row)
		fmt.Fprintf(&b, "# %s\n%s\n", s.table, schema)
		section := string(doc)
		if i := strings.Index(section, "## `"+s.table+"`"); i >= 0 {
			section = section[i:]
			if j := strings.Index(section[3:], "\n## "); j >= 0 {
				section = section[:j+3]
			}
		} else {
			t.Errorf("docs/parquet-schema.md has no section ## `%s`", s.table)
		}
		for _, f := range schema.Fields() {
			if !strings.Contains(section, "| `"+f.Name()+"` |") {
				t.Errorf("docs/parquet-schema.md, %s: column %s is not described", s.table, f.Name())
			}
		}
	}
	golden.Check(t, filepath.Join("testdata", "parquet-schema.txt"), []byte(b.String()))
}

// FuzzParquetCell: any cell comes back from the file as it went in.
func FuzzParquetCell(f *testing.F) {
	f.Add("89,628", 89.628, uint8(0), "Mio. EUR", "2024")
	f.Add("0101", 0.0, uint8(1), "", "Kap.")
	f.Add("–", math.Inf(1), uint8(3), "", "")
	f.Add("\x00\xff", math.NaN(), uint8(4), "%", "\xfe")
	kinds := []string{drucksache.CellNumber, drucksache.CellCode, drucksache.CellText, drucksache.CellSymbol, drucksache.CellEmpty}
	f.Fuzz(func(t *testing.T, raw string, number float64, kind uint8, unit, header string) {
		k := kinds[int(kind)%len(kinds)]
		var value any = raw
		if k == drucksache.CellNumber {
			value = number
		}
		cell := drucksache.Cell{Raw: raw, Value: value, Kind: k, Unit: unit}
		wp := 1
		doc := &drucksache.Document{ID: "ni-fuzz", Wahlperiode: &wp, Tables: []drucksache.Table{{
			ID: "T1", Header: []string{header}, Rows: [][]drucksache.Cell{{cell}}}}}
		dir := writeDataset(t, "r0", doc)
		got := readTable[cellRow](t, dir, TableCells)
		want := rowsOf(doc).cells
		if len(got) != 1 || !reflect.DeepEqual(got[0], want[0]) {
			t.Fatalf("cell %+v\n got %+v\nwant %+v", cell, got, want)
		}
		if n := got[0].Number; n != nil && (math.IsNaN(*n) || math.IsInf(*n, 0)) {
			t.Fatalf("a number that is not finite was stored: %v", *n)
		}
	})
}

// openParquet opens a Parquet file for its metadata; the file is closed when the test ends.
func openParquet(t testing.TB, path string) *parquet.File {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	st, err := f.Stat()
	if err != nil {
		t.Fatal(err)
	}
	pf, err := parquet.OpenFile(f, st.Size())
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return pf
}

// TestParquetColumnUnits: a table's column units and source are in the tables table, and a cell
// without a unit of its own takes its column's before the table's.
func TestParquetColumnUnits(t *testing.T) {
	doc := goldDocNamed(t, itAnswer)
	tb := &doc.Tables[0]
	pct, src := "%", "Quelle: Landesamt für Statistik"
	tb.ColumnUnits = make([]*string, len(tb.Header))
	tb.ColumnUnits[len(tb.Header)-1] = &pct
	tb.Source = &src
	dir := writeDataset(t, "r0", doc)
	var got *tableRow
	tables := readTable[tableRow](t, dir, TableTables)
	for i := range tables {
		if tables[i].TableID == tb.ID {
			got = &tables[i]
		}
	}
	if got == nil || got.Source == nil || *got.Source != src || len(got.ColumnUnits) != len(tb.Header) ||
		got.ColumnUnits[0] != nil || got.ColumnUnits[len(tb.Header)-1] == nil || *got.ColumnUnits[len(tb.Header)-1] != "%" {
		t.Fatalf("table %s: got %+v", tb.ID, got)
	}
	for _, c := range readTable[cellRow](t, dir, TableCells) {
		if c.TableID != tb.ID || c.Kind != drucksache.CellNumber {
			continue
		}
		last := int(c.ColumnIndex) == len(tb.Header)-1
		if last != (c.Unit != nil && *c.Unit == "%") {
			t.Errorf("cell %d/%d %q: unit %v", c.RowIndex, c.ColumnIndex, c.Raw, c.Unit)
		}
	}
}

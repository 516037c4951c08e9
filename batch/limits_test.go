package batch

import (
	"context"
	"os"
	"path/filepath"
	"runtime"
	"testing"
	"time"

	drucksache "drucksache"
	"drucksache/load"

	"github.com/parquet-go/parquet-go"
	"github.com/xuri/excelize/v2"
)

// parquetRows counts the rows of the Parquet files of a table of the dataset below out.
func parquetRows(t *testing.T, out, table string) int64 {
	t.Helper()
	files, _ := filepath.Glob(filepath.Join(out, "parquet", table, "*", "*", "*.parquet"))
	var n int64
	for _, name := range files {
		f, err := os.Open(name)
		if err != nil {
			t.Fatal(err)
		}
		fi, _ := f.Stat()
		pf, err := parquet.OpenFile(f, fi.Size())
		if err != nil {
			t.Fatal(err)
		}
		n += pf.NumRows()
		f.Close()
	}
	return n
}

// TestRunTableTooLargeForXLSX runs a document whose table has more columns than a worksheet: it is
// done, its workbook says the table is left out, its JSON and the dataset hold every cell (issue 14,
// finding 7: a table too large for a worksheet quarantined the whole document).
func TestRunTableTooLargeForXLSX(t *testing.T) {
	chdir(t, t.TempDir())
	writeFile(t, "in/wide.txt", []byte("Drucksache 19/1"))
	wide := make([]drucksache.Cell, excelize.MaxColumns+1)
	for i := range wide {
		wide[i] = drucksache.Cell{Raw: "1", Value: 1.0, Kind: drucksache.CellNumber}
	}
	r := testConfig("out", 1)
	r.Extract = func(ctx context.Context, path string, timeout time.Duration) (*drucksache.Document, error) {
		wp := 19
		return &drucksache.Document{SchemaVersion: 1, ID: "ni-19-1", Kind: drucksache.KindUnknown, Wahlperiode: &wp,
			Source: drucksache.Source{File: path, Format: "txt", Pages: 1},
			Tables: []drucksache.Table{{ID: "T1", Rows: [][]drucksache.Cell{wide}}}}, nil
	}
	if code, rep := runOnce(t, r, "in"); code != 0 || rep.Done != 1 {
		t.Fatalf("exit %d, %d done; want 0, 1: %+v", code, rep.Done, rep.QuarantinedFiles)
	}
	doc, err := readDocument("out/json/ni-19-1.json")
	if err != nil || len(doc.Tables) != 1 || len(doc.Tables[0].Rows[0]) != len(wide) {
		t.Errorf("the JSON does not hold the table whole: %v", err)
	}
	if n := parquetRows(t, "out", "cells"); n != int64(len(wide)) {
		t.Errorf("the dataset holds %d cells, want %d", n, len(wide))
	}
	f, err := excelize.OpenFile("out/xlsx/ni-19-1.xlsx")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if note, _ := f.GetCellValue("T1", "A3"); note == "" {
		t.Error("the table's sheet has no note")
	}
}

// slowLoader takes as long as it is told on every document, minding no context: a writer that a huge
// table keeps busy.
type slowLoader struct{ took time.Duration }

func (s slowLoader) Write(ctx context.Context, doc *drucksache.Document) error {
	time.Sleep(s.took)
	return nil
}

func (s slowLoader) Close() error { return nil }

// TestRunTimeLimitCoversWriters checks that the time limit of a document covers its writers, not its
// extraction only (issue 14, finding 6: a table that kept the workbook's writer busy for 24.5 s under
// --timeout 2s was reported done): the document is quarantined on the time limit and not committed.
func TestRunTimeLimitCoversWriters(t *testing.T) {
	chdir(t, t.TempDir())
	copyFile(t, filepath.Join(fixtures, "ni-19-11185.txt"), "in/ni-19-11185.txt")
	r := testConfig("out", 1)
	r.Timeout, r.grace = 200*time.Millisecond, 100*time.Millisecond
	r.loaders = func(dir string) []load.Loader { return append(documentLoaders(dir), slowLoader{10 * time.Second}) }
	began := time.Now()
	code, rep := runOnce(t, r, "in")
	if code != 1 || rep.Done != 0 || len(rep.QuarantinedFiles) != 1 || rep.QuarantinedFiles[0].Kind != KindTimeLimit {
		t.Errorf("exit %d, %d done, quarantined %+v; want 1, none, the document on the time limit", code, rep.Done, rep.QuarantinedFiles)
	}
	// the writer would hold the run 10 s; well under that, the run did not wait for it (a margin for a
	// loaded machine)
	if took := time.Since(began); took > 5*time.Second {
		t.Errorf("the run took %v, past the time limit of its one document", took)
	}
	if files, _ := filepath.Glob("out/json/*"); len(files) != 0 {
		t.Errorf("committed: %v", files)
	}
}

// bigText writes a text of about size bytes made of a corpus answer, again and again.
func bigText(t *testing.T, path string, size int) {
	data, err := os.ReadFile(filepath.Join(fixtures, "ni-19-11185.txt"))
	if err != nil {
		t.Fatal(err)
	}
	os.MkdirAll(filepath.Dir(path), 0o755)
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	for n := 0; n < size; n += len(data) {
		f.Write(data)
	}
}

// TestRunMemoryLimit runs, as the command does, a text that needs more memory than the limit beside a
// corpus answer: the text fails alone, of kind resource limit, the answer is done (issue 14, finding
// 6: a document could take several GB).
func TestRunMemoryLimit(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("a hard memory limit is set on Linux only")
	}
	chdir(t, t.TempDir())
	bigText(t, "in/big.txt", 100<<20)
	copyFile(t, filepath.Join(fixtures, "ni-19-11277.txt"), "in/ni-19-11277.txt")
	r := testConfig("out", 2)
	r.Extract, r.Memory = nil, 256<<20
	code, rep := runOnce(t, r, "in")
	if code != 1 || rep.Done != 1 || len(rep.QuarantinedFiles) != 1 || rep.QuarantinedFiles[0].Kind != KindResourceLimit {
		t.Errorf("exit %d, %d done, quarantined %+v; want 1, 1, the big text on the resource limit", code, rep.Done, rep.QuarantinedFiles)
	}
}

package batch

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	drucksache "drucksache"

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

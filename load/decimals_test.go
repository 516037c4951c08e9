package load

import (
	"testing"

	drucksache "drucksache"
	"drucksache/transform"

	"github.com/xuri/excelize/v2"
)

// TestDecimalsAsTyped writes the decimals transform decided, never ones read again from the printed
// text: in a column read the English way ("1,234.5"), "12,500" is 12500 with no decimals, so the
// workbook shows it as a whole number and Parquet stores decimals 0; in a German column "41,693" keeps 3.
func TestDecimalsAsTyped(t *testing.T) {
	raws := [][2]string{{"1,234.5", "41,693"}, {"12,500", "7,5"}}
	var rows [][]drucksache.Cell
	for _, r := range raws {
		rows = append(rows, []drucksache.Cell{{Raw: r[0]}, {Raw: r[1]}})
	}
	doc := &drucksache.Document{
		ID:     "ni-19-1",
		Source: drucksache.Source{File: "test.txt", Format: "txt", Pages: 1},
		Tables: []drucksache.Table{{ID: "T1", Question: 1, Header: []string{"en", "de"}, Rows: rows}},
	}
	transform.Apply(doc)
	tests := []struct {
		row, col int
		value    float64
		decimals int
	}{
		{0, 0, 1234.5, 1},
		{1, 0, 12500, 0},
		{0, 1, 41.693, 3},
		{1, 1, 7.5, 1},
	}
	cells := doc.Tables[0].Rows
	for _, tt := range tests {
		if v, ok := cells[tt.row][tt.col].Number(); !ok || v != tt.value || cells[tt.row][tt.col].Decimals != tt.decimals {
			t.Fatalf("transform typed %q as %v %v with %d decimals, want %v with %d", cells[tt.row][tt.col].Raw, v, ok, cells[tt.row][tt.col].Decimals, tt.value, tt.decimals)
		}
	}

	f := writeWorkbookFile(t, doc)
	sheet := TableSheetNames(doc.Tables)[0]
	for _, tt := range tests {
		ref, _ := excelize.CoordinatesToCellName(tt.col+1, tableFirstRow+tt.row)
		style, err := f.GetCellStyle(sheet, ref)
		if err != nil {
			t.Fatal(err)
		}
		st, err := f.GetStyle(style)
		if err != nil {
			t.Fatal(err)
		}
		if want := NumberFormat(tt.decimals, ""); st.CustomNumFmt == nil || *st.CustomNumFmt != want {
			t.Errorf("workbook %s (%q): format %v, want %s", ref, cells[tt.row][tt.col].Raw, st.CustomNumFmt, want)
		}
	}

	dir := writeDataset(t, "test", doc)
	got := map[[2]int32]int32{}
	for _, c := range readTable[cellRow](t, dir, "cells") {
		if c.Decimals == nil {
			t.Fatalf("cell %d,%d (%q): no decimals stored", c.RowIndex, c.ColumnIndex, c.Raw)
		}
		got[[2]int32{c.RowIndex, c.ColumnIndex}] = *c.Decimals
	}
	for _, tt := range tests {
		if d := got[[2]int32{int32(tt.row), int32(tt.col)}]; d != int32(tt.decimals) {
			t.Errorf("parquet cell %d,%d (%q): decimals %d, want %d", tt.row, tt.col, cells[tt.row][tt.col].Raw, d, tt.decimals)
		}
	}
}

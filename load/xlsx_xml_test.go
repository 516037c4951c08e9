package load

import (
	"bytes"
	"context"
	drucksache "drucksache"
	"encoding/xml"
	"io"
	"math"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
)

// TestExcelLimits: our limits of a worksheet are the ones an independent reader enforces.
func TestExcelLimits(t *testing.T) {
	tests := []struct {
		name      string
		ours, lib int
	}{
		{"columns", maxColumns, excelize.MaxColumns},
		{"rows", maxRows, excelize.TotalRows},
		{"characters in a cell", maxCellChars, excelize.TotalCellChars},
		{"characters in a sheet name", maxSheetNameLen, excelize.MaxSheetNameLength},
	}
	for _, tt := range tests {
		if tt.ours != tt.lib {
			t.Errorf("%s: ours %d, excelize %d", tt.name, tt.ours, tt.lib)
		}
	}
}

func TestColumnName(t *testing.T) {
	tests := map[int]string{1: "A", 26: "Z", 27: "AA", 52: "AZ", 702: "ZZ", 703: "AAA", 16384: "XFD", 0: "", -1: "", 16385: ""}
	for col, want := range tests {
		if got := columnName(col); got != want {
			t.Errorf("columnName(%d) = %q, want %q", col, got, want)
		}
	}
	for col := 1; col <= maxColumns; col++ { // every column, as an independent implementation names it
		want, _ := excelize.ColumnNumberToName(col)
		if got := columnName(col); got != want {
			t.Fatalf("columnName(%d) = %q, excelize %q", col, got, want)
		}
	}
	if got := cellName(3, 1048576); got != "C1048576" {
		t.Errorf("cellName(3, 1048576) = %q", got)
	}
	if got := absoluteRange(1, 3, 8, 27); got != "$A$3:$H$27" {
		t.Errorf("absoluteRange = %q", got)
	}
}

func TestAppendFloat(t *testing.T) {
	tests := []struct {
		v    float64
		want string
	}{
		{0, "0"},
		{247.3, "247.3"},
		{-1234.5, "-1234.5"},
		{0.30000000000000004, "0.300000000000000"},   // 0.1+0.2 at run time, cut to 15 significant digits
		{1e20, "100000000000000000000"},              // never an exponent
		{123456789012345678, "123456789012345000"},   // digits beyond the 15th become zeros
		{1.0000000000000002, "1.00000000000000"},     // the 16th digit is cut
		{0.000001234, "0.000001234"},                 // leading zeros are not significant
		{-98765.43210987654321, "-98765.4321098765"}, // cut, not rounded, as Excel stores it
	}
	for _, tt := range tests {
		if got := string(appendFloat(nil, tt.v)); got != tt.want {
			t.Errorf("appendFloat(%v) = %s, want %s", tt.v, got, tt.want)
		}
	}
	if got := string(appendFloat(nil, math.MaxFloat64)); len(got) != 309 {
		t.Errorf("appendFloat(MaxFloat64) has %d digits, want 309", len(got))
	}
}

func TestDateSerial(t *testing.T) {
	tests := []struct {
		date string
		want float64
		ok   bool
	}{
		{"2025-05-15", 45792, true},
		{"2024-01-01", 45292, true},
		{"1900-03-01", 61, true}, // Excel counts a 29 February 1900 before it
		{"1900-02-28", 0, false},
		{"1850-01-01", 0, false},
	}
	for _, tt := range tests {
		d, _ := time.Parse(time.DateOnly, tt.date)
		got, ok := dateSerial(d)
		if got != tt.want || ok != tt.ok {
			t.Errorf("dateSerial(%s) = %v %v, want %v %v", tt.date, got, ok, tt.want, tt.ok)
		}
	}
}

func TestAppendText(t *testing.T) {
	tests := []struct{ in, text, attr string }{
		{"Gesamt", "Gesamt", "Gesamt"},
		{`a & <b> "c"`, "a &amp; &lt;b&gt; &quot;c&quot;", "a &amp; &lt;b&gt; &quot;c&quot;"},
		{"a\nb\tc\rd", "a\nb\tc&#xD;d", "a&#xA;b&#x9;c&#xD;d"},
		{"a\x00b\x1f", "a\uFFFDb\uFFFD", "a\uFFFDb\uFFFD"},
		{"bad \xff byte", "bad \uFFFD byte", "bad \uFFFD byte"},
		{"\uFFFE\U0001F600", "\uFFFD\U0001F600", "\uFFFD\U0001F600"},
		{"_x0041_", "_x005F_x0041_", "_x0041_"},
		{"_x0041_x0042_", "_x005F_x0041_x005F_x0042_", "_x0041_x0042_"}, // overlapping sequences both kept literal
		{"_x004G_ _x41_ x0041_", "_x004G_ _x41_ x0041_", "_x004G_ _x41_ x0041_"},
		{"Ä_ß", "Ä_ß", "Ä_ß"},
	}
	for _, tt := range tests {
		if got := string(appendText(nil, tt.in)); got != tt.text {
			t.Errorf("appendText(%q) = %q, want %q", tt.in, got, tt.text)
		}
		if got := string(appendAttr(nil, tt.in)); got != tt.attr {
			t.Errorf("appendAttr(%q) = %q, want %q", tt.in, got, tt.attr)
		}
	}
}

// FuzzAppendAttr: any string escaped for an attribute is well-formed XML that reads back as the string,
// characters XML cannot hold replaced.
func FuzzAppendAttr(f *testing.F) {
	for _, s := range []string{"Drucksache 19/7263", `a&b<c>"d'`, "x\ny\tz\r", "\x00\xff", "_x0041_"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		doc := append(append([]byte(`<a v="`), appendAttr(nil, s)...), `"/>`...)
		var got struct {
			V string `xml:"v,attr"`
		}
		if err := xml.Unmarshal(doc, &got); err != nil {
			t.Fatalf("%q: %s: %v", s, doc, err)
		}
		if want := xmlChars(s); got.V != want {
			t.Fatalf("%q read back as %q, want %q", s, got.V, want)
		}
	})
}

// TestWorkbookConcurrent writes one document from several goroutines at once: the parts compressed
// once per process are shared, every workbook comes out the same.
func TestWorkbookConcurrent(t *testing.T) {
	doc := goldDocNamed(t, itAnswer)
	out := make([]bytes.Buffer, 4)
	var wg sync.WaitGroup
	for i := range out {
		wg.Go(func() {
			if err := WriteWorkbook(&out[i], doc); err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	for i := 1; i < len(out); i++ {
		if !bytes.Equal(out[0].Bytes(), out[i].Bytes()) {
			t.Fatalf("workbook %d differs from the first (%d and %d bytes)", i, out[i].Len(), out[0].Len())
		}
	}
	if _, err := excelize.OpenReader(bytes.NewReader(out[0].Bytes())); err != nil {
		t.Fatal(err)
	}
}

// TestCommandWithoutExcelize: the command does not link excelize, whose initialisation alone cost
// 6 ms of every process start (issue 13); the tests read workbooks with it, as an independent reader.
func TestCommandWithoutExcelize(t *testing.T) {
	if testing.Short() {
		t.Skip("runs go list")
	}
	goTool := filepath.Join(runtime.GOROOT(), "bin", "go")
	cmd := exec.CommandContext(context.Background(), goTool, "list", "-deps", "drucksache/cmd/drucksache")
	deps, err := cmd.Output()
	if err != nil {
		t.Skipf("go list: %v", err)
	}
	if !strings.Contains(string(deps), "drucksache/load\n") {
		t.Fatalf("go list names no drucksache/load among the dependencies:\n%s", deps)
	}
	for _, dep := range strings.Fields(string(deps)) {
		if strings.Contains(dep, "excelize") {
			t.Errorf("the command links %s", dep)
		}
	}
}

// TestSheetRows: rows go down a sheet, within its rows and columns; a row out of order is an error,
// not a sheet a reader refuses.
func TestSheetRows(t *testing.T) {
	tests := []struct {
		name string
		rows []int
		cols int
		ok   bool
	}{
		{"in order, with gaps", []int{1, 2, 4, 1048576}, 3, true},
		{"twice the same row", []int{1, 1}, 1, false},
		{"going up", []int{3, 2}, 1, false},
		{"row 0", []int{0}, 1, false},
		{"below the last row", []int{1048577}, 1, false},
		{"wider than a sheet", []int{1}, maxColumns + 1, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := newBook(io.Discard, "Drucksache 19/1")
			sw, err := b.sheet("T1", sheetOptions{})
			if err != nil {
				t.Fatal(err)
			}
			cells := make([]cell, tt.cols)
			for i := range cells {
				cells[i] = numberCell(float64(i), styleGeneral)
			}
			for _, r := range tt.rows {
				if err = sw.row(r, 0, cells); err != nil {
					break
				}
			}
			if (err == nil) != tt.ok {
				t.Fatalf("rows %v of %d cells: error %v, want ok %v", tt.rows, tt.cols, err, tt.ok)
			}
		})
	}
}

// TestXLSXFormulaText: texts that look like formulas stay texts; a reader computes nothing.
func TestXLSXFormulaText(t *testing.T) {
	texts := []string{"=1+1", "=SUMME(A1:A3)", "+49 511 120", "-5-", "@Landtag", "=HYPERLINK(\"x\")"}
	row := make([]drucksache.Cell, len(texts))
	for i, s := range texts {
		row[i] = drucksache.Cell{Raw: s, Value: s, Kind: drucksache.CellText}
	}
	doc := &drucksache.Document{ID: "ni-19-1", Tables: []drucksache.Table{{ID: "T1", Rows: [][]drucksache.Cell{row}}}}
	f := readWorkbook(t, doc)
	for i, want := range texts {
		ref := cellName(i+1, tableFirstRow)
		formula, _ := f.GetCellFormula("T1", ref)
		got, _ := f.GetCellValue("T1", ref)
		typ, _ := f.GetCellType("T1", ref)
		if formula != "" || got != want || typ != excelize.CellTypeInlineString {
			t.Errorf("%s: formula %q, value %q, type %v; want the text %q", ref, formula, got, typ, want)
		}
	}
}

package load

import (
	"bytes"
	"context"
	"drucksache/internal/golden"
	"fmt"
	"math"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
	"unicode/utf8"

	drucksache "drucksache"

	"github.com/xuri/excelize/v2"
)

// writeWorkbookFile writes the workbook of doc through the loader and opens it again.
func writeWorkbookFile(t testing.TB, doc *drucksache.Document) *excelize.File {
	t.Helper()
	dir := t.TempDir()
	x := NewXLSX(dir)
	if err := x.Write(context.Background(), doc); err != nil {
		t.Fatal(err)
	}
	if err := x.Close(); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenFile(filepath.Join(dir, doc.ID+".xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

// readWorkbook writes the workbook of doc in memory and opens it with an independent reader.
func readWorkbook(t testing.TB, doc *drucksache.Document) *excelize.File {
	t.Helper()
	var buf bytes.Buffer
	if err := WriteWorkbook(&buf, doc); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

// TestXLSXGolden compares a readable dump of each workbook (cells, types, number formats, panes,
// filters, widths) with testdata/<id>.xlsx.txt; -update rewrites the files.
func TestXLSXGolden(t *testing.T) {
	for _, name := range []string{itAnswer, "ni-19-11185.txt"} {
		t.Run(name, func(t *testing.T) {
			doc := goldDocNamed(t, name)
			got := dumpWorkbook(t, writeWorkbookFile(t, doc))
			path := filepath.Join("testdata", doc.ID+".xlsx.txt")
			golden.Check(t, path, []byte(got))
		})
	}
}

// dumpWorkbook describes a workbook in text: its properties, then per sheet its panes, filter, page
// layout, links and column widths, and one line per cell with its type, value and style.
func dumpWorkbook(t testing.TB, f *excelize.File) string {
	t.Helper()
	var b strings.Builder
	props, err := f.GetDocProps()
	if err != nil {
		t.Fatal(err)
	}
	fmt.Fprintf(&b, "properties title=%q subject=%q creator=%q identifier=%q language=%q\n",
		props.Title, props.Subject, props.Creator, props.Identifier, props.Language)
	filters := map[int]string{}
	for _, dn := range f.GetDefinedName() {
		if dn.Name == "_xlnm._FilterDatabase" {
			if idx, err := f.GetSheetIndex(dn.Scope); err == nil {
				filters[idx] = dn.RefersTo
			}
		}
	}
	for i, sheet := range f.GetSheetList() {
		fmt.Fprintf(&b, "== sheet %d %q\n", i+1, sheet)
		if f.GetActiveSheetIndex() == i {
			b.WriteString("active\n")
		}
		panes, err := f.GetPanes(sheet)
		if err != nil {
			t.Fatal(err)
		}
		if panes.Freeze {
			fmt.Fprintf(&b, "frozen above %s\n", panes.TopLeftCell)
		}
		if ref, ok := filters[i]; ok {
			fmt.Fprintf(&b, "autofilter %s\n", ref)
		}
		dumpPage(t, &b, f, sheet)
		dumpCells(t, &b, f, sheet)
	}
	return b.String()
}

// dumpPage describes how a sheet prints and where its links lead.
func dumpPage(t testing.TB, b *strings.Builder, f *excelize.File, sheet string) {
	t.Helper()
	layout, err := f.GetPageLayout(sheet)
	if err != nil {
		t.Fatal(err)
	}
	props, err := f.GetSheetProps(sheet)
	if err != nil {
		t.Fatal(err)
	}
	hf, err := f.GetHeaderFooter(sheet)
	if err != nil {
		t.Fatal(err)
	}
	fmt.Fprintf(b, "page size=%d %s fit=%v width=%d height=%d header=%q footer=%q\n", *layout.Size, *layout.Orientation,
		props.FitToPage != nil && *props.FitToPage, *layout.FitToWidth, *layout.FitToHeight, hf.OddHeader, hf.OddFooter)
	links, err := f.GetHyperLinkCells(sheet, "")
	if err != nil {
		t.Fatal(err)
	}
	for _, ref := range links {
		_, target, _ := f.GetCellHyperLink(sheet, ref)
		fmt.Fprintf(b, "link %s -> %s\n", ref, target)
	}
}

// dumpCells describes the column widths, the row heights other than one line, and every cell with a
// value or a style: its type (s text, n number), style and value.
func dumpCells(t testing.TB, b *strings.Builder, f *excelize.File, sheet string) {
	t.Helper()
	rows, err := f.GetRows(sheet, excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	ncols := 0
	for _, r := range rows {
		ncols = max(ncols, len(r))
	}
	var widths []string
	for c := 1; c <= ncols; c++ {
		col, _ := excelize.ColumnNumberToName(c)
		w, _ := f.GetColWidth(sheet, col)
		widths = append(widths, col+"="+strconv.FormatFloat(w, 'f', -1, 64))
	}
	fmt.Fprintf(b, "widths %s\n", strings.Join(widths, " "))
	for r := range rows {
		if h, _ := f.GetRowHeight(sheet, r+1); h != 15 {
			fmt.Fprintf(b, "row %d height %g\n", r+1, h)
		}
		for c := range ncols {
			ref := cellName(c+1, r+1)
			v := ""
			if c < len(rows[r]) {
				v = rows[r][c]
			}
			style, _ := f.GetCellStyle(sheet, ref)
			typ, _ := f.GetCellType(sheet, ref)
			kind := "n"
			switch {
			case v == "" && style == 0:
				continue
			case v == "":
				kind = "blank"
			case typ == excelize.CellTypeSharedString || typ == excelize.CellTypeInlineString:
				kind = "s"
			}
			if utf8.RuneCountInString(v) > 60 {
				v = string([]rune(v)[:60]) + "…"
			}
			fmt.Fprintf(b, "%s %s%s %q\n", ref, kind, describeStyle(t, f, style), v)
		}
	}
}

// describeStyle names what a cell style shows: number format, font, fill, alignment and borders.
func describeStyle(t testing.TB, f *excelize.File, id int) string {
	t.Helper()
	st, err := f.GetStyle(id)
	if err != nil {
		t.Fatal(err)
	}
	var parts []string
	if st.CustomNumFmt != nil {
		parts = append(parts, "fmt="+*st.CustomNumFmt)
	} else if st.NumFmt != 0 {
		parts = append(parts, "fmt="+strconv.Itoa(st.NumFmt))
	}
	if fn := st.Font; fn != nil {
		if fn.Bold {
			parts = append(parts, "bold")
		}
		if fn.Size != 11 && fn.Size != 0 {
			parts = append(parts, fmt.Sprintf("size=%g", fn.Size))
		}
		if fn.Underline != "" {
			parts = append(parts, "underline="+fn.Underline)
		}
		if fn.Color != "" {
			parts = append(parts, "color="+fn.Color)
		}
	}
	if len(st.Fill.Color) > 0 {
		parts = append(parts, "fill="+strings.Join(st.Fill.Color, ","))
	}
	if a := st.Alignment; a != nil {
		if a.WrapText {
			parts = append(parts, "wrap")
		}
		if a.Horizontal != "" {
			parts = append(parts, "h="+a.Horizontal)
		}
		if a.Vertical != "" {
			parts = append(parts, "v="+a.Vertical)
		}
	}
	for _, br := range st.Border {
		parts = append(parts, fmt.Sprintf("%s=%d:%s", br.Type, br.Style, br.Color))
	}
	if len(parts) == 0 {
		return ""
	}
	return " " + strings.Join(parts, " ")
}

// TestXLSXTableCells checks every table cell of every gold document in its workbook: numbers stored as
// numbers with the German format of the printed decimals, codes and text as text, empty cells empty.
func TestXLSXTableCells(t *testing.T) {
	for _, g := range goldDocs(t) {
		t.Run(g.name, func(t *testing.T) {
			f := writeWorkbookFile(t, g.doc)
			sheets := TableSheetNames(g.doc.Tables)
			wantList := append(append([]string{SheetOverview, SheetQuestions}, sheets...), SheetChecks)
			if got := f.GetSheetList(); strings.Join(got, "|") != strings.Join(wantList, "|") {
				t.Fatalf("sheets\n got %q\nwant %q", got, wantList)
			}
			for ti, tb := range g.doc.Tables {
				for ri, row := range tb.Rows {
					for ci, cell := range row {
						ref := cellName(ci+1, tableFirstRow+ri)
						where := fmt.Sprintf("%s %s (%q)", sheets[ti], ref, cell.Raw)
						got, err := f.GetCellValue(sheets[ti], ref, excelize.Options{RawCellValue: true})
						if err != nil {
							t.Fatal(err)
						}
						typ, _ := f.GetCellType(sheets[ti], ref)
						isText := typ == excelize.CellTypeSharedString || typ == excelize.CellTypeInlineString
						style, _ := f.GetCellStyle(sheets[ti], ref)
						st, _ := f.GetStyle(style)
						switch cell.Kind {
						case drucksache.CellNumber:
							want, _ := cell.Number()
							v, err := strconv.ParseFloat(got, 64)
							if err != nil || isText || v != want {
								t.Errorf("%s: got %q (text %v), want the number %v", where, got, isText, want)
							}
							if wantFmt := NumberFormat(cell.Decimals, cell.Unit); st.CustomNumFmt == nil || *st.CustomNumFmt != wantFmt {
								t.Errorf("%s: format %v, want %s", where, st.CustomNumFmt, wantFmt)
							}
						case drucksache.CellEmpty:
							if got != "" {
								t.Errorf("%s: got %q, want an empty cell", where, got)
							}
						default:
							if got != textOf(cell) || !isText {
								t.Errorf("%s: got %q (text %v), want the text %q", where, got, isText, textOf(cell))
							}
						}
					}
				}
				for ci, h := range tb.Header {
					got, _ := f.GetCellValue(sheets[ti], cellName(ci+1, tableHeaderRow))
					if got != h {
						t.Errorf("%s header %d: got %q, want %q", sheets[ti], ci+1, got, h)
					}
				}
			}
		})
	}
}

func TestTableSheetNames(t *testing.T) {
	tables := func(questions ...int) []drucksache.Table {
		ts := make([]drucksache.Table, len(questions))
		for i, q := range questions {
			ts[i] = drucksache.Table{ID: fmt.Sprintf("t%d", i), Question: q}
		}
		return ts
	}
	tests := []struct {
		name   string
		tables []drucksache.Table
		want   []string
	}{
		{"numbered by table and question", tables(2, 4, 4), []string{"T1 Frage 2", "T2 Frage 4", "T3 Frage 4"}},
		{"table outside a question", tables(0), []string{"T1"}},
		{"huge question number is cut to 31 characters", tables(math.MaxInt32), []string{"T1 Frage 2147483647"}},
		{"none", nil, []string{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := TableSheetNames(tt.tables)
			if strings.Join(got, "|") != strings.Join(tt.want, "|") {
				t.Errorf("got  %q\nwant %q", got, tt.want)
			}
		})
	}
}

func TestUniqueSheetName(t *testing.T) {
	tests := []struct {
		name string
		in   []string
		want []string
	}{
		{"forbidden characters become spaces", []string{"a/b:c*d?e[f]g\\h"}, []string{"a b c d e f g h"}},
		{"quotes at the ends are dropped", []string{"'Frage'"}, []string{"Frage"}},
		{"duplicates are numbered, ignoring case", []string{"Fragen", "x", "X"}, []string{"Fragen (2)", "x", "X (2)"}},
		{"long names are cut to 31", []string{strings.Repeat("Ä", 40), strings.Repeat("Ä", 40)},
			[]string{strings.Repeat("Ä", 31), strings.Repeat("Ä", 27) + " (2)"}},
		{"empty becomes Tabelle", []string{"", "  "}, []string{"Tabelle", "Tabelle (2)"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			seen := map[string]bool{"fragen": true}
			var got []string
			for _, in := range tt.in {
				got = append(got, uniqueSheetName(in, seen))
			}
			if strings.Join(got, "|") != strings.Join(tt.want, "|") {
				t.Errorf("got  %q\nwant %q", got, tt.want)
			}
		})
	}
}

// FuzzSheetName: whatever a name is made of, the result is a sheet name Excel accepts, and unique.
func FuzzSheetName(f *testing.F) {
	for _, s := range []string{"T1 Frage 2", "a/b", "'", strings.Repeat("ü", 40), "\x00", "Übersicht", "😀😀"} {
		f.Add(s, s+"x")
	}
	f.Fuzz(func(t *testing.T, a, b string) {
		seen := map[string]bool{}
		wb := excelize.NewFile()
		defer wb.Close()
		names := []string{uniqueSheetName(a, seen), uniqueSheetName(b, seen), uniqueSheetName(a, seen)}
		for _, n := range names {
			if _, err := wb.NewSheet(n); err != nil {
				t.Fatalf("%q: %v", n, err)
			}
		}
		if len(wb.GetSheetList()) != 4 {
			t.Fatalf("names not unique: %q", names)
		}
	})
}

func TestNumberFormat(t *testing.T) {
	tests := []struct {
		decimals int
		unit     string
		want     string
	}{
		{0, "", "[$-407]#,##0"},
		{1, "", "[$-407]#,##0.0"},
		{3, "", "[$-407]#,##0.000"},
		{1, "%", `[$-407]#,##0.0 "%"`},
		{-2, "", "[$-407]#,##0"},
		{99, "", "[$-407]#,##0." + strings.Repeat("0", 15)},
		{0, `a"b`, `[$-407]#,##0 "a'b"`},
	}
	for _, tt := range tests {
		if got := NumberFormat(tt.decimals, tt.unit); got != tt.want {
			t.Errorf("NumberFormat(%d, %q)\n got %s\nwant %s", tt.decimals, tt.unit, got, tt.want)
		}
	}
}

func TestXLSXRejectsUnsafeID(t *testing.T) {
	for _, id := range []string{"", "..", "a/b", `a\b`} {
		doc := &drucksache.Document{ID: id, Source: drucksache.Source{File: "x.txt"}}
		err := NewXLSX(t.TempDir()).Write(context.Background(), doc)
		if err == nil || !strings.Contains(err.Error(), "x.txt") {
			t.Errorf("id %q: got %v, want an error naming the source", id, err)
		}
	}
}

// FuzzXLSXCell: any cell text survives the workbook (a text as text, a number as the same number).
func FuzzXLSXCell(f *testing.F) {
	f.Add("Gesamt", 247.3, uint8(1), false)
	f.Add("0101", 0.0, uint8(0), false)
	f.Add("a\x00b\x1fc & <d>", 1e300, uint8(20), true)
	f.Add("_x0041_", -0.0, uint8(3), true)
	f.Add("_x0041_x0042_ _x005F_", 0.1, uint8(1), false)
	f.Add(" führende und folgende Leerzeichen\n", 0.1, uint8(1), false)
	f.Fuzz(func(t *testing.T, raw string, number float64, decimals uint8, isNumber bool) {
		if !utf8.ValidString(raw) {
			t.Skip("the readers hand over valid UTF-8 only")
		}
		cell := drucksache.Cell{Raw: raw, Value: raw, Kind: drucksache.CellText}
		if isNumber {
			cell = drucksache.Cell{Raw: raw, Value: number, Kind: drucksache.CellNumber, Decimals: int(decimals)}
		}
		doc := &drucksache.Document{ID: "ni-fuzz", Tables: []drucksache.Table{{ID: "T1", Header: []string{raw}, Rows: [][]drucksache.Cell{{cell}}}}}
		wb := readWorkbook(t, doc)
		got, err := wb.GetCellValue("T1", cellName(1, tableFirstRow), excelize.Options{RawCellValue: true})
		if err != nil {
			t.Fatal(err)
		}
		if _, ok := cell.Number(); ok && isNumber {
			// A workbook keeps 15 significant digits, as Excel does.
			v, err := strconv.ParseFloat(got, 64)
			if err != nil || math.Abs(v-number) > 1e-14*math.Abs(number) {
				t.Fatalf("number %v came back as %q", number, got)
			}
			return
		}
		if want := xmlText(cellText(raw)); got != want && !(isNumber && got == "") {
			t.Fatalf("text %q came back as %q, want %q", raw, got, want)
		}
	})
}

// xmlText is a string as a cell of an XML file can hold it: characters XML forbids become U+FFFD, at most 32767 UTF-16 units.
func xmlText(s string) string {
	return clipUTF16(xmlChars(s), excelize.TotalCellChars)
}

// xmlChars is s with every character XML forbids, and each byte that is not UTF-8, as U+FFFD.
func xmlChars(s string) string {
	return strings.Map(func(r rune) rune {
		if r == '\t' || r == '\n' || r == '\r' || r >= 0x20 && r <= 0xD7FF || r >= 0xE000 && r <= 0xFFFD || r >= 0x10000 && r <= 0x10FFFF {
			return r
		}
		return '\uFFFD'
	}, s)
}

// largeDocument has one table of n rows: a code, a name, two numbers and a symbol.
func largeDocument(n int) *drucksache.Document {
	rows := make([][]drucksache.Cell, n)
	for i := range rows {
		v := float64(i) + 0.5
		rows[i] = []drucksache.Cell{
			{Raw: fmt.Sprintf("%04d", i%10000), Value: fmt.Sprintf("%04d", i%10000), Kind: drucksache.CellCode},
			{Raw: fmt.Sprintf("Dienststelle %d", i), Value: fmt.Sprintf("Dienststelle %d", i), Kind: drucksache.CellText},
			{Raw: strconv.FormatFloat(v, 'f', 1, 64), Value: v, Kind: drucksache.CellNumber, Decimals: 1},
			{Raw: strconv.Itoa(i), Value: float64(i), Kind: drucksache.CellNumber},
			{Raw: "–", Kind: drucksache.CellSymbol, Meaning: "nothing"},
		}
	}
	wp := 19
	return &drucksache.Document{
		ID: "ni-19-large", Parliament: ptr("Niedersächsischer Landtag"), Wahlperiode: &wp, Kind: drucksache.KindAnswer, Title: "Große Tabelle",
		Questions: []drucksache.Question{{Number: 1, Text: "Wie viele?", Answer: "So viele.", Tables: []string{"T1"}}},
		Tables: []drucksache.Table{{ID: "T1", Question: 1, Header: []string{"Kap.", "Name", "Betrag", "Anzahl", "Zeichen"},
			Unit: ptr("Mio. EUR"), Rows: rows}},
	}
}

// peakHeap runs fn and returns the highest heap in use seen while it ran, sampled every millisecond.
func peakHeap(fn func()) uint64 {
	runtime.GC()
	var peak atomic.Uint64
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		var m runtime.MemStats
		for {
			runtime.ReadMemStats(&m)
			if m.HeapInuse > peak.Load() {
				peak.Store(m.HeapInuse)
			}
			select {
			case <-done:
				return
			case <-time.After(time.Millisecond):
			}
		}
	}()
	fn()
	close(done)
	wg.Wait()
	return peak.Load()
}

// TestXLSXLargeTable writes a 50 000-row table row by row and reads it back row by row.
func TestXLSXLargeTable(t *testing.T) {
	if testing.Short() {
		t.Skip("large table")
	}
	const n = 50000
	doc := largeDocument(n)
	dir := t.TempDir()
	x := NewXLSX(dir)
	runtime.GC()
	var base runtime.MemStats
	runtime.ReadMemStats(&base)
	peak := peakHeap(func() {
		if err := x.Write(context.Background(), doc); err != nil {
			t.Fatal(err)
		}
	})
	t.Logf("heap in use: %.1f MB before (the document), %.1f MB at the peak of writing", float64(base.HeapInuse)/1e6, float64(peak)/1e6)
	// Streamed, the sheet costs its compressed size (1.7 MB of 14 MB of XML) and one XML buffer of
	// 64 KB, plus garbage not yet collected; held in a workbook model (as excelize did once a streamed
	// sheet was read back) it cost more than 350 MB.
	if growth := float64(peak) - float64(base.HeapInuse); growth > 50e6 {
		t.Errorf("writing the workbook took %.0f MB of heap beyond the document", growth/1e6)
	}
	f, err := excelize.OpenFile(filepath.Join(dir, doc.ID+".xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := f.Rows("T1 Frage 1")
	if err != nil {
		t.Fatal(err)
	}
	count := 0
	var last []string
	for rows.Next() {
		count++
		if last, err = rows.Columns(excelize.Options{RawCellValue: true}); err != nil {
			t.Fatal(err)
		}
	}
	rows.Close()
	if want := tableFirstRow - 1 + n; count != want {
		t.Errorf("got %d rows, want %d", count, want)
	}
	if want := []string{"9999", "Dienststelle 49999", "49999.5", "49999", "–"}; strings.Join(last, "|") != strings.Join(want, "|") {
		t.Errorf("last row\n got %q\nwant %q", last, want)
	}
}

// BenchmarkXLSXLargeTable reports the time and the peak heap of writing a 50 000-row table.
func BenchmarkXLSXLargeTable(b *testing.B) {
	doc := largeDocument(50000)
	x := NewXLSX(b.TempDir())
	var peak uint64
	b.ReportAllocs()
	for b.Loop() {
		peak = max(peak, peakHeap(func() {
			if err := x.Write(context.Background(), doc); err != nil {
				b.Fatal(err)
			}
		}))
	}
	b.ReportMetric(float64(peak)/1e6, "peak-heap-MB")
}

func TestRowHeight(t *testing.T) {
	tests := []struct {
		name   string
		texts  []string
		widths []float64
		want   float64
	}{
		{"short text, one line", []string{"Landtag"}, []float64{20}, lineHeight},
		{"63 characters fit a column of 60", []string{strings.Repeat("x", 63)}, []float64{60}, lineHeight},
		{"three lines", []string{strings.Repeat("x", 90)}, []float64{30}, 3 * lineHeight},
		{"line breaks count", []string{"a\nb\nc\nd"}, []float64{30}, 4 * lineHeight},
		{"the tallest column decides", []string{"a", "a\nb"}, []float64{30, 30}, 2 * lineHeight},
		{"capped at Excel's maximum", []string{strings.Repeat("x\n", 100)}, []float64{30}, maxRowHeight},
		{"texts beyond the widths are ignored", []string{"a", "b\nc"}, []float64{30}, lineHeight},
	}
	for _, tt := range tests {
		if got := rowHeight(tt.texts, tt.widths, charsPerWidth); got != tt.want {
			t.Errorf("%s: got %v, want %v", tt.name, got, tt.want)
		}
	}
}

// TestXLSXChecks lists the checks of the IT answer in the sheet Prüfungen, with the rows as the sheet numbers them.
func TestXLSXChecks(t *testing.T) {
	doc := goldDocNamed(t, itAnswer)
	f := writeWorkbookFile(t, doc)
	rows, err := f.GetRows(SheetChecks)
	if err != nil {
		t.Fatal(err)
	}
	want := [][]string{
		{"Tabelle", "Blatt", "Art", "Zeilen im Blatt", "Summenzeile", "Spalte", "Erwartet", "Gefunden", "Bestanden", "Anmerkung"},
		{"T6", "T6 Frage 11", "total_row", "5, 7, 13, 17, 20, 22, 26", "27", "D (VZE / BM)", "247.3", "247.3", "ja"},
	}
	if fmt.Sprint(rows) != fmt.Sprint(want) {
		t.Errorf("Prüfungen\n got %q\nwant %q", rows, want)
	}
	gesamt, _ := f.GetCellValue("T6 Frage 11", "C27")
	if gesamt != "Gesamt" {
		t.Errorf("row 27 of T6 Frage 11 holds %q, want the Gesamt row the check names", gesamt)
	}
}

func TestCellText(t *testing.T) {
	long := strings.Repeat("ä", excelize.TotalCellChars+10)
	tests := []struct {
		name string
		in   string
		want int // UTF-16 units
		cut  bool
	}{
		{"short text stays", "Gesamt", 6, false},
		{"exactly the limit stays", long[:2*excelize.TotalCellChars], excelize.TotalCellChars, false},
		{"longer is cut and marked", long, excelize.TotalCellChars, true},
		{"astral characters count twice", strings.Repeat("😀", excelize.TotalCellChars/2+1), excelize.TotalCellChars, true},
	}
	for _, tt := range tests {
		got := cellText(tt.in)
		if utf16Len(got) > tt.want || strings.HasSuffix(got, clipped) != tt.cut || !utf8.ValidString(got) {
			t.Errorf("%s: %d UTF-16 units, marked %v; want at most %d, marked %v", tt.name, utf16Len(got), strings.HasSuffix(got, clipped), tt.want, tt.cut)
		}
	}
}

// TestXLSXColumnUnits: a column's unit shows in its header cell, the table's source under its notes.
func TestXLSXColumnUnits(t *testing.T) {
	doc := goldDocNamed(t, itAnswer)
	tb := &doc.Tables[0]
	pct, src := "%", "Quelle: Landesamt für Statistik"
	tb.ColumnUnits = make([]*string, len(tb.Header))
	tb.ColumnUnits[1] = &pct
	tb.Source = &src
	f := writeWorkbookFile(t, doc)
	sheet := TableSheetNames(doc.Tables)[0]
	tests := []struct{ ref, want string }{
		{cellName(1, tableHeaderRow), tb.Header[0]},
		{cellName(2, tableHeaderRow), tb.Header[1] + " (%)"},
		{cellName(1, tableFirstRow+len(tb.Rows)+1+len(tb.Notes)), src},
	}
	for _, tt := range tests {
		if got, _ := f.GetCellValue(sheet, tt.ref); got != tt.want {
			t.Errorf("%s: got %q, want %q", tt.ref, got, tt.want)
		}
	}
}

// TestXLSXTableTooLarge writes the workbook of a document with tables a sheet cannot hold, more rows
// (1 048 576) or more columns (16 384) than a worksheet has: their sheets say so and where the table
// is, the other sheets are as ever (issue 14, finding 7: the workbook failed, "cannot convert cell
// to coordinates", and with it the whole document).
func TestXLSXTableTooLarge(t *testing.T) {
	row := []drucksache.Cell{{Raw: "1", Value: 1.0, Kind: drucksache.CellNumber}}
	tall := make([][]drucksache.Cell, excelize.TotalRows-tableFirstRow+2) // one row too many
	for i := range tall {
		tall[i] = row
	}
	wide := make([]drucksache.Cell, excelize.MaxColumns+1)
	for i := range wide {
		wide[i] = row[0]
	}
	doc := largeDocument(3)
	doc.Tables = append(doc.Tables,
		drucksache.Table{ID: "T2", Question: 1, Header: []string{"Anzahl"}, Rows: tall},
		drucksache.Table{ID: "T3", Question: 1, Rows: [][]drucksache.Cell{wide}},
		drucksache.Table{ID: "T4", Question: 1, Header: []string{"Anzahl"}, Rows: tall[:len(tall)-2], Notes: []string{"* eine Anmerkung"}})
	f := readWorkbook(t, doc)
	sheets := TableSheetNames(doc.Tables)
	for i, want := range []string{"", "1.048.574 Zeilen und 1 Spalten", "1 Zeilen und 16.385 Spalten", "1.048.572 Zeilen und 1 Spalten"} {
		note, _ := f.GetCellValue(sheets[i], cellName(1, tableHeaderRow))
		switch {
		case want == "" && note != "Kap.":
			t.Errorf("%s: the header starts %q, want the table", sheets[i], note)
		case want != "" && (!strings.Contains(note, want) || !strings.Contains(note, "JSON-Datei und im Parquet-Datensatz")):
			t.Errorf("%s: %q, want a note of %s", sheets[i], note, want)
		}
	}
	if v, _ := f.GetCellValue(sheets[0], "B6"); v != "Dienststelle 2" {
		t.Errorf("the table that fits: B6 = %q", v)
	}
}

func TestThousands(t *testing.T) {
	for n, want := range map[int]string{0: "0", 999: "999", 1000: "1.000", 16384: "16.384", 1048576: "1.048.576", -1234: "-1.234"} {
		if got := thousands(n); got != want {
			t.Errorf("thousands(%d) = %q, want %q", n, got, want)
		}
	}
}

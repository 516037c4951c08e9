package load

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"unicode/utf8"

	drucksache "drucksache"

	"github.com/xuri/excelize/v2"
)

// Sheet names of the fixed sheets of a workbook.
const (
	SheetOverview  = "Übersicht"
	SheetQuestions = "Fragen"
	SheetChecks    = "Prüfungen"
)

// Layout of a table sheet: title and unit above the header, the data below it.
const (
	tableTitleRow  = 1
	tableInfoRow   = 2
	tableHeaderRow = 3
	tableFirstRow  = 4
)

// Column widths in characters, and the height of one line of text in points.
const (
	minColWidth   = 6
	maxColWidth   = 60
	overviewWidth = 90
	lineHeight    = 15
	maxRowHeight  = 409 // the largest row height Excel allows
)

// XLSX writes each document to dir/<id>.xlsx: an overview, the questions, one sheet per table and the checks.
type XLSX struct {
	dir string
}

// NewXLSX returns a loader that writes one workbook per document into dir.
func NewXLSX(dir string) *XLSX { return &XLSX{dir: dir} }

// Write writes the workbook of one document atomically.
func (x *XLSX) Write(ctx context.Context, doc *drucksache.Document) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	if err := checkID(doc); err != nil {
		return err
	}
	path := filepath.Join(x.dir, doc.ID+".xlsx")
	return WriteAtomic(path, func(f *os.File) error { return WriteWorkbook(f, doc) })
}

// Close has nothing to commit: every workbook is already in place.
func (x *XLSX) Close() error { return nil }

// WriteWorkbook writes the workbook of one document to w.
func WriteWorkbook(w io.Writer, doc *drucksache.Document) (err error) {
	f := excelize.NewFile()
	f.SetZipWriter(func(w io.Writer) excelize.ZipWriter { return newSortedZip(w) })
	defer func() {
		if cerr := f.Close(); err == nil {
			err = cerr
		}
	}()
	wb := &workbook{f: f, doc: doc, numFmts: map[string]int{}}
	if err := wb.build(); err != nil {
		return fmt.Errorf("%s: xlsx: %w", doc.Source.File, err)
	}
	_, err = f.WriteTo(w)
	return err
}

// workbook holds the file being built and the styles shared by its sheets.
type workbook struct {
	f       *excelize.File
	doc     *drucksache.Document
	sheets  []string // table sheet names, in the order of doc.Tables
	numFmts map[string]int

	bold, title, header, wrap, label, date, text, code, symbol, link, general int
}

func (wb *workbook) build() error {
	if err := wb.styles(); err != nil {
		return err
	}
	if err := wb.f.SetSheetName("Sheet1", SheetOverview); err != nil {
		return err
	}
	wb.sheets = TableSheetNames(wb.doc.Tables)
	for _, name := range append([]string{SheetQuestions}, append(wb.sheets, SheetChecks)...) {
		if _, err := wb.f.NewSheet(name); err != nil {
			return fmt.Errorf("sheet %q: %w", name, err)
		}
	}
	// Before any table is streamed: setting the active sheet reads every sheet, a streamed one back into memory.
	wb.f.SetActiveSheet(0)
	if err := wb.overview(); err != nil {
		return fmt.Errorf("sheet %s: %w", SheetOverview, err)
	}
	if err := wb.questions(); err != nil {
		return fmt.Errorf("sheet %s: %w", SheetQuestions, err)
	}
	for i := range wb.doc.Tables {
		if err := wb.table(i); err != nil {
			return fmt.Errorf("table %s: %w", wb.doc.Tables[i].ID, err)
		}
	}
	if err := wb.checks(); err != nil {
		return fmt.Errorf("sheet %s: %w", SheetChecks, err)
	}
	return wb.f.SetDocProps(&excelize.DocProperties{
		Title:      docLabel(wb.doc),
		Subject:    wb.doc.Title,
		Creator:    "drucksache",
		Identifier: wb.doc.ID,
		Language:   "de-DE",
	})
}

// fontFamily is the workbook's font (Excel's default; LibreOffice shows it as the metric-compatible Carlito).
const fontFamily = "Calibri"

func font(bold bool, size float64) *excelize.Font {
	return &excelize.Font{Bold: bold, Family: fontFamily, Size: size}
}

// grid is the thin border around table cells, so a printed table keeps its lines.
var grid = []excelize.Border{
	{Type: "left", Color: "C8CED8", Style: 1}, {Type: "right", Color: "C8CED8", Style: 1},
	{Type: "top", Color: "C8CED8", Style: 1}, {Type: "bottom", Color: "C8CED8", Style: 1},
}

func (wb *workbook) styles() error {
	top := &excelize.Alignment{Vertical: "top", WrapText: true}
	specs := []struct {
		id    *int
		style excelize.Style
	}{
		{&wb.bold, excelize.Style{Font: font(true, 11)}},
		{&wb.title, excelize.Style{Font: font(true, 13)}},
		{&wb.header, excelize.Style{
			Font: font(true, 11),
			Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"DDE4EE"}},
			Border: []excelize.Border{{Type: "bottom", Color: "7F8FA6", Style: 1},
				{Type: "left", Color: "C8CED8", Style: 1}, {Type: "right", Color: "C8CED8", Style: 1}},
			Alignment: &excelize.Alignment{Vertical: "bottom", WrapText: true},
		}},
		{&wb.wrap, excelize.Style{Alignment: top}},
		{&wb.text, excelize.Style{Alignment: top, Border: grid}},
		{&wb.label, excelize.Style{Font: font(true, 11), Alignment: &excelize.Alignment{Vertical: "top"}}},
		{&wb.date, excelize.Style{CustomNumFmt: ptr("[$-407]DD.MM.YYYY"), Alignment: &excelize.Alignment{Horizontal: "left"}}},
		{&wb.code, excelize.Style{NumFmt: 49, Alignment: &excelize.Alignment{Vertical: "top"}, Border: grid}},
		{&wb.symbol, excelize.Style{NumFmt: 49, Alignment: &excelize.Alignment{Horizontal: "right", Vertical: "top"}, Border: grid}},
		{&wb.link, excelize.Style{Font: &excelize.Font{Family: fontFamily, Size: 11, Color: "1F5FBF", Underline: "single"}}},
		{&wb.general, excelize.Style{CustomNumFmt: ptr("[$-407]General"), Alignment: &excelize.Alignment{Horizontal: "left", Vertical: "top"}}},
	}
	for _, s := range specs {
		id, err := wb.f.NewStyle(&s.style)
		if err != nil {
			return err
		}
		*s.id = id
	}
	return nil
}

// numberStyle returns the style showing a number in German notation with the given decimals and unit.
func (wb *workbook) numberStyle(decimals int, unit string) (int, error) {
	code := NumberFormat(decimals, unit)
	if id, ok := wb.numFmts[code]; ok {
		return id, nil
	}
	id, err := wb.f.NewStyle(&excelize.Style{CustomNumFmt: &code, Alignment: &excelize.Alignment{Vertical: "top"}, Border: grid})
	if err != nil {
		return 0, err
	}
	wb.numFmts[code] = id
	return id, nil
}

// NumberFormat is the display format of a number printed with decimals places and an optional unit,
// in German notation ([$-407]: thousands dot, decimal comma), e.g. `[$-407]#,##0.0` shows 1.234,5.
func NumberFormat(decimals int, unit string) string {
	decimals = min(max(decimals, 0), 15)
	code := "[$-407]#,##0"
	if decimals > 0 {
		code += "." + strings.Repeat("0", decimals)
	}
	if unit = strings.TrimSpace(unit); unit != "" {
		code += ` "` + strings.ReplaceAll(unit, `"`, `'`) + `"`
	}
	return code
}

// TableSheetNames names the sheet of each table (`T1 Frage 2`): valid in Excel, unique and short.
func TableSheetNames(tables []drucksache.Table) []string {
	names := make([]string, len(tables))
	seen := map[string]bool{
		strings.ToLower(SheetOverview): true, strings.ToLower(SheetQuestions): true, strings.ToLower(SheetChecks): true,
	}
	for i, t := range tables {
		base := fmt.Sprintf("T%d", i+1)
		if t.Question > 0 {
			base += fmt.Sprintf(" Frage %d", t.Question)
		}
		names[i] = uniqueSheetName(base, seen)
	}
	return names
}

// uniqueSheetName cleans name into a valid sheet name not yet in seen (compared without case, as Excel does).
func uniqueSheetName(name string, seen map[string]bool) string {
	name = strings.Map(func(r rune) rune {
		if strings.ContainsRune(`[]:*?/\`, r) || r < ' ' || r == utf8.RuneError {
			return ' '
		}
		return r
	}, name)
	name = strings.Trim(strings.Join(strings.Fields(name), " "), "'")
	if name == "" {
		name = "Tabelle"
	}
	name = clipUTF16(name, excelize.MaxSheetNameLength)
	candidate := name
	for n := 2; seen[strings.ToLower(candidate)]; n++ {
		suffix := fmt.Sprintf(" (%d)", n)
		candidate = strings.TrimRight(clipUTF16(name, excelize.MaxSheetNameLength-len(suffix)), " '") + suffix
	}
	seen[strings.ToLower(candidate)] = true
	return candidate
}

// clipUTF16 shortens s to at most n UTF-16 code units, the unit Excel counts sheet names in.
func clipUTF16(s string, n int) string {
	units := 0
	for i, r := range s {
		u := 1
		if r > 0xFFFF {
			u = 2
		}
		if units+u > n {
			return s[:i]
		}
		units += u
	}
	return s
}

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
func WriteWorkbook(w io.Writer, doc *drucksache.Document) error {
	wb := &workbook{book: newBook(w, docLabel(doc)), doc: doc, sheets: TableSheetNames(doc.Tables), numStyles: map[numberKey]int{}}
	if err := wb.build(); err != nil {
		return fmt.Errorf("%s: xlsx: %w", doc.Source.File, err)
	}
	return nil
}

// workbook holds the workbook being written and the names of its table sheets.
type workbook struct {
	*book
	doc       *drucksache.Document
	sheets    []string // table sheet names, in the order of doc.Tables
	numStyles map[numberKey]int
}

func (wb *workbook) build() error {
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
	return wb.close(docProps{title: docLabel(wb.doc), subject: wb.doc.Title, identifier: wb.doc.ID})
}

// numberStyle returns the style showing a number in German notation with the given decimals and unit.
func (wb *workbook) numberStyle(decimals int, unit string) int {
	key := numberKey{decimals, unit}
	if id, ok := wb.numStyles[key]; ok {
		return id
	}
	id := wb.formatStyle(NumberFormat(decimals, unit))
	wb.numStyles[key] = id
	return id
}

// numberKey is what the display of a number depends on.
type numberKey struct {
	decimals int
	unit     string
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
	name = clipUTF16(name, maxSheetNameLen)
	candidate := name
	for n := 2; seen[strings.ToLower(candidate)]; n++ {
		suffix := fmt.Sprintf(" (%d)", n)
		candidate = strings.TrimRight(clipUTF16(name, maxSheetNameLen-len(suffix)), " '") + suffix
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

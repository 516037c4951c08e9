package load

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"
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

// checkID rejects an id that cannot name a file, so a document never writes outside the output folder.
func checkID(doc *drucksache.Document) error {
	id := doc.ID
	if id == "" || id == "." || id == ".." || strings.ContainsAny(id, `/\`+"\x00") {
		return fmt.Errorf("%s: document id %q cannot name an output file", doc.Source.File, id)
	}
	return nil
}

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

func (wb *workbook) overview() error {
	d, sh := wb.doc, SheetOverview
	f := wb.f
	if err := setCell(f, sh, 1, 1, docLabel(d), wb.title); err != nil {
		return err
	}
	if err := setCell(f, sh, 1, 2, d.Title, wb.bold); err != nil {
		return err
	}
	row := 4
	put := func(label string, value any, style int) error {
		if value == nil || value == "" {
			return nil
		}
		if err := setCell(f, sh, 1, row, label, wb.label); err != nil {
			return err
		}
		if err := setCell(f, sh, 2, row, value, style); err != nil {
			return err
		}
		if s, ok := value.(string); ok {
			if err := f.SetRowHeight(sh, row, rowHeight([]string{s}, []float64{overviewWidth}, charsPerWidth)); err != nil {
				return err
			}
		}
		row++
		return nil
	}
	var askers []string
	for _, a := range d.Askers {
		if a.Party != "" {
			askers = append(askers, a.Name+" ("+a.Party+")")
		} else {
			askers = append(askers, a.Name)
		}
	}
	source := d.Source.File
	if d.Source.Format != "" {
		source += " (" + d.Source.Format + ", " + plural(d.Source.Pages, "Seite", "Seiten") + ")"
	}
	fields := []struct {
		label string
		value any
		style int
	}{
		{"Drucksache", deref(d.Drucksache), wb.wrap},
		{"Parlament", deref(d.Parliament), wb.wrap},
		{"Wahlperiode", optInt(d.Wahlperiode), wb.general},
		{"Art", kindLabel(d.Kind), wb.wrap},
		{"Titel", d.Title, wb.wrap},
		{"Fragesteller", strings.Join(askers, "\n"), wb.wrap},
		{"Beantwortet von", d.AnsweredBy, wb.wrap},
		{"Anfrage", deref(d.QuestionDrucksache), wb.wrap},
		{"Eingang", isoDate(d.ReceivedOn), wb.date},
		{"Weiterleitung", isoDate(d.ForwardedOn), wb.date},
		{"Antwort vom", isoDate(d.AnsweredOn), wb.date},
		{"Verteilt am", isoDate(d.DistributedOn), wb.date},
		{"Fragen", len(d.Questions), wb.general},
		{"Tabellen", len(d.Tables), wb.general},
		{"Quelle", source, wb.wrap},
		{"SHA-256", d.Source.SHA256, wb.wrap},
		{"Kennung", d.ID, wb.wrap},
	}
	for _, fl := range fields {
		if err := put(fl.label, fl.value, fl.style); err != nil {
			return err
		}
	}
	if err := put("Hinweise", len(d.Warnings), wb.general); err != nil {
		return err
	}
	for _, w := range d.Warnings {
		if err := put("Hinweis", w.Code+": "+w.Message+where(w.Provenance.Page, w.Provenance.Line), wb.wrap); err != nil {
			return err
		}
	}
	if len(d.Tables) > 0 {
		row++
		if err := setCell(f, sh, 1, row, "Tabellenblätter", wb.title); err != nil {
			return err
		}
		row++
		for i, t := range d.Tables {
			if err := setCell(f, sh, 1, row, wb.sheets[i], wb.link); err != nil {
				return err
			}
			ref, _ := excelize.CoordinatesToCellName(1, row)
			if err := f.SetCellHyperLink(sh, ref, quoteSheet(wb.sheets[i])+"!A1", "Location"); err != nil {
				return err
			}
			if err := setCell(f, sh, 2, row, tableLabel(t), wb.wrap); err != nil {
				return err
			}
			row++
		}
	}
	if err := f.SetColWidth(sh, "A", "A", 20); err != nil {
		return err
	}
	if err := f.SetColWidth(sh, "B", "B", overviewWidth); err != nil {
		return err
	}
	return wb.pageSetup(sh)
}

// pageSetup prints a sheet on A4 landscape pages as wide as the sheet, with the document and sheet named
// in the header; for a sheet with an autofilter it must come after the filter, which resets the sheet properties.
func (wb *workbook) pageSetup(sheet string) error {
	err := wb.f.SetPageLayout(sheet, &excelize.PageLayoutOptions{
		Size: ptr(9), Orientation: ptr("landscape"), FitToWidth: ptr(1), FitToHeight: ptr(0),
	})
	if err != nil {
		return err
	}
	if err := wb.f.SetSheetProps(sheet, &excelize.SheetPropsOptions{FitToPage: ptr(true)}); err != nil {
		return err
	}
	label := strings.ReplaceAll(docLabel(wb.doc), "&", "&&")
	return wb.f.SetHeaderFooter(sheet, &excelize.HeaderFooterOptions{
		OddHeader: "&L" + label + "&R&A", OddFooter: "&CSeite &P von &N",
	})
}

func (wb *workbook) questions() error {
	f, sh := wb.f, SheetQuestions
	head := []string{"Nr.", "Frage", "Antwort", "Tabellen", "Zusammen beantwortet mit", "Seite"}
	widths := []float64{6, 60, 90, 14, 14, 8}
	for c, h := range head {
		if err := setCell(f, sh, c+1, 1, h, wb.header); err != nil {
			return err
		}
		col, _ := excelize.ColumnNumberToName(c + 1)
		if err := f.SetColWidth(sh, col, col, widths[c]); err != nil {
			return err
		}
	}
	if err := f.SetRowHeight(sh, 1, rowHeight(head, widths, boldCharsPerWidth)); err != nil {
		return err
	}
	for i, q := range wb.doc.Questions {
		r := i + 2
		text := q.Text
		if len(q.Parts) > 0 {
			text += "\n" + strings.Join(q.Parts, "\n")
		}
		var with []string
		for _, n := range q.AnsweredWith {
			with = append(with, strconv.Itoa(n))
		}
		values := []any{q.Number, text, q.Answer, strings.Join(q.Tables, ", "), strings.Join(with, ", "), optPage(q.Provenance.Page)}
		for c, v := range values {
			style := wb.wrap
			if c == 0 || c == 5 {
				style = wb.label
			}
			if err := setCell(f, sh, c+1, r, v, style); err != nil {
				return err
			}
		}
		if err := f.SetRowHeight(sh, r, rowHeight([]string{text, q.Answer}, widths[1:3], charsPerWidth)); err != nil {
			return err
		}
	}
	last, _ := excelize.CoordinatesToCellName(len(head), max(len(wb.doc.Questions)+1, 2))
	if err := f.AutoFilter(sh, "A1:"+last, nil); err != nil {
		return err
	}
	if err := wb.pageSetup(sh); err != nil {
		return err
	}
	return f.SetPanes(sh, frozen(1))
}

// table writes one table sheet with the stream writer, so a table of any size is held once, on disk.
func (wb *workbook) table(i int) error {
	t, name := &wb.doc.Tables[i], wb.sheets[i]
	if err := wb.pageSetup(name); err != nil {
		return err
	}
	sw, err := wb.f.NewStreamWriter(name)
	if err != nil {
		return err
	}
	ncols := len(t.Header)
	for _, r := range t.Rows {
		ncols = max(ncols, len(r))
	}
	widths := columnWidths(t, ncols)
	for c, w := range widths {
		if err := sw.SetColWidth(c+1, c+1, w); err != nil {
			return err
		}
	}
	if ncols > 0 {
		if err := sw.SetPanes(frozen(tableHeaderRow)); err != nil {
			return err
		}
	}
	if err := sw.SetRow(cellName(1, tableTitleRow), []any{excelize.Cell{StyleID: wb.title, Value: tableTitle(i, t)}}); err != nil {
		return err
	}
	if info := tableInfo(t); info != "" {
		if err := sw.SetRow(cellName(1, tableInfoRow), []any{info}); err != nil {
			return err
		}
	}
	if ncols == 0 {
		return sw.Flush()
	}
	head := make([]any, ncols)
	for c := range head {
		h := ""
		if c < len(t.Header) {
			h = t.Header[c]
		}
		head[c] = excelize.Cell{StyleID: wb.header, Value: h}
	}
	var headOpts []excelize.RowOpts
	if h := rowHeight(t.Header, widths, boldCharsPerWidth); h > lineHeight {
		headOpts = append(headOpts, excelize.RowOpts{Height: h})
	}
	if err := sw.SetRow(cellName(1, tableHeaderRow), head, headOpts...); err != nil {
		return err
	}
	values := make([]any, ncols)
	for r, row := range t.Rows {
		for c := range values {
			values[c] = excelize.Cell{StyleID: wb.text} // cells missing from a short row keep the grid
		}
		for c, cell := range row {
			v, err := wb.cellValue(t, cell)
			if err != nil {
				return fmt.Errorf("row %d column %d: %w", r+1, c+1, err)
			}
			values[c] = v
		}
		var opts []excelize.RowOpts
		if h := rowHeight(rowTexts(row), widths, charsPerWidth); h > lineHeight {
			opts = append(opts, excelize.RowOpts{Height: h})
		}
		if err := sw.SetRow(cellName(1, tableFirstRow+r), values, opts...); err != nil {
			return err
		}
	}
	lastRow := tableFirstRow + len(t.Rows) - 1
	for n, note := range t.Notes {
		if err := sw.SetRow(cellName(1, lastRow+2+n), []any{note}); err != nil {
			return err
		}
	}
	// The stream writer has no autofilter of its own; the sheet's filter is written with the sheet on Flush.
	filter := cellName(1, tableHeaderRow) + ":" + cellName(ncols, max(lastRow, tableHeaderRow+1))
	if err := wb.f.AutoFilter(name, filter, nil); err != nil {
		return err
	}
	return sw.Flush()
}

// cellValue is what a table cell holds in the workbook: numbers as numbers, everything else as text, empty as nothing.
func (wb *workbook) cellValue(t *drucksache.Table, cell drucksache.Cell) (any, error) {
	switch cell.Kind {
	case drucksache.CellEmpty:
		if strings.TrimSpace(cell.Raw) == "" {
			return excelize.Cell{StyleID: wb.text}, nil // no value, only the grid
		}
	case drucksache.CellNumber:
		if v, ok := numberValue(cell.Value); ok {
			style, err := wb.numberStyle(Decimals(cell), cell.Unit)
			return excelize.Cell{StyleID: style, Value: v}, err
		}
	case drucksache.CellCode:
		return excelize.Cell{StyleID: wb.code, Value: cellText(textOf(cell))}, nil
	case drucksache.CellSymbol:
		return excelize.Cell{StyleID: wb.symbol, Value: cellText(cell.Raw)}, nil
	}
	if s := textOf(cell); s != "" {
		return excelize.Cell{StyleID: wb.text, Value: cellText(s)}, nil
	}
	return excelize.Cell{StyleID: wb.text}, nil
}

func (wb *workbook) checks() error {
	sh := SheetChecks
	if err := wb.pageSetup(sh); err != nil {
		return err
	}
	// Written with the stream writer like the table sheets: a document can carry hundreds of checks.
	sw, err := wb.f.NewStreamWriter(sh)
	if err != nil {
		return err
	}
	head := []string{"Tabelle", "Blatt", "Art", "Zeilen im Blatt", "Summenzeile", "Spalte", "Erwartet", "Gefunden", "Bestanden", "Anmerkung"}
	widths := []float64{10, 14, 14, 24, 12, 24, 12, 12, 10, 50}
	for c, w := range widths {
		if err := sw.SetColWidth(c+1, c+1, w); err != nil {
			return err
		}
	}
	if err := sw.SetPanes(frozen(1)); err != nil {
		return err
	}
	headCells := make([]any, len(head))
	for c, h := range head {
		headCells[c] = excelize.Cell{StyleID: wb.header, Value: h}
	}
	if err := sw.SetRow("A1", headCells); err != nil {
		return err
	}
	index := map[string]int{}
	for i, t := range wb.doc.Tables {
		index[t.ID] = i
	}
	for i, ch := range wb.doc.Checks {
		r := i + 2
		var sheet, column string
		decimals := -1
		if ti, ok := index[ch.Table]; ok {
			t := &wb.doc.Tables[ti]
			sheet = wb.sheets[ti]
			column, _ = excelize.ColumnNumberToName(ch.Column + 1)
			if ch.Column >= 0 && ch.Column < len(t.Header) && t.Header[ch.Column] != "" {
				column += " (" + t.Header[ch.Column] + ")"
			}
			if ch.Target >= 0 && ch.Target < len(t.Rows) && ch.Column >= 0 && ch.Column < len(t.Rows[ch.Target]) {
				decimals = Decimals(t.Rows[ch.Target][ch.Column])
			}
		}
		var rows []string
		for _, x := range ch.Rows {
			rows = append(rows, strconv.Itoa(x+tableFirstRow))
		}
		passed := "offen"
		if ch.Passed != nil {
			passed = map[bool]string{true: "ja", false: "nein"}[*ch.Passed]
		}
		numStyle := wb.general
		if decimals >= 0 {
			var err error
			if numStyle, err = wb.numberStyle(decimals, ""); err != nil {
				return err
			}
		}
		values := []any{ch.Table, sheet, ch.Kind, strings.Join(rows, ", "), ch.Target + tableFirstRow, column,
			optFloat(ch.Expected), optFloat(ch.Found), passed, ch.Note}
		cells := make([]any, len(values))
		for c, v := range values {
			style := wb.wrap
			if c == 6 || c == 7 {
				style = numStyle
			}
			if str, ok := v.(string); ok {
				v = cellText(str)
			}
			if v == nil {
				cells[c] = excelize.Cell{StyleID: style}
				continue
			}
			cells[c] = excelize.Cell{StyleID: style, Value: v}
		}
		if err := sw.SetRow(cellName(1, r), cells); err != nil {
			return err
		}
	}
	last, _ := excelize.CoordinatesToCellName(len(head), max(len(wb.doc.Checks)+1, 2))
	if err := wb.f.AutoFilter(sh, "A1:"+last, nil); err != nil {
		return err
	}
	return sw.Flush()
}

// Decimals is the number of decimals a number cell was printed with: Cell.Decimals,
// or, when that is not set, the digits after the decimal comma of the raw text.
func Decimals(c drucksache.Cell) int {
	if c.Decimals > 0 {
		return min(c.Decimals, 15)
	}
	raw := strings.TrimSpace(c.Raw)
	i := strings.LastIndexByte(raw, ',')
	if i < 0 {
		return 0
	}
	n := 0
	for _, r := range raw[i+1:] {
		if r < '0' || r > '9' {
			break
		}
		n++
	}
	return min(n, 15)
}

// numberValue returns the numeric value of a cell value as decoded from JSON or set by the extractor.
func numberValue(v any) (float64, bool) {
	var f float64
	switch x := v.(type) {
	case float64:
		f = x
	case float32:
		f = float64(x)
	case int:
		f = float64(x)
	case int64:
		f = float64(x)
	case json.Number:
		var err error
		if f, err = x.Float64(); err != nil {
			return 0, false
		}
	default:
		return 0, false
	}
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return 0, false
	}
	return f, true
}

// textOf is the text of a cell: its string value, else what was printed.
func textOf(c drucksache.Cell) string {
	if s, ok := c.Value.(string); ok && s != "" {
		return s
	}
	return c.Raw
}

// columnWidths fits each column to its longest value, within limits; long header words are not split.
func columnWidths(t *drucksache.Table, ncols int) []float64 {
	widths := make([]float64, ncols)
	for c := range widths {
		w := 0
		if c < len(t.Header) {
			h := t.Header[c]
			w = min(utf8.RuneCountInString(h), 24)
			for _, word := range strings.Fields(h) {
				w = max(w, utf8.RuneCountInString(word))
			}
		}
		widths[c] = float64(w)
	}
	for _, row := range t.Rows {
		for c, cell := range row {
			n := utf8.RuneCountInString(strings.TrimSpace(cell.Raw))
			if cell.Kind == drucksache.CellNumber {
				n += n/3 + 1 // thousands separators the display adds
			}
			widths[c] = max(widths[c], float64(n))
		}
	}
	for c := range widths {
		widths[c] = min(max(widths[c]+2, minColWidth), maxColWidth)
	}
	return widths
}

// Characters of text per unit of column width (the width of a digit): regular Calibri is narrower than
// its digits, bold about as wide.
const (
	charsPerWidth     = 1.15
	boldCharsPerWidth = 1.0
)

// rowHeight is the height in points a row needs to show texts wrapped in columns of the given widths;
// Excel and LibreOffice keep the height a file states rather than fitting it on opening.
func rowHeight(texts []string, widths []float64, charsPer float64) float64 {
	lines := 1
	for i, s := range texts {
		if i >= len(widths) || s == "" {
			continue
		}
		perLine := max(int(widths[i]*charsPer)-1, 1)
		n := 0
		for _, para := range strings.Split(s, "\n") {
			n += max(1, (utf8.RuneCountInString(para)+perLine-1)/perLine)
		}
		lines = max(lines, n)
	}
	return min(float64(lines)*lineHeight, maxRowHeight)
}

// rowTexts are the texts of a table row as they are shown.
func rowTexts(row []drucksache.Cell) []string {
	texts := make([]string, len(row))
	for i, c := range row {
		if c.Kind == drucksache.CellText {
			texts[i] = textOf(c)
		}
	}
	return texts
}

// clipped marks a text cut to fit a cell.
const clipped = " […] (gekürzt; vollständig im JSON)"

// cellText fits s into one cell (at most 32 767 UTF-16 units), saying so where it had to cut.
func cellText(s string) string {
	if len(s) <= excelize.TotalCellChars/2 || utf16Len(s) <= excelize.TotalCellChars {
		return s
	}
	return clipUTF16(s, excelize.TotalCellChars-utf16Len(clipped)) + clipped
}

func utf16Len(s string) int {
	n := 0
	for _, r := range s {
		n++
		if r > 0xFFFF {
			n++
		}
	}
	return n
}

func setCell(f *excelize.File, sheet string, col, row int, value any, style int) error {
	ref := cellName(col, row)
	if value == nil {
		return nil
	}
	if s, ok := value.(string); ok {
		value = cellText(s)
	}
	if err := f.SetCellValue(sheet, ref, value); err != nil {
		return err
	}
	return f.SetCellStyle(sheet, ref, ref, style)
}

func cellName(col, row int) string {
	ref, _ := excelize.CoordinatesToCellName(col, row)
	return ref
}

// frozen keeps the rows up to row in view while scrolling.
func frozen(row int) *excelize.Panes {
	top := cellName(1, row+1)
	return &excelize.Panes{Freeze: true, YSplit: row, TopLeftCell: top, ActivePane: "bottomLeft",
		Selection: []excelize.Selection{{SQRef: top, ActiveCell: top, Pane: "bottomLeft"}}}
}

func quoteSheet(name string) string { return "'" + strings.ReplaceAll(name, "'", "''") + "'" }

func tableTitle(i int, t *drucksache.Table) string {
	s := fmt.Sprintf("Tabelle %d", i+1)
	if t.Question > 0 {
		s += fmt.Sprintf(" zu Frage %d", t.Question)
	}
	if t.Title != nil && *t.Title != "" {
		s += ": " + *t.Title
	}
	return s
}

func tableInfo(t *drucksache.Table) string {
	var parts []string
	if t.Unit != nil && *t.Unit != "" {
		parts = append(parts, "Einheit: "+*t.Unit)
	}
	if t.AuthorityLevel != nil && *t.AuthorityLevel != "" {
		parts = append(parts, "Behördenebene: "+authorityLabel(*t.AuthorityLevel))
	}
	if t.Provenance.Page > 0 {
		parts = append(parts, "Quelle: "+place(t.Provenance.Page, t.Provenance.Line))
	}
	return strings.Join(parts, " · ")
}

func tableLabel(t drucksache.Table) string {
	s := "Tabelle " + t.ID
	if t.Question > 0 {
		s += fmt.Sprintf(", Frage %d", t.Question)
	}
	if t.Title != nil && *t.Title != "" {
		s += ": " + *t.Title
	}
	if t.Unit != nil && *t.Unit != "" {
		s += " (" + *t.Unit + ")"
	}
	return s + ", " + plural(len(t.Rows), "Zeile", "Zeilen")
}

func docLabel(d *drucksache.Document) string {
	if d.Drucksache != nil && *d.Drucksache != "" {
		return "Drucksache " + *d.Drucksache
	}
	if d.QuestionDrucksache != nil && *d.QuestionDrucksache != "" {
		return "Antwort auf Drucksache " + *d.QuestionDrucksache
	}
	return d.ID
}

func kindLabel(kind string) string {
	switch kind {
	case drucksache.KindAnswer:
		return "Antwort auf eine Kleine Anfrage"
	case drucksache.KindUnterrichtung:
		return "Unterrichtung"
	case drucksache.KindWithdrawn:
		return "zurückgezogene Anfrage"
	case drucksache.KindBill:
		return "Gesetzentwurf"
	}
	return kind
}

func authorityLabel(level string) string {
	switch level {
	case "oberste_landesbehoerde":
		return "Oberste Landesbehörden"
	case "landesoberbehoerde":
		return "Landesoberbehörden"
	case "mittlere_landesbehoerde":
		return "Mittlere Landesbehörden"
	case "untere_landesbehoerde":
		return "Untere Landesbehörden"
	case "kommunal":
		return "Kommunen"
	}
	return level
}

// where is a place in the source in parentheses, after a space, or nothing when it is not known.
func where(page, line int) string {
	if p := place(page, line); p != "" {
		return " (" + p + ")"
	}
	return ""
}

// place is a page and line as a German reader cites them ("S. 3, Z. 12").
func place(page, line int) string {
	switch {
	case page > 0 && line > 0:
		return fmt.Sprintf("S. %d, Z. %d", page, line)
	case page > 0:
		return fmt.Sprintf("S. %d", page)
	}
	return ""
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return strconv.Itoa(n) + " " + many
}

// isoDate parses a YYYY-MM-DD date; anything else is returned as printed so nothing is lost.
func isoDate(s *string) any {
	if s == nil || *s == "" {
		return nil
	}
	t, err := time.Parse(time.DateOnly, *s)
	if err != nil {
		return *s
	}
	return t
}

func deref(s *string) any {
	if s == nil || *s == "" {
		return nil
	}
	return *s
}

func optInt(n *int) any {
	if n == nil {
		return nil
	}
	return *n
}

func optPage(n int) any {
	if n <= 0 {
		return nil
	}
	return n
}

func optFloat(f *float64) any {
	if f == nil || math.IsNaN(*f) || math.IsInf(*f, 0) {
		return nil
	}
	return *f
}

func ptr[T any](v T) *T { return &v }

package load

import (
	"fmt"
	"strconv"
	"strings"

	drucksache "drucksache"

	"github.com/xuri/excelize/v2"
)

// overview writes the first sheet: the document's facts one a row, its warnings, and a link to each table's sheet.
func (wb *workbook) overview() error {
	d, f := wb.doc, wb.f
	if err := setCell(f, SheetOverview, 1, 1, docLabel(d), wb.title); err != nil {
		return err
	}
	if err := setCell(f, SheetOverview, 1, 2, d.Title, wb.bold); err != nil {
		return err
	}
	o := &overviewRows{wb: wb, row: 4}
	for _, fl := range wb.overviewFields() {
		if err := o.put(fl.label, fl.value, fl.style); err != nil {
			return err
		}
	}
	if err := o.put("Hinweise", len(d.Warnings), wb.general); err != nil {
		return err
	}
	for _, w := range d.Warnings {
		if err := o.put("Hinweis", string(w.Code)+": "+w.Message+where(w.Provenance.Page, w.Provenance.Line), wb.wrap); err != nil {
			return err
		}
	}
	if err := wb.tableLinks(o.row + 1); err != nil {
		return err
	}
	if err := f.SetColWidth(SheetOverview, "A", "A", 20); err != nil {
		return err
	}
	if err := f.SetColWidth(SheetOverview, "B", "B", overviewWidth); err != nil {
		return err
	}
	return wb.pageSetup(SheetOverview)
}

// overviewField is one labelled fact of the overview sheet.
type overviewField struct {
	label string
	value any
	style int
}

// overviewFields are the document's facts in the order the overview shows them.
func (wb *workbook) overviewFields() []overviewField {
	d := wb.doc
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
	return []overviewField{
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
		{"Prüfung", reviewLabel(d.Review), wb.wrap},
		{"Erstellt mit", extractorLabel(d.Extractor), wb.wrap},
	}
}

// reviewLabel says in German whether the document needs a person's review, and why.
func reviewLabel(r *drucksache.Review) string {
	switch {
	case r == nil:
		return ""
	case r.Status == drucksache.ReviewOK:
		return "in Ordnung"
	case len(r.Reasons) == 0:
		return "zu prüfen"
	}
	return "zu prüfen: " + strings.Join(r.Reasons, ", ")
}

// extractorLabel names the build that made the document and the options that shaped it.
func extractorLabel(e *drucksache.Extractor) string {
	if e == nil {
		return ""
	}
	return fmt.Sprintf("drucksache %s\nSHA-256 der Regeln %s\nhöchstens %d Bytes, %d PDF-Seiten",
		e.Version, e.Digest, e.Options.MaxBytes, e.Options.MaxPages)
}

// overviewRows writes labelled values on the overview sheet, one a row from row on.
type overviewRows struct {
	wb  *workbook
	row int
}

// put writes a label and its value on the next row, fitting the row to the text; an empty value is left out.
func (o *overviewRows) put(label string, value any, style int) error {
	if value == nil || value == "" {
		return nil
	}
	f := o.wb.f
	if err := setCell(f, SheetOverview, 1, o.row, label, o.wb.label); err != nil {
		return err
	}
	if err := setCell(f, SheetOverview, 2, o.row, value, style); err != nil {
		return err
	}
	if s, ok := value.(string); ok {
		if err := f.SetRowHeight(SheetOverview, o.row, rowHeight([]string{s}, []float64{overviewWidth}, charsPerWidth)); err != nil {
			return err
		}
	}
	o.row++
	return nil
}

// tableLinks lists the table sheets from row on, each a link to its sheet beside what the table holds.
func (wb *workbook) tableLinks(row int) error {
	if len(wb.doc.Tables) == 0 {
		return nil
	}
	f, sh := wb.f, SheetOverview
	if err := setCell(f, sh, 1, row, "Tabellenblätter", wb.title); err != nil {
		return err
	}
	row++
	for i, t := range wb.doc.Tables {
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
	return nil
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
		var number any = q.Number
		if q.Part != "" {
			number = strconv.Itoa(q.Number) + q.Part // "39b": a sub-question answered on its own
		}
		values := []any{number, text, q.Answer, strings.Join(q.Tables, ", "), strings.Join(with, ", "), optPage(q.Provenance.Page)}
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
	if note := tooLarge(t, ncols); note != "" {
		return wb.tableLeftOut(sw, i, note)
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
	if err := wb.tableTitle(sw, i); err != nil {
		return err
	}
	if ncols == 0 {
		return sw.Flush()
	}
	head := make([]any, ncols)
	for c := range head {
		head[c] = excelize.Cell{StyleID: wb.header, Value: headerText(t, c)}
	}
	var headOpts []excelize.RowOpts
	headers := make([]string, ncols)
	for c := range headers {
		headers[c] = headerText(t, c)
	}
	if h := rowHeight(headers, widths, boldCharsPerWidth); h > lineHeight {
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
	below := t.Notes
	if t.Source != nil && *t.Source != "" {
		below = append(below[:len(below):len(below)], *t.Source)
	}
	for n, note := range below {
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

// tooLarge is the note of a table too large for a sheet (more rows or columns than a worksheet
// holds, notes below it counted), "" for one that fits.
func tooLarge(t *drucksache.Table, ncols int) string {
	last := tableFirstRow - 1 + len(t.Rows)
	if len(t.Notes) > 0 {
		last += 1 + len(t.Notes)
	}
	if last <= excelize.TotalRows && ncols <= excelize.MaxColumns {
		return ""
	}
	return fmt.Sprintf("Diese Tabelle hat %s Zeilen und %s Spalten, mehr als ein Tabellenblatt fasst (%s Zeilen, %s Spalten): "+
		"sie fehlt in dieser Arbeitsmappe und steht vollständig in der JSON-Datei und im Parquet-Datensatz.",
		thousands(len(t.Rows)), thousands(ncols), thousands(excelize.TotalRows), thousands(excelize.MaxColumns))
}

// tableLeftOut writes the sheet of a table too large for it: its title and information, and the note
// saying where the table is.
func (wb *workbook) tableLeftOut(sw *excelize.StreamWriter, i int, note string) error {
	if err := sw.SetColWidth(1, 1, maxColWidth); err != nil {
		return err
	}
	if err := wb.tableTitle(sw, i); err != nil {
		return err
	}
	height := excelize.RowOpts{Height: rowHeight([]string{note}, []float64{maxColWidth}, charsPerWidth)}
	if err := sw.SetRow(cellName(1, tableHeaderRow), []any{excelize.Cell{StyleID: wb.wrap, Value: note}}, height); err != nil {
		return err
	}
	return sw.Flush()
}

// tableTitle writes the title of the i-th table and its information (unit, authority level, source)
// above it.
func (wb *workbook) tableTitle(sw *excelize.StreamWriter, i int) error {
	t := &wb.doc.Tables[i]
	if err := sw.SetRow(cellName(1, tableTitleRow), []any{excelize.Cell{StyleID: wb.title, Value: tableTitle(i, t)}}); err != nil {
		return err
	}
	if info := tableInfo(t); info != "" {
		return sw.SetRow(cellName(1, tableInfoRow), []any{info})
	}
	return nil
}

// thousands writes n in German notation, thousands separated by dots: 1.048.576.
func thousands(n int) string {
	s := strconv.Itoa(n)
	for i := len(s) - 3; i > 0 && s[i-1] != '-'; i -= 3 {
		s = s[:i] + "." + s[i:]
	}
	return s
}

// cellValue is what a table cell holds in the workbook: numbers as numbers, everything else as text, empty as nothing.
func (wb *workbook) cellValue(t *drucksache.Table, cell drucksache.Cell) (any, error) {
	switch cell.Kind {
	case drucksache.CellEmpty:
		if strings.TrimSpace(cell.Raw) == "" {
			return excelize.Cell{StyleID: wb.text}, nil // no value, only the grid
		}
	case drucksache.CellNumber:
		if v, ok := cell.Number(); ok {
			style, err := wb.numberStyle(cell.Decimals, cell.Unit)
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
				decimals = t.Rows[ch.Target][ch.Column].Decimals
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

// headerText is the header of column c as the sheet shows it: with the column's unit, where a unit
// row names one ("2023 / Insgesamt (Tsd. EUR)").
func headerText(t *drucksache.Table, c int) string {
	h := ""
	if c < len(t.Header) {
		h = t.Header[c]
	}
	if c < len(t.ColumnUnits) && t.ColumnUnits[c] != nil && *t.ColumnUnits[c] != "" {
		h = strings.TrimSpace(h + " (" + *t.ColumnUnits[c] + ")")
	}
	return h
}

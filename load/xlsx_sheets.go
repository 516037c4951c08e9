package load

import (
	"fmt"
	"strconv"
	"strings"

	drucksache "drucksache"
)

// overview writes the first sheet: the document's facts one a row, its warnings, and a link to each table's sheet.
func (wb *workbook) overview() error {
	d := wb.doc
	sw, err := wb.sheet(SheetOverview, sheetOptions{selected: true, widths: []float64{20, overviewWidth}, shared: true})
	if err != nil {
		return err
	}
	if err := sw.row(1, 0, []cell{textCell(docLabel(d), styleTitle)}); err != nil {
		return err
	}
	if err := sw.row(2, 0, []cell{textCell(d.Title, styleBold)}); err != nil {
		return err
	}
	o := &overviewRows{sw: sw, row: 4}
	for _, fl := range wb.overviewFields() {
		if err := o.put(fl.label, fl.value, fl.style); err != nil {
			return err
		}
	}
	if err := o.put("Hinweise", len(d.Warnings), styleGeneral); err != nil {
		return err
	}
	for _, w := range d.Warnings {
		if err := o.put("Hinweis", string(w.Code)+": "+w.Message+where(w.Provenance.Page, w.Provenance.Line), styleWrap); err != nil {
			return err
		}
	}
	if err := wb.tableLinks(sw, o.row+1); err != nil {
		return err
	}
	return sw.close()
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
		{"Drucksache", deref(d.Drucksache), styleWrap},
		{"Parlament", deref(d.Parliament), styleWrap},
		{"Wahlperiode", optInt(d.Wahlperiode), styleGeneral},
		{"Art", kindLabel(d.Kind), styleWrap},
		{"Titel", d.Title, styleWrap},
		{"Fragesteller", strings.Join(askers, "\n"), styleWrap},
		{"Beantwortet von", d.AnsweredBy, styleWrap},
		{"Anfrage", deref(d.QuestionDrucksache), styleWrap},
		{"Eingang", isoDate(d.ReceivedOn), styleDate},
		{"Weiterleitung", isoDate(d.ForwardedOn), styleDate},
		{"Antwort vom", isoDate(d.AnsweredOn), styleDate},
		{"Verteilt am", isoDate(d.DistributedOn), styleDate},
		{"Fragen", len(d.Questions), styleGeneral},
		{"Tabellen", len(d.Tables), styleGeneral},
		{"Quelle", source, styleWrap},
		{"SHA-256", d.Source.SHA256, styleWrap},
		{"Kennung", d.ID, styleWrap},
		{"Prüfung", reviewLabel(d.Review), styleWrap},
		{"Erstellt mit", extractorLabel(d.Extractor), styleWrap},
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
	sw  *sheetWriter
	row int
}

// put writes a label and its value on the next row, fitting the row to the text; an empty value is left out.
func (o *overviewRows) put(label string, value any, style int) error {
	if value == nil || value == "" {
		return nil
	}
	height := 0.0
	if s, ok := value.(string); ok {
		height = rowHeight([]string{s}, []float64{overviewWidth}, charsPerWidth)
	}
	if err := o.sw.row(o.row, height, []cell{textCell(label, styleLabel), valueCell(value, style)}); err != nil {
		return err
	}
	o.row++
	return nil
}

// tableLinks lists the table sheets from row on, each a link to its sheet beside what the table holds.
func (wb *workbook) tableLinks(sw *sheetWriter, row int) error {
	if len(wb.doc.Tables) == 0 {
		return nil
	}
	if err := sw.row(row, 0, []cell{textCell("Tabellenblätter", styleTitle)}); err != nil {
		return err
	}
	row++
	for i, t := range wb.doc.Tables {
		if err := sw.row(row, 0, []cell{textCell(wb.sheets[i], styleLink), textCell(tableLabel(t), styleWrap)}); err != nil {
			return err
		}
		sw.link(1, row, quoteSheet(wb.sheets[i])+"!A1")
		row++
	}
	return nil
}

func (wb *workbook) questions() error {
	head := []string{"Nr.", "Frage", "Antwort", "Tabellen", "Zusammen beantwortet mit", "Seite"}
	widths := []float64{6, 60, 90, 14, 14, 8}
	sw, err := wb.sheet(SheetQuestions, sheetOptions{frozenRows: 1, widths: widths, shared: true})
	if err != nil {
		return err
	}
	if err := sw.row(1, rowHeight(head, widths, boldCharsPerWidth), headerCells(head)); err != nil {
		return err
	}
	cells := make([]cell, len(head))
	for i, q := range wb.doc.Questions {
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
			style := styleWrap
			if c == 0 || c == 5 {
				style = styleLabel
			}
			cells[c] = cell{}
			if v != nil {
				cells[c] = valueCell(v, style)
			}
		}
		if err := sw.row(i+2, rowHeight([]string{text, q.Answer}, widths[1:3], charsPerWidth), cells); err != nil {
			return err
		}
	}
	sw.autoFilter(cellRange{1, 1, len(head), max(len(wb.doc.Questions)+1, 2)})
	return sw.close()
}

// headerCells are the cells of a header row.
func headerCells(head []string) []cell {
	cells := make([]cell, len(head))
	for c, h := range head {
		cells[c] = textCell(h, styleHeader)
	}
	return cells
}

// table writes one table sheet row by row, so a table of any size is held once, compressed.
func (wb *workbook) table(i int) error {
	t, name := &wb.doc.Tables[i], wb.sheets[i]
	ncols := len(t.Header)
	for _, r := range t.Rows {
		ncols = max(ncols, len(r))
	}
	if note := tooLarge(t, ncols); note != "" {
		return wb.tableLeftOut(i, note)
	}
	widths := columnWidths(t, ncols)
	frozenRows := 0
	if ncols > 0 {
		frozenRows = tableHeaderRow
	}
	sw, err := wb.sheet(name, sheetOptions{frozenRows: frozenRows, widths: widths})
	if err != nil {
		return err
	}
	if err := wb.tableTitle(sw, i); err != nil {
		return err
	}
	if ncols == 0 {
		return sw.close()
	}
	headers := make([]string, ncols)
	for c := range headers {
		headers[c] = headerText(t, c)
	}
	if err := sw.row(tableHeaderRow, tallerThanALine(rowHeight(headers, widths, boldCharsPerWidth)), headerCells(headers)); err != nil {
		return err
	}
	values := make([]cell, ncols)
	for r, row := range t.Rows {
		for c := range values {
			values[c] = cell{style: styleText} // cells missing from a short row keep the grid
		}
		for c, tc := range row {
			values[c] = wb.cellValue(tc)
		}
		if err := sw.row(tableFirstRow+r, tallerThanALine(rowHeight(rowTexts(row), widths, charsPerWidth)), values); err != nil {
			return err
		}
	}
	lastRow := tableFirstRow + len(t.Rows) - 1
	below := t.Notes
	if t.Source != nil && *t.Source != "" {
		below = append(below[:len(below):len(below)], *t.Source)
	}
	for n, note := range below {
		if err := sw.row(lastRow+2+n, 0, []cell{textCell(note, styleNone)}); err != nil {
			return err
		}
	}
	sw.autoFilter(cellRange{1, tableHeaderRow, ncols, max(lastRow, tableHeaderRow+1)})
	return sw.close()
}

// tallerThanALine is a row's height where it needs more than one line, else 0: the reader's default.
func tallerThanALine(h float64) float64 {
	if h > lineHeight {
		return h
	}
	return 0
}

// tooLarge is the note of a table too large for a sheet (more rows or columns than a worksheet
// holds, notes below it counted), "" for one that fits.
func tooLarge(t *drucksache.Table, ncols int) string {
	last := tableFirstRow - 1 + len(t.Rows)
	if len(t.Notes) > 0 {
		last += 1 + len(t.Notes)
	}
	if last <= maxRows && ncols <= maxColumns {
		return ""
	}
	return fmt.Sprintf("Diese Tabelle hat %s Zeilen und %s Spalten, mehr als ein Tabellenblatt fasst (%s Zeilen, %s Spalten): "+
		"sie fehlt in dieser Arbeitsmappe und steht vollständig in der JSON-Datei und im Parquet-Datensatz.",
		thousands(len(t.Rows)), thousands(ncols), thousands(maxRows), thousands(maxColumns))
}

// tableLeftOut writes the sheet of a table too large for it: its title and information, and the note
// saying where the table is.
func (wb *workbook) tableLeftOut(i int, note string) error {
	sw, err := wb.sheet(wb.sheets[i], sheetOptions{widths: []float64{maxColWidth}})
	if err != nil {
		return err
	}
	if err := wb.tableTitle(sw, i); err != nil {
		return err
	}
	height := rowHeight([]string{note}, []float64{maxColWidth}, charsPerWidth)
	if err := sw.row(tableHeaderRow, height, []cell{textCell(note, styleWrap)}); err != nil {
		return err
	}
	return sw.close()
}

// tableTitle writes the title of the i-th table and its information (unit, authority level, source)
// above it.
func (wb *workbook) tableTitle(sw *sheetWriter, i int) error {
	t := &wb.doc.Tables[i]
	if err := sw.row(tableTitleRow, 0, []cell{textCell(tableTitle(i, t), styleTitle)}); err != nil {
		return err
	}
	if info := tableInfo(t); info != "" {
		return sw.row(tableInfoRow, 0, []cell{textCell(info, styleNone)})
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
func (wb *workbook) cellValue(c drucksache.Cell) cell {
	switch c.Kind {
	case drucksache.CellEmpty:
		if strings.TrimSpace(c.Raw) == "" {
			return cell{style: styleText} // no value, only the grid
		}
	case drucksache.CellNumber:
		if v, ok := c.Number(); ok {
			return valueCell(v, wb.numberStyle(c.Decimals, c.Unit))
		}
	case drucksache.CellCode:
		return textCell(textOf(c), styleCode)
	case drucksache.CellSymbol:
		return textCell(c.Raw, styleSymbol)
	}
	if s := textOf(c); s != "" {
		return textCell(s, styleText)
	}
	return cell{style: styleText}
}

func (wb *workbook) checks() error {
	head := []string{"Tabelle", "Blatt", "Art", "Zeilen im Blatt", "Summenzeile", "Spalte", "Erwartet", "Gefunden", "Bestanden", "Anmerkung"}
	widths := []float64{10, 14, 14, 24, 12, 24, 12, 12, 10, 50}
	// Written row by row like the table sheets: a document can carry hundreds of checks.
	sw, err := wb.sheet(SheetChecks, sheetOptions{frozenRows: 1, widths: widths})
	if err != nil {
		return err
	}
	if err := sw.row(1, 0, headerCells(head)); err != nil {
		return err
	}
	index := map[string]int{}
	for i, t := range wb.doc.Tables {
		index[t.ID] = i
	}
	cells := make([]cell, len(head))
	for i, ch := range wb.doc.Checks {
		var sheet, column string
		decimals := -1
		if ti, ok := index[ch.Table]; ok {
			t := &wb.doc.Tables[ti]
			sheet = wb.sheets[ti]
			column = columnName(ch.Column + 1)
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
		numStyle := styleGeneral
		if decimals >= 0 {
			numStyle = wb.numberStyle(decimals, "")
		}
		values := []any{ch.Table, sheet, ch.Kind, strings.Join(rows, ", "), ch.Target + tableFirstRow, column,
			optFloat(ch.Expected), optFloat(ch.Found), passed, ch.Note}
		for c, v := range values {
			style := styleWrap
			if c == 6 || c == 7 {
				style = numStyle
			}
			cells[c] = valueCell(v, style)
		}
		if err := sw.row(i+2, 0, cells); err != nil {
			return err
		}
	}
	sw.autoFilter(cellRange{1, 1, len(head), max(len(wb.doc.Checks)+1, 2)})
	return sw.close()
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

package load

import (
	_ "embed"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// book writes one workbook in SpreadsheetML: its sheets one after the other straight into the zip,
// compressed as they are written, then the parts that list them (workbook, styles, shared strings).
type book struct {
	zip      *sortedZip
	label    string // the document named in every sheet's page header
	sheets   []string
	filters  map[int]string // defined name of each sheet's autofilter range, by sheet index
	numFmts  []string       // the format of each number style, in the order of the styles
	numStyle map[string]int
	strs     []string // shared strings in the order of their indexes
	strIndex map[string]int
	open     *sheetWriter
	buf      []byte // the XML buffer, handed from one sheet to the next
}

func newBook(w io.Writer, label string) *book {
	return &book{zip: newSortedZip(w), label: label, filters: map[int]string{}, numStyle: map[string]int{}, strIndex: map[string]int{}}
}

// cellKind says what a cell holds.
type cellKind uint8

const (
	kindBlank  cellKind = iota // no value, only a style
	kindNumber                 // a number
	kindText                   // a text
)

// cell is one cell of a row: its kind, value and style (an index of the workbook's cell formats).
type cell struct {
	kind  cellKind
	style int
	num   float64
	text  string
}

// textCell is a cell holding a text, cut to what a cell holds.
func textCell(s string, style int) cell {
	return cell{kind: kindText, style: style, text: cellText(s)}
}

// numberCell is a cell holding a number.
func numberCell(v float64, style int) cell { return cell{kind: kindNumber, style: style, num: v} }

// sheetOptions are the parts of a sheet written before its rows.
type sheetOptions struct {
	selected   bool      // the sheet shown on opening
	frozenRows int       // rows kept in view while scrolling
	widths     []float64 // widths of the columns from A on; 0 keeps the default
	shared     bool      // texts go into the shared string table (for the small sheets written by cell)
}

// cellRange is a rectangle of cells, corners included.
type cellRange struct{ col1, row1, col2, row2 int }

// sheetWriter streams the rows of one sheet into its zip entry.
type sheetWriter struct {
	b      *book
	index  int
	w      io.Writer
	buf    []byte
	shared bool
	filter *cellRange
	links  []byte // the hyperlinks, written after the rows
	last   int    // the last row written
}

// flushAt is the size of XML a sheet writer gathers before it hands it to the compressor.
const flushAt = 64 << 10

// sheet starts the next sheet; the sheet before it must be closed.
func (b *book) sheet(name string, o sheetOptions) (*sheetWriter, error) {
	if b.open != nil {
		return nil, fmt.Errorf("sheet %q: sheet %q is still open", name, b.sheets[b.open.index])
	}
	b.sheets = append(b.sheets, name)
	index := len(b.sheets) - 1
	w, err := b.zip.Create("xl/worksheets/sheet" + strconv.Itoa(index+1) + ".xml")
	if err != nil {
		return nil, err
	}
	if b.buf == nil {
		b.buf = make([]byte, 0, flushAt+4096)
	}
	s := &sheetWriter{b: b, index: index, w: w, shared: o.shared, buf: b.buf[:0]}
	b.open = s
	s.buf = append(s.buf, xmlHeader+`<worksheet xmlns="`+nsMain+`" xmlns:r="`+nsRel+`">`+
		`<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr><sheetViews><sheetView`...)
	if o.selected {
		s.buf = append(s.buf, ` tabSelected="1"`...)
	}
	s.buf = append(s.buf, ` workbookViewId="0"`...)
	if o.frozenRows > 0 {
		top := cellName(1, o.frozenRows+1)
		s.buf = append(s.buf, `><pane ySplit="`...)
		s.buf = strconv.AppendInt(s.buf, int64(o.frozenRows), 10)
		s.buf = append(s.buf, `" topLeftCell="`+top+`" activePane="bottomLeft" state="frozen"/>`+
			`<selection pane="bottomLeft" activeCell="`+top+`" sqref="`+top+`"/></sheetView>`...)
	} else {
		s.buf = append(s.buf, `/>`...)
	}
	s.buf = append(s.buf, `</sheetViews><sheetFormatPr defaultRowHeight="15"/>`...)
	s.buf = appendCols(s.buf, o.widths)
	s.buf = append(s.buf, `<sheetData>`...)
	return s, nil
}

// appendCols appends the column widths, neighbours of one width in one element.
func appendCols(dst []byte, widths []float64) []byte {
	if len(widths) == 0 {
		return dst
	}
	dst = append(dst, `<cols>`...)
	for c := 0; c < len(widths); {
		end := c
		for end+1 < len(widths) && widths[end+1] == widths[c] {
			end++
		}
		if widths[c] > 0 {
			dst = append(dst, `<col min="`...)
			dst = strconv.AppendInt(dst, int64(c+1), 10)
			dst = append(dst, `" max="`...)
			dst = strconv.AppendInt(dst, int64(end+1), 10)
			dst = append(dst, `" width="`...)
			dst = strconv.AppendFloat(dst, widths[c], 'f', -1, 64)
			dst = append(dst, `" customWidth="1"/>`...)
		}
		c = end + 1
	}
	return append(dst, `</cols>`...)
}

// row writes row r (from 1, after the rows written before) with its cells from column A; a height
// of 0 leaves the row to the reader, a blank cell without a style is left out.
func (s *sheetWriter) row(r int, height float64, cells []cell) error {
	if r <= s.last || r > maxRows || len(cells) > maxColumns {
		return fmt.Errorf("row %d of %d cells after row %d: rows go down a sheet of %d rows and %d columns", r, len(cells), s.last, maxRows, maxColumns)
	}
	s.last = r
	s.buf = append(s.buf, `<row r="`...)
	s.buf = strconv.AppendInt(s.buf, int64(r), 10)
	if height > 0 {
		s.buf = append(s.buf, `" ht="`...)
		s.buf = strconv.AppendFloat(s.buf, height, 'f', -1, 64)
		s.buf = append(s.buf, `" customHeight="1`...)
	}
	s.buf = append(s.buf, `">`...)
	for i := range cells {
		s.cell(i+1, r, &cells[i])
	}
	s.buf = append(s.buf, `</row>`...)
	if len(s.buf) >= flushAt {
		return s.flush()
	}
	return nil
}

func (s *sheetWriter) cell(col, r int, c *cell) {
	if c.kind == kindBlank && c.style == 0 {
		return
	}
	s.buf = append(s.buf, `<c r="`...)
	s.buf = appendRef(s.buf, col, r)
	s.buf = append(s.buf, '"')
	if c.style != 0 {
		s.buf = append(s.buf, ` s="`...)
		s.buf = strconv.AppendInt(s.buf, int64(c.style), 10)
		s.buf = append(s.buf, '"')
	}
	switch c.kind {
	case kindBlank:
		s.buf = append(s.buf, `/>`...)
	case kindNumber:
		s.buf = append(s.buf, `><v>`...)
		s.buf = appendFloat(s.buf, c.num)
		s.buf = append(s.buf, `</v></c>`...)
	case kindText:
		if s.shared {
			s.buf = append(s.buf, ` t="s"><v>`...)
			s.buf = strconv.AppendInt(s.buf, int64(s.b.sharedString(c.text)), 10)
			s.buf = append(s.buf, `</v></c>`...)
			return
		}
		s.buf = append(s.buf, ` t="inlineStr"><is>`...)
		s.buf = appendT(s.buf, c.text)
		s.buf = append(s.buf, `</is></c>`...)
	}
}

// appendT appends a text element, keeping white space at its ends where there is some.
func appendT(dst []byte, s string) []byte {
	if needsSpacePreserved(s) {
		dst = append(dst, `<t xml:space="preserve">`...)
	} else {
		dst = append(dst, `<t>`...)
	}
	return append(appendText(dst, s), `</t>`...)
}

// sharedString is the index of s in the shared string table, added where it is new.
func (b *book) sharedString(s string) int {
	if i, ok := b.strIndex[s]; ok {
		return i
	}
	b.strs = append(b.strs, s)
	b.strIndex[s] = len(b.strs) - 1
	return len(b.strs) - 1
}

// link makes the cell at col, row a link to a place in the workbook, such as 'T1 Frage 2'!A1.
func (s *sheetWriter) link(col, row int, location string) {
	s.links = append(s.links, `<hyperlink ref="`...)
	s.links = appendRef(s.links, col, row)
	s.links = append(s.links, `" location="`...)
	s.links = appendAttr(s.links, location)
	s.links = append(s.links, `"/>`...)
}

// autoFilter puts a filter on the columns of r, its first row the header.
func (s *sheetWriter) autoFilter(r cellRange) { s.filter = &r }

func (s *sheetWriter) flush() error {
	_, err := s.w.Write(s.buf)
	s.buf = s.buf[:0]
	return err
}

// close writes what follows the rows (filter, links, page layout) and ends the sheet.
func (s *sheetWriter) close() error {
	s.buf = append(s.buf, `</sheetData>`...)
	if f := s.filter; f != nil {
		s.buf = append(s.buf, `<autoFilter ref="`...)
		s.buf = appendRef(s.buf, f.col1, f.row1)
		s.buf = append(s.buf, ':')
		s.buf = appendRef(s.buf, f.col2, f.row2)
		s.buf = append(s.buf, `"/>`...)
		s.b.filters[s.index] = quoteSheet(s.b.sheets[s.index]) + "!" + absoluteRange(f.col1, f.row1, f.col2, f.row2)
	}
	if len(s.links) > 0 {
		s.buf = append(s.buf, `<hyperlinks>`...)
		s.buf = append(s.buf, s.links...)
		s.buf = append(s.buf, `</hyperlinks>`...)
	}
	// Printed on A4 landscape pages as wide as the sheet, the document and the sheet named in the header.
	label := strings.ReplaceAll(s.b.label, "&", "&&")
	s.buf = append(s.buf, `<pageSetup paperSize="9" orientation="landscape" fitToWidth="1" fitToHeight="0"/>`+
		`<headerFooter><oddHeader>`...)
	s.buf = appendAttr(s.buf, "&L"+label+"&R&A")
	s.buf = append(s.buf, `</oddHeader><oddFooter>&amp;CSeite &amp;P von &amp;N</oddFooter></headerFooter></worksheet>`...)
	s.b.open = nil
	err := s.flush()
	s.b.buf = s.buf
	return err
}

// formatStyle is the cell format of numbers shown in the format code (see NumberFormat): top
// aligned in the grid of the table cells.
func (b *book) formatStyle(code string) int {
	if id, ok := b.numStyle[code]; ok {
		return id
	}
	b.numFmts = append(b.numFmts, code)
	id := firstNumberStyle + len(b.numFmts) - 1
	b.numStyle[code] = id
	return id
}

// docProps are the document properties of a workbook.
type docProps struct {
	title, subject, identifier string
}

// close writes the parts that describe the sheets, and the zip's directory.
func (b *book) close(p docProps) error {
	if b.open != nil {
		return fmt.Errorf("sheet %q is still open", b.sheets[b.open.index])
	}
	parts := []struct {
		name string
		data []byte
	}{
		{"[Content_Types].xml", b.contentTypes()},
		{"docProps/core.xml", coreProps(p)},
		{"xl/workbook.xml", b.workbookXML()},
		{"xl/_rels/workbook.xml.rels", b.workbookRels()},
		{"xl/styles.xml", b.stylesXML()},
		{"xl/sharedStrings.xml", b.sharedStringsXML()},
	}
	for _, part := range constParts {
		if err := b.zip.CreateConst(part.name, part.data, part.entry); err != nil {
			return err
		}
	}
	for _, part := range parts {
		w, err := b.zip.Create(part.name)
		if err != nil {
			return err
		}
		if _, err := w.Write(part.data); err != nil {
			return err
		}
	}
	return b.zip.Close()
}

const (
	xmlHeader = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n"
	nsMain    = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
	nsRel     = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
	nsPkgRel  = "http://schemas.openxmlformats.org/package/2006/relationships"
	ctSheet   = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"
)

// constParts are the parts every workbook has the same, compressed once.
var constParts = []struct {
	name  string
	data  []byte
	entry *constEntry
}{
	{"_rels/.rels", []byte(xmlHeader + rootRels), &constEntry{}},
	{"docProps/app.xml", []byte(xmlHeader + appProps), &constEntry{}},
	{"xl/theme/theme1.xml", themeXML, &constEntry{}},
}

// themeXML is the Office theme the default font's colour refers to.
//
//go:embed xlsx_theme.xml
var themeXML []byte

const rootRels = `<Relationships xmlns="` + nsPkgRel + `">` +
	`<Relationship Id="rId1" Type="` + nsRel + `/officeDocument" Target="xl/workbook.xml"/>` +
	`<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>` +
	`<Relationship Id="rId3" Type="` + nsRel + `/extended-properties" Target="docProps/app.xml"/>` +
	`</Relationships>`

const appProps = `<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" ` +
	`xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"><TotalTime>0</TotalTime>` +
	`<Application>drucksache</Application></Properties>`

// fixedTime is the creation and change time of every workbook: a workbook depends on its document only.
const fixedTime = "2006-09-16T00:00:00Z"

func coreProps(p docProps) []byte {
	var b strings.Builder
	b.WriteString(xmlHeader + `<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" ` +
		`xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" ` +
		`xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">`)
	b.WriteString(`<dc:title>` + escapeXML(p.title) + `</dc:title>`)
	b.WriteString(`<dc:subject>` + escapeXML(p.subject) + `</dc:subject>`)
	b.WriteString(`<dc:creator>drucksache</dc:creator>`)
	b.WriteString(`<dc:language>de-DE</dc:language>`)
	b.WriteString(`<dc:identifier>` + escapeXML(p.identifier) + `</dc:identifier>`)
	b.WriteString(`<dcterms:created xsi:type="dcterms:W3CDTF">` + fixedTime + `</dcterms:created>`)
	b.WriteString(`<dcterms:modified xsi:type="dcterms:W3CDTF">` + fixedTime + `</dcterms:modified>`)
	b.WriteString(`</cp:coreProperties>`)
	return []byte(b.String())
}

func (b *book) contentTypes() []byte {
	var s strings.Builder
	s.WriteString(xmlHeader + `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
		`<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
		`<Default Extension="xml" ContentType="application/xml"/>` +
		`<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>` +
		`<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>` +
		`<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>` +
		`<Override PartName="/xl/theme/theme1.xml" ContentType="application/vnd.openxmlformats-officedocument.theme+xml"/>` +
		`<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>` +
		`<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>`)
	for i := range b.sheets {
		s.WriteString(`<Override PartName="/xl/worksheets/sheet` + strconv.Itoa(i+1) + `.xml" ContentType="` + ctSheet + `"/>`)
	}
	s.WriteString(`</Types>`)
	return []byte(s.String())
}

// workbookXML lists the sheets, their ids in the relationships, and the autofilter ranges.
func (b *book) workbookXML() []byte {
	var s strings.Builder
	s.WriteString(xmlHeader + `<workbook xmlns="` + nsMain + `" xmlns:r="` + nsRel + `">` +
		`<workbookPr filterPrivacy="1"/><bookViews><workbookView xWindow="0" yWindow="0" windowWidth="14805" windowHeight="8010"/></bookViews><sheets>`)
	for i, name := range b.sheets {
		n := strconv.Itoa(i + 1)
		s.WriteString(`<sheet name="` + escapeXML(name) + `" sheetId="` + n + `" r:id="rId` + n + `"/>`)
	}
	s.WriteString(`</sheets>`)
	if len(b.filters) > 0 {
		s.WriteString(`<definedNames>`)
		for i := range b.sheets {
			if ref, ok := b.filters[i]; ok {
				s.WriteString(`<definedName name="_xlnm._FilterDatabase" localSheetId="` + strconv.Itoa(i) + `" hidden="1">` +
					escapeXML(ref) + `</definedName>`)
			}
		}
		s.WriteString(`</definedNames>`)
	}
	s.WriteString(`<calcPr calcId="122211"/></workbook>`)
	return []byte(s.String())
}

func (b *book) workbookRels() []byte {
	var s strings.Builder
	s.WriteString(xmlHeader + `<Relationships xmlns="` + nsPkgRel + `">`)
	rel := func(id int, typ, target string) {
		s.WriteString(`<Relationship Id="rId` + strconv.Itoa(id) + `" Type="` + nsRel + `/` + typ + `" Target="` + target + `"/>`)
	}
	for i := range b.sheets {
		rel(i+1, "worksheet", "worksheets/sheet"+strconv.Itoa(i+1)+".xml")
	}
	n := len(b.sheets)
	rel(n+1, "styles", "styles.xml")
	rel(n+2, "theme", "theme/theme1.xml")
	rel(n+3, "sharedStrings", "sharedStrings.xml")
	s.WriteString(`</Relationships>`)
	return []byte(s.String())
}

func (b *book) sharedStringsXML() []byte {
	n := strconv.Itoa(len(b.strs))
	dst := []byte(xmlHeader + `<sst xmlns="` + nsMain + `" count="` + n + `" uniqueCount="` + n + `">`)
	for _, s := range b.strs {
		dst = append(dst, `<si>`...)
		dst = appendT(dst, s)
		dst = append(dst, `</si>`...)
	}
	return append(dst, `</sst>`...)
}

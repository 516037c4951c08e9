package load

import "strconv"

// The cell formats of every workbook, by their index in the styles part; the number formats of table
// cells follow from firstNumberStyle on, in the order the sheets first use them.
const (
	styleNone    = iota
	styleBold    // bold
	styleTitle   // bold and larger: a sheet's title
	styleHeader  // bold on a blue-grey fill, wrapped at the bottom, ruled: a table's header
	styleWrap    // wrapped at the top: long texts
	styleText    // wrapped at the top in the grid: a table's text cell
	styleLabel   // bold at the top: a label beside its value
	styleDate    // a German date, left aligned
	styleCode    // text format (@) at the top in the grid: codes such as "0101" stay text
	styleSymbol  // text format, right aligned at the top in the grid: signs such as "–"
	styleLink    // blue and underlined: a link to a sheet
	styleGeneral // the general German format, left aligned at the top: counts in the overview
	firstNumberStyle
)

// firstNumFmt is the id of the first number style's format: 164 and 165 are the date and the general
// format of the fixed styles (49 is Excel's built-in text format "@").
const firstNumFmt = 166

// fontFamily is the workbook's font (Excel's default; LibreOffice shows it as the metric-compatible Carlito).
const fontFamily = "Calibri"

// The fonts (regular, bold, title, link), fills (none, the gray125 every workbook has, the header's)
// and borders (none, the header's, the grid) the cell formats refer to by index.
const (
	stylesFonts = `<fonts count="4">` +
		`<font><sz val="11"/><color theme="1"/><name val="` + fontFamily + `"/><family val="2"/></font>` +
		`<font><b val="1"/><sz val="11"/><name val="` + fontFamily + `"/><family val="2"/></font>` +
		`<font><b val="1"/><sz val="13"/><name val="` + fontFamily + `"/><family val="2"/></font>` +
		`<font><u val="single"/><sz val="11"/><color rgb="FF1F5FBF"/><name val="` + fontFamily + `"/><family val="2"/></font>` +
		`</fonts>`
	stylesFills = `<fills count="3"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill>` +
		`<fill><patternFill patternType="solid"><fgColor rgb="FFDDE4EE"/></patternFill></fill></fills>`
	gridLine      = `<color rgb="FFC8CED8"/>`
	stylesBorders = `<borders count="3"><border><left/><right/><top/><bottom/><diagonal/></border>` +
		`<border><left style="thin">` + gridLine + `</left><right style="thin">` + gridLine + `</right><top/>` +
		`<bottom style="thin"><color rgb="FF7F8FA6"/></bottom><diagonal/></border>` +
		`<border><left style="thin">` + gridLine + `</left><right style="thin">` + gridLine + `</right>` +
		`<top style="thin">` + gridLine + `</top><bottom style="thin">` + gridLine + `</bottom><diagonal/></border></borders>`
)

// fixedStyles are the cell formats from styleNone to styleGeneral, in their order.
var fixedStyles = [firstNumberStyle]string{
	styleNone:    `<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>`,
	styleBold:    `<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>`,
	styleTitle:   `<xf numFmtId="0" fontId="2" fillId="0" borderId="0" xfId="0" applyFont="1"/>`,
	styleHeader:  `<xf numFmtId="0" fontId="1" fillId="2" borderId="1" xfId="0" applyFont="1" applyFill="1" applyBorder="1" applyAlignment="1"><alignment vertical="bottom" wrapText="1"/></xf>`,
	styleWrap:    `<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" applyAlignment="1"><alignment vertical="top" wrapText="1"/></xf>`,
	styleText:    `<xf numFmtId="0" fontId="0" fillId="0" borderId="2" xfId="0" applyBorder="1" applyAlignment="1"><alignment vertical="top" wrapText="1"/></xf>`,
	styleLabel:   `<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1" applyAlignment="1"><alignment vertical="top"/></xf>`,
	styleDate:    `<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1" applyAlignment="1"><alignment horizontal="left"/></xf>`,
	styleCode:    `<xf numFmtId="49" fontId="0" fillId="0" borderId="2" xfId="0" applyNumberFormat="1" applyBorder="1" applyAlignment="1"><alignment vertical="top"/></xf>`,
	styleSymbol:  `<xf numFmtId="49" fontId="0" fillId="0" borderId="2" xfId="0" applyNumberFormat="1" applyBorder="1" applyAlignment="1"><alignment horizontal="right" vertical="top"/></xf>`,
	styleLink:    `<xf numFmtId="0" fontId="3" fillId="0" borderId="0" xfId="0" applyFont="1"/>`,
	styleGeneral: `<xf numFmtId="165" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1" applyAlignment="1"><alignment horizontal="left" vertical="top"/></xf>`,
}

// stylesXML is the styles part: the number formats, fonts, fills, borders and cell formats.
func (b *book) stylesXML() []byte {
	dst := []byte(xmlHeader + `<styleSheet xmlns="` + nsMain + `"><numFmts count="`)
	dst = strconv.AppendInt(dst, int64(2+len(b.numFmts)), 10)
	dst = append(dst, `"><numFmt numFmtId="164" formatCode="[$-407]DD.MM.YYYY"/><numFmt numFmtId="165" formatCode="[$-407]General"/>`...)
	for i, code := range b.numFmts {
		dst = append(dst, `<numFmt numFmtId="`...)
		dst = strconv.AppendInt(dst, int64(firstNumFmt+i), 10)
		dst = append(dst, `" formatCode="`...)
		dst = appendAttr(dst, code)
		dst = append(dst, `"/>`...)
	}
	dst = append(dst, `</numFmts>`+stylesFonts+stylesFills+stylesBorders+
		`<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="`...)
	dst = strconv.AppendInt(dst, int64(len(fixedStyles)+len(b.numFmts)), 10)
	dst = append(dst, `">`...)
	for _, xf := range fixedStyles {
		dst = append(dst, xf...)
	}
	for i := range b.numFmts {
		dst = append(dst, `<xf numFmtId="`...)
		dst = strconv.AppendInt(dst, int64(firstNumFmt+i), 10)
		dst = append(dst, `" fontId="0" fillId="0" borderId="2" xfId="0" applyNumberFormat="1" applyBorder="1" applyAlignment="1"><alignment vertical="top"/></xf>`...)
	}
	return append(dst, `</cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>`+
		`<dxfs count="0"/><tableStyles count="0" defaultTableStyle="TableStyleMedium2" defaultPivotStyle="PivotStyleLight16"/></styleSheet>`...)
}

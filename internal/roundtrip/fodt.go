package roundtrip

import (
	"encoding/xml"
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"
)

// FODT renders a paper as a flat OpenDocument text for LibreOffice Writer: A4, the running header
// and page number in the master page, ruled tables with cell borders, their header rows repeated
// on every page and rows allowed to break across pages, spanning header cells, the annex on a
// landscape master page of its own.
func FODT(p *Paper) []byte {
	var b strings.Builder
	w := func(format string, args ...any) { fmt.Fprintf(&b, format, args...) }
	sizes := []float64{}
	for _, t := range p.tables() {
		if s := t.size(); !slices.Contains(sizes, s) {
			sizes = append(sizes, s)
		}
	}
	w(`<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0" xmlns:loext="urn:org:documentfoundation:names:experimental:office:xmlns:loext:1.0" office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text">
<office:font-face-decls>
<style:font-face style:name="Liberation Sans" svg:font-family="'Liberation Sans'" style:font-family-generic="swiss" style:font-pitch="variable"/>
</office:font-face-decls>
<office:styles>
<style:default-style style:family="paragraph">
<style:text-properties style:font-name="Liberation Sans" fo:font-size="11pt" fo:language="de" fo:country="DE"/>
</style:default-style>
<style:style style:name="Standard" style:family="paragraph" style:class="text">
<style:paragraph-properties fo:margin-top="0cm" fo:margin-bottom="0.3cm" fo:line-height="115%%"/>
</style:style>
<style:style style:name="Header" style:family="paragraph" style:class="extra">
<style:paragraph-properties><style:tab-stops><style:tab-stop style:position="16.5cm" style:type="right"/></style:tab-stops></style:paragraph-properties>
<style:text-properties fo:font-size="9pt"/>
</style:style>
<style:style style:name="HeaderWide" style:family="paragraph" style:class="extra">
<style:paragraph-properties><style:tab-stops><style:tab-stop style:position="25.2cm" style:type="right"/></style:tab-stops></style:paragraph-properties>
<style:text-properties fo:font-size="9pt"/>
</style:style>
<style:style style:name="Footer" style:family="paragraph" style:class="extra">
<style:paragraph-properties fo:text-align="center"/>
<style:text-properties fo:font-size="10pt"/>
</style:style>
</office:styles>
<office:automatic-styles>
<style:page-layout style:name="pmPortrait">
<style:page-layout-properties fo:page-width="21cm" fo:page-height="29.7cm" style:print-orientation="portrait" fo:margin-top="1.2cm" fo:margin-bottom="1.2cm" fo:margin-left="2.5cm" fo:margin-right="2cm"/>
<style:header-style><style:header-footer-properties fo:min-height="0cm" fo:margin-bottom="0.6cm"/></style:header-style>
<style:footer-style><style:header-footer-properties fo:min-height="0cm" fo:margin-top="0.5cm"/></style:footer-style>
</style:page-layout>
<style:page-layout style:name="pmLandscape">
<style:page-layout-properties fo:page-width="29.7cm" fo:page-height="21cm" style:print-orientation="landscape" fo:margin-top="1.2cm" fo:margin-bottom="1.2cm" fo:margin-left="2.5cm" fo:margin-right="2cm"/>
<style:header-style><style:header-footer-properties fo:min-height="0cm" fo:margin-bottom="0.6cm"/></style:header-style>
<style:footer-style><style:header-footer-properties fo:min-height="0cm" fo:margin-top="0.5cm"/></style:footer-style>
</style:page-layout>
<style:style style:name="Kind" style:family="paragraph" style:parent-style-name="Standard">
<style:paragraph-properties fo:text-align="center" fo:margin-bottom="0cm"/><style:text-properties fo:font-weight="bold"/>
</style:style>
<style:style style:name="KindLast" style:family="paragraph" style:parent-style-name="Kind">
<style:paragraph-properties fo:margin-bottom="0.4cm"/>
</style:style>
<style:style style:name="Bold" style:family="paragraph" style:parent-style-name="Standard">
<style:text-properties fo:font-weight="bold"/>
</style:style>
<style:style style:name="Question" style:family="paragraph" style:parent-style-name="Standard">
<style:paragraph-properties fo:margin-top="0.4cm" fo:margin-left="0.8cm" fo:text-indent="-0.8cm"><style:tab-stops><style:tab-stop style:position="0cm"/></style:tab-stops></style:paragraph-properties>
<style:text-properties fo:font-weight="bold"/>
</style:style>
<style:style style:name="Annex" style:family="paragraph" style:parent-style-name="Standard" style:master-page-name="Landscape">
<style:paragraph-properties fo:text-align="end"/><style:text-properties fo:font-weight="bold"/>
</style:style>
<style:style style:name="AnnexPortrait" style:family="paragraph" style:parent-style-name="Standard">
<style:paragraph-properties fo:text-align="end" fo:break-before="page"/><style:text-properties fo:font-weight="bold"/>
</style:style>
<style:style style:name="Sup" style:family="text"><style:text-properties style:text-position="super 58%%"/></style:style>
<style:style style:name="Ruled" style:family="table-cell"><style:table-cell-properties fo:padding-left="0.08cm" fo:padding-right="0.08cm" fo:padding-top="0.03cm" fo:padding-bottom="0.03cm" fo:border="0.5pt solid #000000"/></style:style>
<style:style style:name="RuledTurned" style:family="table-cell"><style:table-cell-properties style:vertical-align="bottom" loext:writing-mode="bt-lr" fo:padding-left="0.08cm" fo:padding-right="0.08cm" fo:padding-top="0.08cm" fo:padding-bottom="0.08cm" fo:border="0.5pt solid #000000"/></style:style>
<style:style style:name="RuledMiddle" style:family="table-cell"><style:table-cell-properties style:vertical-align="middle" fo:padding-left="0.08cm" fo:padding-right="0.08cm" fo:padding-top="0.03cm" fo:padding-bottom="0.03cm" fo:border="0.5pt solid #000000"/></style:style>
<style:style style:name="Plain" style:family="table-cell"><style:table-cell-properties fo:padding-left="0.08cm" fo:padding-right="0.08cm" fo:padding-top="0.03cm" fo:padding-bottom="0.03cm" fo:border="none"/></style:style>
`)
	for _, s := range sizes {
		for _, v := range []struct{ suffix, para, text string }{
			{"", ``, ``},
			{"R", ` fo:text-align="end"`, ``},
			{"C", ` fo:text-align="center"`, ``},
			{"B", ``, ` fo:font-weight="bold"`},
			{"BR", ` fo:text-align="end"`, ` fo:font-weight="bold"`},
			{"BC", ` fo:text-align="center"`, ` fo:font-weight="bold"`},
			{"I", ` fo:margin-left="0.3cm"`, ``},
			{"Below", ` fo:margin-top="0.05cm"`, ``},
		} {
			bottom := "0cm"
			if v.suffix == "Below" {
				bottom = "0.1cm"
			} else {
				v.para += ` fo:margin-top="0cm"`
			}
			w(`<style:style style:name="%s" style:family="paragraph"><style:paragraph-properties fo:margin-bottom="%s"%s/><style:text-properties fo:font-size="%gpt"%s/></style:style>
`, cellStyle(s, v.suffix), bottom, v.para, s, v.text)
		}
	}
	for i, t := range p.tables() {
		width := 0.0
		for _, x := range t.Widths {
			width += x
		}
		w(`<style:style style:name="Tab%d" style:family="table"><style:table-properties style:width="%.2fcm" table:align="left" fo:margin-top="0.1cm" fo:margin-bottom="0.4cm"/></style:style>
`, i+1, width/10)
		for c, x := range t.Widths {
			w(`<style:style style:name="Tab%d.C%d" style:family="table-column"><style:table-column-properties style:column-width="%.2fcm"/></style:style>
`, i+1, c+1, x/10)
		}
		if h := t.turnedHeight(); h > 0 {
			// Writer does not grow a row for turned text (it wraps it at the row's height): the row is given the height
			w(`<style:style style:name="Tab%d.Turned" style:family="table-row"><style:table-row-properties style:min-row-height="%.1fmm"/></style:style>
`, i+1, h)
		}
	}
	w(`</office:automatic-styles>
<office:master-styles>
<style:master-page style:name="Standard" style:page-layout-name="pmPortrait">
<style:header><text:p text:style-name="Header">%[1]s<text:tab/>%[2]s</text:p></style:header>
<style:footer><text:p text:style-name="Footer"><text:page-number text:select-page="current"/></text:p></style:footer>
</style:master-page>
<style:master-page style:name="Landscape" style:page-layout-name="pmLandscape">
<style:header><text:p text:style-name="HeaderWide">%[1]s<text:tab/>%[2]s</text:p></style:header>
<style:footer><text:p text:style-name="Footer"><text:page-number text:select-page="current"/></text:p></style:footer>
</style:master-page>
</office:master-styles>
<office:body>
<office:text>
`, xmlText(p.runningLeft()), xmlText(p.runningRight()))
	body(p, odfFormat{&b})
	w("</office:text>\n</office:body>\n</office:document>\n")
	return []byte(b.String())
}

func (t *Table) size() float64 {
	if t.Size > 0 {
		return t.Size
	}
	return 11
}

func cellStyle(size float64, suffix string) string {
	return strings.ReplaceAll(fmt.Sprintf("T%g%s", size, suffix), ".", "_")
}

// odfFormat writes the parts of a paper as OpenDocument text.
type odfFormat struct{ b *strings.Builder }

func (o odfFormat) p(style, text string) {
	fmt.Fprintf(o.b, "<text:p text:style-name=\"%s\">%s</text:p>\n", style, text)
}

func (o odfFormat) kind(lines []string) {
	for i, l := range lines {
		if i == len(lines)-1 {
			o.p("KindLast", xmlText(l))
		} else {
			o.p("Kind", xmlText(l))
		}
	}
}

func (o odfFormat) para(text string, bold bool) {
	if bold {
		o.p("Bold", xmlText(text))
	} else {
		o.p("Standard", xmlText(text))
	}
}

func (o odfFormat) question(n int, text string) {
	o.p("Question", fmt.Sprintf("%d.<text:tab/>%s", n, xmlText(text)))
}

func (o odfFormat) annex(a *Annex, start bool) {
	switch {
	case !start:
	case a.Landscape:
		o.p("Annex", xmlText(a.Heading))
	default:
		o.p("AnnexPortrait", xmlText(a.Heading))
	}
}

func (o odfFormat) below(t *Table, text string) {
	o.p(cellStyle(t.size(), "Below"), strings.ReplaceAll(xmlText(text), "   ", "<text:s text:c=\"4\"/>"))
}

// table writes table number n.
func (o odfFormat) table(t *Table, n int) {
	b := o.b
	s := t.size()
	cell := "Plain"
	if t.Ruled {
		cell = "Ruled"
	}
	fmt.Fprintf(b, "<table:table table:name=\"Tabelle%d\" table:style-name=\"Tab%d\">\n", n, n)
	for c := range t.Widths {
		fmt.Fprintf(b, "<table:table-column table:style-name=\"Tab%d.C%d\"/>\n", n, c+1)
	}
	b.WriteString("<table:table-header-rows>\n")
	g, _ := t.grid()
	for lv, level := range g {
		if t.turnedHeight() > 0 && slices.ContainsFunc(t.Header[lv], func(c HeaderCell) bool { return c.Turned }) {
			fmt.Fprintf(b, "<table:table-row table:style-name=\"Tab%d.Turned\">", n)
		} else {
			b.WriteString("<table:table-row>")
		}
		for _, sl := range level {
			if !sl.start {
				b.WriteString("<table:covered-table-cell/>")
				continue
			}
			para := "B"
			if len(t.Header) > 1 && sl.cell.span() > 1 {
				para = "BC"
			}
			style := cell
			if sl.cell.Turned && t.Ruled {
				style = "RuledTurned"
			}
			fmt.Fprintf(b, "<table:table-cell table:style-name=\"%s\" office:value-type=\"string\"%s><text:p text:style-name=\"%s\">%s</text:p></table:table-cell>",
				style, odfSpans(*sl.cell), cellStyle(s, para), xmlText(sl.cell.Text))
		}
		b.WriteString("</table:table-row>\n")
	}
	if len(t.Units) > 0 {
		b.WriteString("<table:table-row>")
		for _, c := range t.Units {
			fmt.Fprintf(b, "<table:table-cell table:style-name=\"%s\" office:value-type=\"string\"%s><text:p text:style-name=\"%s\">%s</text:p></table:table-cell>",
				cell, odfSpans(c), cellStyle(s, "C"), xmlText(c.Text))
			for range c.span() - 1 {
				b.WriteString("<table:covered-table-cell/>")
			}
		}
		b.WriteString("</table:table-row>\n")
	}
	b.WriteString("</table:table-header-rows>\n")
	for k, r := range t.Rows {
		b.WriteString("<table:table-row>")
		for i, c := range r.Cells {
			if t.covered(k, i) {
				b.WriteString("<table:covered-table-cell/>")
				continue
			}
			style, rows := cell, ""
			if r.span(i) > 1 && t.Ruled {
				style = "RuledMiddle"
			}
			if r.span(i) > 1 {
				rows = fmt.Sprintf(" table:number-rows-spanned=\"%d\"", r.span(i))
			}
			para := ""
			switch {
			case alignRight(c):
				para = "R"
			case i == 0 && r.Indent:
				para = "I"
			}
			if r.Bold {
				para = "B" + para
			}
			fmt.Fprintf(b, "<table:table-cell table:style-name=\"%s\" office:value-type=\"string\"%s><text:p text:style-name=\"%s\">%s</text:p></table:table-cell>",
				style, rows, cellStyle(s, para), xmlText(c))
		}
		b.WriteString("</table:table-row>\n")
	}
	b.WriteString("</table:table>\n")
}

// turnedHeight is the height in millimetres a header row needs for its longest turned text in bold
// (0 when no header cell is turned).
func (t *Table) turnedHeight() float64 {
	n := 0
	for _, level := range t.Header {
		for _, c := range level {
			if c.Turned {
				n = max(n, utf8.RuneCountInString(Plain(c.Text)))
			}
		}
	}
	if n == 0 {
		return 0
	}
	return float64(n)*t.size()*0.62*0.3528 + 4
}

func odfSpans(c HeaderCell) string {
	s := ""
	if c.span() > 1 {
		s += fmt.Sprintf(" table:number-columns-spanned=\"%d\"", c.span())
	}
	if c.rows() > 1 {
		s += fmt.Sprintf(" table:number-rows-spanned=\"%d\"", c.rows())
	}
	return s
}

// xmlText escapes a text for XML and writes its raised markers as superscript spans.
func xmlText(s string) string {
	return markup(s, func(t string) string {
		var e strings.Builder
		_ = xml.EscapeText(&e, []byte(t))
		return e.String()
	}, func(m string) string { return "<text:span text:style-name=\"Sup\">" + m + "</text:span>" })
}

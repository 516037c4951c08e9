package roundtrip

import (
	"fmt"
	"html"
	"strings"
)

// HTML renders a paper as a web page for a browser's print to PDF: A4, the running header in the
// page's margin boxes, tables with their header repeated on every page (thead), rows allowed to
// break across pages, the annex on landscape pages of its own.
func HTML(p *Paper) []byte {
	var b strings.Builder
	w := func(format string, args ...any) { fmt.Fprintf(&b, format, args...) }
	w("<!DOCTYPE html>\n<html lang=\"de\">\n<head>\n<meta charset=\"utf-8\">\n<title>%s</title>\n<style>\n", esc(p.runningRight()))
	w(`@page { size: A4; margin: 22mm 20mm 20mm 25mm;
  @top-left { content: %q; font: 9pt "Liberation Sans", sans-serif; vertical-align: bottom; padding-bottom: 4mm; }
  @top-right { content: %q; font: 9pt "Liberation Sans", sans-serif; vertical-align: bottom; padding-bottom: 4mm; }
  @bottom-center { content: counter(page); font: 10pt "Liberation Sans", sans-serif; }
}
@page annex { size: A4 landscape; margin: 20mm 20mm 20mm 25mm; }
body { font-family: "Liberation Sans", Arial, sans-serif; font-size: 11pt; line-height: 1.3; margin: 0; }
p { margin: 0 0 9pt 0; }
p.kind { text-align: center; font-weight: bold; margin: 0; }
p.kind.last { margin-bottom: 12pt; }
p.head, p.q { font-weight: bold; }
p.q { padding-left: 8mm; text-indent: -8mm; margin-top: 12pt; }
p.q span { display: inline-block; width: 8mm; text-indent: 0; }
p.annex { text-align: right; font-weight: bold; }
div.annex { page: annex; break-before: page; }
table { border-collapse: collapse; table-layout: fixed; margin: 3pt 0 12pt 0; }
thead { display: table-header-group; }
tr { break-inside: auto; }
td, th { padding: 1.5pt 3pt; vertical-align: top; text-align: left; font-weight: normal; overflow-wrap: anywhere; }
th { font-weight: bold; }
table.ruled td, table.ruled th { border: 0.6pt solid #000; }
td.r { text-align: right; }
th.c, td.c { text-align: center; }
tr.b td { font-weight: bold; }
td.i { padding-left: 10pt; }
td.span { vertical-align: middle; }
th.turn { vertical-align: bottom; }
th.turn span { writing-mode: vertical-rl; transform: rotate(180deg); white-space: nowrap; }
p.below { margin: 0 0 3pt 0; }
sup { font-size: 65%%; vertical-align: super; line-height: 0; }
</style>
</head>
<body>
`, p.runningLeft(), p.runningRight())
	body(p, htmlFormat{&b})
	w("</body>\n</html>\n")
	return []byte(b.String())
}

// htmlFormat writes the parts of a paper as HTML.
type htmlFormat struct{ b *strings.Builder }

func (h htmlFormat) kind(lines []string) {
	for i, l := range lines {
		class := "kind"
		if i == len(lines)-1 {
			class += " last"
		}
		fmt.Fprintf(h.b, "<p class=\"%s\">%s</p>\n", class, esc(l))
	}
}

func (h htmlFormat) para(text string, bold bool) {
	if bold {
		fmt.Fprintf(h.b, "<p class=\"head\">%s</p>\n", esc(text))
		return
	}
	fmt.Fprintf(h.b, "<p>%s</p>\n", esc(text))
}

func (h htmlFormat) question(n int, text string) {
	fmt.Fprintf(h.b, "<p class=\"q\"><span>%d.</span>%s</p>\n", n, esc(text))
}

func (h htmlFormat) annex(a *Annex, start bool) {
	switch {
	case !start:
		h.b.WriteString("</div>\n")
	case a.Landscape:
		fmt.Fprintf(h.b, "<div class=\"annex\">\n<p class=\"annex\">%s</p>\n", esc(a.Heading))
	default:
		fmt.Fprintf(h.b, "<div>\n<p class=\"annex\" style=\"break-before: page\">%s</p>\n", esc(a.Heading))
	}
}

func (h htmlFormat) below(t *Table, text string) {
	fmt.Fprintf(h.b, "<p class=\"below\" style=\"font-size: %gpt\">%s</p>\n", t.size(), strings.ReplaceAll(esc(text), "   ", "&emsp;&emsp;"))
}

func (h htmlFormat) table(t *Table, _ int) {
	b := h.b
	class := ""
	if t.Ruled {
		class = " class=\"ruled\""
	}
	width := 0.0
	for _, x := range t.Widths {
		width += x
	}
	style := fmt.Sprintf("width: %.1fmm;", width)
	if t.Size > 0 {
		style += fmt.Sprintf(" font-size: %gpt;", t.Size)
	}
	fmt.Fprintf(b, "<table%s style=\"%s\">\n<colgroup>", class, style)
	for _, x := range t.Widths {
		fmt.Fprintf(b, "<col style=\"width: %.1fmm\">", x)
	}
	b.WriteString("</colgroup>\n<thead>\n")
	for _, level := range t.Header {
		b.WriteString("<tr>")
		for _, c := range level {
			if c.Turned {
				fmt.Fprintf(b, "<th%s class=\"turn\"><span>%s</span></th>", spanAttrs(c, false), esc(c.Text))
				continue
			}
			fmt.Fprintf(b, "<th%s>%s</th>", spanAttrs(c, len(t.Header) > 1 && c.span() > 1), esc(c.Text))
		}
		b.WriteString("</tr>\n")
	}
	if len(t.Units) > 0 {
		b.WriteString("<tr>")
		for _, c := range t.Units {
			fmt.Fprintf(b, "<td%s>%s</td>", spanAttrs(c, true), esc(c.Text))
		}
		b.WriteString("</tr>\n")
	}
	b.WriteString("</thead>\n<tbody>\n")
	for k, r := range t.Rows {
		if r.Bold {
			b.WriteString("<tr class=\"b\">")
		} else {
			b.WriteString("<tr>")
		}
		for i, c := range r.Cells {
			if t.covered(k, i) {
				continue
			}
			attrs := ""
			switch {
			case r.span(i) > 1:
				attrs = fmt.Sprintf(" rowspan=\"%d\" class=\"span\"", r.span(i))
			case alignRight(c):
				attrs = " class=\"r\""
			case i == 0 && r.Indent:
				attrs = " class=\"i\""
			}
			fmt.Fprintf(b, "<td%s>%s</td>", attrs, esc(c))
		}
		b.WriteString("</tr>\n")
	}
	b.WriteString("</tbody>\n</table>\n")
}

func spanAttrs(c HeaderCell, center bool) string {
	s := ""
	if c.span() > 1 {
		s += fmt.Sprintf(" colspan=\"%d\"", c.span())
	}
	if c.rows() > 1 {
		s += fmt.Sprintf(" rowspan=\"%d\"", c.rows())
	}
	if center {
		s += " class=\"c\""
	}
	return s
}

// esc escapes a text for HTML and writes its raised markers as <sup>.
func esc(s string) string {
	return markup(s, func(t string) string { return strings.ReplaceAll(html.EscapeString(t), "\u00ad", "&shy;") },
		func(m string) string { return "<sup>" + m + "</sup>" })
}

package html

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"unicode"

	"golang.org/x/net/html"

	drucksache "drucksache"
	"drucksache/extract/layout"
	"drucksache/internal/lazyre"
)

// maxDepth bounds the recursion of the tree walk; x/net/html builds no tree deeper than about 512.
const maxDepth = 1000

// walker turns the body of a parsed page into printed lines, one per block.
type walker struct {
	ctx      context.Context
	err      error
	lines    []layout.Line
	warnings []drucksache.Warning
	classes  map[string]bool // CSS class -> bold (true) or explicitly not bold (false)
	page     int
	tables   int
	nodes    int
	deepWarn bool
	web      string // the first element that shows a web page rather than an exported document
	webLine  int

	// The inline run: text of the block being read, until the next block boundary or <br>.
	run      strings.Builder
	started  bool // the run holds more than white space
	runBold  int  // letters and digits printed bold
	runPlain int  // letters and digits printed regular
	runNo    int
	runPath  *path
	runRole  layout.Role
	runPage  bool   // the run holds a page-number field
	brk      bool   // a paragraph break precedes the next line
	prefix   string // bullet or number of the list item whose first line is pending
	anchor   int    // source line for the next run: its block, or the <br> before it
	curLine  int    // line of the last element entered
	cell     int    // >0 while the text of a table cell is being read
}

// scope is what an element inherits from its ancestors.
type scope struct {
	path   *path // this element
	block  *path // innermost block element
	line   int   // line of the innermost element that has one
	depth  int
	bold   bool
	role   layout.Role
	pre    bool
	symbol bool // font-family Symbol: U+00B7 is a bullet
}

// path is an element path like body/div[2]/p[14], kept as a list so paths cost nothing until printed.
type path struct {
	parent *path
	tag    string
	n      int // 1-based index among the siblings of the same tag; 0 for body
}

func (p *path) String() string {
	if p == nil {
		return ""
	}
	var parts []string
	for q := p; q != nil; q = q.parent {
		if q.n == 0 {
			parts = append(parts, q.tag)
		} else {
			parts = append(parts, q.tag+"["+strconv.Itoa(q.n)+"]")
		}
	}
	for i, j := 0, len(parts)-1; i < j; i, j = i+1, j-1 {
		parts[i], parts[j] = parts[j], parts[i]
	}
	if len(parts) > pathParts {
		// a path through deeply nested markup keeps its ends: body/div[1]/…/div[1]/p[3]
		keep := append(parts[:3:3], "…")
		parts = append(keep, parts[len(parts)-(pathParts-4):]...)
	}
	return strings.Join(parts, "/")
}

// pathParts is the most elements an element path names before its middle is left out.
const pathParts = 16

// skip lists elements whose content is never printed.
var skip = map[string]bool{"script": true, "style": true, "head": true, "template": true, "noscript": true,
	"iframe": true, "object": true, "embed": true, "svg": true, "math": true, "select": true, "textarea": true,
	"title": true, "canvas": true, "audio": true, "video": true, "map": true, "datalist": true, "noembed": true,
	"noframes": true, "button": true}

// webOnly lists elements of web pages that documents exported by office programs never contain.
var webOnly = map[string]bool{"nav": true, "form": true, "input": true, "button": true, "select": true}

// blocks lists elements that start a new printed block.
var blocks = map[string]bool{"p": true, "div": true, "h1": true, "h2": true, "h3": true, "h4": true,
	"h5": true, "h6": true, "blockquote": true, "pre": true, "address": true, "center": true, "section": true,
	"article": true, "header": true, "footer": true, "main": true, "nav": true, "aside": true, "figure": true,
	"figcaption": true, "dl": true, "dt": true, "dd": true, "form": true, "fieldset": true, "legend": true,
	"hr": true, "caption": true, "details": true, "summary": true, "tr": true, "td": true, "th": true,
	"thead": true, "tbody": true, "tfoot": true, "li": true, "listing": true, "xmp": true, "plaintext": true,
	"body": true, "html": true, "table": true, "ul": true, "ol": true, "dir": true, "menu": true}

// children walks the child nodes of n, numbering element children per tag for their paths.
func (w *walker) children(n *html.Node, c scope) {
	var seen siblings
	for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
		if w.err != nil {
			return
		}
		switch ch.Type {
		case html.TextNode:
			w.text(ch.Data, c)
		case html.ElementNode:
			w.element(ch, c, seen.next(ch.Data))
		}
	}
}

// siblings numbers sibling elements per tag; a short list, as most elements have few kinds of children.
type siblings struct {
	tags   []string
	counts []int
}

// next counts one more sibling with this tag and returns its 1-based index.
func (s *siblings) next(tag string) int {
	for i, t := range s.tags {
		if t == tag {
			s.counts[i]++
			return s.counts[i]
		}
	}
	s.tags = append(s.tags, tag)
	s.counts = append(s.counts, 1)
	return 1
}

// element reads one element: a block, a list, a table, a footnote marker or inline text.
func (w *walker) element(n *html.Node, c scope, index int) {
	tag := n.Data
	if webOnly[tag] && w.web == "" {
		w.web, w.webLine = "<"+tag+">", max(lineOf(n), c.line)
	}
	if skip[tag] {
		return
	}
	if w.nodes++; w.nodes%4096 == 0 && w.ctx != nil {
		if err := w.ctx.Err(); err != nil {
			w.err = err
			return
		}
	}
	if c.depth >= maxDepth {
		if !w.deepWarn {
			w.deepWarn = true
			w.warn(drucksache.WarnDeepNesting, c, "elements nested deeper than %d levels: their text is left out", maxDepth)
		}
		return
	}
	c, style := w.enter(n, c, index)
	if hidden(style) {
		return
	}
	if breakBefore(style) {
		w.newPage()
	}
	region := false
	if role, ok := regionRole(n, style); ok && w.cell == 0 {
		w.flush()
		w.brk = true
		c.role, region = role, true
	}
	switch {
	case tag == "br":
		w.lineBreak(c)
	case tag == "table" && w.cell == 0:
		w.table(n, c)
	case tag == "table":
		w.warn(drucksache.WarnNestedTable, c, "a table inside a table cell: its text is flattened into the cell")
		w.block(n, c, "")
	case tag == "ul" || tag == "ol" || tag == "dir" || tag == "menu":
		w.list(n, c, style)
	case tag == "li":
		w.block(n, c, "•")
	case tag == "pre" || tag == "listing" || tag == "xmp" || tag == "plaintext":
		c.pre = true
		w.block(n, c, "")
	case blocks[tag]:
		w.block(n, c, "")
	case tag == "a" && noteRef(n) != 0:
		w.marker(n, c)
	case tag == "sup":
		w.sup(n, c)
	case tag == "sdfield" && strings.EqualFold(attr(n, "type"), "page"),
		strings.Contains(style, "mso-field-code") && strings.Contains(style, "page"):
		w.runPage = true
		w.children(n, c)
	default:
		w.children(n, c)
	}
	if region {
		w.flush()
		w.brk = true
	}
	if breakAfter(style) {
		w.newPage()
	}
}

// block reads a block element: its text becomes lines of their own, the first one after a paragraph break.
// A bullet is kept for the first line of the item, also when that line is in a nested block (<li><p>).
func (w *walker) block(n *html.Node, c scope, prefix string) {
	w.flush()
	w.brk = true
	w.anchor = c.line
	if prefix != "" {
		w.prefix = prefix
	}
	c.block = c.path
	w.children(n, c)
	w.flush()
	if prefix != "" {
		w.prefix = ""
	}
	w.brk = true
	w.anchor = w.curLine
}

// lineBreak ends the current line at a <br>; an empty line (two <br> in a row) is a paragraph break.
func (w *walker) lineBreak(c scope) {
	if w.started {
		w.flush()
	} else {
		w.brk = true
	}
	w.anchor = c.line
}

// newPage starts a new page at a printed page break, once text has been read.
func (w *walker) newPage() {
	if w.cell > 0 {
		return
	}
	w.flush()
	if len(w.lines) > 0 {
		w.page++
	}
	w.brk = true
}

// text adds the text of a text node to the run.
func (w *walker) text(s string, c scope) {
	if c.pre {
		for i, part := range strings.Split(s, "\n") {
			if i > 0 {
				w.lineBreak(c)
			}
			w.put(part, c, true)
		}
		return
	}
	w.put(s, c, true)
}

// put appends text to the run; count says whether its letters decide whether the line is bold.
func (w *walker) put(s string, c scope, count bool) {
	if c.symbol {
		s = strings.ReplaceAll(s, "·", "•")
	}
	for _, r := range s {
		if !blank(r) && !w.started {
			w.started = true
			w.runNo = w.anchor
			if w.runNo == 0 {
				w.runNo = c.line
			}
			w.runPath = c.block
			w.runRole = c.role
		}
		if count && (unicode.IsLetter(r) || unicode.IsDigit(r)) {
			if c.bold {
				w.runBold++
			} else {
				w.runPlain++
			}
		}
	}
	w.run.WriteString(s)
}

// flush ends the run as a line, if it holds any text.
func (w *walker) flush() {
	text := clean(w.run.String())
	started := w.started
	w.run.Reset()
	w.started = false
	bold, plain, page := w.runBold, w.runPlain, w.runPage
	w.runBold, w.runPlain, w.runPage = 0, 0, false
	if !started || text == "" {
		return
	}
	if w.prefix != "" {
		if !hasBullet(text) {
			text = w.prefix + " " + text
		}
		w.prefix = ""
	}
	role := w.runRole
	if (page || role == layout.RoleHeader || role == layout.RoleFooter) && pageNumber.MatchString(text) {
		role = layout.RolePageNumber
	}
	b := layout.No
	if bold > 0 && plain == 0 {
		b = layout.Yes
	}
	w.lines = append(w.lines, layout.Line{Text: text, Role: role, Page: w.page, No: w.runNo, Path: w.runPath.String(), Break: w.brk, Bold: b})
	w.brk = false
}

// pageNumber matches a printed page number: "30", "- 3 -", "Seite 3", "Seite 3 von 12", "3/12".
var pageNumber = lazyre.New(`^(?:[-–—]\s*\d{1,5}\s*[-–—]|(?:(?i:seite|s\.)\s*)?\d{1,5}(?:\s*(?:/|(?i:von))\s*\d{1,5})?)$`)

// enter gives an element its path, line and weight; it returns the element's context and lower-cased style.
func (w *walker) enter(n *html.Node, c scope, index int) (scope, string) {
	c.depth++
	c.path = &path{parent: c.path, tag: n.Data, n: index}
	if l := lineOf(n); l > 0 {
		c.line = l
		w.curLine = l
	}
	style := strings.ToLower(attr(n, "style"))
	c.bold = w.bold(n, n.Data, style, c.bold)
	if strings.Contains(style, "font-family") && strings.Contains(style, "symbol") {
		c.symbol = true
	}
	return c, style
}

// warn records a warning at the element being read.
func (w *walker) warn(code drucksache.WarningCode, c scope, format string, args ...any) {
	w.warnings = append(w.warnings, drucksache.Warning{Code: code, Message: fmt.Sprintf(format, args...),
		Provenance: drucksache.Provenance{Page: w.page, Line: c.line, Path: c.path.String()}})
}

// attr returns the value of attribute key of n, "" when absent.
func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key && a.Namespace == "" {
			return a.Val
		}
	}
	return ""
}

// regionRole tells page furniture and footnote areas apart from the body: LibreOffice's
// <div title="header">, Word's mso-element:header, footnote blocks (sdfootnote1, ftn1).
func regionRole(n *html.Node, style string) (layout.Role, bool) {
	compact := strings.ReplaceAll(style, " ", "")
	switch {
	case strings.Contains(compact, "mso-element:header"):
		return layout.RoleHeader, true
	case strings.Contains(compact, "mso-element:footer"):
		return layout.RoleFooter, true
	case strings.Contains(compact, "mso-element:footnote"), strings.Contains(compact, "mso-element:endnote"):
		if !strings.Contains(compact, "-list") && !strings.Contains(compact, "-separator") {
			return layout.RoleFootnote, true
		}
	}
	if n.Data == "div" || n.Data == "section" || n.Data == "header" || n.Data == "footer" {
		title := strings.ToLower(attr(n, "title"))
		switch {
		case strings.Contains(title, "header"):
			return layout.RoleHeader, true
		case strings.Contains(title, "footer"):
			return layout.RoleFooter, true
		}
		if noteID.MatchString(attr(n, "id")) {
			return layout.RoleFootnote, true
		}
	}
	return layout.RoleBody, false
}

// noteID matches the id of a footnote text block: LibreOffice sdfootnote1, Word ftn1, endnotes alike.
var noteID = lazyre.New(`^(?:sdfootnote|sdendnote|ftn|edn|_ftn|_edn|fn|footnote-?)\d+$`)

// hidden reports an element its style hides from print (display:none, Word's hidden text).
func hidden(style string) bool {
	if style == "" {
		return false
	}
	s := strings.ReplaceAll(style, " ", "")
	return strings.Contains(s, "display:none") || strings.Contains(s, "mso-hide:all")
}

// breakBefore reports a printed page break before an element.
func breakBefore(style string) bool {
	if style == "" {
		return false
	}
	s := strings.ReplaceAll(style, " ", "")
	return strings.Contains(s, "page-break-before:always") || strings.Contains(s, "break-before:page")
}

// breakAfter reports a printed page break after an element.
func breakAfter(style string) bool {
	if style == "" {
		return false
	}
	s := strings.ReplaceAll(style, " ", "")
	return strings.Contains(s, "page-break-after:always") || strings.Contains(s, "break-after:page")
}

// blank reports characters that print as white space or not at all.
func blank(r rune) bool {
	return unicode.IsSpace(r) || unicode.IsControl(r) || invisible(r)
}

// invisible reports characters that print nothing: soft hyphen, zero-width spaces and joiners, BOM.
func invisible(r rune) bool {
	switch r {
	case '\u00ad', '\u200b', '\u200c', '\u200d', '\u2060', '\ufeff':
		return true
	}
	return false
}

// symbolFont maps the private-use characters of the Symbol and Wingdings fonts that office exports
// print as list bullets.
var symbolFont = map[rune]rune{'\uf0b7': '•', '\uf0a7': '▪', '\uf0fc': '✓', '\uf0d8': '➢', '\uf02d': '–', '\uf0e0': '→'}

// clean collapses white space (including no-break spaces) to single spaces and drops invisible characters.
func clean(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for _, r := range s {
		switch {
		case invisible(r):
			continue
		case unicode.IsSpace(r) || unicode.IsControl(r):
			space = true
			continue
		}
		if m, ok := symbolFont[r]; ok {
			r = m
		}
		if space && b.Len() > 0 {
			b.WriteByte(' ')
		}
		space = false
		b.WriteRune(r)
	}
	return b.String()
}

package extract

import (
	"regexp"
	"strconv"
	"strings"

	"golang.org/x/net/html"
)

// Kinds of footnote anchors.
const (
	htmlNoteNone = iota
	htmlNoteCall // the marker in the running text, pointing to the footnote
	htmlNoteBack // the marker in front of the footnote text, pointing back
)

var (
	// htmlNoteCallRef matches links from the text to a footnote: LibreOffice, Word, Google Docs, Markdown.
	htmlNoteCallRef = regexp.MustCompile(`^#(?:sd(?:foot|end)note\d+sym|_(?:ftn|edn)\d+|ftnt\d+|fn:?\d+|footnote-\d+)$`)
	// htmlNoteBackRef matches links from a footnote back to its marker in the text.
	htmlNoteBackRef = regexp.MustCompile(`^#(?:sd(?:foot|end)note\d+anc|_(?:ftn|edn)ref\d+|ftnt_ref\d+|fnref:?\d+|footnote-ref-\d+)$`)
)

// htmlNoteRef tells whether an <a> is a footnote marker, and which way it points.
func htmlNoteRef(n *html.Node) int {
	href := strings.ToLower(strings.TrimSpace(htmlAttr(n, "href")))
	if i := strings.IndexByte(href, '#'); i > 0 {
		href = href[i:]
	}
	switch {
	case htmlNoteCallRef.MatchString(href):
		return htmlNoteCall
	case htmlNoteBackRef.MatchString(href):
		return htmlNoteBack
	}
	switch strings.ToLower(htmlAttr(n, "class")) {
	case "sdfootnoteanc", "sdendnoteanc":
		return htmlNoteCall
	case "sdfootnotesym", "sdendnotesym":
		return htmlNoteBack
	}
	return htmlNoteNone
}

// marker prints a footnote anchor as a superscript ("NAVO¹"); in front of a footnote text it also marks the line
// as a footnote and separates the marker from the text ("¹ Niedersächsisches …").
func (w *htmlWalker) marker(n *html.Node, c htmlCtx) {
	raw := strings.Trim(htmlClean(htmlPlainText(n)), "[]() ")
	if raw == "" {
		return
	}
	back := htmlNoteRef(n) == htmlNoteBack
	first := !w.started
	m, ok := htmlSuperscript(raw)
	if !ok {
		if back && !first {
			return // a link back at the end of a footnote ("↩"), not a marker
		}
		m = raw
	}
	w.put(m, c, false)
	if back && first {
		w.runRole = RoleFootnote
		w.put(" ", c, false)
	}
}

// sup prints a <sup> as superscript characters when it holds only digits and signs, as printed text otherwise.
func (w *htmlWalker) sup(n *html.Node, c htmlCtx) {
	if htmlHasNoteRef(n) {
		w.children(n, c)
		return
	}
	raw := htmlClean(htmlPlainText(n))
	if m, ok := htmlSuperscript(strings.Trim(raw, "[]")); ok && raw != "" {
		w.put(m, c, false)
		return
	}
	w.children(n, c)
}

// htmlHasNoteRef reports whether a footnote anchor sits below n.
func htmlHasNoteRef(n *html.Node) bool {
	found := false
	htmlDescend(n, func(d *html.Node) bool {
		if d.Type == html.ElementNode && d.Data == "a" && htmlNoteRef(d) != htmlNoteNone {
			found = true
		}
		return !found
	})
	return found
}

// htmlPlainText returns the text below n, without the text of elements that never print.
func htmlPlainText(n *html.Node) string {
	var b strings.Builder
	htmlDescend(n, func(d *html.Node) bool {
		switch d.Type {
		case html.TextNode:
			b.WriteString(d.Data)
		case html.ElementNode:
			if d.Data == "br" {
				b.WriteByte(' ')
			}
			return !htmlSkip[d.Data]
		}
		return true
	})
	return b.String()
}

// htmlDescend visits the nodes below n in document order without recursion; visit returns false to skip
// a node's children (or, once something is found, the rest).
func htmlDescend(n *html.Node, visit func(*html.Node) bool) {
	stack := []*html.Node{}
	for ch := n.LastChild; ch != nil; ch = ch.PrevSibling {
		stack = append(stack, ch)
	}
	for len(stack) > 0 {
		d := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if !visit(d) {
			continue
		}
		for ch := d.LastChild; ch != nil; ch = ch.PrevSibling {
			stack = append(stack, ch)
		}
	}
}

// htmlSuperscripts maps characters to their superscript forms; footnote signs stay as they are.
var htmlSuperscripts = map[rune]rune{'0': '⁰', '1': '¹', '2': '²', '3': '³', '4': '⁴', '5': '⁵', '6': '⁶',
	'7': '⁷', '8': '⁸', '9': '⁹', '+': '⁺', '-': '⁻', '=': '⁼', '(': '⁽', ')': '⁾', 'n': 'ⁿ', 'i': 'ⁱ',
	'*': '*', '†': '†', '‡': '‡', '¹': '¹', '²': '²', '³': '³', '⁰': '⁰', '⁴': '⁴', '⁵': '⁵', '⁶': '⁶',
	'⁷': '⁷', '⁸': '⁸', '⁹': '⁹'}

// htmlSuperscript writes s in superscript characters; ok is false when some character has none.
func htmlSuperscript(s string) (string, bool) {
	if s == "" {
		return "", false
	}
	var b strings.Builder
	for _, r := range s {
		m, ok := htmlSuperscripts[r]
		if !ok {
			return s, false
		}
		b.WriteRune(m)
	}
	return b.String(), true
}

// bold decides whether an element prints bold: its tag, then its CSS classes, then its own style.
func (w *htmlWalker) bold(n *html.Node, tag, style string, inherited bool) bool {
	b := inherited
	switch tag {
	case "b", "strong", "th", "h1", "h2", "h3", "h4", "h5", "h6":
		b = true
	}
	if len(w.classes) > 0 {
		for _, cl := range strings.Fields(htmlAttr(n, "class")) {
			if v, ok := w.classes[strings.ToLower(cl)]; ok {
				b = v
			}
		}
	}
	if v, ok := htmlStyleBold(style); ok {
		b = v
	}
	return b
}

// classWeights returns the map of class weights, made on first use.
func (w *htmlWalker) classWeights() map[string]bool {
	if w.classes == nil {
		w.classes = map[string]bool{}
	}
	return w.classes
}

// htmlStyleBold reads the weight a list of CSS declarations sets: ok is false when it sets none.
func htmlStyleBold(style string) (bold, ok bool) {
	if !strings.Contains(style, "font") {
		return false, false
	}
	for _, decl := range strings.Split(strings.ToLower(style), ";") {
		prop, val, found := strings.Cut(decl, ":")
		if !found {
			continue
		}
		prop = strings.TrimSpace(prop)
		val = strings.TrimSpace(strings.ReplaceAll(val, "!important", ""))
		switch prop {
		case "font-weight":
			if v, known := htmlWeight(val); known {
				bold, ok = v, true
			}
		case "font":
			switch val {
			case "inherit", "initial", "unset", "revert", "":
				continue
			}
			bold, ok = false, true // the shorthand resets the weight unless it names one
			for _, f := range strings.Fields(val) {
				if v, known := htmlWeight(f); known && v {
					bold = true
				}
			}
		}
	}
	return bold, ok
}

// htmlWeight reads a font-weight value: bold, bolder and 600 to 900 are bold.
func htmlWeight(v string) (bold, known bool) {
	switch v {
	case "bold", "bolder":
		return true, true
	case "normal", "lighter":
		return false, true
	}
	if n, err := strconv.Atoi(v); err == nil && n >= 1 && n <= 1000 {
		return n >= 600, true
	}
	return false, false
}

// htmlCSSComment matches CSS comments and the HTML comment markers office programs wrap style sheets in.
var htmlCSSComment = regexp.MustCompile(`(?s)/\*.*?\*/|<!--|-->`)

// htmlClassWeights reads a style sheet and records in m which classes make text bold or not bold.
// Only what decides the weight is read; selectors are reduced to the classes of their last part.
func htmlClassWeights(css string, m map[string]bool) {
	css = htmlCSSComment.ReplaceAllString(css, " ")
	for _, rule := range strings.Split(css, "}") {
		open := strings.LastIndexByte(rule, '{')
		if open < 0 {
			continue
		}
		bold, ok := htmlStyleBold(rule[open+1:])
		if !ok {
			continue
		}
		sel := rule[:open]
		if i := strings.LastIndexAny(sel, "{;"); i >= 0 {
			sel = sel[i+1:]
		}
		for _, one := range strings.Split(sel, ",") {
			parts := strings.FieldsFunc(one, func(r rune) bool {
				return r == ' ' || r == '>' || r == '+' || r == '~' || r == '\t' || r == '\n' || r == '\r'
			})
			if len(parts) == 0 {
				continue
			}
			last := parts[len(parts)-1]
			if strings.ContainsAny(last, ":[") {
				continue
			}
			classes := strings.Split(last, ".")
			for _, cl := range classes[1:] {
				if i := strings.IndexByte(cl, '#'); i >= 0 {
					cl = cl[:i]
				}
				if cl != "" {
					m[strings.ToLower(cl)] = bold
				}
			}
		}
	}
}

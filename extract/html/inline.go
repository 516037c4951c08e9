package html

import (
	"strconv"
	"strings"

	"golang.org/x/net/html"

	"drucksache/extract/layout"
	"drucksache/internal/lazyre"
)

// Kinds of footnote anchors.
const (
	noteNone = iota
	noteCall // the marker in the running text, pointing to the footnote
	noteBack // the marker in front of the footnote text, pointing back
)

var (
	// noteCallRef matches links from the text to a footnote: LibreOffice, Word, Google Docs, Markdown.
	noteCallRef = lazyre.New(`^#(?:sd(?:foot|end)note\d+sym|_(?:ftn|edn)\d+|ftnt\d+|fn:?\d+|footnote-\d+)$`)
	// noteBackRef matches links from a footnote back to its marker in the text.
	noteBackRef = lazyre.New(`^#(?:sd(?:foot|end)note\d+anc|_(?:ftn|edn)ref\d+|ftnt_ref\d+|fnref:?\d+|footnote-ref-\d+)$`)
)

// noteRef tells whether an <a> is a footnote marker, and which way it points.
func noteRef(n *html.Node) int {
	href := strings.ToLower(strings.TrimSpace(attr(n, "href")))
	if i := strings.IndexByte(href, '#'); i > 0 {
		href = href[i:]
	}
	switch {
	case noteCallRef.MatchString(href):
		return noteCall
	case noteBackRef.MatchString(href):
		return noteBack
	}
	switch strings.ToLower(attr(n, "class")) {
	case "sdfootnoteanc", "sdendnoteanc":
		return noteCall
	case "sdfootnotesym", "sdendnotesym":
		return noteBack
	}
	return noteNone
}

// marker prints a footnote anchor as a superscript ("NAVO¹"); in front of a footnote text it also marks the line
// as a footnote and separates the marker from the text ("¹ Niedersächsisches …").
func (w *walker) marker(n *html.Node, c scope) {
	raw := strings.Trim(clean(plainText(n)), "[]() ")
	if raw == "" {
		return
	}
	back := noteRef(n) == noteBack
	first := !w.started
	m, ok := superscript(raw)
	if !ok {
		if back && !first {
			return // a link back at the end of a footnote ("↩"), not a marker
		}
		m = raw
	}
	w.put(m, c, false)
	if back && first {
		w.runRole = layout.RoleFootnote
		w.put(" ", c, false)
	}
}

// sup prints a <sup> as superscript characters when it holds only digits and signs, as printed text otherwise.
func (w *walker) sup(n *html.Node, c scope) {
	if hasNoteRef(n) {
		w.children(n, c)
		return
	}
	raw := clean(plainText(n))
	if m, ok := superscript(strings.Trim(raw, "[]")); ok && raw != "" {
		w.put(m, c, false)
		return
	}
	w.children(n, c)
}

// hasNoteRef reports whether a footnote anchor sits below n.
func hasNoteRef(n *html.Node) bool {
	found := false
	descend(n, func(d *html.Node) bool {
		if d.Type == html.ElementNode && d.Data == "a" && noteRef(d) != noteNone {
			found = true
		}
		return !found
	})
	return found
}

// plainText returns the text below n, without the text of elements that never print.
func plainText(n *html.Node) string {
	var b strings.Builder
	descend(n, func(d *html.Node) bool {
		switch d.Type {
		case html.TextNode:
			b.WriteString(d.Data)
		case html.ElementNode:
			if d.Data == "br" {
				b.WriteByte(' ')
			}
			return !skip[d.Data]
		}
		return true
	})
	return b.String()
}

// descend visits the nodes below n in document order without recursion; visit returns false to skip
// a node's children (or, once something is found, the rest).
func descend(n *html.Node, visit func(*html.Node) bool) {
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

// superscripts maps characters to their superscript forms; footnote signs stay as they are.
var superscripts = map[rune]rune{'0': '⁰', '1': '¹', '2': '²', '3': '³', '4': '⁴', '5': '⁵', '6': '⁶',
	'7': '⁷', '8': '⁸', '9': '⁹', '+': '⁺', '-': '⁻', '=': '⁼', '(': '⁽', ')': '⁾', 'n': 'ⁿ', 'i': 'ⁱ',
	'*': '*', '†': '†', '‡': '‡', '¹': '¹', '²': '²', '³': '³', '⁰': '⁰', '⁴': '⁴', '⁵': '⁵', '⁶': '⁶',
	'⁷': '⁷', '⁸': '⁸', '⁹': '⁹'}

// superscript writes s in superscript characters; ok is false when some character has none.
func superscript(s string) (string, bool) {
	if s == "" {
		return "", false
	}
	var b strings.Builder
	for _, r := range s {
		m, ok := superscripts[r]
		if !ok {
			return s, false
		}
		b.WriteRune(m)
	}
	return b.String(), true
}

// bold decides whether an element prints bold: its tag, then its CSS classes, then its own style.
func (w *walker) bold(n *html.Node, tag, style string, inherited bool) bool {
	b := inherited
	switch tag {
	case "b", "strong", "th", "h1", "h2", "h3", "h4", "h5", "h6":
		b = true
	}
	if len(w.classes) > 0 {
		for _, cl := range strings.Fields(attr(n, "class")) {
			if v, ok := w.classes[strings.ToLower(cl)]; ok {
				b = v
			}
		}
	}
	if v, ok := styleBold(style); ok {
		b = v
	}
	return b
}

// classWeights returns the map of class weights, made on first use.
func (w *walker) classWeights() map[string]bool {
	if w.classes == nil {
		w.classes = map[string]bool{}
	}
	return w.classes
}

// styleBold reads the weight a list of CSS declarations sets: ok is false when it sets none.
func styleBold(style string) (bold, ok bool) {
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
			if v, known := weight(val); known {
				bold, ok = v, true
			}
		case "font":
			switch val {
			case "inherit", "initial", "unset", "revert", "":
				continue
			}
			bold, ok = false, true // the shorthand resets the weight unless it names one
			for _, f := range strings.Fields(val) {
				if v, known := weight(f); known && v {
					bold = true
				}
			}
		}
	}
	return bold, ok
}

// weight reads a font-weight value: bold, bolder and 600 to 900 are bold.
func weight(v string) (bold, known bool) {
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

// cssComment matches CSS comments and the HTML comment markers office programs wrap style sheets in.
var cssComment = lazyre.New(`(?s)/\*.*?\*/|<!--|-->`)

// classWeights reads a style sheet and records in m which classes make text bold or not bold.
// Only what decides the weight is read; selectors are reduced to the classes of their last part.
func classWeights(css string, m map[string]bool) {
	css = cssComment.ReplaceAllString(css, " ")
	for _, rule := range strings.Split(css, "}") {
		open := strings.LastIndexByte(rule, '{')
		if open < 0 {
			continue
		}
		bold, ok := styleBold(rule[open+1:])
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

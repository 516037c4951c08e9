package html

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html"

	"drucksache/extract/layout"
)

// bulletRunes are the characters office exports print at the start of a list item.
const bulletRunes = "–—-•·▪■◦●○*►➢✓→"

// hasBullet reports whether a list item's text already starts with its bullet or number.
func hasBullet(text string) bool {
	r, size := utf8.DecodeRuneInString(text)
	if strings.ContainsRune(bulletRunes, r) && (size == len(text) || text[size] == ' ') {
		return true
	}
	if len(text) > 2 && text[0] >= 'a' && text[0] <= 'z' && text[1] == ')' && text[2] == ' ' {
		return true
	}
	i := 0
	for i < len(text) && i < 4 && text[i] >= '0' && text[i] <= '9' {
		i++
	}
	return i > 0 && i < len(text) && (text[i] == '.' || text[i] == ')')
}

// list reads <ul> and <ol>: each item a line that starts with its bullet or number.
func (w *walker) list(n *html.Node, c scope, style string) {
	w.flush()
	w.brk = true
	ordered := n.Data == "ol"
	kind := listKind(style, attr(n, "type"), ordered)
	num := 1
	if s, err := strconv.Atoi(strings.TrimSpace(attr(n, "start"))); err == nil && s > -1e6 && s < 1e6 {
		num = s
	}
	var seen siblings
	c.block = c.path
	for ch := n.FirstChild; ch != nil && w.err == nil; ch = ch.NextSibling {
		switch ch.Type {
		case html.TextNode:
			w.text(ch.Data, c)
		case html.ElementNode:
			index := seen.next(ch.Data)
			if ch.Data != "li" {
				w.element(ch, c, index)
				continue
			}
			if v, err := strconv.Atoi(strings.TrimSpace(attr(ch, "value"))); err == nil && v > -1e6 && v < 1e6 {
				num = v
			}
			own := listKind(strings.ToLower(attr(ch, "style")), attr(ch, "type"), false)
			if own == "" {
				own = kind
			}
			bullet, ic := bullet(own, num), c
			if noteID.MatchString(attr(ch, "id")) { // a footnote list (Pandoc, Markdown): ¹ Text
				bullet, _ = superscript(strconv.Itoa(num))
				ic.role = layout.RoleFootnote
			}
			w.item(ch, ic, index, bullet)
			num++
		}
	}
	w.flush()
	w.brk = true
}

// item reads one list item with the bullet or number it prints.
func (w *walker) item(n *html.Node, c scope, index int, bullet string) {
	c, _ = w.enter(n, c, index)
	w.block(n, c, bullet)
}

// listKind names the marker style of a list from its list-style and type attribute; "" when neither says.
func listKind(style, typ string, ordered bool) string {
	for _, decl := range strings.Split(style, ";") {
		prop, val, ok := strings.Cut(decl, ":")
		prop = strings.TrimSpace(prop)
		if !ok || (prop != "list-style-type" && prop != "list-style") {
			continue
		}
		val = strings.TrimSpace(strings.ReplaceAll(val, "!important", ""))
		if q := strings.IndexAny(val, `"'`); q >= 0 {
			if e := strings.IndexByte(val[q+1:], val[q]); e >= 0 {
				return "=" + strings.TrimSpace(val[q+1:q+1+e])
			}
		}
		for _, f := range strings.Fields(val) {
			switch f {
			case "none", "disc", "circle", "square", "decimal", "lower-alpha", "lower-latin", "upper-alpha",
				"upper-latin", "lower-roman", "upper-roman":
				return f
			}
		}
	}
	switch typ {
	case "1":
		return "decimal"
	case "a":
		return "lower-alpha"
	case "A":
		return "upper-alpha"
	case "i":
		return "lower-roman"
	case "I":
		return "upper-roman"
	}
	switch strings.ToLower(typ) {
	case "disc", "circle", "square":
		return strings.ToLower(typ)
	}
	if ordered {
		return "decimal"
	}
	return ""
}

// bullet prints the marker of list item num in a list of the given kind, as a browser shows it, except
// that lower-case letters and numerals end in ")" as in German print.
func bullet(kind string, num int) string {
	switch kind {
	case "none":
		return ""
	case "circle":
		return "◦"
	case "square":
		return "▪"
	case "decimal":
		return strconv.Itoa(num) + "."
	case "lower-alpha", "lower-latin": // German documents print a), b); exports keep only <ol type=a>
		return alpha(num) + ")"
	case "upper-alpha", "upper-latin":
		return strings.ToUpper(alpha(num)) + "."
	case "lower-roman":
		return strings.ToLower(roman(num)) + ")"
	case "upper-roman":
		return roman(num) + "."
	}
	if strings.HasPrefix(kind, "=") {
		return kind[1:]
	}
	return "•"
}

// alpha writes n as a, b, …, z, aa, ab, …
func alpha(n int) string {
	if n < 1 {
		return strconv.Itoa(n)
	}
	s := ""
	for n > 0 {
		n--
		s = string(rune('a'+n%26)) + s
		n /= 26
	}
	return s
}

// roman writes n in Roman numerals (1 to 3999).
func roman(n int) string {
	if n < 1 || n > 3999 {
		return strconv.Itoa(n)
	}
	vals := []int{1000, 900, 500, 400, 100, 90, 50, 40, 10, 9, 5, 4, 1}
	syms := []string{"M", "CM", "D", "CD", "C", "XC", "L", "XL", "X", "IX", "V", "IV", "I"}
	var b strings.Builder
	for i, v := range vals {
		for n >= v {
			b.WriteString(syms[i])
			n -= v
		}
	}
	return b.String()
}

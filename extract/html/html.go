package html

import (
	"bytes"
	"context"
	"fmt"

	"github.com/PuerkitoBio/goquery"
	"golang.org/x/net/html"

	drucksache "drucksache"
	"drucksache/extract/layout"
)

// stage names the reader in its errors: the format, as extract.FormatHTML.
const stage = "html"

// Reader reads HTML exported by office programs (LibreOffice, Word) or saved from a document portal.
//
// It decodes the bytes from the declared charset, parses them with goquery, and hands over one
// Line per printed block (paragraph, heading, list item, table row) with its source line and
// element path; questions are recognised later by the structure parser from the Bold flag.
type Reader struct {
	Limits layout.Limits // a zero field means its default
}

// Read turns HTML bytes into the printed lines of the page.
func (r Reader) Read(ctx context.Context, name string, data []byte) (*layout.Layout, error) {
	if int64(len(data)) > r.Limits.OrDefaults().MaxBytes {
		return nil, &layout.Error{File: name, Stage: stage, Err: fmt.Errorf("%w: %d bytes", layout.ErrTooLarge, len(data))}
	}
	if err := ctx.Err(); err != nil {
		return nil, &layout.Error{File: name, Stage: stage, Err: err}
	}
	src, enc, warnings := decode(data)
	root, warn, err := parse(src)
	if err != nil {
		err.File = name
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, &layout.Error{File: name, Stage: stage, Err: err}
	}
	if warn != nil {
		warnings = append(warnings, *warn)
	}
	if w, ok := truncated(src); ok {
		warnings = append(warnings, w)
	}
	doc := goquery.NewDocumentFromNode(root)
	body := doc.Find("body").First()
	if body.Length() == 0 {
		return nil, &layout.Error{File: name, Stage: stage, Err: fmt.Errorf("%w: the HTML has no <body> (a frameset?)", layout.ErrNoText)}
	}
	w := &walker{ctx: ctx, page: 1, brk: true}
	doc.Find("style").Each(func(_ int, s *goquery.Selection) {
		classWeights(s.Text(), w.classWeights())
	})
	bodyNode := body.Get(0)
	c := scope{path: &path{tag: "body"}, line: lineOf(bodyNode)}
	c.block = c.path
	w.anchor = c.line
	w.children(bodyNode, c)
	w.flush()
	if w.err != nil {
		return nil, &layout.Error{File: name, Line: w.curLine, Stage: stage, Err: w.err}
	}
	if !hasBody(w.lines) {
		return nil, &layout.Error{File: name, Line: c.line, Stage: stage, Err: fmt.Errorf("%w: the <body> holds no text", layout.ErrNoText)}
	}
	if w.web != "" {
		w.warnings = append(w.warnings, drucksache.Warning{Code: drucksache.WarnWebPage,
			Message:    "navigation or form elements (" + w.web + "): a web page, perhaps not a Drucksache",
			Provenance: drucksache.Provenance{Page: 1, Line: w.webLine}})
	}
	return &layout.Layout{Lines: w.lines, Pages: w.page, Encoding: enc, Warnings: append(warnings, w.warnings...), WebPage: w.web != ""}, nil
}

// hasBody reports whether any line is running text or a table row rather than page furniture.
func hasBody(lines []layout.Line) bool {
	for _, l := range lines {
		if l.Role == layout.RoleBody || l.Role == layout.RoleFootnote {
			return true
		}
	}
	return false
}

// truncated warns when a document that opens <html> never closes it: the file was probably cut off.
func truncated(src []byte) (drucksache.Warning, bool) {
	head := src
	if len(head) > 4096 {
		head = head[:4096]
	}
	if !bytes.Contains(bytes.ToLower(head), []byte("<html")) {
		return drucksache.Warning{}, false
	}
	tail := src
	if len(tail) > 4096 {
		tail = tail[len(tail)-4096:]
	}
	if bytes.Contains(bytes.ToLower(tail), []byte("</html")) {
		return drucksache.Warning{}, false
	}
	last := bytes.Count(src, []byte("\n")) + 1
	return drucksache.Warning{
		Code:       drucksache.WarnTruncated,
		Message:    "the HTML ends without </html>: the file may be truncated, text after its end is missing",
		Provenance: drucksache.Provenance{Page: 0, Line: last},
	}, true
}

// lineOf returns the source line recorded on an element by annotate, 0 when it has none.
func lineOf(n *html.Node) int {
	for _, a := range n.Attr {
		if a.Key == lineAttr {
			v := 0
			for i := 0; i < len(a.Val); i++ {
				if a.Val[i] < '0' || a.Val[i] > '9' || v > 1<<40 {
					return 0
				}
				v = v*10 + int(a.Val[i]-'0')
			}
			return v
		}
	}
	return 0
}

package extract

import (
	"bytes"
	"context"
	"fmt"

	drucksache "drucksache"

	"github.com/PuerkitoBio/goquery"
	"golang.org/x/net/html"
)

// HTML reads HTML exported by office programs (LibreOffice, Word) or saved from a document portal.
//
// It decodes the bytes from the declared charset, parses them with goquery, and hands over one
// Line per printed block (paragraph, heading, list item, table row) with its source line and
// element path; questions are recognised later by the structure parser from the Bold flag.
type HTML struct{}

// Read turns HTML bytes into the printed lines of the page.
func (HTML) Read(ctx context.Context, name string, data []byte) (*Layout, error) {
	if int64(len(data)) > DefaultLimits.MaxBytes {
		return nil, &Error{File: name, Stage: FormatHTML, Err: fmt.Errorf("%w: %d bytes", ErrTooLarge, len(data))}
	}
	if err := ctx.Err(); err != nil {
		return nil, &Error{File: name, Stage: FormatHTML, Err: err}
	}
	src, enc, warnings := htmlDecode(data)
	root, warn, err := htmlParse(src)
	if err != nil {
		err.File = name
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, &Error{File: name, Stage: FormatHTML, Err: err}
	}
	if warn != nil {
		warnings = append(warnings, *warn)
	}
	if w, ok := htmlTruncated(src); ok {
		warnings = append(warnings, w)
	}
	doc := goquery.NewDocumentFromNode(root)
	body := doc.Find("body").First()
	if body.Length() == 0 {
		return nil, &Error{File: name, Stage: FormatHTML, Err: fmt.Errorf("%w: the HTML has no <body> (a frameset?)", ErrNoText)}
	}
	w := &htmlWalker{ctx: ctx, page: 1, brk: true}
	doc.Find("style").Each(func(_ int, s *goquery.Selection) {
		htmlClassWeights(s.Text(), w.classWeights())
	})
	bodyNode := body.Get(0)
	c := htmlCtx{path: &htmlPath{tag: "body"}, line: htmlLineOf(bodyNode)}
	c.block = c.path
	w.anchor = c.line
	w.children(bodyNode, c)
	w.flush()
	if w.err != nil {
		return nil, &Error{File: name, Line: w.curLine, Stage: FormatHTML, Err: w.err}
	}
	if !htmlHasBody(w.lines) {
		return nil, &Error{File: name, Line: c.line, Stage: FormatHTML, Err: fmt.Errorf("%w: the <body> holds no text", ErrNoText)}
	}
	if w.web != "" {
		w.warnings = append(w.warnings, drucksache.Warning{Code: drucksache.WarnWebPage,
			Message:    "navigation or form elements (" + w.web + "): a web page, perhaps not a Drucksache",
			Provenance: drucksache.Provenance{Page: 1, Line: w.webLine}})
	}
	return &Layout{Lines: w.lines, Pages: w.page, Encoding: enc, Warnings: append(warnings, w.warnings...)}, nil
}

// htmlHasBody reports whether any line is running text or a table row rather than page furniture.
func htmlHasBody(lines []Line) bool {
	for _, l := range lines {
		if l.Role == RoleBody || l.Role == RoleFootnote {
			return true
		}
	}
	return false
}

// htmlTruncated warns when a document that opens <html> never closes it: the file was probably cut off.
func htmlTruncated(src []byte) (drucksache.Warning, bool) {
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

// htmlLineOf returns the source line recorded on an element by htmlAnnotate, 0 when it has none.
func htmlLineOf(n *html.Node) int {
	for _, a := range n.Attr {
		if a.Key == htmlLineAttr {
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

package html

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/charset"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"

	drucksache "drucksache"
	"drucksache/extract/internal/encguess"
	"drucksache/extract/layout"
	"drucksache/internal/lazyre"
)

// lineAttr is the attribute annotate adds to every start tag to carry its source line into the tree.
const lineAttr = "data-drucksache-line"

// nestLimit is how deep annotate lets elements nest when x/net/html rejected the document as too deep
// (it refuses more than 512 open elements); deeper tags are dropped, their text kept.
const nestLimit = 256

// metaScan is how many leading bytes are searched for a <meta> charset declaration.
const metaScan = 64 << 10

// decode returns the document as UTF-8, the encoding it was decoded from when not UTF-8, and what it noticed.
//
// The declared charset (BOM, <meta charset>, http-equiv Content-Type) decides, unless the bytes contradict it:
// a page declared windows-1252 whose bytes are valid UTF-8 with non-ASCII letters is read as UTF-8, and one
// declared UTF-8 that mostly is not is read as windows-1252, each with a warning.
func decode(data []byte) ([]byte, string, []drucksache.Warning) {
	var warnings []drucksache.Warning
	warn := func(code drucksache.WarningCode, line int, format string, args ...any) {
		warnings = append(warnings, drucksache.Warning{Code: code, Message: fmt.Sprintf(format, args...),
			Provenance: drucksache.Provenance{Line: line}})
	}
	switch {
	case bytes.HasPrefix(data, []byte("\xef\xbb\xbf")):
		return validUTF8(data[3:], warn), "", warnings
	case bytes.HasPrefix(data, []byte("\xff\xfe")), bytes.HasPrefix(data, []byte("\xfe\xff")):
		name := "utf-16le"
		if data[0] == 0xfe {
			name = "utf-16be"
		}
		out, err := unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM).NewDecoder().Bytes(data)
		if err == nil {
			warn(drucksache.WarnEncoding, 0, "decoded as %s (byte order mark)", name)
			return out, name, warnings
		}
	}
	if order, ok := encguess.UTF16Guess(data); ok {
		name := "utf-16le"
		if order == unicode.BigEndian {
			name = "utf-16be"
		}
		out, err := unicode.UTF16(order, unicode.IgnoreBOM).NewDecoder().Bytes(data)
		if err == nil {
			warn(drucksache.WarnEncoding, 0, "decoded as %s (no byte order mark: guessed from the zero bytes)", name)
			return out, name, warnings
		}
	}
	label, line := declaredCharset(data)
	var enc encoding.Encoding
	name := ""
	if label != "" {
		enc, name = charset.Lookup(label)
		switch {
		case enc == nil:
			warn(drucksache.WarnEncoding, line, "unknown charset %q declared; guessing from the bytes", label)
		case name == "utf-16le" || name == "utf-16be":
			enc, name = nil, "utf-8" // without a byte order mark, a declared UTF-16 means UTF-8 (HTML standard)
		}
	}
	multi, invalid := encguess.UTF8Stats(data)
	switch {
	case name == "utf-8":
		if invalid > 0 && invalid >= multi {
			warn(drucksache.WarnEncoding, line, "declared UTF-8 but %d byte sequences are not UTF-8: decoded as windows-1252", invalid)
			return decodeWith(charmap.Windows1252, data), "windows-1252", warnings
		}
		return validUTF8(data, warn), "", warnings
	case enc != nil:
		if multi > 0 && invalid == 0 {
			warn(drucksache.WarnEncoding, line, "declared %s but the bytes are UTF-8: decoded as UTF-8", name)
			return data, "", warnings
		}
		out, err := enc.NewDecoder().Bytes(data)
		if err != nil {
			warn(drucksache.WarnEncoding, line, "cannot decode as declared %s (%v): decoded as windows-1252", name, err)
			return decodeWith(charmap.Windows1252, data), "windows-1252", warnings
		}
		if label != name {
			warn(drucksache.WarnEncoding, line, "decoded as %s (declared %q)", name, label)
		} else {
			warn(drucksache.WarnEncoding, line, "decoded as %s", name)
		}
		return out, name, warnings
	}
	if invalid == 0 || multi > invalid {
		return validUTF8(data, warn), "", warnings
	}
	warn(drucksache.WarnEncoding, 0, "no charset declared and the bytes are not UTF-8: decoded as windows-1252")
	return decodeWith(charmap.Windows1252, data), "windows-1252", warnings
}

// validUTF8 replaces invalid UTF-8 sequences with U+FFFD and says how many there were.
func validUTF8(data []byte, warn func(drucksache.WarningCode, int, string, ...any)) []byte {
	if utf8.Valid(data) {
		return data
	}
	_, invalid := encguess.UTF8Stats(data)
	warn(drucksache.WarnEncoding, 0, "%d invalid UTF-8 byte sequences replaced by U+FFFD", invalid)
	return bytes.ToValidUTF8(data, []byte("\uFFFD"))
}

// decodeWith decodes single-byte text; charmap decoders never fail.
func decodeWith(e *charmap.Charmap, data []byte) []byte {
	out, err := e.NewDecoder().Bytes(data)
	if err != nil {
		return bytes.ToValidUTF8(data, []byte("\uFFFD"))
	}
	return out
}

// xmlEncoding matches the encoding of an XML declaration, which XHTML exports write before any <meta>.
var xmlEncoding = lazyre.New(`^\s*<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9._:-]+)["']`)

// declaredCharset finds the charset label of the first <meta charset> or http-equiv Content-Type, with its line;
// failing those, the encoding of an XML declaration.
func declaredCharset(data []byte) (string, int) {
	head := data
	if len(head) > metaScan {
		head = head[:metaScan]
	}
	label, line := metaCharset(head)
	if label == "" {
		if m := xmlEncoding.FindSubmatch(head[:min(len(head), 256)]); m != nil {
			return string(m[1]), 1
		}
	}
	return label, line
}

// metaCharset finds the charset label of the first <meta charset> or http-equiv Content-Type, with its line.
func metaCharset(head []byte) (string, int) {
	z := html.NewTokenizer(bytes.NewReader(head))
	line := 1
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			return "", 0
		}
		raw := z.Raw()
		at := line
		line += bytes.Count(raw, []byte("\n"))
		if tt != html.StartTagToken && tt != html.SelfClosingTagToken {
			continue
		}
		name, hasAttr := z.TagName()
		switch string(name) {
		case "body":
			return "", 0
		case "meta":
		default:
			continue
		}
		var cs, equiv, content string
		for hasAttr {
			var k, v []byte
			k, v, hasAttr = z.TagAttr()
			switch string(k) {
			case "charset":
				cs = string(v)
			case "http-equiv":
				equiv = string(v)
			case "content":
				content = string(v)
			}
		}
		if cs = strings.TrimSpace(cs); cs != "" {
			return cs, at
		}
		if strings.EqualFold(strings.TrimSpace(equiv), "content-type") {
			if cs := contentCharset(content); cs != "" {
				return cs, at
			}
		}
	}
}

// contentCharset takes the charset parameter out of a Content-Type value ("text/html; charset=utf-8").
func contentCharset(content string) string {
	i := strings.Index(strings.ToLower(content), "charset")
	if i < 0 {
		return ""
	}
	rest := strings.TrimLeft(content[i+len("charset"):], " \t")
	if !strings.HasPrefix(rest, "=") {
		return ""
	}
	rest = strings.Trim(strings.TrimLeft(rest[1:], " \t"), `"'`)
	if j := strings.IndexAny(rest, `;"' `); j >= 0 {
		rest = rest[:j]
	}
	return rest
}

// parse parses UTF-8 HTML into a tree whose elements carry their source line in lineAttr.
// When x/net/html rejects the nesting as too deep, it parses again with the deepest tags dropped and warns.
func parse(src []byte) (*html.Node, *drucksache.Warning, *layout.Error) {
	annotated, _ := annotate(src, 0)
	root, err := html.Parse(bytes.NewReader(annotated))
	if err == nil {
		return root, nil, nil
	}
	flat, deep := annotate(src, nestLimit)
	root, err2 := html.Parse(bytes.NewReader(flat))
	if err2 != nil || deep == 0 {
		return nil, nil, &layout.Error{Line: deep, Stage: stage, Err: fmt.Errorf("cannot parse HTML: %v", err)}
	}
	return root, &drucksache.Warning{
		Code:       drucksache.WarnDeepNesting,
		Message:    fmt.Sprintf("elements nested deeper than %d levels (%v): their tags were ignored, their text kept", nestLimit, err),
		Provenance: drucksache.Provenance{Line: deep},
	}, nil
}

// void lists the elements that never have an end tag.
var void = map[string]bool{"area": true, "base": true, "br": true, "col": true, "embed": true, "hr": true,
	"img": true, "input": true, "link": true, "meta": true, "param": true, "source": true, "track": true,
	"wbr": true, "keygen": true, "basefont": true, "bgsound": true, "frame": true, "image": true}

// annotate copies src with the source line of every start tag written into it as lineAttr:
// x/net/html nodes carry no position, and an attribute survives every rearrangement of the tree.
//
// With limit > 0 it also drops start and end tags nested deeper than limit (counted on a simple
// stack of open tags) and returns the line of the first one dropped.
func annotate(src []byte, limit int) ([]byte, int) {
	var out bytes.Buffer
	out.Grow(len(src) + len(src)/8)
	type open struct {
		name    string
		dropped bool
	}
	var stack []open
	deep := 0
	z := html.NewTokenizer(bytes.NewReader(src))
	line := 1
	for {
		tt := z.Next()
		raw := z.Raw()
		at := line
		line += bytes.Count(raw, []byte("\n"))
		switch tt {
		case html.ErrorToken:
			// At io.EOF raw holds what was left unread (an unfinished tag), which the parser drops too;
			// a bytes.Reader has no other errors.
			out.Write(raw)
			return out.Bytes(), deep
		case html.StartTagToken, html.SelfClosingTagToken:
			k := nameEnd(raw)
			pre := out.Len()
			out.Write(raw[:k])
			out.WriteString(` ` + lineAttr + `="` + strconv.Itoa(at) + `"`)
			out.Write(raw[k:])
			if limit <= 0 {
				continue
			}
			name, _ := z.TagName()
			if tt == html.SelfClosingTagToken || void[string(name)] {
				if len(stack) >= limit {
					out.Truncate(pre)
				}
				continue
			}
			drop := len(stack) >= limit
			if drop {
				out.Truncate(pre)
				if deep == 0 {
					deep = at
				}
			}
			stack = append(stack, open{string(name), drop})
		case html.EndTagToken:
			if limit <= 0 {
				out.Write(raw)
				continue
			}
			name, _ := z.TagName()
			drop := false
			for i := len(stack) - 1; i >= 0 && i >= len(stack)-1024; i-- {
				if stack[i].name == string(name) {
					drop = stack[i].dropped
					stack = stack[:i]
					break
				}
			}
			if !drop {
				out.Write(raw)
			}
		default:
			out.Write(raw)
		}
	}
}

// nameEnd returns the offset just past the tag name of a raw start tag ("<p" in `<p class="x">`).
func nameEnd(raw []byte) int {
	for i := 1; i < len(raw); i++ {
		switch raw[i] {
		case ' ', '\t', '\n', '\r', '\f', '/', '>':
			return i
		}
	}
	return len(raw)
}

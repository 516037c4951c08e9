package text

import (
	"bytes"
	"context"
	"fmt"
	"strconv"
	"strings"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"

	drucksache "drucksache"
	"drucksache/extract/internal/encguess"
	"drucksache/extract/layout"
	"drucksache/extract/profile"
	"drucksache/internal/lazyre"
)

// Reader reads plain text in both forms found in practice: clean text with blank lines between
// paragraphs and tab-separated tables, and text another tool dumped from the PDF, with running
// headers, page numbers, footnotes at page ends and words hyphenated at line ends.
//
// Reader marks what it recognises (headers, page numbers, footnotes, table cells) and leaves the
// printed text alone: joining hyphenated words and paragraphs is the structure parser's job,
// the same for every format.
type Reader struct{}

// Read decodes data (UTF-8, UTF-16 or Windows-1252, as the bytes say; see decode) and splits it into lines.
func (Reader) Read(ctx context.Context, name string, data []byte) (*layout.Layout, error) {
	s, enc, note, err := decode(data)
	if err != nil {
		return nil, &layout.Error{File: name, Stage: "txt", Err: err}
	}
	out := &layout.Layout{Encoding: enc}
	if note != "" {
		out.Warnings = append(out.Warnings, drucksache.Warning{Code: drucksache.WarnEncoding, Message: note})
	}
	out.Lines, out.Pages = Lines(s)
	markFootnotes(out.Lines)
	return out, nil
}

// decode returns data as a string, the encoding it was decoded from when not UTF-8, and a note for
// the encoding warning when the bytes were not clean UTF-8. Every file is decided on its own bytes:
//
//   - a byte order mark decides (UTF-8, UTF-16LE, UTF-16BE);
//   - without one, text whose every other byte is zero is UTF-16 of that byte order;
//   - bytes that are mostly valid UTF-8 (more valid multi-byte sequences than invalid bytes) are
//     UTF-8, the invalid bytes replaced by U+FFFD: one stray byte does not turn a file into Windows-1252;
//   - else Windows-1252 (a superset of Latin-1's printable characters).
//
// Binary data (NUL bytes, more than 1% control characters) is refused.
func decode(data []byte) (text, name, note string, err error) {
	switch {
	case bytes.HasPrefix(data, []byte("\xef\xbb\xbf")):
		data = data[3:]
	case bytes.HasPrefix(data, []byte("\xff\xfe")):
		return decodeUTF16(data[2:], unicode.LittleEndian, "utf-16le", "byte order mark")
	case bytes.HasPrefix(data, []byte("\xfe\xff")):
		return decodeUTF16(data[2:], unicode.BigEndian, "utf-16be", "byte order mark")
	default:
		if order, ok := encguess.UTF16Guess(data); ok {
			if order == unicode.BigEndian {
				return decodeUTF16(data, order, "utf-16be", "no byte order mark: every other byte is zero")
			}
			return decodeUTF16(data, order, "utf-16le", "no byte order mark: every other byte is zero")
		}
	}
	if bytes.IndexByte(data, 0) >= 0 || controlShare(data) > 0.01 {
		return "", "", "", layout.ErrNotText
	}
	multi, invalid := encguess.UTF8Stats(data)
	switch {
	case invalid == 0:
		return string(data), "", "", nil
	case multi > invalid:
		return string(bytes.ToValidUTF8(data, []byte("\uFFFD"))), "",
			fmt.Sprintf("the file is UTF-8 with %d invalid byte sequences (beside %d valid non-ASCII characters): replaced by U+FFFD", invalid, multi), nil
	}
	out, err := charmap.Windows1252.NewDecoder().Bytes(data)
	if err != nil {
		return "", "", "", fmt.Errorf("%w: %v", layout.ErrNotText, err)
	}
	return string(out), "windows-1252", fmt.Sprintf("the file is not UTF-8 (%d invalid byte sequences, %d valid non-ASCII characters); decoded as windows-1252", invalid, multi), nil
}

// decodeUTF16 decodes UTF-16 of the given byte order (the byte order mark already cut off),
// refusing binary data as decode does; unpaired surrogates and an odd last byte become U+FFFD.
func decodeUTF16(data []byte, order unicode.Endianness, name, why string) (string, string, string, error) {
	out, err := unicode.UTF16(order, unicode.IgnoreBOM).NewDecoder().Bytes(data)
	if err != nil {
		return "", "", "", fmt.Errorf("%w: %v", layout.ErrNotText, err)
	}
	if bytes.IndexByte(out, 0) >= 0 || controlShare(out) > 0.01 {
		return "", "", "", layout.ErrNotText
	}
	return string(out), name, fmt.Sprintf("decoded as %s (%s)", name, why), nil
}

// controlShare is the share of bytes that are control characters other than tab, CR, LF and FF.
func controlShare(data []byte) float64 {
	if len(data) == 0 {
		return 0
	}
	n := 0
	for _, b := range data {
		if b < 0x20 && b != '\t' && b != '\n' && b != '\r' && b != '\f' {
			n++
		}
	}
	return float64(n) / float64(len(data))
}

// Lines splits decoded text into printed lines, as Read does before it marks the footnotes
// (tests of the parser build their lines with it): blank lines become breaks, form feeds and running headers
// start pages, tabs make table cells, `**bold**` markers of clean text set Bold. It returns the
// number of pages the form feeds make (1 without any): a line's Page also counts running headers,
// so that provenance names the page as printed.
func Lines(s string) ([]layout.Line, int) {
	lines := make([]layout.Line, 0, strings.Count(s, "\n")+1)
	page, no := 1, 0
	feeds := 0 // form feeds: the text's own page count, as source.pages reports it
	brk := true
	pad := 0      // spaces of the blank lines since the last line kept
	bold := false // inside a **…** span of clean text
	pageHasBody := false
	// endPage marks the page number printed alone at the foot of a page that ends (pdftotext
	// prints it as the page's last line, after a blank line).
	half := false // the page starts with half a running header: its other half may end it
	endPage := func() {
		n := len(lines)
		if n > 0 && footNumber(lines[n-1]) {
			lines[n-1].Role = layout.RolePageNumber
			n--
		}
		if n > 0 && half && lines[n-1].Role == layout.RoleBody && reHeaderNumber.MatchString(strings.TrimSpace(lines[n-1].Text)) {
			lines[n-1].Role = layout.RoleHeader
		}
		half = false
	}
	for len(s) > 0 {
		var raw string
		if i := strings.IndexByte(s, '\n'); i >= 0 {
			raw, s = s[:i], s[i+1:]
		} else {
			raw, s = s, ""
		}
		no++
		raw = strings.TrimSuffix(raw, "\r")
		for strings.HasPrefix(raw, "\f") {
			raw = raw[1:]
			if pageHasBody {
				endPage()
				page++
				feeds++
				pageHasBody = false
			}
		}
		// A form feed can also sit inside a line (text dumps glue the next page's header on).
		parts := []string{raw}
		if strings.IndexByte(raw, '\f') >= 0 {
			parts = strings.Split(raw, "\f")
		}
		for pi, part := range parts {
			if pi > 0 {
				endPage()
				page++
				feeds++
				pageHasBody = false
			}
			// Trailing spaces stay: in dumped text "Opfer- " (a printed hyphen) differs from
			// "Ausprägun-" (a word broken at the line end).
			text := strings.TrimRight(part, "\r")
			if strings.TrimSpace(text) == "" {
				brk = true
				pad = max(pad, strings.Count(text, " "))
				bold = false // Markdown emphasis does not cross paragraphs
				continue
			}
			l := layout.Line{Text: text, Page: page, No: no, Break: brk, PadAbove: pad}
			// Clean text marks bold with ** (Markdown); it spans lines.
			t := strings.TrimSpace(text)
			startBold := len(t) > 2 && strings.HasPrefix(t, "**") && t[2] != ' ' && t[2] != '*'
			if startBold && !strings.Contains(t[2:], "**") && !strings.Contains(s[:min(len(s), 400)], "**") {
				startBold = false // a lone "**" is a footnote sign, not emphasis
			}
			if startBold {
				t = strings.TrimPrefix(t, "**")
				bold = true
			}
			isBold := bold
			if bold && strings.HasSuffix(t, "**") {
				t = strings.TrimSuffix(t, "**")
				bold = false
				if strings.TrimSpace(t) == "" {
					continue // the line only closed the emphasis: no text of its own
				}
			}
			if startBold || isBold {
				l.Bold = layout.Yes
				l.Text = t
			}
			if tr := strings.TrimRight(text, " \t"); strings.Contains(tr, "\t") {
				cells := strings.Split(tr, "\t")
				for i := range cells {
					cells[i] = strings.TrimSpace(cells[i])
				}
				l.Cells = cells
				l.Text = strings.Join(cells, "\t")
			}
			if !pageHasBody && feeds > 0 && reHalfHeader.MatchString(strings.Join(strings.Fields(t), " ")) {
				// a landscape page turned by /Rotate, dumped by pdftotext: the header's halves at its top and foot
				l.Role = layout.RoleHeader
				half = true
			} else if isRunningHeader(t) {
				if pageHasBody && len(lines) > 0 {
					page++
					l.Page = page
				}
				l.Role = layout.RoleHeader
			} else if len(lines) > 0 && lines[len(lines)-1].Role == layout.RoleHeader && isPageNumber(t) {
				l.Role = layout.RolePageNumber
			}
			pageHasBody = true
			lines = append(lines, l)
			brk = false
			pad = 0
		}
	}
	if feeds > 0 {
		endPage()
	}
	return lines, feeds + 1
}

// footNumber reports a line that is the number of its page printed alone at the page's foot: a
// paragraph of its own whose number is the page's.
func footNumber(l layout.Line) bool {
	t := strings.TrimSpace(l.Text)
	return l.Role == layout.RoleBody && l.Break && l.Cells == nil && isPageNumber(t) &&
		strings.Trim(strings.TrimPrefix(t, "Seite "), "-–— ") == strconv.Itoa(l.Page)
}

var (
	// reHalfHeader is the first half of a running header, printed alone: "Niedersächsischer
	// Landtag – 19. Wahlperiode".
	reHalfHeader = lazyre.New(`^\S.{0,60}(?:Landtag|Bundestag|Bürgerschaft|Abgeordnetenhaus) [–-] \d{1,2}\. Wahlperiode$`)
	// reHeaderNumber is its other half: "Drucksache 19/8840".
	reHeaderNumber = lazyre.New(`^Drucksache \d{1,2}\s?/\s?\d{1,6}$`)
)

// isRunningHeader reports whether t is a running page header naming the parliament, the
// Wahlperiode and the Drucksache ("Niedersächsischer Landtag – 19. Wahlperiode Drucksache 19/11277",
// "Drucksache 21/7449 – 2 – Deutscher Bundestag – 21. Wahlperiode").
func isRunningHeader(t string) bool {
	if strings.Contains(t, "  ") {
		t = strings.Join(strings.Fields(t), " ") // a dump's layout spreads a header across the page's width
	}
	if profile.Header(t) {
		return true // a header a parliament's profile knows
	}
	if len(t) > 140 || strings.IndexByte(t, '/') < 0 || !strings.Contains(t, "Wahlperiode") {
		return false
	}
	i := strings.Index(t, "Drucksache ")
	if i < 0 {
		return false
	}
	rest := t[i+len("Drucksache "):]
	return len(rest) > 2 && rest[0] >= '0' && rest[0] <= '9' && strings.Contains(rest, "/") &&
		(strings.Contains(t, "Landtag") || strings.Contains(t, "Bundestag") || strings.Contains(t, "Bürgerschaft") || strings.Contains(t, "Abgeordnetenhaus"))
}

// isPageNumber reports whether t is a page number printed alone ("3", "- 3 -", "– 3 –", "Seite 3").
func isPageNumber(t string) bool {
	t = strings.TrimSpace(strings.TrimPrefix(t, "Seite "))
	t = strings.Trim(t, "-–— ")
	if t == "" || len(t) > 4 {
		return false
	}
	for _, r := range t {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

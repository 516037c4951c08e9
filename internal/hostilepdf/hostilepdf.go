// Package hostilepdf makes the hostile PDFs the memory tests read (isolate, cmd/drucksache): files
// of endless text held in few bytes (5 000 pages drawing one stream, compression bombs, one stream
// referenced 5 000 times) and large ones written straight to a file, from code, so that nothing big
// is committed.
package hostilepdf

import (
	"bufio"
	"bytes"
	"compress/zlib"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// Writer writes a PDF object by object to a file, with its cross-reference table at the end:
// the generator of the large hostile files, which are never held in memory whole.
type Writer struct {
	w    *bufio.Writer
	off  int64
	offs map[int]int64
	err  error
}

func NewWriter(w io.Writer) *Writer {
	p := &Writer{w: bufio.NewWriterSize(w, 1<<20), offs: map[int]int64{}}
	p.printf("%%PDF-1.4\n")
	return p
}

func (p *Writer) printf(format string, args ...any) {
	if p.err == nil {
		var n int
		n, p.err = fmt.Fprintf(p.w, format, args...)
		p.off += int64(n)
	}
}

func (p *Writer) write(b []byte) {
	if p.err == nil {
		var n int
		n, p.err = p.w.Write(b)
		p.off += int64(n)
	}
}

// Object writes object n with the given body.
func (p *Writer) Object(n int, body string) {
	p.offs[n] = p.off
	p.printf("%d 0 obj\n%s\nendobj\n", n, body)
}

// Stream writes object n as a stream of the given dictionary entries and data.
func (p *Writer) Stream(n int, dict string, data []byte) {
	p.offs[n] = p.off
	p.printf("%d 0 obj\n<< %s /Length %d >>\nstream\n", n, dict, len(data))
	p.write(data)
	p.printf("\nendstream\nendobj\n")
}

// Finish writes the cross-reference table and trailer with catalog 1.
func (p *Writer) Finish() error {
	size := 0
	for n := range p.offs {
		size = max(size, n+1)
	}
	xref := p.off
	p.printf("xref\n0 %d\n0000000000 65535 f \n", size)
	for n := 1; n < size; n++ {
		if off, ok := p.offs[n]; ok {
			p.printf("%010d 00000 n \n", off)
		} else {
			p.printf("0000000000 65535 f \n")
		}
	}
	p.printf("trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n", size, xref)
	if p.err != nil {
		return p.err
	}
	return p.w.Flush()
}

// PageTree writes the catalog (1), the page tree (2) and pages from object 100 on, each drawing the
// content streams contents(i) names, with Helvetica as /F1 (object 3).
func (p *Writer) PageTree(pages int, contents func(i int) string) {
	p.Object(1, "<< /Type /Catalog /Pages 2 0 R >>")
	var kids strings.Builder
	for i := range pages {
		fmt.Fprintf(&kids, "%d 0 R ", 100+i)
	}
	p.Object(2, fmt.Sprintf("<< /Type /Pages /Count %d /Kids [%s] >>", pages, kids.String()))
	p.Object(3, "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
	for i := range pages {
		p.Object(100+i, fmt.Sprintf("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> /Contents %s >>", contents(i)))
	}
}

// TextOps is a content stream of n lines of text.
func TextOps(n int) []byte {
	var b bytes.Buffer
	b.WriteString("BT /F1 9 Tf\n")
	for i := range n {
		fmt.Fprintf(&b, "1 0 0 1 40 %d Tm (Zeile %d: Die Landesregierung beantwortet die Anfrage wie folgt.) Tj\n", 800-i%78*10, i)
	}
	b.WriteString("ET\n")
	return b.Bytes()
}

// MemoryCase is a hostile file and its generator, which writes it to w.
type MemoryCase struct {
	Name  string
	Large bool // large enough to leave out of short test runs
	Make  func(w io.Writer) error
}

func MemoryCases() []MemoryCase {
	return []MemoryCase{
		{"5 000 pages sharing one text stream", false, func(w io.Writer) error {
			p := NewWriter(w)
			p.PageTree(5000, func(int) string { return "4 0 R" })
			p.Stream(4, "", TextOps(3000))
			return p.Finish()
		}},
		{"a flate bomb of zeros", false, func(w io.Writer) error {
			p := NewWriter(w)
			p.PageTree(1, func(int) string { return "4 0 R" })
			p.Stream(4, "/Filter /FlateDecode", Bomb(nil, make([]byte, 1<<20), 2048)) // 2 GiB
			return p.Finish()
		}},
		{"a flate bomb of text on 5 000 pages", false, func(w io.Writer) error {
			p := NewWriter(w)
			p.PageTree(5000, func(int) string { return "4 0 R" })
			unit := bytes.Repeat([]byte("1 0 0 1 40 400 Tm (AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA) Tj\n"), 1<<14)
			p.Stream(4, "/Filter /FlateDecode", Bomb([]byte("BT /F1 9 Tf\n"), unit, 1024)) // 1.4 GB of text
			return p.Finish()
		}},
		{"5 000 references to one 16 MB stream", false, func(w io.Writer) error {
			p := NewWriter(w)
			refs := strings.Repeat("4 0 R ", 5000)
			p.PageTree(1, func(int) string { return "[" + refs + "]" })
			p.Stream(4, "", TextOps(16<<20/80))
			return p.Finish()
		}},
		{"5 000 pages drawing one 16 MB stream", false, func(w io.Writer) error {
			p := NewWriter(w)
			p.PageTree(5000, func(int) string { return "4 0 R" })
			p.Stream(4, "", TextOps(16<<20/80))
			return p.Finish()
		}},
		{"540 dense pages, just within the reader's share of the limit", false, func(w io.Writer) error {
			p := NewWriter(w)
			p.PageTree(540, func(i int) string { return strconv.Itoa(10000+i) + " 0 R" })
			page := TextOps(78)
			for i := range 540 {
				p.Stream(10000+i, "", page)
			}
			return p.Finish()
		}},
		{"a 200 MB PDF of text pages", true, func(w io.Writer) error {
			p := NewWriter(w)
			p.PageTree(5000, func(i int) string { return strconv.Itoa(10000+i) + " 0 R" })
			page := TextOps(500) // 40 KB
			for i := range 5000 {
				p.Stream(10000+i, "", page)
			}
			return p.Finish()
		}},
	}
}

// Bomb is a zlib stream of head and times copies of unit, made in milliseconds however many: the
// compressed bytes of the second copy, which follows a window of the same text as every later copy
// does, are repeated. Its checksum is wrong, which a reader that stops at its limit never sees.
func Bomb(head, unit []byte, times int) []byte {
	var b bytes.Buffer
	z, _ := zlib.NewWriterLevel(&b, zlib.BestCompression)
	z.Write(head)
	z.Write(unit)
	z.Flush()
	mark := b.Len()
	z.Write(unit)
	z.Flush()
	again := bytes.Clone(b.Bytes()[mark:])
	z.Close()
	end := bytes.Clone(b.Bytes()[mark+len(again):])
	out := bytes.Clone(b.Bytes()[:mark])
	for range times - 1 {
		out = append(out, again...)
	}
	return append(out, end...)
}

package isolate

import (
	"bufio"
	"bytes"
	"compress/zlib"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// pdfWriter writes a PDF object by object to a file, with its cross-reference table at the end:
// the generator of the large hostile files, which are never held in memory whole.
type pdfWriter struct {
	w    *bufio.Writer
	off  int64
	offs map[int]int64
	err  error
}

func newPDFWriter(w io.Writer) *pdfWriter {
	p := &pdfWriter{w: bufio.NewWriterSize(w, 1<<20), offs: map[int]int64{}}
	p.printf("%%PDF-1.4\n")
	return p
}

func (p *pdfWriter) printf(format string, args ...any) {
	if p.err == nil {
		var n int
		n, p.err = fmt.Fprintf(p.w, format, args...)
		p.off += int64(n)
	}
}

func (p *pdfWriter) write(b []byte) {
	if p.err == nil {
		var n int
		n, p.err = p.w.Write(b)
		p.off += int64(n)
	}
}

// object writes object n with the given body.
func (p *pdfWriter) object(n int, body string) {
	p.offs[n] = p.off
	p.printf("%d 0 obj\n%s\nendobj\n", n, body)
}

// stream writes object n as a stream of the given dictionary entries and data.
func (p *pdfWriter) stream(n int, dict string, data []byte) {
	p.streamRepeated(n, dict, data, 1)
}

// streamRepeated writes a stream whose data is unit written times times.
func (p *pdfWriter) streamRepeated(n int, dict string, unit []byte, times int) {
	p.offs[n] = p.off
	p.printf("%d 0 obj\n<< %s /Length %d >>\nstream\n", n, dict, len(unit)*times)
	for range times {
		p.write(unit)
	}
	p.printf("\nendstream\nendobj\n")
}

// finish writes the cross-reference table and trailer with catalog 1.
func (p *pdfWriter) finish() error {
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

// pageTree writes the catalog (1), the page tree (2) and pages from object 100 on, each drawing the
// content streams contents(i) names, with Helvetica as /F1 (object 3).
func (p *pdfWriter) pageTree(pages int, contents func(i int) string) {
	p.object(1, "<< /Type /Catalog /Pages 2 0 R >>")
	var kids strings.Builder
	for i := range pages {
		fmt.Fprintf(&kids, "%d 0 R ", 100+i)
	}
	p.object(2, fmt.Sprintf("<< /Type /Pages /Count %d /Kids [%s] >>", pages, kids.String()))
	p.object(3, "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
	for i := range pages {
		p.object(100+i, fmt.Sprintf("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> /Contents %s >>", contents(i)))
	}
}

// textOps is a content stream of n lines of text.
func textOps(n int) []byte {
	var b bytes.Buffer
	b.WriteString("BT /F1 9 Tf\n")
	for i := range n {
		fmt.Fprintf(&b, "1 0 0 1 40 %d Tm (Zeile %d: Die Landesregierung beantwortet die Anfrage wie folgt.) Tj\n", 800-i%78*10, i)
	}
	b.WriteString("ET\n")
	return b.Bytes()
}

// memoryCase is a hostile file made by its generator into a folder.
type memoryCase struct {
	name  string
	large bool // minutes to make and read: left out with -short
	make  func(w io.Writer) error
}

func memoryCases() []memoryCase {
	return []memoryCase{
		{"5 000 pages sharing one text stream", false, func(w io.Writer) error {
			p := newPDFWriter(w)
			p.pageTree(5000, func(int) string { return "4 0 R" })
			p.stream(4, "", textOps(3000))
			return p.finish()
		}},
		{"a flate bomb of zeros", false, func(w io.Writer) error {
			p := newPDFWriter(w)
			p.pageTree(1, func(int) string { return "4 0 R" })
			p.stream(4, "/Filter /FlateDecode", bomb(nil, make([]byte, 1<<20), 2048)) // 2 GiB
			return p.finish()
		}},
		{"a flate bomb of text on 5 000 pages", false, func(w io.Writer) error {
			p := newPDFWriter(w)
			p.pageTree(5000, func(int) string { return "4 0 R" })
			unit := bytes.Repeat([]byte("1 0 0 1 40 400 Tm (AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA) Tj\n"), 1<<14)
			p.stream(4, "/Filter /FlateDecode", bomb([]byte("BT /F1 9 Tf\n"), unit, 1024)) // 1.4 GB of text
			return p.finish()
		}},
		{"5 000 references to one 16 MB stream", false, func(w io.Writer) error {
			p := newPDFWriter(w)
			refs := strings.Repeat("4 0 R ", 5000)
			p.pageTree(1, func(int) string { return "[" + refs + "]" })
			p.stream(4, "", textOps(16<<20/80))
			return p.finish()
		}},
		{"540 dense pages, just within the reader's share of the limit", false, func(w io.Writer) error {
			p := newPDFWriter(w)
			p.pageTree(540, func(i int) string { return strconv.Itoa(10000+i) + " 0 R" })
			page := textOps(78)
			for i := range 540 {
				p.stream(10000+i, "", page)
			}
			return p.finish()
		}},
		{"a 200 MB PDF of text pages", true, func(w io.Writer) error {
			p := newPDFWriter(w)
			p.pageTree(5000, func(i int) string { return strconv.Itoa(10000+i) + " 0 R" })
			page := textOps(500) // 40 KB
			for i := range 5000 {
				p.stream(10000+i, "", page)
			}
			return p.finish()
		}},
	}
}

// bomb is a zlib stream of head and times copies of unit, made in milliseconds however many: the
// compressed bytes of the second copy, which follows a window of the same text as every later copy
// does, are repeated. Its checksum is wrong, which a reader that stops at its limit never sees.
func bomb(head, unit []byte, times int) []byte {
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

// TestHostileMemory makes each hostile file in a child of a pool with a memory limit of 1 GiB, the
// default of run, and checks that the document is made or fails with a reason that names a limit,
// without the child crashing on it, and that the child's peak resident memory stayed within the
// limit (plus the runtime's slack). The
// child's peak is measured in a driver process of its own (the children it waited for are the
// pool's only), which the test starts for each file.
func TestHostileMemory(t *testing.T) {
	if path := os.Getenv("DRUCKSACHE_MEMORY_DRIVER"); path != "" {
		driveMemory(path)
		return
	}
	if !memoryLimited {
		t.Skip("no hard memory limit on this system")
	}
	const limit, slack = 1 << 30, 64 << 20
	for _, mc := range memoryCases() {
		t.Run(mc.name, func(t *testing.T) {
			if mc.large && testing.Short() {
				t.Skip("a large file: without -short only")
			}
			path := filepath.Join(t.TempDir(), "hostile.pdf")
			f, err := os.Create(path)
			if err != nil {
				t.Fatal(err)
			}
			if err := mc.make(f); err != nil {
				t.Fatal(err)
			}
			f.Close()
			start := time.Now()
			cmd := exec.Command(os.Args[0], "-test.run=^TestHostileMemory$")
			cmd.Env = append(os.Environ(), "DRUCKSACHE_MEMORY_DRIVER="+path)
			out, err := cmd.CombinedOutput()
			if err != nil {
				t.Fatalf("driver: %v\n%s", err, out)
			}
			m := regexp.MustCompile(`(?m)^peak (\d+) crashed (\w+) error (.*)$`).FindSubmatch(out)
			if m == nil {
				t.Fatalf("driver said\n%s", out)
			}
			peak, _ := strconv.ParseInt(string(m[1]), 10, 64)
			fi, _ := os.Stat(path)
			t.Logf("%d bytes, peak resident memory of the child %d MiB, %v: %s", fi.Size(), peak>>20, time.Since(start).Round(time.Second), m[3])
			if peak > limit+slack {
				t.Errorf("the child held %d MiB, over the limit of %d MiB", peak>>20, limit>>20)
			}
			if string(m[2]) == "true" {
				t.Errorf("the child crashed instead of stopping the document at its limit")
			}
			if msg := string(m[3]); msg != "none" && !regexp.MustCompile(`memory|limit|bomb|more than`).MatchString(msg) {
				t.Errorf("error %s names no limit", msg)
			}
		})
	}
}

// driveMemory makes the document at path in a pool child with a memory limit of 1 GiB and prints the
// child's peak resident memory and the error.
func driveMemory(path string) {
	p := &Pool{Memory: 1 << 30}
	_, err := p.Make(context.Background(), path, filepath.Dir(path), nil, 5*time.Minute)
	p.Close()
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_CHILDREN, &ru)
	msg := "none"
	if err != nil {
		msg = strings.ReplaceAll(err.Error(), "\n", " ")
	}
	var crash *CrashError
	fmt.Printf("peak %d crashed %v error %s\n", ru.Maxrss*1024, errors.As(err, &crash), msg)
}

package pdf

import (
	"bytes"
	"context"
	"os"
	"testing"
	"time"

	"drucksache/extract/layout"
	"drucksache/internal/printable"
)

// FuzzPDF feeds the PDF reader the fixture and broken variants of it. Property: no panic, and
// either an *Error or a layout whose lines lie on its pages and whose table rows all have cells.
//
// Inputs with object streams are skipped: the library loops for ever on some damaged ones, which
// only the child process of the command can stop (cmd/drucksache TestExtractIsolated tests that).
func FuzzPDF(f *testing.F) {
	fixture, err := os.ReadFile(fixturePath)
	if err != nil {
		f.Fatal(err)
	}
	text := "BT /F1 12 Tf 72 700 Td (Hallo) Tj 0 -14 Td [(W) 120 (elt)] TJ ET 72 650 m 300 650 l S"
	f.Add(fixture)
	f.Add(fixture[:len(fixture)*3/4])
	f.Add(onePage("%PDF-1.4\n", text))
	f.Add(onePage("%PDF-2.0\n", "q Q Q "+text+" BI /W 1 /H 1 ID \x00\x01 EI"))
	f.Add(onePage("%PDF-1.4\n", text+" <414243"))
	// The paths that name a cause: a /Prev chain that loops, encryption, a truncated file, forms that nest.
	page := onePage("%PDF-1.4\n", text)
	if i := bytes.LastIndex(page, []byte("startxref\n")); i > 0 {
		f.Add(withTrailer(page, "/Prev "+string(bytes.TrimSpace(page[i+len("startxref\n"):len(page)-6]))))
	}
	f.Add(withTrailer(page, "/Encrypt << /Filter /Standard /V 1 /R 2 /O <00> /U <00> /P -4 >> /ID [<01> <01>]"))
	f.Add(withTrailer(page, "/Encrypt 9 0 R"))
	f.Add(append(bytes.Clone(page[:200]), "\x00\x01\x1b[31m\xff\xfe"...))
	f.Add(buildPDF("%PDF-1.4\n",
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R 2 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /XObject << /X 5 0 R >> >> >>",
		"|/X Do "+text,
		"/Type /XObject /Subtype /Form /BBox [0 0 595 842] /Resources << /XObject << /X 5 0 R >> >>|/X Do"))
	f.Fuzz(func(t *testing.T, data []byte) {
		if bytes.Contains(data, []byte("ObjStm")) {
			t.Skip()
		}
		l, err := readFuzzed(t, data)
		if err != nil {
			return
		}
		if l.Pages < 1 {
			t.Fatalf("no error and %d pages", l.Pages)
		}
		for _, ln := range l.Lines {
			if ln.Page < 1 || ln.Page > l.Pages || ln.No < 1 {
				t.Fatalf("line %q at %d:%d of %d pages", ln.Text, ln.Page, ln.No, l.Pages)
			}
			if ln.Table > 0 && len(ln.Cells) == 0 {
				t.Fatalf("table row %q without cells", ln.Text)
			}
		}
	})
}

// readFuzzed reads data as the fuzz targets do: within 10 s, an error being an *Error whose message
// carries no raw bytes.
func readFuzzed(t *testing.T, data []byte) (*layout.Layout, error) {
	start := time.Now()
	l, err := Reader{}.Read(context.Background(), "fuzz.pdf", data)
	if time.Since(start) > 10*time.Second {
		t.Fatalf("took %v", time.Since(start))
	}
	if err != nil {
		if _, ok := err.(*layout.Error); !ok {
			t.Fatalf("err %T %v is not an *Error", err, err)
		}
		if msg := err.Error(); printable.String(msg) != msg {
			t.Fatalf("message %q carries raw bytes", msg)
		}
	}
	return l, err
}

// BenchmarkPDF reads the fixture and reports pages per second.
func BenchmarkPDF(b *testing.B) {
	data, err := os.ReadFile(fixturePath)
	if err != nil {
		b.Fatal(err)
	}
	pages := 0
	start := time.Now()
	for b.Loop() {
		l, err := Reader{}.Read(context.Background(), fixturePath, data)
		if err != nil {
			b.Fatal(err)
		}
		pages += l.Pages
	}
	b.ReportMetric(float64(pages)/time.Since(start).Seconds(), "pages/s")
}

// FuzzDiagnose: naming the encryption method and following the /Prev chain end on any bytes, and
// a cause never carries raw bytes.
func FuzzDiagnose(f *testing.F) {
	page := onePage("%PDF-1.4\n", "BT /F1 12 Tf 72 700 Td (Hallo) Tj ET")
	f.Add(page)
	f.Add(withTrailer(page, "/Encrypt << /Filter /Standard /V 4 /CF << /StdCF << /CFM /AESV2 >> >> >>"))
	f.Add(withTrailer(page, "/Encrypt 1 0 R /Prev 9"))
	f.Add([]byte("startxref 0 xref trailer << /Prev 0 >> << <<"))
	f.Fuzz(func(t *testing.T, data []byte) {
		_ = encryption(data)
		_ = xrefLoop(data)
		_ = refOnly(data)
		if c := cause(string(data)); printable.String(c) != c {
			t.Fatalf("cause %q carries raw bytes", c)
		}
	})
}

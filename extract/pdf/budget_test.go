package pdf

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strings"
	"testing"

	"drucksache/extract/layout"
)

// Under a memory limit the pages' glyphs take a share of it only: a document whose text needs more
// is an error naming the limit, read as far as the first page past it; the same document is read
// whole under a limit it fits.
func TestPDFMemoryBudget(t *testing.T) {
	fixture, err := os.ReadFile(fixturePath)
	if err != nil {
		t.Fatal(err)
	}
	whole, err := Reader{}.Read(context.Background(), "fixture.pdf", fixture)
	if err != nil {
		t.Fatal(err)
	}
	// 1 MiB more than the file leaves room for 2 731 glyphs: less than the fixture's first two pages.
	tight := int64(len(fixture)) + 1<<20
	stoppedAt := 0
	for _, workers := range []int{0, 3} { // pages read at once stop at the same page
		_, err = Reader{Limits: layout.Limits{MaxMemory: tight}, Workers: workers}.Read(context.Background(), "fixture.pdf", fixture)
		var le *layout.Error
		if !errors.Is(err, layout.ErrTooLarge) || !errors.As(err, &le) || le.Page < 1 || le.Page >= whole.Pages {
			t.Fatalf("under %d bytes, %d workers: error %v, want too large at a page before the last", tight, workers, err)
		}
		if msg := err.Error(); !strings.Contains(msg, "more than the memory limit of 1 MiB leaves room for (2731)") {
			t.Errorf("error %q does not name the limit", msg)
		}
		if stoppedAt == 0 {
			stoppedAt = le.Page
		} else if le.Page != stoppedAt {
			t.Errorf("%d workers stopped at page %d, one at page %d", workers, le.Page, stoppedAt)
		}
	}
	roomy, err := Reader{Limits: layout.Limits{MaxMemory: 1 << 30}}.Read(context.Background(), "fixture.pdf", fixture)
	if err != nil || dump(roomy.Lines) != dump(whole.Lines) {
		t.Fatalf("under 1 GiB: error %v or other lines than without a limit", err)
	}
}

// A page whose /Contents names one stream 5 000 times is read up to the limit of one stream's
// decoded bytes (64 MiB), not 5 000 times the stream, and says so.
func TestPDFContentsRepeated(t *testing.T) {
	var ops strings.Builder
	ops.WriteString("BT /F1 9 Tf ")
	for i := range 400 { // 18 KB, 92 MB 5 000 times
		fmt.Fprintf(&ops, "1 0 0 1 40 %d Tm (Zeile %d der Antwort) Tj\n", 800-i%78*10, i)
	}
	ops.WriteString("ET")
	data := buildPDF("%PDF-1.4\n",
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents ["+strings.Repeat("4 0 R ", 5000)+"] /Resources << /Font << /F1 5 0 R >> >> >>",
		"|"+ops.String(),
		"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
	l, err := Reader{}.Read(context.Background(), "repeated.pdf", data)
	if err != nil {
		t.Fatal(err)
	}
	said := false
	for _, w := range l.Warnings {
		said = said || strings.Contains(w.Message, "page's content decodes to more than 67108864 bytes")
	}
	if !said || len(l.Lines) == 0 {
		t.Errorf("warnings %v, %d lines: want the content limit named and the text read", l.Warnings, len(l.Lines))
	}
}

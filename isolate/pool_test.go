package isolate

import (
	"bytes"
	"context"
	drucksache "drucksache"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"drucksache/extract"
	"drucksache/transform"
)

// TestMain lets the test binary play the child of Pool.Extract.
func TestMain(m *testing.M) {
	ServeIfChild()
	if path := os.Getenv(parentEnv); path != "" {
		playParent(path)
	}
	os.Exit(m.Run())
}

// fixture is the corpus PDF.
var fixture = filepath.Join("..", "fixtures", "nds-19-kleine-anfrage-it-infrastruktur.pdf")

// loopingPDF is a PDF whose page tree sits in an object stream that ends inside a hex string:
// the library's object reader then reads line ends for ever and never returns.
func loopingPDF() []byte {
	var b bytes.Buffer
	off := map[int]int{}
	b.WriteString("%PDF-1.5\n")
	off[1] = b.Len()
	b.WriteString("1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n")
	body := "2 0 << /Type /Pages /Count 1 /Kids [<4142"
	off[3] = b.Len()
	fmt.Fprintf(&b, "3 0 obj\n<< /Type /ObjStm /N 1 /First 4 /Length %d >>\nstream\n%s\nendstream\nendobj\n", len(body), body)
	xref := b.Len()
	var rows bytes.Buffer
	entry := func(t, f2, f3 int) { rows.Write([]byte{byte(t), byte(f2 >> 8), byte(f2), byte(f3)}) }
	entry(0, 0, 0)
	entry(1, off[1], 0)
	entry(2, 3, 0)
	entry(1, off[3], 0)
	entry(1, xref, 0)
	fmt.Fprintf(&b, "4 0 obj\n<< /Type /XRef /Size 5 /W [1 2 1] /Root 1 0 R /Length %d >>\nstream\n", rows.Len())
	b.Write(rows.Bytes())
	fmt.Fprintf(&b, "\nendstream\nendobj\nstartxref\n%d\n%%%%EOF\n", xref)
	return b.Bytes()
}

// testPool is a pool of the test, its children ended when the test ends.
func testPool(t *testing.T) *Pool {
	p := &Pool{}
	t.Cleanup(func() { p.Close() })
	return p
}

func TestExtract(t *testing.T) {
	dir := t.TempDir()
	loop := filepath.Join(dir, "loop.pdf")
	if err := os.WriteFile(loop, loopingPDF(), 0o644); err != nil {
		t.Fatal(err)
	}
	notPDF := filepath.Join(dir, "broken.pdf")
	if err := os.WriteFile(notPDF, []byte("%PDF-1.4\nnothing else"), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name      string
		path      string
		timeout   time.Duration
		wantErr   error  // errors.Is
		wantMsg   string // in the message
		wantStage string // of the *extract.Error
	}{
		{"a PDF that loops the library stops at the time limit", loop, 2 * time.Second, ErrTimeLimit, "time limit", "extract"},
		{"a broken PDF is an error naming the file, its stage kept", notPDF, 20 * time.Second, nil, "broken.pdf", "pdf"},
		{"the fixture extracts in the child", fixture, 60 * time.Second, nil, "", ""},
	}
	p := testPool(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			start := time.Now()
			doc, err := p.Extract(context.Background(), tt.path, tt.timeout)
			took := time.Since(start)
			if took > tt.timeout+5*time.Second {
				t.Errorf("took %v, limit %v", took, tt.timeout)
			}
			if tt.wantMsg == "" {
				if err != nil {
					t.Fatalf("err = %v", err)
				}
				want, err := extract.File(context.Background(), tt.path, extract.Options{Sums: transform.Sums{}})
				if err != nil {
					t.Fatal(err)
				}
				if doc.Source != want.Source || len(doc.Questions) != len(want.Questions) || len(doc.Tables) != len(want.Tables) {
					t.Errorf("child document differs from the in-process one:\ngot  %+v, %d questions\nwant %+v, %d questions",
						doc.Source, len(doc.Questions), want.Source, len(want.Questions))
				}
				return
			}
			if err == nil {
				t.Fatalf("err = nil, want an error with %q", tt.wantMsg)
			}
			if tt.wantErr != nil && !errors.Is(err, tt.wantErr) {
				t.Errorf("err = %v, want %v", err, tt.wantErr)
			}
			if !strings.Contains(err.Error(), tt.wantMsg) || !strings.Contains(err.Error(), tt.path) {
				t.Errorf("err = %q, want the file and %q", err, tt.wantMsg)
			}
			var e *extract.Error
			if !errors.As(err, &e) || e.Stage != tt.wantStage || e.File != tt.path {
				t.Errorf("err = %#v, want an *extract.Error of %s in stage %q", err, tt.path, tt.wantStage)
			}
		})
	}
}

// TestChildErrorKeepsFacts checks that an error crossing the process boundary still says what it is
// and where it happened.
func TestChildErrorKeepsFacts(t *testing.T) {
	for name, s := range childSentinels {
		in := &extract.Error{File: "a.pdf", Page: 3, Line: 7, Stage: "pdf", Err: fmt.Errorf("%w: detail", s)}
		got := newChildError("a.pdf", in).err()
		var e *extract.Error
		if !errors.Is(got, s) || got.Error() != in.Error() || !errors.As(got, &e) || e.Page != 3 || e.Line != 7 || e.Stage != "pdf" {
			t.Errorf("%s: got %q (is %v), want %q", name, got, errors.Is(got, s), in)
		}
	}
}

// TestChildServesManyFiles checks that one child extracts file after file, so a batch starts a
// process per worker, not per PDF.
func TestChildServesManyFiles(t *testing.T) {
	p := testPool(t)
	for i := 0; i < 3; i++ {
		if _, err := p.Extract(context.Background(), fixture, time.Minute); err != nil {
			t.Fatal(err)
		}
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	most := 0
	for _, c := range p.idle {
		most = max(most, c.served)
	}
	if most < 3 {
		t.Errorf("the busiest idle child served %d files, want 3", most)
	}
}

func TestCrashError(t *testing.T) {
	for _, tt := range []struct {
		why                string
		limit              int64
		panicked, outOfMem bool
	}{
		{"panic: runtime error: index out of range [3] with length 3", 0, true, false},
		{"panic: runtime error: invalid memory address or nil pointer dereference", 1 << 30, true, false},
		{"fatal error: runtime: out of memory", 0, false, true},
		{"fatal error: runtime: cannot allocate memory", 0, false, true},
		{"runtime: failed to create new OS thread (have 5 already; errno=12)", 0, false, true},
		{"signal: killed", 0, false, true},
		{"exit status 2", 0, false, false},
		// the garbage collector faulting at the hard limit (seen as 1 in 5 ends of a child at it)
		{"SIGSEGV: segmentation violation", 256 << 20, false, true},
		{"SIGSEGV: segmentation violation", 0, false, false},
	} {
		e := &CrashError{Why: tt.why, Limit: tt.limit}
		if e.Panicked() != tt.panicked || e.OutOfMemory() != tt.outOfMem || !strings.HasSuffix(e.Error(), tt.why) {
			t.Errorf("%q: panicked %v, out of memory %v; want %v, %v", tt.why, e.Panicked(), e.OutOfMemory(), tt.panicked, tt.outOfMem)
		}
	}
}

// TestPoolOptions hands the pool's extraction options to its children: a PDF read with a limit of
// one page says the rest was not read.
func TestPoolOptions(t *testing.T) {
	pool := &Pool{Options: extract.Options{Limits: extract.Limits{MaxPages: 1}}}
	defer pool.Close()
	doc, err := pool.Extract(context.Background(), filepath.Join("..", "fixtures", "nds-19-kleine-anfrage-it-infrastruktur.pdf"), time.Minute)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.ContainsFunc(doc.Warnings, func(w drucksache.Warning) bool { return w.Code == drucksache.WarnPDFPageLimit }) {
		t.Errorf("warnings %v, want %s", doc.Warnings, drucksache.WarnPDFPageLimit)
	}
}

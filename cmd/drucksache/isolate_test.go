package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"drucksache/extract"
)

// TestMain lets the test binary play the child of extractIsolated: os.Executable is the test
// binary here, so the hidden subcommand must work in it as it does in the command.
func TestMain(m *testing.M) {
	if len(os.Args) > 1 && os.Args[1] == childCommand {
		os.Exit(exitCode(run(context.Background(), os.Args[1:], os.Stdin, os.Stdout, os.Stderr), os.Stderr))
	}
	os.Exit(m.Run())
}

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

func TestExtractIsolated(t *testing.T) {
	dir := t.TempDir()
	loop := filepath.Join(dir, "loop.pdf")
	if err := os.WriteFile(loop, loopingPDF(), 0o644); err != nil {
		t.Fatal(err)
	}
	notPDF := filepath.Join(dir, "broken.pdf")
	if err := os.WriteFile(notPDF, []byte("%PDF-1.4\nnothing else"), 0o644); err != nil {
		t.Fatal(err)
	}
	fixture := filepath.Join("..", "..", "fixtures", "nds-19-kleine-anfrage-it-infrastruktur.pdf")
	tests := []struct {
		name    string
		path    string
		timeout time.Duration
		wantErr error  // errors.Is
		wantMsg string // in the message
	}{
		{"a PDF that loops the library stops at the time limit", loop, 2 * time.Second, errTimeLimit, "time limit"},
		{"a broken PDF is an error naming the file", notPDF, 20 * time.Second, nil, "broken.pdf"},
		{"the fixture extracts in the child", fixture, 60 * time.Second, nil, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			start := time.Now()
			doc, err := extractIsolated(context.Background(), tt.path, tt.timeout)
			took := time.Since(start)
			if took > tt.timeout+5*time.Second {
				t.Errorf("took %v, limit %v", took, tt.timeout)
			}
			if tt.wantMsg == "" {
				if err != nil {
					t.Fatalf("err = %v", err)
				}
				want, err := extract.File(context.Background(), tt.path, extract.Options{})
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
		})
	}
}

// TestChildErrorKeepsSentinel checks that an error crossing the process boundary still says what it is.
func TestChildErrorKeepsSentinel(t *testing.T) {
	for name, s := range childSentinels {
		in := &extract.Error{File: "a.pdf", Page: 3, Stage: "pdf", Err: fmt.Errorf("%w: detail", s)}
		got := newChildError("a.pdf", in).err()
		if !errors.Is(got, s) || got.Error() != in.Error() {
			t.Errorf("%s: got %q (is %v), want %q", name, got, errors.Is(got, s), in)
		}
	}
}

// TestChildServesManyFiles checks that one child extracts file after file, so a batch starts a
// process per worker, not per PDF.
func TestChildServesManyFiles(t *testing.T) {
	fixture := filepath.Join("..", "..", "fixtures", "nds-19-kleine-anfrage-it-infrastruktur.pdf")
	for i := 0; i < 3; i++ {
		if _, err := extractIsolated(context.Background(), fixture, time.Minute); err != nil {
			t.Fatal(err)
		}
	}
	children.mu.Lock()
	defer children.mu.Unlock()
	most := 0
	for _, c := range children.idle {
		most = max(most, c.served)
	}
	if most < 3 {
		t.Errorf("the busiest idle child served %d files, want 3", most)
	}
}

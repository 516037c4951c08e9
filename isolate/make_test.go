package isolate

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	drucksache "drucksache"
	"drucksache/extract"
	"drucksache/load"
	"drucksache/transform"
)

// textFixture is a corpus text: text is made in a child as a PDF is.
var textFixture = filepath.Join("..", "fixtures", "ni-19-11185.txt")

// TestMakeWritesOutputs makes documents of every format in a child and compares its outputs with
// those the same stages write in this process: the same files, byte for byte.
func TestMakeWritesOutputs(t *testing.T) {
	p := testPool(t)
	stamp := &drucksache.Extractor{Version: "test", Digest: strings.Repeat("0", 64)}
	for _, name := range []string{"ni-19-11185.txt", "nds-19-kleine-anfrage-it-infrastruktur.html", "nds-19-kleine-anfrage-it-infrastruktur.pdf"} {
		path := filepath.Join("..", "fixtures", name)
		dir := t.TempDir()
		made, err := p.Make(context.Background(), path, dir, stamp, time.Minute)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		doc, err := extract.File(context.Background(), path, extract.Options{Sums: transform.Sums{}})
		if err != nil {
			t.Fatal(err)
		}
		transform.Apply(doc)
		doc.Extractor = stamp
		if made.ID != doc.ID || made.SHA256 != doc.Source.SHA256 || made.Review == nil || made.Review.Status != doc.Review.Status {
			t.Errorf("%s: made %+v, want id %s", name, made, doc.ID)
		}
		for _, o := range load.Outputs() {
			want := t.TempDir()
			l := o.New(want)
			if err := l.Write(context.Background(), doc); err != nil {
				t.Fatal(err)
			}
			got, err := os.ReadFile(filepath.Join(dir, o.Folder, o.FileName(doc.ID)))
			if err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			if w, _ := os.ReadFile(filepath.Join(want, o.FileName(doc.ID))); !bytes.Equal(got, w) {
				t.Errorf("%s: the child's %s differs from this process's (%d bytes, want %d)", name, o.Kind, len(got), len(w))
			}
		}
	}
}

// TestMakeErrors checks what crosses back from a child that could not make a document: the
// extraction's error with its stage, and the time limit.
func TestMakeErrors(t *testing.T) {
	dir := t.TempDir()
	loop := filepath.Join(dir, "loop.pdf")
	os.WriteFile(loop, loopingPDF(), 0o644)
	empty := filepath.Join(dir, "empty.txt")
	os.WriteFile(empty, []byte(" \n"), 0o644)
	p := testPool(t)
	if _, err := p.Make(context.Background(), empty, t.TempDir(), nil, time.Minute); !errors.Is(err, extract.ErrEmpty) {
		t.Errorf("an empty text: %v, want %v", err, extract.ErrEmpty)
	}
	if _, err := p.Make(context.Background(), filepath.Join(dir, "gone.txt"), t.TempDir(), nil, time.Minute); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("a missing file: %v, want it not to exist", err)
	}
	began := time.Now()
	if _, err := p.Make(context.Background(), loop, t.TempDir(), nil, time.Second); !errors.Is(err, ErrTimeLimit) || time.Since(began) > 6*time.Second {
		t.Errorf("a looping PDF: %v after %v, want the time limit", err, time.Since(began))
	}
}

// TestMemoryLimit checks that a child whose document needs more memory than the pool's limit fails
// with that document only, out of memory, naming the limit (issue 14, finding 6: the child's 1 GiB
// was a soft limit, passed by GBs); the next document is made by a new child.
func TestMemoryLimit(t *testing.T) {
	if !memoryLimited {
		t.Skip("no hard memory limit on this system")
	}
	dir := t.TempDir()
	big := filepath.Join(dir, "big.txt")
	data, _ := os.ReadFile(textFixture)
	f, _ := os.Create(big)
	for n := 0; n < 100<<20; n += len(data) {
		f.Write(data)
	}
	f.Close()
	p := &Pool{Memory: 256 << 20}
	defer p.Close()
	_, err := p.Extract(context.Background(), big, time.Minute)
	var ce *CrashError
	if !errors.As(err, &ce) || !ce.OutOfMemory() || !strings.Contains(err.Error(), "limit 256 MiB") {
		t.Fatalf("100 MB of text in 256 MiB: %v, want out of memory", err)
	}
	if _, err := p.Extract(context.Background(), textFixture, time.Minute); err != nil {
		t.Errorf("the next document: %v", err)
	}
}

func TestBytes(t *testing.T) {
	for n, want := range map[int64]string{1 << 30: "1 GiB", 512 << 20: "512 MiB", 3 << 10: "3 KiB", 1000: "1000 bytes", 3 << 29: "1536 MiB"} {
		if got := Bytes(n); got != want {
			t.Errorf("Bytes(%d) = %q, want %q", n, got, want)
		}
	}
}

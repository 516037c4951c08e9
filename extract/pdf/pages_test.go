package pdf

import (
	"context"
	"os"
	"path/filepath"
	"reflect"
	"testing"
)

// TestPagesAtOnce: pages read by several workers at once (sharing the document's fonts) give the
// layout read one page after the other, on every PDF of the fixtures and the round-trip bench (run
// with -race to see the sharing).
func TestPagesAtOnce(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join("..", "..", "fixtures", "*.pdf"))
	more, _ := filepath.Glob(filepath.Join("..", "..", "internal", "roundtrip", "testdata", "pdf", "*", "*.pdf"))
	files = append(files, more...)
	if len(files) < 4 {
		t.Fatalf("only %d PDFs found", len(files))
	}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		one, err := Reader{}.Read(context.Background(), f, data)
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		for _, workers := range []int{2, 5} {
			many, err := Reader{Workers: workers}.Read(context.Background(), f, data)
			if err != nil {
				t.Fatalf("%s with %d workers: %v", f, workers, err)
			}
			if !reflect.DeepEqual(one, many) {
				t.Errorf("%s: %d workers read another layout than one", f, workers)
			}
		}
	}
}

package load

import (
	"bytes"
	"os"
	"path/filepath"
	"runtime"
	"testing"

	"github.com/parquet-go/parquet-go"
)

// pageSamples are inputs of the sizes a page has: empty, tiny, a page of fixture text, and more than
// the window, so that a frame spanning several windows is covered too.
func pageSamples(t *testing.T) map[string][]byte {
	t.Helper()
	text, err := os.ReadFile(filepath.Join("..", "fixtures", "nds-19-kleine-anfrage-it-infrastruktur.txt"))
	if err != nil {
		t.Fatal(err)
	}
	page := bytes.Repeat(text, 256<<10/len(text)+1)[:256<<10]
	large := make([]byte, 0, 3*zstdWindow)
	for len(large) < 3*zstdWindow {
		large = append(large, text...)
		large = append(large, byte(len(large))) // no two copies alike
	}
	return map[string][]byte{"empty": {}, "tiny": []byte("1.234,5"), "page": page, "beyond the window": large}
}

// TestPageCodecRoundTrip compresses pages with the small-window codec and decompresses them with the
// library's codec, as any reader does; a page compresses as well as with the library's default window.
func TestPageCodecRoundTrip(t *testing.T) {
	for name, src := range pageSamples(t) {
		t.Run(name, func(t *testing.T) {
			ours, err := zstdPages.Encode(nil, src)
			if err != nil {
				t.Fatal(err)
			}
			back, err := parquet.Zstd.Decode(nil, ours)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(back, src) {
				t.Fatalf("round trip changed %d bytes into %d", len(src), len(back))
			}
			theirs, err := parquet.Zstd.Encode(nil, src)
			if err != nil {
				t.Fatal(err)
			}
			if len(src) <= zstdWindow && len(ours) > len(theirs)+len(theirs)/100+16 {
				t.Errorf("%d bytes compress to %d, the library's window gives %d", len(src), len(ours), len(theirs))
			}
		})
	}
}

// TestPageCodecMemory checks what one encoder allocates for a page: about the window, not the 16 MiB
// of history the library's default codec keeps per encoder.
func TestPageCodecMemory(t *testing.T) {
	page := pageSamples(t)["page"]
	c := &pageCodec{}
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	if _, err := c.Encode(nil, page); err != nil {
		t.Fatal(err)
	}
	runtime.ReadMemStats(&after)
	if got := after.TotalAlloc - before.TotalAlloc; got > 4<<20 {
		t.Errorf("encoding a %d KiB page allocated %.1f MiB", len(page)>>10, float64(got)/(1<<20))
	}
}

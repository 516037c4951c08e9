package text_test

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"drucksache/extract"
)

// bigText repeats the body of a real paper (everything after its first ten lines) until the text
// holds about size bytes: a long paper with the structure of a real one.
func bigText(tb testing.TB, size int) []byte {
	data, err := os.ReadFile(filepath.Join("..", "..", "fixtures", "nds-19-kleine-anfrage-it-infrastruktur.txt"))
	if err != nil {
		tb.Fatal(err)
	}
	cut := 0
	for range 10 {
		cut += bytes.IndexByte(data[cut:], '\n') + 1
	}
	body := data[cut:]
	out := bytes.NewBuffer(make([]byte, 0, size+len(data)))
	out.Write(data)
	for out.Len() < size {
		out.Write(body)
	}
	return out.Bytes()
}

// BenchmarkExtractText extracts texts of 1, 10 and 100 MB; the time per MB (the MB/s column) stays flat
// when extraction is linear in size. -short stops at 10 MB.
func BenchmarkExtractText(b *testing.B) {
	for _, mb := range []int{1, 10, 100} {
		if testing.Short() && mb > 10 {
			continue
		}
		b.Run(fmt.Sprintf("%dMB", mb), func(b *testing.B) {
			data := bigText(b, mb<<20)
			b.SetBytes(int64(len(data)))
			b.ResetTimer()
			for range b.N {
				if _, err := extract.Bytes(context.Background(), "big.txt", data, extract.Options{}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

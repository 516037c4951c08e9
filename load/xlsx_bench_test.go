package load

import (
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"testing"

	drucksache "drucksache"
)

// BenchmarkWorkbook writes the workbook of the IT-infrastructure answer (9 pages, 6 tables).
func BenchmarkWorkbook(b *testing.B) {
	data, err := os.ReadFile(filepath.Join("..", "fixtures", "golden", "nds-19-kleine-anfrage-it-infrastruktur.pdf.json"))
	if err != nil {
		b.Fatal(err)
	}
	var doc drucksache.Document
	if err := json.Unmarshal(data, &doc); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		if err := WriteWorkbook(io.Discard, &doc); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(doc.Source.Pages*b.N)/b.Elapsed().Seconds(), "pages/s")
}

package pdf_test

import (
	"context"
	"encoding/json"
	"os"
	"strings"
	"testing"

	drucksache "drucksache"
	"drucksache/extract"
	"drucksache/extract/pdf"
	"drucksache/extract/structure"
	"drucksache/transform"
)

const fixturePath = "../../fixtures/nds-19-kleine-anfrage-it-infrastruktur.pdf"

// TestPDFSameDocumentAsText checks that the PDF yields the document its text form yields,
// but for what only one of them prints: the running header's Drucksache number and "–" bullets.
func TestPDFSameDocumentAsText(t *testing.T) {
	norm := func(d *drucksache.Document) string {
		d.ID, d.Source, d.Drucksache, d.Warnings = "", drucksache.Source{}, nil, nil
		data, _ := json.Marshal(d)
		var v any
		json.Unmarshal(data, &v)
		var strip func(any) any
		strip = func(x any) any {
			switch x := x.(type) {
			case map[string]any:
				delete(x, "provenance")
				delete(x, "answer_provenance")
				for k, e := range x {
					x[k] = strip(e)
				}
			case []any:
				for i, e := range x {
					x[i] = strip(e)
				}
			case string:
				return strings.ReplaceAll(x, "– ", "- ")
			}
			return x
		}
		out, _ := json.MarshalIndent(strip(v), "", " ")
		return string(out)
	}
	data, err := os.ReadFile(fixturePath)
	if err != nil {
		t.Fatal(err)
	}
	l, err := pdf.Reader{}.Read(context.Background(), fixturePath, data)
	if err != nil {
		t.Fatal(err)
	}
	pdfDoc, err := structure.Parse(drucksache.Source{File: "x", Format: extract.FormatPDF, Pages: l.Pages}, l, nil)
	if err != nil {
		t.Fatal(err)
	}
	txt, err := extract.File(context.Background(), strings.TrimSuffix(fixturePath, ".pdf")+".txt", extract.Options{Sums: transform.Sums{}})
	if err != nil {
		t.Fatal(err)
	}
	if len(pdfDoc.Questions) == 0 {
		t.Skip("the structure parser finds no questions yet")
	}
	got, want := norm(pdfDoc), norm(txt)
	if got != want {
		gl, wl := strings.Split(got, "\n"), strings.Split(want, "\n")
		for i := range gl {
			if i >= len(wl) || gl[i] != wl[i] {
				t.Fatalf("PDF and text documents differ at JSON line %d:\npdf  %s\ntext %s", i+1, gl[i], lineAt(wl, i))
			}
		}
		t.Fatalf("PDF document shorter than the text one")
	}
}

// lineAt is s[i], or "<none>" past its end.
func lineAt(s []string, i int) string {
	if i < len(s) {
		return s[i]
	}
	return "<none>"
}

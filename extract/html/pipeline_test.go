package html_test

import (
	"context"
	"os"
	"reflect"
	"strings"
	"testing"

	drucksache "drucksache"
	"drucksache/extract"
	"drucksache/extract/html"
	"drucksache/transform"
)

// The tests of this file run the reader's lines through the whole extraction.

const fixturePath = "../../fixtures/nds-19-kleine-anfrage-it-infrastruktur.html"

// TestHTMLSameAsText checks that the HTML export and the clean text of the IT answer give the same document,
// except for what only one of them prints: the Drucksache number of the running header and the list dashes.
func TestHTMLSameAsText(t *testing.T) {
	read := func(name string) *drucksache.Document {
		data, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		doc, err := extract.Bytes(context.Background(), name, data, extract.Options{Sums: transform.Sums{}})
		if err != nil {
			t.Fatal(err)
		}
		return doc
	}
	h := read(fixturePath)
	x := read(strings.TrimSuffix(fixturePath, ".html") + ".txt")
	if len(x.Questions) == 0 {
		t.Skip("the structure parser finds no questions yet")
	}
	if h.Drucksache == nil || *h.Drucksache != "19/7520" {
		t.Errorf("drucksache from the running header: %v", h.Drucksache)
	}
	for _, d := range []*drucksache.Document{h, x} {
		d.ID, d.Source, d.Drucksache, d.Warnings = "", drucksache.Source{}, nil, nil
		for i := range d.PreliminaryRemarks {
			d.PreliminaryRemarks[i].Provenance = drucksache.Provenance{}
		}
		for i := range d.Questions {
			q := &d.Questions[i]
			q.Provenance, q.AnswerAt = drucksache.Provenance{}, drucksache.Provenance{}
			q.Answer = strings.ReplaceAll(q.Answer, "\n– ", "\n- ")
		}
		for i := range d.Tables {
			d.Tables[i].Provenance = drucksache.Span{}
		}
		for i := range d.Footnotes {
			d.Footnotes[i].Provenance = drucksache.Provenance{}
		}
	}
	if !reflect.DeepEqual(h, x) {
		hq, xq := h.Questions, x.Questions
		for i := range min(len(hq), len(xq)) {
			if !reflect.DeepEqual(hq[i], xq[i]) {
				t.Errorf("question %d differs:\n html %+v\n text %+v", hq[i].Number, hq[i], xq[i])
			}
		}
		h.Questions, x.Questions = nil, nil
		if !reflect.DeepEqual(h, x) {
			t.Errorf("documents differ:\n html %+v\n text %+v", h, x)
		}
	}
}

// BenchmarkHTML measures the HTML reader alone and the whole extraction of the HTML fixture.
func BenchmarkHTML(b *testing.B) {
	data, err := os.ReadFile(fixturePath)
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	b.Run("read", func(b *testing.B) {
		b.SetBytes(int64(len(data)))
		b.ReportAllocs()
		for b.Loop() {
			if _, err := (html.Reader{}).Read(ctx, fixturePath, data); err != nil {
				b.Fatal(err)
			}
		}
		b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "docs/s")
	})
	b.Run("extract", func(b *testing.B) {
		b.SetBytes(int64(len(data)))
		b.ReportAllocs()
		for b.Loop() {
			if _, err := extract.Bytes(ctx, fixturePath, data, extract.Options{Sums: transform.Sums{}}); err != nil {
				b.Fatal(err)
			}
		}
		b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "docs/s")
	})
}

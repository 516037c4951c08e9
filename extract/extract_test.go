package extract

import (
	"context"
	"drucksache/transform"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/text/encoding/charmap"

	"drucksache"
)

func TestBadInput(t *testing.T) {
	latin := "Kleine Anfrage zur schriftlichen Beantwortung\nmit Antwort der Landesregierung\nAnfrage des Abgeordneten Jörg Müller (CDU)\n"
	cp1252, _ := charmap.Windows1252.NewEncoder().String(latin)
	tests := []struct {
		name    string
		data    string
		wantErr error
		check   func(t *testing.T, kind string, warnings []string)
	}{
		{name: "empty", data: "", wantErr: ErrEmpty},
		{name: "whitespace only", data: " \n\n \t\n", wantErr: ErrEmpty},
		{name: "binary junk", data: "\x00\x01\x02\x03garbage\x00\xff\xfe", wantErr: ErrNotText},
		{name: "windows-1252", data: cp1252, check: func(t *testing.T, kind string, warnings []string) {
			if !strings.Contains(strings.Join(warnings, " "), "encoding") {
				t.Errorf("no encoding warning: %v", warnings)
			}
		}},
		{name: "not a Drucksache", data: "Einkaufsliste\n1. Milch\n2. Brot\n", check: func(t *testing.T, kind string, warnings []string) {
			if kind == "kleine_anfrage_antwort" {
				t.Errorf("kind %q for a shopping list", kind)
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := Bytes(context.Background(), tt.name+".txt", []byte(tt.data), Options{Sums: transform.Sums{}})
			if tt.wantErr != nil {
				if !errors.Is(err, tt.wantErr) {
					t.Fatalf("err = %v, want %v", err, tt.wantErr)
				}
				if !strings.Contains(err.Error(), tt.name+".txt") {
					t.Errorf("error %q does not name the file", err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			var ws []string
			for _, w := range doc.Warnings {
				ws = append(ws, string(w.Code))
			}
			if len(doc.Questions) > 0 && doc.Kind != "kleine_anfrage_antwort" {
				t.Errorf("questions invented in a %s", doc.Kind)
			}
			tt.check(t, doc.Kind, ws)
		})
	}
}

// TestEveryTextFixture runs every text fixture: no error, and an answer yields questions 1..n.
func TestEveryTextFixture(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join("..", "fixtures", "*.txt"))
	more, _ := filepath.Glob(filepath.Join("..", "fixtures", "eval", "*.txt"))
	files = append(files, more...)
	if len(files) < 5 {
		t.Fatalf("fixtures missing: %v", files)
	}
	for _, f := range files {
		doc, err := File(context.Background(), f, Options{Sums: transform.Sums{}})
		if err != nil {
			t.Errorf("%s: %v", f, err)
			continue
		}
		if doc.Kind == "kleine_anfrage_antwort" && len(doc.Questions) == 0 {
			t.Errorf("%s: an answer without questions", f)
		}
		for _, tb := range doc.Tables {
			for _, r := range tb.Rows {
				if len(r) != len(tb.Header) {
					t.Errorf("%s: table %s has a row of %d cells under %d headers", f, tb.ID, len(r), len(tb.Header))
				}
			}
		}
	}
}

func FuzzText(f *testing.F) {
	for _, name := range []string{"ni-19-11185.txt", "ni-19-11277.txt", "nds-19-kleine-anfrage-it-infrastruktur.txt"} {
		data, err := os.ReadFile(filepath.Join("..", "fixtures", name))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
		f.Add(data[:len(data)/3])
	}
	f.Add([]byte("1. Frage?\n\nAntwort.\n\n2. Frage?\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		doc, err := Bytes(context.Background(), "fuzz.txt", data, Options{Sums: transform.Sums{}})
		if err != nil {
			var e *Error
			if !errors.As(err, &e) {
				t.Fatalf("error without position: %v", err)
			}
			return
		}
		// Questions are numbered 1..n, and only answers carry them.
		if doc.Kind != "kleine_anfrage_antwort" && len(doc.Questions) > 0 {
			t.Fatalf("%d questions in a %s", len(doc.Questions), doc.Kind)
		}
		for i, q := range doc.Questions {
			if q.Number != i+1 {
				t.Fatalf("question %d numbered %d", i+1, q.Number)
			}
		}
		for _, tb := range doc.Tables {
			for _, r := range tb.Rows {
				if len(r) != len(tb.Header) {
					t.Fatalf("ragged table %s", tb.ID)
				}
			}
		}
	})
}

func BenchmarkText(b *testing.B) {
	var docs [][]byte
	var size int64
	files, _ := filepath.Glob(filepath.Join("..", "fixtures", "*.txt"))
	more, _ := filepath.Glob(filepath.Join("..", "fixtures", "eval", "*.txt"))
	for _, f := range append(files, more...) {
		data, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		docs = append(docs, data)
		size += int64(len(data))
	}
	b.SetBytes(size)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, d := range docs {
			if _, err := Bytes(context.Background(), "bench.txt", d, Options{Sums: transform.Sums{}}); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ReportMetric(float64(b.N*len(docs))/b.Elapsed().Seconds(), "docs/s")
}

// The limits of Options reach File and the readers; zero Options extract with the defaults.
func TestOptionsLimits(t *testing.T) {
	const fixture = "nds-19-kleine-anfrage-it-infrastruktur"
	path := func(ext string) string { return filepath.Join("..", "fixtures", fixture+ext) }
	if d := DefaultLimits(); d.MaxBytes != 256<<20 || d.MaxPages != 5000 {
		t.Errorf("DefaultLimits() = %+v", d)
	}
	small := Options{Limits: Limits{MaxBytes: 1000}}
	for _, ext := range []string{".txt", ".pdf", ".html"} {
		if _, err := File(context.Background(), path(ext), small); !errors.Is(err, ErrTooLarge) {
			t.Errorf("File(%s) with MaxBytes 1000: %v, want ErrTooLarge", ext, err)
		}
	}
	for _, ext := range []string{".pdf", ".html"} {
		data, err := os.ReadFile(path(ext))
		if err != nil {
			t.Fatal(err)
		}
		if _, err := Bytes(context.Background(), path(ext), data, small); !errors.Is(err, ErrTooLarge) {
			t.Errorf("Bytes(%s) with MaxBytes 1000: %v, want ErrTooLarge", ext, err)
		}
	}
	tests := []struct {
		name  string
		opts  Options
		pages int
		limit bool // warned that the page limit cut the document
	}{
		{"zero options read every page", Options{}, 9, false},
		{"a page limit", Options{Limits: Limits{MaxPages: 2}}, 2, true},
	}
	for _, tt := range tests {
		doc, err := File(context.Background(), path(".pdf"), tt.opts)
		if err != nil {
			t.Fatal(err)
		}
		limit := false
		for _, w := range doc.Warnings {
			limit = limit || w.Code == drucksache.WarnPDFPageLimit
		}
		if doc.Source.Pages != tt.pages || limit != tt.limit {
			t.Errorf("%s: %d pages, page-limit warning %v; want %d, %v", tt.name, doc.Source.Pages, limit, tt.pages, tt.limit)
		}
	}
}

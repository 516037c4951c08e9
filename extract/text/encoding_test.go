package text_test

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"

	drucksache "drucksache"
	"drucksache/extract"
	"drucksache/transform"
)

// A real paper in every encoding found in practice decodes to the same text and the same id;
// one stray byte in UTF-8 is replaced and warned, not a reason to read the file as Windows-1252.
func TestEncodingsOfARealPaper(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("..", "..", "fixtures", "ni-19-11185.txt"))
	if err != nil {
		t.Fatal(err)
	}
	want, err := extract.Bytes(context.Background(), "ni-19-11185.txt", data, extract.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if transform.ID(want) != "ni-19-11185" || want.Parliament == nil {
		t.Fatalf("UTF-8 original: id %q, parliament %v", transform.ID(want), want.Parliament)
	}
	// One byte of the body changed to 0x96 (a Windows-1252 dash) — the byte the issue found.
	at := bytes.LastIndex(data, []byte(" und "))
	stray := bytes.Clone(data)
	stray[at] = 0x96
	utf16 := func(order unicode.Endianness, bom unicode.BOMPolicy) []byte {
		out, err := unicode.UTF16(order, bom).NewEncoder().Bytes(data)
		if err != nil {
			t.Fatal(err)
		}
		return out
	}
	cp1252, err := charmap.Windows1252.NewEncoder().Bytes(data)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name     string
		data     []byte
		encoding string
		warned   bool
		changed  string // the text where one character differs from the original's, "" when none
	}{
		{"UTF-8", data, "", false, ""},
		{"UTF-8 with a byte order mark", append([]byte("\xef\xbb\xbf"), data...), "", false, ""},
		{"UTF-8 with one stray byte", stray, "", true, "\uFFFDund "},
		{"UTF-16LE with a byte order mark", utf16(unicode.LittleEndian, unicode.UseBOM), "utf-16le", true, ""},
		{"UTF-16BE with a byte order mark", utf16(unicode.BigEndian, unicode.UseBOM), "utf-16be", true, ""},
		{"UTF-16LE without a byte order mark", utf16(unicode.LittleEndian, unicode.IgnoreBOM), "utf-16le", true, ""},
		{"UTF-16BE without a byte order mark", utf16(unicode.BigEndian, unicode.IgnoreBOM), "utf-16be", true, ""},
		{"Windows-1252", cp1252, "windows-1252", true, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := extract.Bytes(context.Background(), "ni-19-11185.txt", tt.data, extract.Options{})
			if err != nil {
				t.Fatal(err)
			}
			if transform.ID(doc) != "ni-19-11185" || doc.Parliament == nil || *doc.Parliament != *want.Parliament {
				t.Errorf("id %q, parliament %v; want ni-19-11185, %q", transform.ID(doc), doc.Parliament, *want.Parliament)
			}
			if doc.Source.Encoding != tt.encoding {
				t.Errorf("encoding %q, want %q", doc.Source.Encoding, tt.encoding)
			}
			warned := false
			for _, w := range doc.Warnings {
				warned = warned || w.Code == drucksache.WarnEncoding
			}
			if warned != tt.warned {
				t.Errorf("encoding warning %v, want %v: %v", warned, tt.warned, doc.Warnings)
			}
			if tt.changed != "" && !strings.Contains(allText(doc), tt.changed) {
				t.Errorf("the text does not hold %q", tt.changed)
			}
			if tt.changed == "" && allText(doc) != allText(want) {
				t.Errorf("the text differs from the UTF-8 original's")
			}
		})
	}
}

// allText is the document as JSON without its source and warnings: what decoding must not change.
func allText(doc *drucksache.Document) string {
	d := *doc
	d.Source, d.Warnings = drucksache.Source{}, nil
	out, err := json.Marshal(d)
	if err != nil {
		panic(err)
	}
	return string(out)
}

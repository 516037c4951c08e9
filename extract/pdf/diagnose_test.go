package pdf

import (
	"bytes"
	"compress/zlib"
	"context"
	"errors"
	"regexp"
	"strings"
	"testing"

	"drucksache/extract/layout"
	"drucksache/internal/printable"
)

// withTrailer adds entries to the trailer of a PDF that buildPDF made.
func withTrailer(data []byte, entries string) []byte {
	return bytes.Replace(data, []byte("/Root 1 0 R"), []byte("/Root 1 0 R "+entries), 1)
}

func TestEncryption(t *testing.T) {
	pad := "<" + strings.Repeat("28bf4e5e4e758a41", 4) + ">"
	tests := []struct {
		name, trailer, obj, want string
	}{
		{"not encrypted", "", "", ""},
		{"RC4 40-bit (V 1)", "/Encrypt << /Filter /Standard /V 1 /R 2 /O " + pad + " /U " + pad + " /P -4 >>", "", "RC4, 40-bit key"},
		{"RC4 128-bit (V 2)", "/Encrypt << /Filter /Standard /V 2 /R 3 /Length 128 >>", "", "RC4, 128-bit key"},
		{"AES 128-bit (V 4, AESV2)", "/Encrypt << /Filter /Standard /V 4 /R 4 /CF << /StdCF << /CFM /AESV2 >> >> >>", "", "AES, 128-bit key"},
		{"AES 256-bit (V 5)", "/Encrypt << /Filter /Standard /V 5 /R 6 /Length 256 >>", "", "AES, 256-bit key"},
		{"a dictionary of its own", "/Encrypt 6 0 R", "<< /Filter /Standard /V 1 /R 2 >>", "RC4, 40-bit key"},
		{"another security handler", "/Encrypt << /Filter /Adobe.PubSec /V 4 >>", "", "the security handler /Adobe.PubSec"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			objs := []string{"<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [] /Count 0 >>", "|", "|", "<< >>"}
			if tt.obj != "" {
				objs = append(objs, tt.obj)
			}
			if got := encryption(withTrailer(buildPDF("%PDF-1.4\n", objs...), tt.trailer)); got != tt.want {
				t.Errorf("encryption = %q, want %q", got, tt.want)
			}
		})
	}
}

// Every PDF that cannot be read says why: the encryption method, a loop, a compression bomb; the
// message says "encrypted PDF" once and carries no raw bytes of the file.
func TestPDFErrorsNameTheCause(t *testing.T) {
	text := "BT /F1 12 Tf 72 700 Td (Hallo Welt) Tj ET"
	empty := buildPDF("%PDF-1.4\n", "<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [] /Count 0 >>")
	pad := "<" + strings.Repeat("28bf4e5e4e758a41", 4) + ">"
	rc440 := withTrailer(onePage("%PDF-1.4\n", text), "/Encrypt << /Filter /Standard /V 1 /R 2 /O "+pad+" /U "+pad+" /P -4 >> /ID [<0123456789abcdef0123456789abcdef> <0123456789abcdef0123456789abcdef>]")
	aes := withTrailer(empty, "/Encrypt << /Filter /Standard /V 5 /R 6 /Length 256 /O <00ff1b5b32> /U <00> /P -4 >> /ID [<01> <01>]")
	page := onePage("%PDF-1.4\n", text)
	xref := regexp.MustCompile(`startxref\n(\d+)`).FindSubmatch(page)[1]
	prevLoop := withTrailer(page, "/Prev "+string(xref))
	var bomb bytes.Buffer
	z, _ := zlib.NewWriterLevel(&bomb, zlib.BestCompression)
	zeros := make([]byte, 1<<20)
	for range 65 {
		z.Write(zeros)
	}
	z.Close()
	flateBomb := buildPDF("%PDF-1.4\n",
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
		"/Filter /FlateDecode|"+bomb.String())
	truncated := append(bytes.Clone(page[:200]), "\x00\x01\x1b[31m\xff\xfe binary"...)
	tests := []struct {
		name     string
		data     []byte
		sentinel error    // errors.Is, nil when none
		says     []string // in the message
		text     string   // a line of the layout when the file is read after all
	}{
		{"RC4 40-bit, no password opens it", rc440, layout.ErrEncrypted, []string{"RC4, 40-bit key"}, ""},
		{"AES 256-bit", aes, layout.ErrEncrypted, []string{"AES, 256-bit key", "does not support"}, ""},
		{"a /Prev chain that loops is rebuilt", prevLoop, nil, nil, "Hallo Welt"},
		{"a flate bomb", flateBomb, nil, []string{"compression bomb"}, ""},
		{"a truncated file with binary bytes", truncated, nil, nil, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l, err := Reader{}.Read(context.Background(), "bad.pdf", tt.data)
			if tt.text != "" {
				if err != nil {
					t.Fatalf("error %v, want the text read", err)
				}
				for _, line := range l.Lines {
					if line.Text == tt.text {
						return
					}
				}
				t.Fatalf("no line %q in %v", tt.text, l.Lines)
			}
			if err == nil {
				t.Fatal("no error")
			}
			msg := err.Error()
			if tt.sentinel != nil && !errors.Is(err, tt.sentinel) {
				t.Errorf("error %q is not %v", msg, tt.sentinel)
			}
			for _, s := range tt.says {
				if !strings.Contains(msg, s) {
					t.Errorf("error %q does not say %q", msg, s)
				}
			}
			if strings.Count(msg, "encrypted PDF") > 1 || strings.Contains(msg, "scanned pages") {
				t.Errorf("error %q", msg)
			}
			if printable.String(msg) != msg || len(msg) > 400 {
				t.Errorf("error %q carries raw bytes or is too long", msg)
			}
		})
	}
}

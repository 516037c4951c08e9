package pdf

import (
	"context"
	"fmt"
	"reflect"
	"strings"
	"testing"

	"drucksache/extract/layout"
)

// TestTurnedPages reads pages whose text is turned by a quarter turn: a landscape table printed on a
// portrait page (the page is read turned, its upright running header kept as a header), a running
// header seen sideways on a page turned by /Rotate, a note in the margin left out with a warning.
func TestTurnedPages(t *testing.T) {
	// ten lines reading upwards, as a landscape page printed on a portrait one: x grows down the lines
	var up strings.Builder
	for i := range 10 {
		fmt.Fprintf(&up, "BT /F1 10 Tf 0 1 -1 0 %d 100 Tm (Zeile %d der gedrehten Tabelle) Tj ET\n", 100+14*i, i+1)
	}
	header := "BT /F1 9 Tf 72 800 Td (Deutscher Bundestag - 20. Wahlperiode) Tj ET\n"
	note := "BT /F1 8 Tf 0 1 -1 0 30 300 Tm (Randnotiz) Tj ET\n"
	rotated := buildPDF("%PDF-1.4\n",
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Rotate 90 /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
		"|"+header+"BT /F1 10 Tf 0 1 -1 0 80 100 Tm (Text der Anlage) Tj ET\n"+up.String(),
		"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
	lines := []string{"Zeile 1 der gedrehten Tabelle"}
	for i := 2; i <= 10; i++ {
		lines = append(lines, fmt.Sprintf("Zeile %d der gedrehten Tabelle", i))
	}
	tests := []struct {
		name    string
		data    []byte
		body    []string
		headers []string
		warned  bool
	}{
		{"a landscape table on a portrait page", onePage("%PDF-1.4\n", header+up.String()), lines, []string{"Deutscher Bundestag - 20. Wahlperiode"}, false},
		{"a note in the margin", onePage("%PDF-1.4\n", header+note+"BT /F1 10 Tf 72 700 Td (Gerade) Tj ET"), []string{"Gerade"}, []string{"Deutscher Bundestag - 20. Wahlperiode"}, true},
		{"a page turned by /Rotate, its header sideways", rotated, append([]string{"Text der Anlage"}, lines...), []string{"Deutscher Bundestag - 20. Wahlperiode"}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l, err := Reader{}.Read(context.Background(), "t.pdf", tt.data)
			if err != nil {
				t.Fatal(err)
			}
			var body, headers []string
			for _, ln := range l.Lines {
				switch ln.Role {
				case layout.RoleBody:
					body = append(body, ln.Text)
				case layout.RoleHeader:
					headers = append(headers, ln.Text)
				}
			}
			warned := len(l.Warnings) > 0
			if !reflect.DeepEqual(body, tt.body) || !reflect.DeepEqual(headers, tt.headers) || warned != tt.warned {
				t.Errorf("\nbody %q\nheaders %q warned %v %v\nwant %q\n%q %v", body, headers, warned, l.Warnings, tt.body, tt.headers, tt.warned)
			}
		})
	}
}

package pdf

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"drucksache/extract/layout"
	"drucksache/extract/pdf/internal/content"
	"drucksache/internal/golden"
)

const fixturePath = "../../fixtures/nds-19-kleine-anfrage-it-infrastruktur.pdf"

func readFixture(t testing.TB) (*layout.Layout, []byte) {
	t.Helper()
	data, err := os.ReadFile(fixturePath)
	if err != nil {
		t.Fatal(err)
	}
	l, err := Reader{}.Read(context.Background(), fixturePath, data)
	if err != nil {
		t.Fatalf("Read: %v", err)
	}
	return l, data
}

// dump writes lines one per row: page:line, role, bold, break, table, header, then the text.
func dump(lines []layout.Line) string {
	var b strings.Builder
	roles := map[layout.Role]string{layout.RoleBody: "body", layout.RoleHeader: "header", layout.RolePageNumber: "pageno", layout.RoleFootnote: "footnote", layout.RoleFooter: "footer"}
	for _, l := range lines {
		flags := ""
		if l.Bold == layout.Yes {
			flags += "B"
		}
		if l.Break {
			flags += "P"
		}
		if l.Header {
			flags += "H"
		}
		tab := ""
		if l.Table > 0 {
			tab = fmt.Sprintf("T%d", l.Table)
		}
		fmt.Fprintf(&b, "%d:%d\t%s\t%s\t%s\t%q\n", l.Page, l.No, roles[l.Role], flags, tab, l.Text)
	}
	return b.String()
}

// TestPDFFixtureGolden keeps the lines of the fixture in a golden file (go test -run PDFFixtureGolden -update).
func TestPDFFixtureGolden(t *testing.T) {
	l, _ := readFixture(t)
	got := dump(l.Lines)
	file := filepath.Join("testdata", "nds-19-kleine-anfrage-it-infrastruktur.lines")
	golden.Check(t, file, []byte(got))
	if l.Pages != 9 {
		t.Errorf("Pages = %d, want 9", l.Pages)
	}
}

// TestPDFPositions proves that glyph positions are where the page shows them: the running header
// at the top of page 1 at the left margin, the title centred under it, the page number at the foot.
func TestPDFPositions(t *testing.T) {
	data, err := os.ReadFile(fixturePath)
	if err != nil {
		t.Fatal(err)
	}
	r, _, err := openPDF(data)
	if err != nil {
		t.Fatal(err)
	}
	doc := content.NewDoc(r)
	refs, err := doc.Pages(100)
	if err != nil || len(refs) != 9 {
		t.Fatalf("pages: %d, %v", len(refs), err)
	}
	pg, err := doc.Interpret(refs[0])
	if err != nil {
		t.Fatal(err)
	}
	lines := pageLines(pg, 1)
	near := func(got, want, tol float64) bool { return got > want-tol && got < want+tol }
	tests := []struct {
		name       string
		line       *textLine
		text       string
		x0, x1, y  float64 // page space; 0 means not checked
		size       float64
		bold       layout.Tri
		centeredIn float64 // page width when the line is centred on it
	}{
		{"the header is the first line, at the top left", lines[0],
			"Niedersächsischer Landtag – 19. Wahlperiode Drucksache 19/7520", 71, 524.5, 790.9, 9, layout.No, 0},
		{"the title is centred, bold, larger", lines[1], "Kleine Anfrage zur schriftlichen Beantwortung", 0, 0, 759.8, 13, layout.Yes, 595.3},
		{"the page number is the last line, at the foot", lines[len(lines)-1], "1", 0, 0, 44.4, 9, layout.No, 595.3},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l := tt.line
			if l.text() != tt.text || l.bold != tt.bold || !near(l.size, tt.size, 0.1) || !near(l.y, tt.y, 0.2) {
				t.Errorf("got  %q bold=%v size=%.1f y=%.1f\nwant %q bold=%v size=%.1f y=%.1f", l.text(), l.bold, l.size, l.y,
					tt.text, tt.bold, tt.size, tt.y)
			}
			if tt.x0 > 0 && (!near(l.x0, tt.x0, 0.3) || !near(l.x1, tt.x1, 1)) {
				t.Errorf("x = %.1f..%.1f, want %.1f..%.1f", l.x0, l.x1, tt.x0, tt.x1)
			}
			if tt.centeredIn > 0 && !near(l.x0+l.x1, tt.centeredIn, 4) {
				t.Errorf("x = %.1f..%.1f, not centred on the page", l.x0, l.x1)
			}
		})
	}
	// the words of the header line: two blocks, the number right-aligned at the right margin
	words := lines[0].words
	if w := words[len(words)-1]; w.text != "19/7520" || !near(w.x1, 524.5, 1) || words[len(words)-2].x0-words[len(words)-3].x1 < 100 {
		t.Errorf("header words: %+v", words)
	}
}

// TestPDFFixtureLines checks what the structure parser relies on, line by line.
func TestPDFFixtureLines(t *testing.T) {
	l, _ := readFixture(t)
	find := func(prefix string) *layout.Line {
		for i := range l.Lines {
			if strings.HasPrefix(l.Lines[i].Text, prefix) {
				return &l.Lines[i]
			}
		}
		return nil
	}
	tests := []struct {
		name   string
		prefix string
		want   layout.Line // the fields that are set are compared (Text, Page, Role, Bold, Break, Cells, Header)
	}{
		{"a question is bold and starts a paragraph", "1. Welche Technologien", layout.Line{Page: 1, Bold: layout.Yes, Break: true}},
		{"its continuation is bold, hangs, and goes on", "schen Digitalstrategie", layout.Line{Page: 1, Bold: layout.Yes}},
		{"the answer is not bold", "Gemäß der Digitalisierungsstrategie", layout.Line{Page: 1, Bold: layout.No, Break: true}},
		{"a hyphenated line end stays as printed", "Bis zum Jahr 2030",
			layout.Line{Page: 1, Bold: layout.No, Break: true, Text: "Bis zum Jahr 2030 soll eine digitale Transformation der Landesverwaltung umgesetzt wer-"}},
		{"a paragraph over a page break goes on", "genutzt. Zudem", layout.Line{Page: 2, Bold: layout.No}},
		{"a superscript marker in the body", "system NAVO", layout.Line{Page: 5, Bold: layout.No, Text: "system NAVO¹."}},
		{"the footnote at the foot of page 5", "¹ ", layout.Line{Page: 5, Role: layout.RoleFootnote, Bold: layout.No, Break: true,
			Text: "¹ Niedersächsisches Antragsystem für Verwaltungsleistungen Online."}},
		{"a list item starts with its bullet", "– die Entwicklung", layout.Line{Page: 7, Bold: layout.No, Break: true}},
		{"its hanging line goes on", "übergreifenden Vernetzung,", layout.Line{Page: 7, Bold: layout.No}},
		{"after the list a paragraph starts", "Diese Maßnahmen", layout.Line{Page: 7, Bold: layout.No, Break: true}},
		{"the years table: header row", "2017\t2018", layout.Line{Page: 2, Bold: layout.Yes, Break: true, Header: true,
			Cells: []string{"2017", "2018", "2019", "2020", "2021", "2022", "2023", "2024"}}},
		{"the years table: its row", "41,693", layout.Line{Page: 2, Bold: layout.No,
			Cells: []string{"41,693", "46,801", "50,191", "55,794", "65,735", "68,489", "81,799", "89,628"}}},
		{"the IT-positions table: a header wrapped over two lines is one row", "Anzahl IT-Lösungen",
			layout.Line{Page: 3, Bold: layout.Yes, Break: true, Header: true,
				Cells: []string{"Anzahl IT-Lösungen", "Gleichartige verwaltungsinterne Prozesse aus den Personal- bzw. Querschnittsbereichen"}}},
		{"the IT-positions table: number and text in their columns", "2\tBibliotheksverwaltung",
			layout.Line{Page: 3, Bold: layout.No, Cells: []string{"2", "Bibliotheksverwaltung"}}},
		{"an empty header cell is kept", "\tUmfang", layout.Line{Page: 5, Bold: layout.Yes, Break: true, Header: true,
			Cells: []string{"", "Umfang Open-Source-Programme"}}},
		{"an empty cell in a row is kept, a wrapped cell joined", "\t0301", layout.Line{Page: 7, Bold: layout.No,
			Cells: []string{"", "0301", "Ministerium für Inneres und Sport", "10,0", "10,0", "10,0", "0,0"}}},
		{"the total row", "\t\tGesamt", layout.Line{Page: 8, Bold: layout.No,
			Cells: []string{"", "", "Gesamt", "247,3", "220,8", "174,8", "5,0"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := find(tt.prefix)
			if got == nil {
				t.Fatalf("no line starts with %q", tt.prefix)
			}
			g := layout.Line{Page: got.Page, Role: got.Role, Bold: got.Bold, Break: got.Break, Header: got.Header, Cells: got.Cells}
			if tt.want.Text != "" {
				g.Text = got.Text
			}
			if !reflect.DeepEqual(g, tt.want) {
				t.Errorf("\ngot  %+v\nwant %+v", g, tt.want)
			}
			if got.Cells != nil && got.Text != strings.Join(got.Cells, "\t") {
				t.Errorf("Text %q is not the cells joined by tabs", got.Text)
			}
		})
	}
	// roles and tables over the whole document
	count := map[layout.Role]int{}
	tables := map[int]int{}
	for _, ln := range l.Lines {
		count[ln.Role]++
		if ln.Table > 0 {
			tables[ln.Table]++
			if ln.Cells == nil {
				t.Errorf("%d:%d: a table row without cells", ln.Page, ln.No)
			}
		}
		if ln.Role == layout.RoleHeader && ln.Text != "Niedersächsischer Landtag – 19. Wahlperiode Drucksache 19/7520" {
			t.Errorf("%d:%d: header %q", ln.Page, ln.No, ln.Text)
		}
	}
	if count[layout.RoleHeader] != 9 || count[layout.RolePageNumber] != 9 || count[layout.RoleFootnote] != 1 {
		t.Errorf("roles: %d headers, %d page numbers, %d footnotes; want 9, 9, 1", count[layout.RoleHeader], count[layout.RolePageNumber], count[layout.RoleFootnote])
	}
	// six tables, the last continued on the next page with its header repeated: one table, its
	// header repeated among its rows (the parser drops it)
	want := map[int]int{1: 2, 2: 16, 3: 18, 4: 18, 5: 4, 6: 26}
	if !reflect.DeepEqual(tables, want) {
		t.Errorf("rows per table: got %v, want %v", tables, want)
	}
}

// buildPDF writes a PDF with the given objects (numbered from 1; object 1 is the catalog) and
// a correct cross-reference table; streams are given as "dict|stream data".
func buildPDF(header string, objs ...string) []byte {
	var b bytes.Buffer
	b.WriteString(header)
	offs := make([]int, len(objs))
	for i, o := range objs {
		offs[i] = b.Len()
		if dict, data, ok := strings.Cut(o, "|"); ok {
			fmt.Fprintf(&b, "%d 0 obj\n<< %s /Length %d >>\nstream\n%s\nendstream\nendobj\n", i+1, dict, len(data), data)
		} else {
			fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, o)
		}
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(objs)+1)
	for _, off := range offs {
		fmt.Fprintf(&b, "%010d 00000 n \n", off)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(objs)+1, xref)
	return b.Bytes()
}

// cut cuts data before the last occurrence of marker.
func cut(data []byte, marker string) []byte {
	return data[:bytes.LastIndex(data, []byte(marker))]
}

// onePage is a one-page PDF drawing content with Helvetica as /F1.
func onePage(header, content string) []byte {
	return buildPDF(header,
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
		"|"+content,
		"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
}

func TestPDFBadInput(t *testing.T) {
	fixture, err := os.ReadFile(fixturePath)
	if err != nil {
		t.Fatal(err)
	}
	text := "BT /F1 12 Tf 72 700 Td (Hallo Welt) Tj ET"
	corrupt := bytes.Clone(fixture)
	if i := bytes.Index(corrupt, []byte("stream\n")); i > 0 { // the first content stream's deflate data
		for j := i + 20; j < i+60; j++ {
			corrupt[j] ^= 0x5a
		}
	}
	encrypted := buildPDF("%PDF-1.4\n",
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [] /Count 0 >>")
	encrypted = bytes.Replace(encrypted, []byte("/Root 1 0 R"), []byte("/Root 1 0 R /Encrypt << /Filter /Standard /V 5 /R 6 /Length 256 /O <00> /U <00> /P -4 >> /ID [<01> <01>]"), 1)
	scanned := buildPDF("%PDF-1.4\n",
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /XObject << /Im1 5 0 R >> >> >>",
		"|q 595 0 0 842 0 0 cm /Im1 Do Q",
		"/Type /XObject /Subtype /Image /Width 1 /Height 1 /ColorSpace /DeviceGray /BitsPerComponent 8|\x80")
	tests := []struct {
		name     string
		data     []byte
		wantErr  error  // errors.Is; nil: a layout
		wantText string // a line of the layout
		wantWarn string // a warning code, "" none needed
	}{
		{"the fixture cut in half", fixture[:len(fixture)/2], nil, "", ""},
		{"a corrupt content stream", corrupt, nil, "Niedersächsischer Landtag – 19. Wahlperiode Drucksache 19/7520", "pdf_page_unreadable"},
		{"unbalanced graphics state", onePage("%PDF-1.4\n", "Q Q q q "+text+" Q Q Q"), nil, "Hallo Welt", "pdf_page_damaged"},
		{"bytes before the header", append([]byte("garbage from a mail gateway\r\n"), onePage("%PDF-1.4\n", text)...), nil, "Hallo Welt", ""},
		{"a PDF 2.0 header", onePage("%PDF-2.0\n", text), nil, "Hallo Welt", ""},
		{"an unterminated hex string in the content", onePage("%PDF-1.4\n", text+" BT /F1 12 Tf 72 600 Td <48656c"), nil, "Hallo Welt", ""},
		{"an unknown font and operators", onePage("%PDF-1.4\n", "BT /F9 12 Tf 72 700 Td (abc) Tj xyz ] } ET"), nil, "abc", ""},
		{"encrypted", encrypted, layout.ErrEncrypted, "", ""},
		{"a scanned page without text", scanned, layout.ErrNoText, "", ""},
		{"not a PDF at all", []byte("%PDF-1.4\n%%EOF"), nil, "", ""},
		{"a file cut before its cross-reference table", cut(onePage("%PDF-1.4\n", text), "xref"), nil, "Hallo Welt", "pdf_repaired"},
		{"offsets shifted by an inserted line", bytes.Replace(onePage("%PDF-1.4\n", text), []byte("%PDF-1.4\n"),
			[]byte("%PDF-1.4\n% a line a tool inserted and did not count\n"), 1), nil, "Hallo Welt", "pdf_repaired"},
		{"a forged object count", bytes.Replace(onePage("%PDF-1.4\n", text), []byte("/Size 6"), []byte("/Size 4000000000"), 1), nil, "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l, err := Reader{}.Read(context.Background(), "bad.pdf", tt.data)
			if tt.wantErr != nil || tt.wantText == "" {
				if err == nil && tt.wantText == "" && tt.wantErr == nil {
					if l == nil || l.Pages < 1 {
						t.Fatalf("no error and no pages")
					}
					return // a truncated file may still be read: then it must have pages
				}
				var e *layout.Error
				if !errors.As(err, &e) || e.File != "bad.pdf" {
					t.Fatalf("err = %v, want an *Error naming the file", err)
				}
				if tt.wantErr != nil && !errors.Is(err, tt.wantErr) {
					t.Fatalf("err = %v, want %v", err, tt.wantErr)
				}
				if errors.Is(err, layout.ErrNoText) && e.Page != 1 {
					t.Errorf("no-text error names page %d, want 1", e.Page)
				}
				return
			}
			if err != nil {
				t.Fatalf("err = %v", err)
			}
			found := false
			for _, ln := range l.Lines {
				found = found || ln.Text == tt.wantText
			}
			if !found {
				t.Errorf("no line %q in\n%s", tt.wantText, dump(l.Lines))
			}
			if tt.wantWarn != "" {
				codes := []string{}
				for _, w := range l.Warnings {
					codes = append(codes, string(w.Code))
				}
				if !strings.Contains(strings.Join(codes, " "), tt.wantWarn) {
					t.Errorf("warnings %v, want %s", codes, tt.wantWarn)
				}
			}
		})
	}
}

// TestPDFCorpus reads every PDF beside the project (corpus and eval): lines or a clear error, never a panic.
func TestPDFCorpus(t *testing.T) {
	var files []string
	for _, dir := range []string{"../../fixtures", "../../../shared/corpus", "../../../shared/eval"} {
		m, _ := filepath.Glob(filepath.Join(dir, "*.pdf"))
		files = append(files, m...)
	}
	if len(files) == 0 {
		t.Skip("no PDFs found")
	}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			data, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			l, err := Reader{}.Read(context.Background(), f, data)
			if err != nil {
				var e *layout.Error
				if !errors.As(err, &e) {
					t.Fatalf("err %v is not an *Error", err)
				}
				return
			}
			if l.Pages < 1 || len(l.Lines) == 0 {
				t.Fatalf("%d pages, %d lines", l.Pages, len(l.Lines))
			}
		})
	}
}

// TestPDFSynthetic checks the content-stream interpreter on small pages made for one feature each.
func TestPDFSynthetic(t *testing.T) {
	form := buildPDF("%PDF-1.4\n",
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> /XObject << /X1 6 0 R >> >> >>",
		"|q 1 0 0 1 0 -100 cm /X1 Do Q",
		"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>",
		"/Type /XObject /Subtype /Form /BBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /XObject << /X1 6 0 R >>|BT /F1 12 Tf 72 700 Td (Aus dem Formular) Tj ET /X1 Do")
	tests := []struct {
		name string
		data []byte
		want []string   // the lines' texts
		bold layout.Tri // of the first line
	}{
		{"a raised small digit is a superscript", onePage("%PDF-1.4\n",
			"BT /F1 12 Tf 72 700 Td (NAVO) Tj 4 Ts /F1 7 Tf (1) Tj 0 Ts /F1 12 Tf (.) Tj ET"), []string{"NAVO¹."}, layout.No},
		{"a wide kerning gap separates words", onePage("%PDF-1.4\n",
			"BT /F1 12 Tf 72 700 Td [(Hallo) -400 (Welt)] TJ ET"), []string{"Hallo Welt"}, layout.No},
		{"letter-spacing does not split a word", onePage("%PDF-1.4\n",
			"BT /F1 12 Tf 3 Tc 72 700 Td (Zielsetzung) Tj ET"), []string{"Zielsetzung"}, layout.No},
		{"a word that runs into the text after it stays apart from it (TeX in a narrow cell)", onePage("%PDF-1.4\n",
			"BT /F1 10 Tf 74 700 Td (Steuerverwaltung) Tj ET BT /F1 10 Tf 140 700 Td (Studium an der) Tj ET"), []string{"Steuerverwaltung Studium an der"}, layout.No},
		{"lines in drawing order come out top to bottom", onePage("%PDF-1.4\n",
			"BT /F1 12 Tf 72 600 Td (unten) Tj ET BT /F1 12 Tf 72 700 Td (oben) Tj ET"), []string{"oben", "unten"}, layout.No},
		{"a line of rotated text beside upright text is left out", onePage("%PDF-1.4\n",
			"BT /F1 12 Tf 0 1 -1 0 30 300 Tm (seitlich) Tj ET BT /F1 12 Tf 72 700 Td (gerade) Tj ET"), []string{"gerade"}, layout.No},
		{"a form is drawn once, in its place, with its bold font", form, []string{"Aus dem Formular"}, layout.Yes},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l, err := Reader{}.Read(context.Background(), "t.pdf", tt.data)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, ln := range l.Lines {
				got = append(got, ln.Text)
			}
			if !reflect.DeepEqual(got, tt.want) || l.Lines[0].Bold != tt.bold {
				t.Errorf("\ngot  %q bold=%v\nwant %q bold=%v", got, l.Lines[0].Bold, tt.want, tt.bold)
			}
		})
	}
}

// TestPDFUnruledTable checks a table drawn without rules: columns from the white space that runs
// through its rows, a bold first row as its header, the prose after it left alone.
func TestPDFUnruledTable(t *testing.T) {
	content := "BT /F2 10 Tf 72 700 Td (Jahr) Tj 150 0 Td (Anzahl) Tj 150 0 Td (Anteil) Tj ET " +
		"BT /F1 10 Tf 72 686 Td (2020) Tj 150 0 Td (12) Tj 150 0 Td (4,5 %) Tj ET " +
		"BT /F1 10 Tf 72 672 Td (2021) Tj 150 0 Td (15) Tj ET " +
		"BT /F1 11 Tf 72 640 Td (Danach folgt wieder ein ganz gewoehnlicher Satz.) Tj ET"
	data := buildPDF("%PDF-1.4\n",
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R /F2 6 0 R >> >> >>",
		"|"+content,
		"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
		"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>")
	l, err := Reader{}.Read(context.Background(), "t.pdf", data)
	if err != nil {
		t.Fatal(err)
	}
	got := dump(l.Lines)
	want := "1:1\tbody\tBPH\tT1\t\"Jahr\\tAnzahl\\tAnteil\"\n" +
		"1:2\tbody\t\tT1\t\"2020\\t12\\t4,5 %\"\n" +
		"1:3\tbody\t\tT1\t\"2021\\t15\\t\"\n" +
		"1:4\tbody\tP\t\t\"Danach folgt wieder ein ganz gewoehnlicher Satz.\"\n"
	if got != want {
		t.Errorf("\ngot\n%s\nwant\n%s", got, want)
	}
}

// TestPDFConcurrent reads the fixture from several goroutines at once (run with -race): a
// reader shares no state between documents.
func TestPDFConcurrent(t *testing.T) {
	data, err := os.ReadFile(fixturePath)
	if err != nil {
		t.Fatal(err)
	}
	want, _ := readFixture(t)
	errs := make(chan error, 4)
	for i := 0; i < 4; i++ {
		go func() {
			l, err := Reader{}.Read(context.Background(), fixturePath, data)
			if err == nil && dump(l.Lines) != dump(want.Lines) {
				err = errors.New("lines differ from a single read")
			}
			errs <- err
		}()
	}
	for i := 0; i < 4; i++ {
		if err := <-errs; err != nil {
			t.Error(err)
		}
	}
}

// TestPDFSoftHyphen checks that a soft hyphen prints as "-" where it broke a word and vanishes inside a line.
func TestPDFSoftHyphen(t *testing.T) {
	data := onePage("%PDF-1.4\n", "BT /F1 12 Tf 72 700 Td (Ver\xadwaltungs\xad) Tj 0 -14 Td (Landes\xadverwaltung) Tj ET")
	l, err := Reader{}.Read(context.Background(), "t.pdf", data)
	if err != nil {
		t.Fatal(err)
	}
	got := []string{l.Lines[0].Text, l.Lines[1].Text}
	if want := []string{"Verwaltungs-", "Landesverwaltung"}; !reflect.DeepEqual(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
}

// TestPDFTwoColumns checks a page set in two columns: the left column is read before the right
// one, a line across the page stays where it is, and a paragraph goes on into the next column.
func TestPDFTwoColumns(t *testing.T) {
	var b strings.Builder
	b.WriteString("BT /F1 14 Tf 150 780 Td (Ein Titel quer ueber beide Spalten der Seite) Tj ET ")
	for i := 0; i < 12; i++ {
		y := 740 - 14*i
		fmt.Fprintf(&b, "BT /F1 10 Tf 72 %d Td (links Zeile %d mit einigen weiteren Woertern) Tj ET ", y, i+1)
		fmt.Fprintf(&b, "BT /F1 10 Tf 320 %d Td (rechts Zeile %d mit einigen weiteren Woertern) Tj ET ", y, i+1)
	}
	l, err := Reader{}.Read(context.Background(), "t.pdf", onePage("%PDF-1.4\n", b.String()))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, ln := range l.Lines {
		got = append(got, ln.Text)
	}
	want := []string{"Ein Titel quer ueber beide Spalten der Seite"}
	for _, side := range []string{"links", "rechts"} {
		for i := 1; i <= 12; i++ {
			want = append(want, fmt.Sprintf("%s Zeile %d mit einigen weiteren Woertern", side, i))
		}
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("\ngot  %q\nwant %q", got, want)
	}
	if first := l.Lines[13]; first.Break {
		t.Errorf("the right column's first line starts a paragraph; the left column's last line filled its column")
	}
}

// TestPDFTypeAndFurniture reads a Bundestag answer rendered by LibreOffice (scripts/papergen): every
// line says the size of its type, the words of a line where they start, and the note at the foot of
// page 1 ("Die Antwort wurde namens der Bundesregierung …") is furniture, not text.
func TestPDFTypeAndFurniture(t *testing.T) {
	const file = "../../fixtures/bt-21-9001-generated.pdf"
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	l, err := Reader{}.Read(context.Background(), file, data)
	if err != nil {
		t.Fatal(err)
	}
	find := func(prefix string) layout.Line {
		for _, line := range l.Lines {
			if strings.HasPrefix(line.Text, prefix) {
				return line
			}
		}
		t.Fatalf("no line starts %q", prefix)
		return layout.Line{}
	}
	question, answer := find("2. Welche Kriterien"), find("An den Bundesstraßen in Nordhessen")
	if question.Size != 9.5 || answer.Size != 10.5 {
		t.Errorf("question in %v pt, answer in %v pt; want 9.5 and 10.5", question.Size, answer.Size)
	}
	if question.Indent <= answer.Indent {
		t.Errorf("question indented %v, answer %v; want the question indented", question.Indent, answer.Indent)
	}
	if w := question.Words; len(w) == 0 || question.Text[w[0].At:] != question.Text[len("2. "):] || w[0].Indent <= question.Indent {
		t.Errorf("words of %q: %+v; want the second word after the number, right of the line's start", question.Text, w)
	}
	for _, prefix := range []string{"Die Antwort wurde namens der Bundesregierung", "vom 1. September 2025 übermittelt.", "Die Drucksache enthält zusätzlich"} {
		if r := find(prefix).Role; r != layout.RoleFooter {
			t.Errorf("%q has role %v, want the page's foot (footer)", prefix, r)
		}
	}
	if r := find("Drucksache 21/9001 – 2 –").Role; r != layout.RoleHeader {
		t.Errorf("page 2's header has role %v", r)
	}
}

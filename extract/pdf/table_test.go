package pdf

import (
	"context"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"

	"drucksache/extract/pdf/internal/content"
)

// tablePage is a one-page PDF that strokes the rules and shows the texts ("x y text", 10 pt Helvetica,
// every glyph half an em wide; "x y ^text" turned to read upwards from x y).
func tablePage(rules []content.Rule, texts ...string) []byte {
	var b strings.Builder
	for _, r := range rules {
		fmt.Fprintf(&b, "%.2f %.2f m %.2f %.2f l S\n", r.X0, r.Y0, r.X1, r.Y1)
	}
	for _, t := range texts {
		var x, y float64
		var s string
		fmt.Sscanf(t, "%f %f", &x, &y)
		s = strings.SplitN(t, " ", 3)[2]
		if up, ok := strings.CutPrefix(s, "^"); ok {
			fmt.Fprintf(&b, "BT /F1 10 Tf 0 1 -1 0 %.2f %.2f Tm (%s) Tj ET\n", x, y, up)
			continue
		}
		fmt.Fprintf(&b, "BT /F1 10 Tf %.2f %.2f Td (%s) Tj ET\n", x, y, s)
	}
	return buildPDF("%PDF-1.4\n",
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
		"|"+b.String(),
		"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
}

// TestRuledTable reads tables drawn cell by cell: the rows of a grid by its rules, a header cell
// spanning columns heading each of them, the lines of a cell joined into one string, a word broken
// at a narrow cell's edge joined where the document prints it whole.
func TestRuledTable(t *testing.T) {
	xs, ys := []float64{72, 200, 260, 320}, []float64{700, 676, 652, 628}
	spanning := cellRules(xs, ys, map[[2]int]bool{{0, 1}: true})
	narrow := cellRules([]float64{72, 130, 200}, []float64{700, 664, 640}, nil)
	// the label column has no rules between the body rows 1-3 and 4-5: two labels spanning rows
	tall := []float64{700, 676, 652, 628, 604, 580, 556}
	rowspan := withoutRules(cellRules(xs, tall, nil), 72, 200, 652, 628, 580)
	// a header band tall enough for turned text
	turnedHead := cellRules(xs, []float64{700, 640, 616, 592}, nil)
	tests := []struct {
		name string
		data []byte
		want [][]string // cells of the table's rows; a header row starts with "H:"
	}{
		{"two header levels, a wrapped label", tablePage(spanning,
			"74 690 Gruppe", "202 690 Jahr", "202 666 2023", "262 666 2024",
			"74 642 Landkreise", "74 631 (inkl. Region)", "202 642 36", "262 642 40"),
			[][]string{{"H:Gruppe", "Jahr", "Jahr"}, {"H:", "2023", "2024"}, {"Landkreise (inkl. Region)", "36", "40"}}},
		{"a word broken at the cell's edge, printed whole elsewhere", tablePage(narrow,
			"74 690 Datum der", "74 679 Beanstandun", "74 668 g", "132 690 Ort",
			"74 650 12.03.2024", "132 650 Celle", "72 600 Nach der Beanstandung ist nichts mehr offen."),
			[][]string{{"H:Datum der Beanstandung", "Ort"}, {"12.03.2024", "Celle"}}},
		{"a word that only fills the cell is not joined to the next", tablePage(narrow,
			"74 690 Datum der", "74 679 Beanstandun", "74 668 g", "132 690 Ort",
			"74 650 12.03.2024", "132 650 Celle"),
			[][]string{{"H:Datum der Beanstandun g", "Ort"}, {"12.03.2024", "Celle"}}},
		{"a label spanning rows heads each of them, printed in its first row or in its middle", tablePage(rowspan,
			"74 690 Landkreis", "202 690 Jahr", "262 690 Anzahl",
			"74 666 Celle", "202 666 2023", "262 666 412", "202 642 2024", "262 642 420", "202 618 2025", "262 618 431",
			"74 583 Gifhorn", "202 594 2024", "262 594 300", "202 570 2025", "262 570 310"),
			[][]string{{"H:Landkreis", "Jahr", "Anzahl"}, {"Celle", "2023", "412"}, {"Celle", "2024", "420"}, {"Celle", "2025", "431"},
				{"Gifhorn", "2024", "300"}, {"Gifhorn", "2025", "310"}}},
		{"header cells turned to read upwards", tablePage(turnedHead,
			"74 690 Landkreis", "218 645 ^Krippe", "278 645 ^Hort", "290 645 ^(Schule)",
			"74 625 Celle", "202 625 12", "262 625 30", "74 601 Gifhorn", "202 601 8", "262 601 9"),
			[][]string{{"H:Landkreis", "Krippe", "Hort (Schule)"}, {"Celle", "12", "30"}, {"Gifhorn", "8", "9"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l, err := Reader{}.Read(context.Background(), "t.pdf", tt.data)
			if err != nil {
				t.Fatal(err)
			}
			for _, w := range l.Warnings {
				t.Errorf("warning: %s", w.Message)
			}
			var got [][]string
			for _, ln := range l.Lines {
				if ln.Table == 0 {
					continue
				}
				row := append([]string(nil), ln.Cells...)
				if ln.Header {
					row[0] = "H:" + row[0]
				}
				got = append(got, row)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("\ngot  %q\nwant %q", got, tt.want)
			}
		})
	}
}

// withoutRules leaves out the horizontal rules between x0 and x1 at the heights ys: cells spanning rows.
func withoutRules(rules []content.Rule, x0, x1 float64, ys ...float64) []content.Rule {
	var out []content.Rule
	for _, r := range rules {
		if r.Y0 == r.Y1 && r.X0 == x0 && r.X1 == x1 && slices.Contains(ys, r.Y0) {
			continue
		}
		out = append(out, r)
	}
	return out
}

// line is a printed line for the tests: words at x positions ("74:Finanzamt"), 10 pt.
func testLine(y float64, bold bool, words ...string) *textLine {
	l := &textLine{y: y, size: 10, bold: 1}
	if bold {
		l.bold = 2
	}
	for _, w := range words {
		var x float64
		var text string
		x0, t, _ := strings.Cut(w, ":")
		fmt.Sscanf(x0, "%f", &x)
		text = t
		l.words = append(l.words, word{text: text, x0: x, x1: x + 5*float64(len(text)), size: 10})
	}
	l.x0, l.x1 = l.words[0].x0, l.words[len(l.words)-1].x1
	return l
}

// TestGroupRows checks which lines of a table without rules between its rows make one row.
func TestGroupRows(t *testing.T) {
	xs := []float64{70, 190, 250, 320}
	tests := []struct {
		name  string
		lines []*textLine
		want  []int
	}{
		{"a label wrapped after its figures", []*textLine{
			testLine(700, false, "74:Finanzamt", "215:212,5", "275:218,0"),
			testLine(686, false, "74:Finanzamt fuer Fahndung", "220:98,0", "275:104,0"),
			testLine(675, false, "74:Hannover"),
			testLine(661, true, "74:Insgesamt", "215:310,5", "275:322,0")}, []int{0, 1, 1, 2}},
		{"paragraph lines in the last column", []*textLine{
			testLine(700, false, "74:1", "200:14.03.", "260:Der Rat hat"),
			testLine(689, false, "260:den Beschluss"),
			testLine(678, false, "74:2", "200:02.08.", "260:Der Kreis")}, []int{0, 0, 1}},
		{"rows of text that fill their columns", []*textLine{
			testLine(700, false, "74:Bayern", "200:Muenchen"),
			testLine(686, false, "74:Berlin", "200:Berlin")}, []int{0, 1}},
		{"a group label in bold is a row of its own", []*textLine{
			testLine(700, false, "74:Celle", "215:12"),
			testLine(686, true, "74:Landkreise"),
			testLine(672, false, "74:Uelzen", "215:14")}, []int{0, 1, 2}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := groupRows(tt.lines, xs, true); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("rows %v, want %v", got, tt.want)
			}
		})
	}
}

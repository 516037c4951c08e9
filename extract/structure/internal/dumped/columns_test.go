package dumped

import (
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"

	"drucksache/extract/layout"
	"drucksache/extract/structure/internal/prose"
)

// layoutTable is a table held as data, with how `pdftotext -layout` prints it: each column's width
// in characters and whether its cells are set flush right (figures); a header cell over several
// columns (Span) is centred over them; a cell is printed over the lines given, a footnote marker
// after "^" raised onto a line of its own above.
type layoutTable struct {
	widths   []int
	right    []bool
	levels   [][]layoutHead // header levels, top first
	rows     [][][]string   // rows, their cells, each cell's printed lines
	above    []bool         // rows whose label is printed on lines of their own above the figures
	breakAt  int            // >0: a page break before this row, the header printed again
	shift    int            // the characters the rows after the break stand right of those before
	cut      int            // the last lines of the row above the break printed after it
	cutShift int            // the characters those lines stand off, left (<= 0)
}

// layoutHead is a header cell: its printed lines and how many columns it heads.
type layoutHead struct {
	lines []string
	span  int
}

// gap is the spaces between columns.
const gap = 3

// print renders the table as dumped text, one printed line each.
func (lt layoutTable) print() []layout.Line {
	var out []string
	header := lt.printHeader()
	out = append(out, header...)
	indent := ""
	for r, row := range lt.rows {
		printed := lt.printRow(r, row)
		if lt.breakAt > 0 && r == lt.breakAt-1 && lt.cut > 0 {
			// the row is cut by the page break: its last lines on the next page, set off by cutShift
			rest := printed[len(printed)-lt.cut:]
			out = append(out, printed[:len(printed)-lt.cut]...)
			out = append(out, "\f")
			out = append(out, header...)
			for _, l := range rest {
				out = append(out, l[-lt.cutShift:])
			}
			continue
		}
		if lt.breakAt > 0 && r == lt.breakAt {
			if lt.cut == 0 {
				out = append(out, "\f")
				out = append(out, header...)
			}
			indent = strings.Repeat(" ", lt.shift)
		}
		for _, l := range printed {
			out = append(out, indent+l)
		}
	}
	var lines []layout.Line
	page := 1
	for k, s := range out {
		if s == "\f" {
			page++
			continue
		}
		lines = append(lines, layout.Line{Text: s, Page: page, No: k + 1})
	}
	return lines
}

// printRow renders row r.
func (lt layoutTable) printRow(r int, row [][]string) []string {
	var out []string
	height := 0
	for _, c := range row {
		height = max(height, len(c))
	}
	if r < len(lt.above) && lt.above[r] {
		out = append(out, row[0]...)
		row = append([][]string{nil}, row[1:]...)
	}
	for n := 0; n < height; n++ {
		line, raised := "", ""
		for c, cell := range row {
			text := ""
			if n < len(cell) {
				text = cell[n]
			}
			if t, marker, ok := strings.Cut(text, "^"); ok {
				// a footnote marker printed raised: on a line of its own, right after the text
				text = t
				raised = lt.put(raised, strings.Repeat(" ", len([]rune(t)))+marker, c, 1, false)
			}
			line = lt.put(line, text, c, 1, lt.right[c])
		}
		if raised != "" {
			out = append(out, strings.TrimRight(raised, " "))
		}
		if strings.TrimSpace(line) != "" {
			out = append(out, strings.TrimRight(line, " "))
		}
	}
	return out
}

// printHeader renders the header levels.
func (lt layoutTable) printHeader() []string {
	var out []string
	for _, level := range lt.levels {
		height := 0
		for _, h := range level {
			height = max(height, len(h.lines))
		}
		for n := 0; n < height; n++ {
			line, c := "", 0
			for _, h := range level {
				text := ""
				if n < len(h.lines) {
					text = h.lines[n]
				}
				line = lt.put(line, text, c, h.span, false)
				c += h.span
			}
			if strings.TrimSpace(line) != "" {
				out = append(out, strings.TrimRight(line, " "))
			}
		}
	}
	return out
}

// put prints text into line in columns c to c+span-1: flush right, flush left in one column, or
// centred over several.
func (lt layoutTable) put(line, text string, c, span int, right bool) string {
	from := 0
	for k := 0; k < c; k++ {
		from += lt.widths[k] + gap
	}
	width := -gap
	for k := c; k < c+span; k++ {
		width += lt.widths[k] + gap
	}
	n := utf8.RuneCountInString(text)
	switch {
	case right:
		from += width - n
	case span > 1:
		from += (width - n) / 2
	}
	runes := []rune(line)
	for len(runes) < from+n {
		runes = append(runes, ' ')
	}
	copy(runes[from:], []rune(text))
	return string(runes)
}

// TestColumns prints tables held as data the way `pdftotext -layout` dumps them and reads them back:
// every class gives back the header levels and the cells exactly.
func TestColumns(t *testing.T) {
	words := prose.NewVocabulary(rawLines("Die Steuerverwaltung wirbt auf Messen."))
	tests := []struct {
		name   string
		table  layoutTable
		levels [][]string
		rows   [][]string
	}{{
		name: "wrapped header cells and labels",
		table: layoutTable{
			widths: []int{24, 8, 16, 12},
			right:  []bool{false, true, true, true},
			levels: [][]layoutHead{{{[]string{"Kommunale Gruppe"}, 1}, {[]string{"Anzahl", "der", "Kommune", "n"}, 1}, {[]string{"Stand der", "Liquiditäts-", "kredite (in", "Euro)"}, 1}, {[]string{"Verände-", "rung (in", "Prozent)"}, 1}}},
			rows: [][][]string{
				{{"Landkreise (inkl.", "Region Hannover)"}, {"36"}, {"1.270.358.658"}, {"+15,5"}},
				{{"Kreisfreie Städte (ohne", "Landeshauptstadt", "Hannover)"}, {"7"}, {"1.032.114.207"}, {"-4,2"}},
				{{"Insgesamt"}, {"942"}, {"3.363.829.510"}, {"+6,3"}},
			},
		},
		levels: [][]string{{"Kommunale Gruppe", "Anzahl der Kommunen", "Stand der Liquiditätskredite (in Euro)", "Veränderung (in Prozent)"}},
		rows: [][]string{
			{"Landkreise (inkl. Region Hannover)", "36", "1.270.358.658", "+15,5"},
			{"Kreisfreie Städte (ohne Landeshauptstadt Hannover)", "7", "1.032.114.207", "-4,2"},
			{"Insgesamt", "942", "3.363.829.510", "+6,3"},
		},
	}, {
		name: "three header levels over groups, a unit row, signs, a footnote marker printed raised",
		table: layoutTable{
			widths: []int{22, 10, 10, 10, 10, 10, 10},
			right:  []bool{false, true, true, true, true, true, true},
			levels: [][]layoutHead{
				{{[]string{"Schuldenart"}, 1}, {[]string{"2023"}, 3}, {[]string{"Veränderung"}, 3}},
				{{nil, 1}, {[]string{"Gebietskörperschaften"}, 2}, {[]string{"Zweck-", "verbände"}, 1}, {[]string{"Gebietskörperschaften"}, 2}, {[]string{"Zweck-", "verbände"}, 1}},
				{{nil, 1}, {[]string{"Insgesamt"}, 1}, {[]string{"darunter", "Gemeinden"}, 1}, {nil, 1}, {[]string{"Insgesamt"}, 1}, {[]string{"darunter", "Gemeinden"}, 1}, {nil, 1}},
				{{nil, 1}, {[]string{"in 1.000 Euro"}, 3}, {[]string{"in Prozent"}, 3}},
			},
			rows: [][][]string{
				{{"Schulden insgesamt"}, {"14.456.950"}, {"7.085.046"}, {"895.519"}, {"+4,3"}, {"+5,0"}, {"+2,1"}},
				{{"Kassenkredite^1)"}, {"3.158.412"}, {"1.402.317"}, {"12.804"}, {"+6,5"}, {"+6,8"}, {"+10,3"}},
				{{"Wertpapierschulden"}, {"185.000"}, {"60.000"}, {"g"}, {"-8,1"}, {"-8,3"}, {"x"}},
				{{"bei Gemeinden/Gv."}, {"96.514"}, {"40.229"}, {"–"}, {"+5,0"}, {"+7,2"}, {"x"}},
			},
		},
		levels: [][]string{
			{"Schuldenart", "2023", "2023", "2023", "Veränderung", "Veränderung", "Veränderung"},
			{"", "Gebietskörperschaften", "Gebietskörperschaften", "Zweckverbände", "Gebietskörperschaften", "Gebietskörperschaften", "Zweckverbände"},
			{"", "Insgesamt", "darunter Gemeinden", "", "Insgesamt", "darunter Gemeinden", ""},
			{"", "in 1.000 Euro", "in 1.000 Euro", "in 1.000 Euro", "in Prozent", "in Prozent", "in Prozent"},
		},
		rows: [][]string{
			{"Schulden insgesamt", "14.456.950", "7.085.046", "895.519", "+4,3", "+5,0", "+2,1"},
			{"Kassenkredite1)", "3.158.412", "1.402.317", "12.804", "+6,5", "+6,8", "+10,3"},
			{"Wertpapierschulden", "185.000", "60.000", "g", "-8,1", "-8,3", "x"},
			{"bei Gemeinden/Gv.", "96.514", "40.229", "–", "+5,0", "+7,2", "x"},
		},
	}, {
		name: "paragraph cells, a date one space before them, a page break with the header again and the rows set off",
		table: layoutTable{
			widths: []int{3, 18, 10, 34},
			right:  []bool{true, false, false, false},
			levels: [][]layoutHead{{{[]string{"Nr."}, 1}, {[]string{"Kommune"}, 1}, {[]string{"Datum"}, 1}, {[]string{"Sachverhalt und Ergebnis"}, 1}}},
			rows: [][][]string{
				{{"1"}, {"Gemeinde", "Altenwerder"}, {"14.03.2023"}, {"Der Rat hat den Höchstbetrag", "festgesetzt, ohne die Kommunal-", "aufsicht zu fragen."}},
				{{"2"}, {"Stadt Neuenhafen"}, {"21.11.2023"}, {"Die Satzung wurde beanstandet.", "Der Rat hat sie im Februar 2024", "geändert."}},
			},
			breakAt: 1,
			shift:   3,
		},
		levels: [][]string{{"Nr.", "Kommune", "Datum", "Sachverhalt und Ergebnis"}},
		rows: [][]string{
			{"1", "Gemeinde Altenwerder", "14.03.2023", "Der Rat hat den Höchstbetrag festgesetzt, ohne die Kommunalaufsicht zu fragen."},
			{"2", "Stadt Neuenhafen", "21.11.2023", "Die Satzung wurde beanstandet. Der Rat hat sie im Februar 2024 geändert."},
		},
	}, {
		name: "a row cut by a page break, its rest set off left into the column of dates",
		table: layoutTable{
			widths: []int{3, 18, 10, 34},
			right:  []bool{true, false, false, false},
			levels: [][]layoutHead{{{[]string{"Nr."}, 1}, {[]string{"Kommune"}, 1}, {[]string{"Datum"}, 1}, {[]string{"Sachverhalt und Ergebnis"}, 1}}},
			rows: [][][]string{
				{{"1"}, {"Gemeinde", "Altenwerder"}, {"14.03.2023"}, {"Der Rat hat den Höchstbetrag", "festgesetzt."}},
				{{"2"}, {"Stadt Neuenhafen"}, {"21.11.2023"}, {"Die Satzung wurde beanstandet.", "Der Rat hat sie im Februar", "Die Satzung gilt nun."}},
				{{"3"}, {"Samtgemeinde"}, {"11.03.2025"}, {"Ein Kredit in Franken wurde", "aufgenommen."}},
			},
			breakAt:  2,
			cut:      1,
			cutShift: -5,
		},
		levels: [][]string{{"Nr.", "Kommune", "Datum", "Sachverhalt und Ergebnis"}},
		rows: [][]string{
			{"1", "Gemeinde Altenwerder", "14.03.2023", "Der Rat hat den Höchstbetrag festgesetzt."},
			{"2", "Stadt Neuenhafen", "21.11.2023", "Die Satzung wurde beanstandet. Der Rat hat sie im Februar Die Satzung gilt nun."},
			{"3", "Samtgemeinde", "11.03.2025", "Ein Kredit in Franken wurde aufgenommen."},
		},
	}, {
		name: "a label on its own line above its figures, reaching into the next column; a word broken without a hyphen",
		table: layoutTable{
			widths: []int{11, 30, 8, 8},
			right:  []bool{false, false, true, true},
			levels: [][]layoutHead{{{[]string{"Laufbahn"}, 1}, {[]string{"Ausbildung"}, 1}, {[]string{"Anzahl"}, 1}, {[]string{"darunter", "Frauen"}, 1}}},
			rows: [][][]string{
				{{"Steuerverwa", "ltung"}, {"Studium an der Akademie"}, {"412"}, {"251"}},
				{{"Anwärter"}, {"Ausbildung zur Finanzwirtin", "oder zum Finanzwirt"}, {"356"}, {"208"}},
				{{"Finanzverwaltung"}, {"Studium der Finanzen"}, {"12"}, {"7"}},
				{{"Insgesamt"}, nil, {"780"}, {"466"}},
			},
			above: []bool{false, true, true, false},
		},
		levels: [][]string{{"Laufbahn", "Ausbildung", "Anzahl", "darunter Frauen"}},
		rows: [][]string{
			{"Steuerverwaltung", "Studium an der Akademie", "412", "251"},
			{"Anwärter", "Ausbildung zur Finanzwirtin oder zum Finanzwirt", "356", "208"},
			{"Finanzverwaltung", "Studium der Finanzen", "12", "7"},
			{"Insgesamt", "", "780", "466"},
		},
	}}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			lines := tc.table.print()
			got, n := Columns(lines, 0, words)
			if got == nil {
				t.Fatalf("no table read from\n%s", joinText(lines))
			}
			if n != len(lines) {
				t.Errorf("took %d lines of %d", n, len(lines))
			}
			var levels, rows [][]string
			for _, l := range got {
				if l.Header {
					levels = append(levels, l.Cells)
				} else {
					rows = append(rows, l.Cells)
				}
			}
			if !reflect.DeepEqual(levels, tc.levels) {
				t.Errorf("header levels\n got %q\nwant %q\nfrom\n%s", levels, tc.levels, joinText(lines))
			}
			if !reflect.DeepEqual(rows, tc.rows) {
				t.Errorf("rows\n got %q\nwant %q\nfrom\n%s", rows, tc.rows, joinText(lines))
			}
		})
	}
}

// TestColumnsDeclines checks text that is no table printed at its columns.
func TestColumnsDeclines(t *testing.T) {
	tests := []struct{ name, text string }{
		{"figures one space apart (a dump without -layout)", "Maßnahme / Jahr   2019 2020 2021\nSanierung Radiochemie K07    415 5.250 6.222\nSanierung Klinik    200 600 1.214"},
		{"no header above the rows", "Ammerland    14.094    15.985\nAurich    12.001    13.442"},
		{"prose with a wide gap", "1.  Wie viele Stellen waren besetzt?\nDie Zahl ist gestiegen."},
		{"one row only", "Jahr    Anzahl\n2021      48\nDie Zahl ist gestiegen, wie die Übersicht zeigt, und sie steigt weiter."},
		{"a row longer than any row of a table", "Jahr    Art       Anzahl\n2021    Bau          48\n" +
			strings.Repeat("        weiter\n", maxRowLines+1) + "2022    Bau          52"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got, _ := Columns(rawLines(tc.text), 0, nil); got != nil {
				t.Errorf("read a table: %v", got)
			}
		})
	}
}

// joinText is the printed text of lines.
func joinText(lines []layout.Line) string {
	var b strings.Builder
	for _, l := range lines {
		b.WriteString(l.Text)
		b.WriteByte('\n')
	}
	return b.String()
}

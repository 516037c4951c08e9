package structure

import (
	"reflect"
	"strings"
	"testing"

	"drucksache/extract/layout"
)

// rowsOf makes the lines of one reader table: "H|a|b" is a header row, "p2|a|b" a row on page 2.
func rowsOf(rows ...string) []layout.Line {
	var out []layout.Line
	for i, r := range rows {
		l := layout.Line{Table: 1, Page: 1, No: i + 1}
		switch {
		case strings.HasPrefix(r, "H|"):
			l.Header, r = true, r[2:]
		case strings.HasPrefix(r, "p2|"):
			l.Page, r = 2, r[3:]
		case strings.HasPrefix(r, "p2H|"):
			l.Page, l.Header, r = 2, true, r[4:]
		}
		l.Cells = strings.Split(r, "|")
		l.Text = strings.Join(l.Cells, "\t")
		out = append(out, l)
	}
	return out
}

func TestReaderTable(t *testing.T) {
	tests := []struct {
		name   string
		lines  []layout.Line
		header []string
		units  []string
		rows   [][]string
	}{
		{"a unit level of the header", rowsOf("H|Art|2023|2024", "H||in Euro|in Euro", "Kredite|1|2"),
			[]string{"Art", "2023", "2024"}, []string{"", "in Euro", "in Euro"}, [][]string{{"Kredite", "1", "2"}}},
		{"header levels joined by their path", rowsOf("H|Schuldenart|2023|2023|2024", "H||Insgesamt|darunter Gemeinden|Insgesamt", "Kredite|1|2|3"),
			[]string{"Schuldenart", "2023 / Insgesamt", "2023 / darunter Gemeinden", "2024 / Insgesamt"}, nil, [][]string{{"Kredite", "1", "2", "3"}}},
		{"a unit row under the header, printed once over its columns", rowsOf("H|Art|2023|2024|Veränderung", "|in 1.000 Euro||in Prozent", "Kredite|1|2|+3"),
			[]string{"Art", "2023", "2024", "Veränderung"}, []string{"", "in 1.000 Euro", "in 1.000 Euro", "in Prozent"}, [][]string{{"Kredite", "1", "2", "+3"}}},
		{"a level naming a unit not of money or share stays a level", rowsOf("H|Getreide|Importe|Ernte", "H||in Tonnen|in Euro", "Hafer|1|2"),
			[]string{"Getreide", "Importe / in Tonnen", "Ernte / in Euro"}, nil, [][]string{{"Hafer", "1", "2"}}},
		{"a header repeated after a page break, a row cut by it", rowsOf("H|Nr.|Sachverhalt", "1|Der Rat hat", "2|Die Samtgemeinde hat einen Kre-", "p2H|Nr.|Sachverhalt", "p2||dit aufgenommen.", "p2|3|Der Kreistag"),
			[]string{"Nr.", "Sachverhalt"}, nil, [][]string{{"1", "Der Rat hat"}, {"2", "Die Samtgemeinde hat einen Kredit aufgenommen."}, {"3", "Der Kreistag"}}},
		{"no row cut where the row after the break has a figure of its own", rowsOf("H|Laufbahn|Ausbildung|Anzahl", "A|Studium|412", "A|Ausbildung|356", "p2||Lehrgang|12"),
			[]string{"Laufbahn", "Ausbildung", "Anzahl"}, nil, [][]string{{"A", "Studium", "412"}, {"A", "Ausbildung", "356"}, {"", "Lehrgang", "12"}}},
		{"no row cut where rows leave the first cell empty", rowsOf("H|Laufbahn|Anzahl", "A|1", "|2", "p2||3"),
			[]string{"Laufbahn", "Anzahl"}, nil, [][]string{{"A", "1"}, {"", "2"}, {"", "3"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tb, n := readerTable(tt.lines)
			if n != len(tt.lines) {
				t.Errorf("took %d lines, want %d", n, len(tt.lines))
			}
			if !reflect.DeepEqual(tb.header, tt.header) || !reflect.DeepEqual(tb.columnUnits, tt.units) || !reflect.DeepEqual(tb.rows, tt.rows) {
				t.Errorf("\nheader %q units %q rows %q\nwant   %q units %q rows %q", tb.header, tb.columnUnits, tb.rows, tt.header, tt.units, tt.rows)
			}
		})
	}
}

// FuzzReaderTable: any rows give a table that takes them all, with a header as wide as its widest
// level, and column units as wide as the row that named them.
func FuzzReaderTable(f *testing.F) {
	f.Add("H|Art|2023|2023\nH||Insgesamt|darunter\n|in 1.000 Euro|\nKredite|1|2\np2H|Art|2023|2023\np2||3|")
	f.Add("a|b\n|c\np2||d")
	f.Add("H|\nH||||\n|in Prozent")
	f.Fuzz(func(t *testing.T, src string) {
		rows := strings.Split(src, "\n")
		if len(rows) > 50 {
			rows = rows[:50]
		}
		lines := rowsOf(rows...)
		tb, n := readerTable(lines)
		if n != len(lines) {
			t.Fatalf("took %d of %d lines", n, len(lines))
		}
		for _, l := range tb.headerRows {
			if len(l) > len(tb.header) {
				t.Fatalf("header %q narrower than level %q", tb.header, l)
			}
		}
		if len(tb.rows)+len(tb.headerRows) > len(lines)+1 {
			t.Fatalf("%d rows and %d levels from %d lines", len(tb.rows), len(tb.headerRows), len(lines))
		}
		tb.below([]layout.Line{{Text: src, Break: true}}, 0)
	})
}

package dumped

import (
	"reflect"
	"strings"
	"testing"

	"drucksache/extract/text"
	"drucksache/transform"
)

// Above takes from the prose above a table read from dumped text what belongs to the table:
// a stacked header with the group label below it (Drs. 19/11136), the title above a header the dump
// repeats (Drs. 19/11136, question 2). A table that has its header takes nothing.
func TestAbove(t *testing.T) {
	const stacked = "wie folgt angegeben: \n 2019 \nrichterli-\ncher/ \nDienst \nGerichts-\nvollzie-\nher/innen \nOberlandesgerichte       \n"
	const repeated = "freigehalten werden. \nOberlandesgerichtsbezirk Braunschweig \nGericht Unbesetzte Stellen(anteile) \nAG Bad Gandersheim 1,00 \nA7 OSekr/-in 1,00 \nGericht Unbesetzte Stellen(anteile) \nA8 HptSekr/-in 1,00 \n"
	tests := []struct {
		name   string
		text   string
		prose  int // lines of prose above the table
		open   bool
		full   int
		rest   int // lines of prose left
		header string
		title  string
		first  string // the first row
	}{
		{"a stacked header and a group label", stacked + "Braunschweig 34,19 6,00 \nCelle 86,00 24,00 ", 9, true, 95,
			1, "2019|richterlicher/ Dienst|Gerichtsvollzieher/innen", "", "Oberlandesgerichte||"},
		{"all the prose is header", " 2019 \nrichterli-\ncher/ \nDienst \nGerichts-\nvollzie-\nher/innen \nBraunschweig 34,19 6,00 \nCelle 86,00 24,00 ", 7, true, 95,
			0, "2019|richterlicher/ Dienst|Gerichtsvollzieher/innen", "", "Braunschweig|34,19|6,00"},
		{"the title above a repeated header", repeated, 2, true, 42,
			1, "Gericht|Unbesetzte Stellen(anteile)", "Oberlandesgerichtsbezirk Braunschweig", "AG Bad Gandersheim|1,00"},
		{"a table with its header", "Die Zahlen: \nLandkreis 2024 2025 \nAmmerland 14.094 15.985 \nAurich 18.233 19.001 ", 1, true, 95,
			1, "Landkreis|2024|2025", "", "Ammerland|14.094|15.985"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			lines, _ := text.Lines(tt.text)
			tb, _ := Read(lines, tt.prose, tt.full, nil, transform.Sums{})
			if tb == nil {
				t.Fatal("no table")
			}
			rest := Above(lines[:tt.prose], tt.open, tb, tt.full)
			got := []string{strings.Join(tb.Header, "|"), tb.Title, strings.Join(tb.Rows[0], "|")}
			if want := []string{tt.header, tt.title, tt.first}; len(rest) != tt.rest || !reflect.DeepEqual(got, want) {
				t.Errorf("Above left %d lines, table %q; want %d, %q", len(rest), got, tt.rest, want)
			}
		})
	}
}

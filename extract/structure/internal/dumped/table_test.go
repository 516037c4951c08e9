package dumped

import (
	"strings"
	"testing"

	"drucksache/extract/layout"
)

func TestDataRow(t *testing.T) {
	tests := []struct {
		line  string
		label string
		vals  []string
	}{
		{"Ammerland 127.632 ", "Ammerland", []string{"127.632"}},
		{"Helmstedt  11.923 10.624", "Helmstedt", []string{"11.923", "10.624"}},
		{"Dauer Klageverfahren 26,4 M. 28,2 M. 21,8 M.", "Dauer Klageverfahren", []string{"26,4 M.", "28,2 M.", "21,8 M."}},
		{"Rückführung Heimatland --- --- --- 1 ", "Rückführung Heimatland", []string{"---", "---", "---", "1"}},
		{" 2023* 2024* 2025* 2026** ", "", []string{"2023*", "2024*", "2025*", "2026**"}},
		// running text that ends in a number is no row
		{"Bürgerinnen und Bürgern stehen flächendeckend Onlinedienste für derzeit 205 OZG Leistungen bzw. 1 029", "", nil},
		{"Die Kosten liegen noch nicht vor.", "", nil},
	}
	for _, tt := range tests {
		label, vals, ok := dataRow(layout.Line{Text: tt.line}, 100)
		if ok != (tt.vals != nil) || label != tt.label || strings.Join(vals, "|") != strings.Join(tt.vals, "|") {
			t.Errorf("dataRow(%q)\n got  %v %q %q\n want %q %q", tt.line, ok, label, vals, tt.label, tt.vals)
		}
	}
}

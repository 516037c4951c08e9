package dumped

import (
	"drucksache/transform"
	"fmt"
	"strings"
	"testing"
)

// Dumped tables with figures grouped by thousands (Drs. 19/11192 and variants of it): read into
// the columns a header of years names where the evidence decides each row, a row it does not
// decide kept as printed, with a doubt.
func TestDumpTableThousands(t *testing.T) {
	tests := []struct {
		name   string
		text   string
		header string
		rows   []string
		doubts string // each doubt: row, marker and readings
	}{
		{"a header line of years", "Ausfallarbeit in GWh  \n(gerundet) \n2024 2025 \nWind offshore 2 412 1 445 \nWind onshore 911 804 \nPhotovoltaik 29 27 ",
			"Ausfallarbeit in GWh (gerundet)|2024|2025",
			[]string{"Wind offshore|2 412|1 445", "Wind onshore|911|804", "Photovoltaik|29|27"}, ""},
		{"a first row of years", "Energieträger 2024 2025 \nWind offshore 2 412 1 445 \nWind onshore 911 804 ",
			"Energieträger|2024|2025",
			[]string{"Wind offshore|2 412|1 445", "Wind onshore|911|804"}, ""},
		{"no header of years: two figures or four", "Ausfallarbeit in GWh \nWind offshore 2 412 1 445 \nWind onshore 911 804 ",
			"||||",
			[]string{"Wind offshore|2|412|1|445", "Wind onshore|911|804||"}, ""},
		{"a row that splits two ways, read by the magnitude of its columns", "Ausfallarbeit \n2024 2025 \nWind offshore 45 000 512 \nWind onshore 12 412 678 \nPhotovoltaik 27 500 98 ",
			"Ausfallarbeit|2024|2025",
			[]string{"Wind offshore|45 000|512", "Wind onshore|12 412|678", "Photovoltaik|27 500|98"}, ""},
		{"a row that splits two ways with nothing to tell: kept as printed", "Ausfallarbeit \n2024 2025 \nWind offshore 2 412 1 445 \nWind onshore 12 345 678 ",
			"Ausfallarbeit|2024|2025",
			[]string{"Wind offshore|2 412|1 445", "Wind onshore|12|345|678"}, "1:0:2"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			tab, _ := Read(blankBreaks(rawLines(tc.text)), 0, 95, nil, transform.Sums{})
			if tab == nil {
				t.Fatalf("no table")
			}
			if got := strings.Join(tab.Header, "|"); got != tc.header {
				t.Errorf("header %q, want %q", got, tc.header)
			}
			rows := joinedRows(tab.Rows)
			if strings.Join(rows, "\n") != strings.Join(tc.rows, "\n") {
				t.Errorf("rows\n%s\nwant\n%s", strings.Join(rows, "\n"), strings.Join(tc.rows, "\n"))
			}
			if got := showDoubts(tab.Doubts); got != tc.doubts {
				t.Errorf("doubts %q, want %q", got, tc.doubts)
			}
		})
	}
}

// showDoubts writes each doubt as row:marker:readings.
func showDoubts(ds []Doubt) string {
	var out []string
	for _, d := range ds {
		out = append(out, fmt.Sprintf("%d:%d:%d", d.Row, d.Marker, d.Readings))
	}
	return strings.Join(out, " ")
}

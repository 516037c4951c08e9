package dumped

import (
	"strings"
	"testing"
)

// Figures grouped by thousands with a space, as dumped words, and the one way they split into
// n figures, or none where there is no such split or more than one.
func TestGroupFigures(t *testing.T) {
	tests := []struct {
		words string
		n     int
		want  string
		ok    bool
	}{
		{"2 412 1 445", 2, "2 412|1 445", true},
		{"1 029 412", 1, "1 029 412", true},
		{"5 000 12", 2, "5 000|12", true},
		{"911 804", 2, "911|804", true},
		{"12 345 678", 2, "", false},  // "12 345|678" or "12|345 678"
		{"2024 412", 1, "", false},    // a year followed by a figure is no group
		{"0 412", 1, "", false},       // no figure starts with 0
		{"2 41 1 445", 2, "", false},  // a group has three digits
		{"2 412 1 445", 3, "", false}, // "2|412|1 445" or "2 412|1|445"
		{"1,5 412", 1, "", false},
		// A long row of three-digit words has very many splits: counted, not walked one by one.
		{strings.Repeat("123 ", 60), 20, "", false},
		{"7 " + strings.Repeat("123 ", 59), 1, "7" + strings.Repeat(" 123", 59), true},
	}
	for _, tc := range tests {
		got, ok := groupFigures(strings.Fields(tc.words), tc.n)
		if ok != tc.ok || ok && strings.Join(got, "|") != tc.want {
			t.Errorf("groupFigures(%q, %d) = %q %v, want %q %v", tc.words, tc.n, got, ok, tc.want, tc.ok)
		}
	}
}

// Dumped tables with figures grouped by thousands (Drs. 19/11192 and variants of it): joined
// where a header of years says how many figures a row has, left as printed otherwise.
func TestReadThousands(t *testing.T) {
	tests := []struct {
		name   string
		text   string
		header string
		rows   []string
	}{
		{"a header line of years", "Ausfallarbeit in GWh  \n(gerundet) \n2024 2025 \nWind offshore 2 412 1 445 \nWind onshore 911 804 \nPhotovoltaik 29 27 ",
			"Ausfallarbeit in GWh (gerundet)|2024|2025",
			[]string{"Wind offshore|2 412|1 445", "Wind onshore|911|804", "Photovoltaik|29|27"}},
		{"a first row of years", "Energieträger 2024 2025 \nWind offshore 2 412 1 445 \nWind onshore 911 804 ",
			"Energieträger|2024|2025",
			[]string{"Wind offshore|2 412|1 445", "Wind onshore|911|804"}},
		{"no header of years: two figures or four", "Ausfallarbeit in GWh \nWind offshore 2 412 1 445 \nWind onshore 911 804 ",
			"||||",
			[]string{"Wind offshore|2|412|1|445", "Wind onshore|911|804||"}},
		{"one row splits two ways: no row is joined", "Ausfallarbeit \n2024 2025 \nWind offshore 2 412 1 445 \nWind onshore 12 345 678 \nPhotovoltaik 29 27 ",
			"||||",
			[]string{"Wind offshore|2|412|1|445", "Wind onshore|12|345|678|", "Photovoltaik|29|27||"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			tab, _ := Read(blankBreaks(rawLines(tc.text)), 0, 95)
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
		})
	}
}

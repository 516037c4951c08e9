package dumped

import (
	"strings"
	"testing"

	"reflect"

	"drucksache/extract/layout"
	"drucksache/transform"
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
		// a date that ends a letter (Drs. 20/13317) is no row; a month that labels a row is one
		{"Berlin, den 11. Oktober 2024", "", nil},
		{"Oktober 2024", "Oktober", []string{"2024"}},
		{"Eingänge bis 11. Oktober 2024 2025", "Eingänge bis 11. Oktober", []string{"2024", "2025"}},
	}
	for _, tt := range tests {
		label, vals, ok := dataRow(layout.Line{Text: tt.line}, 100)
		if ok != (tt.vals != nil) || label != tt.label || strings.Join(vals, "|") != strings.Join(tt.vals, "|") {
			t.Errorf("dataRow(%q)\n got  %v %q %q\n want %q %q", tt.line, ok, label, vals, tt.label, tt.vals)
		}
	}
}

// Rows of Drs. 19/11242 labelled by a school year carry further school years among their cells;
// a label with words, or years that do not follow each other, stays as printed.
func TestSplitValuesSchoolYears(t *testing.T) {
	tests := []struct{ text, label, vals string }{
		{"2025/2026 21.149 2024/2025 22.895 1.746 7,6% ", "2025/2026", "21.149|2024/2025|22.895|1.746|7,6%"},
		{"2026/2027 ~ 2025/26 7.509 ~ ~ 2024/2025 8.534 ", "2026/2027", "~|2025/26|7.509|~|~|2024/2025|8.534"},
		{"2025/2026 44.326 22.059 ", "2025/2026", "44.326|22.059"},
		{"Schuljahr 2024/2025 120 130 ", "Schuljahr 2024/2025", "120|130"},
		{"2025/2026 Gymnasium 2024/2025 12 13 ", "2025/2026 Gymnasium 2024/2025", "12|13"},
		{"2025/2027 12 2024/2025 13 ", "2025/2027 12 2024/2025", "13"},
	}
	for _, tc := range tests {
		label, vals := splitValues(layout.Line{Text: tc.text})
		if label != tc.label || strings.Join(vals, "|") != tc.vals {
			t.Errorf("splitValues(%q) = %q %q, want %q %q", tc.text, label, vals, tc.label, tc.vals)
		}
	}
}

// Header lines of dumped tables (Drs. 19/11242, 19/11185, 19/11144, 19/11192, 19/11224, 19/11279)
// and the header cells read from them for a table of width columns: one per column where the
// lines leave no doubt, none (all empty) where aligning them would be a guess.
func TestSplitHeader(t *testing.T) {
	tests := []struct {
		name   string
		head   string
		width  int
		header string
	}{
		{"school years under the label header, a measure per column",
			"RLSB Schulform Schuljahr \n2025/2026 2024/2025 2023/2024 2022/2023 2021/2022 \nAnz SuS Anz SuS Anz SuS Anz SuS Anz SuS ", 6,
			"RLSB Schulform|2025/2026|2024/2025|2023/2024|2022/2023|2021/2022"},
		{"years counting up under a label header", "Landkreis \n2021 2022 2023 ", 4, "Landkreis|2021|2022|2023"},
		{"years alone", "Jahr \n2023 2024 ", 3, "|2023|2024"},
		{"below the years a line that is no repeated measure", "RLSB Schulform \n2025/2026 2024/2025 \nAnzahl der Schüler ", 3, "||"},
		{"years out of order are no header line", "Bereich Stichtag \n2023 2021 2025 ", 4, "|||"},
		{"years from the start, the last in words", " 2021 2022 2023 2024 2025 Jan. bis \nMai 2026 ", 7, "|2021|2022|2023|2024|2025|Jan. bis Mai 2026"},
		{"years from the start after a word naming them", "Jahr 2021 2022 2025 Jan. bis \nMai 2026 ", 5, "Jahr|2021|2022|2025|Jan. bis Mai 2026"},
		{"a word naming the years and one year too many", "Jahr 2021 2022 2025 Jan. bis \nMai 2026 ", 4, "|||"},
		{"one line a column", "Gesundheitsregion Alter über \n65 bis 74 \n75 und älter ", 3, "Gesundheitsregion|Alter über 65 bis 74|75 und älter"},
		{"a line split at davon under the group it counts", "Richterinnen und Richter in der Ver-\nwaltungsgerichtsbarkeit \nGesamtzahl davon Richterinnen \nund Richter auf Probe ", 3,
			"|Richterinnen und Richter in der Verwaltungsgerichtsbarkeit / Gesamtzahl|Richterinnen und Richter in der Verwaltungsgerichtsbarkeit / davon Richterinnen und Richter auf Probe"},
		{"davon without a group", "Anzahl davon weiblich ", 3, "|Anzahl|davon weiblich"},
		{"davon and darunter: three value columns", "Anzahl davon weiblich darunter unter 18 ", 4, "|Anzahl|davon weiblich|darunter unter 18"},
		{"davon cells not as many as the value columns", "Gesamtzahl davon Richterinnen \nund Richter auf Probe ", 4, "|||"},
		{"a line below davon that does not continue its cell", "Gesamtzahl davon auf Probe \nStand Juni ", 3, "||"},
		{"first line one phrase", "Richterinnen und Richter in der Ver-\nwaltungsgerichtsbarkeit \nGesamtzahl der Richterinnen \nund Richter auf Probe ", 3, "||"},
		{"a unit line over the years", "Ausfallarbeit in GWh \n(gerundet) \n2024 2025 ", 3, "Ausfallarbeit in GWh (gerundet)|2024|2025"},
		{"fewer years than value columns", "Ausfallarbeit in GWh \n(gerundet) \n2024 2025 ", 5, "||||"},
		{"several years in one cell", "Bereich Stand \n2024 2025 Ende ", 3, "||"},
		{"fewer lines than columns", "rGB Haushaltsjahr (HJ) \nAnzahl im ", 4, "|||"},
		{"a year the line end breaks", "Jahr 2021 2022 202\n3 \n2024 2025 Jan. bis \nMai 2026 ", 7, "Jahr|2021|2022|2023|2024|2025|Jan. bis Mai 2026"},
		{"digits below a year that do not continue it", "Jahr 2021 2022 202\n5 \n2024 2025 Jan. bis \nMai 2026 ", 7, "||||||"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			head, rows := splitHeader(rawLines(tc.head), tc.width)
			if got := strings.Join(head, "|"); got != tc.header {
				t.Errorf("header %q, want %q", got, tc.header)
			}
			if len(rows) != strings.Count(tc.head, "\n")+1 {
				t.Errorf("header rows %q: a printed line lost", rows)
			}
		})
	}
}

// Drs. 19/11226, question 3: rows labelled by years, some printing a note in words in place of
// their first figure. The year is the label and the note the cell it stands in; a note in upper
// case (a label, perhaps) or a row lacking more than that one figure stays as printed.
func TestReadYearNotes(t *testing.T) {
	const years = "2018 2.032 464 \n2019 1.927 664 \n"
	tests := []struct {
		name string
		text string
		rows []string
	}{
		{"a note for a figure", "2015 wurde nicht statistisch erfasst 513 \n2016 wurde nicht statistisch erfasst 529 \n" + years,
			[]string{"2015|wurde nicht statistisch erfasst|513", "2016|wurde nicht statistisch erfasst|529", "2018|2.032|464", "2019|1.927|664"}},
		{"a label in upper case", years + "2020 Schätzung 513 ",
			[]string{"|2018|2.032|464", "|2019|1.927|664", "2020 Schätzung|513||"}},
		{"more than one figure missing", "2018 2.032 464 12 \n2019 1.927 664 13 \n2020 wurde nicht erfasst 513 ",
			[]string{"|2018|2.032|464|12", "|2019|1.927|664|13", "2020 wurde nicht erfasst|513|||"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			tab, _ := Read(rawLines(tc.text), 0, 95, nil, transform.Sums{})
			if tab == nil {
				t.Fatalf("no table")
			}
			rows := joinedRows(tab.Rows)
			if !reflect.DeepEqual(rows, tc.rows) {
				t.Errorf("Read: rows %q, want %q", rows, tc.rows)
			}
		})
	}
}

// Row labels of Drs. 19/11136 that read like the end of a sentence but are place names.
func TestReadLabels(t *testing.T) {
	tests := []struct {
		src    string
		labels []string
	}{
		{"Lehrte 8,40 - 7,54 \nNeustadt/Rbge. 12,03 - 13,88 \nNienburg (Weser) 7,22 - 9,10 ",
			[]string{"Lehrte", "Neustadt/Rbge.", "Nienburg (Weser)"}},
		{"Jever 4,75 - 6,13 \nLeer (Ostfr.) 12,75 - 18,25 ",
			[]string{"Jever", "Leer (Ostfr.)"}},
		{"Hildesheim 31,32 9,50 9,88 \nLüneburg (ohne \nZw.St.) \n33,62 8,00 7,21 \nStade 33,45 7,66 9,54 ",
			[]string{"Hildesheim", "Lüneburg (ohne Zw.St.)", "Stade"}},
		// A sentence that ends before a figure stays prose.
		{"Braunschweig 1 2 \nDas ergibt sich aus der Statistik des Landesamts. 2 3 ",
			nil},
	}
	for _, tc := range tests {
		tb, _ := Read(rawLines(tc.src), 0, 95, nil, transform.Sums{})
		var labels []string
		if tb != nil {
			for _, r := range tb.Rows {
				labels = append(labels, r[0])
			}
		}
		if !reflect.DeepEqual(labels, tc.labels) {
			t.Errorf("%q: labels %q, want %q", tc.src, labels, tc.labels)
		}
	}
}

// Drs. 19/11185, question 5: the header of years breaks one year over two lines ("202" / "3"),
// above rows whose labels wrap over the lines above their figures. The header's lines are no
// rows, and the header is read whole.
func TestReadBrokenYear(t *testing.T) {
	const src = "Tabelle: Asylverfahren vor dem Oberverwaltungsgericht \nJahr 2021 2022 202\n3 \n2024 2025 Jan. bis \nMai 2026 \n" +
		"Eingänge Berufungen einschließlich Nicht-\nzulassungsbeschwerden und Anträge auf \nZulassung der Berufung \n636 558 445 554 733 338 \n" +
		"Eingänge Beschwerden gegen Entschei-\ndungen/Verfahren zur Gewähr. v. vorl. \nRechtsschutz \n0 6 3 2 15 2 "
	tab, _ := Read(rawLines(src), 0, 95, nil, transform.Sums{})
	if tab == nil {
		t.Fatal("no table")
	}
	want := []string{
		"Eingänge Berufungen einschließlich Nichtzulassungsbeschwerden und Anträge auf Zulassung der Berufung|636|558|445|554|733|338",
		"Eingänge Beschwerden gegen Entscheidungen/Verfahren zur Gewähr. v. vorl. Rechtsschutz|0|6|3|2|15|2",
	}
	if h := strings.Join(tab.Header, "|"); h != "Jahr|2021|2022|2023|2024|2025|Jan. bis Mai 2026" || !reflect.DeepEqual(joinedRows(tab.Rows), want) {
		t.Errorf("Read: header %q, rows %q", h, joinedRows(tab.Rows))
	}
}

// A year broken at a line end is one only where the digits below complete the year after the
// years it follows, and stand alone.
func TestBrokenYear(t *testing.T) {
	tests := []struct {
		words, next string
		want        bool
	}{
		{"Jahr 2021 2022 202", "3 ", true},
		{"2022 20", "23", true},
		{"2021 2022 202", "4", false},
		{"2023 2021 202", "2", false},
		{"Summe 12 202", "3", false},
		{"2021 2022 202", "3 Fälle", false},
	}
	for _, tc := range tests {
		if got := brokenYear(strings.Fields(tc.words), tc.next); got != tc.want {
			t.Errorf("brokenYear(%q, %q) = %v, want %v", tc.words, tc.next, got, tc.want)
		}
	}
}

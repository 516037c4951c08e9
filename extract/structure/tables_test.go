package structure

import (
	"strings"

	"reflect"
	"testing"

	"drucksache"
	"drucksache/extract/layout"
	"drucksache/extract/text"
)

// Drs. 19/11136, question 2: lists of vacancies whose one-line header, too long for a header in a
// document of mostly short rows, the dump prints again on each page and above each part. The
// repetition makes it the header, the line above it the table's title, and the header repeated
// after a page break is skipped. A line printed once, or repeated but not above rows, stays prose.
func TestSegmentsRepeatedHeader(t *testing.T) {
	const part = "Oberlandesgerichtsbezirk Braunschweig \nGericht Unbesetzte Stellen(anteile) \nAG Bad Gandersheim 1,00 \nA7 OSekr/-in 1,00 \n"
	tests := []struct {
		name   string
		text   string
		title  string
		header []string
		rows   int
	}{
		{"repeated after a page break", "freigehalten werden. \n" + part + "Gericht Unbesetzte Stellen(anteile) \nA8 HptSekr/-in 1,00 \nA9 Amtsinsp/-in 0,05 ",
			"Oberlandesgerichtsbezirk Braunschweig", []string{"Gericht", "Unbesetzte Stellen(anteile)"}, 4},
		{"repeated above the next part", "freigehalten werden. \n" + part + " \nFinanzgerichtsbarkeit \nGericht Unbesetzte Stellen(anteile) \nA12 AR/-in 0,15 \nR 1 Ri/-in 1,00 ",
			"Oberlandesgerichtsbezirk Braunschweig", []string{"Gericht", "Unbesetzte Stellen(anteile)"}, 2},
		{"printed once", "freigehalten werden. \n" + part + "A8 HptSekr/-in 1,00 \nA9 Amtsinsp/-in 0,05 ",
			"", []string{"", ""}, 4},
		{"repeated, but no rows below it", "freigehalten werden. \n" + part + "Gericht Unbesetzte Stellen(anteile) \nwird hier nicht weiter aufgeschlüsselt. ",
			"", []string{"", ""}, 2},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			tb := firstTable(tc.text, 42)
			if tb == nil {
				t.Fatalf("no table")
			}
			if tb.title != tc.title || !reflect.DeepEqual(tb.header, tc.header) || len(tb.rows) != tc.rows {
				t.Errorf("table %q %q, %d rows, want %q %q, %d", tb.title, tb.header, len(tb.rows), tc.title, tc.header, tc.rows)
			}
		})
	}
}

// Drs. 19/11242, questions 5 and 6: headers stacked one narrow cell a line, some ending in a grade
// ("in SJG 12"), above rows labelled by school years. Those lines are no rows: the table starts
// below them, the stack is its header (each code line "Q1", "E-Phase", "SuS" ending the cell
// above), and a stack after a table ends it. A line of one measured figure between label lines
// stays a row.
func TestSegmentsHeaderStack(t *testing.T) {
	const lead = "Wiederholende und Zugänge aus dem Ausland wurden jeweils nicht berücksichtigt.  \n"
	const stack = "Schuljahr \nQ1 \nAnzahl SuS \nin SJG 12 \nSchuljahr  \nE-Phase  \nAnzahl SuS \nin SJG 11 \nDifferenz \nSuS  \nDifferenz in % \n"
	const rows = "2025/2026 7.509 2024/2025 8.534 1.025 12,0% \n2024/2025 7.404 2023/2024 8.543 1.139 13,3% \n"
	const header = "Schuljahr Q1|Anzahl SuS in SJG 12|Schuljahr E-Phase|Anzahl SuS in SJG 11|Differenz SuS|Differenz in %"
	tests := []struct {
		name   string
		text   string
		tables []int // rows of each table
		first  string
		header string // of the last table
	}{
		{"stack above the rows", lead + stack + rows, []int{2}, "2025/2026|7.509|2024/2025|8.534|1.025|12,0%", header},
		{"stack after a table", lead + rows + " \n" + stack + rows, []int{2, 2}, "2025/2026|7.509|2024/2025|8.534|1.025|12,0%", header},
		{"one measured figure a row", lead + "Gericht Stellen Besetzt Offen \nAG Celle 1,00 \nLandgerichte \nOberlandes-\ngerichte \nLG Celle 2,00 1,00 1,00 \nLG Verden 3,00 2,00 1,00 ",
			[]int{5}, "AG Celle|1,00||", "Gericht|Stellen|Besetzt|Offen"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			lines, _ := text.Lines(tc.text)
			p := &parser{}
			var got []int
			var first, header string
			for _, s := range p.segments(lines, 95) {
				if s.table == nil {
					continue
				}
				if first == "" && len(s.table.rows) > 0 {
					first = strings.Join(s.table.rows[0], "|")
				}
				got = append(got, len(s.table.rows))
				header = strings.Join(s.table.header, "|")
			}
			if !reflect.DeepEqual(got, tc.tables) || first != tc.first || header != tc.header {
				t.Errorf("tables %v, first row %q, header %q; want %v, %q, %q", got, first, header, tc.tables, tc.first, tc.header)
			}
		})
	}
}

// firstTable is the first table the structure parser finds in src, for a document width columns
// wide; nil when there is none.
func firstTable(src string, width int) *table {
	lines, _ := text.Lines(src)
	p := &parser{}
	for _, s := range p.segments(lines, width) {
		if s.table != nil {
			return s.table
		}
	}
	return nil
}

// proseAndTable cuts src into the prose and the one table below it, as the parser's segments do.
func proseAndTable(t *testing.T, src string) ([]layout.Line, *table) {
	t.Helper()
	p := &parser{}
	lines, _ := text.Lines(src)
	segs := p.segments(lines, 95)
	if len(segs) != 2 || segs[1].table == nil {
		t.Fatalf("segments = %+v, want prose and a table", segs)
	}
	return segs[0].prose, segs[1].table
}

// The parser takes a stacked header out of the answer's prose, with a group row printed below it.
func TestSegmentsStackedHeader(t *testing.T) {
	src := "wie folgt angegeben: \n 2019 \nrichterli-\ncher/ \nDienst \nGerichts-\nvollzie-\nher/innen \nOberlandesgerichte       \nBraunschweig 34,19 6,00 \nCelle 86,00 24,00 "
	prose, tb := proseAndTable(t, src)
	if want := []string{"2019", "richterlicher/ Dienst", "Gerichtsvollzieher/innen"}; !reflect.DeepEqual(tb.header, want) {
		t.Errorf("header = %q, want %q", tb.header, want)
	}
	if len(prose) != 1 || tb.first.No != 2 || len(tb.headerRows) != 7 {
		t.Errorf("prose %d lines, table from line %d with %d header rows; want 1, 2, 7", len(prose), tb.first.No, len(tb.headerRows))
	}
	if want := []string{"Oberlandesgerichte", "", ""}; !reflect.DeepEqual(tb.rows[0], want) {
		t.Errorf("first row = %q, want %q", tb.rows[0], want)
	}
}

// A page of Drs. 19/11136 that starts with the stacked header repeated, a group label wrapped above
// its blanks and a row whose label is wrapped too: the header is read, the group is the first row,
// and the wrapped label is no header.
func TestSegmentsWrappedGroup(t *testing.T) {
	src := "Oldenburg 67,77 18,33 \nOsnabrück 70,76 13,46 \n 2025 \nrichterli-\ncher/ \nDienst \nGerichts-\nvollzie-\nher/innen \nVerwaltungsge-\nrichtsbarkeit \n      \nOberverwaltungsge-\nricht \n37,43 6,68 \nVerwaltungsge-\nrichte \n      \nBraunschweig 30,02 6,83 \nGöttingen 16,00 0,00 "
	lines, _ := text.Lines(src)
	p := &parser{}
	segs := p.segments(lines, 95)
	if len(segs) != 2 || segs[1].table == nil {
		t.Fatalf("segments = %+v, want two tables", segs)
	}
	tb := segs[1].table
	if want := []string{"2025", "richterlicher/ Dienst", "Gerichtsvollzieher/innen"}; !reflect.DeepEqual(tb.header, want) {
		t.Errorf("header = %q, want %q", tb.header, want)
	}
	var rows []string
	for _, r := range tb.rows {
		rows = append(rows, strings.TrimRight(strings.Join(r, "|"), "|"))
	}
	want := []string{"Verwaltungsgerichtsbarkeit", "Oberverwaltungsgericht|37,43|6,68", "Verwaltungsgerichte", "Braunschweig|30,02|6,83", "Göttingen|16,00|0,00"}
	if !reflect.DeepEqual(rows, want) {
		t.Errorf("rows = %q, want %q", rows, want)
	}
}

// Drs. 19/11224, questions 2 and 3: a header stacked one narrow cell a line, each cell ending in
// a year ("Anteil in %" / "im HJ 2023"), the last right above the first row. The years count up,
// one for each figure of the rows, so the lines are the header, read back whole, and no rows.
// Numbers that are not one year for each figure leave the lines rows.
func TestSegmentsYearStack(t *testing.T) {
	const stack = "rGB Haushaltsjahr (HJ) \n  Anteil in % \nim HJ 2023 \nAnteil in % \nim HJ 2024 \nAnteil in % \nim HJ 2025 \n"
	const rows = "Aurich 8,1 1,6 0 \nGandersheim 2,7 1,2 1,3 \n"
	tests := []struct {
		name   string
		text   string
		header string
		first  string
	}{
		{"years over the columns", stack + rows, "rGB|Anteil in % im HJ 2023|Anteil in % im HJ 2024|Anteil in % im HJ 2025", "Aurich|8,1|1,6|0"},
		{"fewer years than figures", "rGB Haushaltsjahr (HJ) \n  Anteil in % \nim HJ 2024 \nAnteil in % \nim HJ 2025 \n" + rows, "|||", "im HJ|2024||"},
		{"numbers that are no years", "Stand \nAnzahl \nSJG 12 \nAnzahl \nSJG 11 \nAnzahl \nSJG 10 \n" + rows, "|||", "SJG|12||"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			tb := firstTable(tc.text, 95)
			if tb == nil {
				t.Fatalf("no table")
			}
			if got := strings.Join(tb.header, "|"); got != tc.header || strings.Join(tb.rows[0], "|") != tc.first {
				t.Errorf("header %q, first row %q; want %q, %q", got, tb.rows[0], tc.header, tc.first)
			}
		})
	}
}

// Drs. 19/11220, question 5: below a table's title, wrapped at a hyphen, a header line of one
// word a column, and the first row's label wrapped above its figures, which the dump prints on a
// line of their own. The words head the columns and the lines below them label the first row;
// a header line with another count of words, or one that follows no sentence or title, is none.
func TestSegmentsHeaderAboveLabel(t *testing.T) {
	const title = "Tabelle 1: Anzahl potenziell betroffener Fischereifahrzeuge (FFZ) und Häfen gemäß Fischereikenn-\nzeichen \n"
	const below = "Anzahl betroffener FFZ  \n2020 bis 2025 \n50 56 10 3 9 23 \nAnzahl betroffener Häfen 7 8 7 3 6 7 "
	tests := []struct {
		name   string
		text   string
		header string
		first  string
	}{
		{"one word a column", title + "Gebiet: NSGBR Bor BBM JAD Mellum WN \n" + below,
			"Gebiet:|NSGBR|Bor|BBM|JAD|Mellum|WN", "Anzahl betroffener FFZ 2020 bis 2025|50|56|10|3|9|23"},
		{"fewer words than columns", title + "Gebiet: NSGBR Bor BBM JAD Mellum \n" + below, "||||||", "|50|56|10|3|9|23"},
		{"no sentence or title above", "Die Zahl der betroffenen Fahrzeuge ist in den letzten Jahren gestiegen, sie verteilt sich \nwie folgt auf die \nGebiet: NSGBR Bor BBM JAD Mellum WN \n" + below, "||||||", "|50|56|10|3|9|23"},
		{"a label line of one word a column", title + "Gebiet: NSGBR Bor BBM JAD Mellum WN \nAnzahl der betroffenen Fahrzeuge in dem Zeitraum \n2020 bis 2025 \n50 56 10 3 9 23 \nAnzahl betroffener Häfen 7 8 7 3 6 7 ",
			"||||||", "|50|56|10|3|9|23"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			tb := firstTable(tc.text, 98)
			if tb == nil {
				t.Fatalf("no table")
			}
			if got := strings.Join(tb.header, "|"); got != tc.header || strings.Join(tb.rows[0], "|") != tc.first {
				t.Errorf("header %q, first row %q; want %q, %q", got, tb.rows[0], tc.header, tc.first)
			}
		})
	}
}

func TestUnitPhrase(t *testing.T) {
	tests := []struct{ text, want string }{
		{"Die Kosten betrugen (in Millionen Euro):", "(in Millionen Euro)"},
		{"Angaben in Tsd. Euro", "Angaben in Tsd. Euro"},
		{"Die Mittel wurden in Mio. € bereitgestellt.", "in Mio. €"},
		{"Die Zahlen (Angaben in Prozent) zeigen", "(Angaben in Prozent)"},
		{"Die Zahl der Fälle stieg in Niedersachsen.", ""},
	}
	for _, tt := range tests {
		if got := unitPhrase(tt.text); got != tt.want {
			t.Errorf("unitPhrase(%q) = %q, want %q", tt.text, got, tt.want)
		}
	}
}

// Tables the reader saw as cells (tabs of clean text, as the IT answer prints them): the first
// row heads them; a heading right above is the title, a unit in the sentence leading in applies,
// and a table whose header is repeated after a page break goes on.
func TestAnswerTables(t *testing.T) {
	tests := []struct {
		name   string
		text   string
		paras  []string
		header string
		title  string
		unit   string
		rows   int
	}{
		{"title and unit above", "Die Kosten betrugen (in Tausend Euro):\n\nKosten der Basisdienste\n\nJahr\tKosten\n2023\t10\n2024\t20\n",
			[]string{"Die Kosten betrugen (in Tausend Euro):"}, "Jahr|Kosten", "Kosten der Basisdienste", "(in Tausend Euro)", 2},
		{"a sentence above is no title", "Die Kosten betrugen\nim Einzelnen wie folgt.\nJahr\tKosten\n2023\t10\n",
			[]string{"Die Kosten betrugen im Einzelnen wie folgt."}, "Jahr|Kosten", "", "", 1},
		{"a header repeated after a page break", "Jahr\tKosten\n2023\t10\n\fJahr\tKosten\n2024\t20\n",
			nil, "Jahr|Kosten", "", "", 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := &parser{doc: &drucksache.Document{}}
			paras, ids := p.answer(1, lines(tt.text), 0)
			if len(ids) != 1 || len(p.doc.Tables) != 1 {
				t.Fatalf("tables %v, want one", ids)
			}
			tb := p.doc.Tables[0]
			got := []string{strings.Join(tb.Header, "|"), deref(tb.Title), deref(tb.Unit)}
			if want := []string{tt.header, tt.title, tt.unit}; !reflect.DeepEqual(got, want) || len(tb.Rows) != tt.rows || !reflect.DeepEqual(paras, tt.paras) {
				t.Errorf("table %q with %d rows, prose %q; want %q, %d, %q", got, len(tb.Rows), paras, want, tt.rows, tt.paras)
			}
		})
	}
}

// addTable pads the header to the widest row and warns a table whose header is empty.
func TestAddTable(t *testing.T) {
	p := &parser{doc: &drucksache.Document{}}
	first := layout.Line{Page: 2, No: 7}
	id := p.addTable(3, &table{header: []string{"", ""}, rows: [][]string{{"Ammerland", "14.094", "15.985"}, {"Aurich"}}, first: first, last: layout.Line{Page: 3, No: 2}})
	tb := p.doc.Tables[0]
	if id != "t1" || tb.Question != 3 || len(tb.Header) != 3 || len(tb.Rows[1]) != 3 || tb.Rows[1][0].Raw != "Aurich" {
		t.Errorf("table %+v", tb)
	}
	if tb.Provenance != (drucksache.Span{Page: 2, Line: 7, EndPage: 3, EndLine: 2}) {
		t.Errorf("provenance %+v", tb.Provenance)
	}
	if len(p.doc.Warnings) != 1 || p.doc.Warnings[0].Code != drucksache.WarnTableHeaderMissing {
		t.Errorf("warnings %+v, want table_header_missing", p.doc.Warnings)
	}
}

// Two tables of the reader (a PDF's pages) with the same header and no title between them are one
// table continued after a page break; another header starts another table.
func TestAnswerMergesTables(t *testing.T) {
	row := func(page, table int, header bool, cells ...string) layout.Line {
		return layout.Line{Text: strings.Join(cells, "\t"), Cells: cells, Page: page, No: 1, Table: table, Header: header}
	}
	tests := []struct {
		name   string
		second string
		tables []int
	}{
		{"the same header", "Kosten", []int{2}},
		{"another header", "Anzahl", []int{1, 1}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := &parser{doc: &drucksache.Document{}}
			lines := []layout.Line{
				row(1, 1, true, "Jahr", "Kosten"), row(1, 1, false, "2023", "10"),
				row(2, 2, true, "Jahr", tt.second), row(2, 2, false, "2024", "20"),
			}
			p.answer(1, lines, 0)
			var rows []int
			for _, tb := range p.doc.Tables {
				rows = append(rows, len(tb.Rows))
			}
			if !reflect.DeepEqual(rows, tt.tables) {
				t.Errorf("rows per table %v, want %v", rows, tt.tables)
			}
		})
	}
}

// Drs. 19/11136: a header stacked one short cell a line over more columns than any row prints
// figures, an enumeration cut after its number ("1. Laufbahngruppe, 2." / "Einstiegsamt"), the
// rows' empty cells printed as blanks, and the first row's label printed above its figures, at the
// end of the stack.
func TestSegmentsStackedHeaderWiderThanRows(t *testing.T) {
	src := "Krankheitstage je Mitarbeiter: \n  2023 \n  richterli-\ncher/ \nstaatsan-\nwaltlicher \nDienst \namtsan-\nwaltlicher \nDienst \n" +
		"Gerichts-\nvollzie-\nher/innen \n1. Lauf-\nbahn-\ngruppe, 2. \nEinstiegs-\namt \nordentliche \nGerichtsbar-\nkeit \n" +
		"10,46   10,80 25,61 \nStaatsan-\nwaltschaften \n12,68 14,19   28,43 \nVerwal-\ntungsge-\nrichtsbarkeit \n8,88     26,69 "
	prose, tb := proseAndTable(t, src)
	want := []string{"2023", "richterlicher/staatsanwaltlicher Dienst", "amtsanwaltlicher Dienst", "Gerichtsvollzieher/innen", "1. Laufbahngruppe, 2. Einstiegsamt"}
	if !reflect.DeepEqual(tb.header, want) {
		t.Errorf("header\n got  %q\n want %q", tb.header, want)
	}
	rows := [][]string{
		{"ordentliche Gerichtsbarkeit", "10,46", "", "10,80", "25,61"},
		{"Staatsanwaltschaften", "12,68", "14,19", "", "28,43"},
		{"Verwaltungsgerichtsbarkeit", "8,88", "", "", "26,69"},
	}
	if !reflect.DeepEqual(tb.rows, rows) {
		t.Errorf("rows\n got  %q\n want %q", tb.rows, rows)
	}
	if len(prose) != 1 || len(tb.headerRows) != 17 {
		t.Errorf("prose %d lines, %d header rows; want 1 and 17", len(prose), len(tb.headerRows))
	}
}

// A table a `pdftotext -layout` dump prints at its columns is read by them, with its header levels as
// paths and its unit row, even under a caption ending in a year (which a run of lines ending in
// figures would take for its first row); the caption stays prose.
func TestSegmentsLayoutColumns(t *testing.T) {
	src := "Tabelle 2: Fördermittel nach Trägern 2024\n\n" +
		"Träger                           Fördermittel             Anteil\n" +
		"                                        in Euro                in Prozent\n" +
		"öffentlich                                    5.120.000                      55,5\n" +
		"freigemeinnützig                              3.210.000                      34,8\n" +
		"privat                                          900.000                       9,7\n"
	prose, tb := proseAndTable(t, src)
	if len(prose) != 1 || !strings.HasPrefix(prose[0].Text, "Tabelle 2:") {
		t.Errorf("prose = %+v, want the caption", prose)
	}
	want := [][]string{{"öffentlich", "5.120.000", "55,5"}, {"freigemeinnützig", "3.210.000", "34,8"}, {"privat", "900.000", "9,7"}}
	if !reflect.DeepEqual(tb.header, []string{"Träger", "Fördermittel", "Anteil"}) || !reflect.DeepEqual(tb.rows, want) ||
		!reflect.DeepEqual(tb.columnUnits, []string{"", "in Euro", "in Prozent"}) {
		t.Errorf("header %q units %q rows %q", tb.header, tb.columnUnits, tb.rows)
	}
}

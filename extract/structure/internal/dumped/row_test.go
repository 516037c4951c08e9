package dumped

import (
	"reflect"
	"strings"
	"testing"

	"drucksache/extract/layout"
	"drucksache/extract/text"
	"drucksache/transform"
)

// Snippets of Niedersachsen answers (Drs. 19/11198, 19/11184, 19/11244, 19/11216, 19/11136): a
// dumped table read from its first line, the rows a reader sees and how many lines it takes.
func TestReadRows(t *testing.T) {
	tests := []struct {
		name   string
		text   string
		header string
		rows   []string
		lines  int
	}{
		{"label too long for a row, wrapped", "Wilhelmshaven 2023 2024 2025 \n14 - ungenügender Sicherheitsabstand  1.074 1.014 1.030 \n36 - Fehler beim Wenden oder Rückwärtsfahren 401 391 344 \n28 - Nichtbeachten der die Vorfahrt regelnd. Verkehrszeichen (§ 8) \n(ausgenommen Schlüssel 29) \n138 129 112 ",
			"Wilhelmshaven|2023|2024|2025",
			[]string{"14 - ungenügender Sicherheitsabstand|1.074|1.014|1.030", "36 - Fehler beim Wenden oder Rückwärtsfahren|401|391|344",
				"28 - Nichtbeachten der die Vorfahrt regelnd. Verkehrszeichen (§ 8) (ausgenommen Schlüssel 29)|138|129|112"}, 6},
		{"header after a page break, label over three lines", "Wilhelmshaven 2023 2024 2025 \n14 - ungenügender Sicherheitsabstand  1.074 1.014 1.030 \nWilhelmshaven 2023 2024 2025 \n37 - Fehler beim Einfahren in den fließenden Verkehr (z. B. aus ei-\nnem Grundstück, von einem anderen Straßenteil oder beim Anfahren \nvom Fahrbahnrand) \n75 76 67 \n35 - Fehler beim Abbiegen (§ 9) nach links 60 65 81 ",
			"Wilhelmshaven|2023|2024|2025",
			[]string{"14 - ungenügender Sicherheitsabstand|1.074|1.014|1.030",
				"37 - Fehler beim Einfahren in den fließenden Verkehr (z. B. aus einem Grundstück, von einem anderen Straßenteil oder beim Anfahren vom Fahrbahnrand)|75|76|67",
				"35 - Fehler beim Abbiegen (§ 9) nach links|60|65|81"}, 8},
		{"sub-header starts the next table", "Wilhelmshaven 2023 2024 2025 \n27 - Nichtbeachten der Regel „rechts vor links“ 33 36 32 \n01 - Alkoholeinfluss 29 33 34 \nOldenburg 2023 2024 2025 \n36 - Fehler beim Wenden oder Rückwärtsfahren 228 294 319 ",
			"Wilhelmshaven|2023|2024|2025",
			[]string{"27 - Nichtbeachten der Regel „rechts vor links“|33|36|32", "01 - Alkoholeinfluss|29|33|34"}, 3},
		{"long label with a full row, remark in brackets", "Oldenburg 2023 2024 2025 \n36 - Fehler beim Wenden oder Rückwärtsfahren 228 294 319 \n35 - Fehler beim Abbiegen (§ 9) nach links (ausgen. Pos. 33,40) 164 145 150 \n34 - „Fehler beim Abbiegen (§ 9) nach rechts (ausgen. Pos. 33,40) \n(Anmerkung: Darunter fallen auch - aber nicht ausschließlich - Ver-\nkehrsunfälle, die in Zusammenhang mit der Problematik „toter Winkel“ \nstehen.)“ \n120 129 136 ",
			"Oldenburg|2023|2024|2025",
			[]string{"36 - Fehler beim Wenden oder Rückwärtsfahren|228|294|319", "35 - Fehler beim Abbiegen (§ 9) nach links (ausgen. Pos. 33,40)|164|145|150",
				"34 - „Fehler beim Abbiegen (§ 9) nach rechts (ausgen. Pos. 33,40) (Anmerkung: Darunter fallen auch - aber nicht ausschließlich - Verkehrsunfälle, die in Zusammenhang mit der Problematik „toter Winkel“ stehen.)“|120|129|136"}, 8},
		{"one figure with blanks for the empty cells", "Fehlerart 2022 2023 2024 2025 \nIndikation 16 11 8 10 \nTherapie operative Ver-\nfahrenswahl \n13    \nOrganisation    5 ",
			"Fehlerart|2022|2023|2024|2025",
			[]string{"Indikation|16|11|8|10", "Therapie operative Verfahrenswahl|13", "Organisation|5"}, 6},
		{"figures of one wrapped column are no row", " 2020 2021 2022 2023 2024 2025 \nAnzahl neu \ngemeldeter \nVerdachts-\nfälle \n1.014 764 1.103 785 2.098 2.061 \nSumme \nbestätigter \nBehand-\nlungsfehler  \n113  \n(31,39% aller \nabschließend ",
			"|2020|2021|2022|2023|2024|2025",
			[]string{"Anzahl neu gemeldeter Verdachtsfälle|1.014|764|1.103|785|2.098|2.061"}, 6},
		{"a line of school years over the value columns, blanks for an empty cell", "RLSB Schulform Schuljahr \n2025/2026 2024/2025 2023/2024 2022/2023 2021/2022 \nAnz SuS Anz SuS Anz SuS Anz SuS Anz SuS \nBS HS 70 54 62 76 71 \nBS RS 1.202 1.189 1.100 1.278 1.323 \nBS FöS 5 9 3   4 ",
			"RLSB Schulform|2025/2026|2024/2025|2023/2024|2022/2023|2021/2022",
			[]string{"BS HS|70|54|62|76|71", "BS RS|1.202|1.189|1.100|1.278|1.323", "BS FöS|5|9|3||4"}, 6},
		{"a header line unfinished above a narrow label of seven lines", "Jahr 2021 2022 2023 2024 2025 Jan. bis \nMai 2026 \nEingänge \nKlagever-\nfahren \n5.561 6.497 6.776 10.114 18.261 5.250 \nEingänge \nVerfahren \nzur Ge-\nwährung \nvon vorl. \nRechts-\nschutz \n1.508 2.006 2.797 2.749 5.599 1.235 ",
			"Jahr|2021|2022|2023|2024|2025|Jan. bis Mai 2026",
			[]string{"Eingänge Klageverfahren|5.561|6.497|6.776|10.114|18.261|5.250",
				"Eingänge Verfahren zur Gewährung von vorl. Rechtsschutz|1.508|2.006|2.797|2.749|5.599|1.235"}, 14},
		{"a header line ending in no connecting word keeps its first row", "Bereich 2023 2024 2025 \nGesamt 9 \nAnzahl 5 6 7 \nQuote 1 2 3 ",
			"Bereich|2023|2024|2025",
			[]string{"Gesamt|9", "Anzahl|5|6|7", "Quote|1|2|3"}, 4},
		{"a sentence ends the table", "Jahr 2023 2024 2025 \nAnzahl 5 6 7 \nQuote 1,2 1,3 1,4 \nDie Zahlen für das Jahr 2026 liegen noch nicht vor. \n12 13 14 ",
			"Jahr|2023|2024|2025",
			[]string{"Anzahl|5|6|7", "Quote|1,2|1,3|1,4"}, 3},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			tab, n := Read(blankBreaks(rawLines(tc.text)), 0, 95, nil, transform.Sums{})
			if tab == nil {
				t.Fatalf("no table")
			}
			var rows []string
			for _, r := range tab.Rows {
				rows = append(rows, strings.TrimRight(strings.Join(r, "|"), "|"))
			}
			if got := strings.Join(tab.Header, "|"); got != tc.header {
				t.Errorf("header %q, want %q", got, tc.header)
			}
			if n != tc.lines || !reflect.DeepEqual(rows, tc.rows) {
				t.Errorf("Read = %d lines %q, want %d %q", n, rows, tc.lines, tc.rows)
			}
		})
	}
}

// Lines that are no row of a table of three figures, though a line of figures follows them.
func TestWrappedRowRefused(t *testing.T) {
	tests := []struct{ name, text string }{
		{"a blank line", "\nWeitere Angaben \n12 13 14 "},
		{"a blank line inside", "Weitere \n\nAngaben \n12 13 14 "},
		{"figures starting with a year", "Jahr \nAnzahl \n2022 243 27 "},
		{"too many figures", "Summe aller \nFälle \n1 2 3 4 "},
		{"fewer figures without blanks", "Summe \nbestätigter \n113 "},
		{"a list item", "– erstens \n12 13 14 "},
		{"more lines than a label takes", "eins \nzwei \ndrei \nvier \nfünf \nsechs \n12 13 14 "},
		{"more lines than a wide label takes, a word split", "Eingänge von Ver-\nfahren \ndrei \nvier \nfünf \nsechs \n12 13 14 "},
		{"more lines than a narrow label takes", "eins \nzwei \nGe-\nwährung \nfünf \nsechs \nsieben \nacht \nneun \nzehn \nelf \n12 13 14 "},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			lines := blankBreaks(rawLines(strings.TrimPrefix(tc.text, "\n")))
			if strings.HasPrefix(tc.text, "\n") {
				lines[0].Break = true
			}
			if label, vals, n := wrappedRow(lines, 95, 3); n != 0 {
				t.Errorf("wrappedRow = %q %q %d, want none", label, vals, n)
			}
		})
	}
}

// Wrapped rows are read only inside a table already begun: these are no table.
func TestReadNone(t *testing.T) {
	tests := []struct{ name, text string }{
		// A row of one figure does not begin a table that wrapped labels could continue.
		{"one figure a row", "traktivität des ÖGD (Jahre 2025 \nund 2026) \n1.234.623,87 € Plakataktion: Heber-\nLink und Pro-\njektunion, \n285.600,00 € "},
		// The end of a wrapped label above a row of figures reads as a header, not as a begun table.
		{"label end as header", "höherer \nDienst \n0,95 0,97 0,96 0,99 \n1. Lauf-\nbahngrup-\npe, 2. Ein-\nstiegsamt \n1,14 1,18 1,12 1,10 "},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if tab, n := Read(rawLines(tc.text), 0, 95, nil, transform.Sums{}); tab != nil {
				t.Errorf("Read = %d lines %q %q, want none", n, tab.Header, tab.Rows)
			}
		})
	}
}

// blankBreaks drops empty lines and marks the line after one as a paragraph break, as the text reader does.
func blankBreaks(lines []layout.Line) []layout.Line {
	var out []layout.Line
	brk := false
	for _, l := range lines {
		if strings.TrimSpace(l.Text) == "" {
			brk = true
			continue
		}
		l.Break = brk
		brk = false
		out = append(out, l)
	}
	return out
}

// Group labels of Drs. 19/11136 and 19/11144 wrapped over two lines above a line of blanks, which
// the dump prints for their empty cells: each is one row of the table, and the row below it keeps
// its own label. Without the blanks, or with fewer than the empty cells, the table ends above them.
func TestReadGroupLabels(t *testing.T) {
	const rows = "Aurich 23,17 7,38 7,55 - 39,61 6,04 \nOldenburg 63,36 17,13 17,47 - 84,80 13,35 \n"
	tests := []struct {
		name  string
		text  string
		rows  []string
		lines int
	}{
		{"a group label and a wrapped row label", rows + "Verwaltungsge-\nrichtsbarkeit \n            \nOberverwaltungsge-\nricht \n37,57 - 16,98 - 30,44 6,64 \nVerwaltungsge-\nrichte \n            \nBraunschweig 32,07 - 2,84 - 18,48 5,00 ",
			[]string{"Aurich|23,17|7,38|7,55|-|39,61|6,04", "Oldenburg|63,36|17,13|17,47|-|84,80|13,35", "Verwaltungsgerichtsbarkeit",
				"Oberverwaltungsgericht|37,57|-|16,98|-|30,44|6,64", "Verwaltungsgerichte", "Braunschweig|32,07|-|2,84|-|18,48|5,00"}, 10},
		{"after the one row below a repeated header", "Osnabrück 66,22 13,20 15,60 - 72,38 13,50 \nVerwaltungsge-\nrichtsbarkeit \n            \nOberverwaltungsge-\nricht \n37,25 - 17,39 - 28,52 6,65 \nBraunschweig 29,03 - 3,79 - 16,62 4,75 ",
			[]string{"Osnabrück|66,22|13,20|15,60|-|72,38|13,50", "Verwaltungsgerichtsbarkeit", "Oberverwaltungsgericht|37,25|-|17,39|-|28,52|6,65", "Braunschweig|29,03|-|3,79|-|16,62|4,75"}, 7},
		{"a label over words of five columns", "Jahr 2021 2022 2023 2024 2025 \nDauer 1,0 M. 1,1 M. 1,2 M. 1,3 M. 1,4 M. \nQuote 0,9 M. 1,0 M. 1,0 M. 1,0 M. 0,9 M. \nAsylverfahren vor den  \nVerwaltungsgerichten \n          \nKlageverfahren 26,4 M. 28,2 M. 21,8 M. 16,5 M. 13,6 M. ",
			[]string{"Dauer|1,0 M.|1,1 M.|1,2 M.|1,3 M.|1,4 M.", "Quote|0,9 M.|1,0 M.|1,0 M.|1,0 M.|0,9 M.", "Asylverfahren vor den Verwaltungsgerichten", "Klageverfahren|26,4 M.|28,2 M.|21,8 M.|16,5 M.|13,6 M."}, 6},
		{"an empty line is no line of blanks", rows + "Verwaltungsge-\nrichtsbarkeit \n\nOberverwaltungsge-\nricht \n37,57 - 16,98 - 30,44 6,64 ",
			[]string{"Aurich|23,17|7,38|7,55|-|39,61|6,04", "Oldenburg|63,36|17,13|17,47|-|84,80|13,35"}, 2},
		{"fewer blanks than empty cells", rows + "Verwaltungsge-\nrichtsbarkeit \n   \nOberverwaltungsge-\nricht \n37,57 - 16,98 - 30,44 6,64 ",
			[]string{"Aurich|23,17|7,38|7,55|-|39,61|6,04", "Oldenburg|63,36|17,13|17,47|-|84,80|13,35"}, 2},
		{"no row below the blanks", rows + "Verwaltungsge-\nrichtsbarkeit \n            \nDie Zahlen für das Jahr 2026 liegen noch nicht vor. \n37,57 - 16,98 - 30,44 6,64 ",
			[]string{"Aurich|23,17|7,38|7,55|-|39,61|6,04", "Oldenburg|63,36|17,13|17,47|-|84,80|13,35"}, 2},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			lines, _ := text.Lines(tc.text)
			tab, n := Read(lines, 0, 95, nil, transform.Sums{})
			if tab == nil {
				t.Fatalf("no table")
			}
			var rows []string
			for _, r := range tab.Rows {
				rows = append(rows, strings.TrimRight(strings.Join(r, "|"), "|"))
			}
			if n != tc.lines || !reflect.DeepEqual(rows, tc.rows) {
				t.Errorf("Read = %d lines %q, want %d %q", n, rows, tc.lines, tc.rows)
			}
		})
	}
}

// Drs. 19/11136, question 2: a list of vacancies, one figure with two decimals a row, in a
// document of mostly short rows (a full line of 44 runes). A row too long for a one-figure row of
// such a document, or with its label wrapped above its figure, is a row when its figure has the
// decimals of the row above; a whole number or other decimals end the table there.
func TestReadNarrowDecimals(t *testing.T) {
	const rows = "ArbG Braunschweig 1,35 \nA11 Amtm/-in, Amtfr 0,25 \nA9+Z AmtsInsp/-in 0,33 \n"
	top := []string{"ArbG Braunschweig|1,35", "A11 Amtm/-in, Amtfr|0,25", "A9+Z AmtsInsp/-in|0,33"}
	tests := []struct {
		name  string
		text  string
		rows  []string
		lines int
	}{
		{"a long row", rows + "R 2 Ri/-in ArbG als stV DirArbG 0,40 \nArbG Göttingen 0,48 ",
			append(top, "R 2 Ri/-in ArbG als stV DirArbG|0,40", "ArbG Göttingen|0,48"), 5},
		{"a wrapped label", rows + "R3+Z LOStA/-in als AL u.V \nGenStA \n0,15 \nSTA Bückeburg 5,13 ",
			append(top, "R3+Z LOStA/-in als AL u.V GenStA|0,15", "STA Bückeburg|5,13"), 7},
		{"a whole number", rows + "Die Zahl der Stellen betrug zuletzt 2025 \nArbG Göttingen 0,48 ", top, 3},
		{"other decimals", rows + "Die Belastung lag im Jahr 2025 bei 0,4 \nArbG Göttingen 0,48 ", top, 3},
		{"a wrapped label over a whole number", rows + "Stellen insgesamt im \nBezirk \n12 \nDie Zahlen sind vorläufig. ", top, 3},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			tab, n := Read(rawLines(tc.text), 0, 44, nil, transform.Sums{})
			if tab == nil {
				t.Fatalf("no table")
			}
			rows := joinedRows(tab.Rows)
			if n != tc.lines || !reflect.DeepEqual(rows, tc.rows) {
				t.Errorf("Read = %d lines %q, want %d %q", n, rows, tc.lines, tc.rows)
			}
		})
	}
}

// Drs. 19/11244, question 1: a row whose label wraps and whose cells wrap too, each a figure on a
// line of its own and a remark in brackets below it. Each figure and its remark are one cell, as
// many cells as the table has value columns; fewer, a figure without its remark, or a last remark
// that runs on into other lines are no such row, and the table ends above them.
func TestReadWrappedCells(t *testing.T) {
	const table = " 2020 2021 2022 2023 2024 2025 \nAnzahl neu \ngemeldeter \nVerdachts-\nfälle \n1.014 764 1.103 785 2.098 2.061 \nAnzahl of-\nfener Fälle \nam 31. De-\nzember \n1.755 1.416 1.698 2.103 3.155 2.023 \n"
	const label = "Summe \nbestätigter \nBehand-\nlungsfehler  \n"
	cell := func(n, share string) string {
		return n + "  \n(" + share + "% aller \nabschließend \ngeprüften \nFälle) \n"
	}
	five := "113  \n(31,39% aller \nabschließend \ngeprüften \nFälle \n" + cell("151", "31,01") + cell("133", "29,95") + cell("97", "24,74") + cell("120", "30,77")
	top := []string{"Anzahl neu gemeldeter Verdachtsfälle|1.014|764|1.103|785|2.098|2.061", "Anzahl offener Fälle am 31. Dezember|1.755|1.416|1.698|2.103|3.155|2.023"}
	tests := []struct {
		name  string
		text  string
		rows  []string
		lines int
	}{
		{"a cell a column", table + label + five + cell("100", "28,99") + " \nLandespatientenschutzbeauftragte: ",
			append(top, "Summe bestätigter Behandlungsfehler|113 (31,39% aller abschließend geprüften Fälle|151 (31,01% aller abschließend geprüften Fälle)|133 (29,95% aller abschließend geprüften Fälle)|97 (24,74% aller abschließend geprüften Fälle)|120 (30,77% aller abschließend geprüften Fälle)|100 (28,99% aller abschließend geprüften Fälle)"), 45},
		{"fewer cells than columns", table + label + five + " \nLandespatientenschutzbeauftragte: ", top, 11},
		{"a figure without its remark", table + label + five + "100 \n \nLandespatientenschutzbeauftragte: ", top, 11},
		{"the last remark runs on", table + label + five + "100  \n(28,99% aller \nabschließend \ngeprüften \nFälle und weitere \nAngaben lagen nicht vor. ", top, 11},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			tab, n := Read(blankBreaks(rawLines(tc.text)), 0, 95, nil, transform.Sums{})
			if tab == nil {
				t.Fatalf("no table")
			}
			rows := joinedRows(tab.Rows)
			if n != tc.lines || !reflect.DeepEqual(rows, tc.rows) {
				t.Errorf("Read = %d lines %q, want %d %q", n, rows, tc.lines, tc.rows)
			}
		})
	}
}

// A line that closes the bracket a label opened, as each reader asks it: a label pending above its
// row in Read and followedByRow (the last label line, lines of up to maxClosingLine runes),
// and a wrapped row label in labelLine (all its lines, lines as long as a header line may be, or
// any length in a document of unknown width).
func TestClosesBracket(t *testing.T) {
	tests := []struct {
		name, before, line string
		limit              int
		want               bool
	}{
		{"an abbreviation's dot before the bracket", "Lüneburg (ohne", "Zw.St.) ", maxClosingLine, true},
		{"longer than the limit", "Lüneburg (ohne", "Zweigstelle Celle und Uelzen) ", maxClosingLine, false},
		{"as long as the limit", "Lüneburg (ohne", strings.Repeat("x", maxClosingLine-1) + ")", maxClosingLine, true},
		{"nothing above", "", "Zw.St.)", maxClosingLine, false},
		{"no bracket open above", "Lüneburg", "Zw.St.)", maxClosingLine, false},
		{"the bracket above closed already", "Lüneburg (ohne Zw.St.)", "Celle)", maxClosingLine, false},
		{"the line opens a bracket of its own", "Lüneburg (ohne", "Zw.St.) (neu)", maxClosingLine, false},
		{"the line ends without the bracket", "Lüneburg (ohne", "Zw.St.", maxClosingLine, false},
		{"closing quotes after the bracket", "34 - „Fehler beim Abbiegen (§ 9) nach rechts (ausgen. Pos. 33,40) (Anmerkung: Darunter fallen auch", "stehen.)“ ", 76, true},
		{"one of two brackets still open", "Summe (ohne Celle (Stand", "2025) ", 76, true},
		{"any length", "(Anmerkung:", strings.Repeat("lang ", 40) + "Ende)", -1, true},
		{"no length at all", "(", ")", 0, false},
		{"a remark wrapped at a hyphen", "Verkehrsunfälle (ohne Bagatell-", "schäden)", -1, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := closesBracket(tc.before, tc.line, tc.limit); got != tc.want {
				t.Errorf("closesBracket(%q, %q, %d) = %v, want %v", tc.before, tc.line, tc.limit, got, tc.want)
			}
		})
	}
}

// A remark below a figure is complete when it ends with a bracket and leaves none open, also
// when it opens and closes on one line, which closesBracket refuses.
func TestClosed(t *testing.T) {
	tests := []struct {
		cell []string
		want bool
	}{
		{[]string{"120", "(30,77% aller", "abschließend", "geprüften", "Fälle) "}, true},
		{[]string{"113", "(31,39% aller", "abschließend", "geprüften", "Fälle "}, false},
		{[]string{"113", "(12,5%) "}, true},
		{[]string{"113", "(31,39% aller (Stand", "2025)"}, false},
		{[]string{"113", "(31,39%)", "aller Fälle"}, false},
	}
	for _, tc := range tests {
		if got := closed(tc.cell); got != tc.want {
			t.Errorf("closed(%q) = %v, want %v", tc.cell, got, tc.want)
		}
	}
}

// joinedRows are a table's rows, each written as its cells joined by "|".
func joinedRows(rows [][]string) []string {
	var out []string
	for _, r := range rows {
		out = append(out, strings.Join(r, "|"))
	}
	return out
}

package dumped

import (
	"reflect"
	"strings"
	"testing"
	"time"
	"unicode"
)

// Stacked headers of Drs. 19/11242 and 19/11244 above rows of the figures they head, and the
// header a reader of the paper sees: read where one reading of the code lines fits, none where
// two do or where the cells disagree with the figures below them.
func TestCodedHeader(t *testing.T) {
	const (
		q5 = "Schuljahr \nQ1 \nAnzahl SuS \nin SJG 12 \nSchuljahr  \nE-Phase  \nAnzahl SuS \nin SJG 11 \nDifferenz \nSuS  \nDifferenz in % "
		q6 = "Schuljahr \nQ2 \nAnzahl SuS \nSJG 13 \nQ2 \nDifferenz \nSuS Q2 zu \nQ1 \nSchuljahr \nE-Phase  \nAnzahl SuS \nSJG 11  \nE-Phase \nDifferenz Q2 zu Q1 in \nBezug auf den Aus-\ngangswert der E-Phase \nin % "
		q8 = "Schuljahr \nQ2 \nSuS mit erfolgreichen \nAbiturprüfungen am \nEnde des SJ \nSchuljahr \nE-Phase  \nAnzahl SuS \nSJG 11 \nAnteil  \nin % "
		// Drs. 19/11244: "Festgestellte" / "Behandlungsfehler" may be one cell or two.
		q1 = "Jahr Anträge auf  \nSchlichtungsverfah-\nren \nSachentscheidun-\ngen \nFestgestellte  \nBehandlungsfehler \nBehandlungsfehler \nohne kausalen \nSchaden  "
	)
	tests := []struct {
		name   string
		prose  string
		open   bool
		row    string // the first row, label first
		lines  int
		header []string
		title  string
	}{
		{"codes end the cell above", "Wiederholende wurden nicht berücksichtigt. \n" + q5, false,
			"2025/2026 21.149 2024/2025 22.895 1.746 7,6%", 11,
			[]string{"Schuljahr Q1", "Anzahl SuS in SJG 12", "Schuljahr E-Phase", "Anzahl SuS in SJG 11", "Differenz SuS", "Differenz in %"}, ""},
		{"codes end cells, a long cell wrapped at a hyphen", q6, true,
			"2025/2026 5.900 1.504 2023/2024 8.543 17,6%", 17,
			[]string{"Schuljahr Q2", "Anzahl SuS SJG 13 Q2", "Differenz SuS Q2 zu Q1", "Schuljahr E-Phase", "Anzahl SuS SJG 11 E-Phase", "Differenz Q2 zu Q1 in Bezug auf den Ausgangswert der E-Phase in %"}, ""},
		{"a line naming the table above the header", "ausgewertet werden. \nGesamtschulen      \n" + q5, false,
			"2025/2026 21.149 2024/2025 22.895 1.746 7,6%", 11,
			[]string{"Schuljahr Q1", "Anzahl SuS in SJG 12", "Schuljahr E-Phase", "Anzahl SuS in SJG 11", "Differenz SuS", "Differenz in %"}, "Gesamtschulen"},
		{"a code line that fits two cells", q8, true, "2025/2026 4.851 2023/2024 8.543 57%", 0, nil, ""},
		{"two words that fit two cells", q1, true, "2021 1.324 235 421 0", 0, nil, ""},
		{"a cell naming years over a column of counts", q5, true, "2025/2026 21.149 22.895 2024/2025 1.746 7,6%", 0, nil, ""},
		{"a column of percentages under a cell naming none", q5, true, "2025/2026 21.149 2024/2025 22.895 7,6% 1.746", 0, nil, ""},
		{"no sentence ends above", "die Zahlen der \n" + q5, false, "2025/2026 21.149 2024/2025 22.895 1.746 7,6%", 0, nil, ""},
		{"no code line", "Jahr \nPersonal-\nkosten je \nFall \nSumme ", true, "2019 612 1.708", 0, nil, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			n, header, title := codedHeader(rawLines(tc.prose), tc.open, [][]string{strings.Fields(tc.row)}, 95)
			if n != tc.lines || !reflect.DeepEqual(header, tc.header) || title != tc.title {
				t.Errorf("codedHeader = %d %q %q, want %d %q %q", n, header, title, tc.lines, tc.header, tc.title)
			}
		})
	}
}

// FuzzCodedHeader feeds codedHeader lines of a stacked header. Property: a header read has a cell
// per column and the words of its lines, in order, hyphens at line ends joined; it is found fast.
func FuzzCodedHeader(f *testing.F) {
	f.Add("Schuljahr \nQ1 \nAnzahl SuS \nin SJG 12 \nSchuljahr \nE-Phase \nAnzahl SuS \nin SJG 11 \nDifferenz \nSuS \nDifferenz in % ", "2025/2026 21.149 2024/2025 22.895 1.746 7,6%")
	f.Add("Gesamtschulen    \nSchuljahr \nQ2 \nDiffe-\nrenz \nin % ", "2025/2026 7,6%")
	f.Add(strings.Repeat("Q1 \n", 30), "1 2 3")
	f.Fuzz(func(t *testing.T, prose, row string) {
		cells := strings.Fields(row)
		if len(cells) == 0 || len(prose) > 2000 {
			t.Skip()
		}
		lines := rawLines(prose)
		start := time.Now()
		n, header, title := codedHeader(lines, true, [][]string{cells}, 95)
		if d := time.Since(start); d > time.Second {
			t.Fatalf("took %v", d)
		}
		if n == 0 {
			return
		}
		if len(header) != len(cells) || n > len(lines) {
			t.Fatalf("%d cells for %d columns, %d lines of %d", len(header), len(cells), n, len(lines))
		}
		var printed []string
		for _, l := range lines[len(lines)-n:] {
			printed = append(printed, l.Text)
		}
		if letters(strings.Join(header, " ")) != letters(strings.Join(printed, " ")) {
			t.Fatalf("header %q from lines %q", header, printed)
		}
		if title != "" && (len(lines) == n || strings.TrimSpace(lines[len(lines)-n-1].Text) != title) {
			t.Fatalf("title %q is not the line above the header", title)
		}
	})
}

// letters are the characters of s but spaces and hyphens, which joining wrapped lines may drop.
func letters(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) || r == '-' {
			return -1
		}
		return r
	}, s)
}

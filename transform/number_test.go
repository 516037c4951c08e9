package transform

import (
	"fmt"
	"math"
	"testing"

	drucksache "drucksache"
)

func TestNumber(t *testing.T) {
	tests := []struct {
		name     string
		in       string
		want     float64
		decimals int
		ok       bool
	}{
		{"decimal comma", "41,693", 41.693, 3, true},
		{"one decimal", "247,3", 247.3, 1, true},
		{"zero decimal kept", "1,0", 1, 1, true},
		{"space thousands", "1 029", 1029, 0, true},
		{"no-break space thousands", "1\u00a0029", 1029, 0, true},
		{"thin space thousands", "12\u2009870", 12870, 0, true},
		{"narrow no-break space thousands", "1\u202f234\u202f567", 1234567, 0, true},
		{"dot thousands", "127.632", 127632, 0, true},
		{"two dot groups", "1.141.128", 1141128, 0, true},
		{"lone dot and three digits is German thousands", "2.017", 2017, 0, true},
		{"thousands and decimals", "1.234,5", 1234.5, 1, true},
		{"money", "183.000,00", 183000, 2, true},
		{"hyphen minus", "-3,5", -3.5, 1, true},
		{"en dash minus", "–3,5", -3.5, 1, true},
		{"minus sign", "−3,5", -3.5, 1, true},
		{"plus", "+2,0", 2, 1, true},
		{"sign and space", "- 4", -4, 0, true},
		{"negative zero is zero", "-0,0", 0, 1, true},
		{"surrounding spaces", "  48 ", 48, 0, true},
		{"lone dot with one digit is a decimal point", "1.5", 1.5, 1, true},
		{"lone dot with two digits is a decimal point", "12.25", 12.25, 2, true},
		{"year", "2024", 2024, 0, true},
		{"date is not a number", "16.05.2025", 0, 0, false},
		{"short date is not a number", "1.11.25", 0, 0, false},
		{"month and year is not a number", "03.2026", 0, 0, false},
		{"bad grouping", "1.23.456", 0, 0, false},
		{"four digit group", "1.2345", 0, 0, false},
		{"zero before thousands", "0.123", 0, 0, false},
		{"two numbers", "2017 2018", 0, 0, false},
		{"mixed grouping", "1 234.567", 0, 0, false},
		{"trailing separator", "12,", 0, 0, false},
		{"leading separator", ",5", 0, 0, false},
		{"doubled separator", "1..5", 0, 0, false},
		{"word", "Landtag", 0, 0, false},
		{"empty", "", 0, 0, false},
		{"dash alone", "–", 0, 0, false},
		{"slash", "19/7263", 0, 0, false},
		{"percent is not part of the number", "12,5 %", 0, 0, false},
		{"long figure", "123456789012345678901234567890", 123456789012345678901234567890, 0, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, dec, ok := Number(tt.in)
			if ok != tt.ok || (ok && (got != tt.want || dec != tt.decimals)) {
				t.Errorf("Number(%q)\n got  %v, %d, %v\n want %v, %d, %v", tt.in, got, dec, ok, tt.want, tt.decimals, tt.ok)
			}
			if ok && math.Signbit(got) && got == 0 {
				t.Errorf("Number(%q) = -0", tt.in)
			}
		})
	}
}

func ptr[T any](v T) *T { return &v }

func TestCell(t *testing.T) {
	tests := []struct {
		name string
		raw  string
		want drucksache.Cell
	}{
		{"number", "41,693", drucksache.Cell{Raw: "41,693", Kind: "number", Value: 41.693, Decimals: 3}},
		{"integer", "48", drucksache.Cell{Raw: "48", Kind: "number", Value: 48.0}},
		{"zero is a number", "0", drucksache.Cell{Raw: "0", Kind: "number", Value: 0.0}},
		{"percent", "12,5 %", drucksache.Cell{Raw: "12,5 %", Kind: "number", Value: 12.5, Decimals: 1, Unit: "%"}},
		{"percent without space", "92,7%", drucksache.Cell{Raw: "92,7%", Kind: "number", Value: 92.7, Decimals: 1, Unit: "%"}},
		{"months", "26,4 M.", drucksache.Cell{Raw: "26,4 M.", Kind: "number", Value: 26.4, Decimals: 1, Unit: "M."}},
		{"euro", "27.000.000 €", drucksache.Cell{Raw: "27.000.000 €", Kind: "number", Value: 27e6, Unit: "EUR"}},
		{"euro with cents", "183.000,00 €", drucksache.Cell{Raw: "183.000,00 €", Kind: "number", Value: 183000.0, Decimals: 2, Unit: "EUR"}},
		{"Euro in words", "1.234.567,89 Euro", drucksache.Cell{Raw: "1.234.567,89 Euro", Kind: "number", Value: 1234567.89, Decimals: 2, Unit: "EUR"}},
		{"millions of euros in words", "12,5 Mio. Euro", drucksache.Cell{Raw: "12,5 Mio. Euro", Kind: "number", Value: 12.5, Decimals: 1, Unit: "Mio. EUR"}},
		{"thousands of euros in one word", "1.234 TEuro", drucksache.Cell{Raw: "1.234 TEuro", Kind: "number", Value: 1234.0, Unit: "Tsd. EUR"}},
		{"percent in words", "45 Prozent", drucksache.Cell{Raw: "45 Prozent", Kind: "number", Value: 45.0, Unit: "%"}},
		{"persons", "1.234 Personen", drucksache.Cell{Raw: "1.234 Personen", Kind: "number", Value: 1234.0, Unit: "Personen"}},
		{"thousands by a space, a raised marker", "1 205³", drucksache.Cell{Raw: "1 205³", Kind: "number", Value: 1205.0}},
		{"a marker before the unit", "1.205³ Euro", drucksache.Cell{Raw: "1.205³ Euro", Kind: "number", Value: 1205.0, Unit: "EUR"}},
		{"a word ending in a unit is text", "Personalkosten", drucksache.Cell{Raw: "Personalkosten", Kind: "text", Value: "Personalkosten"}},
		{"footnote marker", "1.234¹", drucksache.Cell{Raw: "1.234¹", Kind: "number", Value: 1234.0}},
		{"star marker", "5,0*", drucksache.Cell{Raw: "5,0*", Kind: "number", Value: 5.0, Decimals: 1}},
		{"code four digits", "0101", drucksache.Cell{Raw: "0101", Kind: "code", Value: "0101"}},
		{"code two digits", "01", drucksache.Cell{Raw: "01", Kind: "code", Value: "01"}},
		{"empty", "", drucksache.Cell{Raw: "", Kind: "empty"}},
		{"blank", "  ", drucksache.Cell{Raw: "  ", Kind: "empty"}},
		{"en dash", "–", drucksache.Cell{Raw: "–", Kind: "symbol", Meaning: MeaningNothing}},
		{"hyphen", "-", drucksache.Cell{Raw: "-", Kind: "symbol", Meaning: MeaningNothing}},
		{"three hyphens", "---", drucksache.Cell{Raw: "---", Kind: "symbol", Meaning: MeaningNothing}},
		{"dot", ".", drucksache.Cell{Raw: ".", Kind: "symbol", Meaning: MeaningUnknown}},
		{"x", "x", drucksache.Cell{Raw: "x", Kind: "symbol", Meaning: MeaningLocked}},
		{"ellipsis", "…", drucksache.Cell{Raw: "…", Kind: "symbol", Meaning: MeaningNotYet}},
		{"three dots", "...", drucksache.Cell{Raw: "...", Kind: "symbol", Meaning: MeaningNotYet}},
		{"slash", "/", drucksache.Cell{Raw: "/", Kind: "symbol", Meaning: MeaningUnreliable}},
		{"k. A.", "k. A.", drucksache.Cell{Raw: "k. A.", Kind: "symbol", Meaning: MeaningNoInformation}},
		{"k.A.", "k.A.", drucksache.Cell{Raw: "k.A.", Kind: "symbol", Meaning: MeaningNoInformation}},
		{"KA is text", "KA", drucksache.Cell{Raw: "KA", Kind: "text", Value: "KA"}},
		{"text", "Bibliotheksverwaltung", drucksache.Cell{Raw: "Bibliotheksverwaltung", Kind: "text", Value: "Bibliotheksverwaltung"}},
		{"text trimmed", " Landtag ", drucksache.Cell{Raw: " Landtag ", Kind: "text", Value: "Landtag"}},
		{"date is text", "16.05.2025", drucksache.Cell{Raw: "16.05.2025", Kind: "text", Value: "16.05.2025"}},
		{"approximate is text", "ca. 1.200", drucksache.Cell{Raw: "ca. 1.200", Kind: "text", Value: "ca. 1.200"}},
		{"authority level", "Oberste Landesbehörde", drucksache.Cell{Raw: "Oberste Landesbehörde", Kind: "text", Value: "Oberste Landesbehörde", AuthorityLevel: ptr(LevelOberste)}},
		{"two names of one level", "staatliche Ortsbehörde / untere Landesbehörde", drucksache.Cell{Raw: "staatliche Ortsbehörde / untere Landesbehörde", Kind: "text", Value: "staatliche Ortsbehörde / untere Landesbehörde", AuthorityLevel: ptr(LevelUntere)}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Cell(tt.raw)
			if !sameCell(got, tt.want) {
				t.Errorf("Cell(%q)\n got  %s\n want %s", tt.raw, showCell(got), showCell(tt.want))
			}
		})
	}
}

func sameCell(a, b drucksache.Cell) bool {
	if (a.AuthorityLevel == nil) != (b.AuthorityLevel == nil) || (a.AuthorityLevel != nil && *a.AuthorityLevel != *b.AuthorityLevel) {
		return false
	}
	a.AuthorityLevel, b.AuthorityLevel = nil, nil
	return a == b
}

func showCell(c drucksache.Cell) string {
	level := "<nil>"
	if c.AuthorityLevel != nil {
		level = *c.AuthorityLevel
	}
	return "{raw " + quote(c.Raw) + " kind " + c.Kind + " value " + quote(c.Value) + " decimals " + quote(c.Decimals) +
		" unit " + quote(c.Unit) + " meaning " + quote(c.Meaning) + " level " + level + "}"
}

// rowsOf builds table rows holding only the printed text, as extract delivers them.
func rowsOf(raw ...[]string) [][]drucksache.Cell {
	rows := make([][]drucksache.Cell, len(raw))
	for i, r := range raw {
		for _, s := range r {
			rows[i] = append(rows[i], drucksache.Cell{Raw: s})
		}
	}
	return rows
}

func TestRows(t *testing.T) {
	tests := []struct {
		name  string
		rows  [][]string
		col   int
		kinds []string
		want  []any
	}{
		{
			name:  "English decimals decide the column",
			rows:  [][]string{{"1.5"}, {"12.25"}, {"2.017"}},
			kinds: []string{"number", "number", "number"},
			want:  []any{1.5, 12.25, 2.017},
		},
		{
			name:  "German thousands decide the column",
			rows:  [][]string{{"127.632"}, {"1.141.128"}, {"2.017"}},
			kinds: []string{"number", "number", "number"},
			want:  []any{127632.0, 1141128.0, 2017.0},
		},
		{
			name:  "alone German rules win",
			rows:  [][]string{{"2.017"}},
			kinds: []string{"number"},
			want:  []any{2017.0},
		},
		{
			name:  "German decimal comma beside a lone dot keeps German rules",
			rows:  [][]string{{"1,5"}, {"2.017"}},
			kinds: []string{"number", "number"},
			want:  []any{1.5, 2017.0},
		},
		{
			name:  "English column reads commas as thousands",
			rows:  [][]string{{"0.75"}, {"1,234.5"}, {"41,693"}},
			kinds: []string{"number", "number", "number"},
			want:  []any{0.75, 1234.5, 41693.0},
		},
		{
			name:  "symbols and empty cells do not decide",
			rows:  [][]string{{"–"}, {""}, {"1.5"}, {"2.017"}},
			kinds: []string{"symbol", "empty", "number", "number"},
			want:  []any{nil, nil, 1.5, 2.017},
		},
		{
			name:  "codes with leading zeros make codes of same-length numbers",
			rows:  [][]string{{""}, {"01"}, {"03"}, {"11"}, {""}},
			kinds: []string{"empty", "code", "code", "code", "empty"},
			want:  []any{nil, "01", "03", "11", nil},
		},
		{
			name:  "four-digit codes",
			rows:  [][]string{{"0101"}, {"1101"}, {"1117"}, {"7"}},
			kinds: []string{"code", "code", "code", "number"},
			want:  []any{"0101", "1101", "1117", 7.0},
		},
		{
			name:  "no code, no change",
			rows:  [][]string{{"11"}, {"1101"}},
			kinds: []string{"number", "number"},
			want:  []any{11.0, 1101.0},
		},
		{
			name:  "ragged rows",
			rows:  [][]string{{"a", "1.5"}, {"b"}, {"c", "2.017"}},
			col:   1,
			kinds: []string{"number", "", "number"},
			want:  []any{1.5, nil, 2.017},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rows := rowsOf(tt.rows...)
			Rows(rows)
			for i, row := range rows {
				if tt.col >= len(row) {
					if tt.kinds[i] != "" {
						t.Errorf("row %d: no cell", i)
					}
					continue
				}
				c := row[tt.col]
				if c.Kind != tt.kinds[i] || c.Value != tt.want[i] {
					t.Errorf("row %d %q\n got  %s %v\n want %s %v", i, c.Raw, c.Kind, c.Value, tt.kinds[i], tt.want[i])
				}
			}
		})
	}
}

// FuzzNumber checks that a figure printed the German way parses back to the same number and decimals.
func FuzzNumber(f *testing.F) {
	f.Add(41.693, 3)
	f.Add(1141128.0, 0)
	f.Add(-3.5, 1)
	f.Add(0.0, 2)
	f.Add(1234.5, 1)
	f.Fuzz(func(t *testing.T, v float64, decimals int) {
		if math.IsNaN(v) || math.IsInf(v, 0) || math.Abs(v) > 1e15 {
			return
		}
		decimals = ((decimals % 7) + 7) % 7
		s := FormatNumber(v, decimals)
		got, dec, ok := Number(s)
		if !ok {
			t.Fatalf("Number(%q) failed (from %v, %d)", s, v, decimals)
		}
		if dec != decimals {
			t.Fatalf("Number(%q) decimals = %d, want %d", s, dec, decimals)
		}
		if again := FormatNumber(got, dec); again != s && !(got == 0 && s[0] == '-') {
			t.Fatalf("Number(%q) = %v, printed again %q", s, got, again)
		}
	})
}

// FuzzCell checks that typing any text never panics, keeps the raw text, and gives a consistent cell.
func FuzzCell(f *testing.F) {
	for _, s := range []string{"41,693", "1 029", "0101", "–", "k. A.", "12,5 %", "26,4 M.", "Landtag", "", "1.5", "-0", "+"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		c := Cell(raw)
		if c.Raw != raw {
			t.Fatalf("raw changed: %q -> %q", raw, c.Raw)
		}
		switch c.Kind {
		case drucksache.CellNumber:
			v, ok := c.Value.(float64)
			if !ok || math.IsNaN(v) || math.IsInf(v, 0) {
				t.Fatalf("Cell(%q) number value %v", raw, c.Value)
			}
		case drucksache.CellCode, drucksache.CellText:
			if s, ok := c.Value.(string); !ok || s == "" {
				t.Fatalf("Cell(%q) %s value %v", raw, c.Kind, c.Value)
			}
		case drucksache.CellSymbol:
			if c.Value != nil || c.Meaning == "" {
				t.Fatalf("Cell(%q) symbol %v %q", raw, c.Value, c.Meaning)
			}
		case drucksache.CellEmpty:
			if c.Value != nil {
				t.Fatalf("Cell(%q) empty value %v", raw, c.Value)
			}
		default:
			t.Fatalf("Cell(%q) kind %q", raw, c.Kind)
		}
		rows := [][]drucksache.Cell{{{Raw: raw}}, {{Raw: raw}}}
		Rows(rows)
		if rows[0][0].Kind == "" {
			t.Fatalf("Rows left %q untyped", raw)
		}
	})
}

func BenchmarkRows(b *testing.B) {
	raws := []string{"0101", "Ministerium für Inneres und Sport", "150,0", "1.141.128", "–", "", "12,5 %", "Bibliotheksverwaltung"}
	rows := make([][]drucksache.Cell, 1000)
	bytes := 0
	for i := range rows {
		for _, r := range raws {
			rows[i] = append(rows[i], drucksache.Cell{Raw: r})
			bytes += len(r)
		}
	}
	b.SetBytes(int64(bytes))
	b.ReportAllocs()
	for b.Loop() {
		Rows(rows)
	}
}

func quote(v any) string { return fmt.Sprintf("%#v", v) }

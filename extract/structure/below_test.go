package structure

import (
	"reflect"
	"testing"

	"drucksache/extract/layout"
)

// TestBelow reads what is printed under a table for it: legend, footnotes whose marker the table
// prints, the source; the answer's prose after them stays.
func TestBelow(t *testing.T) {
	tb := func() *table {
		return &table{header: []string{"Schuldenart", "2023*"}, rows: [][]string{{"Kassenkredite¹⁾", "3.158"}, {"Wertpapiere", "g"}}}
	}
	line := func(text string, brk bool) layout.Line { return layout.Line{Text: text, Break: brk} }
	tests := []struct {
		name      string
		lines     []layout.Line
		notes     []string
		markers   []string
		texts     []string
		source    string
		proseLeft int
		full      int // the measure of the text's lines; 0 unknown
	}{
		{"legend, footnotes, source, then prose", []layout.Line{
			line("– = nichts vorhanden g = Zahlenwert unbekannt oder geheim", true),
			line("1) Einschließlich der Liquiditätskredite der", true),
			line("Eigenbetriebe.", false),
			line("* Stichtag 31.12.", true),
			line("© Landesamt für Statistik Niedersachsen, Hannover 2025.", true),
			line("Die Angaben sind vorläufig.", true)},
			[]string{"– = nichts vorhanden g = Zahlenwert unbekannt oder geheim"}, []string{"¹⁾", "*"},
			[]string{"Einschließlich der Liquiditätskredite der Eigenbetriebe.", "Stichtag 31.12."},
			"© Landesamt für Statistik Niedersachsen, Hannover 2025.", 1, 0},
		{"a numbered line whose marker the table does not print is prose", []layout.Line{
			line("2) Die Angaben sind vorläufig.", true)}, nil, nil, nil, "", 1, 0},
		{"a source line", []layout.Line{line("Quelle: NiZzA", true)}, nil, nil, nil, "Quelle: NiZzA", 0, 0},
		{"a sentence right below a short source line (dumped text)", []layout.Line{
			line("Quelle: Landesamt für Statistik Niedersachsen, Krankenhausstatistik", true),
			line("Die Zahl der Intensivbetten ist damit gestiegen.", false)},
			nil, nil, nil, "Quelle: Landesamt für Statistik Niedersachsen, Krankenhausstatistik", 1, 90},
		{"a source line wrapped at the measure", []layout.Line{
			line("Quelle: Landesamt für Statistik Niedersachsen, Krankenhausstatistik der Jahre 2023 und", true),
			line("2024, Stand Mai 2025.", false)},
			nil, nil, nil, "Quelle: Landesamt für Statistik Niedersachsen, Krankenhausstatistik der Jahre 2023 und 2024, Stand Mai 2025.", 0, 90},
		{"a word ending a note below a short line", []layout.Line{
			line("1) Einschließlich der Liquiditätskredite der", true),
			line("Eigenbetriebe.", false)},
			nil, []string{"¹⁾"}, []string{"Einschließlich der Liquiditätskredite der Eigenbetriebe."}, "", 0, 90},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			x := tb()
			rest := x.below(tt.lines, tt.full)
			var markers, texts []string
			for _, n := range x.footnotes {
				markers, texts = append(markers, n.marker), append(texts, n.text)
			}
			if !reflect.DeepEqual(x.notes, tt.notes) || !reflect.DeepEqual(markers, tt.markers) || !reflect.DeepEqual(texts, tt.texts) ||
				x.source != tt.source || len(rest) != tt.proseLeft {
				t.Errorf("\nnotes %q footnotes %q %q source %q, %d prose lines left\nwant  %q footnotes %q %q source %q, %d",
					x.notes, markers, texts, x.source, len(rest), tt.notes, tt.markers, tt.texts, tt.source, tt.proseLeft)
			}
		})
	}
}

// TestRaise reads a footnote marker a dump printed flat and glued to a cell ("Kassenkredite1)") as
// the raised marker the paper prints, once the note is printed under the table; a marker printed
// apart, or a figure's own digits, stay as printed.
func TestRaise(t *testing.T) {
	tests := []struct {
		name   string
		rows   [][]string
		note   string
		marker string
		want   [][]string
	}{
		{"glued to a label", [][]string{{"Kassenkredite1)", "3.158"}, {"Kredite", "9.812"}}, "1) Einschließlich der Eigenbetriebe.", "¹⁾",
			[][]string{{"Kassenkredite¹⁾", "3.158"}, {"Kredite", "9.812"}}},
		{"glued to a name with a dot", [][]string{{"bei Gemeinden/Gv.2)", "96.514"}}, "2) In anderen Ländern.", "²⁾",
			[][]string{{"bei Gemeinden/Gv.²⁾", "96.514"}}},
		{"printed apart", [][]string{{"Bereich 1)", "13.156"}}, "1) Einschließlich der Eigenbetriebe.", "1)",
			[][]string{{"Bereich 1)", "13.156"}}},
		{"after a digit", [][]string{{"Stufe 21)", "13"}}, "1) Ohne Umlage.", "1)",
			[][]string{{"Stufe 21)", "13"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			x := &table{header: []string{"Art", "2023"}, rows: tt.rows}
			x.below([]layout.Line{{Text: tt.note, Break: true}}, 0)
			if len(x.footnotes) != 1 || x.footnotes[0].marker != tt.marker || !reflect.DeepEqual(x.rows, tt.want) {
				t.Errorf("footnotes %v rows %q, want marker %q rows %q", x.footnotes, x.rows, tt.marker, tt.want)
			}
		})
	}
}

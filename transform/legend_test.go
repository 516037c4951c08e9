package transform

import (
	"reflect"
	"strings"
	"testing"

	drucksache "drucksache"
)

func TestLegend(t *testing.T) {
	tests := []struct {
		name  string
		notes []string
		want  map[string]string
	}{
		{"signs of a statistics office on one line", []string{"– = nichts vorhanden g = Zahlenwert unbekannt oder geheim x = Tabellenfach gesperrt, weil Aussage nicht sinnvoll"},
			map[string]string{"–": MeaningNothing, "g": MeaningUnknown, "x": MeaningLocked}},
		{"a meaning of its own stays as printed", []string{"Zeichenerklärung: r = berichtigt"}, map[string]string{"r": "berichtigt"}},
		{"a figure is no sign", []string{"0 = weniger als die Hälfte von 1 in der letzten besetzten Stelle"}, nil},
		{"a note that is no legend", []string{"Stichtag jeweils der 31.12. (A = B)"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Legend(tt.notes); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

// TestApplyLegend types a sign the legend defines as a symbol with its meaning, and leaves figures.
func TestApplyLegend(t *testing.T) {
	tb := drucksache.Table{Notes: []string{"g = Zahlenwert unbekannt oder geheim"},
		Rows: [][]drucksache.Cell{{Cell("Wertpapiere"), Cell("g"), Cell("185.000")}}}
	table(&drucksache.Document{}, &tb)
	got := tb.Rows[0][1]
	if got.Kind != drucksache.CellSymbol || got.Meaning != MeaningUnknown || got.Value != nil || tb.Rows[0][2].Kind != drucksache.CellNumber {
		t.Errorf("cells %+v", tb.Rows[0])
	}
}

// FuzzLegend: any notes give signs of up to four characters without figures, each with a meaning.
func FuzzLegend(f *testing.F) {
	f.Add("– = nichts vorhanden g = Zahlenwert unbekannt oder geheim x = Tabellenfach gesperrt")
	f.Add("Zeichenerklärung: r = berichtigt")
	f.Add("= = = =")
	f.Fuzz(func(t *testing.T, note string) {
		for sign, meaning := range Legend([]string{note}) {
			if len([]rune(sign)) > 4 || strings.ContainsAny(sign, "0123456789 =") || meaning == "" {
				t.Fatalf("%q: sign %q meaning %q", note, sign, meaning)
			}
		}
	})
}

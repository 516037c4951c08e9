package transform

import (
	"drucksache/internal/lazyre"
	"strings"

	drucksache "drucksache"
)

// reLegendSign finds the signs a legend defines: a sign of up to four characters followed by " = ".
var reLegendSign = lazyre.New(`(?:^|\s)([^\s=]{1,4}) = `)

// Legend reads the signs a table's notes define, with what each stands for: "– = nichts vorhanden
// g = Zahlenwert unbekannt oder geheim" gives "–" nothing and "g" unknown or secret. A meaning the
// statistics offices' legend uses is named as Symbol names it; any other stays as printed. Figures
// ("0 = weniger als die Hälfte …") are no signs.
func Legend(notes []string) map[string]string {
	var out map[string]string
	for _, n := range notes {
		n = strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(n), "Zeichenerklärung"))
		n = strings.TrimSpace(strings.TrimPrefix(n, ":"))
		locs := reLegendSign.FindAllStringSubmatchIndex(n, -1)
		if len(locs) == 0 || strings.TrimSpace(n[:locs[0][0]]) != "" {
			continue // not a legend line
		}
		for k, m := range locs {
			sign := n[m[2]:m[3]]
			end := len(n)
			if k+1 < len(locs) {
				end = locs[k+1][0]
			}
			text := strings.TrimRight(strings.TrimSpace(n[m[1]:end]), ",;")
			if text == "" || strings.ContainsAny(sign, "0123456789") {
				continue
			}
			if out == nil {
				out = map[string]string{}
			}
			out[sign] = legendMeaning(text)
		}
	}
	return out
}

// legendMeanings are the phrases of the statistics offices' legend, with the meaning Symbol gives
// the sign they explain.
var legendMeanings = []struct{ phrase, meaning string }{
	{"nichts vorhanden", MeaningNothing},
	{"genau null", MeaningNothing},
	{"unbekannt", MeaningUnknown},
	{"geheim", MeaningUnknown},
	{"gesperrt", MeaningLocked},
	{"nicht sinnvoll", MeaningLocked},
	{"später", MeaningNotYet},
	{"noch nicht", MeaningNotYet},
	{"nicht sicher genug", MeaningUnreliable},
	{"nicht ausreichend", MeaningUnreliable},
	{"keine angabe", MeaningNoInformation},
}

func legendMeaning(text string) string {
	low := strings.ToLower(text)
	for _, m := range legendMeanings {
		if strings.Contains(low, m.phrase) {
			return m.meaning
		}
	}
	return text
}

// applyLegend makes every cell that holds a sign the table's legend defines a symbol with that
// meaning, instead of text (or, for "–", the meaning the sign has without a legend).
func applyLegend(t *drucksache.Table) {
	signs := Legend(t.Notes)
	if len(signs) == 0 {
		return
	}
	for _, row := range t.Rows {
		for c := range row {
			if m, ok := signs[trimSpace(row[c].Raw)]; ok && row[c].Kind != drucksache.CellNumber {
				row[c] = drucksache.Cell{Raw: row[c].Raw, Kind: drucksache.CellSymbol, Meaning: m}
			}
		}
	}
}

package transform

import (
	"slices"
	"strings"
	"unicode"
)

// totalWords are the labels of a total; each maps to a class, and a total closes the rows back to the
// previous total of its class.
var totalWords = map[string]string{
	"gesamt":          "gesamt",
	"insgesamt":       "gesamt",
	"total":           "gesamt",
	"gesamtsumme":     "gesamt",
	"gesamtergebnis":  "gesamt",
	"gesamtausgaben":  "gesamt",
	"gesamteinnahmen": "gesamt",
	"gesamtkosten":    "gesamt",
	"gesamtbetrag":    "gesamt",
	"endsumme":        "gesamt",
	"summe":           "summe",
	"summen":          "summe",
	"zusammen":        "zusammen",
	"zwischensumme":   "zwischensumme",
	"insg":            "gesamt", // "insg."
}

// unitWords may stand beside a total in its label without changing what it adds up ("Summe in
// Euro", "Gesamt (Tsd. €)", "Insgesamt Personen"): they name the unit.
var unitWords = map[string]bool{
	"in": true, "euro": true, "eur": true, "teur": true, "teuro": true, "t": true, "tsd": true,
	"mio": true, "mrd": true, "tausend": true, "millionen": true, "milliarden": true, "personen": true,
}

// rowKeyword returns the class of a label that says nothing but "total" ("Gesamt", "Summe:", "Insgesamt*",
// "Summe gesamt", "Summe in Euro"), or "" for any other label.
func rowKeyword(label string) string {
	words := strings.FieldsFunc(strings.ToLower(label), func(r rune) bool {
		return !unicode.IsLetter(r)
	})
	words = slices.DeleteFunc(words, func(w string) bool { return unitWords[w] })
	if len(words) == 0 || len(words) > 3 {
		return ""
	}
	// a label of letters only, apart from punctuation and footnote marks
	for _, r := range label {
		if unicode.IsDigit(r) && r < 0x80 {
			return ""
		}
	}
	class := ""
	for _, w := range words {
		k, ok := totalWords[w]
		if !ok {
			return ""
		}
		if class == "" || k == "gesamt" {
			class = k
		}
	}
	return class
}

// TotalLabel reports a row label that says nothing but "total" ("Summe", "Gesamt", "Insgesamt in
// Euro"): the row adds up the rows it closes.
func TotalLabel(label string) bool { return rowKeyword(label) != "" }

// columnKeyword returns the class of a column header that says nothing but "total".
func columnKeyword(header string) string {
	return rowKeyword(header)
}

// labelWords splits a lowercased header into words, keeping "%" and "ø" as words.
func labelWords(h string) []string {
	return strings.FieldsFunc(h, func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '%' && r != 'ø' && r != '⌀'
	})
}

// anyWordStarts reports whether one of words starts with prefix.
func anyWordStarts(words []string, prefix string) bool {
	for _, w := range words {
		if strings.HasPrefix(w, prefix) {
			return true
		}
	}
	return false
}

// davonDepth counts the "davon" and "darunter" of a header that starts with one: "Davon gewährt" is 1.
func davonDepth(words []string) int {
	if len(words) == 0 || (words[0] != "davon" && words[0] != "darunter" && words[0] != "dav") {
		return 0
	}
	n := 0
	for _, w := range words {
		if w == "davon" || w == "darunter" || w == "dav" {
			n++
		}
	}
	return n
}

// identifierHeader reports whether a short header names identifiers or dates ("Jahr", "lfd. Nr."),
// whose figures are not summed.
func identifierHeader(words []string) bool {
	if len(words) == 0 || len(words) > 2 {
		return false
	}
	switch w := words[0]; w {
	case "jahr", "jahre", "nr", "nummer", "lfd", "datum", "plz", "postleitzahl", "kennziffer", "kennzahl",
		"aktenzeichen", "az", "stichtag", "zeitraum", "monat", "epl", "kap", "kapitel", "titel":
		return true
	default:
		return len(words) == 1 && strings.HasSuffix(w, "jahr")
	}
}

// averageHeader reports whether a header names rates, averages or changes, which a total does not add.
func averageHeader(words []string) bool {
	return rateHeader(words) || slices.Contains(words, "je") || slices.Contains(words, "pro")
}

// perUnitHeader reports whether a header names an amount per case, person or other unit ("Kosten je
// Fall", "Ausgaben pro Kopf") and no other rate or average: a total per case adds such amounts.
func perUnitHeader(words []string) bool {
	return !rateHeader(words) && (slices.Contains(words, "je") || slices.Contains(words, "pro"))
}

// rateHeader reports whether a header names a rate, a share of change or an average ("Quote",
// "Durchschnitt", "ø", "Veränderung").
func rateHeader(words []string) bool {
	for _, w := range words {
		switch {
		case w == "ø" || w == "⌀" || w == "median":
			return true
		case strings.HasSuffix(w, "quote") || strings.HasSuffix(w, "rate") || strings.HasPrefix(w, "durchschnitt") ||
			strings.HasPrefix(w, "mittel") || strings.HasPrefix(w, "veränderung") || strings.HasPrefix(w, "differenz") ||
			strings.HasPrefix(w, "zuwachs") || strings.HasPrefix(w, "zunahme") || strings.HasPrefix(w, "abnahme") ||
			strings.HasPrefix(w, "abweichung") || strings.HasPrefix(w, "wachstum") || strings.HasPrefix(w, "steigerung"):
			return true
		}
	}
	return false
}

// roundedUnit reports whether a unit or header prints whole numbers rounded to thousands or millions.
func roundedUnit(s string) bool {
	for _, u := range []string{"tsd", "tausend", "mio", "million", "mrd", "milliard", "t€", "teur"} {
		if strings.Contains(s, u) {
			return true
		}
	}
	return false
}

// codeDigits reports whether s is a non-empty string of ASCII digits.
func codeDigits(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return s != ""
}

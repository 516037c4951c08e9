package transform

import (
	"strings"
	"unicode"
)

// Unit finds the unit stated for a table in a heading or a sentence ("(in Millionen Euro)", "in Tausend
// Euro", "Angaben in Mio. €", "in %", or a sentence such as "Die Kosten haben sich wie folgt entwickelt
// (in Millionen Euro):") and returns it normalized ("Mio. EUR", "Tsd. EUR", "EUR", "Mrd. EUR", "%"), so that
// tables of different documents compare. Inside a sentence the unit must follow "in"; a text that is only
// a unit ("Mio. €") is one too. Amounts in the running text ("rund 377 Millionen Euro") are not units.
func Unit(text string) (string, bool) {
	if len(text) > 4096 {
		text = text[:4096]
	}
	tokens := unitTokens(text)
	// A text that is a unit and nothing else.
	start := 0
	for start < len(tokens) && unitFiller[tokens[start]] {
		start++
	}
	if start < len(tokens) {
		if u, n := unitAt(tokens[start:]); n == len(tokens)-start {
			return u, true
		}
	}
	for i, t := range tokens {
		if t != "in" || i+1 == len(tokens) {
			continue
		}
		if u, n := unitAt(tokens[i+1:]); n > 0 {
			return u, true
		}
	}
	return "", false
}

// unitFiller are words that may stand before a unit in a heading made only of it ("Angaben in Mio. €").
var unitFiller = map[string]bool{"angaben": true, "alle": true, "beträge": true, "werte": true, "in": true, "betrag": true}

// unitTokens splits text into lower-case words; "€", "%" and "‰" are words of their own, dots stay in words ("mio.").
func unitTokens(text string) []string {
	var tokens []string
	start := -1
	flush := func(end int) {
		if start >= 0 {
			tokens = append(tokens, strings.ToLower(text[start:end]))
			start = -1
		}
	}
	for i, r := range text {
		switch {
		case r == '€' || r == '%' || r == '‰':
			flush(i)
			tokens = append(tokens, string(r))
		case unicode.IsLetter(r) || unicode.IsDigit(r) || r == '.':
			if start < 0 {
				start = i
			}
		default:
			flush(i)
		}
	}
	flush(len(text))
	return tokens
}

// unitAt reads a unit at the start of tokens and returns it with the number of tokens it took, 0 for none.
func unitAt(t []string) (string, int) {
	mult := ""
	switch t[0] {
	case "millionen", "mio.", "mio":
		mult = "Mio."
	case "milliarden", "mrd.", "mrd":
		mult = "Mrd."
	case "tausend", "tsd.", "tsd", "1.000", "1000":
		mult = "Tsd."
	case "t":
		if len(t) > 1 && t[1] == "€" {
			return "Tsd. EUR", 2
		}
		return "t", 1 // tonnes
	}
	if mult != "" {
		if len(t) > 1 {
			switch t[1] {
			case "euro", "eur", "€":
				return mult + " EUR", 2
			}
		}
		if t[0] == "1.000" || t[0] == "1000" {
			return "", 0
		}
		return mult, 1
	}
	switch t[0] {
	case "euro", "eur", "€":
		return "EUR", 1
	case "teur":
		return "Tsd. EUR", 1
	case "prozent", "%":
		return "%", 1
	case "v.":
		if len(t) > 1 && t[1] == "h." {
			return "%", 2
		}
	case "promille", "‰":
		return "‰", 1
	case "stunden", "h":
		return "h", 1
	case "tonnen":
		return "t", 1
	case "hektar", "ha":
		return "ha", 1
	case "kilometern", "kilometer", "km":
		return "km", 1
	case "tagen", "tage":
		return "Tage", 1
	case "monaten", "monate":
		return "Monate", 1
	case "jahren", "jahre":
		return "Jahre", 1
	case "personen":
		return "Personen", 1
	case "m.": // months, as a cell prints them ("26,4 M.")
		if len(t) == 1 {
			return "M.", 1
		}
	}
	return "", 0
}

package transform

import (
	"strings"
	"unicode/utf8"

	drucksache "drucksache"
)

// Meanings of the statistics signs printed instead of a figure, as Cell.Meaning.
const (
	MeaningNothing       = "nothing"             // "–", "-", "---": nothing there (not a rounded zero)
	MeaningUnknown       = "unknown or secret"   // ".": unknown or kept secret
	MeaningLocked        = "locked"              // "x": locked, the figure would make no sense
	MeaningNotYet        = "not yet available"   // "…", "...": not yet available
	MeaningUnreliable    = "not reliable enough" // "/": not published, not reliable enough
	MeaningNoInformation = "no information"      // "k. A.": no information given
)

// Symbol returns the meaning of a statistics sign printed in a table instead of a figure, so that
// the sign is never mistaken for zero or for text.
func Symbol(s string) (meaning string, ok bool) {
	s = trimSpace(s)
	switch s {
	case "-", "–", "—", "−", "‒", "--", "---", "----", "–––", "––", "— —", "- -", "- - -":
		return MeaningNothing, true
	case ".":
		return MeaningUnknown, true
	case "x", "X", "×":
		return MeaningLocked, true
	case "…", "...", "..", ". . .":
		return MeaningNotYet, true
	case "/":
		return MeaningUnreliable, true
	}
	// "k. A.", "k.A.", "K. A", "keine Angabe(n)"
	if len(s) <= 16 {
		var buf [16]byte
		b := buf[:0]
		for i := 0; i < len(s); i++ {
			c := s[i]
			switch {
			case c == ' ' || c == '.':
			case c >= 'A' && c <= 'Z':
				b = append(b, c+'a'-'A')
			case c < utf8.RuneSelf:
				b = append(b, c)
			default:
				return "", false
			}
		}
		switch string(b) {
		case "ka":
			if strings.Contains(s, ".") { // "KA" or "ka" alone is a word, not the sign
				return MeaningNoInformation, true
			}
		case "keineangabe", "keineangaben":
			return MeaningNoInformation, true
		}
	}
	return "", false
}

// isCode reports whether s is an identifier printed with leading zeros ("0101", "01") that must stay a string.
func isCode(s string) bool {
	if len(s) < 2 || s[0] != '0' {
		return false
	}
	return digitsOnly(s)
}

// digitsOnly reports whether s is a non-empty run of ASCII digits.
func digitsOnly(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// cellUnits are the units a figure may carry in its cell, with their normalized names; a unit
// comes before every unit it ends with ("Mio. Euro" before "Euro", "TEuro" before "Euro").
var cellUnits = [...]struct{ suffix, unit string }{
	{"Mio. Euro", "Mio. EUR"}, {"Mrd. Euro", "Mrd. EUR"}, {"Tsd. Euro", "Tsd. EUR"},
	{"Mio. EUR", "Mio. EUR"}, {"Mrd. EUR", "Mrd. EUR"}, {"Tsd. EUR", "Tsd. EUR"},
	{"Mio. €", "Mio. EUR"}, {"Mrd. €", "Mrd. EUR"}, {"Tsd. €", "Tsd. EUR"},
	{"Mio.€", "Mio. EUR"}, {"Mrd.€", "Mrd. EUR"}, {"Tsd.€", "Tsd. EUR"},
	{"TEuro", "Tsd. EUR"}, {"TEUR", "Tsd. EUR"}, {"T€", "Tsd. EUR"}, {"Euro", "EUR"}, {"EUR", "EUR"}, {"€", "EUR"},
	{"Mio.", "Mio."}, {"Mrd.", "Mrd."}, {"Tsd.", "Tsd."},
	{"M.", "M."}, {"Prozent", "%"}, {"%", "%"}, {"‰", "‰"}, {"Personen", "Personen"},
}

// trimMarkers drops footnote markers printed after a figure ("12¹", "4,5*").
func trimMarkers(s string) string {
	for len(s) > 0 {
		r, n := utf8.DecodeLastRuneInString(s)
		switch r {
		case '*', '¹', '²', '³', '⁰', '⁴', '⁵', '⁶', '⁷', '⁸', '⁹':
			s = s[:len(s)-n]
		default:
			return s
		}
	}
	return s
}

// splitUnit separates a unit printed after a figure from the figure.
func splitUnit(s string) (figure, unit string) {
	if s == "" || isDigit(s[len(s)-1]) {
		return s, ""
	}
	for _, u := range cellUnits {
		if len(s) > len(u.suffix) && strings.HasSuffix(s, u.suffix) {
			f := trimSpace(s[:len(s)-len(u.suffix)])
			if f != "" {
				return f, u.unit
			}
		}
	}
	return s, ""
}

// Cell types one table cell from the text printed in it, by German rules (see Number); Rows types a
// whole table and decides dots column by column.
func Cell(raw string) drucksache.Cell {
	return typeCell(raw, dotGerman)
}

// typeCell types raw under rule, falling back to German rules when rule does not fit.
func typeCell(raw string, rule dotRule) drucksache.Cell {
	var c drucksache.Cell
	setCell(&c, raw, rule)
	return c
}

// setCell types raw under rule into c, in place (a table's cells are typed where they stand).
func setCell(c *drucksache.Cell, raw string, rule dotRule) {
	*c = drucksache.Cell{Raw: raw}
	s := trimSpace(raw)
	if s == "" {
		c.Kind = drucksache.CellEmpty
		return
	}
	if m, ok := Symbol(s); ok {
		c.Kind, c.Meaning = drucksache.CellSymbol, m
		return
	}
	if isCode(s) {
		c.Kind, c.Value = drucksache.CellCode, s
		return
	}
	if v, d, unit, ok := figure(s, rule); ok {
		c.Kind, c.Value, c.Decimals, c.Unit = drucksache.CellNumber, v, d, unit
		return
	}
	c.Kind, c.Value = drucksache.CellText, s
	if level, ok := AuthorityLevel(s); ok {
		c.AuthorityLevel = &level
	}
}

// figure parses s as a number with an optional unit and footnote marker.
func figure(s string, rule dotRule) (v float64, decimals int, unit string, ok bool) {
	if s[0] > '9' && s[0] < utf8.RuneSelf && s[0] != '+' && s[0] != '-' {
		return 0, 0, "", false // fast path for words
	}
	f := trimSpace(trimMarkers(s))
	f, unit = splitUnit(f)
	f = trimSpace(trimMarkers(f))
	if v, d, ok := parseNumber(f, rule); ok {
		return v, d, unit, true
	}
	if rule != dotGerman {
		if v, d, ok := parseNumber(f, dotGerman); ok {
			return v, d, unit, true
		}
	}
	return 0, 0, "", false
}

// columnRule decides what a dot means in column col: a decimal point when some figure of the column
// can only be read with a decimal point ("1.5", "12.25", "0.75", "1,234.5") and none can only be read
// the German way ("1,5", "1.141.128", "1.234,5"); German rules otherwise. A lone "2.017" proves nothing,
// so it is 2017 in a German column and 2.017 beside "1.5".
func columnRule(rows [][]drucksache.Cell, col int) dotRule {
	english, german := 0, 0
	for _, row := range rows {
		if col >= len(row) {
			continue
		}
		s := trimSpace(row[col].Raw)
		if s == "" || (s[0] > '9' && s[0] < utf8.RuneSelf && s[0] != '+' && s[0] != '-') {
			continue
		}
		f, _ := splitUnit(trimSpace(trimMarkers(s)))
		var sh numberShape
		if !scanNumber(trimMarkers(f), &sh) || sh.ngroups < 2 {
			continue
		}
		dots, commas, last := 0, 0, sh.seps[sh.ngroups-2]
		for i := 0; i < sh.ngroups-1; i++ {
			switch sh.seps[i] {
			case '.':
				dots++
			case ',':
				commas++
			}
		}
		switch {
		case dots == 1 && last == '.' && (sh.groups[sh.ngroups-1] != 3 || (sh.digits[0] == '0' && sh.groups[0] == 1)):
			english++ // "1.5", "12.25", "0.125"
		case dots == 1 && last == '.' && commas > 0:
			english++ // "1,234.5"
		case dots > 1:
			german++ // "1.141.128"
		case commas > 1:
			english++ // "1,234,567"
		case commas == 1 && last == ',' && sh.groups[sh.ngroups-1] != 3:
			german++ // "1,5"
		case commas == 1 && dots > 0 && last == ',':
			german++ // "1.234,5"
		}
	}
	if english > 0 && german == 0 {
		return dotDecimal
	}
	return dotGerman
}

// Rows types every cell of a table from its Raw text, deciding per column what a dot means (see columnRule)
// and keeping whole numbers as codes in a column of identifiers with leading zeros: beside "0101" and "01",
// "1101" and "11" are identifiers too (same number of digits as a code of the column).
func Rows(rows [][]drucksache.Cell) { typeRows(rows, nil) }

// typeRows is Rows where placed (nil: every row) says which rows stand under the header's columns
// (see placedRows): only those decide what a column's dots and codes are; a row printed wider is
// typed cell by cell, by German rules.
func typeRows(rows [][]drucksache.Cell, placed []bool) {
	ruled := rows
	if placed != nil {
		ruled = nil
		for r, row := range rows {
			if placed[r] {
				ruled = append(ruled, row)
			}
		}
	}
	cols := 0
	for _, row := range rows {
		cols = max(cols, len(row))
	}
	for col := range cols {
		rule := columnRule(ruled, col)
		var codeLens uint64 // bit n set: the column holds a code of n digits
		for r, row := range rows {
			if col >= len(row) {
				continue
			}
			if placed != nil && !placed[r] {
				setCell(&row[col], row[col].Raw, dotGerman)
				continue
			}
			setCell(&row[col], row[col].Raw, rule)
			if row[col].Kind == drucksache.CellCode {
				if n := len(row[col].Value.(string)); n < 64 {
					codeLens |= 1 << n
				}
			}
		}
		if codeLens == 0 {
			continue
		}
		for _, row := range ruled {
			if col >= len(row) || row[col].Kind != drucksache.CellNumber {
				continue
			}
			s := trimSpace(row[col].Raw)
			if digitsOnly(s) && len(s) < 64 && codeLens&(1<<len(s)) != 0 {
				row[col] = drucksache.Cell{Raw: row[col].Raw, Kind: drucksache.CellCode, Value: s}
			}
		}
	}
}

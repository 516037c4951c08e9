package dumped

import (
	"drucksache/extract/layout"
)

// A dump prints a figure grouped by thousands with a space ("2 412") as two words, so a row of
// two such figures reads as four ("Wind offshore 2 412 1 445"). A header of years says how many
// figures a row has (see fit for how a row is then read).

// yearColumns is the number of years ending the header line of years closest to the rows, or
// 0 when no header line ends in years only ("2024 2025", "Energieträger 2024 2025").
func yearColumns(head []layout.Line) int {
	for k := len(head) - 1; k >= 0; k-- {
		if _, years := splitValues(head[k]); yearsInOrder(years) {
			return len(years)
		}
	}
	return 0
}

// headerYears is the number of value columns a header of years gives the table: the years of
// a first row taken as its header, or of a header line of years only; 0 when there is none.
func headerYears(header []string, head []layout.Line) int {
	if header != nil {
		return len(header) - 1
	}
	return yearColumns(head)
}

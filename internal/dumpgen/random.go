package dumpgen

import (
	"fmt"
	"math/rand/v2"
)

// Random makes a case of the class a dump misreads most: costs per year (or per place) in columns
// that a Summe column adds up, perhaps closed by a row of their totals, the header on one line or
// stacked, the figures grouped by a space (or by a point, or not at all), perhaps one figure with a
// footnote marker glued to it. Its data are its truth, so
// that a property test can ask the pipeline to read it back exactly, or to say which rows it
// cannot read without guessing.
func Random(r *rand.Rand) Case {
	parts := 2 + r.IntN(3)
	c := Case{
		Name: fmt.Sprintf("random table of %d columns", parts+2),
		Lead: "Die Kosten je Fall entwickelten sich wie folgt:",
	}
	if r.IntN(2) == 0 {
		c.Header = append([]string{"Jahr"}, stackedParts[:parts]...)
		c.Style.Stacked, c.Style.Wrap = true, 10
	} else {
		c.Header = append([]string{"Jahr"}, lineParts[:parts]...)
	}
	c.Header = append(c.Header, "Summe")
	switch k := r.IntN(10); {
	case k < 7:
		c.Style.Thousands = " "
	case k < 9:
		c.Style.Thousands = "."
	default:
		c.Style.Thousands = "none"
	}
	year := 2015 + r.IntN(6)
	rows := 2 + r.IntN(5)
	places := r.IntN(4) == 0 && !c.Style.Stacked // rows labelled by places under "Kreis", not by years
	if places {
		c.Header[0] = "Kreis"
	}
	for y := range rows {
		row := Row{Label: fmt.Sprint(year + y)}
		if places {
			row.Label = kreise[y]
		}
		sum := 0.0
		for range parts {
			v := randomFigure(r)
			row.Cells = append(row.Cells, Cell{Value: v, Figure: true})
			sum += v
		}
		row.Cells = append(row.Cells, Cell{Value: sum, Figure: true})
		c.Rows = append(c.Rows, row)
	}
	if r.IntN(3) == 0 {
		total := Row{Label: "Insgesamt"}
		for col := range parts + 1 {
			sum := 0.0
			for _, row := range c.Rows {
				sum += row.Cells[col].Value
			}
			total.Cells = append(total.Cells, Cell{Value: sum, Figure: true})
		}
		c.Rows = append(c.Rows, total)
	}
	if r.IntN(3) == 0 {
		c.Earlier = r.IntN(3)
		c.Notes = []string{"Ohne Umlage."}
		row, col := r.IntN(rows), r.IntN(parts)
		c.Rows[row].Cells[col].Marker = c.Earlier + 1
	}
	return c
}

// randomFigure is a cost as such tables print them: mostly three digits, some four, a few one or two.
func randomFigure(r *rand.Rand) float64 {
	switch k := r.IntN(10); {
	case k < 6:
		return float64(100 + r.IntN(900))
	case k < 8:
		return float64(1000 + r.IntN(1500))
	default:
		return float64(1 + r.IntN(99))
	}
}

// kreise label the rows of a random case labelled by places.
var kreise = []string{"Ammerland", "Aurich", "Celle", "Cuxhaven", "Diepholz", "Emsland"}

// The headers of the part columns of a random case, stacked (with the breaks of a narrow column)
// or one word each for a header on one line.
var (
	stackedParts = []string{"Personal\u00adkosten je Fall", "Sach- und Betriebs\u00adkosten", "Verwal\u00adtungs\u00adkosten", "Investi\u00adtionen"}
	lineParts    = []string{"Personal", "Sachmittel", "Verwaltung", "Investitionen"}
)

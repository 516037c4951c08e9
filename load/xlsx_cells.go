package load

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	drucksache "drucksache"
)

// textOf is the text of a cell: its string value, else what was printed.
func textOf(c drucksache.Cell) string {
	if s, ok := c.Value.(string); ok && s != "" {
		return s
	}
	return c.Raw
}

// columnWidths fits each column to its longest value, within limits; long header words are not split.
func columnWidths(t *drucksache.Table, ncols int) []float64 {
	widths := make([]float64, ncols)
	for c := range widths {
		w := 0
		if c < len(t.Header) {
			h := t.Header[c]
			w = min(utf8.RuneCountInString(h), 24)
			for _, word := range strings.Fields(h) {
				w = max(w, utf8.RuneCountInString(word))
			}
		}
		widths[c] = float64(w)
	}
	for _, row := range t.Rows {
		for c, cell := range row {
			n := utf8.RuneCountInString(strings.TrimSpace(cell.Raw))
			if cell.Kind == drucksache.CellNumber {
				n += n/3 + 1 // thousands separators the display adds
			}
			widths[c] = max(widths[c], float64(n))
		}
	}
	for c := range widths {
		widths[c] = min(max(widths[c]+2, minColWidth), maxColWidth)
	}
	return widths
}

// Characters of text per unit of column width (the width of a digit): regular Calibri is narrower than
// its digits, bold about as wide.
const (
	charsPerWidth     = 1.15
	boldCharsPerWidth = 1.0
)

// rowHeight is the height in points a row needs to show texts wrapped in columns of the given widths;
// Excel and LibreOffice keep the height a file states rather than fitting it on opening.
func rowHeight(texts []string, widths []float64, charsPer float64) float64 {
	lines := 1
	for i, s := range texts {
		if i >= len(widths) || s == "" {
			continue
		}
		perLine := max(int(widths[i]*charsPer)-1, 1)
		n := 0
		for para := range strings.SplitSeq(s, "\n") {
			n += max(1, (utf8.RuneCountInString(para)+perLine-1)/perLine)
		}
		lines = max(lines, n)
	}
	return min(float64(lines)*lineHeight, maxRowHeight)
}

// rowTexts are the texts of a table row as they are shown.
func rowTexts(row []drucksache.Cell) []string {
	texts := make([]string, len(row))
	for i, c := range row {
		if c.Kind == drucksache.CellText {
			texts[i] = textOf(c)
		}
	}
	return texts
}

// clipped marks a text cut to fit a cell.
const clipped = " […] (gekürzt; vollständig im JSON)"

// cellText fits s into one cell (at most 32 767 UTF-16 units), saying so where it had to cut.
func cellText(s string) string {
	if len(s) <= maxCellChars/2 || utf16Len(s) <= maxCellChars {
		return s
	}
	return clipUTF16(s, maxCellChars-utf16Len(clipped)) + clipped
}

func utf16Len(s string) int {
	n := 0
	for _, r := range s {
		n++
		if r > 0xFFFF {
			n++
		}
	}
	return n
}

// valueCell is the cell of a value of the overview, questions or checks: a text, a whole or decimal
// number, a date (a number in the date format of style), or blank in the style where v is nil.
func valueCell(v any, style int) cell {
	switch v := v.(type) {
	case string:
		return textCell(v, style)
	case int:
		return numberCell(float64(v), style)
	case float64:
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return textCell(fmt.Sprint(v), style)
		}
		return numberCell(v, style)
	case time.Time:
		if serial, ok := dateSerial(v); ok {
			return numberCell(serial, style)
		}
		return textCell(v.Format(time.DateOnly), style)
	}
	return cell{style: style}
}

func tableTitle(i int, t *drucksache.Table) string {
	s := fmt.Sprintf("Tabelle %d", i+1)
	if t.Question > 0 {
		s += fmt.Sprintf(" zu Frage %d", t.Question)
	}
	if t.Title != nil && *t.Title != "" {
		s += ": " + *t.Title
	}
	return s
}

func tableInfo(t *drucksache.Table) string {
	var parts []string
	if t.Unit != nil && *t.Unit != "" {
		parts = append(parts, "Einheit: "+*t.Unit)
	}
	if t.AuthorityLevel != nil && *t.AuthorityLevel != "" {
		parts = append(parts, "Behördenebene: "+authorityLabel(*t.AuthorityLevel))
	}
	if t.Provenance.Page > 0 {
		parts = append(parts, "Quelle: "+place(t.Provenance.Page, t.Provenance.Line))
	}
	return strings.Join(parts, " · ")
}

func tableLabel(t drucksache.Table) string {
	s := "Tabelle " + t.ID
	if t.Question > 0 {
		s += fmt.Sprintf(", Frage %d", t.Question)
	}
	if t.Title != nil && *t.Title != "" {
		s += ": " + *t.Title
	}
	if t.Unit != nil && *t.Unit != "" {
		s += " (" + *t.Unit + ")"
	}
	return s + ", " + plural(len(t.Rows), "Zeile", "Zeilen")
}

func docLabel(d *drucksache.Document) string {
	if d.Drucksache != nil && *d.Drucksache != "" {
		return "Drucksache " + *d.Drucksache
	}
	if d.QuestionDrucksache != nil && *d.QuestionDrucksache != "" {
		return "Antwort auf Drucksache " + *d.QuestionDrucksache
	}
	return d.ID
}

func kindLabel(kind string) string {
	switch kind {
	case drucksache.KindAnswer:
		return "Antwort auf eine Kleine Anfrage"
	case drucksache.KindUnterrichtung:
		return "Unterrichtung"
	case drucksache.KindWithdrawn:
		return "zurückgezogene Anfrage"
	case drucksache.KindBill:
		return "Gesetzentwurf"
	}
	return kind
}

func authorityLabel(level string) string {
	switch level {
	case "oberste_landesbehoerde":
		return "Oberste Landesbehörden"
	case "landesoberbehoerde":
		return "Landesoberbehörden"
	case "mittlere_landesbehoerde":
		return "Mittlere Landesbehörden"
	case "untere_landesbehoerde":
		return "Untere Landesbehörden"
	case "kommunal":
		return "Kommunen"
	}
	return level
}

// where is a place in the source in parentheses, after a space, or nothing when it is not known.
func where(page, line int) string {
	if p := place(page, line); p != "" {
		return " (" + p + ")"
	}
	return ""
}

// place is a page and line as a German reader cites them ("S. 3, Z. 12").
func place(page, line int) string {
	switch {
	case page > 0 && line > 0:
		return fmt.Sprintf("S. %d, Z. %d", page, line)
	case page > 0:
		return fmt.Sprintf("S. %d", page)
	}
	return ""
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return strconv.Itoa(n) + " " + many
}

// isoDate parses a YYYY-MM-DD date; anything else is returned as printed so nothing is lost.
func isoDate(s *string) any {
	if s == nil || *s == "" {
		return nil
	}
	t, err := time.Parse(time.DateOnly, *s)
	if err != nil {
		return *s
	}
	return t
}

func deref(s *string) any {
	if s == nil || *s == "" {
		return nil
	}
	return *s
}

func optInt(n *int) any {
	if n == nil {
		return nil
	}
	return *n
}

func optPage(n int) any {
	if n <= 0 {
		return nil
	}
	return n
}

func optFloat(f *float64) any {
	if f == nil || math.IsNaN(*f) || math.IsInf(*f, 0) {
		return nil
	}
	return *f
}

func ptr[T any](v T) *T { return &v }

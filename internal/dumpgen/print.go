package dumpgen

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Drucksache is the number every generated answer prints as its own.
const Drucksache = "19/99901"

// softHyphen marks where a stacked header may break a word.
const softHyphen = "\u00ad"

// defaultWrap is the widest line of a stacked header cell when the case names none.
const defaultWrap = 12

// Print returns the dump of an answer to a Kleine Anfrage whose first answer holds the case's
// table: three pages, each opened by the running header and page number a dump keeps, the
// footnotes of a page at its foot, every line ending in the space pypdf leaves there.
func Print(c Case) string {
	var p printer
	p.page(1)
	p.line("Kleine Anfrage zur schriftlichen Beantwortung ")
	p.line("gemäß § 46 Abs. 1 GO LT")
	p.line("mit Antwort der Landesregierung")
	p.line("Anfrage der Abgeordneten Erika Mustermann (CDU)")
	p.line("Antwort des Niedersächsischen Finanzministeriums namens der Landesregierung")
	p.line("Aufwendungen der Landesverwaltung")
	p.line("Anfrage der Abgeordneten Erika Mustermann (CDU), eingegangen am 02.06.2026 - Drs. 19/99800,")
	p.line("an die Staatskanzlei übersandt am 04.06.2026")
	p.line("Antwort des Niedersächsischen Finanzministeriums namens der Landesregierung vom 01.07.2026")
	p.blank()
	p.line("Vorbemerkung der Abgeordneten")
	remark := "Die Aufwendungen der Landesverwaltung sind in den vergangenen Jahren gestiegen."
	for n := 1; n <= c.Earlier; n++ {
		p.line(remark + strconv.Itoa(n)) // the marker, raised in the PDF, flat in the dump
		remark = "Auch andere Länder berichten darüber."
	}
	if c.Earlier == 0 {
		p.line(remark)
	}
	if c.Earlier > 0 {
		p.blank()
		for n := 1; n <= c.Earlier; n++ {
			p.line(fmt.Sprintf("%d https://www.example.org/quelle-%d", n, n))
		}
	}
	p.page(2)
	p.line("1. Wie haben sich die Aufwendungen in den vergangenen Jahren entwickelt?")
	p.line(c.Lead)
	p.table(c)
	if len(c.Notes) > 0 {
		p.blank()
		for k, note := range c.Notes {
			p.line(fmt.Sprintf("%d %s", c.Earlier+k+1, note))
		}
	}
	p.page(3)
	p.line("2. Welche weiteren Erkenntnisse liegen der Landesregierung vor?")
	p.line("Der Landesregierung liegen keine weiteren Erkenntnisse vor.")
	return p.b.String()
}

// printer writes the lines of a dump.
type printer struct {
	b     strings.Builder
	pages int
}

// line writes one printed line with the space a dump leaves at its end.
func (p *printer) line(s string) {
	p.b.WriteString(s)
	p.b.WriteString(" \n")
}

// blank writes the line of one space a dump prints for an empty line.
func (p *printer) blank() { p.b.WriteString(" \n") }

// page starts page n: an empty line ends the page before, then the running header and the number.
func (p *printer) page(n int) {
	if p.pages > 0 {
		p.b.WriteString("\n")
	}
	p.pages = n
	p.line("Niedersächsischer Landtag – 19. Wahlperiode Drucksache " + Drucksache)
	p.blank()
	p.line(strconv.Itoa(n))
}

// table writes the header and the rows of the case's table.
func (p *printer) table(c Case) {
	switch {
	case c.Style.NoHeader:
	case c.Style.Stacked:
		w := c.Style.Wrap
		if w == 0 {
			w = defaultWrap
		}
		for _, h := range c.Header {
			for _, l := range Wrap(h, w) {
				p.b.WriteString(l + "\n")
			}
		}
	default:
		p.line(strings.ReplaceAll(strings.Join(c.Header, " "), softHyphen, ""))
	}
	for _, r := range c.Rows {
		p.line(printRow(r, c.Style))
	}
}

// printRow prints a row as a dump does: the label, perhaps wrapped over lines ending with the
// last of them, then the cells separated by single spaces, an empty cell printed as a space.
func printRow(r Row, s Style) string {
	var cells []string
	for _, cl := range r.Cells {
		cells = append(cells, printCell(cl, s, false))
	}
	label := strings.ReplaceAll(r.Label, softHyphen, "")
	if s.LabelWrap > 0 && !s.FiguresBelow {
		lines := Wrap(r.Label, s.LabelWrap)
		last := len(lines) - 1
		label = strings.Join(lines[:last], "\n")
		if last > 0 {
			label += "\n"
		}
		label += strings.TrimSuffix(lines[last], " ")
	}
	line := strings.Join(cells, " ")
	switch {
	case label != "" && s.FiguresBelow:
		line = strings.Join(Wrap(r.Label, max(s.LabelWrap, defaultWrap)), "\n") + "\n" + line
	case label != "":
		line = label + " " + line
	}
	return line
}

// printCell prints one cell: a figure with its thousands, its marker (as printed in the dump, or
// raised when raised is true, as a reader gives it) and its unit; a sign or text as it is; a blank
// for an empty cell.
func printCell(c Cell, s Style, raised bool) string {
	if !c.Figure {
		if c.Text == "" && !raised {
			return " "
		}
		return c.Text
	}
	out := Figure(c.Value, c.Decimals, s.Thousands)
	if c.Marker > 0 {
		if raised {
			out += Superscript(c.Marker)
		} else {
			out += strconv.Itoa(c.Marker)
		}
	}
	if s.Unit != "" {
		out += " " + s.Unit
	}
	return out
}

// Figure prints v the German way with decimals decimals after a comma and the thousands grouped by
// sep ("." , " ", or "none" for no grouping; "" means ".").
func Figure(v float64, decimals int, sep string) string {
	switch sep {
	case "":
		sep = "."
	case "none":
		sep = ""
	}
	s := strconv.FormatFloat(v, 'f', decimals, 64)
	sign := ""
	if strings.HasPrefix(s, "-") {
		sign, s = "-", s[1:]
	}
	whole, frac, hasFrac := strings.Cut(s, ".")
	var b strings.Builder
	b.WriteString(sign)
	for i := range len(whole) {
		if i > 0 && (len(whole)-i)%3 == 0 {
			b.WriteString(sep)
		}
		b.WriteByte(whole[i])
	}
	if hasFrac {
		b.WriteString(",")
		b.WriteString(frac)
	}
	return b.String()
}

// Superscript writes a footnote number as the superscript digits the contract gives markers ("³").
func Superscript(n int) string {
	var b strings.Builder
	for _, d := range strconv.Itoa(n) {
		b.WriteRune(superscripts[d-'0'])
	}
	return b.String()
}

var superscripts = []rune("⁰¹²³⁴⁵⁶⁷⁸⁹")

// Wrap breaks text into lines of at most width characters, at spaces and at soft hyphens (printed
// as "-" at a line end, dropped elsewhere); a word longer than width without a place to break
// keeps a line of its own. The lines are as a dump prints them: each ends in the space the break
// left there, except one broken at a soft hyphen, which ends in its hyphen.
func Wrap(text string, width int) []string {
	var lines []string
	cur := ""
	for _, word := range strings.Fields(text) {
		for word != "" {
			sep := ""
			if cur != "" {
				sep = " "
			}
			plain := strings.ReplaceAll(word, softHyphen, "")
			if runes(cur)+runes(sep)+runes(plain) <= width {
				cur += sep + plain
				word = ""
				break
			}
			// The longest part up to a soft hyphen that fits, with the hyphen printed.
			head, rest := "", ""
			for i := strings.Index(word, softHyphen); i >= 0; {
				h := strings.ReplaceAll(word[:i], softHyphen, "") + "-"
				if runes(cur)+runes(sep)+runes(h) > width {
					break
				}
				head, rest = h, word[i+len(softHyphen):]
				j := strings.Index(word[i+len(softHyphen):], softHyphen)
				if j < 0 {
					break
				}
				i += len(softHyphen) + j
			}
			switch {
			case head != "":
				lines = append(lines, cur+sep+head)
				cur, word = "", rest
			case cur != "":
				lines = append(lines, cur+" ")
				cur = ""
			default:
				cur, word = plain, ""
			}
		}
	}
	if cur != "" {
		lines = append(lines, cur+" ")
	}
	return lines
}

// runes is the length of s in characters.
func runes(s string) int { return utf8.RuneCountInString(s) }

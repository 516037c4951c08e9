package text

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"

	drucksache "drucksache"
	"drucksache/extract/layout"
)

// sum writes a line compactly: page:no, then ¶ for a break, * bold, H header, # page number,
// F footnote, pN for the spaces of a blank line above, then the text (cells joined by |).
func sum(l layout.Line) string {
	flags := ""
	if l.Break {
		flags += "¶"
	}
	if l.Bold == layout.Yes {
		flags += "*"
	}
	switch l.Role {
	case layout.RoleHeader:
		flags += "H"
	case layout.RolePageNumber:
		flags += "#"
	case layout.RoleFootnote:
		flags += "F"
	}
	if l.PadAbove > 0 {
		flags += fmt.Sprintf("p%d", l.PadAbove)
	}
	text := l.Text
	if l.Cells != nil {
		text = strings.Join(l.Cells, "|")
	}
	return fmt.Sprintf("%d:%d %s %s", l.Page, l.No, flags, text)
}

func sums(lines []layout.Line) []string {
	var out []string
	for _, l := range lines {
		out = append(out, sum(l))
	}
	return out
}

const header = "Niedersächsischer Landtag – 19. Wahlperiode Drucksache 19/11277 "

// Snippets of the dumped Drs. 19/11277 and of the clean text of the IT answer (Drs. 19/7520).
func TestLines(t *testing.T) {
	tests := []struct {
		name  string
		text  string
		pages int
		want  []string
	}{
		{"running header and page number of a dump", header + "\n \n1 \nKleine Anfrage zur schriftlichen Beantwortung  \ngemäß § 46 Abs. 1 GO LT ",
			1, []string{"1:1 ¶H " + header, "1:3 ¶#p1 1 ", "1:4  Kleine Anfrage zur schriftlichen Beantwortung  ", "1:5  gemäß § 46 Abs. 1 GO LT "}},
		{"a running header after body text starts a page", "erfasst worden ist. \n\n" + header + "\n \n2 \n1. Wie viele Fälle",
			1, []string{"1:1 ¶ erfasst worden ist. ", "2:3 ¶H " + header, "2:5 ¶#p1 2 ", "2:6  1. Wie viele Fälle"}},
		{"form feeds count pages", "Seite eins\n\fSeite zwei\fSeite drei",
			3, []string{"1:1 ¶ Seite eins", "2:2  Seite zwei", "3:2  Seite drei"}},
		{"a form feed before any text starts no page", "\f\fAnfang",
			1, []string{"1:1 ¶ Anfang"}},
		{"tabs make cells", "2017\t2018\t2019\n41,693\t46,801\t50,191\t",
			1, []string{"1:1 ¶ 2017|2018|2019", "1:2  41,693|46,801|50,191"}},
		{"bold of clean text spans lines", "**Kleine Anfrage zur schriftlichen Beantwortung\nmit Antwort der Landesregierung**\nAnfrage der Abgeordneten",
			1, []string{"1:1 ¶* Kleine Anfrage zur schriftlichen Beantwortung", "1:2 * mit Antwort der Landesregierung", "1:3  Anfrage der Abgeordneten"}},
		{"bold ends at a blank line", "**Frage eins\n\nAntwort**",
			1, []string{"1:1 ¶* Frage eins", "1:3 ¶ Antwort**"}},
		{"a lone ** is a footnote sign", "**Kosten ohne Umsatzsteuer\nnächste Zeile",
			1, []string{"1:1 ¶ **Kosten ohne Umsatzsteuer", "1:2  nächste Zeile"}},
		{"the spaces of a blank line above", "Verwaltungsge-\nrichtsbarkeit \n            \nOberverwaltungsge-",
			1, []string{"1:1 ¶ Verwaltungsge-", "1:2  richtsbarkeit ", "1:4 ¶p12 Oberverwaltungsge-"}},
		{"the page number pdftotext prints at a page's foot", "Antwort eins\n\n                 1\n\fAntwort zwei\n\n     2\n",
			2, []string{"1:1 ¶ Antwort eins", "1:3 ¶# " + "                 1", "2:4  Antwort zwei", "2:6 ¶# " + "     2"}},
		{"a running header in halves at a landscape page's top and foot", "Ende.\n\f    Niedersächsischer Landtag – 19. Wahlperiode\n   Anlage\n\n      Drucksache 19/8840\n\fweiter",
			3, []string{"1:1 ¶ Ende.", "2:2 H     Niedersächsischer Landtag – 19. Wahlperiode", "2:3     Anlage", "2:5 ¶H       Drucksache 19/8840", "3:6  weiter"}},
		{"a figure at a page's foot that is not its number stays", "Summe\n\n3\n\fweiter",
			2, []string{"1:1 ¶ Summe", "1:3 ¶ 3", "2:4  weiter"}},
		{"CR LF line ends", "Zeile eins\r\nZeile zwei\r\n",
			1, []string{"1:1 ¶ Zeile eins", "1:2  Zeile zwei"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			lines, pages := Lines(tt.text)
			if got := sums(lines); pages != tt.pages || !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Lines = %d pages\n%s\nwant %d pages\n%s", pages, strings.Join(got, "\n"), tt.pages, strings.Join(tt.want, "\n"))
			}
		})
	}
}

func TestIsRunningHeader(t *testing.T) {
	tests := []struct {
		line string
		want bool
	}{
		{"Niedersächsischer Landtag – 19. Wahlperiode Drucksache 19/11277", true},
		{"Drucksache 21/7449 – 2 – Deutscher Bundestag – 21. Wahlperiode", true},
		{"Bremische Bürgerschaft Drucksache 21/512 21. Wahlperiode", true},
		{"Abgeordnetenhaus Berlin Drucksache 19/20 345 19. Wahlperiode", true},
		{"Antwort auf die Drucksache 19/7520 der 19. Wahlperiode", false}, // no parliament named
		{"Niedersächsischer Landtag – 19. Wahlperiode Drucksache", false}, // no number
		{"Landtag – 19. Wahlperiode Drucksache neu/1", false},
		{"Niedersächsischer Landtag – 19. Wahlperiode" + strings.Repeat(" ", 140) + "Drucksache 19/8840", true}, // a landscape page's, by pdftotext -layout
	}
	for _, tt := range tests {
		if got := isRunningHeader(tt.line); got != tt.want {
			t.Errorf("isRunningHeader(%q) = %v, want %v", tt.line, got, tt.want)
		}
	}
}

func TestIsPageNumber(t *testing.T) {
	tests := []struct {
		line string
		want bool
	}{
		{"3", true}, {"- 3 -", true}, {"– 12 –", true}, {"Seite 3", true}, {" 7 ", true},
		{"", false}, {"3.", false}, {"12345", false}, {"Seite drei", false}, {"2026 bis", false},
	}
	for _, tt := range tests {
		if got := isPageNumber(tt.line); got != tt.want {
			t.Errorf("isPageNumber(%q) = %v, want %v", tt.line, got, tt.want)
		}
	}
}

func TestDecode(t *testing.T) {
	cp1252, _ := charmap.Windows1252.NewEncoder().String("Größe – „Zitat“")
	le, _ := unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM).NewEncoder().String("Größe – „Zitat“ und mehr Text")
	be, _ := unicode.UTF16(unicode.BigEndian, unicode.IgnoreBOM).NewEncoder().String("Größe – „Zitat“ und mehr Text")
	tests := []struct {
		name string
		data string
		text string
		enc  string
		warn bool
		err  error
	}{
		{"UTF-8", "Größe – „Zitat“", "Größe – „Zitat“", "", false, nil},
		{"a byte order mark goes", "\xef\xbb\xbfAnfang", "Anfang", "", false, nil},
		{"Windows-1252", cp1252, "Größe – „Zitat“", "windows-1252", true, nil},
		{"one stray byte in UTF-8 stays UTF-8", "Größe \x96 „Zitat“", "Größe \uFFFD „Zitat“", "", true, nil},
		{"a stray byte in ASCII is Windows-1252", "Jahr 2025 \x96 2026", "Jahr 2025 – 2026", "windows-1252", true, nil},
		{"as many bad bytes as good ones is Windows-1252", "Gr\xf6\xdfe – x", "Größe â€“ x", "windows-1252", true, nil},
		{"UTF-16LE with BOM", "\xff\xfe" + le, "Größe – „Zitat“ und mehr Text", "utf-16le", true, nil},
		{"UTF-16BE with BOM", "\xfe\xff" + be, "Größe – „Zitat“ und mehr Text", "utf-16be", true, nil},
		{"UTF-16LE without BOM", le, "Größe – „Zitat“ und mehr Text", "utf-16le", true, nil},
		{"UTF-16BE without BOM", be, "Größe – „Zitat“ und mehr Text", "utf-16be", true, nil},
		{"UTF-16 with a BOM but binary", "\xff\xfe\x01\x00\x02\x00\x03\x00", "", "", false, layout.ErrNotText},
		{"a NUL byte", "Text\x00mehr", "", "", false, layout.ErrNotText},
		{"control characters", strings.Repeat("a\x01", 50), "", "", false, layout.ErrNotText},
		{"tabs, form feeds and line ends are text", "a\tb\fc\r\nd", "a\tb\fc\r\nd", "", false, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			text, enc, note, err := decode([]byte(tt.data))
			if text != tt.text || enc != tt.enc || (note != "") != tt.warn || !errors.Is(err, tt.err) {
				t.Errorf("decode = %q, %q, %q, %v; want %q, %q, warning %v, %v", text, enc, note, err, tt.text, tt.enc, tt.warn, tt.err)
			}
		})
	}
}

// FuzzDecode: decode never panics, returns valid UTF-8, and reads UTF-8 without invalid bytes unchanged.
func FuzzDecode(f *testing.F) {
	for _, s := range []string{"Größe", "\xff\xfeG\x00r\x00", "\xfe\xff\x00G", "Gr\x96\xf6", "\xef\xbb\xbf", "a\x00b", ""} {
		f.Add([]byte(s))
	}
	if data, err := os.ReadFile(filepath.Join("..", "..", "fixtures", "ni-19-11185.txt")); err == nil {
		f.Add(data[:min(len(data), 2000)])
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		text, enc, note, err := decode(data)
		if err != nil {
			return
		}
		if !utf8.ValidString(text) {
			t.Fatalf("decode(%q) = %q: not UTF-8", data, text)
		}
		if enc == "" && note == "" && utf8.Valid(data) && !bytes.HasPrefix(data, []byte("\xef\xbb\xbf")) && text != string(data) {
			t.Fatalf("decode(%q) = %q: valid UTF-8 changed", data, text)
		}
		if enc != "" && note == "" {
			t.Fatalf("decode(%q): decoded as %s without a warning", data, enc)
		}
	})
}

// Read names the file and the stage in its errors and says which encoding it decoded.
func TestRead(t *testing.T) {
	_, err := Reader{}.Read(context.Background(), "kaputt.txt", []byte("\x00\x01binär"))
	var e *layout.Error
	if !errors.As(err, &e) || e.File != "kaputt.txt" || e.Stage != "txt" || !errors.Is(err, layout.ErrNotText) {
		t.Errorf("error %v, want an *Error of kaputt.txt in stage txt wrapping ErrNotText", err)
	}
	cp1252, _ := charmap.Windows1252.NewEncoder().String("Anfrage des Abgeordneten Jörg Müller (CDU)\n")
	l, err := Reader{}.Read(context.Background(), "latin.txt", []byte(cp1252))
	if err != nil {
		t.Fatal(err)
	}
	if l.Encoding != "windows-1252" || len(l.Warnings) != 1 || l.Warnings[0].Code != drucksache.WarnEncoding || l.Lines[0].Text != "Anfrage des Abgeordneten Jörg Müller (CDU)" {
		t.Errorf("layout %+v, want windows-1252 with one encoding warning", l)
	}
}

// FuzzLines: Lines never panics, keeps no blank line, numbers the lines as printed (increasing),
// and marks as a page number only a number printed alone.
func FuzzLines(f *testing.F) {
	f.Add("Antwort eins\n\n                 1\n\fAntwort zwei\n\n     2\n\f")
	f.Add("Ende.\n\f    Niedersächsischer Landtag – 19. Wahlperiode\n   Anlage\n\n      Drucksache 19/8840\n\fweiter")
	f.Add(header + "\n \n1 \nKleine Anfrage\n**fett**\n2017\t2018\n")
	f.Fuzz(func(t *testing.T, s string) {
		lines, pages := Lines(s)
		if pages < 1 {
			t.Fatalf("%d pages", pages)
		}
		for i, l := range lines {
			if strings.TrimSpace(l.Text) == "" && l.Cells == nil {
				t.Errorf("line %d blank", i)
			}
			if i > 0 && l.No < lines[i-1].No {
				t.Errorf("line %d numbered %d after %d", i, l.No, lines[i-1].No)
			}
			if l.Role == layout.RolePageNumber && !isPageNumber(strings.TrimSpace(l.Text)) {
				t.Errorf("line %d %q marked a page number", i, l.Text)
			}
		}
	})
}

package html

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"
	"time"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"

	"drucksache"
	"drucksache/extract/layout"
	"drucksache/internal/golden"
)

const fixturePath = "../../fixtures/nds-19-kleine-anfrage-it-infrastruktur.html"

// read reads HTML with the HTML reader, failing the test on an error.
func read(t testing.TB, src string) *layout.Layout {
	t.Helper()
	l, err := Reader{}.Read(context.Background(), "test.html", []byte(src))
	if err != nil {
		t.Fatalf("Read: %v", err)
	}
	return l
}

// sum prints a line compactly: ¶ paragraph break, * bold, Tn table (h header row), role, then the text
// (table cells separated by |).
func sum(l layout.Line) string {
	var p []string
	if l.Break {
		p = append(p, "¶")
	}
	if l.Bold == layout.Yes {
		p = append(p, "*")
	}
	if l.Table > 0 {
		s := fmt.Sprintf("T%d", l.Table)
		if l.Header {
			s += "h"
		}
		p = append(p, s)
	}
	switch l.Role {
	case layout.RoleHeader:
		p = append(p, "header:")
	case layout.RoleFooter:
		p = append(p, "footer:")
	case layout.RolePageNumber:
		p = append(p, "page:")
	case layout.RoleFootnote:
		p = append(p, "note:")
	}
	text := l.Text
	if l.Cells != nil {
		text = strings.Join(l.Cells, "|")
	}
	return strings.Join(append(p, text), " ")
}

// goldenLines renders a layout for a golden file: what the reader noticed, then one line per Line.
func goldenLines(l *layout.Layout) string {
	var b strings.Builder
	fmt.Fprintf(&b, "pages %d encoding %q\n", l.Pages, l.Encoding)
	for _, w := range l.Warnings {
		fmt.Fprintf(&b, "warning %s line %d %s: %s\n", w.Code, w.Provenance.Line, w.Provenance.Path, w.Message)
	}
	for _, x := range l.Lines {
		fmt.Fprintf(&b, "%5d p%d %-32s %s\n", x.No, x.Page, x.Path, sum(x))
	}
	return b.String()
}

func TestHTMLGolden(t *testing.T) {
	files := []string{fixturePath}
	extra, _ := filepath.Glob("testdata/*.html")
	files = append(files, extra...)
	for _, file := range files {
		t.Run(filepath.Base(file), func(t *testing.T) {
			data, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			l, err := Reader{}.Read(context.Background(), file, data)
			if err != nil {
				t.Fatalf("Read: %v", err)
			}
			got := goldenLines(l)
			want := filepath.Join("testdata", strings.TrimSuffix(filepath.Base(file), ".html")+".lines")
			golden.Check(t, want, []byte(got))
		})
	}
}

// TestHTMLFixture checks what the structure parser relies on in the LibreOffice export of the IT answer.
func TestHTMLFixture(t *testing.T) {
	data, err := os.ReadFile(fixturePath)
	if err != nil {
		t.Fatal(err)
	}
	l, err := Reader{}.Read(context.Background(), fixturePath, data)
	if err != nil {
		t.Fatal(err)
	}
	if l.Pages != 1 || l.Encoding != "" || len(l.Warnings) != 0 {
		t.Errorf("pages %d, encoding %q, warnings %v; want 1 page, UTF-8, no warnings", l.Pages, l.Encoding, l.Warnings)
	}

	question := regexp.MustCompile(`^(\d+)\. `)
	var numbers []string
	for _, x := range l.Lines {
		if m := question.FindStringSubmatch(x.Text); m != nil && x.Table == 0 {
			if x.Bold != layout.Yes || !x.Break {
				t.Errorf("question line %d not a bold paragraph: %s", x.No, sum(x))
			}
			numbers = append(numbers, m[1])
		}
	}
	if got := strings.Join(numbers, " "); got != "1 2 3 4 5 6 7 8 9 10 11 12 13 14" {
		t.Errorf("questions found: %s", got)
	}

	tables := []struct {
		rows, width int
		header      string
		first       string
	}{
		{2, 8, "2017|2018|2019|2020|2021|2022|2023|2024", "41,693|46,801|50,191|55,794|65,735|68,489|81,799|89,628"},
		{16, 2, "Anzahl IT-Lösungen|Gleichartige verwaltungsinterne Prozesse aus den Personal- bzw. Querschnittsbereichen", "2|Bibliotheksverwaltung"},
		{18, 2, "Anzahl IT-Lösungen|Gleichartige verwaltungsinterne Prozesse aus den Personal- bzw. Querschnittsbereichen", "1|Bahnticket buchen"},
		{18, 2, "Anzahl IT-Lösungen|Gleichartige verwaltungsinterne Prozesse aus den Personal- bzw. Querschnittsbereichen", "2|Auftragsverwaltung"},
		{4, 2, "|Umfang Open-Source-Programme", "Oberste Landesbehörde|48"},
		{25, 7, "Epl.|Kap.|Ressort / Kapitel|VZE / BM|Davon gewährt|Davon besetzt|Davon in Besetzung", "|0101|Landtag|1,0|0,0|0,0|0,0"},
	}
	rows := map[int][]layout.Line{}
	for _, x := range l.Lines {
		if x.Table > 0 {
			rows[x.Table] = append(rows[x.Table], x)
		}
	}
	if len(rows) != len(tables) {
		t.Fatalf("%d tables, want %d", len(rows), len(tables))
	}
	for i, want := range tables {
		got := rows[i+1]
		if len(got) != want.rows {
			t.Errorf("table %d: %d rows, want %d", i+1, len(got), want.rows)
			continue
		}
		for j, r := range got {
			if len(r.Cells) != want.width || r.Header != (j == 0) || r.Text != strings.Join(r.Cells, "\t") {
				t.Errorf("table %d row %d: %d cells (want %d), header %v: %s", i+1, j+1, len(r.Cells), want.width, r.Header, sum(r))
			}
		}
		if h := strings.Join(got[0].Cells, "|"); h != want.header {
			t.Errorf("table %d header\n got  %s\n want %s", i+1, h, want.header)
		}
		if f := strings.Join(got[1].Cells, "|"); f != want.first {
			t.Errorf("table %d first row\n got  %s\n want %s", i+1, f, want.first)
		}
	}
	last := rows[6][len(rows[6])-1]
	if s := strings.Join(last.Cells, "|"); s != "||Gesamt|247,3|220,8|174,8|5,0" || last.No != 1587 || last.Path != "body/table[6]/tbody[1]/tr[24]" {
		t.Errorf("last row of table 6: line %d %s %s", last.No, last.Path, s)
	}

	want := []struct {
		role layout.Role
		text string
		no   int
	}{
		{layout.RoleHeader, "Niedersächsischer Landtag – 19. Wahlperiode Drucksache 19/7520", 16},
		{layout.RoleFootnote, "¹ Niedersächsisches Antragsystem für Verwaltungsleistungen Online.", 1716},
		{layout.RolePageNumber, "30", 1720},
	}
	for _, w := range want {
		found := false
		for _, x := range l.Lines {
			if x.Text == w.text {
				found = true
				if x.Role != w.role || x.No != w.no {
					t.Errorf("%q: role %d line %d, want role %d line %d", w.text, x.Role, x.No, w.role, w.no)
				}
			}
		}
		if !found {
			t.Errorf("no line %q", w.text)
		}
	}
	var navo, dashes int
	for _, x := range l.Lines {
		if strings.Contains(x.Text, "Antragsverwaltungssystem NAVO¹.") {
			navo++
		}
		if strings.HasPrefix(x.Text, "– ") {
			dashes++
		}
		if strings.ContainsAny(x.Text, "\n\u00ad\u00a0") || strings.Contains(x.Text, "  ") {
			t.Errorf("line %d keeps white space or soft hyphens: %q", x.No, x.Text)
		}
	}
	if navo != 1 || dashes != 3 {
		t.Errorf("footnote marker NAVO¹ seen %d times (want 1), dash items %d (want 3)", navo, dashes)
	}
	for i := 1; i < len(l.Lines); i++ {
		if l.Lines[i].No < l.Lines[i-1].No {
			t.Errorf("line numbers go back: %d after %d", l.Lines[i].No, l.Lines[i-1].No)
		}
	}
}

func TestHTMLLines(t *testing.T) {
	tests := []struct {
		name string
		html string
		want []string // sum of every line
		warn string   // code of a warning expected
	}{
		{"entities, no-break and soft hyphens", `<p>Stra&szlig;en&shy;bau&nbsp;&amp;&#160;Verkehr &ndash;
			  Landes\u00adamt</p>`,
			[]string{"¶ Straßenbau & Verkehr – Landesamt"}, ""},
		{"br splits a paragraph, two br break it", `<p>eins<br>zwei<br/><br/>drei</p>`,
			[]string{"¶ eins", "zwei", "¶ drei"}, ""},
		{"empty spacer paragraphs vanish", `<p>a</p><p><br/></p><p>&nbsp;</p><p>  </p><p>b</p>`,
			[]string{"¶ a", "¶ b"}, ""},
		{"script, style, noscript and comments are not text", `<head><title>T</title><style>p{color:red}</style></head>
			<body><script>var x = "<p>no</p>";</script><noscript>nojs</noscript><!-- hidden --><p>ja</p></body>`,
			[]string{"¶ ja"}, ""},
		{"bold by tag, inline style and class", `<style>.fett { font-weight: 700 } p.normal{font-weight:normal}</style>
			<p><b>1. Frage</b></p><p><strong>2.</strong> halb</p><p style="font-weight:bold">3. Stil</p>
			<p class="fett">4. Klasse</p><p class="normal"><b>fett</b></p><p><span style="font: bold 12pt Arial">5. kurz</span></p>
			<b style="font-weight:normal"><p>Google Docs</p></b><h2>Überschrift</h2>`,
			[]string{"¶ * 1. Frage", "¶ 2. halb", "¶ * 3. Stil", "¶ * 4. Klasse", "¶ * fett", "¶ * 5. kurz", "¶ Google Docs", "¶ * Überschrift"}, ""},
		{"text directly in a div, around a block", `<div>vor<p>mitten</p>nach</div>`,
			[]string{"¶ vor", "¶ mitten", "¶ nach"}, ""},
		{"unordered list with default and styled bullets", `<ul><li>eins</li><li>zwei<ul style="list-style-type: square"><li>tief</li></ul></li></ul>
			<ul style="list-style: none"><li>ohne</li></ul><ul><li>– schon da</li></ul><ul style='list-style-type: "– "'><li>Strich</li></ul>`,
			[]string{"¶ • eins", "¶ • zwei", "¶ ▪ tief", "¶ ohne", "¶ – schon da", "¶ – Strich"}, ""},
		{"list items holding paragraphs keep their bullets", `<ul><li><p>eins</p></li><li><p></p><p>zwei</p><p>mehr</p></li></ul>`,
			[]string{"¶ • eins", "¶ • zwei", "¶ mehr"}, ""},
		{"ordered lists count as browsers do", `<ol><li>a</li><li>b</li></ol><ol start="3" type="a"><li>c</li><li value="9">d</li></ol><ol type="I"><li>x</li></ol><ol type=a><li>a) schon</li></ol>`,
			[]string{"¶ 1. a", "¶ 2. b", "¶ c) c", "¶ i) d", "¶ I. x", "¶ a) schon"}, ""},
		{"Word list paragraph with a Symbol bullet", `<p class=MsoListParagraph style='text-indent:-18.0pt'><span style='font-family:Symbol'>·<span style='font:7.0pt "Times New Roman"'>&nbsp;&nbsp;&nbsp; </span></span>Punkt</p>`,
			[]string{"¶ • Punkt"}, ""},
		{"colspan and rowspan fill every column, a body cell spanning rows each of them", `<table><tr><th rowspan=2>Jahr</th><th colspan=2>Fälle</th></tr><tr><th>ja</th><th>nein</th></tr>
			<tr><td>2024</td><td>1</td><td>2</td></tr><tr><td rowspan="3">2025</td><td colspan=2>keine</td></tr><tr><td>3</td></tr></table>`,
			[]string{"¶ * T1h Jahr|Fälle|Fälle", "* T1h |ja|nein", "T1 2024|1|2", "T1 2025|keine|", "T1 2025|3|"}, ""},
		{"cells with paragraphs, br and empty cells", `<table><thead><tr><td>A</td><td>B</td></tr></thead><tbody>
			<tr><td><p>zwei</p><p>Absätze</p></td><td>mit<br>Umbruch</td></tr><tr><td><p><br/></p></td><td>x</td></tr>
			<tr><td></td><td>&nbsp;</td></tr></tbody></table><p>danach</p>`,
			[]string{"¶ T1h A|B", "T1 zwei Absätze|mit Umbruch", "T1 |x", "¶ danach"}, ""},
		{"ragged rows are padded to the widest", `<table><tr><td>a</td></tr><tr><td>b</td><td>c</td><td>d</td></tr></table>`,
			[]string{"¶ T1 a||", "T1 b|c|d"}, ""},
		{"spans too wide are cut at the column limit", `<table><tr><td colspan="1000">a</td><td>b</td></tr><tr><td>c</td><td rowspan=0 colspan="2x">d</td></tr><tr><td>e</td></tr></table>`,
			[]string{"¶ T1 a|" + strings.Repeat("|", maxColumns-2) + "b", "T1 c|d|" + strings.Repeat("|", maxColumns-3), "T1 e|d|" + strings.Repeat("|", maxColumns-3)}, "table_too_wide"},
		{"nested table is flattened into its cell", `<table><tr><td>außen</td><td><table><tr><td>in</td><td>nen</td></tr></table></td></tr></table>`,
			[]string{"¶ T1 außen|in nen"}, "nested_table"},
		{"one-column table is a layout box", `<table><tr><td><p><b>1. Frage</b></p><p>Antwort</p></td></tr></table>`,
			[]string{"¶ * 1. Frage", "¶ Antwort"}, ""},
		{"caption above the rows", `<table><caption>Tabelle 1</caption><tr><td>a</td><td>b</td></tr></table>`,
			[]string{"¶ Tabelle 1", "¶ T1 a|b"}, ""},
		{"LibreOffice header, footer and footnote", `<div title="header"><p>Landtag – 19. Wahlperiode	Drucksache 19/7520</p></div>
			<p>Text NAVO<a class="sdfootnoteanc" name="sdfootnote1anc" href="#sdfootnote1sym"><sup>1</sup></a>.</p>
			<div id="sdfootnote1"><p><a class="sdfootnotesym" name="sdfootnote1sym" href="#sdfootnote1anc">1</a>Fußnote.</p></div>
			<div title="footer"><p><sdfield type=PAGE subtype=RANDOM format=PAGE>3</sdfield></p><p>Vertraulich</p></div>`,
			[]string{"¶ header: Landtag – 19. Wahlperiode Drucksache 19/7520", "¶ Text NAVO¹.", "¶ note: ¹ Fußnote.", "¶ page: 3", "¶ footer: Vertraulich"}, ""},
		{"Word footnotes and page break", `<p class=MsoNormal>Satz<a style='mso-footnote-id:ftn1' href="#_ftn1" name="_ftnref1" title=""><span class=MsoFootnoteReference><span style='mso-special-character:footnote'><![if !supportFootnotes]><span class=MsoFootnoteReference>[1]</span><![endif]></span></span></a> weiter.</p>
			<br clear=all style='page-break-before:always'><p>Seite zwei</p>
			<div style='mso-element:footnote-list'><hr align=left size=1 width="33%"><div style='mso-element:footnote' id=ftn1>
			<p class=MsoFootnoteText><a style='mso-footnote-id:ftn1' href="#_ftnref1" name="_ftn1" title=""><span class=MsoFootnoteReference>[1]</span></a> Quelle: Landesamt.</p></div></div>`,
			[]string{"¶ Satz¹ weiter.", "¶ Seite zwei", "¶ note: ¹ Quelle: Landesamt."}, ""},
		{"Word header with a page field", `<div style='mso-element:header' id=h1><p class=MsoHeader>Drucksache 21/7652 <span style='mso-field-code:" PAGE "'>4</span></p><p>- 4 -</p></div><p>Text</p>`,
			[]string{"¶ header: Drucksache 21/7652 4", "¶ page: - 4 -", "¶ Text"}, ""},
		{"Pandoc footnotes", `<p>Satz<sup><a href="#fn1" class="footnote-ref" id="fnref1">1</a></sup>.</p><hr/>
			<section class="footnotes"><ol><li id="fn1"><p>Quelle. <a href="#fnref1" class="footnote-back">↩︎</a></p></li></ol></section>`,
			[]string{"¶ Satz¹.", "¶ note: ¹ Quelle."}, ""},
		{"hidden text is not printed", `<p>sichtbar<span style="display: none">versteckt</span></p><p style='mso-hide:all'>Word</p>`,
			[]string{"¶ sichtbar"}, ""},
		{"sup as superscript only when it has one", `<p>m<sup>2</sup> und 1<sup>st</sup> und Fn.<sup>*</sup></p>`,
			[]string{"¶ m² und 1st und Fn.*"}, ""},
		{"pre keeps its lines", "<pre>a  b\nc</pre>", []string{"¶ a b", "c"}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l := read(t, strings.ReplaceAll(tt.html, `\u00ad`, "\u00ad"))
			var got []string
			for _, x := range l.Lines {
				got = append(got, sum(x))
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("lines\n got  %q\n want %q", got, tt.want)
			}
			codes := ""
			for _, w := range l.Warnings {
				codes += string(w.Code) + " "
			}
			if tt.warn != "" && !strings.Contains(codes, tt.warn) || tt.warn == "" && codes != "" {
				t.Errorf("warnings %q, want %q", codes, tt.warn)
			}
		})
	}
}

func TestHTMLProvenance(t *testing.T) {
	src := "<html>\n<body>\n<div>\n<p>eins</p>\n<p\nclass=x>zwei<br>\ndrei</p>\n</div>\n<table><tr><td>a</td><td>b</td></tr>\n<tr><td>c</td><td>d</td></tr></table>\n</body></html>\n"
	l := read(t, src)
	want := []string{"4 body/div[1]/p[1] eins", "5 body/div[1]/p[2] zwei", "6 body/div[1]/p[2] drei",
		"9 body/table[1]/tbody[1]/tr[1] a\tb", "10 body/table[1]/tbody[1]/tr[2] c\td"}
	var got []string
	for _, x := range l.Lines {
		got = append(got, fmt.Sprintf("%d %s %s", x.No, x.Path, x.Text))
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("provenance\n got  %q\n want %q", got, want)
	}
}

func TestHTMLEncoding(t *testing.T) {
	const text = "Größe der Behörden – Übersicht"
	latin1 := func(s string) string {
		b, err := charmap.Windows1252.NewEncoder().String(s)
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	utf16, err := unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewEncoder().String("<p>" + text + "</p>")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name     string
		src      string
		encoding string
		warn     string // part of the warning message; "" for none
	}{
		{"UTF-8 declared", `<meta charset="utf-8"><p>` + text, "", ""},
		{"UTF-8 undeclared", `<p>` + text, "", ""},
		{"UTF-8 byte order mark", "\ufeff<p>" + text, "", ""},
		{"windows-1252 by meta charset", latin1(`<meta charset="windows-1252"><p>` + text), "windows-1252", "decoded as windows-1252"},
		{"ISO-8859-1 by http-equiv", latin1(`<meta http-equiv="Content-Type" content="text/html; charset=ISO-8859-1"><p>` + text), "windows-1252", `declared "ISO-8859-1"`},
		{"windows-1252 undeclared", latin1(`<p>` + text), "windows-1252", "no charset declared"},
		{"declared UTF-8 but windows-1252", latin1(`<meta charset="utf-8"><p>` + text), "windows-1252", "declared UTF-8 but"},
		{"declared windows-1252 but UTF-8", `<meta charset="windows-1252"><p>` + text, "", "the bytes are UTF-8"},
		{"unknown charset", `<meta charset="klingon"><p>` + text, "", "unknown charset"},
		{"UTF-16 byte order mark", utf16, "utf-16le", "byte order mark"},
		{"UTF-16 without byte order mark", utf16[2:], "utf-16le", "guessed"},
		{"XML declaration", latin1(`<?xml version="1.0" encoding="windows-1252"?><html><p>` + text), "windows-1252", "decoded as windows-1252"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l := read(t, tt.src)
			if len(l.Lines) != 1 || l.Lines[0].Text != text {
				var got []string
				for _, x := range l.Lines {
					got = append(got, x.Text)
				}
				t.Errorf("lines %q, want %q", got, text)
			}
			if l.Encoding != tt.encoding {
				t.Errorf("encoding %q, want %q", l.Encoding, tt.encoding)
			}
			var msgs []string
			for _, w := range l.Warnings {
				msgs = append(msgs, w.Message)
			}
			all := strings.Join(msgs, "; ")
			if tt.warn == "" && all != "" || !strings.Contains(all, tt.warn) {
				t.Errorf("warnings %q, want one containing %q", all, tt.warn)
			}
		})
	}
}

func TestHTMLBadInput(t *testing.T) {
	fixture, err := os.ReadFile(fixturePath)
	if err != nil {
		t.Fatal(err)
	}
	deep := strings.Repeat("<div>", 100000) + "tief" + strings.Repeat("</div>", 100000)
	deepInline := "<p>" + strings.Repeat(`<font size="2"><b>`, 50000) + "fett"
	var huge strings.Builder
	huge.WriteString("<html><body>")
	for i := 0; huge.Len() < 4<<20; i++ {
		fmt.Fprintf(&huge, "<p>Absatz %d mit etwas Text.</p><table><tr><td colspan=3>%d</td></tr><tr><td>a</td><td>b</td><td>c</td></tr></table>\n", i, i)
	}
	huge.WriteString("</body></html>")
	tests := []struct {
		name  string
		src   string
		err   error  // wanted error, nil for none
		warn  string // wanted warning code
		lines int    // at least this many lines
	}{
		{"truncated in a table", string(fixture[:len(fixture)/2]), nil, "truncated", 40},
		{"truncated in a tag", "<html><body><p>Anfang</p><p class=\"x", nil, "truncated", 1},
		{"no body text", "<html><head><title>Drucksache</title></head></html>", layout.ErrNoText, "", 0},
		{"only scripts and styles", "<html><body><script>alert(1)</script><style>p{}</style></body></html>", layout.ErrNoText, "", 0},
		{"frameset without body", "<html><frameset><frame src=a.html></frameset></html>", layout.ErrNoText, "", 0},
		{"only a running header", `<body><div title="header"><p>Drucksache 19/1</p></div></body>`, layout.ErrNoText, "", 0},
		{"search results page", `<html><body><form><input name=q value="IT"><button>Suchen</button></form><h1>3 Treffer</h1>
			<ul><li><a href="/19/7520.pdf">Drucksache 19/7520</a> Kleine Anfrage</li><li><a href="/19/7263.pdf">Drucksache 19/7263</a></li></ul></body></html>`, nil, "web_page", 3},
		{"100 000 nested divs", deep, nil, "deep_nesting", 1},
		{"50 000 unclosed inline tags", deepInline, nil, "deep_nesting", 1},
		{"binary garbage", "\x00\x01\x02<\xff\xfe>\x00<p>x", nil, "", 1},
		{"4 MB document", huge.String(), nil, "", 1000},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			start := time.Now()
			l, err := Reader{}.Read(context.Background(), "bad.html", []byte(tt.src))
			if time.Since(start) > 20*time.Second {
				t.Errorf("took %v", time.Since(start))
			}
			if tt.err != nil {
				var e *layout.Error
				if !errors.Is(err, tt.err) || !errors.As(err, &e) || e.File != "bad.html" {
					t.Fatalf("error %v, want an *Error of bad.html wrapping %v", err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatalf("error %v", err)
			}
			if len(l.Lines) < tt.lines {
				t.Errorf("%d lines, want at least %d", len(l.Lines), tt.lines)
			}
			codes := ""
			for _, w := range l.Warnings {
				codes += string(w.Code) + " "
			}
			if !strings.Contains(codes, tt.warn) {
				t.Errorf("warnings %q, want %q", codes, tt.warn)
			}
		})
	}
	t.Run("deep text is kept", func(t *testing.T) {
		l := read(t, deep)
		if len(l.Lines) != 1 || l.Lines[0].Text != "tief" || l.Warnings[0].Provenance.Line != 1 {
			t.Fatalf("lines %v warnings %v", l.Lines, l.Warnings)
		}
		if want := "body/div[1]/div[1]/…/div[1]"; !strings.HasPrefix(l.Lines[0].Path, want) || strings.Count(l.Lines[0].Path, "/") != 15 {
			t.Errorf("path %s, want it to start %s and name 16 elements", l.Lines[0].Path, want)
		}
	})
	t.Run("cancelled", func(t *testing.T) {
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		_, err := Reader{}.Read(ctx, "bad.html", []byte(huge.String()))
		if !errors.Is(err, context.Canceled) {
			t.Errorf("error %v, want context.Canceled", err)
		}
	})
}

// The reader tells the parser a web page by Layout.WebPage, and says why in a warning: navigation
// and forms make one; an office export, even one with links, is none.
func TestHTMLWebPage(t *testing.T) {
	search, err := os.ReadFile(filepath.Join("testdata", "search-results.html"))
	if err != nil {
		t.Fatal(err)
	}
	fixture, err := os.ReadFile(fixturePath)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		src  string
		want bool
	}{
		{"a portal's search results", string(search), true},
		{"a form alone", `<html><body><p>Kleine Anfrage</p><form><input name=q></form></body></html>`, true},
		{"the LibreOffice export of an answer", string(fixture), false},
		{"a paragraph with a link", `<html><body><p>Siehe <a href="https://www.landtag-niedersachsen.de">Landtag</a>.</p></body></html>`, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l := read(t, tt.src)
			warned := false
			for _, w := range l.Warnings {
				warned = warned || w.Code == drucksache.WarnWebPage
			}
			if l.WebPage != tt.want || warned != tt.want {
				t.Errorf("WebPage %v, warned %v; want %v", l.WebPage, warned, tt.want)
			}
		})
	}
}

package roundtrip

import (
	"encoding/xml"
	"io"
	"strings"
	"testing"
)

// TestFODTWellFormed checks that every paper renders to XML LibreOffice loads: well-formed, and no
// element with an attribute twice (LibreOffice refuses such a file without a word why).
func TestFODTWellFormed(t *testing.T) {
	papers, err := Load("testdata/papers")
	if err != nil {
		t.Fatal(err)
	}
	for i := range papers {
		d := xml.NewDecoder(strings.NewReader(string(FODT(&papers[i]))))
		for {
			tok, err := d.Token()
			if err == io.EOF {
				break
			}
			if err != nil {
				t.Fatalf("%s: %v", papers[i].Name, err)
			}
			if se, ok := tok.(xml.StartElement); ok {
				seen := map[xml.Name]bool{}
				for _, a := range se.Attr {
					if seen[a.Name] {
						t.Fatalf("%s: <%s:%s> has %s:%s twice", papers[i].Name, se.Name.Space, se.Name.Local, a.Name.Space, a.Name.Local)
					}
					seen[a.Name] = true
				}
			}
		}
	}
}

func TestHeaderPaths(t *testing.T) {
	tests := []struct {
		name   string
		header [][]HeaderCell
		width  int
		want   []string
	}{
		{"one level", [][]HeaderCell{{{Text: "Kommune"}, {Text: "Anzahl der\u00adKommunen"}}}, 2,
			[]string{"Kommune", "Anzahl derKommunen"}},
		{"a cell spanning levels counts once, a spanning cell for each column",
			[][]HeaderCell{
				{{Text: "Art", Rows: 3}, {Text: "2023", Span: 3}},
				{{Text: "Gebietskörper\u00adschaften", Span: 2}, {Text: "Zweckverbände", Rows: 2}},
				{{Text: "Insgesamt"}, {Text: "darunter Gemeinden"}},
			}, 4,
			[]string{"Art", "2023 / Gebietskörperschaften / Insgesamt", "2023 / Gebietskörperschaften / darunter Gemeinden", "2023 / Zweckverbände"}},
		{"an empty cell leaves no part", [][]HeaderCell{{{Text: ""}, {Text: "2024"}}, {{Text: "Land"}, {Text: "Anzahl"}}}, 2,
			[]string{"Land", "2024 / Anzahl"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tb := Table{Widths: make([]float64, tt.width), Header: tt.header}
			got := tb.headerPaths()
			if strings.Join(got, "|") != strings.Join(tt.want, "|") {
				t.Errorf("\n got  %q\n want %q", got, tt.want)
			}
		})
	}
}

func TestPlain(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Kassenkredite^1)", "Kassenkredite¹⁾"},
		{"bei Gemeinden/Gv.^12) mehr", "bei Gemeinden/Gv.¹²⁾ mehr"},
		{"Liquiditäts\u00adkredite", "Liquiditätskredite"},
		{"ohne Marker", "ohne Marker"},
	}
	for _, tt := range tests {
		if got := Plain(tt.in); got != tt.want {
			t.Errorf("Plain(%q)\n got  %q\n want %q", tt.in, got, tt.want)
		}
	}
}

// FuzzPlain checks that a reader's text never keeps the marks of the data: no soft hyphen, no "^".
func FuzzPlain(f *testing.F) {
	f.Add("Kassenkredite^1) und Liquiditäts\u00adkredite")
	f.Add("^^)")
	f.Fuzz(func(t *testing.T, s string) {
		got := Plain(s)
		if strings.ContainsAny(got, "\u00ad^") {
			t.Errorf("Plain(%q) = %q", s, got)
		}
		var b strings.Builder
		for _, p := range pieces(s) {
			b.WriteString(p.text)
		}
		if want := strings.ReplaceAll(s, "^", ""); b.String() != want {
			t.Errorf("pieces(%q) lose text: %q", s, b.String())
		}
	})
}

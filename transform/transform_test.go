package transform

import (
	"bytes"
	"drucksache/internal/golden"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	drucksache "drucksache"
)

// goldFile is the part of a gold file that is not in the document model.
type goldFile struct {
	Questions []struct {
		Number           int      `json:"number"`
		AnswerParagraphs []string `json:"answer_paragraphs"`
	} `json:"questions"`
	SomeTables []drucksache.Table `json:"some_tables"`
}

// readGold decodes a gold file into a document (answers joined from their paragraphs, "some_tables"
// appended to the tables) as the pipeline should write it.
func readGold(t testing.TB, path string) *drucksache.Document {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var doc drucksache.Document
	var extra goldFile
	if err := json.Unmarshal(data, &doc); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	if err := json.Unmarshal(data, &extra); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	for i, q := range extra.Questions {
		if i < len(doc.Questions) && doc.Questions[i].Number == q.Number {
			doc.Questions[i].Answer = strings.Join(q.AnswerParagraphs, "\n\n")
		}
	}
	doc.Tables = append(doc.Tables, extra.SomeTables...)
	for i := range doc.Tables {
		doc.Tables[i].ID = fmt.Sprintf("t%d", i+1)
	}
	return &doc
}

// germanDate prints an ISO date as the papers print it.
func germanDate(iso *string) *string {
	if iso == nil {
		return nil
	}
	s := (*iso)[8:10] + "." + (*iso)[5:7] + "." + (*iso)[0:4]
	return &s
}

// asPrinted turns a gold document back into what extract delivers: text as printed, cells with Raw only,
// no units, levels, references or id.
func asPrinted(gold *drucksache.Document) *drucksache.Document {
	data, _ := json.Marshal(gold)
	var doc drucksache.Document
	_ = json.Unmarshal(data, &doc)
	doc.ReceivedOn, doc.ForwardedOn, doc.AnsweredOn = germanDate(doc.ReceivedOn), germanDate(doc.ForwardedOn), germanDate(doc.AnsweredOn)
	doc.AnsweredBy = printedMinistry[doc.AnsweredBy]
	if doc.QuestionDrucksache != nil {
		s := "Drucksache " + *doc.QuestionDrucksache
		doc.QuestionDrucksache = &s
	}
	doc.References = nil
	doc.ID = ""
	for i := range doc.Tables {
		tb := &doc.Tables[i]
		tb.Unit, tb.AuthorityLevel = nil, nil
		for _, row := range tb.Rows {
			for c := range row {
				row[c] = drucksache.Cell{Raw: row[c].Raw}
			}
		}
	}
	return &doc
}

// printedMinistry holds the genitive phrases the gold documents print for their answering bodies.
var printedMinistry = map[string]string{
	"Niedersächsisches Ministerium für Inneres, Sport und Digitalisierung":              "des Niedersächsischen Ministerium für Inneres, Sport und Digitalisierung",
	"Niedersächsisches Justizministerium":                                               "des Niedersächsischen Justizministeriums",
	"Niedersächsisches Ministerium für Soziales, Arbeit, Gesundheit und Gleichstellung": "des Niedersächsischen Ministeriums für Soziales, Arbeit, Gesundheit und Gleichstellung",
}

var goldFiles = []string{
	"nds-19-kleine-anfrage-it-infrastruktur.txt.gold.json",
	"nds-19-kleine-anfrage-it-infrastruktur.pdf.gold.json",
	"nds-19-kleine-anfrage-it-infrastruktur.html.gold.json",
	"ni-19-11185.txt.gold.json",
	"ni-19-11277.txt.gold.json",
	"ni-19-11279.txt.gold.json",
}

// TestApplyGold types every gold document from its printed form and compares with the gold: every
// cell's kind, value and authority level, every table's title, level and unit, dates, the answering
// body and the references.
func TestApplyGold(t *testing.T) {
	for _, name := range goldFiles {
		t.Run(name, func(t *testing.T) {
			gold := readGold(t, filepath.Join("..", "fixtures", "gold", name))
			doc := asPrinted(gold)
			Apply(doc)
			for _, f := range []struct {
				field     string
				got, want *string
			}{
				{"received_on", doc.ReceivedOn, gold.ReceivedOn},
				{"forwarded_on", doc.ForwardedOn, gold.ForwardedOn},
				{"answered_on", doc.AnsweredOn, gold.AnsweredOn},
				{"question_drucksache", doc.QuestionDrucksache, gold.QuestionDrucksache},
			} {
				if show(f.got) != show(f.want) {
					t.Errorf("%s\n got  %s\n want %s", f.field, show(f.got), show(f.want))
				}
			}
			if doc.AnsweredBy != gold.AnsweredBy {
				t.Errorf("answered_by\n got  %q\n want %q", doc.AnsweredBy, gold.AnsweredBy)
			}
			if gold.References != nil {
				got, want := slices.Sorted(slices.Values(doc.References)), slices.Sorted(slices.Values(gold.References))
				if !slices.Equal(got, want) {
					t.Errorf("references\n got  %q\n want %q", got, want)
				}
			}
			cells := 0
			for i, gt := range gold.Tables {
				tb := doc.Tables[i]
				for _, f := range []struct {
					field     string
					got, want *string
				}{{"title", tb.Title, gt.Title}, {"authority_level", tb.AuthorityLevel, gt.AuthorityLevel}, {"unit", tb.Unit, gt.Unit}} {
					if i < len(gold.Tables)-countSome(name) && show(f.got) != show(f.want) {
						t.Errorf("table %d %s\n got  %s\n want %s", i+1, f.field, show(f.got), show(f.want))
					}
				}
				for r, row := range gt.Rows {
					for c, want := range row {
						got := tb.Rows[r][c]
						cells++
						if got.Kind != want.Kind || !sameValue(got.Value, want.Value) || show(got.AuthorityLevel) != show(want.AuthorityLevel) {
							t.Errorf("table %d row %d col %d %q\n got  %s %v %s\n want %s %v %s", i+1, r+1, c+1, want.Raw,
								got.Kind, got.Value, show(got.AuthorityLevel), want.Kind, want.Value, show(want.AuthorityLevel))
						}
					}
				}
			}
			t.Logf("%d cells", cells)
		})
	}
}

// countSome is the number of "some_tables" of a gold file, whose unit and level the gold leaves open.
func countSome(name string) int {
	if strings.HasPrefix(name, "ni-19-11279") {
		return 2
	}
	return 0
}

// sameValue compares a typed value with a gold value decoded from JSON (numbers as float64).
func sameValue(got, want any) bool {
	if g, ok := got.(float64); ok {
		w, ok := want.(float64)
		return ok && (g == w || (g-w < 1e-9 && w-g < 1e-9))
	}
	return got == want
}

func show(s *string) string {
	if s == nil {
		return "<nil>"
	}
	return fmt.Sprintf("%q", *s)
}

// TestApplyGolden writes the applied form of the printed gold documents to testdata/*.applied.json
// with -update and compares with it otherwise.
func TestApplyGolden(t *testing.T) {
	for _, name := range []string{"nds-19-kleine-anfrage-it-infrastruktur.txt.gold.json", "ni-19-11279.txt.gold.json"} {
		t.Run(name, func(t *testing.T) {
			doc := asPrinted(readGold(t, filepath.Join("..", "fixtures", "gold", name)))
			doc.Source = drucksache.Source{File: strings.TrimSuffix(name, ".gold.json"), Format: "txt", SHA256: strings.Repeat("ab", 32), Pages: 1}
			Apply(doc)
			// The cross-checks have their own golden files; keep only what this package's transforms make.
			doc.Checks = []drucksache.Check{}
			doc.Warnings = slices.DeleteFunc(doc.Warnings, func(w drucksache.Warning) bool {
				return w.Code == drucksache.WarnCheckFailed || w.Code == drucksache.WarnCheckUndecided
			})
			got, err := json.MarshalIndent(doc, "", " ")
			if err != nil {
				t.Fatal(err)
			}
			got = append(got, '\n')
			golden.Check(t, filepath.Join("testdata", strings.TrimSuffix(name, ".gold.json")+".applied.json"), got)
		})
	}
}

// TestApplyIdempotent applies twice to every printed gold document and compares the JSON.
func TestApplyIdempotent(t *testing.T) {
	for _, name := range goldFiles {
		doc := asPrinted(readGold(t, filepath.Join("..", "fixtures", "gold", name)))
		Apply(doc)
		once, err := json.Marshal(doc)
		if err != nil {
			t.Fatal(err)
		}
		Apply(doc)
		twice, _ := json.Marshal(doc)
		if !bytes.Equal(once, twice) {
			t.Errorf("%s: second Apply changed the document\n once  %.300s\n twice %.300s", name, once, twice)
		}
	}
}

func TestApplyFields(t *testing.T) {
	str := func(s string) *string { return &s }
	doc := &drucksache.Document{
		Parliament:         str("Niedersächsischer Landtag"),
		Drucksache:         str("Drucksache 19/11277"),
		QuestionDrucksache: str("Drs. 19/11087"),
		ReceivedOn:         str("29.06.2026"),
		ForwardedOn:        str("1. Juli 2026"),
		AnsweredOn:         str("27.07.26"),
		DistributedOn:      str("(verteilt am ??)"),
		AnsweredBy:         "des Niedersächsischen Ministeriums für Inneres, Sport und Digitalisierung",
		Questions: []drucksache.Question{
			{Number: 1, Text: "Wie viele Fälle (vgl. Drs. 19/10895, 19/11081)?", Answer: "Siehe Drucksache 19/11277 und BT-Drs. 21/7449."},
			{Number: 2, Text: "Wer?", AnsweredBy: "des Bundesministeriums für Wirtschaft und Klimaschutz"},
		},
		Tables: []drucksache.Table{
			{ID: "t1", Question: 1, Title: str("Landesoberbehörden"), Unit: str("in Tausend Euro"), Rows: [][]drucksache.Cell{{{Raw: "1.234,5"}}, nil}},
			{ID: "t2", Question: 1, Unit: str("in Gummibärchen")},
		},
		Source: drucksache.Source{SHA256: "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"},
	}
	Apply(doc)
	checks := []struct{ field, got, want string }{
		{"id", doc.ID, "ni-19-11277"},
		{"drucksache", show(doc.Drucksache), `"19/11277"`},
		{"question_drucksache", show(doc.QuestionDrucksache), `"19/11087"`},
		{"received_on", show(doc.ReceivedOn), `"2026-06-29"`},
		{"forwarded_on", show(doc.ForwardedOn), `"2026-07-01"`},
		{"answered_on", show(doc.AnsweredOn), `"2026-07-27"`},
		{"distributed_on", show(doc.DistributedOn), "<nil>"},
		{"answered_by", doc.AnsweredBy, "Niedersächsisches Ministerium für Inneres, Sport und Digitalisierung"},
		{"a written question's answered_by", doc.Questions[1].AnsweredBy, "Bundesministerium für Wirtschaft und Klimaschutz"},
		{"references", strings.Join(doc.References, " "), "19/11087 19/10895 19/11081 21/7449"},
		{"wahlperiode", fmt.Sprint(*doc.Wahlperiode), "19"},
		{"table level", show(doc.Tables[0].AuthorityLevel), `"landesoberbehoerde"`},
		{"table unit", show(doc.Tables[0].Unit), `"Tsd. EUR"`},
		{"bad unit", show(doc.Tables[1].Unit), "<nil>"},
		{"cell", fmt.Sprint(doc.Tables[0].Rows[0][0].Value), "1234.5"},
	}
	for _, c := range checks {
		if c.got != c.want {
			t.Errorf("%s\n got  %s\n want %s", c.field, c.got, c.want)
		}
	}
	var codes []drucksache.WarningCode
	for _, w := range doc.Warnings {
		codes = append(codes, w.Code)
	}
	if !slices.Contains(codes, drucksache.WarnDate) || !slices.Contains(codes, drucksache.WarnUnit) {
		t.Errorf("warnings %q, want a date and a unit warning", codes)
	}
	data, _ := json.Marshal(doc)
	for _, field := range []string{"askers", "preliminary_remarks", "footnotes", "checks", "header"} {
		if !bytes.Contains(data, []byte(`"`+field+`":[]`)) {
			t.Errorf("%s is not an empty array in %s", field, data)
		}
	}
	if bytes.Contains(data, []byte("null]")) || bytes.Contains(data, []byte(`"rows":null`)) || bytes.Contains(data, []byte(`"tables":null`)) {
		t.Errorf("null array in %s", data)
	}
}

func TestID(t *testing.T) {
	str := func(s string) *string { return &s }
	hash := "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"
	tests := []struct {
		name              string
		parliament, numbr *string
		want              string
	}{
		{"Niedersachsen", str("Niedersächsischer Landtag"), str("19/11277"), "ni-19-11277"},
		{"Bundestag", str("Deutscher Bundestag"), str("21/7652"), "bt-21-7652"},
		{"Saarland", str("Landtag des Saarlandes"), str("15/1284"), "sl-15-1284"},
		{"Baden-Württemberg", str("Landtag von Baden-Württemberg"), str("17/273"), "bw-17-273"},
		{"Bayern", str("Bayerischer Landtag"), str("19/1"), "by-19-1"},
		{"Berlin", str("Abgeordnetenhaus Berlin"), str("19/2"), "be-19-2"},
		{"Sachsen-Anhalt is not Sachsen", str("Landtag von Sachsen-Anhalt"), str("8/3"), "st-8-3"},
		{"Sachsen", str("Sächsischer Landtag"), str("7/4"), "sn-7-4"},
		{"unknown parliament", str("Parlament"), str("1/5"), "ds-1-5"},
		{"no parliament", nil, str("1/6"), "ds-1-6"},
		{"prefixed number", str("Niedersächsischer Landtag"), str("Drucksache 19/7520"), "ni-19-7520"},
		{"no number", str("Niedersächsischer Landtag"), nil, "ni-sha256-0123456789abcdef"},
		{"no number, no parliament", nil, nil, "sha256-0123456789abcdef"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := &drucksache.Document{Parliament: tt.parliament, Drucksache: tt.numbr, Source: drucksache.Source{SHA256: hash}}
			if got := ID(doc); got != tt.want {
				t.Errorf("ID\n got  %q\n want %q", got, tt.want)
			}
		})
	}
}

// FuzzApply builds a document from arbitrary printed text and checks that Apply never panics, writes
// valid JSON without null arrays, and gives the same document when applied twice.
func FuzzApply(f *testing.F) {
	f.Add("16.05.2025", "des Niedersächsischen Justizministeriums", "(in Millionen Euro)", "Oberste Landesbehörden", "41,693|0101|–\n1.5|x|k. A.", "Drs. 19/1 und 19/2", "19/7")
	f.Add("", "", "", "", "", "", "")
	f.Add("31.02.2025", "der", "in Gummi", "untere", "|\n\n|", "Drucksache", "x/y")
	f.Fuzz(func(t *testing.T, date, by, unit, title, cells, text, number string) {
		doc := &drucksache.Document{
			ReceivedOn: &date, AnsweredBy: by, Drucksache: &number, QuestionDrucksache: &text,
			Questions: []drucksache.Question{{Number: 1, Text: text, Answer: text + "\n" + unit + ":"}},
			Tables:    []drucksache.Table{{Question: 1, Title: &title, Unit: &unit}, {Question: 1}},
		}
		for _, line := range strings.Split(cells, "\n") {
			var row []drucksache.Cell
			for _, raw := range strings.Split(line, "|") {
				row = append(row, drucksache.Cell{Raw: raw})
			}
			doc.Tables[0].Rows = append(doc.Tables[0].Rows, row)
		}
		Apply(doc)
		once, err := json.Marshal(doc)
		if err != nil {
			t.Fatalf("JSON: %v", err)
		}
		if bytes.Contains(once, []byte(":null]")) || bytes.Contains(once, []byte(`"rows":null`)) || bytes.Contains(once, []byte(`"header":null`)) {
			t.Fatalf("null array in %s", once)
		}
		Apply(doc)
		twice, _ := json.Marshal(doc)
		if !bytes.Equal(once, twice) {
			t.Fatalf("second Apply changed the document\n once  %s\n twice %s", once, twice)
		}
	})
}

// BenchmarkApply applies to the printed form of the IT-infrastructure answer; bytes are those of its text.
func BenchmarkApply(b *testing.B) {
	gold := readGold(b, filepath.Join("..", "fixtures", "gold", "nds-19-kleine-anfrage-it-infrastruktur.txt.gold.json"))
	src, err := os.ReadFile(filepath.Join("..", "fixtures", "nds-19-kleine-anfrage-it-infrastruktur.txt"))
	if err != nil {
		b.Fatal(err)
	}
	docs := make([]*drucksache.Document, 0, 64)
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		if len(docs) == 0 {
			b.StopTimer()
			for range cap(docs) {
				docs = append(docs, asPrinted(gold))
			}
			b.StartTimer()
		}
		doc := docs[len(docs)-1]
		docs = docs[:len(docs)-1]
		Apply(doc)
	}
}

// The units a table's figures print in their cells become the table's unit, or each column's.
func TestApplyCellUnits(t *testing.T) {
	str := func(s string) *string { return &s }
	tests := []struct {
		name    string
		header  []string
		rows    [][]string
		stated  *string
		unit    string
		columns []string // "-" for a column without a unit; nil for no column units
	}{
		{"every figure in euros, beside a column of years", []string{"Jahr", "Gesamtaufwendungen"},
			[][]string{{"2019", "1.234.567,89 Euro"}, {"2020", "1.345.678,90 Euro"}}, nil, "EUR", nil},
		{"two columns in millions", []string{"Jahr", "Bund", "Land"},
			[][]string{{"2023", "12,5 Mio. Euro", "3,1 Mio. Euro"}, {"2024", "14,0 Mio. Euro", "3,4 Mio. Euro"}}, nil, "Mio. EUR", nil},
		{"a count and a share: each column its own", []string{"Schule", "Anzahl", "Anteil"},
			[][]string{{"Gymnasium", "4.701", "50%"}, {"Gesamtschule", "1.868", "19%"}}, nil, "", []string{"-", "-", "%"}},
		{"persons and euros", []string{"Behörde", "Beschäftigte", "Kosten"},
			[][]string{{"Landesamt", "1.234 Personen", "12.000 Euro"}, {"Landesbetrieb", "87 Personen", "900 Euro"}}, nil, "", []string{"-", "Personen", "EUR"}},
		{"one figure without the unit: no unit for the column", []string{"Jahr", "Kosten"},
			[][]string{{"2019", "1.234 Euro"}, {"2020", "1.345"}}, nil, "", nil},
		{"a unit stated for the table wins", []string{"Jahr", "Kosten"},
			[][]string{{"2019", "1.234 Euro"}, {"2020", "1.345 Euro"}}, str("in Tausend Euro"), "Tsd. EUR", nil},
		{"no units anywhere", []string{"Jahr", "Anzahl"},
			[][]string{{"2019", "12"}, {"2020", "13"}}, nil, "", nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			tab := drucksache.Table{ID: "t1", Header: tc.header, Unit: tc.stated}
			for _, r := range tc.rows {
				var row []drucksache.Cell
				for _, raw := range r {
					row = append(row, drucksache.Cell{Raw: raw})
				}
				tab.Rows = append(tab.Rows, row)
			}
			doc := &drucksache.Document{Tables: []drucksache.Table{tab}}
			Apply(doc)
			got := doc.Tables[0]
			unit := ""
			if got.Unit != nil {
				unit = *got.Unit
			}
			var cols []string
			for _, u := range got.ColumnUnits {
				if u == nil {
					cols = append(cols, "-")
				} else {
					cols = append(cols, *u)
				}
			}
			if unit != tc.unit || !slices.Equal(cols, tc.columns) {
				t.Errorf("unit %q, column units %q; want %q, %q", unit, cols, tc.unit, tc.columns)
			}
		})
	}
}

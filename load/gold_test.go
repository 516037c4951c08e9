package load

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	drucksache "drucksache"
	"drucksache/transform"
)

var (
	clientsOut = flag.String("clients-out", "", "write json, xlsx and parquet of the gold documents into this folder (for scripts/check-clients.sh)")
)

const fixtures = "../fixtures"

// goldDoc is a gold file decoded into the document model, as the extractor will produce it.
type goldDoc struct {
	name string // the corpus file, e.g. ni-19-11185.txt
	doc  *drucksache.Document
}

// goldDocs decodes every gold file of the fixtures; ids and sources are set as the runner would set them.
func goldDocs(t testing.TB) []goldDoc {
	t.Helper()
	paths, err := filepath.Glob(filepath.Join(fixtures, "gold", "*.gold.json"))
	if err != nil || len(paths) == 0 {
		t.Fatalf("no gold files in %s: %v", fixtures, err)
	}
	sort.Strings(paths)
	var docs []goldDoc
	for _, p := range paths {
		name := strings.TrimSuffix(filepath.Base(p), ".gold.json")
		doc, err := decodeGold(p, name)
		if err != nil {
			t.Fatal(err)
		}
		docs = append(docs, goldDoc{name: name, doc: doc})
	}
	return docs
}

// goldDocNamed returns the gold document of one corpus file.
func goldDocNamed(t testing.TB, name string) *drucksache.Document {
	t.Helper()
	for _, g := range goldDocs(t) {
		if g.name == name {
			return g.doc
		}
	}
	t.Fatalf("no gold document %s", name)
	return nil
}

// itAnswer is the corpus file of the answer on the state of IT infrastructure.
const itAnswer = "nds-19-kleine-anfrage-it-infrastruktur.txt"

func decodeGold(path, name string) (*drucksache.Document, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var doc drucksache.Document
	if err := json.Unmarshal(data, &doc); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	// The gold files keep answers as paragraphs; the model joins them with a blank line.
	var extra struct {
		Questions []struct {
			AnswerParagraphs []string `json:"answer_paragraphs"`
		} `json:"questions"`
	}
	if err := json.Unmarshal(data, &extra); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	for i := range doc.Questions {
		if doc.Questions[i].Answer == "" && i < len(extra.Questions) {
			doc.Questions[i].Answer = strings.Join(extra.Questions[i].AnswerParagraphs, "\n\n")
		}
	}
	src, err := os.ReadFile(filepath.Join(fixtures, name))
	if err != nil {
		return nil, err
	}
	sum := sha256.Sum256(src)
	doc.SchemaVersion = drucksache.SchemaVersion
	doc.ID = "ni-" + strings.NewReplacer(".", "-").Replace(strings.TrimPrefix(strings.TrimPrefix(name, "nds-"), "ni-"))
	doc.Source = drucksache.Source{File: "fixtures/" + name, Format: strings.TrimPrefix(filepath.Ext(name), "."), SHA256: hex.EncodeToString(sum[:]), Pages: 1}
	for i := range doc.Tables {
		tb := &doc.Tables[i]
		// The gold files leave out decimals; transform decides them from the printed text, as in a run.
		for _, row := range tb.Rows {
			for j := range row {
				if row[j].Kind == drucksache.CellNumber {
					row[j].Decimals = transform.Cell(row[j].Raw).Decimals
				}
			}
		}
		if tb.ID == "" {
			tb.ID = fmt.Sprintf("T%d", i+1)
		}
		for j := range doc.Questions {
			if q := &doc.Questions[j]; q.Number == tb.Question {
				q.Tables = append(q.Tables, tb.ID)
			}
		}
	}
	addTotalCheck(&doc)
	return &doc, nil
}

// addTotalCheck adds the check the transform stage makes of a `Gesamt` row: the sum of the rows
// whose first column holds a two-digit code (the Einzelpläne) against the printed total.
func addTotalCheck(doc *drucksache.Document) {
	for _, t := range doc.Tables {
		for target, row := range t.Rows {
			if len(row) < 4 || row[2].Raw != "Gesamt" {
				continue
			}
			var parts []int
			sum := 0.0
			for i, r := range t.Rows {
				if len(r) > 3 && r[0].Kind == drucksache.CellCode && len(r[0].Raw) == 2 {
					parts = append(parts, i)
					v, _ := r[3].Number()
					sum += v
				}
			}
			want, _ := row[3].Number()
			passed := fmt.Sprintf("%.3f", sum) == fmt.Sprintf("%.3f", want)
			doc.Checks = append(doc.Checks, drucksache.Check{
				Table: t.ID, Kind: "total_row", Rows: parts, Target: target, Column: 3,
				Expected: &want, Found: &sum, Passed: &passed,
			})
		}
	}
}

// TestWriteClientOutputs writes the outputs of the gold documents for the checks in the real clients;
// it runs only with -clients-out DIR.
func TestWriteClientOutputs(t *testing.T) {
	if *clientsOut == "" {
		t.Skip("no -clients-out folder")
	}
	ctx := context.Background()
	loaders := []Loader{
		&JSON{Dir: filepath.Join(*clientsOut, "json")},
		NewXLSX(filepath.Join(*clientsOut, "xlsx")),
		NewParquet(filepath.Join(*clientsOut, "parquet"), "gold"),
	}
	for _, g := range goldDocs(t) {
		for _, l := range loaders {
			if err := l.Write(ctx, g.doc); err != nil {
				t.Fatal(err)
			}
		}
	}
	for _, l := range loaders {
		if err := l.Close(); err != nil {
			t.Fatal(err)
		}
	}
}

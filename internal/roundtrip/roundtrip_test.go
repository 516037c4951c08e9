package roundtrip

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"drucksache/extract"
	"drucksache/internal/golden"
	"drucksache/load"
	"drucksache/transform"
)

// TestRoundTrip extracts every committed rendition of every paper with the whole pipeline and
// compares it with the paper's truth. The score of each rendition, and what it missed, are
// golden files: the goal is every rendition exact; until then a change of score is reviewed in
// the diff like any golden output. Not one cross-check of the extracted tables may fail: the
// papers' figures add up.
func TestRoundTrip(t *testing.T) {
	papers, err := Load(filepath.Join("testdata", "papers"))
	if err != nil {
		t.Fatal(err)
	}
	var scores strings.Builder
	scores.WriteString("# producer\tpaper\tscore\texact\n")
	for _, pr := range Producers {
		for i := range papers {
			p := &papers[i]
			name := filepath.Join("testdata", "pdf", pr.Name, p.Name+".pdf")
			data, err := os.ReadFile(name)
			if err != nil {
				t.Fatalf("%v (make the renditions with go run ./internal/roundtrip/gen)", err)
			}
			doc, err := extract.Bytes(context.Background(), name, data, extract.Options{Sums: transform.Sums{}})
			if err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			transform.Apply(doc)
			for _, c := range doc.Checks {
				if c.Passed != nil && !*c.Passed {
					t.Errorf("%s: check failed: table %s row %d column %d: %s", name, c.Table, c.Target, c.Column, c.Note)
				}
			}
			out, err := load.Marshal(doc)
			if err != nil {
				t.Fatal(err)
			}
			truth := MakeTruth(p)
			s, err := Compare(&truth, out)
			if err != nil {
				t.Fatal(err)
			}
			fmt.Fprintf(&scores, "%s\t%s\t%d/%d\t%v\n", pr.Name, p.Name, s.Got, s.Of, s.Exact())
			var misses strings.Builder
			for _, m := range s.Misses {
				misses.WriteString(m + "\n")
			}
			golden.Check(t, filepath.Join("testdata", "misses", pr.Name, p.Name+".txt"), []byte(misses.String()))
		}
	}
	golden.Check(t, filepath.Join("testdata", "scores.tsv"), []byte(scores.String()))
}

// TestTruthCurrent checks that the committed truth is the one the papers give: a paper changed
// without making its renditions again fails here.
func TestTruthCurrent(t *testing.T) {
	papers, err := Load(filepath.Join("testdata", "papers"))
	if err != nil {
		t.Fatal(err)
	}
	for i := range papers {
		want, err := json.MarshalIndent(MakeTruth(&papers[i]), "", "  ")
		if err != nil {
			t.Fatal(err)
		}
		got, err := os.ReadFile(filepath.Join("testdata", "truth", papers[i].Name+".json"))
		if err != nil {
			t.Fatal(err)
		}
		if string(got) != string(want)+"\n" {
			t.Errorf("testdata/truth/%s.json is not the truth of its paper: run go run ./internal/roundtrip/gen", papers[i].Name)
		}
	}
}

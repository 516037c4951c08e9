package roundtrip

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	drucksache "drucksache"
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
	bench(t, "pdf", ".pdf", "testdata", func(name string, _ *Paper, r result) {
		for _, f := range r.failed {
			t.Errorf("%s: %s", name, f)
		}
	})
}

// TestDumpedRoundTrip reads every rendition as the text pdftotext -layout dumps from it, the form
// archives hold papers in, through the dumped-text path, and scores it like TestRoundTrip (scores
// and misses are golden files; the text path reads tables from the layout of the dump alone and is
// not exact on every table). What it must get right: an annex's tables go to the question that
// refers to them, and nothing of the annex (no row, legend, footnote or source) to the last answer.
func TestDumpedRoundTrip(t *testing.T) {
	bench(t, "dumped", ".txt", filepath.Join("testdata", "dumped"), func(name string, p *Paper, r result) {
		for _, m := range r.Misses {
			if annexMiss(p, m, r.warned[drucksache.WarnAnnexText]) {
				t.Errorf("%s: %s", name, m)
			}
		}
	})
}

// bench scores every paper's rendition by every producer, testdata/<from>/<producer>/<paper><ext>,
// checks each result with check, and keeps the scores and misses as golden files under out.
func bench(t *testing.T, from, ext, out string, check func(name string, p *Paper, r result)) {
	papers, err := Load(filepath.Join("testdata", "papers"))
	if err != nil {
		t.Fatal(err)
	}
	var scores strings.Builder
	scores.WriteString("# producer\tpaper\tscore\texact\n")
	for _, pr := range Producers {
		for i := range papers {
			p := &papers[i]
			name := filepath.Join("testdata", from, pr.Name, p.Name+ext)
			r := score(t, name, p)
			check(name, p, r)
			fmt.Fprintf(&scores, "%s\t%s\t%d/%d\t%v\n", pr.Name, p.Name, r.Got, r.Of, r.Exact())
			golden.Check(t, filepath.Join(out, "misses", pr.Name, p.Name+".txt"), []byte(r.missList()))
		}
	}
	golden.Check(t, filepath.Join(out, "scores.tsv"), []byte(scores.String()))
}

// annexMiss reports a miss that an annex must not have: one of its tables given to another question,
// or missing without a warning that annex text is in no answer (the dump's layout of a table the
// text path could not read), the last answer not as printed (holding a part of the annex).
func annexMiss(p *Paper, miss string, warned bool) bool {
	if p.Annex == nil {
		return false
	}
	last := p.Questions[len(p.Questions)-1].Number
	if strings.HasPrefix(miss, fmt.Sprintf("question %d: answer", last)) {
		return true
	}
	truth := MakeTruth(p)
	for _, tt := range truth.Tables[len(truth.Tables)-len(p.Annex.tables()):] {
		if strings.HasPrefix(miss, "table "+tt.ID+": question ") || !warned && strings.HasPrefix(miss, "table "+tt.ID+": missing") {
			return true
		}
	}
	return false
}

// result is a rendition's score, the cross-checks of its tables that failed and its warnings' codes.
type result struct {
	Score
	failed []string
	warned map[drucksache.WarningCode]bool
}

// score extracts a rendition with the whole pipeline and compares it with the paper's truth.
func score(t *testing.T, name string, p *Paper) result {
	t.Helper()
	data, err := os.ReadFile(name)
	if err != nil {
		t.Fatalf("%v (make the renditions with go run ./internal/roundtrip/gen)", err)
	}
	doc, err := extract.Bytes(context.Background(), name, data, extract.Options{Sums: transform.Sums{}})
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	transform.Apply(doc)
	var failed []string
	for _, c := range doc.Checks {
		if c.Passed != nil && !*c.Passed {
			failed = append(failed, fmt.Sprintf("check failed: table %s row %d column %d: %s", c.Table, c.Target, c.Column, c.Note))
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
	warned := map[drucksache.WarningCode]bool{}
	for _, w := range doc.Warnings {
		warned[w.Code] = true
	}
	return result{s, failed, warned}
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

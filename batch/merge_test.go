package batch

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/parquet-go/parquet-go"

	"drucksache/transform"
)

// mergeOnce merges the shards of out and returns the exit status and the report written.
func mergeOnce(t *testing.T, out string) (int, *mergeReport) {
	t.Helper()
	var stderr bytes.Buffer
	cfg := testConfig(out, 1)
	cfg.progress = quiet{}
	err := Merge(context.Background(), cfg, &stderr)
	code := exitStatus(err)
	rep := &mergeReport{}
	if data, rerr := os.ReadFile(filepath.Join(out, "report.json")); rerr == nil {
		if err := json.Unmarshal(data, rep); err != nil {
			t.Fatalf("report.json: %v\n%s", err, data)
		}
	}
	if testing.Verbose() {
		t.Logf("merge %s: exit %d (%v)\n%s", out, code, err, stderr.String())
	}
	return code, rep
}

// quiet is a progress that shows nothing.
type quiet struct{}

func (quiet) start(string, int) {}
func (quiet) step(*outcome)     {}
func (quiet) finish()           {}

// datasetIDs counts the rows of each document id in the tables of the dataset below out, read back
// from the Parquet files: the documents table by its id, the others by their document_id.
func datasetIDs(t *testing.T, out string) map[string]map[string]int {
	t.Helper()
	tables := map[string]map[string]int{}
	for _, table := range []string{"documents", "questions", "tables", "cells"} {
		column := "document_id"
		if table == "documents" {
			column = "id"
		}
		ids := map[string]int{}
		files, _ := filepath.Glob(filepath.Join(out, "parquet", table, "*", "*", "*.parquet"))
		for _, name := range files {
			for _, v := range columnValues(t, name, column) {
				ids[v]++
			}
		}
		tables[table] = ids
	}
	return tables
}

// columnValues reads every value of a column of a Parquet file, as strings.
func columnValues(t *testing.T, name, column string) []string {
	t.Helper()
	f, err := os.Open(name)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	fi, _ := f.Stat()
	pf, err := parquet.OpenFile(f, fi.Size())
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	leaf, ok := pf.Schema().Lookup(column)
	if !ok {
		t.Fatalf("%s: no column %s", name, column)
	}
	var values []string
	for _, rg := range pf.RowGroups() {
		pages := rg.ColumnChunks()[leaf.ColumnIndex].Pages()
		for {
			p, err := pages.ReadPage()
			if err == io.EOF {
				break
			}
			if err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			buf := make([]parquet.Value, p.NumValues())
			n, err := p.Values().ReadValues(buf)
			if err != nil && err != io.EOF {
				t.Fatalf("%s: %v", name, err)
			}
			for _, v := range buf[:n] {
				values = append(values, v.String())
			}
		}
		pages.Close()
	}
	return values
}

// sameDataset fails the test unless two datasets hold the same rows per document id in each table.
func sameDataset(t *testing.T, what string, got, want map[string]map[string]int) {
	t.Helper()
	for table, ids := range want {
		if !maps.Equal(got[table], ids) {
			t.Errorf("%s: %s rows by document: %v, want %v", what, table, got[table], ids)
		}
	}
	for id, n := range got["documents"] {
		if n != 1 {
			t.Errorf("%s: document %s has %d rows", what, id, n)
		}
	}
}

// fileStates reads every file below dir, leaving out the folders and files named by skip, by its
// path: its bytes and its modification time.
func fileStates(t *testing.T, dir string, skip ...string) map[string]string {
	t.Helper()
	states := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if slices.Contains(skip, filepath.ToSlash(p)) {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			return nil
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		fi, err := d.Info()
		if err != nil {
			return err
		}
		states[filepath.ToSlash(p)] = fmt.Sprintf("%x %d", data, fi.ModTime().UnixNano())
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return states
}

// sameStates fails the test unless two reads of fileStates are the same, naming the files that differ.
func sameStates(t *testing.T, what string, got, want map[string]string) {
	t.Helper()
	for _, name := range slices.Sorted(maps.Keys(want)) {
		if g, ok := got[name]; !ok {
			t.Errorf("%s: %s is gone", what, name)
		} else if g != want[name] {
			t.Errorf("%s: %s changed", what, name)
		}
	}
	for name := range got {
		if _, ok := want[name]; !ok {
			t.Errorf("%s: %s is new", what, name)
		}
	}
}

// renditionsApart puts the PDF and the HTML of one Drucksache into in/ under names the shard key
// keeps apart (the PDF's name sorting first, in shard pdfShard of 2), with two other papers, and
// returns the PDF's path and the HTML's.
func renditionsApart(t *testing.T, pdfShard int) (string, string) {
	t.Helper()
	pdf, html := apartBases("a-", "b-")
	if pdfShard == 2 {
		html, pdf = apartBases("b-", "a-")
	}
	pdf, html = filepath.Join("in", pdf+".pdf"), filepath.Join("in", html+".html")
	copyFile(t, filepath.Join(fixtures, "nds-19-kleine-anfrage-it-infrastruktur.pdf"), pdf)
	copyFile(t, filepath.Join(fixtures, "nds-19-kleine-anfrage-it-infrastruktur.html"), html)
	for _, name := range []string{"ni-19-11185.txt", "ni-19-11277.txt"} {
		copyFile(t, filepath.Join(fixtures, name), filepath.Join("in", name))
	}
	return pdf, html
}

// TestMergeRenditionsApart runs the PDF and the HTML of one Drucksache, named so that they fall into
// two shards, through both shards in both orders, then merges (issue 14, finding 4: the dataset
// held the document once per shard, its JSON from whichever shard wrote last): the folder is then
// what an unsharded run makes — one row per document in every table, json and xlsx of the input
// whose path sorts first — whichever shard holds that input and whichever ran last; the merge made
// the document again exactly when the other shard wrote last. A second merge changes nothing, and
// nothing outside the output folder is touched.
func TestMergeRenditionsApart(t *testing.T) {
	id := itID(t)
	for _, pdfShard := range []int{1, 2} {
		for _, order := range [][]int{{1, 2}, {2, 1}} {
			t.Run(fmt.Sprintf("PDF in shard %d, shards run %v", pdfShard, order), func(t *testing.T) {
				chdir(t, t.TempDir())
				pdf, html := renditionsApart(t, pdfShard)
				if code, _ := runOnce(t, testConfig("whole", 1), "in"); code != 0 {
					t.Fatalf("unsharded run: exit %d", code)
				}
				for _, k := range order {
					r := testConfig("out", 1)
					r.Shard = Shard{k, 2}
					if code, _ := runOnce(t, r, "in"); code != 0 {
						t.Fatalf("shard %d/2: exit %d", k, code)
					}
				}
				if got := datasetIDs(t, "out")["documents"][id]; got != 2 {
					t.Fatalf("before the merge the dataset holds the document %d times, want 2 (one per shard): %v", got, datasetIDs(t, "out"))
				}
				outside := fileStates(t, ".", "out")
				code, rep := mergeOnce(t, "out")
				if code != 0 {
					t.Fatalf("merge: exit %d: %+v", code, rep)
				}
				htmlShard := 3 - pdfShard
				want := []settledItem{{ID: id, File: pdf, Shard: fmt.Sprintf("%d/2", pdfShard),
					Others: []shardFile{{File: html, Shard: fmt.Sprintf("%d/2", htmlShard)}}}}
				if fmt.Sprint(rep.Settled) != fmt.Sprint(want) || rep.HeldBySeveral != 1 || rep.Documents != 3 {
					t.Errorf("merge report: settled %+v (%d of %d documents), want %+v", rep.Settled, rep.HeldBySeveral, rep.Documents, want)
				}
				if wantRemade := b2i(order[1] == htmlShard); rep.Remade != wantRemade {
					t.Errorf("made again %d documents, want %d (the HTML's shard ran last: %v)", rep.Remade, wantRemade, wantRemade == 1)
				}
				sameTree(t, "json and xlsx after the merge", documentFiles(t, "out"), documentFiles(t, "whole"))
				sameDataset(t, "dataset after the merge", datasetIDs(t, "out"), datasetIDs(t, "whole"))
				sameStates(t, "outside the output folder", fileStates(t, ".", "out"), outside)
				if lines, _, err := verifyOnce(t, "out", inProcess); err != nil || len(lines) != 3 {
					t.Errorf("verify after the merge: %v, %d documents verified, want 3: %v", err, len(lines), lines)
				}
				lost := readManifestAt(t, fmt.Sprintf("out/manifest-%d-of-2.json", htmlShard), Shard{htmlShard, 2})
				won := readManifestAt(t, fmt.Sprintf("out/manifest-%d-of-2.json", pdfShard), Shard{pdfShard, 2})
				if lost.Parquet.Merged == "" || won.Parquet.Merged != "" {
					t.Errorf("manifests: the HTML's shard records merged %q, the PDF's %q; want a digest, none", lost.Parquet.Merged, won.Parquet.Merged)
				}

				before := fileStates(t, "out", "out/report.json")
				if code, rep := mergeOnce(t, "out"); code != 0 || rep.Remade != 0 || rep.Parquet != "unchanged" || len(rep.Settled) != 1 {
					t.Errorf("second merge: exit %d, made again %d, parquet %s, settled %d; want 0, 0, unchanged, 1", code, rep.Remade, rep.Parquet, len(rep.Settled))
				}
				sameStates(t, "after a second merge", fileStates(t, "out", "out/report.json"), before)
			})
		}
	}
}

// TestMergeAfterShardsRunAgain runs the shards again after a merge: with nothing changed they keep
// the merged parts and the next merge changes nothing; after the shard of the other rendition redoes
// it, the next merge makes the folder again what an unsharded run makes; after the input holding the
// document goes, the shards and a merge make what an unsharded run over the inputs left makes, the
// document now from the other rendition (made again by the merge: the files in place were the first
// input's), also when a merge that stopped came between.
func TestMergeAfterShardsRunAgain(t *testing.T) {
	chdir(t, t.TempDir())
	pdf, _ := renditionsApart(t, 1)
	runShards(t, "out", 2, "in")
	if code, _ := mergeOnce(t, "out"); code != 0 {
		t.Fatalf("merge: exit %d", code)
	}
	merged := fileStates(t, "out", "out/report.json", "out/report-1-of-2.json", "out/report-2-of-2.json",
		"out/manifest-1-of-2.json", "out/manifest-2-of-2.json")
	for k := 1; k <= 2; k++ {
		r := testConfig("out", 1)
		r.Shard = Shard{k, 2}
		if code, rep := runOnce(t, r, "in"); code != 0 || rep.Parquet != "unchanged" || rep.Done != 0 {
			t.Fatalf("shard %d/2 again: exit %d, parquet %s, %d done; want 0, unchanged, 0", k, code, rep.Parquet, rep.Done)
		}
	}
	sameStates(t, "shards run again", fileStates(t, "out", "out/report.json", "out/report-1-of-2.json", "out/report-2-of-2.json",
		"out/manifest-1-of-2.json", "out/manifest-2-of-2.json"), merged)
	if code, rep := mergeOnce(t, "out"); code != 0 || rep.Parquet != "unchanged" || rep.Remade != 0 {
		t.Fatalf("merge again: exit %d, parquet %s, %d made again", code, rep.Parquet, rep.Remade)
	}
	if code, _ := runOnce(t, testConfig("whole", 1), "in"); code != 0 {
		t.Fatalf("unsharded run: exit %d", code)
	}

	// The HTML's shard redoes everything: its JSON replaces the PDF's, its part holds the document
	// again, until the merge.
	r := testConfig("out", 1)
	r.Shard, r.Force = Shard{2, 2}, true
	if code, _ := runOnce(t, r, "in"); code != 0 {
		t.Fatalf("shard 2/2 --force: exit %d", code)
	}
	if n := datasetIDs(t, "out")["documents"][itID(t)]; n != 2 {
		t.Errorf("after shard 2/2 --force the dataset holds the document %d times, want 2", n)
	}
	// Both parts are rewritten: the one of shard 1 was made from the JSON file made again.
	if code, rep := mergeOnce(t, "out"); code != 0 || rep.Remade != 1 || rep.Parquet != "rewritten 2 of 2 parts" {
		t.Fatalf("merge after shard 2/2 --force: exit %d, %d made again, parquet %s; want 0, 1, rewritten 2 of 2 parts", code, rep.Remade, rep.Parquet)
	}
	sameTree(t, "json and xlsx after shard 2/2 --force and a merge", documentFiles(t, "out"), documentFiles(t, "whole"))
	sameDataset(t, "dataset after shard 2/2 --force and a merge", datasetIDs(t, "out"), datasetIDs(t, "whole"))

	if err := os.Remove(pdf); err != nil {
		t.Fatal(err)
	}
	runShards(t, "out", 2, "in")
	// A merge stopped first (a shard's run looks unfinished) keeps the id to check for the next.
	writeFile(t, "out/.journal-1-of-2", nil)
	if code, rep := mergeOnce(t, "out"); code != 3 || !slices.Equal(rep.Recheck, []string{itID(t)}) {
		t.Fatalf("merge with a journal left: exit %d, recheck %v; want 3, [%s]", code, rep.Recheck, itID(t))
	}
	os.Remove("out/.journal-1-of-2")
	code, rep := mergeOnce(t, "out")
	if code != 0 || rep.Remade != 1 || len(rep.Settled) != 0 {
		t.Fatalf("merge after the PDF went: exit %d, %d made again, settled %v; want 0, 1, none", code, rep.Remade, rep.Settled)
	}
	whole := t.TempDir()
	if code, _ := runOnce(t, testConfig(whole, 1), "in"); code != 0 {
		t.Fatalf("unsharded run: exit %d", code)
	}
	sameTree(t, "json and xlsx after the PDF went", documentFiles(t, "out"), documentFiles(t, whole))
	sameDataset(t, "dataset after the PDF went", datasetIDs(t, "out"), datasetIDs(t, whole))
	if code, rep := mergeOnce(t, "out"); code != 0 || rep.Remade != 0 || rep.Parquet != "unchanged" {
		t.Errorf("merge once more: exit %d, %d made again, parquet %s", code, rep.Remade, rep.Parquet)
	}
}

// TestMergeRefuses checks what a merge refuses: a folder without a sharded run (exit 2), one where
// a shard has not run or its last run did not complete (exit 3, incomplete), one another run holds.
func TestMergeRefuses(t *testing.T) {
	chdir(t, t.TempDir())
	copyFile(t, filepath.Join(fixtures, "ni-19-11185.txt"), "in/ni-19-11185.txt")
	runOnce(t, testConfig("whole", 1), "in")
	if code, _ := mergeOnce(t, "whole"); code != 2 {
		t.Errorf("merge of an unsharded folder: exit %d, want 2", code)
	}
	if code, _ := mergeOnce(t, ""); code != 2 {
		t.Errorf("merge of --out \"\": exit %d, want 2", code)
	}
	r := testConfig("out", 1)
	r.Shard = Shard{1, 2}
	runOnce(t, r, "in")
	if code, rep := mergeOnce(t, "out"); code != 3 || rep.StoppedKind != StopIncomplete || !strings.Contains(rep.Stopped, "2/2") {
		t.Errorf("merge with shard 2/2 not run: exit %d, stopped %q (%s); want 3, incomplete", code, rep.Stopped, rep.StoppedKind)
	}
	r.Shard = Shard{2, 2}
	runOnce(t, r, "in")
	writeFile(t, "out/.journal-2-of-2", nil)
	if code, rep := mergeOnce(t, "out"); code != 3 || rep.StoppedKind != StopIncomplete {
		t.Errorf("merge with a journal left: exit %d, stopped %q (%s); want 3, incomplete", code, rep.Stopped, rep.StoppedKind)
	}
	os.Remove("out/.journal-2-of-2")
	unlock, err := lockFolder("out/.lock-1-of-2")
	if err != nil {
		t.Fatal(err)
	}
	code, _ := mergeOnce(t, "out")
	unlock()
	if code != 3 {
		t.Errorf("merge while shard 1/2 runs: exit %d, want 3", code)
	}
	if code, rep := mergeOnce(t, "out"); code != 0 || rep.Documents != 1 || len(rep.Settled) != 0 {
		t.Errorf("merge: exit %d, %d documents, settled %v; want 0, 1, none", code, rep.Documents, rep.Settled)
	}
}

// itID is the document id of the IT paper the PDF and HTML fixtures hold.
func itID(t *testing.T) string {
	t.Helper()
	doc, err := inProcess(context.Background(), filepath.Join(fixtures, "nds-19-kleine-anfrage-it-infrastruktur.pdf"), 0)
	if err != nil {
		t.Fatal(err)
	}
	transform.Apply(doc)
	return doc.ID
}

// b2i is 1 for true, 0 for false.
func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

// TestMergeUnsettled changes the input whose document a merge keeps after its shard ran, the other
// shard having written last: the merge cannot make that input's files again, says so (exit 1,
// unsettled, naming the shard to run again) and still holds the document once in the dataset; after
// that shard runs again, the merge settles it.
func TestMergeUnsettled(t *testing.T) {
	chdir(t, t.TempDir())
	pdf, _ := renditionsApart(t, 1)
	runShards(t, "out", 2, "in")
	f, err := os.OpenFile(pdf, os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	f.WriteString("\n% appended after its shard ran\n")
	f.Close()
	code, rep := mergeOnce(t, "out")
	if code != 1 || len(rep.Unsettled) != 1 || rep.Unsettled[0].ID != itID(t) || rep.Unsettled[0].Shard != "1/2" ||
		!strings.Contains(rep.Unsettled[0].Reason, "changed since its shard ran: run shard 1/2 again") {
		t.Fatalf("merge: exit %d, unsettled %+v; want 1 and the PDF's document", code, rep.Unsettled)
	}
	if n := datasetIDs(t, "out")["documents"][itID(t)]; n != 1 {
		t.Errorf("the dataset holds the document %d times, want 1", n)
	}
	r := testConfig("out", 1)
	r.Shard = Shard{1, 2}
	if code, _ := runOnce(t, r, "in"); code != 0 {
		t.Fatalf("shard 1/2 again: exit %d", code)
	}
	if code, rep := mergeOnce(t, "out"); code != 0 || len(rep.Unsettled) != 0 || len(rep.Settled) != 1 {
		t.Fatalf("merge after shard 1/2 ran again: exit %d, unsettled %+v, settled %+v", code, rep.Unsettled, rep.Settled)
	}
	whole := t.TempDir()
	runOnce(t, testConfig(whole, 1), "in")
	sameTree(t, "json and xlsx", documentFiles(t, "out"), documentFiles(t, whole))
	sameDataset(t, "dataset", datasetIDs(t, "out"), datasetIDs(t, whole))
}

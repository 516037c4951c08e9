package batch

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"
)

// runShards runs the shards 1..n of the inputs args into out, failing the test unless each completes.
func runShards(t *testing.T, out string, n int, args ...string) {
	t.Helper()
	for k := 1; k <= n; k++ {
		r := testConfig(out, 1)
		r.Shard = Shard{k, n}
		if code, rep := runOnce(t, r, args...); code != 0 {
			t.Fatalf("shard %d/%d: exit %d: %+v", k, n, code, rep)
		}
	}
}

// datasetRows counts the rows of each table of the dataset below out.
func datasetRows(t *testing.T, out string) map[string]int64 {
	t.Helper()
	rows := map[string]int64{}
	for _, table := range []string{"documents", "questions", "tables", "cells"} {
		rows[table] = parquetRows(t, out, table)
	}
	return rows
}

// TestRunShardsRenditions runs the PDF, HTML and text of one Drucksache and three other papers in
// three shards into one folder: the renditions fall into one shard, so the dataset holds each
// document once, as an unsharded run does (issue 14, finding 4: 47 document rows for 46 ids). After
// the rendition holding the document goes and the shards run again, the outputs are those of a fresh
// run (its JSON and workbook were removed while another shard listed them as done).
func TestRunShardsRenditions(t *testing.T) {
	chdir(t, t.TempDir())
	goodCorpus(t, "in")
	for _, n := range []int{2, 3, 5} {
		t.Run(fmt.Sprintf("%d shards", n), func(t *testing.T) {
			whole, sharded := t.TempDir(), t.TempDir()
			runOnce(t, testConfig(whole, 1), "in")
			runShards(t, sharded, n, "in")
			if got, want := datasetRows(t, sharded), datasetRows(t, whole); fmt.Sprint(got) != fmt.Sprint(want) {
				t.Errorf("dataset rows: %d shards %v, unsharded %v", n, got, want)
			}
			sameTree(t, "json and xlsx", documentFiles(t, sharded), documentFiles(t, whole))
		})
	}
	sharded := t.TempDir()
	runShards(t, sharded, 3, "in")
	os.Remove("in/nds-19-kleine-anfrage-it-infrastruktur.html")
	runShards(t, sharded, 3, "in")
	whole := t.TempDir()
	runOnce(t, testConfig(whole, 1), "in")
	sameTree(t, "after the HTML went", documentFiles(t, sharded), documentFiles(t, whole))
	if got, want := datasetRows(t, sharded), datasetRows(t, whole); fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("dataset rows after the HTML went: %v, want %v", got, want)
	}
}

// documentFiles is the output tree of the per-document outputs only.
func documentFiles(t *testing.T, out string) map[string][]byte {
	tree := outputTree(t, out)
	for name := range tree {
		if filepath.Dir(filepath.Dir(name)) != "." {
			delete(tree, name) // the dataset
		}
	}
	return tree
}

// apart finds two names of the form prefix<i>.txt that fall into different shards of 2.
func apart(a, b string) (string, string) {
	x, y := apartBases(a, b)
	return x + ".txt", y + ".txt"
}

// apartBases finds two names a<i> and b<i> whose files (of any document extension) fall into shard
// 1 and shard 2 of 2.
func apartBases(a, b string) (string, string) {
	for i := 0; ; i++ {
		x, y := fmt.Sprintf("%s%d", a, i), fmt.Sprintf("%s%d", b, i)
		if shardOf(shardKey(x), 2) == 1 && shardOf(shardKey(y), 2) == 2 {
			return x, y
		}
	}
}

// TestRunShardsKeepClaims checks that no shard removes a document's files another shard claims: one
// Drucksache as two files of other names, in two shards, both writing its JSON; when the file of one
// goes and its shard runs again, the JSON and workbook the other shard holds stay. Both shards report
// the document as held by the other too.
func TestRunShardsKeepClaims(t *testing.T) {
	chdir(t, t.TempDir())
	x, y := apart("a-", "b-")
	copyFile(t, filepath.Join(fixtures, "ni-19-11185.txt"), filepath.Join("in", x))
	copyFile(t, filepath.Join(fixtures, "ni-19-11185.txt"), filepath.Join("in", y))
	r := testConfig("out", 1)
	for k := 1; k <= 2; k++ {
		r.Shard = Shard{k, 2}
		code, rep := runOnce(t, r, "in")
		if want := k - 1; code != 0 || len(rep.InOtherShards) != want {
			t.Fatalf("shard %d/2: exit %d, in other shards %v; want 0, %d", k, code, rep.InOtherShards, want)
		}
	}
	os.Remove(filepath.Join("in", x))
	r.Shard = Shard{1, 2}
	if code, rep := runOnce(t, r, "in"); code != 0 || rep.Removed != 1 {
		t.Fatalf("shard 1/2 again: exit %d, %d removed", code, rep.Removed)
	}
	for _, f := range []string{"out/json/ni-19-11185.json", "out/xlsx/ni-19-11185.xlsx"} {
		if _, err := os.Stat(f); err != nil {
			t.Errorf("%s, held by shard 2/2, was removed: %v", f, err)
		}
	}
}

// TestRunShardsKeepSameBytes checks the claims when the bytes are the same: one file reached through
// two folders falls into both shards, which write the same JSON; when the file leaves shard 1 (run
// through the other folder), shard 1 drops it but leaves the files shard 2 holds.
func TestRunShardsKeepSameBytes(t *testing.T) {
	chdir(t, t.TempDir())
	var name string
	for i := 0; ; i++ {
		name = fmt.Sprintf("x%d.txt", i)
		if shardOf(shardKey("sub/"+name), 2) == 1 && shardOf(shardKey(name), 2) == 2 {
			break
		}
	}
	copyFile(t, filepath.Join(fixtures, "ni-19-11185.txt"), filepath.Join("in", "sub", name))
	for _, run := range []struct {
		k   int
		arg string
	}{{1, "in"}, {2, "in/sub"}, {1, "in/sub"}} {
		r := testConfig("out", 1)
		r.Shard = Shard{run.k, 2}
		if code, _ := runOnce(t, r, run.arg); code != 0 {
			t.Fatalf("shard %d/2 over %s: exit %d", run.k, run.arg, code)
		}
	}
	if m := readManifestAt(t, "out/manifest-1-of-2.json", Shard{1, 2}); len(m.byPath) != 0 {
		t.Errorf("shard 1/2 still holds %d entries", len(m.byPath))
	}
	for _, f := range []string{"out/json/ni-19-11185.json", "out/xlsx/ni-19-11185.xlsx"} {
		if _, err := os.Stat(f); err != nil {
			t.Errorf("%s, held by shard 2/2, was removed: %v", f, err)
		}
	}
}

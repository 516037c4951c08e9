package batch

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"drucksache/batch/internal/index"
)

// TestRunManyInputs runs a folder of more inputs than the index reads in one chunk and a folder lists
// in one piece: 600 documents, 60 duplicates of them, 5 that fail. Counts add up on the first run,
// the second run skips all, and after 250 inputs go the duplicates of the gone ones hold their ids.
func TestRunManyInputs(t *testing.T) {
	if testing.Short() {
		t.Skip("writes 660 documents")
	}
	chdir(t, t.TempDir())
	const n, dups, bad = 600, 60, 5
	for i := range n {
		writeFile(t, fmt.Sprintf("in/%04d.txt", i), []byte(fmt.Sprint("a", i)))
	}
	for i := range dups {
		writeFile(t, fmt.Sprintf("in/z/again-%04d.txt", i), []byte(fmt.Sprint("b", i)))
	}
	for i := range bad {
		writeFile(t, fmt.Sprintf("in/bad-%d.txt", i), []byte("c"))
	}
	r := testConfig("out", 2)
	r.Extract = fake
	jsonFiles := func() int {
		files, _ := filepath.Glob("out/json/*.json")
		return len(files)
	}
	code, rep := runOnce(t, r, "in")
	if code != 1 || rep.Inputs != n+dups+bad || rep.Done != n+dups || rep.Quarantined != bad ||
		len(rep.Duplicates) != dups || len(rep.QuarantinedFiles) != bad || jsonFiles() != n {
		t.Fatalf("first run: exit %d, %d inputs, %d done, %d quarantined, %d duplicates, %d JSON files",
			code, rep.Inputs, rep.Done, rep.Quarantined, len(rep.Duplicates), jsonFiles())
	}
	if m := readManifestFile(t, "out"); len(m.byPath) != n+dups+bad {
		t.Fatalf("manifest: %d entries, want %d", len(m.byPath), n+dups+bad)
	}
	code, rep = runOnce(t, r, "in")
	if code != 1 || rep.Skipped != n+dups || rep.Done != 0 || rep.Quarantined != bad || rep.Parquet != "unchanged" {
		t.Fatalf("second run: exit %d, %d skipped, %d done, %d quarantined, parquet %s", code, rep.Skipped, rep.Done, rep.Quarantined, rep.Parquet)
	}
	const gone = 250
	for i := range gone {
		os.Remove(fmt.Sprintf("in/%04d.txt", i))
	}
	code, rep = runOnce(t, r, "in")
	if code != 1 || rep.Removed != gone || rep.Done != dups || len(rep.Duplicates) != 0 || jsonFiles() != n-gone+dups {
		t.Fatalf("after %d went: exit %d, %d removed, %d done, %d duplicates, %d JSON files; want %d removed, %d done, none, %d files",
			gone, code, rep.Removed, rep.Done, len(rep.Duplicates), jsonFiles(), gone, dups, n-gone+dups)
	}
	m := readManifestFile(t, "out")
	for i := range dups {
		p := filepath.Join("in", "z", fmt.Sprintf("again-%04d.txt", i))
		if e := m.byPath[p]; e == nil || e.Status != index.StatusDone {
			t.Fatalf("%s: %+v, want done", p, e)
		}
	}
}

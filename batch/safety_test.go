package batch

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"drucksache/batch/internal/index"
)

// foreignFiles are the files a report lists as left alone, with why.
func foreignFiles(rep *report) map[string]string {
	got := map[string]string{}
	for _, f := range rep.ForeignFiles {
		got[f.File] = f.Why
	}
	return got
}

// journal appends a line for each file below out, with its content's sum, to the journal of shard s:
// what a run killed after renaming the files into place leaves.
func journal(t *testing.T, out string, s Shard, files ...string) {
	t.Helper()
	f, err := os.OpenFile(journalPath(out, s), os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o644)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	for _, file := range files {
		sum, err := hashFile(filepath.Join(out, file))
		if err != nil {
			t.Fatal(err)
		}
		line, _ := json.Marshal(journalLine{File: file, SHA256: sum})
		fmt.Fprintf(f, "%s\n", line)
	}
}

// TestRunSweepsOrphans checks that the files a killed run renamed into place but never recorded
// (its journal names them) are removed, and nothing else: the parts of other runs in the dataset, the
// user's files in the output folders (issue 14, finding 2: out/json/customers.json was removed on
// the first run), a file named like this run's part that no record names, and an orphan changed since.
func TestRunSweepsOrphans(t *testing.T) {
	chdir(t, t.TempDir())
	goodCorpus(t, "in")
	r := testConfig("out", 2)
	writeFile(t, "out/json/customers.json", []byte(`{"customers": []}`))
	if code, rep := runOnce(t, r, "in"); code != 0 || foreignFiles(rep)["json/customers.json"] != keptForeign {
		t.Fatalf("first run: exit %d, left alone %v; want 0 and json/customers.json", code, foreignFiles(rep))
	}
	os.Remove("out/json/customers.json")
	want := outputTree(t, "out")
	workbook := filepath.Join("out", outputsOf(readManifestFile(t, "out").byPath["in/ni-19-11185.txt"].ID)[1])
	mine := map[string]string{
		"json/customers.json":     keptForeign,
		"xlsx/Haushalt-2025.xlsx": keptForeign,
		"json/notes/2025.json":    "",          // in a folder of its own: not looked into
		"json/ni-19-99998.json":   keptChanged, // journaled, then changed by the user
		"parquet/documents/parliament=by/wahlperiode=18/part-shard-1-of-1.parquet": keptForeign,
		"parquet/documents/parliament=ni/wahlperiode=19/part-other-run.parquet":    "", // another run's: not listed
	}
	for f := range mine {
		switch filepath.Ext(f) {
		case ".xlsx":
			copyFile(t, workbook, filepath.Join("out", f))
		case ".parquet":
			copyFile(t, filepath.Join("out", firstParquet(t, "out")), filepath.Join("out", f))
		default:
			writeFile(t, filepath.Join("out", f), []byte(`{"mine": true}`))
		}
	}
	orphans := []string{"json/ni-19-99999.json", "xlsx/ni-19-99999.xlsx", "json/ni-19-99998.json"}
	writeFile(t, "out/json/ni-19-99999.json", []byte(`{"left by": "a killed run"}`))
	copyFile(t, workbook, "out/xlsx/ni-19-99999.xlsx")
	writeFile(t, "out/json/ni-19-99998.json", []byte(`{"left by": "a killed run"}`))
	journal(t, "out", Shard{1, 1}, orphans...)
	writeFile(t, "out/json/ni-19-99998.json", []byte(`{"changed by": "the user"}`))

	code, rep := runOnce(t, r, "in")
	if code != 0 {
		t.Fatalf("exit %d", code)
	}
	got := outputTree(t, "out")
	for f, why := range mine {
		if _, ok := got[f]; !ok {
			t.Errorf("%s was removed", f)
		}
		delete(got, f)
		if foreignFiles(rep)[f] != why {
			t.Errorf("%s: left alone as %q, want %q", f, foreignFiles(rep)[f], why)
		}
	}
	sameTree(t, "after sweeping", got, want)
	if _, err := os.Stat(journalPath("out", Shard{1, 1})); err == nil {
		t.Error("the journal is still there after a run that completed")
	}
}

// TestRunRemovesOnlyInside checks that paths of a hand-edited manifest outside the output folder are
// refused and never removed (issue 14, finding 1: the manifest's garbage, a Parquet file, an
// entry's outputs named "../victim.txt" and the run removed it, exit 0, no warning).
func TestRunRemovesOnlyInside(t *testing.T) {
	chdir(t, t.TempDir())
	goodCorpus(t, "in")
	r := testConfig("out", 2)
	if code, _ := runOnce(t, r, "in"); code != 0 {
		t.Fatalf("first run: exit %d", code)
	}
	want := outputTree(t, "out")
	victims := []string{"victim.txt", "victim.parquet", "victim-entry.txt", "victim-abs.txt"}
	for _, v := range victims {
		writeFile(t, v, []byte("not the run's"))
	}
	abs, _ := filepath.Abs("victim-abs.txt")
	var m map[string]any
	data, _ := os.ReadFile("out/manifest.json")
	if err := json.Unmarshal(data, &m); err != nil {
		t.Fatal(err)
	}
	m["garbage"] = []any{"../victim.txt", map[string]any{"file": abs}, "json/../../victim.txt", "json/./x.json", `json\..\..\victim.txt`}
	parquet := m["parquet"].(map[string]any)
	parquet["files"] = append(parquet["files"].([]any), "parquet/../../victim.parquet")
	parquet["digest"] = "" // the part is rewritten, its old files that it no longer has removed
	entry := m["inputs"].([]any)[0].(map[string]any)
	entry["outputs"] = []any{"json/../../victim-entry.txt", "xlsx/" + entry["id"].(string) + ".xlsx"}
	data, _ = json.Marshal(m)
	writeFile(t, "out/manifest.json", data)

	code, rep := runOnce(t, r, "in")
	if code != 0 {
		t.Fatalf("exit %d", code)
	}
	for _, v := range victims {
		if data, err := os.ReadFile(v); err != nil || string(data) != "not the run's" {
			t.Errorf("%s: %q, %v; want it untouched", v, data, err)
		}
	}
	refused := foreignFiles(rep)
	for _, f := range []string{"../victim.txt", abs, "json/../../victim.txt", "parquet/../../victim.parquet", "json/../../victim-entry.txt"} {
		if !strings.HasPrefix(refused[f], "refused:") {
			t.Errorf("%s: %q, want it refused in the report", f, refused[f])
		}
	}
	sameTree(t, "after the hand-edited manifest", outputTree(t, "out"), want)
	// The records written back hold none of the refused paths.
	again := readManifestFile(t, "out")
	for _, f := range again.Parquet.Files {
		if strings.Contains(f, "..") {
			t.Errorf("parquet files still list %s", f)
		}
	}
}

// TestRunKeepsChangedOutputs checks that an output changed since the run wrote it is left alone when
// its document goes, and listed.
func TestRunKeepsChangedOutputs(t *testing.T) {
	chdir(t, t.TempDir())
	goodCorpus(t, "in")
	r := testConfig("out", 1)
	runOnce(t, r, "in")
	id := readManifestFile(t, "out").byPath["in/ni-19-11185.txt"].ID
	edited := filepath.Join("out", "json", id+".json")
	writeFile(t, edited, []byte(`{"edited": "by the user"}`))
	os.Remove("in/ni-19-11185.txt")
	code, rep := runOnce(t, r, "in")
	if code != 0 || rep.Removed != 1 {
		t.Fatalf("exit %d, %d removed; want 0, 1", code, rep.Removed)
	}
	if data, _ := os.ReadFile(edited); string(data) != `{"edited": "by the user"}` {
		t.Errorf("the edited output was removed or changed: %q", data)
	}
	if _, err := os.Stat(filepath.Join("out", "xlsx", id+".xlsx")); err == nil {
		t.Error("the unchanged workbook of the gone document is still there")
	}
	if why := foreignFiles(rep)["json/"+id+".json"]; why != keptChanged {
		t.Errorf("the edited output is left alone as %q, want %q", why, keptChanged)
	}
}

// TestRunRefusesLinkedOutputFolders checks that a run refuses an output folder whose json folder is a
// symbolic link, touching nothing where it points (issue 14, finding 2: every file there that the
// run had not made was removed), and stops before writing through a linked folder of the dataset.
func TestRunRefusesLinkedOutputFolders(t *testing.T) {
	chdir(t, t.TempDir())
	goodCorpus(t, "in")
	writeFile(t, "elsewhere/customers.json", []byte("{}"))
	os.MkdirAll("out", 0o755)
	if err := os.Symlink(mustAbs("elsewhere"), "out/json"); err != nil {
		t.Skip("no symbolic links:", err)
	}
	r := testConfig("out", 1)
	if err := runErr(t, r, "in"); exitStatus(err) != 2 {
		t.Errorf("out/json a link: %v (exit %d), want exit 2", err, exitStatus(err))
	}
	if names, _ := filepath.Glob("elsewhere/*"); strings.Join(names, " ") != "elsewhere/customers.json" {
		t.Errorf("the linked folder holds %v", names)
	}

	os.Remove("out/json")
	os.MkdirAll("out/parquet", 0o755)
	os.Symlink(mustAbs("elsewhere"), "out/parquet/documents")
	if err := runErr(t, r, "in"); exitStatus(err) != 3 || !strings.Contains(err.Error(), "symbolic link") {
		t.Errorf("out/parquet/documents a link: %v (exit %d), want exit 3", err, exitStatus(err))
	}
	if names, _ := filepath.Glob("elsewhere/*"); strings.Join(names, " ") != "elsewhere/customers.json" {
		t.Errorf("the linked folder holds %v", names)
	}
}

// TestRecordedPath checks which paths of the run's records name a file of an output folder.
func TestRecordedPath(t *testing.T) {
	for _, tt := range []struct {
		path string
		ok   bool
	}{
		{"json/ni-19-1.json", true},
		{"parquet/cells/parliament=ni/wahlperiode=19/part-shard-1-of-1.parquet", true},
		{"json", false},
		{"json/", false},
		{"../victim.txt", false},
		{"json/../../victim.txt", false},
		{"json/../xlsx/a.xlsx", false},
		{"/etc/passwd", false},
		{"json//a.json", false},
		{"json/./a.json", false},
		{"json/.hidden", false},
		{`json\a.json`, false},
		{"json/a\x00.json", false},
		{"json/\xff.json", false},
		{"notes/a.json", false},
		{"", false},
	} {
		if err := recordedPath(tt.path, outputFolders()...); (err == nil) != tt.ok {
			t.Errorf("recordedPath(%q) = %v, want ok %v", tt.path, err, tt.ok)
		}
	}
}

// TestManifestVersion1 checks that a manifest of version 1 (no sums) is read, its outputs taken as
// written by their names: adopted when unchanged, removed when their document goes.
func TestManifestVersion1(t *testing.T) {
	chdir(t, t.TempDir())
	goodCorpus(t, "in")
	r := testConfig("out", 1)
	runOnce(t, r, "in")
	var m map[string]any
	data, _ := os.ReadFile("out/manifest.json")
	json.Unmarshal(data, &m)
	m["version"] = 1
	delete(m["parquet"].(map[string]any), "sha256")
	for _, e := range m["inputs"].([]any) {
		delete(e.(map[string]any), "output_sha256")
	}
	data, _ = json.Marshal(m)
	writeFile(t, "out/manifest.json", data)
	os.Remove("in/ni-19-11185.txt")
	code, rep := runOnce(t, r, "in")
	if code != 0 || rep.Removed != 1 || len(rep.ForeignFiles) != 0 {
		t.Fatalf("exit %d, %d removed, left alone %v; want 0, 1, none", code, rep.Removed, rep.ForeignFiles)
	}
	again := readManifestFile(t, "out")
	for p, e := range again.byPath {
		if e.Status == index.StatusDone && len(e.Sums) != len(e.OutputFiles()) {
			t.Errorf("%s: %d sums for %d outputs", p, len(e.Sums), len(e.OutputFiles()))
		}
	}
	if len(again.Parquet.Sums) != len(again.Parquet.Files) {
		t.Errorf("parquet: %d sums for %d files", len(again.Parquet.Sums), len(again.Parquet.Files))
	}
	fresh := testConfig(t.TempDir(), 1)
	runOnce(t, fresh, "in")
	sameTree(t, "after a manifest of version 1", outputTree(t, "out"), outputTree(t, fresh.Out))
}

// TestRunCommitsAllOrNone checks that a document whose workbook cannot be put in place is committed
// with none of its outputs: its JSON is not there (a new document) or is the one before (a document
// redone). Issue 14, finding 7: with out/xlsx not writable, the JSON was committed without the XLSX.
func TestRunCommitsAllOrNone(t *testing.T) {
	chdir(t, t.TempDir())
	goodCorpus(t, "in")
	r := testConfig("out", 1)
	blocked := "out/xlsx/ni-19-11185.xlsx"
	writeFile(t, blocked+"/in-the-way.txt", []byte("a folder where the workbook goes"))
	if err := runErr(t, r, "in"); exitStatus(err) != 3 {
		t.Fatalf("exit %d (%v), want 3", exitStatus(err), err)
	}
	if _, err := os.Stat("out/json/ni-19-11185.json"); err == nil {
		t.Error("the JSON of the document whose workbook could not be placed was committed")
	}
	os.RemoveAll(blocked)
	if code, _ := runOnce(t, r, "in"); code != 0 {
		t.Fatalf("second run: exit %d", code)
	}
	before, _ := os.ReadFile("out/json/ni-19-11185.json")
	data, _ := os.ReadFile("in/ni-19-11185.txt")
	writeFile(t, "in/ni-19-11185.txt", append(data, "\nNachtrag.\n"...))
	os.Remove(blocked)
	writeFile(t, blocked+"/in-the-way.txt", []byte("a folder where the workbook goes"))
	if err := runErr(t, r, "in"); exitStatus(err) != 3 {
		t.Fatalf("third run: exit %d (%v), want 3", exitStatus(err), err)
	}
	if after, _ := os.ReadFile("out/json/ni-19-11185.json"); string(after) != string(before) {
		t.Error("the JSON of the document redone changed though its workbook could not be placed")
	}
}

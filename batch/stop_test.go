package batch

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// TestRunLockedFolder checks that a run finding another run writing its output folder stops with
// exit status 3 and kind locked, and leaves the other run's report alone (issue 14, finding 7: it
// exited 1, the status of failed documents).
func TestRunLockedFolder(t *testing.T) {
	chdir(t, t.TempDir())
	goodCorpus(t, "in")
	r := testConfig("out", 1)
	if code, _ := runOnce(t, r, "in"); code != 0 {
		t.Fatalf("first run: exit %d", code)
	}
	report, _ := os.ReadFile("out/report.json")
	unlock, err := lockFolder(filepath.Join("out", ".lock-1-of-1"))
	if err != nil {
		t.Fatal(err)
	}
	defer unlock()
	err = runErr(t, r, "in")
	var se *StoppedError
	if exitStatus(err) != 3 || !errors.As(err, &se) || se.Kind != StopLocked {
		t.Fatalf("run into a locked folder: %v (exit %d), want kind %s, exit 3", err, exitStatus(err), StopLocked)
	}
	if again, _ := os.ReadFile("out/report.json"); string(again) != string(report) {
		t.Error("the report of the run holding the lock was overwritten")
	}
}

// TestRunRefusesOutFolders checks the output folders a run refuses with exit status 2 before it
// writes anything: none (--out "", which was taken as the current folder), a file.
func TestRunRefusesOutFolders(t *testing.T) {
	chdir(t, t.TempDir())
	goodCorpus(t, "in")
	writeFile(t, "a-file", []byte("not a folder"))
	writeFile(t, "json/package-lock.json", []byte("{}"))
	for _, out := range []string{"", "a-file"} {
		r := testConfig(out, 1)
		if err := runErr(t, r, "in"); exitStatus(err) != 2 {
			t.Errorf("--out %q: %v (exit %d), want exit 2", out, err, exitStatus(err))
		}
	}
	if data, err := os.ReadFile("a-file"); err != nil || string(data) != "not a folder" {
		t.Errorf("the file named as --out changed: %q, %v", data, err)
	}
	if _, err := os.Stat("json/package-lock.json"); err != nil {
		t.Errorf("a run with --out \"\" touched the current folder: %v", err)
	}
	if names, _ := filepath.Glob("*"); strings.Join(names, " ") != "a-file in json" {
		t.Errorf("the current folder holds %v after the refused runs", names)
	}
}

// runErr runs cfg over args and returns the error of the run.
func runErr(t *testing.T, cfg Config, args ...string) error {
	t.Helper()
	var stderr strings.Builder
	err := Run(t.Context(), cfg, args, strings.NewReader(""), &stderr)
	if testing.Verbose() {
		t.Logf("run %v: %v\n%s", args, err, stderr.String())
	}
	return err
}

// TestRunListedPathMissing checks that a path of the list on stdin that is not there fails that path
// only: the others are done, the report names it, exit status 1, no staging folder left (issue 14,
// finding 7: the whole run stopped with exit status 2 and left .staging behind).
func TestRunListedPathMissing(t *testing.T) {
	chdir(t, t.TempDir())
	goodCorpus(t, "in")
	r := testConfig("out", 2)
	list := "in/ni-19-11185.txt\nin/gone.txt\nin/ni-19-11277.txt\n"
	var stderr strings.Builder
	err := Run(t.Context(), r, []string{"-"}, strings.NewReader(list), &stderr)
	if exitStatus(err) != 1 {
		t.Fatalf("exit %d (%v), want 1\n%s", exitStatus(err), err, stderr.String())
	}
	got := quarantineFacts(t, "out")
	if item := got["in/gone.txt"]; len(got) != 1 || item == nil || item["kind"] != KindMissing {
		t.Errorf("quarantined %v, want in/gone.txt of kind %s", got, KindMissing)
	}
	if files, _ := filepath.Glob("out/json/*.json"); len(files) != 2 {
		t.Errorf("%d JSON outputs, want 2", len(files))
	}
	if left, _ := filepath.Glob("out/.staging*"); len(left) != 0 {
		t.Errorf("left behind: %v", left)
	}
}

// TestRunRetriesLimits checks that an unchanged input that failed on the time limit is tried again
// by the next run, and one that failed on its content is not; with SkipFailed neither is (issue 14,
// finding 7: documents that failed on the time limit stayed quarantined, only --force tried them).
func TestRunRetriesLimits(t *testing.T) {
	chdir(t, t.TempDir())
	good, _ := os.ReadFile(filepath.Join(fixtures, "ni-19-11185.txt"))
	writeFile(t, "in/hang.txt", append([]byte("hang\n"), good...))
	copyFile(t, filepath.Join(testdata, "bad", "junk.txt"), "in/junk.txt")
	var calls atomic.Int64
	r := testConfig("out", 1)
	r.Timeout, r.grace = 200*time.Millisecond, 100*time.Millisecond
	r.Extract = counted(&calls, hostile(inProcess))
	for _, step := range []struct {
		name       string
		skipFailed bool
		calls      int64
	}{
		{"first run", false, 2},
		{"the time limit is tried again", false, 1},
		{"with SkipFailed it is not", true, 0},
	} {
		calls.Store(0)
		r.SkipFailed = step.skipFailed
		code, rep := runOnce(t, r, "in")
		kinds := map[string]string{}
		for _, q := range rep.QuarantinedFiles {
			kinds[q.File] = q.Kind
		}
		if code != 1 || calls.Load() != step.calls || kinds["in/hang.txt"] != KindTimeLimit || kinds["in/junk.txt"] != "txt" {
			t.Errorf("%s: exit %d, %d extracted, kinds %v; want 1, %d, time limit and txt", step.name, code, calls.Load(), kinds, step.calls)
		}
	}
}

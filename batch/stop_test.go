package batch

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
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

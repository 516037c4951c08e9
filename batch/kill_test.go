package batch

import (
	"encoding/json"
	"io/fs"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/parquet-go/parquet-go"
	"github.com/xuri/excelize/v2"
)

// packageDir is this package's folder, inside the module the command is built from.
var packageDir = mustAbs(".")

// buildCommand builds the drucksache binary into a temporary folder.
func buildCommand(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "drucksache")
	cmd := exec.Command("go", "build", "-o", bin, "drucksache/cmd/drucksache")
	cmd.Dir = packageDir
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// checkNoPartialOutput fails unless every output file below out is whole: every JSON parses as a
// document, every workbook opens, every Parquet file opens, the manifest parses.
func checkNoPartialOutput(t *testing.T, out string) {
	t.Helper()
	filepath.WalkDir(out, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return nil
		}
		rel, _ := filepath.Rel(out, p)
		if strings.HasPrefix(rel, ".") {
			return nil // staging and lock: not outputs, cleared by the next run
		}
		data, err := os.ReadFile(p)
		if err != nil {
			t.Errorf("%s: %v", rel, err)
			return nil
		}
		switch filepath.Ext(p) {
		case ".json":
			var v map[string]any
			if err := json.Unmarshal(data, &v); err != nil {
				t.Errorf("%s: partial JSON: %v", rel, err)
			}
		case ".xlsx":
			f, err := excelize.OpenFile(p)
			if err != nil {
				t.Errorf("%s: does not open: %v", rel, err)
				return nil
			}
			if len(f.GetSheetList()) == 0 {
				t.Errorf("%s: no sheets", rel)
			}
			f.Close()
		case ".parquet":
			f, err := os.Open(p)
			if err != nil {
				t.Errorf("%s: %v", rel, err)
				return nil
			}
			defer f.Close()
			if _, err := parquet.OpenFile(f, int64(len(data))); err != nil {
				t.Errorf("%s: does not open: %v", rel, err)
			}
		default:
			t.Errorf("%s: not an output", rel)
		}
		return nil
	})
}

// TestKillAtRandomMoments kills runs of the built command with SIGKILL (and now and then Ctrl-C) at
// random moments, checks that no output is partial, and that the next run's outputs equal those of
// a run never interrupted.
func TestKillAtRandomMoments(t *testing.T) {
	bin := buildCommand(t)
	chdir(t, t.TempDir())
	makeCorpus(t, "in", 36)
	run := func(out string) *exec.Cmd {
		cmd := exec.Command(bin, "run", "--out", out, "--workers", "2", "in")
		cmd.Stderr = new(strings.Builder)
		return cmd
	}
	began := time.Now()
	if ref := run("reference"); ref.Run() != nil {
		t.Fatalf("uninterrupted run: %v\n%s", ref.ProcessState, ref.Stderr)
	}
	full := time.Since(began)
	want := outputTree(t, "reference")
	t.Logf("uninterrupted run: %v, %d output files", full, len(want))

	trials := 8
	if testing.Short() {
		trials = 3
	}
	rng := rand.New(rand.NewPCG(6, uint64(time.Now().UnixNano())))
	for trial := range trials {
		out := filepath.Join("trial", string(rune('a'+trial)))
		kills := 1 + rng.IntN(3)
		for k := range kills {
			cmd := run(out)
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			at := time.Duration(rng.Int64N(int64(full) * 11 / 10))
			time.Sleep(at)
			sig := syscall.SIGKILL
			if k == 0 && trial%4 == 3 {
				sig = syscall.SIGINT
			}
			cmd.Process.Signal(sig)
			cmd.Wait()
			t.Logf("trial %d: %v after %v", trial, sig, at)
			checkNoPartialOutput(t, out)
		}
		cmd := run(out)
		if err := cmd.Run(); err != nil {
			t.Fatalf("trial %d: the run after the kills: %v\n%s", trial, err, cmd.Stderr)
		}
		checkNoPartialOutput(t, out)
		sameTree(t, "after kills", outputTree(t, out), want)
		if t.Failed() {
			t.FailNow()
		}
	}
}

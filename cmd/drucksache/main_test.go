package main

import (
	"context"
	drucksache "drucksache"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"drucksache/isolate"
)

// TestMain lets the test binary play the child of an isolated extraction: os.Executable is the test
// binary here, so the hidden subcommand must work in it as it does in the command. With
// DRUCKSACHE_AS_COMMAND set it is the command itself, for tests that watch its process.
func TestMain(m *testing.M) {
	if len(os.Args) > 1 && (os.Args[1] == isolate.Command || os.Getenv("DRUCKSACHE_AS_COMMAND") != "") {
		os.Exit(exitCode(run(context.Background(), os.Args[1:], os.Stdin, os.Stdout, os.Stderr), os.Stderr))
	}
	os.Exit(m.Run())
}

// copyFixtures copies the documents of the fixtures folder (the six of the corpus, the Bundestag answer
// and the two papers made by scripts/papergen) into dir.
func copyFixtures(t *testing.T, dir string) {
	t.Helper()
	names, _ := filepath.Glob(filepath.Join("..", "..", "fixtures", "*.*"))
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, name := range names {
		data, err := os.ReadFile(name)
		if err == nil {
			err = os.WriteFile(filepath.Join(dir, filepath.Base(name)), data, 0o644)
		}
		if err != nil {
			t.Fatal(err)
		}
	}
}

// TestRunInputs runs the command line as main does, with the real (isolated) extraction; the paths are
// absolute, since extraction children keep the working folder they started in.
func TestRunInputs(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "in")
	copyFixtures(t, in)
	a, b := filepath.Join(in, "ni-19-11185.txt"), filepath.Join(in, "ni-19-11279.txt")
	tests := []struct {
		name   string
		out    string // "" for a new temporary folder
		args   []string
		stdin  string
		code   int
		inputs int
	}{
		{"a folder", "", []string{in}, "", 0, 9},
		{"files", "", []string{a, b}, "", 0, 2},
		{"a file twice", "", []string{a, filepath.Join(in, ".", "ni-19-11185.txt")}, "", 0, 1},
		{"a list on stdin", "", []string{"-"}, a + "\r\n\n" + b + "\n", 0, 2},
		{"a list naming a folder", "", []string{"-"}, in + "\n", 0, 9},
		{"flags after the inputs", "", []string{in, "--workers", "1"}, "", 0, 9},
		{"the output folder inside the input", filepath.Join(in, "out"), []string{in}, "", 0, 9},
		{"the output folder inside the input, again", filepath.Join(in, "out"), []string{in}, "", 0, 9},
		{"the output folder around the input", dir, []string{in}, "", 0, 9},
		{"a missing input", "", []string{filepath.Join(in, "nope.txt")}, "", 2, 0},
		{"no input", "", nil, "", 2, 0},
		{"stdin twice", "", []string{"-", "-"}, "", 2, 0},
		{"a bad shard", "", []string{"--shard", "3/2", in}, "", 2, 0},
		{"no workers", "", []string{"--workers", "0", in}, "", 2, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := tt.out
			if out == "" {
				out = t.TempDir()
			}
			args := append([]string{"run", "--out", out, "--workers", "2"}, tt.args...)
			var stderr strings.Builder
			err := run(context.Background(), args, strings.NewReader(tt.stdin), &stderr, &stderr)
			code := exitCode(err, &stderr)
			if code != tt.code {
				t.Fatalf("exit %d, want %d\n%s", code, tt.code, stderr.String())
			}
			if tt.code != 0 {
				return
			}
			data, _ := os.ReadFile(filepath.Join(out, "report.json"))
			var rep struct{ Inputs int }
			json.Unmarshal(data, &rep)
			if rep.Inputs != tt.inputs {
				t.Errorf("%d inputs, want %d\n%s", rep.Inputs, tt.inputs, stderr.String())
			}
		})
	}
}

// TestHelp prints the usage asked for to stdout with exit status 0, for the command and each subcommand.
func TestHelp(t *testing.T) {
	tests := []struct {
		args []string
		want string // a line the usage must hold
	}{
		{[]string{"--help"}, "drucksache verify [--timeout D] DIR"},
		{[]string{"-h"}, "drucksache extract [--memory N] FILE"},
		{[]string{"help"}, "drucksache run [--out DIR]"},
		{[]string{"help", "run"}, "--shard K/N"},
		{[]string{"run", "--help"}, "--timeout D     time limit per document"},
		{[]string{"run", "--out", "x", "-h"}, "--workers N"},
		{[]string{"extract", "--help"}, "--memory N      memory limit, as a run's per document"},
		{[]string{"verify", "-h"}, "drucksache verify [--timeout D] DIR"},
		{[]string{"merge", "--help"}, "drucksache merge [--out DIR]"},
		{[]string{"version", "--help"}, "drucksache version"},
	}
	for _, tt := range tests {
		var stdout, stderr strings.Builder
		code := exitCode(run(context.Background(), tt.args, strings.NewReader(""), &stdout, &stderr), &stderr)
		if code != 0 || !strings.Contains(stdout.String(), tt.want) || stderr.Len() != 0 {
			t.Errorf("%v: exit %d, stdout %q, stderr %q; want exit 0 and %q on stdout", tt.args, code, stdout.String(), stderr.String(), tt.want)
		}
	}
	// A subcommand's usage names that command only.
	var stdout strings.Builder
	run(context.Background(), []string{"run", "--help"}, strings.NewReader(""), &stdout, io.Discard)
	if strings.Contains(stdout.String(), "extract FILE") {
		t.Errorf("run --help prints the usage of other commands:\n%s", stdout.String())
	}
}

// TestVersion prints this build's stamp: the digest of the rules and the options every output carries.
func TestVersion(t *testing.T) {
	var stdout strings.Builder
	if code := exitCode(run(context.Background(), []string{"version"}, nil, &stdout, io.Discard), io.Discard); code != 0 {
		t.Fatalf("exit %d", code)
	}
	var got drucksache.Extractor
	if err := json.Unmarshal([]byte(stdout.String()), &got); err != nil {
		t.Fatalf("%v: %s", err, stdout.String())
	}
	if got != extractor() || len(got.Digest) != 64 || got.Version == "" || got.Options.MaxPages <= 0 || got.Options.MaxBytes <= 0 {
		t.Errorf("version printed %+v, want this build's stamp %+v", got, extractor())
	}
}

// TestExtractStamps writes the build's stamp and a review into the JSON of `extract`.
func TestExtractStamps(t *testing.T) {
	var stdout strings.Builder
	file := filepath.Join("..", "..", "fixtures", "ni-19-11277.txt")
	if code := exitCode(run(context.Background(), []string{"extract", file}, nil, &stdout, io.Discard), io.Discard); code != 0 {
		t.Fatalf("exit %d", code)
	}
	var doc drucksache.Document
	if err := json.Unmarshal([]byte(stdout.String()), &doc); err != nil {
		t.Fatal(err)
	}
	if doc.Extractor == nil || *doc.Extractor != extractor() {
		t.Errorf("extractor %+v, want %+v", doc.Extractor, extractor())
	}
	if doc.Review == nil || doc.Review.Status != drucksache.ReviewOK {
		t.Errorf("review %+v, want ok", doc.Review)
	}
}

// TestRunExitCodes checks the exit statuses of issue 14: an empty --out or one that is a file is a
// wrong command line (2; an empty one was taken as the current folder), a run that could not complete
// is 3 (it was 1, the status of failed documents).
func TestRunExitCodes(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "in")
	copyFixtures(t, in)
	file := filepath.Join(dir, "a-file")
	if err := os.WriteFile(file, []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, out := range []string{"", file} {
		var stderr strings.Builder
		code := exitCode(run(context.Background(), []string{"run", "--out", out, in}, strings.NewReader(""), &stderr, &stderr), &stderr)
		if code != 2 {
			t.Errorf("--out %q: exit %d, want 2\n%s", out, code, stderr.String())
		}
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel() // as Ctrl-C does
	var stderr strings.Builder
	code := exitCode(run(ctx, []string{"run", "--out", filepath.Join(dir, "out"), in}, strings.NewReader(""), &stderr, &stderr), &stderr)
	if code != 3 || !strings.Contains(stderr.String(), "run stopped (interrupted)") {
		t.Errorf("an interrupted run: exit %d, want 3\n%s", code, stderr.String())
	}
}

// TestMergeExitCodes checks the exit statuses of merge: a wrong command line or a folder without a
// sharded run is 2, a folder where a shard has not run is 3, the shards of a run merge with 0.
func TestMergeExitCodes(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "in")
	copyFixtures(t, in)
	out := filepath.Join(dir, "out")
	code := func(args ...string) (int, string) {
		var stderr strings.Builder
		return exitCode(run(context.Background(), args, strings.NewReader(""), &stderr, &stderr), &stderr), stderr.String()
	}
	for _, args := range [][]string{{"merge", "--out", ""}, {"merge", "--out", out, in}, {"merge", "--out", out}, {"merge", "--timeout", "-1s"}} {
		if got, stderr := code(args...); got != 2 {
			t.Errorf("%q: exit %d, want 2\n%s", args, got, stderr)
		}
	}
	if got, stderr := code("run", "--shard", "2/2", "--out", out, in); got != 0 {
		t.Fatalf("shard 2/2: exit %d\n%s", got, stderr)
	}
	if got, stderr := code("merge", "--out", out); got != 3 || !strings.Contains(stderr, "shard 1/2 has not run") {
		t.Errorf("merge before shard 1/2 ran: exit %d, want 3\n%s", got, stderr)
	}
	if got, stderr := code("run", "--shard", "1/2", "--out", out, in); got != 0 {
		t.Fatalf("shard 1/2: exit %d\n%s", got, stderr)
	}
	if got, stderr := code("merge", "--out", out); got != 0 || !strings.Contains(stderr, "merged 2 shards") {
		t.Errorf("merge: exit %d, want 0\n%s", got, stderr)
	}
}

// TestRunCapsWorkers checks that --workers past the number of CPUs runs as many workers as CPUs and
// says so (issue 14, finding 6: --workers 1000000 on 47 inputs took 2.9 GB), and that --memory is read.
func TestRunCapsWorkers(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "in")
	copyFixtures(t, in)
	out := filepath.Join(dir, "out")
	var stderr strings.Builder
	code := exitCode(run(context.Background(), []string{"run", "--out", out, "--workers", "1000000", "--memory", "512MiB", in},
		strings.NewReader(""), &stderr, &stderr), &stderr)
	if code != 0 || !strings.Contains(stderr.String(), fmt.Sprintf("running %d", runtime.NumCPU())) {
		t.Fatalf("exit %d, want 0 and a note of the workers capped\n%s", code, stderr.String())
	}
	data, _ := os.ReadFile(filepath.Join(out, "report.json"))
	var rep struct{ Workers int }
	json.Unmarshal(data, &rep)
	if rep.Workers != runtime.NumCPU() {
		t.Errorf("the report says %d workers, want %d", rep.Workers, runtime.NumCPU())
	}
	for _, bad := range []string{"1.5G", "-1", "lots", "9999999T"} {
		code := exitCode(run(context.Background(), []string{"run", "--out", out, "--memory", bad, in}, strings.NewReader(""), io.Discard, io.Discard), io.Discard)
		if code != 2 {
			t.Errorf("--memory %s: exit %d, want 2", bad, code)
		}
	}
}

func TestParseBytes(t *testing.T) {
	for s, want := range map[string]int64{"0": 0, "1GiB": 1 << 30, "512MiB": 512 << 20, "512M": 512 << 20, "2G": 2 << 30, "100": 100, "64 KiB": 64 << 10, "1TB": 1 << 40} {
		if got, err := parseBytes(s); got != want || err != nil {
			t.Errorf("parseBytes(%q) = %d, %v; want %d", s, got, err, want)
		}
	}
}

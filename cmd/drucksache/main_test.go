package main

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"drucksache/isolate"
)

// TestMain lets the test binary play the child of an isolated extraction: os.Executable is the test
// binary here, so the hidden subcommand must work in it as it does in the command.
func TestMain(m *testing.M) {
	if len(os.Args) > 1 && os.Args[1] == isolate.Command {
		os.Exit(exitCode(run(context.Background(), os.Args[1:], os.Stdin, os.Stdout, os.Stderr), os.Stderr))
	}
	os.Exit(m.Run())
}

// copyFixtures copies the documents of the fixtures folder (the six of the corpus) into dir.
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
		{"a folder", "", []string{in}, "", 0, 6},
		{"files", "", []string{a, b}, "", 0, 2},
		{"a file twice", "", []string{a, filepath.Join(in, ".", "ni-19-11185.txt")}, "", 0, 1},
		{"a list on stdin", "", []string{"-"}, a + "\r\n\n" + b + "\n", 0, 2},
		{"a list naming a folder", "", []string{"-"}, in + "\n", 0, 6},
		{"flags after the inputs", "", []string{in, "--workers", "1"}, "", 0, 6},
		{"the output folder inside the input", filepath.Join(in, "out"), []string{in}, "", 0, 6},
		{"the output folder inside the input, again", filepath.Join(in, "out"), []string{in}, "", 0, 6},
		{"the output folder around the input", dir, []string{in}, "", 0, 6},
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

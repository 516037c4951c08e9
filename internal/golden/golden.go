// Package golden compares test output with golden files under testdata/ and rewrites them when
// a test runs with -update, so every package of the project reviews its golden files one way.
package golden

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// update is the one -update flag of every test binary that imports this package.
var update = flag.Bool("update", false, "rewrite the golden files under testdata/ from the current output, to be reviewed in the diff")

// Updating reports whether the test run was asked to rewrite golden files.
func Updating() bool { return *update }

// Check compares got with the golden file at path, or writes got there under -update. On a
// difference it names the first line that differs.
func Check(t testing.TB, path string, got []byte) {
	t.Helper()
	if *update {
		Write(t, path, got)
		return
	}
	want := Read(t, path)
	if string(got) == string(want) {
		return
	}
	line, g, w := FirstDiff(string(got), string(want))
	t.Fatalf("output differs from %s at line %d (run the test with -update after checking)\n got  %s\n want %s", path, line, g, w)
}

// Write writes a golden file, making its folder.
func Write(t testing.TB, path string, data []byte) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
}

// Read reads a golden file; a missing file says how to make it.
func Read(t testing.TB, path string) []byte {
	t.Helper()
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run the test with -update to write it, then review it)", err)
	}
	return want
}

// FirstDiff returns the 1-based number of the first line where got and want differ, with both lines
// (0 when they are equal).
func FirstDiff(got, want string) (line int, g, w string) {
	if got == want {
		return 0, "", ""
	}
	gl, wl := strings.Split(got, "\n"), strings.Split(want, "\n")
	for i := 0; i < len(gl) || i < len(wl); i++ {
		g, w = "", ""
		if i < len(gl) {
			g = gl[i]
		}
		if i < len(wl) {
			w = wl[i]
		}
		if g != w {
			return i + 1, g, w
		}
	}
	return 0, "", ""
}

package batch

import (
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode"
	"unicode/utf8"

	drucksache "drucksache"
	"drucksache/extract"
)

// printableText fails the test when s holds bytes that are not UTF-8 or control characters other
// than newlines and tabs.
func printableText(t *testing.T, what, s string) {
	t.Helper()
	if !utf8.ValidString(s) {
		t.Errorf("%s is not UTF-8: %q", what, s)
		return
	}
	for _, r := range s {
		if unicode.IsControl(r) && r != '\n' && r != '\t' {
			t.Errorf("%s holds %U: %q", what, r, s)
			return
		}
	}
}

// TestRunOddNames runs files whose names are not UTF-8 or hold a terminal's escape sequence, and a
// file whose error quotes binary bytes (issue 14, finding 7): the summary and the report show the
// names escaped and the reasons without raw bytes, and the next run recognises the files by their
// names (a name that is not UTF-8 was stored with replacement characters and redone every run).
func TestRunOddNames(t *testing.T) {
	chdir(t, t.TempDir())
	copyFile(t, filepath.Join(fixtures, "ni-19-11185.txt"), "in/\x96bericht.txt")
	copyFile(t, filepath.Join(fixtures, "ni-19-11277.txt"), "in/\x1b[31mred.txt")
	copyFile(t, filepath.Join(testdata, "bad", "junk.txt"), "in/\xfcjunk.txt")
	writeFile(t, "in/rawerr.txt", []byte("Drucksache"))
	r := testConfig("out", 1)
	r.Extract = func(ctx context.Context, path string, timeout time.Duration) (*drucksache.Document, error) {
		if strings.HasSuffix(path, "rawerr.txt") {
			return nil, &extract.Error{File: path, Stage: "pdf", Err: errors.New("bad stream: \x00\x01\x96\xff\x1b[2J end")}
		}
		return inProcess(ctx, path, timeout)
	}
	for run := 1; run <= 2; run++ {
		var stderr strings.Builder
		err := Run(t.Context(), r, []string{"in"}, strings.NewReader(""), &stderr)
		if exitStatus(err) != 1 {
			t.Fatalf("run %d: exit %d (%v)", run, exitStatus(err), err)
		}
		printableText(t, "stderr", stderr.String())
		for _, want := range []string{`quarantined "in/\xfcjunk.txt"`, `bad stream: \x00\x01\x96\xff\x1b[2J end`} {
			if !strings.Contains(stderr.String(), want) {
				t.Errorf("run %d: stderr lacks %s:\n%s", run, want, stderr.String())
			}
		}
		data, _ := os.ReadFile("out/report.json")
		var rep report
		if err := json.Unmarshal(data, &rep); err != nil {
			t.Fatal(err)
		}
		for _, q := range rep.QuarantinedFiles {
			printableText(t, "a quarantined file's name", q.File)
			printableText(t, "a reason", q.Reason)
		}
		for _, n := range rep.NeedsReview {
			printableText(t, "a file's name", n.File)
		}
		if want := map[int]int{1: 2, 2: 0}[run]; rep.Done != want || rep.Quarantined != 2 {
			t.Errorf("run %d: %d done, %d quarantined; want %d, 2", run, rep.Done, rep.Quarantined, want)
		}
	}
	m := readManifestFile(t, "out")
	if e := m.byPath["in/\x96bericht.txt"]; e == nil || e.Status.String() != "done" {
		t.Errorf("the manifest does not hold in/\\x96bericht.txt as done: %+v", e)
	}
}

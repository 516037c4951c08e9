package batch

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	drucksache "drucksache"
)

// verifyOnce verifies out with extract and returns the verifications by file, the summary and the error.
func verifyOnce(t *testing.T, out string, extract func(context.Context, string, time.Duration) (*drucksache.Document, error)) (map[string]string, string, error) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	err := Verify(context.Background(), VerifyConfig{Out: out, Timeout: time.Minute, Extract: extract}, &stdout, &stderr)
	lines := map[string]string{}
	for _, l := range strings.Split(strings.TrimSpace(stdout.String()), "\n") {
		if f := strings.Fields(l); len(f) > 1 {
			file := f[1]
			if f[0] == "source" { // "source missing FILE"
				file = f[2]
			}
			lines[file] = l
		}
	}
	return lines, stderr.String(), err
}

// TestVerify makes the outputs of a run again: unchanged when nothing changed; changed, with the
// fields, when a stored output was edited or a rule changes; source missing when the input is gone.
func TestVerify(t *testing.T) {
	dir := t.TempDir()
	chdir(t, dir)
	goodCorpus(t, "in")
	if code, _ := runOnce(t, testConfig("out", 2), "in"); code != 0 {
		t.Fatalf("run: exit %d", code)
	}
	got, summary, err := verifyOnce(t, "out", inProcess)
	if err != nil || len(got) != 5 {
		t.Fatalf("verify of a fresh run: %v, %d documents (want 5, the PDF a duplicate)\n%s", err, len(got), summary)
	}
	for file, l := range got {
		if !strings.HasPrefix(l, VerifyUnchanged+" ") {
			t.Errorf("%s: %s, want unchanged", file, l)
		}
	}

	// A rule that changes: the answers of the IT answer come out otherwise.
	changedRule := func(ctx context.Context, path string, timeout time.Duration) (*drucksache.Document, error) {
		doc, err := inProcess(ctx, path, timeout)
		if err == nil && strings.HasSuffix(path, "ni-19-11185.txt") {
			doc.Questions[1].Answer += " (neu)"
		}
		return doc, err
	}
	got, _, err = verifyOnce(t, "out", changedRule)
	if !errors.Is(err, ErrChanged) {
		t.Errorf("verify with a changed rule: %v, want ErrChanged", err)
	}
	if l := got[filepath.Join("in", "ni-19-11185.txt")]; !strings.HasPrefix(l, VerifyChanged+" ") || !strings.Contains(l, ": questions[1].answer, xlsx") {
		t.Errorf("changed rule: %q, want changed in questions[1].answer and the workbook", l)
	}
	if l := got[filepath.Join("in", "ni-19-11277.txt")]; !strings.HasPrefix(l, VerifyUnchanged+" ") {
		t.Errorf("a document the rule does not touch: %q, want unchanged", l)
	}

	// A stored output edited by hand, and a source gone.
	stored := filepath.Join("out", "json", "ni-19-11277.json")
	data, err := os.ReadFile(stored)
	if err != nil {
		t.Fatal(err)
	}
	writeFile(t, stored, bytes.Replace(data, []byte(`"title": "`), []byte(`"title": "X`), 1))
	if err := os.Remove(filepath.Join("in", "ni-19-11279.txt")); err != nil {
		t.Fatal(err)
	}
	got, summary, err = verifyOnce(t, "out", inProcess)
	if !errors.Is(err, ErrChanged) {
		t.Errorf("verify after edits: %v, want ErrChanged", err)
	}
	if l := got[filepath.Join("in", "ni-19-11277.txt")]; !strings.HasPrefix(l, VerifyChanged+" ") || !strings.HasSuffix(l, ": title") {
		t.Errorf("edited JSON: %q, want changed in title only (the workbook was not edited)", l)
	}
	if l := got[filepath.Join("in", "ni-19-11279.txt")]; !strings.HasPrefix(l, VerifySourceMissing+" ") {
		t.Errorf("removed source: %q, want source missing", l)
	}
	if !strings.Contains(summary, "3 unchanged, 1 changed, 1 source missing, 0 failed") {
		t.Errorf("summary %q", summary)
	}
}

// TestVerifyEarlierBuild verifies a folder that the build before documents had a review made
// (testdata/verify/before-review, from ../fixtures, run in this folder): the new rule shows up as a
// change of every document, in the review and in the workbook that shows it.
func TestVerifyEarlierBuild(t *testing.T) {
	got, _, err := verifyOnce(t, filepath.Join("testdata", "verify", "before-review"), inProcess)
	if !errors.Is(err, ErrChanged) || len(got) != 2 {
		t.Fatalf("verify: %v, %d documents, want ErrChanged and 2", err, len(got))
	}
	for file, l := range got {
		fields := strings.Split(l[strings.LastIndex(l, ": ")+2:], ", ")
		if !strings.HasPrefix(l, VerifyChanged+" ") || !slices.Contains(fields, "review") || !slices.Contains(fields, "xlsx") {
			t.Errorf("%s: %q, want changed in review and xlsx", file, l)
		}
	}
}

// TestVerifyNoManifest refuses a folder no run wrote.
func TestVerifyNoManifest(t *testing.T) {
	_, _, err := verifyOnce(t, t.TempDir(), inProcess)
	var ue UsageError
	if !errors.As(err, &ue) {
		t.Errorf("verify of an empty folder: %v, want a usage error", err)
	}
}

func TestDiffJSON(t *testing.T) {
	tests := []struct {
		a, b string
		want []string
	}{
		{`{"a":1,"b":[1,2]}`, `{"a":1,"b":[1,2]}`, nil},
		{`{"a":1}`, `{"a":2}`, []string{"a"}},
		{`{"q":[{"x":"1"},{"x":"2"}]}`, `{"q":[{"x":"1"},{"x":"3"}]}`, []string{"q[1].x"}},
		{`{"q":[1,2]}`, `{"q":[1,2,3]}`, []string{"q"}},
		{`{"a":1}`, `{"a":1,"b":null}`, []string{"b"}},
		{`{"extractor":{"version":"a"},"a":1}`, `{"extractor":{"version":"b"},"a":1}`, nil},
		{`{"t":[[{"v":1.5}]]}`, `{"t":[[{"v":"1.5"}]]}`, []string{"t[0][0].v"}},
	}
	for _, tt := range tests {
		got, err := jsonFields([]byte(tt.a), []byte(tt.b))
		if err != nil || !slices.Equal(got, tt.want) {
			t.Errorf("%s vs %s: %q %v, want %q", tt.a, tt.b, got, err, tt.want)
		}
	}
}

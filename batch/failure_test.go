package batch

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	drucksache "drucksache"
	"drucksache/extract"
	"drucksache/isolate"
	"drucksache/load"
)

// TestMain lets the test binary play the child of the runs' isolation pools.
func TestMain(m *testing.M) {
	isolate.ServeIfChild()
	os.Exit(m.Run())
}

func TestFailureOf(t *testing.T) {
	const path = "in/a.pdf"
	crash := func(why string) error {
		return &extract.Error{File: path, Stage: "extract", Err: &isolate.CrashError{Why: why}}
	}
	tests := []struct {
		name    string
		err     error
		writing bool
		want    Failure
	}{
		{"an extraction error keeps its place and stage",
			&extract.Error{File: path, Page: 4, Line: 12, Stage: "pdf", Err: errors.New("bad table")}, false,
			Failure{File: path, Page: 4, Line: 12, Kind: "pdf", Reason: "page 4: line 12: pdf: bad table"}},
		{"a sentinel of extract", &extract.Error{File: path, Stage: "read", Err: extract.ErrEmpty}, false,
			Failure{File: path, Kind: "read", Reason: "read: empty input"}},
		{"a time limit in the child",
			&extract.Error{File: path, Stage: "extract", Err: fmt.Errorf("%w (2s): the extraction was stopped", isolate.ErrTimeLimit)}, false,
			Failure{File: path, Kind: KindTimeLimit, Reason: "extract: time limit exceeded (2s): the extraction was stopped"}},
		{"a time limit of the runner", fmt.Errorf("%s: %w (1s)", path, isolate.ErrTimeLimit), false,
			Failure{File: path, Kind: KindTimeLimit, Reason: "time limit exceeded (1s)"}},
		{"a panic of the runner's stages", &panicError{path: path, stage: "transform", value: "boom", stack: []byte("stack")}, false,
			Failure{File: path, Kind: KindPanic, Reason: "transform: internal error: boom\nstack"}},
		{"a child that panicked", crash("panic: boom"), false,
			Failure{File: path, Kind: KindPanic, Reason: "extract: the extraction process failed: panic: boom"}},
		{"a child out of memory", crash("fatal error: runtime: out of memory"), false,
			Failure{File: path, Kind: KindResourceLimit, Reason: "extract: the extraction process failed: fatal error: runtime: out of memory"}},
		{"a file over the size limit",
			&extract.Error{File: path, Stage: "read", Err: fmt.Errorf("%w: 9 bytes", extract.ErrTooLarge)}, false,
			Failure{File: path, Kind: KindResourceLimit, Reason: "read: input exceeds a limit: 9 bytes"}},
		{"an id that names no file", fmt.Errorf("%s: %w", path, load.CheckID("..")), false,
			Failure{File: path, Kind: KindID, Reason: `document id ".." cannot name an output file`}},
		{"a writer that cannot encode the document", errors.New("cannot encode"), true,
			Failure{File: path, Kind: KindWrite, Reason: "cannot encode"}},
		{"anything else", errors.New(path + ": odd"), false, Failure{File: path, Kind: KindOther, Reason: "odd"}},
	}
	for _, tt := range tests {
		if got := failureOf(path, tt.err, tt.writing); *got != tt.want {
			t.Errorf("%s:\n got %+v\nwant %+v", tt.name, *got, tt.want)
		}
	}
}

// quarantineFacts are the quarantined_files of a report as written, by file: what a reader of
// report.json gets, page and line left out when not known.
func quarantineFacts(t *testing.T, out string) map[string]map[string]any {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(out, "report.json"))
	if err != nil {
		t.Fatal(err)
	}
	var rep struct {
		Items []map[string]any `json:"quarantined_files"`
	}
	if err := json.Unmarshal(data, &rep); err != nil {
		t.Fatal(err)
	}
	byFile := map[string]map[string]any{}
	for _, item := range rep.Items {
		byFile[item["file"].(string)] = item
	}
	return byFile
}

// TestRunReportsFailures runs broken files through the real extraction, PDFs in child processes,
// and checks what report.json says of each failure: the reason as before, the kind, and no page or
// line where none is known; a second run reports the same of the failures it does not try again,
// and tries the one that failed on the time limit again.
func TestRunReportsFailures(t *testing.T) {
	chdir(t, t.TempDir())
	bad, _ := filepath.Glob(filepath.Join(testdata, "bad", "*"))
	for _, f := range bad {
		copyFile(t, f, filepath.Join("in", filepath.Base(f)))
	}
	copyFile(t, filepath.Join(testdata, "hostile", "loop.pdf"), "in/loop.pdf")
	cfg := testConfig("out", 2)
	cfg.Extract, cfg.Timeout = nil, 2*time.Second // the isolation pool of the run
	want := map[string]struct{ kind, reason string }{
		"in/blank.txt":       {"read", "read: empty input"},
		"in/empty.txt":       {"read", "read: empty input"},
		"in/junk.txt":        {"txt", "txt: binary data, not a text, PDF or HTML document"},
		"in/header-only.pdf": {"pdf", "pdf: not a readable PDF: file too short"},
		"in/junk.pdf":        {"pdf", "pdf: not a readable PDF: no %PDF header"},
		"in/truncated.pdf":   {"pdf", "pdf: not a readable PDF: not a PDF file: missing %%EOF"},
		"in/loop.pdf":        {KindTimeLimit, "extract: time limit exceeded (2s): the extraction was stopped"},
	}
	for run := 1; run <= 2; run++ {
		if code, _ := runOnce(t, cfg, "in"); code != 1 {
			t.Fatalf("run %d: exit %d, want 1", run, code)
		}
		got := quarantineFacts(t, "out")
		if len(got) != len(want) {
			t.Errorf("run %d: %d quarantined, want %d", run, len(got), len(want))
		}
		for file, w := range want {
			item := got[file]
			switch {
			case item == nil:
				t.Errorf("run %d: %s not quarantined", run, file)
			case item["kind"] != w.kind || !strings.HasPrefix(item["reason"].(string), w.reason):
				t.Errorf("run %d: %s: kind %q, reason %q; want %q, %q", run, file, item["kind"], item["reason"], w.kind, w.reason)
			case item["page"] != nil || item["line"] != nil:
				t.Errorf("run %d: %s: page %v, line %v; want them left out", run, file, item["page"], item["line"])
			case (item["earlier"] == true) != (run == 2 && w.kind != KindTimeLimit): // a time limit is tried again
				t.Errorf("run %d: %s: earlier %v", run, file, item["earlier"])
			}
		}
	}
}

// TestRunRefusesBadIDs checks that a document whose id cannot name its files is quarantined by the
// one id check of load, and writes nothing.
func TestRunRefusesBadIDs(t *testing.T) {
	chdir(t, t.TempDir())
	ids := map[string]string{"dots.txt": "..", "hidden.txt": ".ni-19-1", "slash.txt": "ni/19", "long.txt": strings.Repeat("x", 201)}
	for name := range ids {
		writeFile(t, filepath.Join("in", name), []byte(name))
	}
	cfg := testConfig("out", 1)
	cfg.Extract = func(ctx context.Context, path string, timeout time.Duration) (*drucksache.Document, error) {
		return &drucksache.Document{SchemaVersion: 1, ID: ids[filepath.Base(path)], Source: drucksache.Source{File: path}}, nil
	}
	// The check comes after transform.Apply, which keeps these ids: the documents hold nothing to
	// make another from.
	code, _ := runOnce(t, cfg, "in")
	got := quarantineFacts(t, "out")
	for name, id := range ids {
		item := got["in/"+name]
		if item == nil {
			t.Errorf("%s (id %q): not quarantined", name, id)
			continue
		}
		if item["kind"] != KindID || item["reason"] != fmt.Sprintf("document id %q cannot name an output file", id) {
			t.Errorf("%s: kind %q, reason %q", name, item["kind"], item["reason"])
		}
	}
	if files := outputTree(t, "out"); code != 1 || len(files) != 0 {
		t.Errorf("exit %d, outputs %d; want 1, none", code, len(files))
	}
}

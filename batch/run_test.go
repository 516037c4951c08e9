package batch

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	drucksache "drucksache"
	"drucksache/batch/internal/index"
	"drucksache/load"
)

// hostile misbehaves on documents by name, as hostile files make real extractors misbehave:
// "panic" panics, "hang" never returns in time and ignores its context, "slow" waits for its context.
func hostile(next func(context.Context, string, time.Duration) (*drucksache.Document, error)) func(context.Context, string, time.Duration) (*drucksache.Document, error) {
	return func(ctx context.Context, path string, timeout time.Duration) (*drucksache.Document, error) {
		switch base := filepath.Base(path); {
		case strings.HasPrefix(base, "panic"):
			panic("hostile document")
		case strings.HasPrefix(base, "hang"):
			time.Sleep(5 * time.Second)
		case strings.HasPrefix(base, "slow"):
			<-ctx.Done()
			return nil, ctx.Err()
		}
		return next(ctx, path, timeout)
	}
}

// failingLoader fails on documents whose source file contains marker, after leaving a partial file
// where the JSON loader writes: a loader that cannot encode a document, or a disk that fills up.
type failingLoader struct {
	dir, marker string
	err         error
}

func (f failingLoader) Write(ctx context.Context, doc *drucksache.Document) error {
	if !strings.Contains(doc.Source.File, f.marker) {
		return nil
	}
	os.MkdirAll(filepath.Join(f.dir, "json"), 0o755)
	os.WriteFile(filepath.Join(f.dir, "json", doc.ID+".json"), []byte(`{"partial`), 0o644)
	return f.err
}

func (f failingLoader) Close() error { return nil }

// failingOn adds a failingLoader after the real loaders.
func failingOn(marker string, err error) func(string) []load.Loader {
	return func(dir string) []load.Loader {
		return append(documentLoaders(dir), failingLoader{dir: dir, marker: marker, err: err})
	}
}

// readManifestFile reads out/manifest.json.
func readManifestFile(t *testing.T, out string) *manifestFile {
	t.Helper()
	return readManifestAt(t, filepath.Join(out, "manifest.json"), Shard{1, 1})
}

// checkWhole fails unless every JSON output below out parses: nothing half-written was committed.
func checkWhole(t *testing.T, out string) {
	t.Helper()
	files, _ := filepath.Glob(filepath.Join(out, "json", "*.json"))
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		var doc drucksache.Document
		if err := json.Unmarshal(data, &doc); err != nil {
			t.Errorf("%s: %v", f, err)
		}
	}
}

func TestRunMixedFolder(t *testing.T) {
	chdir(t, t.TempDir())
	goodCorpus(t, "in")
	bad, _ := filepath.Glob(filepath.Join(testdata, "bad", "*"))
	for _, f := range bad {
		copyFile(t, f, filepath.Join("in", "bad", filepath.Base(f)))
	}
	good, _ := os.ReadFile(filepath.Join(fixtures, "ni-19-11185.txt"))
	for _, name := range []string{"panic.txt", "hang.txt", "slow.txt", "unencodable.txt"} {
		writeFile(t, filepath.Join("in", "hostile", name), append([]byte(name+"\n"), good...))
	}
	writeFile(t, "in/.hidden.txt", good)             // hidden: not an input
	writeFile(t, "in/notes.md", []byte("# notes\n")) // no document: ignored
	writeFile(t, "in/no-extension", []byte("<html><body><p>Drucksache</p></body></html>"))

	r := testConfig("out", 2)
	r.Timeout, r.grace = 300*time.Millisecond, 200*time.Millisecond
	r.Extract = hostile(inProcess)
	r.loaders = failingOn("unencodable", errors.New("cannot encode this document"))
	code, rep := runOnce(t, r, "in")

	tests := []struct {
		file   string
		want   index.Status // done or quarantined
		reason string       // in the reason of a quarantined file
		kind   string       // of a quarantined file
	}{
		{"in/nds-19-kleine-anfrage-it-infrastruktur.html", index.StatusDone, "", ""},
		{"in/nds-19-kleine-anfrage-it-infrastruktur.pdf", index.StatusDone, "", ""},
		{"in/nds-19-kleine-anfrage-it-infrastruktur.txt", index.StatusDone, "", ""},
		{"in/ni-19-11185.txt", index.StatusDone, "", ""},
		{"in/ni-19-11277.txt", index.StatusDone, "", ""},
		{"in/ni-19-11279.txt", index.StatusDone, "", ""},
		{"in/no-extension", index.StatusDone, "", ""},
		{"in/bad/blank.txt", index.StatusQuarantined, "", "read"},
		{"in/bad/empty.txt", index.StatusQuarantined, "", "read"},
		{"in/bad/header-only.pdf", index.StatusQuarantined, "", "pdf"},
		{"in/bad/junk.pdf", index.StatusQuarantined, "", "pdf"},
		{"in/bad/junk.txt", index.StatusQuarantined, "", "txt"},
		{"in/bad/truncated.pdf", index.StatusQuarantined, "", "pdf"},
		{"in/hostile/hang.txt", index.StatusQuarantined, "time limit", KindTimeLimit},
		{"in/hostile/panic.txt", index.StatusQuarantined, "internal error: hostile document", KindPanic},
		{"in/hostile/slow.txt", index.StatusQuarantined, "time limit", KindTimeLimit},
		{"in/hostile/unencodable.txt", index.StatusQuarantined, "cannot encode this document", KindWrite},
	}
	if code != 1 {
		t.Errorf("exit status %d, want 1", code)
	}
	quarantined := map[string]quarantineItem{}
	for _, q := range rep.QuarantinedFiles {
		quarantined[q.File] = q
	}
	m := readManifestFile(t, "out")
	wantDone := 0
	for _, tt := range tests {
		q, isQ := quarantined[tt.file]
		e := m.byPath[tt.file]
		switch {
		case e == nil:
			t.Errorf("%s: not in the manifest", tt.file)
		case tt.want == index.StatusDone && (isQ || e.Status == index.StatusQuarantined):
			t.Errorf("%s: quarantined (%s), want done", tt.file, q.Reason)
		case tt.want == index.StatusQuarantined && (!isQ || e.Status != index.StatusQuarantined):
			t.Errorf("%s: status %s, want quarantined", tt.file, e.Status)
		case tt.want == index.StatusQuarantined && (q.Reason == "" || !strings.Contains(q.Reason, tt.reason)):
			t.Errorf("%s: reason\n got %q\nwant it to contain %q", tt.file, q.Reason, tt.reason)
		case tt.want == index.StatusQuarantined && (q.Kind != tt.kind || e.Kind != tt.kind):
			t.Errorf("%s: kind %q in the report, %q in the manifest; want %q", tt.file, q.Kind, e.Kind, tt.kind)
		}
		if tt.want == index.StatusDone {
			wantDone++
		}
	}
	if rep.Inputs != len(tests) || rep.Done != wantDone || rep.Quarantined != len(tests)-wantDone ||
		rep.Inputs != rep.Done+rep.Skipped+rep.Quarantined || rep.Ignored != 1 {
		t.Errorf("counts: %d inputs = %d done + %d skipped + %d quarantined, %d ignored; want %d = %d + 0 + %d, 1 ignored",
			rep.Inputs, rep.Done, rep.Skipped, rep.Quarantined, rep.Ignored, len(tests), wantDone, len(tests)-wantDone)
	}
	// Every document id has its outputs once, from its first input; no failed document left any.
	var want []string
	for id := range m.owners() {
		for _, f := range outputsOf(id) {
			want = append(want, f)
		}
	}
	var got []string
	for name := range outputTree(t, "out") {
		if !strings.HasPrefix(name, "parquet/") {
			got = append(got, name)
		}
	}
	sort.Strings(want)
	sort.Strings(got)
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("outputs\n got %v\nwant %v", got, want)
	}
	checkWhole(t, "out")
}

func TestRunIncremental(t *testing.T) {
	chdir(t, t.TempDir())
	goodCorpus(t, "in")
	var calls atomic.Int64
	r := testConfig("out", 2)
	r.Extract = counted(&calls, inProcess)
	changed := func(name string) func(t *testing.T) {
		return func(t *testing.T) {
			data, _ := os.ReadFile(name)
			writeFile(t, name, append(data, "\nNachtrag.\n"...))
		}
	}
	steps := []struct {
		name                     string
		change                   func(t *testing.T)
		force                    bool
		extracted, done, skipped int
		removed                  int
	}{
		{"first run extracts all", nil, false, 6, 6, 0, 0},
		{"rerun extracts nothing", nil, false, 0, 0, 6, 0},
		{"a changed file is redone", changed("in/ni-19-11277.txt"), false, 1, 1, 5, 0},
		{"a file touched but not changed is not", func(t *testing.T) {
			future := time.Now().Add(time.Hour)
			os.Chtimes("in/ni-19-11185.txt", future, future)
		}, false, 0, 0, 6, 0},
		{"a lost output is made again", func(t *testing.T) {
			m := readManifestFile(t, "out")
			os.Remove(filepath.Join("out", "xlsx", m.byPath["in/ni-19-11279.txt"].ID+".xlsx"))
		}, false, 1, 1, 5, 0},
		{"--force redoes all", nil, true, 6, 6, 0, 0},
		{"a removed input takes its outputs along", func(t *testing.T) { os.Remove("in/ni-19-11185.txt") }, false, 0, 0, 5, 1},
		{"a new input is done", func(t *testing.T) {
			copyFile(t, filepath.Join(fixtures, "ni-19-11185.txt"), "in/sub/ni-19-11185.txt")
		}, false, 1, 1, 5, 0},
	}
	for _, st := range steps {
		t.Run(st.name, func(t *testing.T) {
			if st.change != nil {
				st.change(t)
			}
			calls.Store(0)
			r.Force = st.force
			code, rep := runOnce(t, r, "in")
			if code != 0 || int(calls.Load()) != st.extracted || rep.Done != st.done || rep.Skipped != st.skipped || rep.Removed != st.removed {
				t.Errorf("exit %d, %d extracted, %d done, %d skipped, %d removed; want exit 0, %d, %d, %d, %d",
					code, calls.Load(), rep.Done, rep.Skipped, rep.Removed, st.extracted, st.done, st.skipped, st.removed)
			}
			if st.extracted == 0 && st.removed == 0 && rep.Parquet != "unchanged" {
				t.Errorf("parquet %s, want unchanged when nothing changed", rep.Parquet)
			}
			// Whatever happened before, the outputs are those of a fresh run over the same inputs.
			fresh := testConfig(t.TempDir(), 1)
			runOnce(t, fresh, "in")
			sameTree(t, "incremental vs fresh", outputTree(t, "out"), outputTree(t, fresh.Out))
		})
	}
}

func TestRunDuplicates(t *testing.T) {
	chdir(t, t.TempDir())
	doc := filepath.Join(fixtures, "ni-19-11185.txt")
	r := testConfig("out", 2)
	steps := []struct {
		name   string
		change func(t *testing.T)
		owner  string // the input whose document the outputs hold
		dups   []string
	}{
		{"the first input in path order holds the document", func(t *testing.T) {
			copyFile(t, doc, "in/b.txt")
			copyFile(t, doc, "in/c.txt")
		}, "in/b.txt", []string{"in/c.txt"}},
		{"an earlier input takes it over", func(t *testing.T) { copyFile(t, doc, "in/a.txt") }, "in/a.txt", []string{"in/b.txt", "in/c.txt"}},
		{"when the holder goes, the next one holds it", func(t *testing.T) { os.Remove("in/a.txt") }, "in/b.txt", []string{"in/c.txt"}},
		{"when the holder changes, the next one holds it", func(t *testing.T) {
			writeFile(t, "in/b.txt", []byte("Ein anderes Dokument.\n"))
		}, "in/c.txt", nil},
	}
	for _, st := range steps {
		t.Run(st.name, func(t *testing.T) {
			st.change(t)
			if code, rep := runOnce(t, r, "in"); code != 0 {
				t.Fatalf("exit %d: %+v", code, rep)
			}
			m := readManifestFile(t, "out")
			id := m.byPath[st.owner].ID
			o := m.owners()[id]
			if o.Path != st.owner || o.Status != index.StatusDone {
				t.Errorf("id %s held by %s (%s), want %s", id, o.Path, o.Status, st.owner)
			}
			held, err := readDocument(filepath.Join("out", "json", id+".json"))
			if err != nil || held.Source.File != st.owner {
				t.Errorf("json/%s.json is the document of %v (%v), want %s", id, held, err, st.owner)
			}
			for _, d := range st.dups {
				if e := m.byPath[d]; e.Status != index.StatusDuplicate || e.Duplicate != st.owner {
					t.Errorf("%s: %s of %q, want duplicate of %s", d, e.Status, e.Duplicate, st.owner)
				}
			}
			fresh := testConfig(t.TempDir(), 1)
			runOnce(t, fresh, "in")
			sameTree(t, "incremental vs fresh", outputTree(t, "out"), outputTree(t, fresh.Out))
		})
	}
}

func TestRunWorkersByteIdentical(t *testing.T) {
	chdir(t, t.TempDir())
	goodCorpus(t, "in")
	for i := range 3 {
		dst := filepath.Join("in", "copies", fmt.Sprintf("%d-ni-19-11277.txt", i))
		copyFile(t, filepath.Join(fixtures, "ni-19-11277.txt"), dst)
	}
	var want map[string][]byte
	for _, workers := range []int{1, 4, 1} {
		r := testConfig(t.TempDir(), workers)
		if code, _ := runOnce(t, r, "in"); code != 0 {
			t.Fatalf("workers %d: exit %d", workers, code)
		}
		got := outputTree(t, r.Out)
		if want == nil {
			want = got
			continue
		}
		sameTree(t, fmt.Sprintf("workers %d vs 1", workers), got, want)
	}
}

func TestRunShards(t *testing.T) {
	chdir(t, t.TempDir())
	goodCorpus(t, "in")
	for _, name := range goodFixtures {
		copyFile(t, filepath.Join(fixtures, name), filepath.Join("in", "again", name))
	}
	whole := testConfig("whole", 2)
	runOnce(t, whole, "in")
	seen := map[string]int{}
	for k := 1; k <= 3; k++ {
		r := testConfig("sharded", 1)
		r.Shard = Shard{k, 3}
		code, rep := runOnce(t, r, "in")
		if code != 0 {
			t.Fatalf("shard %d/3: exit %d", k, code)
		}
		m := readManifestAt(t, filepath.Join("sharded", r.Shard.fileName("manifest")), r.Shard)
		for p := range m.byPath {
			seen[p]++
		}
		if rep.Inputs != len(m.byPath) {
			t.Errorf("shard %d/3: report counts %d inputs, manifest %d", k, rep.Inputs, len(m.byPath))
		}
		for _, f := range m.Parquet.Files {
			if !strings.HasSuffix(f, fmt.Sprintf("part-shard-%d-of-3.parquet", k)) {
				t.Errorf("shard %d/3 wrote %s", k, f)
			}
		}
	}
	mw := readManifestFile(t, "whole")
	if len(seen) != len(mw.byPath) {
		t.Errorf("the shards saw %d inputs, the whole run %d", len(seen), len(mw.byPath))
	}
	for p, n := range seen {
		if n != 1 {
			t.Errorf("%s is in %d shards", p, n)
		}
	}
	// Different numbers of shards in one folder would hold documents twice: refused.
	r := testConfig("sharded", 1)
	r.Shard = Shard{1, 2}
	if code, _ := runOnce(t, r, "in"); code != 2 {
		t.Errorf("shard 1/2 into a folder of 3 shards: exit %d, want 2", code)
	}
}

func TestRunStopsOnEnvironmentErrors(t *testing.T) {
	chdir(t, t.TempDir())
	goodCorpus(t, "in")
	reference := testConfig("reference", 1)
	runOnce(t, reference, "in")
	diskFull := &fs.PathError{Op: "write", Path: "json/x.json", Err: syscall.ENOSPC}
	tests := []struct {
		name          string
		prepare       func(t *testing.T, r *Config)
		stopped, kind string
	}{
		{"disk full", func(t *testing.T, r *Config) {
			r.Workers = 1
			r.loaders = failingOn("ni-19-11185", diskFull)
		}, "no space left on device", StopDiskFull},
		{"output folder not writable", func(t *testing.T, r *Config) {
			writeFile(t, filepath.Join(r.Out, "json"), []byte("a file where the json folder goes"))
		}, "not a directory", StopNotWritable},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := testConfig(t.TempDir(), 2)
			tt.prepare(t, &r)
			code, rep := runOnce(t, r, "in")
			// Exit 3, not 1: no document failed, the run could not complete (issue 14, finding 7).
			if code != 3 || !strings.Contains(rep.Stopped, tt.stopped) || rep.StoppedKind != tt.kind || rep.Quarantined != 0 {
				t.Fatalf("exit %d, stopped %q (%s), %d quarantined; want 3, %q (%s), none", code, rep.Stopped, rep.StoppedKind,
					rep.Quarantined, tt.stopped, tt.kind)
			}
			checkWhole(t, r.Out)
			m := readManifestFile(t, r.Out)
			for p, e := range m.byPath {
				for _, f := range e.OutputFiles() {
					if _, err := os.Stat(filepath.Join(r.Out, f)); err != nil {
						t.Errorf("%s: the manifest lists %s, which is not there", p, f)
					}
				}
			}
			// Once the machine is fixed, the next run completes the work.
			os.Remove(filepath.Join(r.Out, "json"))
			r.loaders = documentLoaders
			if code, _ := runOnce(t, r, "in"); code != 0 {
				t.Fatalf("next run: exit %d", code)
			}
			sameTree(t, "after the failure", outputTree(t, r.Out), outputTree(t, reference.Out))
		})
	}
}

func TestRunInterrupted(t *testing.T) {
	chdir(t, t.TempDir())
	goodCorpus(t, "in")
	reference := testConfig("reference", 1)
	runOnce(t, reference, "in")

	r := testConfig("out", 1)
	ctx, cancel := context.WithCancel(context.Background())
	var calls atomic.Int64
	r.Extract = func(ctx context.Context, path string, timeout time.Duration) (*drucksache.Document, error) {
		if calls.Add(1) == 3 {
			cancel() // Ctrl-C while the third document is being read
		}
		return inProcess(ctx, path, timeout)
	}
	err := Run(ctx, r, []string{"in"}, strings.NewReader(""), io.Discard)
	if err == nil || !strings.Contains(err.Error(), "interrupted") || exitStatus(err) != 3 {
		t.Fatalf("run: %v (exit %d), want interrupted (exit 3)", err, exitStatus(err))
	}
	checkWhole(t, "out")
	data, _ := os.ReadFile(filepath.Join("out", "report.json"))
	var rep report
	json.Unmarshal(data, &rep)
	if rep.StoppedKind != StopInterrupted {
		t.Errorf("report: stopped %q (%s), want kind %s", rep.Stopped, rep.StoppedKind, StopInterrupted)
	}
	if rep.Pending == 0 || rep.Inputs != rep.Done+rep.Skipped+rep.Quarantined+rep.Pending {
		t.Errorf("report after interruption: %+v", rep)
	}
	r.Extract = inProcess
	code, rep2 := runOnce(t, r, "in")
	if code != 0 || rep2.Skipped != rep.Done {
		t.Errorf("next run: exit %d, %d skipped, want 0 and the %d done before", code, rep2.Skipped, rep.Done)
	}
	sameTree(t, "after the interruption", outputTree(t, "out"), outputTree(t, reference.Out))
}

// firstParquet is the first Parquet file the manifest of out lists.
func firstParquet(t *testing.T, out string) string {
	t.Helper()
	m := readManifestFile(t, out)
	if len(m.Parquet.Files) == 0 {
		t.Fatal("no parquet files")
	}
	return m.Parquet.Files[0]
}

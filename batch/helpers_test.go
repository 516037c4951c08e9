package batch

import (
	"archive/zip"
	"bytes"
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
	"testing"
	"time"

	drucksache "drucksache"
	"drucksache/batch/internal/index"
	"drucksache/extract"
	"drucksache/transform"
)

// fixtures and testdata are the shared corpus and this package's bad inputs, made absolute before any
// test changes its working folder.
var (
	fixtures = mustAbs("../fixtures")
	testdata = mustAbs("testdata")
)

func mustAbs(p string) string {
	abs, err := filepath.Abs(p)
	if err != nil {
		panic(err)
	}
	return abs
}

// goodFixtures are the corpus documents every test batch starts from.
var goodFixtures = []string{
	"nds-19-kleine-anfrage-it-infrastruktur.html",
	"nds-19-kleine-anfrage-it-infrastruktur.pdf",
	"nds-19-kleine-anfrage-it-infrastruktur.txt",
	"ni-19-11185.txt",
	"ni-19-11277.txt",
	"ni-19-11279.txt",
}

// inProcess extracts in the test process: most of the runner's tests need no child processes.
func inProcess(ctx context.Context, path string, timeout time.Duration) (*drucksache.Document, error) {
	return extract.File(ctx, path, extract.Options{Sums: transform.Sums{}})
}

// counted wraps an extractor, counting its calls: a run that extracts nothing counts none.
func counted(n *atomic.Int64, f func(context.Context, string, time.Duration) (*drucksache.Document, error)) func(context.Context, string, time.Duration) (*drucksache.Document, error) {
	return func(ctx context.Context, path string, timeout time.Duration) (*drucksache.Document, error) {
		n.Add(1)
		return f(ctx, path, timeout)
	}
}

// testConfig is a run into out with the in-process extractor and the real loaders.
func testConfig(out string, workers int) Config {
	return Config{Out: out, Workers: workers, Timeout: time.Minute, Shard: Shard{1, 1}, Extract: inProcess,
		loaders: documentLoaders, grace: time.Second, saveGap: 50 * time.Millisecond}
}

// exitStatus is the exit status the command gives for the error a run returned.
func exitStatus(err error) int {
	var ue UsageError
	var se *StoppedError
	switch {
	case err == nil:
		return 0
	case errors.As(err, &ue):
		return 2
	case errors.As(err, &se):
		return 3
	default:
		return 1
	}
}

// runOnce runs cfg over args and returns the exit status and the report written.
func runOnce(t *testing.T, cfg Config, args ...string) (int, *report) {
	t.Helper()
	var stderr bytes.Buffer
	err := Run(context.Background(), cfg, args, strings.NewReader(""), &stderr)
	code := exitStatus(err)
	rep := &report{}
	data, rerr := os.ReadFile(filepath.Join(cfg.Out, cfg.Shard.fileName("report")))
	if rerr == nil {
		if err := json.Unmarshal(data, rep); err != nil {
			t.Fatalf("report.json: %v", err)
		}
	}
	if testing.Verbose() {
		t.Logf("run %v: exit %d (%v)\n%s", args, code, err, stderr.String())
	}
	return code, rep
}

// copyFile copies src to dst, making dst's folder.
func copyFile(t testing.TB, src, dst string) {
	t.Helper()
	data, err := os.ReadFile(src)
	if err != nil {
		t.Fatal(err)
	}
	writeFile(t, dst, data)
}

// writeFile writes data to path, making its folder.
func writeFile(t testing.TB, path string, data []byte) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
}

// goodCorpus copies the good fixtures into dir.
func goodCorpus(t testing.TB, dir string) {
	t.Helper()
	for _, name := range goodFixtures {
		copyFile(t, filepath.Join(fixtures, name), filepath.Join(dir, name))
	}
}

// outputTree reads every output file below out (json, xlsx, parquet) by its relative path:
// what two runs are compared by. The manifest and the report, which carry times, are left out.
func outputTree(t testing.TB, out string) map[string][]byte {
	t.Helper()
	tree := map[string][]byte{}
	for _, kind := range []string{"json", "xlsx", "parquet"} {
		root := filepath.Join(out, kind)
		err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				if os.IsNotExist(err) && p == root {
					return nil
				}
				return err
			}
			if d.IsDir() {
				return nil
			}
			data, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			rel, _ := filepath.Rel(out, p)
			if kind == "xlsx" {
				data = zipContent(t, p, data)
			}
			tree[filepath.ToSlash(rel)] = data
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	return tree
}

// zipContent is the entries of a zip file (a workbook) by name, in name order, so that two workbooks
// compare by what they hold whatever the order of their entries.
func zipContent(t testing.TB, name string, data []byte) []byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Errorf("%s: %v", name, err)
		return data
	}
	files := append([]*zip.File(nil), zr.File...)
	sort.Slice(files, func(i, j int) bool { return files[i].Name < files[j].Name })
	var buf bytes.Buffer
	for _, f := range files {
		rc, err := f.Open()
		if err != nil {
			t.Errorf("%s: %s: %v", name, f.Name, err)
			continue
		}
		content, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Errorf("%s: %s: %v", name, f.Name, err)
		}
		fmt.Fprintf(&buf, "%s %d\n", f.Name, len(content))
		buf.Write(content)
	}
	return buf.Bytes()
}

// sameTree fails the test unless two output trees hold the same files with the same bytes.
func sameTree(t testing.TB, what string, got, want map[string][]byte) {
	t.Helper()
	for name, w := range want {
		g, ok := got[name]
		switch {
		case !ok:
			t.Errorf("%s: %s missing", what, name)
		case !bytes.Equal(g, w):
			t.Errorf("%s: %s differs (%d bytes, want %d)", what, name, len(g), len(w))
		}
	}
	for name := range got {
		if _, ok := want[name]; !ok {
			t.Errorf("%s: %s should not be there", what, name)
		}
	}
}

// chdir runs the test in dir, so that inputs are named by the same relative paths (and the outputs'
// source.file is the same) whatever temporary folder a test uses.
func chdir(t *testing.T, dir string) {
	t.Helper()
	t.Chdir(dir)
}

// testStore is an empty index in a temporary folder of tb, closed when the test ends.
func testStore(tb testing.TB) *index.Store {
	tb.Helper()
	st, err := index.Open(filepath.Join(tb.TempDir(), "index.db"))
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { st.Close() })
	return st
}

// manifestFile is a manifest read whole, with its entries by path: for tests, which look at single
// entries.
type manifestFile struct {
	*manifest
	byPath map[string]*index.Entry
}

// readManifestAt reads the manifest at path, failing the test when it cannot.
func readManifestAt(tb testing.TB, path string, s Shard) *manifestFile {
	tb.Helper()
	m, err := readManifest(path, s, testStore(tb))
	if err != nil {
		tb.Fatal(err)
	}
	byPath, err := storedEntries(m.st)
	if err != nil {
		tb.Fatal(err)
	}
	return &manifestFile{m, byPath}
}

// storedEntries are the entries of an index by path.
func storedEntries(st *index.Store) (map[string]*index.Entry, error) {
	byPath := map[string]*index.Entry{}
	err := st.EachEntry(func(e *index.Entry) error {
		byPath[e.Path] = e
		return nil
	})
	return byPath, err
}

// owners maps each document id to the entry whose outputs hold it: the first done or duplicate entry
// in path order.
func (m *manifestFile) owners() map[string]*index.Entry {
	own := map[string]*index.Entry{}
	for _, e := range m.byPath {
		if e.Status != index.StatusDone && e.Status != index.StatusDuplicate {
			continue
		}
		if o, ok := own[e.ID]; !ok || e.Path < o.Path {
			own[e.ID] = e
		}
	}
	return own
}

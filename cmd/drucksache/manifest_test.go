package main

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"strings"
	"testing"
	"time"
)

func TestTrustedUnchanged(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "a.txt")
	writeFile(t, path, []byte("Drucksache"))
	old := time.Date(2026, 1, 2, 3, 4, 5, 6, time.UTC)
	os.Chtimes(path, old, old)
	fi, _ := os.Stat(path)
	tests := []struct {
		name string
		e    entry
		want bool
	}{
		{"same size and time, looked at later", entry{Size: 10, ModTime: old.UnixNano(), CheckedAt: old.Add(time.Hour).UnixNano()}, true},
		{"another size", entry{Size: 11, ModTime: old.UnixNano(), CheckedAt: old.Add(time.Hour).UnixNano()}, false},
		{"another time", entry{Size: 10, ModTime: old.UnixNano() + 1, CheckedAt: old.Add(time.Hour).UnixNano()}, false},
		{"looked at within the clock step: hash again", entry{Size: 10, ModTime: old.UnixNano(), CheckedAt: old.Add(time.Second).UnixNano()}, false},
	}
	for _, tt := range tests {
		if got := tt.e.trustedUnchanged(fi); got != tt.want {
			t.Errorf("%s: %v, want %v", tt.name, got, tt.want)
		}
	}
}

// FuzzReadManifest checks that any bytes in place of the manifest give a manifest or an error, never a
// panic, and that a manifest read, saved and read again is the same.
func FuzzReadManifest(f *testing.F) {
	f.Add([]byte(`{"version":1,"document_schema":1,"shard":"1/1","outputs":["json","xlsx"],"parquet":{},` +
		`"inputs":[{"path":"in/a.txt","sha256":"` + strings.Repeat("ab", 32) + `","size":3,"mtime_ns":1,"checked_ns":2,"id":"ni-19-1","status":"done","outputs":["json/ni-19-1.json"]},` +
		`{"path":"in/b.txt","sha256":"` + strings.Repeat("0f", 32) + `","size":3,"mtime_ns":1,"checked_ns":2,"id":"ni-19-2","status":"done","outputs":["json/ni-19-2.json","xlsx/ni-19-2.xlsx"]},` +
		`{"path":"in/c.txt","sha256":"","size":0,"mtime_ns":1,"checked_ns":2,"status":"quarantined","reason":"empty file"}]}`))
	f.Add([]byte(`{"version":1,"shard":"1/1","inputs":[{"path":"in/a.txt","sha256":"ab","status":"done"}]}`))
	f.Add([]byte(`{"version":1,"shard":"1/1","inputs":[{"path":"in/a.txt","status":"skipped"}]}`))
	f.Add([]byte(`{"version":1,"shard":"1/1","inputs":[{"path":"in/a.txt"}]}`))
	f.Add([]byte(`{"version":1,"shard":"1/1","inputs":[null]}`))
	f.Add([]byte(`{"version":2}`))
	f.Add([]byte(`not json`))
	f.Fuzz(func(t *testing.T, data []byte) {
		dir := t.TempDir()
		path := filepath.Join(dir, "manifest.json")
		os.WriteFile(path, data, 0o644)
		m, err := readManifest(path, shard{1, 1})
		if err != nil {
			return
		}
		if err := m.save(path); err != nil {
			t.Fatal(err)
		}
		again, err := readManifest(path, shard{1, 1})
		if err != nil {
			t.Fatalf("a saved manifest does not read: %v", err)
		}
		if !reflect.DeepEqual(again.byPath, m.byPath) {
			t.Fatalf("read, saved and read again:\n got %v\nwant %v", again.byPath, m.byPath)
		}
	})
}

// TestManifestBytesPerInput measures what the run keeps in memory for each input besides its path:
// its manifest entry and the slot that finds it. It is the only part of a run's memory that grows
// with the number of inputs (the documents themselves are written and let go one by one), so it is
// kept small: the hash as bytes, the usual output names not stored, the status in one byte.
func TestManifestBytesPerInput(t *testing.T) {
	const n = 20000
	paths := make([]string, n)
	for i := range paths {
		paths[i] = fmt.Sprintf("/data/drucksachen/wp19/%03d/%05d-kleine-anfrage.pdf", i/1000, i)
	}
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	m := newManifest(shard{1, 1})
	for i, p := range paths {
		e := &entry{Path: p, Size: 123456, ModTime: 1, CheckedAt: 2, ID: fmt.Sprintf("ni-19-%d", 10000+i),
			Status: statusDone, Schema: 1}
		e.SHA256[0] = byte(i)
		e.setOutputs(outputsOf(e.ID))
		m.put(e)
	}
	runtime.GC()
	runtime.ReadMemStats(&after)
	per := float64(after.HeapAlloc-min(after.HeapAlloc, before.HeapAlloc)) / n
	t.Logf("%.0f bytes per input besides its path (%d inputs: %.1f MB)", per, n, per*n/1e6)
	if per > 320 {
		t.Errorf("%.0f bytes kept per input, want at most 320", per)
	}
	runtime.KeepAlive(m)
}

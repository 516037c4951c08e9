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

	bolt "go.etcd.io/bbolt"
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
		m, err := readManifest(path, shard{1, 1}, testStore(t))
		if err != nil {
			return
		}
		if err := m.save(path); err != nil {
			t.Fatal(err)
		}
		again, err := readManifest(path, shard{1, 1}, testStore(t))
		if err != nil {
			t.Fatalf("a saved manifest does not read: %v", err)
		}
		want, err1 := storedEntries(m.st)
		got, err2 := storedEntries(again.st)
		if err1 != nil || err2 != nil {
			t.Fatal(err1, err2)
		}
		if !reflect.DeepEqual(got, want) || !reflect.DeepEqual(again.Parquet, m.Parquet) {
			t.Fatalf("read, saved and read again:\n got %v\nwant %v", got, want)
		}
	})
}

// TestStoreHeapFlat checks that the entries of a run live in its store, not in the Go heap: the live
// heap with 20 000 entries in the store is about what it is with 2 000. (Kept in a map they took
// about 300 bytes an entry besides the path: 6 MB here.)
func TestStoreHeapFlat(t *testing.T) {
	live := func(n int) uint64 {
		st := testStore(t)
		w := st.writer()
		for i := range n {
			e := &entry{Path: fmt.Sprintf("/data/drucksachen/wp19/%03d/%05d-kleine-anfrage.pdf", i/1000, i),
				Size: 123456, ModTime: 1, CheckedAt: 2, ID: fmt.Sprintf("ni-19-%d", 10000+i), Status: statusDone, Schema: 1}
			e.SHA256[0] = byte(i)
			if err := w.update(func(tx *bolt.Tx) error { return putEntry(tx, e) }); err != nil {
				t.Fatal(err)
			}
		}
		if err := w.commit(); err != nil {
			t.Fatal(err)
		}
		var ms runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&ms)
		runtime.KeepAlive(st)
		return ms.HeapAlloc
	}
	small, large := live(2000), live(20000)
	grew := float64(large) - float64(small)
	t.Logf("live heap: %.1f MB with 2 000 entries, %.1f MB with 20 000", float64(small)/1e6, float64(large)/1e6)
	if grew > 1e6 {
		t.Errorf("the live heap grew by %.1f MB from 2 000 to 20 000 entries, want under 1 MB", grew/1e6)
	}
}

package main

import (
	"os"
	"path/filepath"
	"reflect"
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
		`"inputs":[{"path":"in/a.txt","sha256":"ab","size":3,"mtime_ns":1,"checked_ns":2,"id":"ni-19-1","status":"done","outputs":["json/ni-19-1.json"]}]}`))
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

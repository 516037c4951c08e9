package batch

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"drucksache/batch/internal/index"
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
		e    index.Entry
		want bool
	}{
		{"same size and time, looked at later", index.Entry{Size: 10, ModTime: old.UnixNano(), CheckedAt: old.Add(time.Hour).UnixNano()}, true},
		{"another size", index.Entry{Size: 11, ModTime: old.UnixNano(), CheckedAt: old.Add(time.Hour).UnixNano()}, false},
		{"another time", index.Entry{Size: 10, ModTime: old.UnixNano() + 1, CheckedAt: old.Add(time.Hour).UnixNano()}, false},
		{"looked at within the clock step: hash again", index.Entry{Size: 10, ModTime: old.UnixNano(), CheckedAt: old.Add(time.Second).UnixNano()}, false},
	}
	for _, tt := range tests {
		if got := trustedUnchanged(&tt.e, fi); got != tt.want {
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
	f.Add([]byte(`{"version":2,"shard":"1/1","parquet":{"digest":"d","files":["parquet/documents/p=1/part-shard-1-of-1.parquet"],` +
		`"sha256":["` + strings.Repeat("cd", 32) + `"]},"garbage":[{"file":"json/x.json","sha256":"` + strings.Repeat("01", 32) + `"},"xlsx/y.xlsx","../v.txt"],` +
		`"inputs":[{"path":"in/a.txt","sha256":"` + strings.Repeat("ab", 32) + `","size":3,"mtime_ns":1,"checked_ns":2,"id":"ni-19-1","status":"done",` +
		`"output_sha256":["` + strings.Repeat("02", 32) + `","` + strings.Repeat("03", 32) + `"]},` +
		`{"path":"in/b.txt","sha256":"","status":"done","id":"ni-19-2","outputs":["json/../../v.txt","xlsx/ni-19-2.xlsx"]}]}`))
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
		m, err := readManifest(path, Shard{1, 1}, testStore(t))
		if err != nil {
			return
		}
		if err := m.save(path); err != nil {
			t.Fatal(err)
		}
		again, err := readManifest(path, Shard{1, 1}, testStore(t))
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

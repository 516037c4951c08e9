package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	bolt "go.etcd.io/bbolt"
)

// TestStoreEachChunks checks the chunked walk over a bucket: every key with the prefix once, in order,
// across chunk boundaries, while the callback deletes what it visits and writes elsewhere (as the
// garbage sweep and the duplicate marking do).
func TestStoreEachChunks(t *testing.T) {
	for _, n := range []int{0, 1, chunkSize - 1, chunkSize, chunkSize + 1, 3*chunkSize + 7} {
		t.Run(fmt.Sprint(n), func(t *testing.T) {
			st := testStore(t)
			w := st.writer()
			put := func(k string) {
				if err := w.update(func(tx *bolt.Tx) error { return tx.Bucket(bucketGarbage).Put([]byte(k), []byte("v"+k)) }); err != nil {
					t.Fatal(err)
				}
			}
			put("a") // before the prefix
			for i := range n {
				put(fmt.Sprintf("p/%05d", i))
			}
			put("q") // after it
			if err := w.commit(); err != nil {
				t.Fatal(err)
			}
			var got []string
			err := st.each(bucketGarbage, []byte("p/"), func(k, v []byte) error {
				if !bytes.Equal(v, append([]byte("v"), k...)) {
					t.Errorf("%s: value %q", k, v)
				}
				got = append(got, string(k))
				return w.update(func(tx *bolt.Tx) error {
					if err := tx.Bucket(bucketGarbage).Delete(k); err != nil {
						return err
					}
					return tx.Bucket(bucketTasks).Put(k, nil)
				})
			})
			if err == nil {
				err = w.commit()
			}
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != n {
				t.Fatalf("visited %d keys, want %d", len(got), n)
			}
			for i, k := range got {
				if want := fmt.Sprintf("p/%05d", i); k != want {
					t.Fatalf("key %d is %s, want %s", i, k, want)
				}
			}
			var left []string
			st.each(bucketGarbage, nil, func(k, _ []byte) error { left = append(left, string(k)); return nil })
			if strings.Join(left, " ") != "a q" {
				t.Errorf("left %v, want [a q]", left)
			}
		})
	}
}

// TestRunManyInputs runs a folder of more inputs than the store reads in one chunk and a folder lists
// in one piece: 600 documents, 60 duplicates of them, 5 that fail. Counts add up on the first run,
// the second run skips all, and after 250 inputs go the duplicates of the gone ones hold their ids.
func TestRunManyInputs(t *testing.T) {
	if testing.Short() {
		t.Skip("writes 660 documents")
	}
	chdir(t, t.TempDir())
	const n, dups, bad = 600, 60, 5
	for i := range n {
		writeFile(t, fmt.Sprintf("in/%04d.txt", i), []byte(fmt.Sprint("a", i)))
	}
	for i := range dups {
		writeFile(t, fmt.Sprintf("in/z/again-%04d.txt", i), []byte(fmt.Sprint("b", i)))
	}
	for i := range bad {
		writeFile(t, fmt.Sprintf("in/bad-%d.txt", i), []byte("c"))
	}
	r := testRunner("out", 2)
	r.extract = fake
	jsonFiles := func() int {
		files, _ := filepath.Glob("out/json/*.json")
		return len(files)
	}
	code, rep := runOnce(t, r, "in")
	if code != 1 || rep.Inputs != n+dups+bad || rep.Done != n+dups || rep.Quarantined != bad ||
		len(rep.Duplicates) != dups || len(rep.QuarantinedFiles) != bad || jsonFiles() != n {
		t.Fatalf("first run: exit %d, %d inputs, %d done, %d quarantined, %d duplicates, %d JSON files",
			code, rep.Inputs, rep.Done, rep.Quarantined, len(rep.Duplicates), jsonFiles())
	}
	if m := readManifestFile(t, "out"); len(m.byPath) != n+dups+bad {
		t.Fatalf("manifest: %d entries, want %d", len(m.byPath), n+dups+bad)
	}
	code, rep = runOnce(t, r, "in")
	if code != 1 || rep.Skipped != n+dups || rep.Done != 0 || rep.Quarantined != bad || rep.Parquet != "unchanged" {
		t.Fatalf("second run: exit %d, %d skipped, %d done, %d quarantined, parquet %s", code, rep.Skipped, rep.Done, rep.Quarantined, rep.Parquet)
	}
	const gone = 250
	for i := range gone {
		os.Remove(fmt.Sprintf("in/%04d.txt", i))
	}
	code, rep = runOnce(t, r, "in")
	if code != 1 || rep.Removed != gone || rep.Done != dups || len(rep.Duplicates) != 0 || jsonFiles() != n-gone+dups {
		t.Fatalf("after %d went: exit %d, %d removed, %d done, %d duplicates, %d JSON files; want %d removed, %d done, none, %d files",
			gone, code, rep.Removed, rep.Done, len(rep.Duplicates), jsonFiles(), gone, dups, n-gone+dups)
	}
	m := readManifestFile(t, "out")
	for i := range dups {
		p := filepath.Join("in", "z", fmt.Sprintf("again-%04d.txt", i))
		if e := m.byPath[p]; e == nil || e.Status != statusDone {
			t.Fatalf("%s: %+v, want done", p, e)
		}
	}
}

// FuzzDecodeEntry checks the store's encoding of entries: any bytes give an entry or an error, never
// a panic, and an entry decoded, encoded and decoded again is the same.
func FuzzDecodeEntry(f *testing.F) {
	full := &entry{Path: "in/a.txt", Size: 9325, ModTime: -1, CheckedAt: 1 << 62, ID: "ni-19-11185", Status: statusDone,
		Schema: 1, Reason: "txt: line 3: kein Drucksache", Duplicate: "in/ä.pdf", Outputs: []string{"json/x.json", ""},
		seen: statusSkipped, earlier: true}
	full.SHA256[0], full.SHA256[31] = 0xab, 0xcd
	for _, e := range []*entry{full, {Path: "p", Status: statusQuarantined}, {Path: "p", Outputs: []string{}}} {
		v, err := encodeEntry(e)
		if err != nil {
			f.Fatal(err)
		}
		got, err := decodeEntry([]byte(e.Path), v)
		if err != nil || !reflect.DeepEqual(got, e) {
			f.Fatalf("%+v encoded and decoded: %+v, %v", e, got, err)
		}
		f.Add(v)
	}
	f.Add([]byte{})
	f.Fuzz(func(t *testing.T, v []byte) {
		e, err := decodeEntry([]byte("p"), v)
		if err != nil {
			return
		}
		again, err := encodeEntry(e)
		if err != nil {
			t.Fatal(err)
		}
		e2, err := decodeEntry([]byte("p"), again)
		if err != nil || !reflect.DeepEqual(e2, e) {
			t.Fatalf("decoded %+v, encoded and decoded again %+v, %v", e, e2, err)
		}
	})
}

package index

import (
	"bytes"
	"fmt"
	"path/filepath"
	"reflect"
	"runtime"
	"strings"
	"testing"
)

// testStore is an empty store in a temporary folder of tb, closed when the test ends.
func testStore(tb testing.TB) *Store {
	tb.Helper()
	st, err := Open(filepath.Join(tb.TempDir(), "index.db"))
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { st.Close() })
	return st
}

// TestStoreEachChunks checks the chunked walk over a bucket: every key with the prefix once, in order,
// across chunk boundaries, while the callback deletes what it visits and writes elsewhere (as the
// garbage sweep and the duplicate marking do).
func TestStoreEachChunks(t *testing.T) {
	for _, n := range []int{0, 1, chunkSize - 1, chunkSize, chunkSize + 1, 3*chunkSize + 7} {
		t.Run(fmt.Sprint(n), func(t *testing.T) {
			st := testStore(t)
			w := st.Writer()
			put := func(k string) {
				if err := w.Update(func(tx *Tx) error { return tx.tx.Bucket(bucketGarbage).Put([]byte(k), []byte("v"+k)) }); err != nil {
					t.Fatal(err)
				}
			}
			put("a") // before the prefix
			for i := range n {
				put(fmt.Sprintf("p/%05d", i))
			}
			put("q") // after it
			if err := w.Commit(); err != nil {
				t.Fatal(err)
			}
			var got []string
			err := st.each(bucketGarbage, []byte("p/"), func(k, v []byte) error {
				if !bytes.Equal(v, append([]byte("v"), k...)) {
					t.Errorf("%s: value %q", k, v)
				}
				got = append(got, string(k))
				return w.Update(func(tx *Tx) error {
					if _, _, err := tx.TakeGarbage(string(k)); err != nil {
						return err
					}
					return tx.PutTask(Task{Path: string(k)})
				})
			})
			if err == nil {
				err = w.Commit()
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
			st.EachGarbage(func(f string, _ Digest) error { left = append(left, f); return nil })
			if strings.Join(left, " ") != "a q" {
				t.Errorf("left %v, want [a q]", left)
			}
			tasks := 0
			st.EachTask(func(Task) error { tasks++; return nil })
			if tasks != n {
				t.Errorf("%d tasks, want %d", tasks, n)
			}
		})
	}
}

// TestStoreIndexesEntries checks that the ids and held buckets follow the entries put and dropped:
// the holder of an id is its first done or duplicate entry, an output is held while a done entry
// makes it, and a dropped entry's outputs become garbage.
func TestStoreIndexesEntries(t *testing.T) {
	st := testStore(t)
	done := func(path, id string) *Entry { return &Entry{Path: path, ID: id, Status: StatusDone} }
	err := st.Update(func(tx *Tx) error {
		for _, e := range []*Entry{done("in/b.txt", "ni-19-1"), done("in/c.txt", "ni-19-1"),
			{Path: "in/a.txt", Status: StatusQuarantined, Reason: "read: empty input", Kind: "read"}} {
			if err := tx.PutEntry(e); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	json := UsualOutputs("ni-19-1")[0]
	var holder string
	var held bool
	st.View(func(tx *Tx) error { holder, held = tx.Holder("ni-19-1"), tx.Held(json); return nil })
	if holder != "in/b.txt" || !held {
		t.Fatalf("holder %q, held %v; want in/b.txt, true", holder, held)
	}
	var ids []string
	st.EachIDHolder(func(id, path string) error { ids = append(ids, id+"="+path); return nil })
	if strings.Join(ids, " ") != "ni-19-1=in/b.txt" {
		t.Errorf("id holders %v", ids)
	}
	err = st.Update(func(tx *Tx) error {
		if err := tx.DropEntry("in/b.txt"); err != nil {
			return err
		}
		return tx.DropEntry("in/c.txt")
	})
	if err != nil {
		t.Fatal(err)
	}
	st.View(func(tx *Tx) error { holder, held = tx.Holder("ni-19-1"), tx.Held(json); return nil })
	if holder != "" || held || !st.HasGarbage() {
		t.Errorf("after dropping: holder %q, held %v, garbage %v; want none, false, true", holder, held, st.HasGarbage())
	}
	if n, err := st.EntryCount(); n != 1 || err != nil {
		t.Errorf("%d entries (%v), want 1", n, err)
	}
}

// FuzzDecodeEntry checks the store's encoding of entries: any bytes give an entry or an error, never
// a panic, and an entry decoded, encoded and decoded again is the same.
func FuzzDecodeEntry(f *testing.F) {
	full := &Entry{Path: "in/a.txt", Size: 9325, ModTime: -1, CheckedAt: 1 << 62, ID: "ni-19-11185", Status: StatusDone,
		Schema: 1, Reason: "txt: line 3: kein Drucksache", Page: 2, Line: 3, Kind: "txt", Duplicate: "in/ä.pdf",
		Outputs: []string{"json/x.json", ""}, Sums: []Digest{{1, 2}, {}}, Seen: StatusSkipped, Earlier: true}
	full.SHA256[0], full.SHA256[31] = 0xab, 0xcd
	for _, e := range []*Entry{full, {Path: "p", Status: StatusQuarantined}, {Path: "p", Outputs: []string{}}} {
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

// TestStoreHeapFlat checks that the entries of a run live in its store, not in the Go heap: the live
// heap with 20 000 entries in the store is about what it is with 2 000. (Kept in a map they took
// about 300 bytes an entry besides the path: 6 MB here.)
func TestStoreHeapFlat(t *testing.T) {
	live := func(n int) uint64 {
		st := testStore(t)
		w := st.Writer()
		for i := range n {
			e := &Entry{Path: fmt.Sprintf("/data/drucksachen/wp19/%03d/%05d-kleine-anfrage.pdf", i/1000, i),
				Size: 123456, ModTime: 1, CheckedAt: 2, ID: fmt.Sprintf("ni-19-%d", 10000+i), Status: StatusDone, Schema: 1}
			e.SHA256[0] = byte(i)
			if err := w.Update(func(tx *Tx) error { return tx.PutEntry(e) }); err != nil {
				t.Fatal(err)
			}
		}
		if err := w.Commit(); err != nil {
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

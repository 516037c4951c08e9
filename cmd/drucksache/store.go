package main

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"time"

	bolt "go.etcd.io/bbolt"
)

// store is a run's working index: its inputs, the manifest's entries, and the entries by document id
// and by output file. It lives in a scratch file below the staging folder (an embedded B+tree, mapped
// into memory by the kernel, not the Go heap), so that a run over a million inputs keeps no more of
// them in memory than a run over ten. Between runs manifest.json is the record; each run fills a new
// store from it and writes it back from the store.
//
// The store is scratch: it is not synced to disk, and a run killed at any moment leaves it to be
// removed with the staging folder.
type store struct{ db *bolt.DB }

// The store's buckets. Keys sort as bytes, which is Go's string order: paths come in path order.
var (
	bucketInputs  = []byte("inputs")  // path -> 1 if in this shard, else 0; then the shard key
	bucketEntries = []byte("entries") // path -> the manifest entry (encodeEntry)
	bucketIDs     = []byte("ids")     // document id, 0, path -> nothing: the done and duplicate entries
	bucketHeld    = []byte("held")    // output file, 0, path -> nothing: the files done entries hold
	bucketGarbage = []byte("garbage") // output file -> nothing: to remove at the end unless held
	bucketTasks   = []byte("tasks")   // path -> size, time: the inputs to extract
	bucketClaims  = []byte("claims")  // document id -> path of the input whose outputs hold it
)

var allBuckets = [][]byte{bucketInputs, bucketEntries, bucketIDs, bucketHeld, bucketGarbage, bucketTasks, bucketClaims}

// openStore creates an empty store in the file path (which must not be in use).
func openStore(path string) (*store, error) {
	db, err := bolt.Open(path, 0o600, &bolt.Options{
		NoSync: true, NoGrowSync: true, NoFreelistSync: true, FreelistType: bolt.FreelistMapType,
		Timeout: 5 * time.Second, // the folder's lock keeps other runs out; never wait for ever
	})
	if err != nil {
		return nil, fmt.Errorf("opening the run's index %s: %w", path, err)
	}
	s := &store{db: db}
	if err := s.clear(allBuckets...); err != nil {
		db.Close()
		return nil, err
	}
	return s, nil
}

// close closes the store's file.
func (s *store) close() error { return s.db.Close() }

// clear empties the buckets.
func (s *store) clear(buckets ...[]byte) error {
	return s.db.Update(func(tx *bolt.Tx) error {
		for _, name := range buckets {
			if err := tx.DeleteBucket(name); err != nil && !errors.Is(err, bolt.ErrBucketNotFound) {
				return err
			}
			if _, err := tx.CreateBucket(name); err != nil {
				return err
			}
		}
		return nil
	})
}

// chunkSize is how many pairs eachChunk reads in one transaction.
const chunkSize = 512

// pair is a key and its value, copied out of the store.
type pair struct{ k, v []byte }

// eachChunk calls fn with the pairs of the bucket whose keys start with prefix, in key order, a chunk
// at a time. The chunk is read in one read transaction and fn is called after it ends, so fn may write
// to the store (a write that grows the file would wait forever for a read transaction of its own
// goroutine). The pairs are valid until fn returns.
func (s *store) eachChunk(bucket, prefix []byte, fn func([]pair) error) error {
	var (
		buf   []byte
		ends  []int // key end and value end in buf, per pair
		pairs []pair
		from  = prefix
		after = false // from was the last key of the previous chunk
	)
	for {
		buf, ends, pairs = buf[:0], ends[:0], pairs[:0]
		err := s.db.View(func(tx *bolt.Tx) error {
			c := tx.Bucket(bucket).Cursor()
			k, v := c.Seek(from)
			if after && k != nil && bytes.Equal(k, from) {
				k, v = c.Next()
			}
			for ; k != nil && bytes.HasPrefix(k, prefix) && len(ends) < 2*chunkSize; k, v = c.Next() {
				buf = append(buf, k...)
				ends = append(ends, len(buf))
				buf = append(buf, v...)
				ends = append(ends, len(buf))
			}
			return nil
		})
		if err != nil {
			return err
		}
		start := 0
		for i := 0; i < len(ends); i += 2 {
			pairs = append(pairs, pair{k: buf[start:ends[i]:ends[i]], v: buf[ends[i]:ends[i+1]:ends[i+1]]})
			start = ends[i+1]
		}
		if len(pairs) == 0 {
			return nil
		}
		if err := fn(pairs); err != nil {
			return err
		}
		if len(pairs) < chunkSize {
			return nil
		}
		from, after = bytes.Clone(pairs[len(pairs)-1].k), true
	}
}

// each calls fn with every pair of the bucket whose key starts with prefix, in key order; see eachChunk.
func (s *store) each(bucket, prefix []byte, fn func(k, v []byte) error) error {
	return s.eachChunk(bucket, prefix, func(pairs []pair) error {
		for _, p := range pairs {
			if err := fn(p.k, p.v); err != nil {
				return err
			}
		}
		return nil
	})
}

// writer makes many small changes in few write transactions, committing every writerBatch changes.
// While it holds a transaction its goroutine must not start another write transaction.
type writer struct {
	s  *store
	tx *bolt.Tx
	n  int
}

// writerBatch is how many changes a writer makes in one transaction: enough to make a commit cheap
// per change, few enough that the pages one transaction changes (a change can touch a page in each of
// three buckets, each page 4 KiB held in memory until the commit) stay a few megabytes however large
// the store is.
const writerBatch = 256

func (s *store) writer() *writer { return &writer{s: s} }

// update calls fn in the writer's transaction.
func (w *writer) update(fn func(tx *bolt.Tx) error) error {
	if w.tx == nil {
		tx, err := w.s.db.Begin(true)
		if err != nil {
			return err
		}
		w.tx = tx
	}
	if err := fn(w.tx); err != nil {
		w.tx.Rollback()
		w.tx = nil
		return err
	}
	if w.n++; w.n >= writerBatch {
		return w.commit()
	}
	return nil
}

// commit commits what the writer changed so far.
func (w *writer) commit() error {
	if w.tx == nil {
		return nil
	}
	err := w.tx.Commit()
	w.tx, w.n = nil, 0
	return err
}

// abort drops what the writer changed since its last commit.
func (w *writer) abort() {
	if w.tx != nil {
		w.tx.Rollback()
		w.tx = nil
	}
}

// joinKey is a key of the ids and held buckets: a name, a zero byte, a path. Names hold no zero byte
// (checkID; readManifest), so the keys of one name come together and before those of a longer name.
func joinKey(name, path string) []byte {
	k := make([]byte, 0, len(name)+1+len(path))
	k = append(k, name...)
	k = append(k, 0)
	return append(k, path...)
}

// firstWith is the path of the first key for name in a bucket of joinKeys, or "" when there is none.
func firstWith(tx *bolt.Tx, bucket []byte, name string) string {
	prefix := joinKey(name, "")
	k, _ := tx.Bucket(bucket).Cursor().Seek(prefix)
	if k == nil || !bytes.HasPrefix(k, prefix) {
		return ""
	}
	return string(k[len(prefix):])
}

// getEntry is the entry of path, nil when there is none.
func getEntry(tx *bolt.Tx, path string) (*entry, error) {
	k := []byte(path)
	v := tx.Bucket(bucketEntries).Get(k)
	if v == nil {
		return nil, nil
	}
	return decodeEntry(k, v)
}

// putEntry adds or replaces the entry of e.Path and keeps the ids and held buckets in step.
func putEntry(tx *bolt.Tx, e *entry) error {
	old, err := getEntry(tx, e.Path)
	if err != nil {
		return err
	}
	v, err := encodeEntry(e)
	if err != nil {
		return err
	}
	if err := tx.Bucket(bucketEntries).Put([]byte(e.Path), v); err != nil {
		return err
	}
	if old != nil && sameIndex(old, e) {
		return nil // the index keys are where they were: no pages of the other buckets touched
	}
	if old != nil {
		if err := indexEntry(tx, old, false); err != nil {
			return err
		}
	}
	return indexEntry(tx, e, true)
}

// sameIndex reports whether two entries of one path have the same keys in the ids and held buckets.
func sameIndex(a, b *entry) bool {
	indexed := func(e *entry) bool { return e.Status == statusDone || e.Status == statusDuplicate }
	return indexed(a) == indexed(b) && (!indexed(a) || a.ID == b.ID) && equalStrings(a.outputs(), b.outputs())
}

// dropEntry removes the entry of path, keeping its outputs as garbage.
func dropEntry(tx *bolt.Tx, path string) error {
	old, err := getEntry(tx, path)
	if err != nil || old == nil {
		return err
	}
	if err := addGarbage(tx, old.outputs()); err != nil {
		return err
	}
	if err := indexEntry(tx, old, false); err != nil {
		return err
	}
	return tx.Bucket(bucketEntries).Delete([]byte(path))
}

// indexEntry adds (or removes) the entry's keys in the ids and held buckets.
func indexEntry(tx *bolt.Tx, e *entry, add bool) error {
	set := func(bucket []byte, k []byte) error {
		if add {
			return tx.Bucket(bucket).Put(k, nil)
		}
		return tx.Bucket(bucket).Delete(k)
	}
	if e.Status == statusDone || e.Status == statusDuplicate {
		if err := set(bucketIDs, joinKey(e.ID, e.Path)); err != nil {
			return err
		}
	}
	for _, f := range e.outputs() {
		if err := set(bucketHeld, joinKey(f, e.Path)); err != nil {
			return err
		}
	}
	return nil
}

// addGarbage records output files to remove at the end of the run unless an entry holds them then.
func addGarbage(tx *bolt.Tx, files []string) error {
	g := tx.Bucket(bucketGarbage)
	for _, f := range files {
		if err := g.Put([]byte(f), nil); err != nil {
			return err
		}
	}
	return nil
}

// held reports whether a done entry holds the output file.
func held(tx *bolt.Tx, file string) bool { return firstWith(tx, bucketHeld, file) != "" }

// encodeEntry is an entry as the store keeps it, without its path (the key): what became of it in
// this run (seen, earlier) in the first two bytes, then its fields, numbers as varints and strings
// with their length. Not JSON: a run reads every entry several times, and decoding JSON was most of
// the time of a run with nothing to do.
func encodeEntry(e *entry) ([]byte, error) {
	earlier := byte(0)
	if e.earlier {
		earlier = 1
	}
	v := make([]byte, 0, 96+len(e.ID)+len(e.Reason)+len(e.Duplicate))
	v = append(v, byte(e.seen), earlier, byte(e.Status))
	v = append(v, e.SHA256[:]...)
	v = binary.AppendVarint(v, e.Size)
	v = binary.AppendVarint(v, e.ModTime)
	v = binary.AppendVarint(v, e.CheckedAt)
	v = binary.AppendVarint(v, int64(e.Schema))
	for _, str := range []string{e.ID, e.Reason, e.Duplicate} {
		v = appendString(v, str)
	}
	if e.Outputs == nil {
		v = binary.AppendUvarint(v, 0)
	} else {
		v = binary.AppendUvarint(v, uint64(len(e.Outputs))+1)
		for _, f := range e.Outputs {
			v = appendString(v, f)
		}
	}
	return v, nil
}

func appendString(v []byte, s string) []byte {
	return append(binary.AppendUvarint(v, uint64(len(s))), s...)
}

// errBadEntry is an entry of the store that encodeEntry did not write.
var errBadEntry = errors.New("run index: a damaged entry")

// decodeEntry reads the entry of path that encodeEntry wrote.
func decodeEntry(path, v []byte) (*entry, error) {
	if len(v) < 3+sha256Size {
		return nil, errBadEntry
	}
	e := &entry{Path: string(path), seen: status(v[0]), earlier: v[1] == 1, Status: status(v[2])}
	copy(e.SHA256[:], v[3:])
	r := entryReader{v: v[3+sha256Size:]}
	e.Size, e.ModTime, e.CheckedAt = r.varint(), r.varint(), r.varint()
	e.Schema = int32(r.varint())
	e.ID, e.Reason, e.Duplicate = r.string(), r.string(), r.string()
	if n := r.uvarint(); n > 0 && n <= uint64(len(r.v))+1 {
		e.Outputs = make([]string, n-1)
		for i := range e.Outputs {
			e.Outputs[i] = r.string()
		}
	}
	if r.bad || len(r.v) != 0 {
		return nil, errBadEntry
	}
	return e, nil
}

const sha256Size = len(digest{})

// entryReader reads the fields of an encoded entry; bad is set when one is cut off.
type entryReader struct {
	v   []byte
	bad bool
}

func (r *entryReader) varint() int64 {
	x, n := binary.Varint(r.v)
	r.skip(n)
	return x
}

func (r *entryReader) uvarint() uint64 {
	x, n := binary.Uvarint(r.v)
	r.skip(n)
	return x
}

// skip moves past a number of n bytes; n <= 0 (a number cut off or too long) marks the entry bad.
func (r *entryReader) skip(n int) {
	if n <= 0 {
		r.bad, r.v = true, nil
		return
	}
	r.v = r.v[n:]
}

func (r *entryReader) string() string {
	n := r.uvarint()
	if n > uint64(len(r.v)) {
		r.bad, r.v = true, nil
		return ""
	}
	s := string(r.v[:n])
	r.v = r.v[n:]
	return s
}

// taskValue is a task as the tasks bucket keeps it: the size and time the input had when looked at.
func taskValue(t task) []byte {
	v := binary.BigEndian.AppendUint64(nil, uint64(t.size))
	return binary.BigEndian.AppendUint64(v, uint64(t.modTime))
}

// readTask is the task of path from its value in the tasks bucket, checked at the time given.
func readTask(path, v []byte, checked int64) task {
	t := task{in: input{path: string(path)}, checked: checked}
	if len(v) == 16 {
		t.size, t.modTime = int64(binary.BigEndian.Uint64(v)), int64(binary.BigEndian.Uint64(v[8:]))
	}
	return t
}

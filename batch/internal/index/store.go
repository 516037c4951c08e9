// Package index is a batch run's working index: its inputs, the manifest's entries, the entries by
// document id and by output file, the outputs to remove, the inputs to extract and which input holds
// each document id. It lives in a scratch file below the run's staging folder (an embedded B+tree,
// mapped into memory by the kernel, not the Go heap), so that a run over a million inputs keeps no
// more of them in memory than a run over ten. Between runs the manifest is the record; each run fills
// a new index from it and writes it back from the index.
//
// The index is scratch: it is not synced to disk, and a run killed at any moment leaves it to be
// removed with the staging folder. Every transaction on the file is in this package: callers use the
// typed operations of Tx inside View, Update or a Writer, and the walks of Store.
package index

import (
	"bytes"
	"errors"
	"fmt"
	"time"

	bolt "go.etcd.io/bbolt"
)

// Store is a run's index, open on its file.
type Store struct{ db *bolt.DB }

// The store's buckets. Keys sort as bytes, which is Go's string order: paths come in path order.
var (
	bucketInputs  = []byte("inputs")  // path -> 1 if in this shard, else 0; then the shard key
	bucketEntries = []byte("entries") // path -> the manifest entry (encodeEntry)
	bucketIDs     = []byte("ids")     // document id, 0, path -> nothing: the done and duplicate entries
	bucketHeld    = []byte("held")    // output file, 0, path -> nothing: the files done entries hold
	bucketGarbage = []byte("garbage") // output file -> nothing: to remove at the end unless held
	bucketTasks   = []byte("tasks")   // path -> size, time: the inputs to extract
	bucketClaims  = []byte("claims")  // document id -> path of the input whose outputs hold it
	bucketJournal = []byte("journal") // output file -> SHA-256: what earlier runs placed, as their journal says
	bucketKept    = []byte("kept")    // file -> why: files the run found and did not remove, for the report
	bucketOthers  = []byte("others")  // output file -> nothing: the files other shards hold or placed
	bucketShared  = []byte("shared")  // document id, 0, other shard -> this shard's input, 0, the other's
	// A merge's (see merge.go):
	bucketHoldings = []byte("holdings") // document id, 0, path, 0, shard -> the done entry of that shard
	bucketLost     = []byte("lost")     // shard, path -> document id: entries that lose their id to another shard
	bucketRemade   = []byte("remade")   // shard, path -> the sums of the files made again
	bucketSettled  = []byte("settled")  // document id -> nothing: ids an earlier merge settled
)

var allBuckets = [][]byte{bucketInputs, bucketEntries, bucketIDs, bucketHeld, bucketGarbage, bucketTasks, bucketClaims,
	bucketJournal, bucketKept, bucketOthers, bucketShared, bucketHoldings, bucketLost, bucketRemade, bucketSettled}

// Open creates an empty store in the file path (which must not be in use).
func Open(path string) (*Store, error) {
	db, err := bolt.Open(path, 0o600, &bolt.Options{
		NoSync: true, NoGrowSync: true, NoFreelistSync: true, FreelistType: bolt.FreelistMapType,
		Timeout: 5 * time.Second, // the folder's lock keeps other runs out; never wait for ever
	})
	if err != nil {
		return nil, fmt.Errorf("opening the run's index %s: %w", path, err)
	}
	s := &Store{db: db}
	if err := s.clear(allBuckets...); err != nil {
		db.Close()
		return nil, err
	}
	return s, nil
}

// Close closes the store's file.
func (s *Store) Close() error { return s.db.Close() }

// ClearManifest empties what a manifest is read into: the entries, their indexes and the garbage.
func (s *Store) ClearManifest() error {
	return s.clear(bucketEntries, bucketIDs, bucketHeld, bucketGarbage)
}

// ClearTasks empties the inputs to extract.
func (s *Store) ClearTasks() error { return s.clear(bucketTasks) }

// ClearClaims empties the claims of document ids.
func (s *Store) ClearClaims() error { return s.clear(bucketClaims) }

// ClearOthers empties the files of other shards.
func (s *Store) ClearOthers() error { return s.clear(bucketOthers) }

// clear empties the buckets.
func (s *Store) clear(buckets ...[]byte) error {
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

// View calls fn in a read transaction.
func (s *Store) View(fn func(tx *Tx) error) error {
	return s.db.View(func(tx *bolt.Tx) error { return fn(&Tx{tx: tx}) })
}

// Update calls fn in a write transaction, committed when fn returns nil. Write transactions run one
// at a time.
func (s *Store) Update(fn func(tx *Tx) error) error {
	return s.db.Update(func(tx *bolt.Tx) error { return fn(&Tx{tx: tx}) })
}

// chunkSize is how many pairs eachChunk reads in one transaction.
const chunkSize = 512

// pair is a key and its value, copied out of the store.
type pair struct{ k, v []byte }

// eachChunk calls fn with the pairs of the bucket whose keys start with prefix, in key order, a chunk
// at a time. The chunk is read in one read transaction and fn is called after it ends, so fn may write
// to the store (a write that grows the file would wait forever for a read transaction of its own
// goroutine). The pairs are valid until fn returns.
func (s *Store) eachChunk(bucket, prefix []byte, fn func([]pair) error) error {
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
func (s *Store) each(bucket, prefix []byte, fn func(k, v []byte) error) error {
	return s.eachChunk(bucket, prefix, func(pairs []pair) error {
		for _, p := range pairs {
			if err := fn(p.k, p.v); err != nil {
				return err
			}
		}
		return nil
	})
}

// Writer makes many small changes in few write transactions, committing every writerBatch changes.
// While it holds a transaction its goroutine must not start another write transaction.
type Writer struct {
	s  *Store
	tx *bolt.Tx
	n  int
}

// writerBatch is how many changes a writer makes in one transaction: enough to make a commit cheap
// per change, few enough that the pages one transaction changes (a change can touch a page in each of
// three buckets, each page 4 KiB held in memory until the commit) stay a few megabytes however large
// the store is.
const writerBatch = 256

// Writer returns a writer on the store; Commit commits what it changed, Abort drops it.
func (s *Store) Writer() *Writer { return &Writer{s: s} }

// Update calls fn in the writer's transaction; an error drops what the writer changed since its last
// commit.
func (w *Writer) Update(fn func(tx *Tx) error) error {
	if w.tx == nil {
		tx, err := w.s.db.Begin(true)
		if err != nil {
			return err
		}
		w.tx = tx
	}
	if err := fn(&Tx{tx: w.tx}); err != nil {
		w.tx.Rollback()
		w.tx = nil
		return err
	}
	if w.n++; w.n >= writerBatch {
		return w.Commit()
	}
	return nil
}

// Commit commits what the writer changed so far.
func (w *Writer) Commit() error {
	if w.tx == nil {
		return nil
	}
	err := w.tx.Commit()
	w.tx, w.n = nil, 0
	return err
}

// Abort drops what the writer changed since its last commit.
func (w *Writer) Abort() {
	if w.tx != nil {
		w.tx.Rollback()
		w.tx = nil
	}
}

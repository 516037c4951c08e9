package main

import (
	"os"
	"path/filepath"

	drucksache "drucksache"

	bolt "go.etcd.io/bbolt"
)

// scan drops entries of inputs gone from their folder and sorts the inputs of this shard into
// unchanged ones (skipped, or quarantined again) and tasks, which it puts into the tasks bucket and
// counts. Inputs are taken a chunk at a time in path order; the files of a chunk are looked at on all
// workers at once.
func (b *batch) scan(set *inputSet) (int, error) {
	if err := b.dropGone(set); err != nil {
		return 0, err
	}
	w := b.st.writer()
	defer w.abort()
	tasks := 0
	err := b.st.eachChunk(bucketInputs, nil, func(chunk []pair) error {
		var inputs []string
		for _, p := range chunk {
			if p.v[0] == 1 {
				inputs = append(inputs, string(p.k))
			}
		}
		entries := make([]*entry, len(inputs))
		err := b.st.db.View(func(tx *bolt.Tx) error {
			for i, path := range inputs {
				e, err := getEntry(tx, path)
				if err != nil {
					return err
				}
				entries[i] = e
			}
			return nil
		})
		if err != nil {
			return err
		}
		looks := make([]look, len(inputs))
		parallel(len(inputs), b.workers, func(i int) {
			looks[i] = b.look(inputs[i], entries[i])
		})
		for i, path := range inputs {
			lk, e := looks[i], entries[i]
			err := w.update(func(tx *bolt.Tx) error {
				if !lk.unchanged {
					tasks++
					return tx.Bucket(bucketTasks).Put([]byte(path), taskValue(task{size: lk.size, modTime: lk.modTime}))
				}
				if lk.rehashed {
					e.Size, e.ModTime, e.CheckedAt = lk.size, lk.modTime, b.now
				}
				if e.Status == statusQuarantined {
					e.seen, e.earlier = statusQuarantined, true
				} else {
					e.seen = statusSkipped
				}
				return putEntry(tx, e)
			})
			if err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return 0, err
	}
	return tasks, w.commit()
}

// dropGone drops the entries of inputs that were in a folder walked and are no longer there.
func (b *batch) dropGone(set *inputSet) error {
	if len(set.roots) == 0 {
		return nil
	}
	w := b.st.writer()
	defer w.abort()
	err := b.st.each(bucketEntries, nil, func(k, _ []byte) error {
		path := string(k)
		if !underAny(path, set.roots) {
			return nil
		}
		return w.update(func(tx *bolt.Tx) error {
			if set.found(tx, path) {
				return nil
			}
			b.rep.Removed++
			return dropEntry(tx, path)
		})
	})
	if err != nil {
		return err
	}
	return w.commit()
}

// look is what scan learnt of one input.
type look struct {
	size, modTime int64
	unchanged     bool // as the manifest has it, outputs in place: nothing to do
	rehashed      bool // the content was hashed again and found the same
}

// look compares one input with its manifest entry e (nil when it has none).
func (b *batch) look(path string, e *entry) look {
	fi, err := os.Stat(path)
	if err != nil {
		return look{} // extraction will report it
	}
	lk := look{size: fi.Size(), modTime: fi.ModTime().UnixNano()}
	if e == nil || b.force {
		return lk
	}
	if !e.trustedUnchanged(fi) {
		sum, err := hashFile(path)
		if err != nil || sum != e.SHA256 {
			return lk
		}
		lk.rehashed = true
	}
	if e.Status == statusDone && (e.Schema != drucksache.SchemaVersion || !b.outputsInPlace(e)) {
		return lk // written by an older program, or an output lost
	}
	lk.unchanged = true
	return lk
}

// outputsInPlace reports whether every output the entry's document should have exists.
func (b *batch) outputsInPlace(e *entry) bool {
	want := outputsOf(e.ID)
	if !equalStrings(e.outputs(), want) {
		return false
	}
	for _, f := range want {
		if _, err := os.Stat(filepath.Join(b.out, filepath.FromSlash(f))); err != nil {
			return false
		}
	}
	return true
}

// initClaims gives each document id held by an entry not redone in this run to its first input.
func (b *batch) initClaims() error {
	if err := b.st.clear(bucketClaims); err != nil {
		return err
	}
	return b.updateHolders(func(tx *bolt.Tx, e *entry) error {
		claims, path := tx.Bucket(bucketClaims), []byte(e.Path)
		if tx.Bucket(bucketTasks).Get(path) != nil || claims.Get([]byte(e.ID)) != nil {
			return nil // redone, or held by an input before it
		}
		return claims.Put([]byte(e.ID), path)
	})
}

// updateHolders calls fn in a write transaction with each done or duplicate entry (those that hold a
// document id or name the input holding it), in path order.
func (b *batch) updateHolders(fn func(tx *bolt.Tx, e *entry) error) error {
	w := b.st.writer()
	defer w.abort()
	err := b.st.each(bucketEntries, nil, func(k, v []byte) error {
		e, err := decodeEntry(k, v)
		if err != nil || (e.Status != statusDone && e.Status != statusDuplicate) {
			return err
		}
		return w.update(func(tx *bolt.Tx) error { return fn(tx, e) })
	})
	if err != nil {
		return err
	}
	return w.commit()
}

// underAny reports whether path lies in one of the folders.
func underAny(path string, roots []string) bool {
	for _, r := range roots {
		if under(path, r) {
			return true
		}
	}
	return false
}

package index

import (
	"bytes"

	bolt "go.etcd.io/bbolt"
)

// The walks of the store go a chunk at a time in key order, each chunk read in a transaction of its
// own that ends before the callback is called: a callback may write to the store.

// Input is a document file the arguments of the run name.
type Input struct {
	Path    string // the file, also its key: inputs come in path order
	Key     string // the shard key: the path relative to the argument it was found through
	InShard bool   // the input belongs to the run's shard
}

// EachInputChunk calls fn with the inputs in path order, a chunk at a time.
func (s *Store) EachInputChunk(fn func([]Input) error) error {
	var inputs []Input
	return s.eachChunk(bucketInputs, nil, func(chunk []pair) error {
		inputs = inputs[:0]
		for _, p := range chunk {
			inputs = append(inputs, Input{Path: string(p.k), Key: string(p.v[1:]), InShard: p.v[0] == 1})
		}
		return fn(inputs)
	})
}

// EachEntry calls fn with every entry in path order.
func (s *Store) EachEntry(fn func(e *Entry) error) error {
	return s.each(bucketEntries, nil, func(k, v []byte) error {
		e, err := decodeEntry(k, v)
		if err != nil {
			return err
		}
		return fn(e)
	})
}

// EachSeen calls fn with every entry the run reached (Seen set), in path order.
func (s *Store) EachSeen(fn func(e *Entry) error) error {
	return s.each(bucketEntries, nil, func(k, v []byte) error {
		if len(v) == 0 || Status(v[0]) == StatusNone {
			return nil
		}
		e, err := decodeEntry(k, v)
		if err != nil {
			return err
		}
		return fn(e)
	})
}

// EachEntryPath calls fn with the path of every entry, in path order.
func (s *Store) EachEntryPath(fn func(path string) error) error {
	return s.each(bucketEntries, nil, func(k, _ []byte) error { return fn(string(k)) })
}

// EachTask calls fn with every input to extract, in path order.
func (s *Store) EachTask(fn func(t Task) error) error {
	return s.each(bucketTasks, nil, func(k, v []byte) error { return fn(readTask(k, v)) })
}

// EachGarbage calls fn with every output file recorded as garbage and its sum, in name order.
func (s *Store) EachGarbage(fn func(file string, sum Digest) error) error {
	return s.each(bucketGarbage, nil, func(k, v []byte) error {
		var sum Digest
		copy(sum[:], v)
		return fn(string(k), sum)
	})
}

// EachJournaled calls fn with every output file an earlier run's journal names and its sum, in name order.
func (s *Store) EachJournaled(fn func(file string, sum Digest) error) error {
	return s.each(bucketJournal, nil, func(k, v []byte) error {
		var sum Digest
		copy(sum[:], v)
		return fn(string(k), sum)
	})
}

// EachKept calls fn with every file the run kept and why, in name order.
func (s *Store) EachKept(fn func(file, why string) error) error {
	return s.each(bucketKept, nil, func(k, v []byte) error { return fn(string(k), string(v)) })
}

// CountKept counts the files the run kept.
func (s *Store) CountKept() (int, error) { return s.count(bucketKept) }

// EachIDHolder calls fn with every document id of a done or duplicate entry and the path of the
// first such entry in path order: the input whose outputs are to hold the document.
func (s *Store) EachIDHolder(fn func(id, path string) error) error {
	var last []byte // the id of the last key seen
	return s.each(bucketIDs, nil, func(k, _ []byte) error {
		id, path, _ := bytes.Cut(k, []byte{0})
		if last != nil && bytes.Equal(id, last) {
			return nil // not the first input of the id
		}
		last = append(last[:0], id...)
		return fn(string(id), string(path))
	})
}

// EntryCount is the number of entries.
func (s *Store) EntryCount() (int, error) { return s.count(bucketEntries) }

// count is the number of keys in the bucket.
func (s *Store) count(bucket []byte) (int, error) {
	n := 0
	err := s.db.View(func(tx *bolt.Tx) error {
		n = tx.Bucket(bucket).Stats().KeyN
		return nil
	})
	return n, err
}

// HasGarbage reports whether any output file is recorded as garbage.
func (s *Store) HasGarbage() bool {
	var garbage bool
	s.db.View(func(tx *bolt.Tx) error {
		k, _ := tx.Bucket(bucketGarbage).Cursor().First()
		garbage = k != nil
		return nil
	})
	return garbage
}

// CountUnreached counts the inputs of the run's shard that have no entry the run reached.
func (s *Store) CountUnreached() (int, error) {
	n := 0
	err := s.eachChunk(bucketInputs, nil, func(chunk []pair) error {
		return s.db.View(func(tx *bolt.Tx) error {
			entries := tx.Bucket(bucketEntries)
			for _, p := range chunk {
				if p.v[0] != 1 {
					continue
				}
				if v := entries.Get(p.k); v == nil || Status(v[0]) == StatusNone {
					n++
				}
			}
			return nil
		})
	})
	return n, err
}

// Shared is a document id this shard and another hold.
type Shared struct {
	ID, Path         string // the id, and the input of this shard holding it
	Shard, OtherPath string // the other shard (K/N), and its input
}

// EachShared calls fn with every document id this shard and another hold, by id and shard.
func (s *Store) EachShared(fn func(sh Shared) error) error {
	return s.each(bucketShared, nil, func(k, v []byte) error {
		id, shard, _ := bytes.Cut(k, []byte{0})
		path, other, _ := bytes.Cut(v, []byte{0})
		return fn(Shared{ID: string(id), Path: string(path), Shard: string(shard), OtherPath: string(other)})
	})
}

// CountShared counts the document ids this shard and another hold.
func (s *Store) CountShared() (int, error) { return s.count(bucketShared) }

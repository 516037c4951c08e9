package index

import (
	"bytes"
	"encoding/binary"

	bolt "go.etcd.io/bbolt"
)

// Tx is a transaction on the store, read-only in View. Its operations keep the buckets in step: an
// entry's document id and output files are indexed as it is put and dropped.
type Tx struct{ tx *bolt.Tx }

// Entry is the entry of path, nil when there is none.
func (t *Tx) Entry(path string) (*Entry, error) {
	k := []byte(path)
	v := t.tx.Bucket(bucketEntries).Get(k)
	if v == nil {
		return nil, nil
	}
	return decodeEntry(k, v)
}

// PutEntry adds or replaces the entry of e.Path and keeps the ids and held buckets in step.
func (t *Tx) PutEntry(e *Entry) error {
	old, err := t.Entry(e.Path)
	if err != nil {
		return err
	}
	v, err := encodeEntry(e)
	if err != nil {
		return err
	}
	if err := t.tx.Bucket(bucketEntries).Put([]byte(e.Path), v); err != nil {
		return err
	}
	if old != nil && sameIndex(old, e) {
		return nil // the index keys are where they were: no pages of the other buckets touched
	}
	if old != nil {
		if err := t.indexEntry(old, false); err != nil {
			return err
		}
	}
	return t.indexEntry(e, true)
}

// sameIndex reports whether two entries of one path have the same keys in the ids and held buckets.
func sameIndex(a, b *Entry) bool {
	indexed := func(e *Entry) bool { return e.Status == StatusDone || e.Status == StatusDuplicate }
	return indexed(a) == indexed(b) && (!indexed(a) || a.ID == b.ID) && equalStrings(a.OutputFiles(), b.OutputFiles())
}

// DropEntry removes the entry of path, keeping its outputs as garbage.
func (t *Tx) DropEntry(path string) error {
	old, err := t.Entry(path)
	if err != nil || old == nil {
		return err
	}
	if err := t.AddGarbage(old.OutputFiles(), old.Sums); err != nil {
		return err
	}
	if err := t.indexEntry(old, false); err != nil {
		return err
	}
	return t.tx.Bucket(bucketEntries).Delete([]byte(path))
}

// indexEntry adds (or removes) the entry's keys in the ids and held buckets.
func (t *Tx) indexEntry(e *Entry, add bool) error {
	set := func(bucket []byte, k []byte) error {
		if add {
			return t.tx.Bucket(bucket).Put(k, nil)
		}
		return t.tx.Bucket(bucket).Delete(k)
	}
	if e.Status == StatusDone || e.Status == StatusDuplicate {
		if err := set(bucketIDs, joinKey(e.ID, e.Path)); err != nil {
			return err
		}
	}
	for _, f := range e.OutputFiles() {
		if err := set(bucketHeld, joinKey(f, e.Path)); err != nil {
			return err
		}
	}
	return nil
}

// joinKey is a key of the ids and held buckets: a name, a zero byte, a path. Names hold no zero byte
// (document ids pass load.CheckID; the manifest's are checked as it is read), so the keys of one name
// come together and before those of a longer name.
func joinKey(name, path string) []byte {
	k := make([]byte, 0, len(name)+1+len(path))
	k = append(k, name...)
	k = append(k, 0)
	return append(k, path...)
}

// firstWith is the path of the first key for name in a bucket of joinKeys, or "" when there is none.
func (t *Tx) firstWith(bucket []byte, name string) string {
	prefix := joinKey(name, "")
	k, _ := t.tx.Bucket(bucket).Cursor().Seek(prefix)
	if k == nil || !bytes.HasPrefix(k, prefix) {
		return ""
	}
	return string(k[len(prefix):])
}

// Holder is the path of the first done or duplicate entry (in path order) with the document id, ""
// when there is none.
func (t *Tx) Holder(id string) string { return t.firstWith(bucketIDs, id) }

// Held reports whether a done entry holds the output file.
func (t *Tx) Held(file string) bool { return t.firstWith(bucketHeld, file) != "" }

// AdoptSum records sum as the content of the output file in the first done entry holding it, if
// any: the file a killed run placed after its entry was last saved.
func (t *Tx) AdoptSum(file string, sum Digest) error {
	e, err := t.Entry(t.firstWith(bucketHeld, file))
	if err != nil || e == nil {
		return err
	}
	files := e.OutputFiles()
	for i, f := range files {
		if f != file || e.Sum(i) == sum {
			continue
		}
		sums := make([]Digest, len(files))
		for j := range sums {
			sums[j] = e.Sum(j)
		}
		sums[i] = sum
		e.SetOutputs(files, sums)
		return t.PutEntry(e)
	}
	return nil
}

// AddGarbage records output files, with the sums of their content as written (zero when not
// known), to remove at the end of the run unless an entry holds them then.
func (t *Tx) AddGarbage(files []string, sums []Digest) error {
	g := t.tx.Bucket(bucketGarbage)
	for i, f := range files {
		var sum []byte
		if i < len(sums) && sums[i] != (Digest{}) {
			sum = sums[i][:]
		}
		if err := g.Put([]byte(f), sum); err != nil {
			return err
		}
	}
	return nil
}

// TakeGarbage removes the output file from the garbage and reports whether a done entry holds it
// (then it stays on disk), and the sum it was recorded with.
func (t *Tx) TakeGarbage(file string) (held bool, sum Digest, err error) {
	held = t.Held(file)
	copy(sum[:], t.tx.Bucket(bucketGarbage).Get([]byte(file)))
	return held, sum, t.tx.Bucket(bucketGarbage).Delete([]byte(file))
}

// PutJournal records that an earlier run placed the output file with the content sum.
func (t *Tx) PutJournal(file string, sum Digest) error {
	return t.tx.Bucket(bucketJournal).Put([]byte(file), sum[:])
}

// Journaled is the sum an earlier run's journal gives the output file; ok is false when it names none.
func (t *Tx) Journaled(file string) (sum Digest, ok bool) {
	v := t.tx.Bucket(bucketJournal).Get([]byte(file))
	copy(sum[:], v)
	return sum, v != nil
}

// Keep records a file the run found and did not remove, and why, for the report.
func (t *Tx) Keep(file, why string) error {
	return t.tx.Bucket(bucketKept).Put([]byte(file), []byte(why))
}

// Unkeep forgets that the run kept a file: it has placed a file of its own there.
func (t *Tx) Unkeep(file string) error { return t.tx.Bucket(bucketKept).Delete([]byte(file)) }

// PutOther records an output file another shard holds or placed.
func (t *Tx) PutOther(file string) error { return t.tx.Bucket(bucketOthers).Put([]byte(file), nil) }

// PutShared records that the document id this shard holds from the input path is held by another
// shard too, from its input otherPath.
func (t *Tx) PutShared(id, shard, path, otherPath string) error {
	return t.tx.Bucket(bucketShared).Put(joinKey(id, shard), joinKey(path, otherPath))
}

// Other reports whether another shard holds or placed the output file.
func (t *Tx) Other(file string) bool { return t.tx.Bucket(bucketOthers).Get([]byte(file)) != nil }

// AddInput records the document file path with its shard key, unless it is there already.
func (t *Tx) AddInput(path, key string, inShard bool) error {
	b := t.tx.Bucket(bucketInputs)
	k := []byte(path)
	if b.Get(k) != nil {
		return nil
	}
	v := make([]byte, 1, 1+len(key))
	if inShard {
		v[0] = 1
	}
	return b.Put(k, append(v, key...))
}

// HasInput reports whether the arguments name the document path (before sharding).
func (t *Tx) HasInput(path string) bool { return t.tx.Bucket(bucketInputs).Get([]byte(path)) != nil }

// InOtherShard reports whether the arguments name the document path and it belongs to another shard.
func (t *Tx) InOtherShard(path string) bool {
	v := t.tx.Bucket(bucketInputs).Get([]byte(path))
	return v != nil && v[0] != 1
}

// Task is an input to extract, with the size and time it had when looked at.
type Task struct {
	Path          string
	Size, ModTime int64
}

// PutTask records an input to extract.
func (t *Tx) PutTask(task Task) error {
	v := binary.BigEndian.AppendUint64(nil, uint64(task.Size))
	v = binary.BigEndian.AppendUint64(v, uint64(task.ModTime))
	return t.tx.Bucket(bucketTasks).Put([]byte(task.Path), v)
}

// readTask is the task of path from its value in the tasks bucket.
func readTask(path, v []byte) Task {
	t := Task{Path: string(path)}
	if len(v) == 16 {
		t.Size, t.ModTime = int64(binary.BigEndian.Uint64(v)), int64(binary.BigEndian.Uint64(v[8:]))
	}
	return t
}

// IsTask reports whether the input path is to be extracted.
func (t *Tx) IsTask(path string) bool { return t.tx.Bucket(bucketTasks).Get([]byte(path)) != nil }

// Claimant is the path of the input whose outputs hold the document id, "" when none does yet.
func (t *Tx) Claimant(id string) string { return string(t.tx.Bucket(bucketClaims).Get([]byte(id))) }

// Claim records that the outputs of the input path hold the document id.
func (t *Tx) Claim(id, path string) error {
	return t.tx.Bucket(bucketClaims).Put([]byte(id), []byte(path))
}

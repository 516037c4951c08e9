package batch

import (
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"time"

	drucksache "drucksache"
	"drucksache/batch/internal/index"
)

// scan drops entries of inputs gone from their folder and sorts the inputs of this shard into
// unchanged ones (skipped, or quarantined again) and tasks, which it puts into the index and
// counts. Inputs are taken a chunk at a time in path order; the files of a chunk are looked at on all
// workers at once.
func (r *runner) scan(set *inputSet) (int, error) {
	if err := r.dropGone(set); err != nil {
		return 0, err
	}
	w := r.st.Writer()
	defer w.Abort()
	tasks := 0
	err := r.st.EachInputChunk(func(chunk []index.Input) error {
		var inputs []string
		for _, in := range chunk {
			if in.InShard {
				inputs = append(inputs, in.Path)
			}
		}
		entries := make([]*index.Entry, len(inputs))
		err := r.st.View(func(tx *index.Tx) error {
			for i, path := range inputs {
				e, err := tx.Entry(path)
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
		parallel(len(inputs), r.Workers, func(i int) {
			looks[i] = r.look(inputs[i], entries[i])
		})
		for i, path := range inputs {
			lk, e := looks[i], entries[i]
			err := w.Update(func(tx *index.Tx) error {
				if !lk.unchanged {
					tasks++
					return tx.PutTask(index.Task{Path: path, Size: lk.size, ModTime: lk.modTime})
				}
				if lk.rehashed {
					e.Size, e.ModTime, e.CheckedAt = lk.size, lk.modTime, r.now
				}
				if lk.sums != nil {
					e.Sums = lk.sums
				}
				if e.Status == index.StatusQuarantined {
					e.Seen, e.Earlier = index.StatusQuarantined, true
				} else {
					e.Seen = index.StatusSkipped
				}
				return tx.PutEntry(e)
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
	return tasks, w.Commit()
}

// dropGone drops the entries of inputs that were in a folder walked and are no longer there, and
// those of inputs that belong to another shard now (split by another key, or found through another
// folder): that shard holds them.
func (r *runner) dropGone(set *inputSet) error {
	w := r.st.Writer()
	defer w.Abort()
	err := r.st.EachEntryPath(func(path string) error {
		return w.Update(func(tx *index.Tx) error {
			switch {
			case tx.InOtherShard(path):
			case underAny(path, set.roots) && !tx.HasInput(path):
				r.rep.Removed++
			default:
				return nil
			}
			return tx.DropEntry(path)
		})
	})
	if err != nil {
		return err
	}
	return w.Commit()
}

// look is what scan learnt of one input.
type look struct {
	size, modTime int64
	unchanged     bool           // as the manifest has it, outputs in place: nothing to do
	rehashed      bool           // the content was hashed again and found the same
	sums          []index.Digest // the sums of the outputs in place, for an entry that recorded none
}

// look compares one input with its manifest entry e (nil when it has none).
func (r *runner) look(path string, e *index.Entry) look {
	fi, err := os.Stat(path)
	if err != nil {
		return look{} // extraction will report it
	}
	lk := look{size: fi.Size(), modTime: fi.ModTime().UnixNano()}
	if e == nil || r.Force {
		return lk
	}
	if !trustedUnchanged(e, fi) {
		sum, err := hashFile(path)
		if err != nil || sum != e.SHA256 {
			return lk
		}
		lk.rehashed = true
	}
	if e.Status == index.StatusDone && (e.Schema != drucksache.SchemaVersion || !r.outputsInPlace(e)) {
		return lk // written by an older program, or an output lost
	}
	if e.Status == index.StatusQuarantined && !r.SkipFailed && (e.Kind == KindTimeLimit || e.Kind == KindResourceLimit) {
		return lk // failed on a limit of the run, which the next run may not hit: tried again
	}
	if files := e.OutputFiles(); len(e.Sums) != len(files) {
		// Recorded by a build that kept no sums: the outputs in place are taken as written.
		lk.sums = make([]index.Digest, len(files))
		for i, f := range files {
			if lk.sums[i], err = hashFile(filepath.Join(r.Out, filepath.FromSlash(f))); err != nil {
				return look{size: lk.size, modTime: lk.modTime}
			}
		}
	}
	lk.unchanged = true
	return lk
}

// trustedUnchanged reports whether fi shows the file as last hashed, so that it need not be read again:
// same size, same modification time, and that time older than the look by more than the file system's
// clock step (a file changed twice within one tick keeps its time; such recent times are hashed again).
func trustedUnchanged(e *index.Entry, fi fs.FileInfo) bool {
	const tick = int64(2 * time.Second)
	return fi.Size() == e.Size && fi.ModTime().UnixNano() == e.ModTime && e.ModTime < e.CheckedAt-tick
}

// outputsInPlace reports whether every output the entry's document should have exists.
func (r *runner) outputsInPlace(e *index.Entry) bool {
	want := outputsOf(e.ID)
	if !slices.Equal(e.OutputFiles(), want) {
		return false
	}
	for _, f := range want {
		if _, err := os.Stat(filepath.Join(r.Out, filepath.FromSlash(f))); err != nil {
			return false
		}
	}
	return true
}

// initClaims gives each document id held by an entry not redone in this run to its first input.
func (r *runner) initClaims() error {
	if err := r.st.ClearClaims(); err != nil {
		return err
	}
	return r.updateHolders(func(tx *index.Tx, e *index.Entry) error {
		if tx.IsTask(e.Path) || tx.Claimant(e.ID) != "" {
			return nil // redone, or held by an input before it
		}
		return tx.Claim(e.ID, e.Path)
	})
}

// updateHolders calls fn in a write transaction with each done or duplicate entry (those that hold a
// document id or name the input holding it), in path order.
func (r *runner) updateHolders(fn func(tx *index.Tx, e *index.Entry) error) error {
	w := r.st.Writer()
	defer w.Abort()
	err := r.st.EachEntry(func(e *index.Entry) error {
		if e.Status != index.StatusDone && e.Status != index.StatusDuplicate {
			return nil
		}
		return w.Update(func(tx *index.Tx) error { return fn(tx, e) })
	})
	if err != nil {
		return err
	}
	return w.Commit()
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

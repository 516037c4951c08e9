package batch

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"

	"drucksache/batch/internal/index"
	"drucksache/load"
)

// sweep deals with the files of the output folders that the manifest does not record. A file the
// journal of a killed run names (it was renamed into place before the manifest recorded it) is
// removed when no entry holds it, no other shard claims it and its content is as journaled; any other
// file no record names is the user's and is kept, listed in the report: in json/ and xlsx/ those no
// entry holds (in an unsharded folder only: a shard does not know the documents of the others), in
// the dataset the files named like this shard's part that the manifest does not list. Folders are
// read a piece at a time.
func (r *runner) sweep() error {
	unlock, err := r.holdOutputs()
	if err != nil {
		return err
	}
	defer unlock()
	if err := r.sweepJournaled(); err != nil {
		return err
	}
	parts := map[string]bool{}
	for _, f := range r.man.Parquet.Files {
		parts[f] = true
	}
	for _, folder := range outputFolders() {
		dataset := folder == load.DatasetFolder
		if !dataset && r.Shard.N > 1 {
			continue
		}
		err := eachFile(filepath.Join(r.Out, folder), dataset, func(names []string) error {
			return r.st.Update(func(tx *index.Tx) error {
				for _, name := range names {
					f := folder + "/" + name
					_, journaled := tx.Journaled(f)
					switch {
					case dataset && (!load.IsPartFile(filepath.Base(name), datasetPart(r.Shard)) || parts[f]):
					case !dataset && (tx.Held(f) || journaled):
					default:
						if err := tx.Keep(f, keptForeign); err != nil {
							return err
						}
					}
				}
				return nil
			})
		})
		if err != nil {
			return err
		}
	}
	return nil
}

// sweepJournaled removes the files the journal of a killed run names that nothing holds now, and
// gives the entry holding such a file the sum journaled when the file is as journaled (the run
// placed it after the entry was last saved).
func (r *runner) sweepJournaled() error {
	w := r.st.Writer()
	defer w.Abort()
	err := r.st.EachJournaled(func(f string, sum index.Digest) error {
		var held, other bool
		err := w.Update(func(tx *index.Tx) error {
			held, other = tx.Held(f), tx.Other(f)
			return nil
		})
		if err != nil {
			return err
		}
		if held {
			got, err := hashFile(filepath.Join(r.Out, filepath.FromSlash(f)))
			if err != nil || got != sum {
				return nil
			}
			return w.Update(func(tx *index.Tx) error { return tx.AdoptSum(f, sum) })
		}
		if other {
			return nil
		}
		return r.removeOrKeep(w, f, sum)
	})
	if err != nil {
		return err
	}
	return w.Commit()
}

// eachFile calls fn with the names of the regular files in dir that are not hidden, slash-separated, a
// chunk at a time, in the order the file system gives; with deep, also those in folders below dir
// (named relative to dir). A missing dir has none.
func eachFile(dir string, deep bool, fn func(names []string) error) error {
	if _, err := os.Stat(dir); errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	var names []string
	err := walkFolder(dir, func(p string, d fs.DirEntry) error {
		if !d.Type().IsRegular() {
			return nil
		}
		rel, err := filepath.Rel(dir, p)
		if err != nil {
			return err
		}
		if names = append(names, filepath.ToSlash(rel)); len(names) == 256 {
			err, names = fn(names), names[:0]
		}
		return err
	}, func(string) bool { return deep })
	if err == nil && len(names) > 0 {
		err = fn(names)
	}
	return err
}

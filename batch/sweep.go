package batch

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"

	"drucksache/batch/internal/index"
	"drucksache/load"
)

// sweepOrphans removes output files that no entry of the manifest holds: what a run killed between
// renaming a document's files into place and recording them in the manifest left. Per-document files
// are swept only in an unsharded folder (the shards sharing a folder do not read each other's
// manifests); the files of this shard's Parquet part always. Folders are read a piece at a time.
func (r *runner) sweepOrphans() error {
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
			var orphans []string
			err := r.st.View(func(tx *index.Tx) error {
				for _, name := range names {
					f := folder + "/" + name
					switch {
					case dataset && (!load.IsPartFile(filepath.Base(name), datasetPart(r.Shard)) || parts[f]):
					case !dataset && tx.Held(f):
					default:
						orphans = append(orphans, f)
					}
				}
				return nil
			})
			for _, f := range orphans {
				if err := os.Remove(filepath.Join(r.Out, filepath.FromSlash(f))); err != nil && !errors.Is(err, os.ErrNotExist) {
					return err
				}
			}
			return err
		})
		if err != nil {
			return err
		}
	}
	return nil
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

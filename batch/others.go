package batch

import (
	"bufio"
	"encoding/json"
	"fmt"
	"path/filepath"

	"drucksache/batch/internal/index"
)

// The shards of one output folder share its per-document folders (json, xlsx; a document's files
// are named by its id) and do not read each other's inputs. A shard reads the others' manifests and
// journals to remove no file another claims (loadOthers), and to find the documents another shard
// holds too (sharedIDs): the same Drucksache from files the shard key does not bring together.

// loadOthers records in the index the per-document files the other shards of the output folder hold
// (the done entries of their manifests) or have placed (their journals), read afresh: a shard
// removes no file another one claims. Nothing for an unsharded run.
func (r *runner) loadOthers() error {
	if r.Shard.N <= 1 {
		return nil
	}
	if err := r.st.ClearOthers(); err != nil {
		return err
	}
	w := r.st.Writer()
	defer w.Abort()
	put := func(files ...string) error {
		return w.Update(func(tx *index.Tx) error {
			for _, f := range files {
				if err := tx.PutOther(f); err != nil {
					return err
				}
			}
			return nil
		})
	}
	for k := 1; k <= r.Shard.N; k++ {
		s := Shard{k, r.Shard.N}
		if s == r.Shard {
			continue
		}
		if err := eachJournaled(journalPath(r.Out, s), func(l journalLine) error { return put(l.File) }); err != nil {
			return err
		}
		err := eachManifestEntry(filepath.Join(r.Out, s.fileName("manifest")), func(e *index.Entry) error {
			return put(e.OutputFiles()...)
		})
		if err != nil {
			return err
		}
	}
	return w.Commit()
}

// eachManifestEntry calls fn with every entry of the manifest at path, read as a stream; a missing
// manifest has none.
func eachManifestEntry(path string, fn func(e *index.Entry) error) error {
	f, err := openIfThere(path)
	if f == nil {
		return err
	}
	defer f.Close()
	var m manifest
	ignore := func(string, string) error { return nil }
	sink := manifestSink{garbage: func(string, index.Digest) error { return nil }, input: fn, refuse: ignore}
	if err := m.decode(json.NewDecoder(bufio.NewReader(f)), sink); err != nil {
		return fmt.Errorf("%s: %w: %v", path, errBadManifest, err)
	}
	return nil
}

// sharedIDs records the document ids this shard holds (done entries) that the manifest of another
// shard of the output folder holds too, for the report: each such document is in the dataset once per
// shard holding it until a merge settles it (Merge). Nothing for an unsharded run.
func (r *runner) sharedIDs() error {
	if r.Shard.N <= 1 {
		return nil
	}
	w := r.st.Writer()
	defer w.Abort()
	for k := 1; k <= r.Shard.N; k++ {
		s := Shard{k, r.Shard.N}
		if s == r.Shard {
			continue
		}
		err := eachManifestEntry(filepath.Join(r.Out, s.fileName("manifest")), func(e *index.Entry) error {
			if e.Status != index.StatusDone {
				return nil
			}
			return w.Update(func(tx *index.Tx) error {
				holder, err := tx.Entry(tx.Holder(e.ID))
				if err != nil || holder == nil || holder.Status != index.StatusDone {
					return err
				}
				return tx.PutShared(e.ID, s.String(), holder.Path, e.Path)
			})
		})
		if err != nil {
			return err
		}
	}
	return w.Commit()
}

package main

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	drucksache "drucksache"

	bolt "go.etcd.io/bbolt"
)

// dataset rewrites this folder's Parquet part from the JSON outputs of all its documents when they
// differ from what the part was built from, and says what it did; see runner for why.
func (b *batch) dataset(ctx context.Context) (string, error) {
	n, digest, err := b.datasetSources()
	if err != nil {
		return "", err
	}
	if digest == b.man.Parquet.Digest && b.filesExist(b.man.Parquet.Files) {
		return "unchanged", nil
	}
	stage := filepath.Join(b.stage, "parquet")
	if err := os.RemoveAll(stage); err != nil {
		return "", err
	}
	pq := datasetLoader(stage, b.shard)
	b.prog.start("writing parquet", n)
	defer b.prog.finish()
	err = b.eachDone(func(e *entry) error {
		if err := ctx.Err(); err != nil {
			return err
		}
		doc, err := readDocument(filepath.Join(b.out, filepath.FromSlash(jsonOutput(e))))
		if err == nil {
			err = pq.Write(ctx, doc)
		}
		b.prog.step(nil)
		return err
	})
	if err != nil {
		pq.Abort()
		return "", err
	}
	if err := pq.Close(); err != nil {
		return "", err
	}
	staged, err := listFiles(stage)
	if err != nil {
		return "", err
	}
	files := make([]string, len(staged))
	for i, f := range staged {
		files[i] = "parquet/" + f
	}
	// Recorded before the renames, so that a run killed among them knows every file to replace.
	b.man.Parquet = parquetState{Files: uniqueSorted(append(append([]string(nil), b.man.Parquet.Files...), files...))}
	if err := b.man.save(b.manPath); err != nil {
		return "", err
	}
	for i, f := range staged {
		dst := filepath.Join(b.out, filepath.FromSlash(files[i]))
		if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
			return "", err
		}
		if err := os.Rename(filepath.Join(stage, filepath.FromSlash(f)), dst); err != nil {
			return "", err
		}
	}
	keep := map[string]bool{}
	for _, f := range files {
		keep[f] = true
	}
	for _, f := range b.man.Parquet.Files {
		if !keep[f] { // a partition this part no longer has
			if err := os.Remove(filepath.Join(b.out, filepath.FromSlash(f))); err != nil && !errors.Is(err, os.ErrNotExist) {
				return "", err
			}
		}
	}
	b.man.Parquet = parquetState{Digest: digest, Files: files}
	return "rewritten", nil
}

// datasetSources counts the documents of the part and makes the digest of what they are: in path
// order each input's path, hash and id, and its JSON output's size and time (a rewritten JSON file
// changes it).
func (b *batch) datasetSources() (int, string, error) {
	h := sha256.New()
	fmt.Fprintf(h, "drucksache parquet part %s schema %d\n", b.shard.part(), drucksache.SchemaVersion)
	n := 0
	err := b.eachDone(func(e *entry) error {
		fi, err := os.Stat(filepath.Join(b.out, filepath.FromSlash(jsonOutput(e))))
		if err != nil {
			return err
		}
		n++
		fmt.Fprintf(h, "%q %s %q %d %d\n", e.Path, e.SHA256, e.ID, fi.Size(), fi.ModTime().UnixNano())
		return nil
	})
	return n, hex.EncodeToString(h.Sum(nil)), err
}

// eachDone calls fn with every done entry (whose outputs hold its document) in path order.
func (b *batch) eachDone(fn func(e *entry) error) error {
	return b.st.each(bucketEntries, nil, func(k, v []byte) error {
		e, err := decodeEntry(k, v)
		if err != nil || e.Status != statusDone {
			return err
		}
		return fn(e)
	})
}

// jsonOutput is the JSON file of a done entry, relative to the output folder.
func jsonOutput(e *entry) string {
	for _, f := range e.outputs() {
		if strings.HasPrefix(f, "json/") {
			return f
		}
	}
	return "json/" + e.ID + ".json"
}

// filesExist reports whether every file (relative to the output folder) is there.
func (b *batch) filesExist(files []string) bool {
	for _, f := range files {
		if _, err := os.Stat(filepath.Join(b.out, filepath.FromSlash(f))); err != nil {
			return false
		}
	}
	return true
}

// readDocument reads a document back from its JSON output.
func readDocument(path string) (*drucksache.Document, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	doc := &drucksache.Document{}
	if err := json.Unmarshal(data, doc); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return doc, nil
}

// sweepOrphans removes output files that no entry of the manifest holds: what a run killed between
// renaming a document's files into place and recording them in the manifest left. Per-document files
// are swept only in an unsharded folder (the shards sharing a folder do not read each other's
// manifests); the files of this shard's Parquet part always. Folders are read a piece at a time.
func (b *batch) sweepOrphans() error {
	parts := map[string]bool{}
	for _, f := range b.man.Parquet.Files {
		parts[f] = true
	}
	for _, kind := range append(append([]string(nil), outputKinds...), "parquet") {
		dir := filepath.Join(b.out, kind)
		if kind != "parquet" && b.shard.n > 1 {
			continue
		}
		err := eachFile(dir, kind == "parquet", func(names []string) error {
			var orphans []string
			err := b.st.db.View(func(tx *bolt.Tx) error {
				for _, name := range names {
					f := kind + "/" + name
					switch {
					case kind == "parquet" && (!isPartFile(filepath.Base(name), b.shard) || parts[f]):
					case kind != "parquet" && held(tx, f):
					default:
						orphans = append(orphans, f)
					}
				}
				return nil
			})
			for _, f := range orphans {
				if err := os.Remove(filepath.Join(b.out, filepath.FromSlash(f))); err != nil && !errors.Is(err, os.ErrNotExist) {
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

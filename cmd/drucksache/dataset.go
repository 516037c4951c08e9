package main

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	drucksache "drucksache"
)

// dataset rewrites this folder's Parquet part from the JSON outputs of all its documents when they
// differ from what the part was built from, and says what it did; see runner for why.
func (b *batch) dataset(ctx context.Context) (string, error) {
	owners, digest, err := b.datasetSources()
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
	b.prog.start("writing parquet", len(owners))
	defer b.prog.finish()
	for _, e := range owners {
		if err := ctx.Err(); err != nil {
			pq.Abort()
			return "", err
		}
		doc, err := readDocument(filepath.Join(b.out, filepath.FromSlash(jsonOutput(e))))
		if err == nil {
			err = pq.Write(ctx, doc)
		}
		if err != nil {
			pq.Abort()
			return "", err
		}
		b.prog.step(nil)
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

// datasetSources lists the documents of the part in path order with the digest of what they are:
// each input's path, hash and id, and its JSON output's size and time (a rewritten JSON file changes it).
func (b *batch) datasetSources() ([]*entry, string, error) {
	var owners []*entry
	for _, e := range b.man.byPath {
		if e.Status == statusDone {
			owners = append(owners, e)
		}
	}
	sort.Slice(owners, func(i, j int) bool { return owners[i].Path < owners[j].Path })
	h := sha256.New()
	fmt.Fprintf(h, "drucksache parquet part %s schema %d\n", b.shard.part(), drucksache.SchemaVersion)
	for _, e := range owners {
		fi, err := os.Stat(filepath.Join(b.out, filepath.FromSlash(jsonOutput(e))))
		if err != nil {
			return nil, "", err
		}
		fmt.Fprintf(h, "%q %s %q %d %d\n", e.Path, e.SHA256, e.ID, fi.Size(), fi.ModTime().UnixNano())
	}
	return owners, hex.EncodeToString(h.Sum(nil)), nil
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
// manifests); the files of this shard's Parquet part always.
func (b *batch) sweepOrphans() error {
	held := map[string]bool{}
	for _, e := range b.man.byPath {
		for _, f := range e.outputs() {
			held[f] = true
		}
	}
	for _, f := range b.man.Parquet.Files {
		held[f] = true
	}
	var orphans []string
	if b.shard.n == 1 {
		for _, kind := range outputKinds {
			files, err := listFiles(filepath.Join(b.out, kind))
			if err != nil {
				return err
			}
			for _, f := range files {
				if !strings.Contains(f, "/") && !held[kind+"/"+f] {
					orphans = append(orphans, kind+"/"+f)
				}
			}
		}
	}
	parts, err := listFiles(filepath.Join(b.out, "parquet"))
	if err != nil {
		return err
	}
	for _, f := range parts {
		if isPartFile(filepath.Base(f), b.shard) && !held["parquet/"+f] {
			orphans = append(orphans, "parquet/"+f)
		}
	}
	for _, f := range orphans {
		if err := os.Remove(filepath.Join(b.out, filepath.FromSlash(f))); err != nil && !errors.Is(err, os.ErrNotExist) {
			return err
		}
	}
	return nil
}

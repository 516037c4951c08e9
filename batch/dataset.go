package batch

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	drucksache "drucksache"
	"drucksache/batch/internal/index"
	"drucksache/load"
)

// dataset rewrites this folder's Parquet part from the JSON outputs of all its documents when they
// differ from what the part was built from, and says what it did; see the package documentation for why.
func (r *runner) dataset(ctx context.Context) (string, error) {
	n, digest, merged, err := r.datasetSources()
	if err != nil {
		return "", err
	}
	// A shard's own run keeps the part a merge left when its documents are as they were then.
	if digest == r.man.Parquet.Digest && (r.lost == nil || merged == r.man.Parquet.Merged) && r.filesExist(r.man.Parquet.Files) {
		return "unchanged", nil
	}
	stage := filepath.Join(r.stage, "parquet")
	if err := os.RemoveAll(stage); err != nil {
		return "", err
	}
	pq := datasetLoader(stage, r.Shard)
	r.prog.start("writing parquet", n)
	defer r.prog.finish()
	err = r.eachDone(func(e *index.Entry) error {
		if err := ctx.Err(); err != nil {
			return err
		}
		if r.lost != nil && r.lost(e) {
			return nil // another shard's input holds the document: its part has it
		}
		doc, err := readDocument(filepath.Join(r.Out, filepath.FromSlash(jsonOutput(e))))
		if err == nil {
			err = pq.Write(ctx, doc)
		}
		r.prog.step(nil)
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
	sums := make([]index.Digest, len(staged))
	for i, f := range staged {
		files[i] = load.DatasetFolder + "/" + f
		if sums[i], err = hashFile(filepath.Join(stage, filepath.FromSlash(f))); err != nil {
			return "", err
		}
		if err := r.checkInside(files[i]); err != nil {
			return "", err
		}
	}
	// Recorded before the renames, so that a run killed among them knows every file to replace; a
	// file of the old part keeps the sum it was written with until it is replaced, a new one has its own.
	old := r.man.Parquet
	all := uniqueSorted(append(append([]string(nil), old.Files...), files...))
	r.man.Parquet = parquetState{Files: all, Sums: make([]index.Digest, len(all))}
	for i, f := range all {
		if j := slices.Index(files, f); j >= 0 && !slices.Contains(old.Files, f) {
			r.man.Parquet.Sums[i] = sums[j]
		} else {
			r.man.Parquet.Sums[i] = old.sum(f)
		}
	}
	if err := r.man.save(r.manPath); err != nil {
		return "", err
	}
	for i, f := range staged {
		dst := filepath.Join(r.Out, filepath.FromSlash(files[i]))
		if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
			return "", err
		}
		if err := os.Rename(filepath.Join(stage, filepath.FromSlash(f)), dst); err != nil {
			return "", err
		}
	}
	for _, f := range old.Files {
		if slices.Contains(files, f) {
			continue
		}
		// A partition this part no longer has.
		why, err := r.removeOwn(f, old.sum(f))
		if err == nil && why != "" {
			err = r.st.Update(func(tx *index.Tx) error { return tx.Keep(f, why) })
		}
		if err != nil {
			return "", err
		}
	}
	r.man.Parquet = parquetState{Digest: digest, Merged: merged, Files: files, Sums: sums}
	return "rewritten", nil
}

// datasetSources counts the documents of the part and makes the digest of what they are: in path
// order each input's path, hash and id, and its JSON output's size and time (a rewritten JSON file
// changes it). In a merge, merged is the digest of that digest and the documents left out, lost to
// another shard's input ("" when none is).
func (r *runner) datasetSources() (n int, digest, merged string, err error) {
	h := sha256.New()
	fmt.Fprintf(h, "drucksache parquet part %s schema %d\n", r.Shard.part(), drucksache.SchemaVersion)
	var left []string
	err = r.eachDone(func(e *index.Entry) error {
		fi, err := os.Stat(filepath.Join(r.Out, filepath.FromSlash(jsonOutput(e))))
		if err != nil {
			return err
		}
		if r.lost != nil && r.lost(e) {
			left = append(left, fmt.Sprintf("%q %q", e.Path, e.ID))
		} else {
			n++
		}
		fmt.Fprintf(h, "%q %s %q %d %d\n", e.Path, e.SHA256, e.ID, fi.Size(), fi.ModTime().UnixNano())
		return nil
	})
	digest = hex.EncodeToString(h.Sum(nil))
	if len(left) > 0 {
		m := sha256.New()
		fmt.Fprintf(m, "merged %s\n%s\n", digest, strings.Join(left, "\n"))
		merged = hex.EncodeToString(m.Sum(nil))
	}
	return n, digest, merged, err
}

// eachDone calls fn with every done entry (whose outputs hold its document) in path order.
func (r *runner) eachDone(fn func(e *index.Entry) error) error {
	return r.st.EachEntry(func(e *index.Entry) error {
		if e.Status != index.StatusDone {
			return nil
		}
		return fn(e)
	})
}

// jsonOutput is the JSON file of a done entry, relative to the output folder.
func jsonOutput(e *index.Entry) string {
	for _, f := range e.OutputFiles() {
		if strings.HasPrefix(f, load.JSONOutput.Folder+"/") {
			return f
		}
	}
	return load.JSONOutput.Path(e.ID)
}

// filesExist reports whether every file (relative to the output folder) is there.
func (r *runner) filesExist(files []string) bool {
	for _, f := range files {
		if _, err := os.Stat(filepath.Join(r.Out, filepath.FromSlash(f))); err != nil {
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

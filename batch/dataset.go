package batch

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	drucksache "drucksache"
	"drucksache/batch/internal/index"
	"drucksache/load"
)

// dataset rewrites this folder's Parquet part from the JSON outputs of all its documents when they
// differ from what the part was built from, and says what it did; see the package documentation for why.
func (r *runner) dataset(ctx context.Context) (string, error) {
	n, digest, err := r.datasetSources()
	if err != nil {
		return "", err
	}
	if digest == r.man.Parquet.Digest && r.filesExist(r.man.Parquet.Files) {
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
	for i, f := range staged {
		files[i] = load.DatasetFolder + "/" + f
	}
	// Recorded before the renames, so that a run killed among them knows every file to replace.
	r.man.Parquet = parquetState{Files: uniqueSorted(append(append([]string(nil), r.man.Parquet.Files...), files...))}
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
	keep := map[string]bool{}
	for _, f := range files {
		keep[f] = true
	}
	for _, f := range r.man.Parquet.Files {
		if !keep[f] { // a partition this part no longer has
			if err := os.Remove(filepath.Join(r.Out, filepath.FromSlash(f))); err != nil && !errors.Is(err, os.ErrNotExist) {
				return "", err
			}
		}
	}
	r.man.Parquet = parquetState{Digest: digest, Files: files}
	return "rewritten", nil
}

// datasetSources counts the documents of the part and makes the digest of what they are: in path
// order each input's path, hash and id, and its JSON output's size and time (a rewritten JSON file
// changes it).
func (r *runner) datasetSources() (int, string, error) {
	h := sha256.New()
	fmt.Fprintf(h, "drucksache parquet part %s schema %d\n", r.Shard.part(), drucksache.SchemaVersion)
	n := 0
	err := r.eachDone(func(e *index.Entry) error {
		fi, err := os.Stat(filepath.Join(r.Out, filepath.FromSlash(jsonOutput(e))))
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

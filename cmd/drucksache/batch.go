package main

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"syscall"

	drucksache "drucksache"
	"drucksache/transform"

	bolt "go.etcd.io/bbolt"
)

// task is one input to extract in this run, with the file's size and time as seen before reading it.
type task struct {
	in      input
	size    int64
	modTime int64
	checked int64
}

// outcome is what became of one task.
type outcome struct {
	task
	sha         digest
	id          string
	outputs     []string // committed, relative to the output folder; nil when done as a duplicate
	reason      string   // why the input is quarantined; empty when it was done
	fatal       error    // a failure of the machine, not the document: the run stops
	interrupted bool     // the run was stopped before the input was done
}

// runTasks extracts the tasks of the store's tasks bucket (checked at the time given) on r.workers
// workers and hands each outcome to record, one at a time, in the order they finish (outputs do not
// depend on it: each document's files are its own, and the Parquet part is written afterwards in path
// order). A fatal outcome or a record error stops the work; outcomes of documents already committed
// are still recorded.
func (r *runner) runTasks(ctx context.Context, checked int64, record func(*outcome) error) error {
	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	jobs := make(chan task)
	results := make(chan *outcome)
	var wg sync.WaitGroup
	for w := 0; w < r.workers; w++ {
		stage := filepath.Join(r.stage, fmt.Sprintf("w%d", w))
		wg.Add(1)
		go func() {
			defer wg.Done()
			for t := range jobs {
				results <- r.process(ctx, stage, t)
			}
		}()
	}
	go func() {
		defer close(jobs)
		err := r.st.each(bucketTasks, nil, func(k, v []byte) error {
			select {
			case jobs <- readTask(k, v, checked):
				return nil
			case <-ctx.Done():
				return ctx.Err()
			}
		})
		if err != nil && ctx.Err() == nil {
			cancel(err)
		}
	}()
	go func() {
		wg.Wait()
		close(results)
	}()
	var first error
	for o := range results {
		switch {
		case o.fatal != nil:
			if first == nil {
				first = o.fatal
				cancel(first)
			}
		case o.interrupted:
		default:
			if err := record(o); err != nil && first == nil {
				first = err
				cancel(first)
			}
		}
	}
	if first == nil {
		first = context.Cause(ctx)
	}
	return first
}

// process extracts, transforms and writes one input. Outputs are written below the worker's stage
// folder and renamed into the output folder only when every loader succeeded, so a document is
// committed whole or not at all.
func (r *runner) process(ctx context.Context, stage string, t task) *outcome {
	o := &outcome{task: t}
	path := t.in.path
	doc, err := r.extractGuarded(ctx, path)
	if ctx.Err() != nil {
		o.interrupted = true
		return o
	}
	if err == nil {
		err = safely(path, "transform", func() error { transform.Apply(doc); return nil })
	}
	if err == nil {
		err = checkID(doc, path)
	}
	if err != nil {
		if resourceFailure(err) {
			o.fatal = err
			return o
		}
		o.reason = strings.TrimPrefix(err.Error(), path+": ")
		o.sha, _ = hashFile(path)
		return o
	}
	o.id, o.sha = doc.ID, parseDigest(doc.Source.SHA256)
	if o.sha == (digest{}) {
		o.sha, _ = hashFile(path)
	}
	files, err := r.stageOutputs(ctx, stage, doc)
	if err != nil {
		os.RemoveAll(stage)
		switch {
		case ctx.Err() != nil:
			o.interrupted = true
		case writeFailure(err):
			o.fatal = err
		default:
			o.reason = strings.TrimPrefix(err.Error(), path+": ")
		}
		return o
	}
	o.outputs, o.fatal = r.commit(stage, files, o.id, path)
	return o
}

// checkID makes sure the document id (set by transform.Apply) can name its output files and none other.
func checkID(doc *drucksache.Document, path string) error {
	id := doc.ID
	if id == "" || len(id) > 200 || strings.HasPrefix(id, ".") || strings.ContainsAny(id, `/\`+"\x00") {
		return fmt.Errorf("%s: document id %q cannot name an output file", path, id)
	}
	return nil
}

// stageOutputs writes the outputs of one document below stage and lists them, slash-separated.
func (r *runner) stageOutputs(ctx context.Context, stage string, doc *drucksache.Document) ([]string, error) {
	for _, l := range r.loaders(stage) {
		if err := writeDocument(ctx, l, doc); err != nil {
			return nil, err
		}
	}
	return listFiles(stage)
}

// listFiles lists the regular files below dir that are not hidden, relative and slash-separated, sorted.
func listFiles(dir string) ([]string, error) {
	fi, err := os.Stat(dir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil, nil
	case err != nil:
		return nil, err
	case !fi.IsDir():
		return nil, &fs.PathError{Op: "list", Path: dir, Err: syscall.ENOTDIR}
	}
	var files []string
	err = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.Type().IsRegular() && !strings.HasPrefix(d.Name(), ".") {
			rel, err := filepath.Rel(dir, p)
			if err != nil {
				return err
			}
			files = append(files, filepath.ToSlash(rel))
		}
		return nil
	})
	sort.Strings(files)
	return files, err
}

// commit renames the staged outputs of one document into the output folder, unless an input earlier
// in path order holds the document id (the claims bucket says which): then the document is a duplicate
// and its staged files go. Commits happen one at a time (the store's write transaction), so a document
// id's files come from the first input in path order however the workers' commits interleave.
func (r *runner) commit(stage string, files []string, id, path string) ([]string, error) {
	var committed []string
	err := r.st.db.Update(func(tx *bolt.Tx) error {
		claims := tx.Bucket(bucketClaims)
		if p := claims.Get([]byte(id)); p != nil && string(p) < path {
			for _, f := range files {
				os.Remove(filepath.Join(stage, filepath.FromSlash(f)))
			}
			return nil
		}
		for _, f := range files {
			dst := filepath.Join(r.out, filepath.FromSlash(f))
			if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
				return err
			}
			if err := os.Rename(filepath.Join(stage, filepath.FromSlash(f)), dst); err != nil {
				return err
			}
		}
		committed = files
		return claims.Put([]byte(id), []byte(path))
	})
	return committed, err
}

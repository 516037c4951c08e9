package batch

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
	"drucksache/batch/internal/index"
	"drucksache/load"
	"drucksache/transform"
)

// task is one input to extract in this run, with the file's size and time as seen before reading it.
type task struct {
	path    string
	size    int64
	modTime int64
	checked int64
}

// outcome is what became of one task.
type outcome struct {
	task
	sha         index.Digest
	id          string
	outputs     []string           // committed, relative to the output folder; nil when done as a duplicate
	failure     *Failure           // why the input is quarantined; nil when it was done
	review      *drucksache.Review // the review of the document done
	fatal       error              // a failure of the machine, not the document: the run stops
	interrupted bool               // the run was stopped before the input was done
}

// runTasks extracts the tasks of the index (checked at the time given) on r.Workers workers and
// hands each outcome to record, one at a time, in the order they finish (outputs do not depend on
// it: each document's files are its own, and the Parquet part is written afterwards in path order).
// A fatal outcome or a record error stops the work; outcomes of documents already committed are
// still recorded.
func (r *runner) runTasks(ctx context.Context, checked int64, record func(*outcome) error) error {
	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	jobs := make(chan task)
	results := make(chan *outcome)
	var wg sync.WaitGroup
	for w := 0; w < r.Workers; w++ {
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
		err := r.st.EachTask(func(t index.Task) error {
			select {
			case jobs <- task{path: t.Path, size: t.Size, modTime: t.ModTime, checked: checked}:
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
	path := t.path
	doc, err := r.extractGuarded(ctx, path)
	if ctx.Err() != nil {
		o.interrupted = true
		return o
	}
	if err == nil {
		err = safely(path, "transform", func() error { transform.Apply(doc); return nil })
	}
	if err == nil && r.Extractor != nil {
		stamp := *r.Extractor
		doc.Extractor = &stamp
	}
	if err == nil {
		if err = load.CheckID(doc.ID); err != nil {
			err = fmt.Errorf("%s: %w", path, err)
		}
	}
	if err != nil {
		if resourceFailure(err) {
			o.fatal = err
			return o
		}
		o.failure = failureOf(path, err, false)
		o.sha, _ = hashFile(path)
		return o
	}
	o.id, o.sha, o.review = doc.ID, index.ParseDigest(doc.Source.SHA256), doc.Review
	if o.sha == (index.Digest{}) {
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
			o.failure = failureOf(path, err, true)
		}
		return o
	}
	o.outputs, o.fatal = r.commit(stage, files, o.id, path)
	return o
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
// in path order holds the document id (the index's claims say which): then the document is a
// duplicate and its staged files go. Commits happen one at a time (the index's write transaction), so
// a document id's files come from the first input in path order however the workers' commits
// interleave.
func (r *runner) commit(stage string, files []string, id, path string) ([]string, error) {
	var committed []string
	err := r.st.Update(func(tx *index.Tx) error {
		if p := tx.Claimant(id); p != "" && p < path {
			for _, f := range files {
				os.Remove(filepath.Join(stage, filepath.FromSlash(f)))
			}
			return nil
		}
		for _, f := range files {
			dst := filepath.Join(r.Out, filepath.FromSlash(f))
			if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
				return err
			}
			if err := os.Rename(filepath.Join(stage, filepath.FromSlash(f)), dst); err != nil {
				return err
			}
		}
		committed = files
		return tx.Claim(id, path)
	})
	return committed, err
}

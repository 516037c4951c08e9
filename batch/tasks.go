package batch

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"syscall"

	drucksache "drucksache"
	"drucksache/batch/internal/index"
	"drucksache/isolate"
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
	sums        []index.Digest     // the SHA-256 of each output, in the order of outputs
	failure     *Failure           // why the input is quarantined; nil when it was done
	review      *drucksache.Review // the review of the document done
	fatal       error              // a failure of the machine, not the document: the run stops
	interrupted bool               // the run was stopped before the input was done
}

// runTasks extracts the n tasks of the index (checked at the time given) on up to r.Workers workers
// and hands each outcome to record, one at a time, in the order they finish (outputs do not depend
// on it: each document's files are its own, and the Parquet part is written afterwards in path
// order). A fatal outcome or a record error stops the work; outcomes of documents already committed
// are still recorded.
func (r *runner) runTasks(ctx context.Context, checked int64, n int, record func(*outcome) error) error {
	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	jobs := make(chan task)
	results := make(chan *outcome)
	var wg sync.WaitGroup
	for w := range max(1, min(r.Workers, n)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; ; i++ {
				t, ok := <-jobs
				if !ok {
					return
				}
				// A folder of its own for each document: the work of an extraction given up on
				// (in this process, see makeHere) can never be committed with another's.
				results <- r.process(ctx, filepath.Join(r.stage, fmt.Sprintf("w%d-%d", w, i)), t)
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

// made is what became of one document made below its stage folder: its id, the hash of its source,
// its review.
type made struct {
	id     string
	sha    index.Digest
	review *drucksache.Review
}

// process extracts, transforms and writes one input below its stage folder, then commits it: the
// outputs are renamed into the output folder only when every writer succeeded, so a document is
// committed whole or not at all. The time limit covers all of it but the commit.
func (r *runner) process(ctx context.Context, stage string, t task) *outcome {
	defer os.RemoveAll(stage)
	o := &outcome{task: t}
	path := t.path
	var m *made
	var err error
	if r.pool != nil {
		m, err = r.makeIsolated(ctx, stage, path)
	} else {
		m, err = guard(ctx, r, path, func(ctx context.Context) (*made, error) { return r.makeHere(ctx, stage, path) })
	}
	if ctx.Err() != nil {
		o.interrupted = true
		return o
	}
	if err != nil {
		var we *isolate.WriteError
		writing := errors.As(err, &we)
		if resourceFailure(err) || writing && writeFailure(err) {
			o.fatal = err
			return o
		}
		o.failure = failureOf(path, err, writing)
		o.sha, _ = hashFile(path)
		return o
	}
	o.id, o.sha, o.review = m.id, m.sha, m.review
	if o.sha == (index.Digest{}) {
		o.sha, _ = hashFile(path)
	}
	files, err := listFiles(stage)
	sums := make([]index.Digest, len(files))
	for i := 0; err == nil && i < len(files); i++ {
		sums[i], err = hashFile(filepath.Join(stage, filepath.FromSlash(files[i])))
	}
	if err != nil {
		o.fatal = err
		return o
	}
	o.outputs, o.fatal = r.commit(stage, files, sums, o.id, path)
	if o.outputs != nil {
		o.sums = sums
	}
	return o
}

// makeIsolated makes one document below stage in a child process of the run's pool, within the
// time limit and the memory limit.
func (r *runner) makeIsolated(ctx context.Context, stage, path string) (*made, error) {
	m, err := r.pool.Make(ctx, path, stage, r.Extractor, r.Timeout)
	if err != nil {
		return nil, err
	}
	return &made{id: m.ID, sha: index.ParseDigest(m.SHA256), review: m.Review}, nil
}

// makeHere makes one document below stage in this process, with Config.Extract and the run's
// writers: extraction, transform, the build's stamp, the id check, each writer (its error a
// *isolate.WriteError).
func (r *runner) makeHere(ctx context.Context, stage, path string) (*made, error) {
	doc, err := r.callExtract(ctx, path)
	if err == nil {
		err = safely(path, "transform", func() error { transform.Apply(doc); return nil })
	}
	if err != nil {
		return nil, err
	}
	if r.Extractor != nil {
		stamp := *r.Extractor
		doc.Extractor = &stamp
	}
	if err := load.CheckID(doc.ID); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	for _, l := range r.loaders(stage) {
		if err := writeDocument(ctx, l, doc); err != nil {
			if ctx.Err() != nil {
				return nil, ctx.Err()
			}
			return nil, &isolate.WriteError{Err: err}
		}
	}
	return &made{id: doc.ID, sha: index.ParseDigest(doc.Source.SHA256), review: doc.Review}, nil
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
// interleave. The files are journaled before they are renamed, and renamed all or none.
func (r *runner) commit(stage string, files []string, sums []index.Digest, id, path string) ([]string, error) {
	var committed []string
	err := r.st.Update(func(tx *index.Tx) error {
		if p := tx.Claimant(id); p != "" && p < path {
			for _, f := range files {
				os.Remove(filepath.Join(stage, filepath.FromSlash(f)))
			}
			return nil
		}
		unlock, err := r.lockOutputs()
		if err != nil {
			return err
		}
		defer unlock()
		if err := r.journalFiles(files, sums); err != nil {
			return err
		}
		if err := place(r.Out, stage, files); err != nil {
			return err
		}
		for _, f := range files {
			if err := tx.Unkeep(f); err != nil {
				return err
			}
		}
		committed = files
		return tx.Claim(id, path)
	})
	return committed, err
}

// place renames the staged files (relative to stage and to out, slash-separated) into out, all or
// none: a file it replaces is kept aside (a hard link in the stage) until every rename succeeded, and
// put back should one fail, so that a document is never committed with some of its outputs only.
// What is in the way of a file and is not a file (a folder, a link) is left alone and fails the commit.
func place(out, stage string, files []string) error {
	var done []placed
	undo := func() {
		for i := len(done) - 1; i >= 0; i-- {
			if p := done[i]; p.aside != "" {
				os.Rename(p.aside, p.dst)
			} else {
				os.Remove(p.dst)
			}
		}
	}
	for i, f := range files {
		src, dst := filepath.Join(stage, filepath.FromSlash(f)), filepath.Join(out, filepath.FromSlash(f))
		p, err := keepAside(dst, filepath.Join(stage, ".aside", strconv.Itoa(i)))
		if err == nil {
			err = os.Rename(src, dst)
		}
		if err != nil {
			if p.aside != "" {
				os.Rename(p.aside, p.dst) // nothing to do for a link to the file still in place
			}
			undo()
			return err
		}
		done = append(done, p)
	}
	for _, p := range done {
		if p.aside != "" {
			os.Remove(p.aside)
		}
	}
	return nil
}

// placed is a file renamed into place, and where the file it replaced is kept ("" for none).
type placed struct{ dst, aside string }

// keepAside makes dst's folder, and links the file at dst, if any, to aside, so that it can be put back.
func keepAside(dst, aside string) (p placed, err error) {
	p.dst = dst
	if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
		return p, err
	}
	fi, err := os.Lstat(dst)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return p, nil
	case err != nil:
		return p, err
	case !fi.Mode().IsRegular():
		return p, &fs.PathError{Op: "place", Path: dst, Err: syscall.EEXIST}
	}
	if err := os.MkdirAll(filepath.Dir(aside), 0o755); err != nil {
		return p, err
	}
	if err := os.Link(dst, aside); err != nil {
		// A file system without hard links: the file is moved aside instead, gone for a moment.
		if err := os.Rename(dst, aside); err != nil {
			return p, err
		}
	}
	p.aside = aside
	return p, nil
}

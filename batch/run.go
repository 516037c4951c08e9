// Package batch runs a batch of documents into one output folder, losing nothing: `drucksache run`.
//
// Every document goes Config.Extract -> transform.Apply -> the per-document writers of
// load.Outputs (JSON, XLSX), which write below a staging folder inside the output folder
// (out/.staging-K-of-N); the files are renamed into out/json and out/xlsx only when every writer
// succeeded. A document's failure (error, panic, time limit, memory limit) quarantines it with a
// Failure; a failure of the machine (disk full, permission denied) stops the run before anything
// else is committed. A run killed at any moment leaves whole files only (staging is cleared by the
// next run).
//
// The manifest (out/manifest.json, written atomically, also every few seconds during a run) records
// each input's path, size, time, SHA-256, document id, status and outputs. While a run goes on, its
// inputs, the manifest's entries and the entries by document id are in the run's index (a file in
// the staging folder, see package index), read and written a chunk at a time: the run's memory does
// not grow with the number of inputs. A later run extracts only inputs that are new, changed (by size
// and time, confirmed by the hash) or whose outputs are gone; Force redoes all. Inputs that failed
// and are unchanged are not tried again but reported again, unless they failed on the time or memory
// limit (which depends on the run, not the input): those are tried again unless SkipFailed. When two
// inputs yield one document id (the PDF and the HTML of one Drucksache), the outputs hold it once,
// from the input whose path sorts first; the other is a duplicate.
//
// Outputs do not depend on the number of workers or on the order documents finish in: each
// document's files are its own, a document id's files come from the first input in path order
// whatever commits first, and the Parquet part is written afterwards in path order.
//
// Parquet: a part written by an earlier run holds rows of documents that may now be redone, so
// parts are never appended to. After the documents are done, this folder's part
// (part-shard-K-of-N.parquet in each partition) is rewritten as a whole, streaming, from the JSON
// outputs of all its documents in path order — one document in memory at a time — and renamed
// into place; files of the previous part that the new one does not replace are removed. The
// manifest keeps a digest of what the part was built from (each document's path, hash, id and JSON
// file); when nothing changed the part is left untouched. A kill between the renames leaves the old
// digest in the manifest, so the next run rewrites the part: the dataset never holds a document
// twice nor loses one once a run completes.
package batch

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"time"

	drucksache "drucksache"
	"drucksache/batch/internal/index"
	"drucksache/extract"
	"drucksache/isolate"
	"drucksache/load"
)

// Config is what a run does: where to, with how many workers, and with which limits.
type Config struct {
	Out     string // the output folder
	Workers int    // documents extracted at a time (at least 1)
	Force   bool   // redo every input, changed or not
	// SkipFailed keeps unchanged inputs that failed quarantined; without it, those that failed on
	// the time limit or the memory limit are tried again.
	SkipFailed bool
	Timeout    time.Duration // the time limit per document (0: none)
	Memory     int64         // the most memory the process making a document may hold, in bytes (0: no limit)
	Shard      Shard         // the part of the inputs to run; the zero value is all of them
	// Extractor, when set, names the build in every document written (drucksache.Document.Extractor).
	Extractor *drucksache.Extractor
	// Options are the extraction's options (limits), for every document the run makes.
	Options extract.Options
	// Extract reads one document in this process, which then transforms and writes it; a document
	// that outlives the time limit is given up on but cannot be stopped, and Memory does not apply.
	// Nil makes each document — extraction, transform, writers — in a child process of a pool
	// (package isolate) that the run owns, killed at the time limit, its memory limited to Memory.
	Extract func(ctx context.Context, path string, timeout time.Duration) (*drucksache.Document, error)

	loaders  func(dir string) []load.Loader // the per-document writers below dir; nil: load.Outputs
	grace    time.Duration                  // how long past Timeout an extraction is waited for; 0: guardGrace
	saveGap  time.Duration                  // how often the manifest is saved during a run; 0: 2s
	progress progress                       // nil: a bar on a terminal, log lines otherwise (newProgress)
}

// ErrSomeFailed means the run finished but some documents failed: they are quarantined.
var ErrSomeFailed = errors.New("some documents failed")

// UsageError is a run the command line asked for wrongly: an input that is not there, a shard that
// does not fit the output folder.
type UsageError struct{ Msg string }

func (e UsageError) Error() string { return e.Msg }

// runner is one run: its configuration, the manifest as it changes and what became of each input.
type runner struct {
	Config
	stage    string        // out/.staging-K-of-N
	st       *index.Store  // the run's index, in the staging folder
	journal  *os.File      // the shard's journal, open for appending (see journal.go)
	pool     *isolate.Pool // the children making the documents; nil when Config.Extract is set
	man      *manifest
	manPath  string
	rep      *report
	prog     progress
	lastSave time.Time
	saveTook time.Duration // how long the last save took
	now      int64
	// lost, in a merge, tells the done entries whose document another shard's input holds: the
	// part leaves them out. Nil in a shard's own run.
	lost func(e *index.Entry) bool
}

// Run runs the documents the inputs name (files, folders, "-" for a list of paths on stdin) into
// cfg.Out, summing up on stderr; see the package documentation. It returns ErrSomeFailed when
// documents were quarantined, a UsageError for inputs, an output folder or a shard it cannot run,
// and a *StoppedError when the run could not complete.
func Run(ctx context.Context, cfg Config, inputs []string, stdin io.Reader, stderr io.Writer) error {
	if cfg.Out == "" {
		return UsageError{"run: the output folder is empty (--out \"\"): name a folder"}
	}
	r, closePool := newRunner(cfg, stderr)
	defer closePool()
	r.Workers = min(max(r.Workers, 1), runtime.NumCPU()) // more workers than CPUs only take memory
	if r.Shard.N == 0 {
		r.Shard = Shard{1, 1}
	}
	if r.saveGap == 0 {
		r.saveGap = 2 * time.Second
	}
	return stopped(r.run(ctx, inputs, stdin, stderr))
}

// newRunner is the runner of a run or a merge with cfg, its defaults filled in: the pool of child
// processes (closed by closePool), the writers, the grace after a time limit and the progress.
func newRunner(cfg Config, stderr io.Writer) (r *runner, closePool func()) {
	r = &runner{Config: cfg}
	r.Out = filepath.Clean(r.Out)
	closePool = func() {}
	if r.Extract == nil {
		r.pool = &isolate.Pool{Memory: r.Memory, Options: r.Options}
		closePool = func() { r.pool.Close() }
	}
	if r.loaders == nil {
		r.loaders = documentLoaders
	}
	if r.grace == 0 {
		r.grace = guardGrace
	}
	if r.prog = r.progress; r.prog == nil {
		r.prog = newProgress(stderr)
	}
	return r, closePool
}

// run runs the inputs named by args into r.Out.
func (r *runner) run(ctx context.Context, args []string, stdin io.Reader, stderr io.Writer) error {
	began := time.Now()
	if err := checkArgs(args); err != nil {
		return err
	}
	if err := checkOutFolder(r.Out); err != nil {
		return err
	}
	if err := os.MkdirAll(r.Out, 0o755); err != nil {
		return err
	}
	if err := checkShardLayout(r.Out, r.Shard); err != nil {
		return err
	}
	unlock, err := lockFolder(filepath.Join(r.Out, ".lock-"+r.Shard.part()))
	if err != nil {
		return err
	}
	defer unlock()
	if err := r.clearLeftovers(); err != nil {
		return err
	}
	if err := os.MkdirAll(r.stage, 0o755); err != nil {
		return err
	}
	defer os.RemoveAll(r.stage) // whatever happens; a kill leaves it to the next run
	r.st, err = index.Open(filepath.Join(r.stage, "index.db"))
	if err != nil {
		return err
	}
	defer func() {
		if r.st != nil {
			r.st.Close()
			r.st = nil
		}
	}()
	set, err := collectInputs(args, stdin, r.Out, r.Shard, r.st)
	if err != nil {
		return err
	}
	r.manPath = filepath.Join(r.Out, r.Shard.fileName("manifest"))
	r.now, r.lastSave = began.UnixNano(), time.Now()
	r.man, err = readManifest(r.manPath, r.Shard, r.st)
	if errors.Is(err, errBadManifest) && r.Force {
		r.man, err = newManifest(r.Shard, r.st), r.st.ClearManifest()
	}
	if err != nil {
		return err
	}
	if err := r.readJournal(); err != nil {
		return err
	}
	defer r.closeJournal(false)
	r.rep = &report{Started: began.UTC().Format(time.RFC3339), Workers: r.Workers, Shard: r.Shard.String(),
		Force: r.Force, Ignored: set.ignored}
	err = r.finish(r.work(ctx, set), began, stderr)
	if cerr := r.st.Close(); cerr != nil && err == nil {
		err = cerr
	}
	r.st = nil
	if jerr := r.closeJournal(err == nil || errors.Is(err, ErrSomeFailed)); jerr != nil && err == nil {
		err = jerr
	}
	if rerr := os.RemoveAll(r.stage); rerr != nil && err == nil {
		err = rerr
	}
	return err
}

// work does the run's phases: clear what a killed run left, find what changed, extract it, settle
// duplicates (and find those of other shards), remove what is gone, rewrite the Parquet part.
func (r *runner) work(ctx context.Context, set *inputSet) error {
	if err := r.sweep(); err != nil {
		return err
	}
	tasks, err := r.scan(set)
	if err != nil {
		return err
	}
	if tasks > 0 {
		if err := r.initClaims(); err != nil {
			return err
		}
		r.prog.start("extracting", tasks)
		err = r.runTasks(ctx, r.now, tasks, r.record)
		r.prog.finish()
		if err != nil {
			return err
		}
	}
	if err := r.settleOwners(ctx); err != nil {
		return err
	}
	if err := r.sharedIDs(); err != nil {
		return err
	}
	if err := r.removeGarbage(); err != nil {
		return err
	}
	r.rep.Parquet, err = r.dataset(ctx)
	return err
}

// record puts one outcome into the manifest, saving it every saveGap (or, when saving takes long, at
// most a tenth of the time, so that a large manifest does not slow the run down).
func (r *runner) record(o *outcome) error {
	e := &index.Entry{Path: o.path, SHA256: o.sha, Size: o.size, ModTime: o.modTime, CheckedAt: o.checked}
	switch {
	case o.failure != nil:
		e.Status, e.Seen = index.StatusQuarantined, index.StatusQuarantined
		o.failure.record(e)
	case o.outputs == nil:
		e.Status, e.ID, e.Seen = index.StatusDuplicate, o.id, index.StatusDone
	default:
		e.Status, e.ID, e.Schema, e.Seen = index.StatusDone, o.id, drucksache.SchemaVersion, index.StatusDone
		e.SetOutputs(o.outputs, o.sums)
		if o.review != nil {
			e.Review, e.Reasons = o.review.Status, o.review.Reasons
		}
	}
	err := r.st.Update(func(tx *index.Tx) error {
		old, err := tx.Entry(e.Path)
		if err != nil {
			return err
		}
		if old != nil {
			if err := tx.AddGarbage(old.OutputFiles(), old.Sums); err != nil {
				return err
			}
		}
		return tx.PutEntry(e)
	})
	if err != nil {
		return err
	}
	r.prog.step(o)
	if time.Since(r.lastSave) >= max(r.saveGap, 10*r.saveTook) {
		return r.save()
	}
	return nil
}

// save writes the manifest, noting when and how long it took.
func (r *runner) save() error {
	began := time.Now()
	err := r.man.save(r.manPath)
	r.lastSave, r.saveTook = time.Now(), time.Since(began)
	return err
}

// settleOwners extracts again the inputs that now hold a document id without having written its
// outputs: duplicates whose first input changed, failed or went away. Rare; repeated until settled.
// Then every done or duplicate entry is marked as the one holding its document id or a duplicate of it.
func (r *runner) settleOwners(ctx context.Context) error {
	limit := -1
	for round := 0; ; round++ {
		if err := r.st.ClearTasks(); err != nil {
			return err
		}
		tasks := 0
		w := r.st.Writer()
		err := r.st.EachIDHolder(func(_, path string) error {
			return w.Update(func(tx *index.Tx) error {
				e, err := tx.Entry(path)
				if err != nil || e == nil || e.Status == index.StatusDone { // its outputs hold the document
					return err
				}
				t := index.Task{Path: path}
				if fi, err := os.Stat(e.Path); err == nil {
					t.Size, t.ModTime = fi.Size(), fi.ModTime().UnixNano()
				}
				tasks++
				return tx.PutTask(t)
			})
		})
		if err == nil {
			err = w.Commit()
		}
		w.Abort()
		if err != nil {
			return err
		}
		if tasks == 0 {
			break
		}
		if limit < 0 {
			if limit, err = r.st.EntryCount(); err != nil {
				return err
			}
		}
		if round > limit {
			return errors.New("the inputs holding duplicate document ids did not settle")
		}
		r.prog.start("extracting again", tasks)
		err = r.runTasks(ctx, r.now, tasks, r.record)
		r.prog.finish()
		if err != nil {
			return err
		}
	}
	return r.markDuplicates()
}

// markDuplicates marks each done or duplicate entry as holding its document id (the first input of
// the id in path order) or as a duplicate of the input that holds it.
func (r *runner) markDuplicates() error {
	return r.updateHolders(func(tx *index.Tx, e *index.Entry) error {
		owner := tx.Holder(e.ID)
		switch {
		case owner != e.Path && (e.Status != index.StatusDuplicate || e.Duplicate != owner):
			if err := tx.AddGarbage(e.OutputFiles(), e.Sums); err != nil {
				return err
			}
			e.Status, e.Duplicate, e.Outputs, e.Schema = index.StatusDuplicate, owner, nil, 0 // as if found a duplicate at once
		case owner == e.Path && (e.Status != index.StatusDone || e.Duplicate != ""):
			e.Status, e.Duplicate = index.StatusDone, ""
		default:
			return nil // as it was
		}
		return tx.PutEntry(e)
	})
}

// removeGarbage removes the outputs of documents redone, failed or gone that no document holds now,
// no other shard claims and whose content is still what the run wrote; it keeps any other, listed
// in the report.
func (r *runner) removeGarbage() error {
	if !r.st.HasGarbage() {
		return nil
	}
	unlock, err := r.holdOutputs()
	if err != nil {
		return err
	}
	defer unlock()
	w := r.st.Writer()
	defer w.Abort()
	err = r.st.EachGarbage(func(f string, sum index.Digest) error {
		keep := false
		err := w.Update(func(tx *index.Tx) error {
			held, _, err := tx.TakeGarbage(f)
			keep = held || tx.Other(f)
			return err
		})
		if err != nil || keep {
			return err
		}
		return r.removeOrKeep(w, f, sum)
	})
	if err != nil {
		return err
	}
	return w.Commit()
}

// finish saves the manifest and the report and sums up on stderr; err is how the work ended.
func (r *runner) finish(err error, began time.Time, stderr io.Writer) error {
	rep := r.rep
	if err != nil {
		if errors.Is(err, context.Canceled) {
			err = errInterrupted
		}
		rep.stop(err)
	}
	if serr := r.save(); serr != nil && err == nil {
		err = serr
		rep.stop(err)
	}
	if cerr := r.count(); cerr != nil && err == nil {
		err = cerr
		rep.stop(err)
	}
	if rep.Parquet == "" {
		rep.Parquet = "not written"
	}
	rep.Seconds = time.Since(began).Round(time.Millisecond).Seconds()
	repPath := filepath.Join(r.Out, r.Shard.fileName("report"))
	if werr := rep.write(repPath, r.st); werr != nil {
		repPath = ""
		if err == nil {
			err = werr
		}
	}
	if serr := rep.summary(stderr, repPath, r.st); serr != nil && err == nil {
		err = serr
	}
	if err == nil && rep.Quarantined > 0 {
		return ErrSomeFailed
	}
	return err
}

// count counts what became of the inputs for the report: done, skipped, quarantined, not reached,
// and the duplicates. Inputs = Done + Skipped + Quarantined + Pending.
func (r *runner) count() error {
	rep := r.rep
	rep.Done, rep.Skipped, rep.Quarantined, rep.duplicates = 0, 0, 0, 0
	rep.Review = reviewCounts{}
	err := r.st.EachSeen(func(e *index.Entry) error {
		rep.Review.add(e)
		switch e.Seen {
		case index.StatusDone:
			rep.Done++
		case index.StatusSkipped:
			rep.Skipped++
		case index.StatusQuarantined:
			rep.Quarantined++
		}
		if e.Status == index.StatusDuplicate && e.Duplicate != "" {
			rep.duplicates++
		}
		return nil
	})
	if err != nil {
		return err
	}
	if rep.Pending, err = r.st.CountUnreached(); err != nil {
		return err
	}
	rep.Inputs = rep.Done + rep.Skipped + rep.Quarantined + rep.Pending
	if rep.foreign, err = r.st.CountKept(); err != nil {
		return err
	}
	rep.shared, err = r.st.CountShared()
	return err
}

// clearLeftovers removes what a killed run of this shard left: its staging folder and temporary files.
func (r *runner) clearLeftovers() error {
	r.stage = filepath.Join(r.Out, ".staging-"+r.Shard.part())
	if err := os.RemoveAll(r.stage); err != nil {
		return err
	}
	for _, name := range []string{r.Shard.fileName("manifest"), r.Shard.fileName("report")} {
		tmp, _ := filepath.Glob(filepath.Join(r.Out, "."+name+".tmp-*"))
		for _, f := range tmp {
			if err := os.Remove(f); err != nil {
				return err
			}
		}
	}
	return nil
}

// checkShardLayout refuses an output folder holding runs split into another number of shards:
// their Parquet parts would hold the same documents twice.
func checkShardLayout(out string, s Shard) error {
	names, err := filepath.Glob(filepath.Join(out, "manifest*.json"))
	if err != nil {
		return err
	}
	for _, name := range names {
		base := filepath.Base(name)
		n := 1
		var k int
		if base != "manifest.json" {
			if _, err := fmt.Sscanf(base, "manifest-%d-of-%d.json", &k, &n); err != nil {
				continue
			}
		}
		if n != s.N {
			return UsageError{fmt.Sprintf("run: %s holds a run split into %d shards (%s); use the same N or another --out", out, n, base)}
		}
	}
	return nil
}

// parallel calls f(0..n-1) on up to workers goroutines.
func parallel(n, workers int, f func(i int)) {
	next := make(chan int)
	var wg sync.WaitGroup
	for range min(workers, n) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				f(i)
			}
		}()
	}
	for i := range n {
		next <- i
	}
	close(next)
	wg.Wait()
}

package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"time"

	drucksache "drucksache"
	"drucksache/load"

	bolt "go.etcd.io/bbolt"
)

// runner runs a batch of documents into one output folder, losing nothing.
//
// Every document goes extractIsolated -> transform.Apply -> the per-document loaders (JSON, XLSX),
// which write below a staging folder inside the output folder (out/.staging-K-of-N); the files are
// renamed into out/json and out/xlsx only when every loader succeeded. A document's failure (error,
// panic, time limit, memory limit) quarantines it with its reason; a failure of the machine (disk
// full, permission denied) stops the run before anything else is committed. A run killed at any
// moment leaves whole files only (staging is cleared by the next run).
//
// The manifest (out/manifest.json, written atomically, also every few seconds during a run) records
// each input's path, size, time, SHA-256, document id, status and outputs. While a run goes on, its
// inputs, the manifest's entries and the entries by document id are in the run's store (an index file
// in the staging folder, see store), read and written a chunk at a time: the run's memory does not grow
// with the number of inputs. A later run extracts only
// inputs that are new, changed (by size and time, confirmed by the hash) or whose outputs are gone;
// --force redoes all. Inputs that failed and are unchanged are not tried again but reported again.
// When two inputs yield one document id (the PDF and the HTML of one Drucksache), the outputs hold
// it once, from the input whose path sorts first; the other is a duplicate.
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
type runner struct {
	out     string
	workers int
	force   bool
	timeout time.Duration
	shard   shard
	stderr  io.Writer
	extract func(ctx context.Context, path string, timeout time.Duration) (*drucksache.Document, error)
	loaders func(dir string) []load.Loader // the per-document writers, writing below dir
	grace   time.Duration                  // how long past timeout an extraction is waited for
	saveGap time.Duration                  // how often the manifest is saved during a run
	// progress shows how far the run is; nil: a bar on a terminal, log lines otherwise (newProgress).
	progress progress

	stage string // out/.staging-K-of-N
	st    *store // the run's index, in the staging folder
}

// cmdRun parses the flags of `drucksache run` and runs the batch.
func cmdRun(ctx context.Context, args []string, stdin io.Reader, stderr io.Writer) error {
	fl := flag.NewFlagSet("run", flag.ContinueOnError)
	fl.SetOutput(io.Discard)
	out := fl.String("out", "out", "output folder")
	workers := fl.Int("workers", runtime.NumCPU(), "documents extracted at a time")
	force := fl.Bool("force", false, "redo every input, changed or not")
	shardFlag := fl.String("shard", "", "run only part K of N of the inputs, K/N")
	timeout := fl.Duration("timeout", 2*time.Minute, "time limit per document (0: none)")
	inputs, err := parseInterspersed(fl, args)
	if err != nil {
		return usageError{"run: " + err.Error()}
	}
	if len(inputs) == 0 {
		return usageError{"run needs at least one INPUT: a file, a folder, or - for a list of paths on stdin"}
	}
	if *workers < 1 {
		return usageError{fmt.Sprintf("run: --workers %d: want at least 1", *workers)}
	}
	if *timeout < 0 {
		return usageError{fmt.Sprintf("run: --timeout %v: want 0 or more", *timeout)}
	}
	s, err := parseShard(*shardFlag)
	if err != nil {
		return usageError{"run: " + err.Error()}
	}
	r := &runner{out: filepath.Clean(*out), workers: *workers, force: *force, timeout: *timeout, shard: s,
		stderr: stderr, extract: extractIsolated, loaders: documentLoaders, grace: guardGrace, saveGap: 2 * time.Second}
	return r.run(ctx, inputs, stdin)
}

// parseInterspersed parses flags given before, between or after the inputs; "--" ends the flags.
func parseInterspersed(fl *flag.FlagSet, args []string) ([]string, error) {
	var rest []string
	for {
		if err := fl.Parse(args); err != nil {
			return nil, err
		}
		args = fl.Args()
		if len(args) == 0 {
			return rest, nil
		}
		if args[0] == "--" {
			return append(rest, args[1:]...), nil
		}
		rest = append(rest, args[0])
		args = args[1:]
	}
}

// batch is the state of one run: the manifest as it changes and what became of each input.
type batch struct {
	*runner
	man      *manifest
	manPath  string
	rep      *report
	prog     progress
	lastSave time.Time
	saveTook time.Duration // how long the last save took
	now      int64
}

// run runs the inputs named by args into r.out; see runner.
func (r *runner) run(ctx context.Context, args []string, stdin io.Reader) error {
	began := time.Now()
	if err := checkArgs(args); err != nil {
		return err
	}
	if err := os.MkdirAll(r.out, 0o755); err != nil {
		return err
	}
	if err := checkShardLayout(r.out, r.shard); err != nil {
		return err
	}
	unlock, err := lockFolder(filepath.Join(r.out, ".lock-"+r.shard.part()))
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
	r.st, err = openStore(filepath.Join(r.stage, "index.db"))
	if err != nil {
		return err
	}
	defer func() {
		if r.st != nil {
			r.st.close()
			r.st = nil
		}
	}()
	set, err := collectInputs(args, stdin, r.out, r.shard, r.st)
	if err != nil {
		return err
	}
	prog := r.progress
	if prog == nil {
		prog = newProgress(r.stderr)
	}
	b := &batch{runner: r, manPath: filepath.Join(r.out, r.shard.fileName("manifest")),
		prog: prog,
		now:  began.UnixNano(), lastSave: time.Now()}
	b.man, err = readManifest(b.manPath, r.shard, r.st)
	if errors.Is(err, errBadManifest) && r.force {
		b.man, err = newManifest(r.shard, r.st), r.st.clear(bucketEntries, bucketIDs, bucketHeld, bucketGarbage)
	}
	if err != nil {
		return err
	}
	b.rep = &report{Started: began.UTC().Format(time.RFC3339), Workers: r.workers, Shard: r.shard.String(),
		Force: r.force, Ignored: set.ignored}
	err = b.finish(b.work(ctx, set), began)
	if cerr := r.st.close(); cerr != nil && err == nil {
		err = cerr
	}
	r.st = nil
	if err == nil || errors.Is(err, errSomeFailed) {
		if rerr := os.RemoveAll(r.stage); rerr != nil && err == nil {
			err = rerr
		}
	}
	return err
}

// work does the run's phases: clear what a killed run left, find what changed, extract it, settle
// duplicates, remove what is gone, rewrite the Parquet part.
func (b *batch) work(ctx context.Context, set *inputSet) error {
	if err := b.sweepOrphans(); err != nil {
		return err
	}
	tasks, err := b.scan(set)
	if err != nil {
		return err
	}
	if tasks > 0 {
		if err := b.initClaims(); err != nil {
			return err
		}
		b.prog.start("extracting", tasks)
		err = b.runTasks(ctx, b.now, b.record)
		b.prog.finish()
		if err != nil {
			return err
		}
	}
	if err := b.settleOwners(ctx); err != nil {
		return err
	}
	if err := b.removeGarbage(); err != nil {
		return err
	}
	b.rep.Parquet, err = b.dataset(ctx)
	return err
}

// record puts one outcome into the manifest, saving it every saveGap (or, when saving takes long, at
// most a tenth of the time, so that a large manifest does not slow the run down).
func (b *batch) record(o *outcome) error {
	e := &entry{Path: o.in.path, SHA256: o.sha, Size: o.size, ModTime: o.modTime, CheckedAt: o.checked}
	switch {
	case o.reason != "":
		e.Status, e.Reason, e.seen = statusQuarantined, o.reason, statusQuarantined
	case o.outputs == nil:
		e.Status, e.ID, e.seen = statusDuplicate, o.id, statusDone
	default:
		e.Status, e.ID, e.Schema, e.seen = statusDone, o.id, drucksache.SchemaVersion, statusDone
		e.setOutputs(o.outputs)
	}
	err := b.st.db.Update(func(tx *bolt.Tx) error {
		old, err := getEntry(tx, e.Path)
		if err != nil {
			return err
		}
		if old != nil {
			if err := addGarbage(tx, old.outputs()); err != nil {
				return err
			}
		}
		return putEntry(tx, e)
	})
	if err != nil {
		return err
	}
	b.prog.step(o)
	if time.Since(b.lastSave) >= max(b.saveGap, 10*b.saveTook) {
		return b.save()
	}
	return nil
}

// save writes the manifest, noting when and how long it took.
func (b *batch) save() error {
	began := time.Now()
	err := b.man.save(b.manPath)
	b.lastSave, b.saveTook = time.Now(), time.Since(began)
	return err
}

// settleOwners extracts again the inputs that now hold a document id without having written its
// outputs: duplicates whose first input changed, failed or went away. Rare; repeated until settled.
// Then every done or duplicate entry is marked as the one holding its document id or a duplicate of it.
func (b *batch) settleOwners(ctx context.Context) error {
	limit := -1
	for round := 0; ; round++ {
		if err := b.st.clear(bucketTasks); err != nil {
			return err
		}
		tasks := 0
		w := b.st.writer()
		var last []byte // the id of the last key seen
		err := b.st.each(bucketIDs, nil, func(k, _ []byte) error {
			id, path, _ := bytes.Cut(k, []byte{0})
			if last != nil && bytes.Equal(id, last) {
				return nil // not the first input of the id
			}
			last = append(last[:0], id...)
			return w.update(func(tx *bolt.Tx) error {
				e, err := getEntry(tx, string(path))
				if err != nil || e == nil || e.Status == statusDone { // its outputs hold the document
					return err
				}
				t := task{}
				if fi, err := os.Stat(e.Path); err == nil {
					t.size, t.modTime = fi.Size(), fi.ModTime().UnixNano()
				}
				tasks++
				return tx.Bucket(bucketTasks).Put(path, taskValue(t))
			})
		})
		if err == nil {
			err = w.commit()
		}
		w.abort()
		if err != nil {
			return err
		}
		if tasks == 0 {
			break
		}
		if limit < 0 {
			if limit, err = b.entryCount(); err != nil {
				return err
			}
		}
		if round > limit {
			return errors.New("the inputs holding duplicate document ids did not settle")
		}
		b.prog.start("extracting again", tasks)
		err = b.runTasks(ctx, b.now, b.record)
		b.prog.finish()
		if err != nil {
			return err
		}
	}
	return b.markDuplicates()
}

// entryCount is the number of entries in the manifest.
func (b *batch) entryCount() (int, error) {
	n := 0
	err := b.st.db.View(func(tx *bolt.Tx) error {
		n = tx.Bucket(bucketEntries).Stats().KeyN
		return nil
	})
	return n, err
}

// markDuplicates marks each done or duplicate entry as holding its document id (the first input of
// the id in path order) or as a duplicate of the input that holds it.
func (b *batch) markDuplicates() error {
	return b.updateHolders(func(tx *bolt.Tx, e *entry) error {
		owner := firstWith(tx, bucketIDs, e.ID)
		switch {
		case owner != e.Path && (e.Status != statusDuplicate || e.Duplicate != owner):
			if err := addGarbage(tx, e.outputs()); err != nil {
				return err
			}
			e.Status, e.Duplicate, e.Outputs, e.Schema = statusDuplicate, owner, nil, 0 // as if found a duplicate at once
		case owner == e.Path && (e.Status != statusDone || e.Duplicate != ""):
			e.Status, e.Duplicate = statusDone, ""
		default:
			return nil // as it was
		}
		return putEntry(tx, e)
	})
}

// removeGarbage removes the outputs of documents redone, failed or gone that no document holds now.
func (b *batch) removeGarbage() error {
	w := b.st.writer()
	defer w.abort()
	err := b.st.each(bucketGarbage, nil, func(k, _ []byte) error {
		keep := false
		err := w.update(func(tx *bolt.Tx) error {
			keep = held(tx, string(k))
			return tx.Bucket(bucketGarbage).Delete(k)
		})
		if err != nil || keep {
			return err
		}
		if err := os.Remove(filepath.Join(b.out, filepath.FromSlash(string(k)))); err != nil && !errors.Is(err, os.ErrNotExist) {
			return err
		}
		return nil
	})
	if err != nil {
		return err
	}
	return w.commit()
}

// finish saves the manifest and the report and sums up on stderr; err is how the work ended.
func (b *batch) finish(err error, began time.Time) error {
	rep := b.rep
	if err != nil {
		if errors.Is(err, context.Canceled) {
			err = errors.New("interrupted")
		}
		rep.Stopped = err.Error()
	}
	if serr := b.save(); serr != nil && err == nil {
		err, rep.Stopped = serr, serr.Error()
	}
	if cerr := b.count(); cerr != nil && err == nil {
		err, rep.Stopped = cerr, cerr.Error()
	}
	if rep.Parquet == "" {
		rep.Parquet = "not written"
	}
	rep.Seconds = time.Since(began).Round(time.Millisecond).Seconds()
	repPath := filepath.Join(b.out, b.shard.fileName("report"))
	if werr := rep.write(repPath, b.st); werr != nil {
		repPath = ""
		if err == nil {
			err = werr
		}
	}
	if serr := rep.summary(b.stderr, repPath, b.st); serr != nil && err == nil {
		err = serr
	}
	if err == nil && rep.Quarantined > 0 {
		return errSomeFailed
	}
	return err
}

// count counts what became of the inputs for the report: done, skipped, quarantined, not reached,
// and the duplicates. Inputs = Done + Skipped + Quarantined + Pending.
func (b *batch) count() error {
	rep := b.rep
	rep.Done, rep.Skipped, rep.Quarantined, rep.duplicates = 0, 0, 0, 0
	err := eachSeen(b.st, func(e *entry) error {
		switch e.seen {
		case statusDone:
			rep.Done++
		case statusSkipped:
			rep.Skipped++
		case statusQuarantined:
			rep.Quarantined++
		}
		if e.Status == statusDuplicate && e.Duplicate != "" {
			rep.duplicates++
		}
		return nil
	})
	if err != nil {
		return err
	}
	rep.Pending = 0
	err = b.st.eachChunk(bucketInputs, nil, func(chunk []pair) error {
		return b.st.db.View(func(tx *bolt.Tx) error {
			entries := tx.Bucket(bucketEntries)
			for _, p := range chunk {
				if p.v[0] != 1 {
					continue
				}
				if v := entries.Get(p.k); v == nil || status(v[0]) == statusNone {
					rep.Pending++
				}
			}
			return nil
		})
	})
	rep.Inputs = rep.Done + rep.Skipped + rep.Quarantined + rep.Pending
	return err
}

// eachSeen calls fn with every entry this run reached, in path order.
func eachSeen(st *store, fn func(e *entry) error) error {
	return st.each(bucketEntries, nil, func(k, v []byte) error {
		if len(v) == 0 || status(v[0]) == statusNone {
			return nil
		}
		e, err := decodeEntry(k, v)
		if err != nil {
			return err
		}
		return fn(e)
	})
}

// clearLeftovers removes what a killed run of this shard left: its staging folder and temporary files.
func (r *runner) clearLeftovers() error {
	r.stage = filepath.Join(r.out, ".staging-"+r.shard.part())
	if err := os.RemoveAll(r.stage); err != nil {
		return err
	}
	for _, name := range []string{r.shard.fileName("manifest"), r.shard.fileName("report")} {
		tmp, _ := filepath.Glob(filepath.Join(r.out, "."+name+".tmp-*"))
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
func checkShardLayout(out string, s shard) error {
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
		if n != s.n {
			return usageError{fmt.Sprintf("run: %s holds a run split into %d shards (%s); use the same N or another --out", out, n, base)}
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

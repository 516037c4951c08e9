package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"sync"
	"time"

	drucksache "drucksache"
	"drucksache/load"
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
// each input's path, size, time, SHA-256, document id, status and outputs. A later run extracts only
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

	stage  string // out/.staging-K-of-N
	claims claims
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
	now      int64
}

// run runs the inputs named by args into r.out; see runner.
func (r *runner) run(ctx context.Context, args []string, stdin io.Reader) error {
	began := time.Now()
	set, err := collectInputs(args, stdin, r.out)
	if err != nil {
		return err
	}
	inputs := set.files
	if r.shard.n > 1 {
		inputs = nil
		for _, in := range set.files {
			if r.shard.has(in.key) {
				inputs = append(inputs, in)
			}
		}
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
	b := &batch{runner: r, manPath: filepath.Join(r.out, r.shard.fileName("manifest")),
		prog: newProgress(r.stderr),
		now:  began.UnixNano(), lastSave: time.Now()}
	b.man, err = readManifest(b.manPath, r.shard)
	if errors.Is(err, errBadManifest) && r.force {
		b.man, err = newManifest(r.shard), nil
	}
	if err != nil {
		return err
	}
	b.rep = &report{Started: began.UTC().Format(time.RFC3339), Workers: r.workers, Shard: r.shard.String(),
		Force: r.force, Ignored: set.ignored}
	err = b.work(ctx, set, inputs)
	if err == nil {
		err = os.RemoveAll(r.stage)
	}
	return b.finish(err, inputs, began)
}

// work does the run's phases: clear what a killed run left, find what changed, extract it, settle
// duplicates, remove what is gone, rewrite the Parquet part.
func (b *batch) work(ctx context.Context, set *inputSet, inputs []input) error {
	if err := b.sweepOrphans(); err != nil {
		return err
	}
	tasks := b.scan(set, inputs)
	b.initClaims(tasks)
	b.prog.start("extracting", len(tasks))
	err := b.runTasks(ctx, tasks, b.record)
	b.prog.finish()
	if err != nil {
		return err
	}
	if err := b.settleOwners(ctx); err != nil {
		return err
	}
	b.claims.owner = nil // nothing is committed any more
	if err := b.removeGarbage(); err != nil {
		return err
	}
	b.rep.Parquet, err = b.dataset(ctx)
	return err
}

// record puts one outcome into the manifest, saving it every saveGap.
func (b *batch) record(o *outcome) error {
	e := b.man.byPath[o.in.path]
	if e != nil {
		b.man.Garbage = append(b.man.Garbage, e.outputs()...)
	}
	e = &entry{Path: o.in.path, SHA256: o.sha, Size: o.size, ModTime: o.modTime, CheckedAt: o.checked}
	switch {
	case o.reason != "":
		e.Status, e.Reason, e.seen = statusQuarantined, o.reason, statusQuarantined
	case o.outputs == nil:
		e.Status, e.ID, e.seen = statusDuplicate, o.id, statusDone
	default:
		e.Status, e.ID, e.Schema, e.seen = statusDone, o.id, drucksache.SchemaVersion, statusDone
		e.setOutputs(o.outputs)
	}
	b.man.put(e)
	b.prog.step(o)
	if time.Since(b.lastSave) >= b.saveGap {
		b.lastSave = time.Now()
		return b.man.save(b.manPath)
	}
	return nil
}

// settleOwners extracts again the inputs that now hold a document id without having written its
// outputs: duplicates whose first input changed, failed or went away. Rare; repeated until settled.
func (b *batch) settleOwners(ctx context.Context) error {
	for range len(b.man.byPath) + 1 {
		var tasks []task
		for _, e := range b.man.owners() {
			if e.Status == statusDone { // its outputs hold the document
				continue
			}
			t := task{in: input{path: e.Path}, checked: b.now}
			if fi, err := os.Stat(e.Path); err == nil {
				t.size, t.modTime = fi.Size(), fi.ModTime().UnixNano()
			}
			tasks = append(tasks, t)
		}
		if len(tasks) == 0 {
			break
		}
		sort.Slice(tasks, func(i, j int) bool { return tasks[i].in.path < tasks[j].in.path })
		b.prog.start("extracting again", len(tasks))
		err := b.runTasks(ctx, tasks, b.record)
		b.prog.finish()
		if err != nil {
			return err
		}
	}
	own := b.man.owners()
	for _, e := range b.man.byPath {
		if e.Status != statusDone && e.Status != statusDuplicate {
			continue
		}
		if o := own[e.ID]; o != e {
			b.man.Garbage = append(b.man.Garbage, e.outputs()...)
			e.Status, e.Duplicate, e.Outputs = statusDuplicate, o.Path, nil
		} else {
			e.Status, e.Duplicate = statusDone, ""
		}
	}
	return nil
}

// removeGarbage removes the outputs of documents redone, failed or gone that no document holds now.
func (b *batch) removeGarbage() error {
	if len(b.man.Garbage) == 0 {
		return nil
	}
	held := map[string]bool{}
	for _, e := range b.man.byPath {
		for _, f := range e.outputs() {
			held[f] = true
		}
	}
	for _, f := range b.man.Garbage {
		if held[f] {
			continue
		}
		if err := os.Remove(filepath.Join(b.out, filepath.FromSlash(f))); err != nil && !errors.Is(err, os.ErrNotExist) {
			return err
		}
	}
	b.man.Garbage = nil
	return nil
}

// finish saves the manifest and the report and sums up on stderr; err is how the work ended.
func (b *batch) finish(err error, inputs []input, began time.Time) error {
	rep := b.rep
	if err != nil {
		if errors.Is(err, context.Canceled) {
			err = errors.New("interrupted")
		}
		rep.Stopped = err.Error()
	}
	if serr := b.man.save(b.manPath); serr != nil && err == nil {
		err, rep.Stopped = serr, serr.Error()
	}
	for _, in := range inputs {
		if e := b.man.byPath[in.path]; e == nil || e.seen == statusNone {
			rep.Pending++
		}
	}
	var seen []*entry
	for _, e := range b.man.byPath {
		if e.seen != statusNone {
			seen = append(seen, e)
		}
	}
	sort.Slice(seen, func(i, j int) bool { return seen[i].Path < seen[j].Path })
	for _, e := range seen {
		switch e.seen {
		case statusDone:
			rep.Done++
		case statusSkipped:
			rep.Skipped++
		case statusQuarantined:
			rep.Quarantined++
			rep.QuarantinedFiles = append(rep.QuarantinedFiles, quarantineItem{File: e.Path, SHA256: e.SHA256.String(), Reason: e.Reason, Earlier: e.earlier})
		}
		if e.Status == statusDuplicate && e.Duplicate != "" {
			rep.Duplicates = append(rep.Duplicates, duplicateItem{File: e.Path, ID: e.ID, SameAs: e.Duplicate})
		}
	}
	rep.Inputs = rep.Done + rep.Skipped + rep.Quarantined + rep.Pending
	if rep.Parquet == "" {
		rep.Parquet = "not written"
	}
	rep.Seconds = time.Since(began).Round(time.Millisecond).Seconds()
	repPath := filepath.Join(b.out, b.shard.fileName("report"))
	if werr := rep.write(repPath); werr != nil {
		repPath = ""
		if err == nil {
			err = werr
		}
	}
	rep.summary(b.stderr, repPath)
	if err == nil && rep.Quarantined > 0 {
		return errSomeFailed
	}
	return err
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

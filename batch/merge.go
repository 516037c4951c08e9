package batch

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"time"

	"drucksache/batch/internal/index"
	"drucksache/internal/printable"
)

// Merge is the reduce step of a sharded run (`drucksache merge`), run once after the shards' runs
// (the map steps) into one output folder: one Drucksache in files the shard key does not bring
// together (19-11185.pdf, drs_11185.html) can be done by two shards, and the merge makes the folder
// hold it once, as an unsharded run over the same inputs does.
//
// It reads every shard's manifest and gives each document id held by several shards to the input
// whose path sorts first (then the lower shard), the rule of a run for two inputs of one id.
// json/<id>.json and xlsx/<id>.xlsx become that input's: when the files in place are not the ones
// its shard wrote (by their recorded SHA-256; the other shard wrote last), the document is made again
// from that input, which must be as the shard saw it. Each shard's Parquet part is rewritten without
// the documents it lost (datasetSources, parquetState.Merged), atomically as a run does, and the
// shard's manifest records the part; a shard's later run keeps that part while its documents are
// unchanged. report.json lists what was settled. A second merge changes nothing.
//
// The merge holds the lock of every shard, so no shard runs meanwhile, and refuses a folder where a
// shard has not run or its last run did not complete (StopIncomplete).
func Merge(ctx context.Context, cfg Config, stderr io.Writer) error {
	if cfg.Out == "" {
		return UsageError{"merge: the output folder is empty (--out \"\"): name a folder"}
	}
	r, closePool := newRunner(cfg, stderr)
	defer closePool()
	m := &merger{r: r, rep: &mergeReport{Started: time.Now().UTC().Format(time.RFC3339)}}
	return stopped(m.merge(ctx, stderr))
}

// merger is one merge: the merge's own runner (its configuration, pool and index) and its report.
type merger struct {
	r       *runner
	n       int  // the number of shards
	settled bool // every id to check was checked: the report's lists name what to check next time
	rep     *mergeReport
}

// merge checks the folder, takes the locks and does the merge's phases, then reports.
func (m *merger) merge(ctx context.Context, stderr io.Writer) error {
	began := time.Now()
	out := m.r.Out
	if err := checkOutFolder(out); err != nil {
		return err
	}
	n, err := shardCount(out)
	if err != nil {
		return err
	}
	m.n, m.rep.Shards = n, n
	unlock, err := m.lock()
	if err != nil {
		return err
	}
	defer unlock()
	return m.finish(m.work(ctx), began, stderr)
}

// finish writes the report and sums up on stderr, clears the merge's staging folder and returns what
// the merge comes to; err is how its work ended.
func (m *merger) finish(err error, began time.Time, stderr io.Writer) error {
	if errors.Is(err, context.Canceled) {
		err = errInterrupted
	}
	repPath := filepath.Join(m.r.Out, "report.json")
	if err != nil {
		m.rep.stop(err)
		m.rep.Parquet = "not written"
		if !m.settled {
			// A report that cannot be read names nothing to check again: no worse than none.
			eachSettled(repPath, func(id string) error { m.rep.Recheck = append(m.rep.Recheck, id); return nil })
		}
	}
	m.rep.Seconds = time.Since(began).Round(time.Millisecond).Seconds()
	if werr := m.rep.write(repPath, m.r.st); werr != nil {
		repPath = ""
		if err == nil {
			err = werr
		}
	}
	m.rep.summary(stderr, repPath)
	if m.r.st != nil {
		m.r.st.Close()
	}
	if rerr := os.RemoveAll(m.r.stage); rerr != nil && err == nil {
		err = rerr
	}
	if err == nil && len(m.rep.Unsettled) > 0 {
		return ErrSomeFailed
	}
	return err
}

// shardCount is the number of shards the output folder's manifests were written for; a folder
// without a sharded run has nothing to merge.
func shardCount(out string) (int, error) {
	names, err := filepath.Glob(filepath.Join(out, "manifest-*-of-*.json"))
	if err != nil {
		return 0, err
	}
	for _, name := range names {
		var k, n int
		if _, err := fmt.Sscanf(filepath.Base(name), "manifest-%d-of-%d.json", &k, &n); err == nil && n > 1 {
			return n, checkShardLayout(out, Shard{1, n})
		}
	}
	return 0, UsageError{fmt.Sprintf("merge: %s holds no sharded run (manifest-K-of-N.json): nothing to merge", out)}
}

// lock takes the merge's lock and the lock of every shard, so that neither another merge nor a
// shard's run writes the folder meanwhile.
func (m *merger) lock() (unlock func(), err error) {
	var unlocks []func()
	unlock = func() {
		for _, u := range slices.Backward(unlocks) {
			u()
		}
	}
	names := []string{".lock-merge"}
	for k := 1; k <= m.n; k++ {
		names = append(names, ".lock-"+Shard{k, m.n}.part())
	}
	for _, name := range names {
		u, err := lockFolder(filepath.Join(m.r.Out, name))
		if err != nil {
			unlock()
			return nil, err
		}
		unlocks = append(unlocks, u)
	}
	return unlock, nil
}

// StopIncomplete is a merge refused because a shard has not run into the folder, or its last run
// did not complete: its records are not the whole of its part.
const StopIncomplete = "incomplete"

// work checks that every shard completed a run, reads their manifests, settles the ids several
// shards hold and rewrites the parts.
func (m *merger) work(ctx context.Context) error {
	out := m.r.Out
	for k := 1; k <= m.n; k++ {
		s := Shard{k, m.n}
		var why string
		if _, err := os.Stat(filepath.Join(out, s.fileName("manifest"))); errors.Is(err, fs.ErrNotExist) {
			why = "has not run into " + out
		} else if _, err := os.Stat(journalPath(out, s)); err == nil {
			why = "did not complete its last run (its journal is there)"
		}
		if why != "" {
			return &StoppedError{Kind: StopIncomplete, Err: fmt.Errorf("merge: shard %s %s: run it, then merge", s, why)}
		}
	}
	m.r.stage = filepath.Join(out, ".staging-merge")
	if err := os.RemoveAll(m.r.stage); err != nil {
		return err
	}
	if err := os.MkdirAll(m.r.stage, 0o755); err != nil {
		return err
	}
	st, err := index.Open(filepath.Join(m.r.stage, "index.db"))
	if err != nil {
		return err
	}
	m.r.st = st
	if err := m.readHoldings(); err != nil {
		return err
	}
	if err := m.settle(ctx); err != nil {
		return err
	}
	return m.rewriteParts(ctx)
}

// readHoldings puts the done entries of every shard's manifest into the merge's index, and the ids
// the last merge named to check again (its report's lists, see eachSettled).
func (m *merger) readHoldings() error {
	w := m.r.st.Writer()
	defer w.Abort()
	err := eachSettled(filepath.Join(m.r.Out, "report.json"), func(id string) error {
		return w.Update(func(tx *index.Tx) error { return tx.PutSettled(id) })
	})
	if err != nil {
		return err
	}
	for k := 1; k <= m.n; k++ {
		err := eachManifestEntry(filepath.Join(m.r.Out, Shard{k, m.n}.fileName("manifest")), func(e *index.Entry) error {
			if e.Status != index.StatusDone {
				return nil
			}
			return w.Update(func(tx *index.Tx) error { return tx.PutHolding(k, e) })
		})
		if err != nil {
			return err
		}
	}
	return w.Commit()
}

// settle gives each document id held by several shards to its first holding, marks the others lost,
// and makes sure the files in place are the first holding's, making them again where they are not;
// so too for an id the last merge settled, now held by one shard.
func (m *merger) settle(ctx context.Context) error {
	w := m.r.st.Writer()
	defer w.Abort()
	remade := 0
	err := m.r.st.EachHolders(func(id string, hs []index.Holding) error {
		m.rep.Documents++
		settled := false
		err := w.Update(func(tx *index.Tx) error {
			settled = tx.Settled(id)
			for _, h := range hs[1:] {
				if err := tx.PutLost(h.Shard, h.Entry.Path, id); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			return err
		}
		if len(hs) > 1 {
			m.rep.HeldBySeveral++
		}
		if len(hs) == 1 && !settled {
			return nil
		}
		winner := hs[0]
		if m.inPlace(winner.Entry) {
			return nil
		}
		m.r.prog.start("making again", 1)
		why, err := m.remake(ctx, w, winner, remade)
		m.r.prog.finish()
		switch {
		case err != nil:
			return err
		case why != "":
			m.rep.Unsettled = append(m.rep.Unsettled, unsettledItem{ID: id, File: printable.Path(winner.Entry.Path),
				Shard: Shard{winner.Shard, m.n}.String(), Reason: why})
		default:
			remade++
		}
		return nil
	})
	if err != nil {
		return err
	}
	m.rep.Remade = remade
	if err := w.Commit(); err != nil {
		return err
	}
	m.settled = true
	return nil
}

// inPlace reports whether every file of the done entry is in the output folder with the content
// its shard recorded.
func (m *merger) inPlace(e *index.Entry) bool {
	for i, f := range e.OutputFiles() {
		sum, err := hashFile(filepath.Join(m.r.Out, filepath.FromSlash(f)))
		if err != nil || sum != e.Sum(i) || sum == (index.Digest{}) {
			return false
		}
	}
	return true
}

// remake makes the document of the holding h again from its input, below a stage folder of its own,
// and places its files; the i-th document made again. It returns why it could not (the input changed
// since its shard ran, or failed now), or an error that stops the merge (a failure of the machine).
func (m *merger) remake(ctx context.Context, w *index.Writer, h index.Holding, i int) (string, error) {
	r, e := m.r, h.Entry
	stage := filepath.Join(r.stage, "remake-"+strconv.Itoa(i))
	defer os.RemoveAll(stage)
	var mk *made
	var err error
	if r.pool != nil {
		mk, err = r.makeIsolated(ctx, stage, e.Path)
	} else {
		mk, err = guard(ctx, r, e.Path, func(ctx context.Context) (*made, error) { return r.makeHere(ctx, stage, e.Path) })
	}
	if ctx.Err() != nil {
		return "", ctx.Err()
	}
	again := fmt.Sprintf(": run shard %s again, then merge", Shard{h.Shard, m.n})
	switch {
	case err != nil && resourceFailure(err):
		return "", err
	case err != nil:
		return firstLine(failureOf(e.Path, err, false).Reason) + again, nil
	case mk.id != e.ID || mk.sha != e.SHA256:
		return "changed since its shard ran" + again, nil
	}
	files, err := listFiles(stage)
	if err != nil {
		return "", err
	}
	if !slices.Equal(files, e.OutputFiles()) {
		return fmt.Sprintf("made %v, its shard recorded %v%s", files, e.OutputFiles(), again), nil
	}
	sums := make([]index.Digest, len(files))
	for j, f := range files {
		if sums[j], err = hashFile(filepath.Join(stage, filepath.FromSlash(f))); err != nil {
			return "", err
		}
		if err := r.checkInside(f); err != nil {
			return "", err
		}
	}
	if err := place(r.Out, stage, files); err != nil {
		return "", err
	}
	if slices.Equal(sums, e.Sums) {
		return "", nil
	}
	// Another build, or one whose output varies: the shard's manifest records what is in place now.
	return "", w.Update(func(tx *index.Tx) error { return tx.PutRemade(h.Shard, e.Path, sums) })
}

// rewriteParts rewrites the Parquet part of each shard without the documents it lost (the dataset
// phase of a run, see dataset), and saves the shard's manifest when the part or its entries changed.
func (m *merger) rewriteParts(ctx context.Context) error {
	rewritten := 0
	for k := 1; k <= m.n; k++ {
		changed, err := m.rewritePart(ctx, Shard{k, m.n})
		if err != nil {
			return err
		}
		if changed {
			rewritten++
		}
	}
	m.rep.Parquet = "unchanged"
	if rewritten > 0 {
		m.rep.Parquet = fmt.Sprintf("rewritten %d of %d parts", rewritten, m.n)
	}
	return nil
}

// rewritePart rewrites the part of one shard from its manifest, read into an index of its own.
func (m *merger) rewritePart(ctx context.Context, s Shard) (bool, error) {
	r := &runner{Config: m.r.Config, stage: filepath.Join(m.r.stage, s.part()), prog: m.r.prog}
	r.Shard = s
	if err := os.MkdirAll(r.stage, 0o755); err != nil {
		return false, err
	}
	defer os.RemoveAll(r.stage)
	st, err := index.Open(filepath.Join(r.stage, "index.db"))
	if err != nil {
		return false, err
	}
	defer st.Close()
	r.st = st
	r.manPath = filepath.Join(r.Out, s.fileName("manifest"))
	if r.man, err = readManifest(r.manPath, s, st); err != nil {
		return false, err
	}
	resummed, err := m.adoptRemade(r)
	if err != nil {
		return false, err
	}
	r.lost = func(e *index.Entry) bool {
		lost := false
		m.r.st.View(func(tx *index.Tx) error { lost = tx.Lost(s.K, e.Path); return nil })
		return lost
	}
	status, err := r.dataset(ctx)
	if err != nil {
		return false, err
	}
	err = st.EachKept(func(file, why string) error {
		m.rep.ForeignFiles = append(m.rep.ForeignFiles, foreignItem{File: printable.Path(file), Why: why})
		return nil
	})
	if err != nil {
		return false, err
	}
	if status == "unchanged" && !resummed {
		return false, nil
	}
	return status != "unchanged", r.man.save(r.manPath)
}

// adoptRemade records in the shard's entries the sums of the files the merge made again for them,
// when those differ from what the shard recorded.
func (m *merger) adoptRemade(r *runner) (bool, error) {
	changed := false
	w := r.st.Writer()
	defer w.Abort()
	err := r.eachDone(func(e *index.Entry) error {
		var sums []index.Digest
		var ok bool
		m.r.st.View(func(tx *index.Tx) error { sums, ok = tx.Remade(r.Shard.K, e.Path); return nil })
		if !ok {
			return nil
		}
		changed = true
		e.SetOutputs(e.OutputFiles(), sums)
		return w.Update(func(tx *index.Tx) error { return tx.PutEntry(e) })
	})
	if err != nil {
		return false, err
	}
	return changed, w.Commit()
}

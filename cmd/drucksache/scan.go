package main

import (
	"os"
	"path/filepath"

	drucksache "drucksache"
)

// scan drops entries of inputs gone from their folder and sorts the inputs into unchanged ones
// (skipped, or quarantined again) and tasks. Files are looked at on all workers at once.
func (b *batch) scan(set *inputSet, inputs []input) []task {
	var gone []string
	for path := range b.man.byPath {
		if !set.found(path) && underAny(path, set.roots) {
			gone = append(gone, path)
		}
	}
	for _, path := range gone {
		b.man.drop(path)
	}
	b.rep.Removed = len(gone)
	looks := make([]look, len(inputs))
	parallel(len(inputs), b.workers, func(i int) {
		looks[i] = b.look(inputs[i])
	})
	var tasks []task
	for i, in := range inputs {
		lk := looks[i]
		e := b.man.byPath[in.path]
		if !lk.unchanged {
			tasks = append(tasks, task{in: in, size: lk.size, modTime: lk.modTime, checked: b.now})
			continue
		}
		if lk.rehashed {
			e.Size, e.ModTime, e.CheckedAt = lk.size, lk.modTime, b.now
		}
		if e.Status == statusQuarantined {
			e.seen, e.earlier = statusQuarantined, true
		} else {
			e.seen = statusSkipped
		}
	}
	return tasks
}

// look is what scan learnt of one input.
type look struct {
	size, modTime int64
	unchanged     bool // as the manifest has it, outputs in place: nothing to do
	rehashed      bool // the content was hashed again and found the same
}

// look compares one input with its manifest entry.
func (b *batch) look(in input) look {
	fi, err := os.Stat(in.path)
	if err != nil {
		return look{} // extraction will report it
	}
	lk := look{size: fi.Size(), modTime: fi.ModTime().UnixNano()}
	e := b.man.byPath[in.path]
	if e == nil || b.force {
		return lk
	}
	if !e.trustedUnchanged(fi) {
		sum, err := hashFile(in.path)
		if err != nil || sum != e.SHA256 {
			return lk
		}
		lk.rehashed = true
	}
	if e.Status == statusDone && (e.Schema != drucksache.SchemaVersion || !b.outputsInPlace(e)) {
		return lk // written by an older program, or an output lost
	}
	lk.unchanged = true
	return lk
}

// outputsInPlace reports whether every output the entry's document should have exists.
func (b *batch) outputsInPlace(e *entry) bool {
	want := outputsOf(e.ID)
	if !equalStrings(e.outputs(), want) {
		return false
	}
	for _, f := range want {
		if _, err := os.Stat(filepath.Join(b.out, filepath.FromSlash(f))); err != nil {
			return false
		}
	}
	return true
}

// initClaims gives each document id held by an entry not redone in this run to its first input.
func (b *batch) initClaims(tasks []task) {
	redo := make(map[string]bool, len(tasks))
	for _, t := range tasks {
		redo[t.in.path] = true
	}
	b.claims.owner = map[string]string{}
	for path, e := range b.man.byPath {
		if redo[path] || (e.Status != statusDone && e.Status != statusDuplicate) {
			continue
		}
		if p, ok := b.claims.owner[e.ID]; !ok || path < p {
			b.claims.owner[e.ID] = path
		}
	}
}

// underAny reports whether path lies in one of the folders.
func underAny(path string, roots []string) bool {
	for _, r := range roots {
		if under(path, r) {
			return true
		}
	}
	return false
}

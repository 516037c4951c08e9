package batch

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"drucksache/batch/internal/index"
)

// The journal of a shard (out/.journal-K-of-N) is how a run knows the files it made that its manifest
// does not record yet. Before a document's files are renamed into place, their names and sums are
// appended to it, one line each; a run that completes removes it, its manifest recording them all.
// A run killed in between leaves it, and the next run reads it (readJournal): a file it names that no
// entry holds is an orphan of the killed run and removed, while a file of the output folders that no
// record names is not the run's and is kept. Other shards read it too, so as not to remove a file
// a running shard has just placed.

// journalLine is one line of the journal: a file placed, relative to the output folder, and its sum.
type journalLine struct {
	File   string       `json:"file"`
	SHA256 index.Digest `json:"sha256"`
}

// journalPath is the journal of the shard s in the output folder out.
func journalPath(out string, s Shard) string { return filepath.Join(out, ".journal-"+s.part()) }

// eachJournaled calls fn with every line of the journal at path that names a per-document file; a
// missing journal has none, a line cut off by a kill is skipped.
func eachJournaled(path string, fn func(l journalLine) error) error {
	f, err := openIfThere(path)
	if f == nil {
		return err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 4096), 1<<20)
	for sc.Scan() {
		var l journalLine
		if json.Unmarshal(sc.Bytes(), &l) != nil || recordedPath(l.File, documentFolders()...) != nil {
			continue
		}
		if err := fn(l); err != nil {
			return err
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("reading the journal %s: %w", path, err)
	}
	return nil
}

// readJournal puts the files the journal of an earlier run names into the index, and opens the
// journal for this run's lines.
func (r *runner) readJournal() error {
	path := journalPath(r.Out, r.Shard)
	w := r.st.Writer()
	defer w.Abort()
	err := eachJournaled(path, func(l journalLine) error {
		return w.Update(func(tx *index.Tx) error { return tx.PutJournal(l.File, l.SHA256) })
	})
	if err == nil {
		err = w.Commit()
	}
	if err != nil {
		return err
	}
	r.journal, err = os.OpenFile(path, os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o644)
	return err
}

// journalFiles appends the files of one document, about to be renamed into place, to the journal,
// in one write.
func (r *runner) journalFiles(files []string, sums []index.Digest) error {
	var buf []byte
	for i, f := range files {
		line, err := json.Marshal(journalLine{File: f, SHA256: sums[i]})
		if err != nil {
			return err
		}
		buf = append(append(buf, line...), '\n')
	}
	_, err := r.journal.Write(buf)
	return err
}

// closeJournal closes the journal, removing it when the manifest records every file it names.
func (r *runner) closeJournal(recorded bool) error {
	if r.journal == nil {
		return nil
	}
	err := r.journal.Close()
	r.journal = nil
	if recorded && err == nil {
		err = os.Remove(journalPath(r.Out, r.Shard))
	}
	return err
}

// openIfThere opens the file at path for reading; a missing file is neither a file nor an error.
func openIfThere(path string) (*os.File, error) {
	f, err := os.Open(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	return f, err
}

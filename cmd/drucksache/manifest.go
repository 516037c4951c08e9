package main

import (
	"bufio"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"sort"
	"time"

	"drucksache/load"
)

// manifestVersion is the version of the manifest's own layout.
const manifestVersion = 1

// status is what became of an input: in the manifest done, duplicate or quarantined; in this run's
// report done, skipped or quarantined. One byte, written as its name.
type status uint8

const (
	statusNone        status = iota
	statusDone               // extracted; its outputs hold this input's document
	statusDuplicate          // extracted, but an input earlier in path order has the same document id
	statusQuarantined        // failed; Reason says why
	statusSkipped            // (this run only) unchanged since an earlier run
)

var statusNames = [...]string{"", "done", "duplicate", "quarantined", "skipped"}

func (s status) String() string {
	if int(s) < len(statusNames) {
		return statusNames[s]
	}
	return fmt.Sprintf("status(%d)", uint8(s))
}

func (s status) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

func (s *status) UnmarshalText(text []byte) error {
	for i, name := range statusNames[:statusSkipped] {
		if string(text) == name && i != int(statusNone) {
			*s = status(i)
			return nil
		}
	}
	return fmt.Errorf("unknown status %q", text)
}

// manifest is what an output folder holds and where it came from: one entry per input ever run into
// the folder, so that a later run redoes only what changed. It is written atomically (out/manifest.json).
type manifest struct {
	Version int          `json:"version"`
	Shard   string       `json:"shard"` // K/N
	Parquet parquetState `json:"parquet"`
	// Garbage lists outputs of documents redone, failed or gone; they are removed at the end of the run
	// unless a document still holds them, and kept here meanwhile so a killed run forgets none.
	Garbage []string `json:"garbage,omitempty"`
	Inputs  []*entry `json:"inputs"` // filled from byPath when saved

	byPath map[string]*entry // the entries while running
}

// parquetState is the Parquet part of this run as last committed.
type parquetState struct {
	Digest string   `json:"digest,omitempty"` // datasetDigest of the documents the part holds
	Files  []string `json:"files,omitempty"`  // the part's files, relative to the output folder
}

// entry is one input as last run: its content hash, when it was looked at, and what it made.
type entry struct {
	Path      string `json:"path"`
	SHA256    digest `json:"sha256"`
	Size      int64  `json:"size"`
	ModTime   int64  `json:"mtime_ns"`   // the file's modification time when it was hashed
	CheckedAt int64  `json:"checked_ns"` // when size and time were read
	ID        string `json:"id,omitempty"`
	Status    status `json:"status"`
	Schema    int32  `json:"schema,omitempty"` // drucksache.SchemaVersion of the outputs
	Reason    string `json:"reason,omitempty"`
	Duplicate string `json:"duplicate_of,omitempty"` // the input whose outputs hold this document id
	// Outputs are the files a done entry made, relative to the output folder, slash-separated. In memory
	// they are nil when they are the usual ones, outputsOf(ID) (see outputs): a large run keeps no
	// copy of names it can make.
	Outputs []string `json:"outputs,omitempty"`

	// What became of the input in this run (not saved): statusDone, statusSkipped, statusQuarantined,
	// or statusNone when the run did not reach it; earlier marks a quarantine of an earlier run kept.
	seen    status
	earlier bool
}

// outputs are the files the entry's input made: none unless it is done.
func (e *entry) outputs() []string {
	switch {
	case e.Status != statusDone:
		return nil
	case e.Outputs == nil:
		return outputsOf(e.ID)
	}
	return e.Outputs
}

// setOutputs records the files a done entry made, keeping none when they are the usual ones.
func (e *entry) setOutputs(files []string) {
	e.Outputs = files
	if equalStrings(files, outputsOf(e.ID)) {
		e.Outputs = nil
	}
}

// digest is a SHA-256 of a file's content, written as 64 hex digits (nothing when not known).
type digest [sha256.Size]byte

func (d digest) String() string {
	if d == (digest{}) {
		return ""
	}
	return hex.EncodeToString(d[:])
}

func (d digest) MarshalText() ([]byte, error) { return []byte(d.String()), nil }

func (d *digest) UnmarshalText(text []byte) error {
	*d = digest{}
	if len(text) == 0 {
		return nil
	}
	if len(text) != 2*sha256.Size {
		return fmt.Errorf("sha256 %q: want %d hex digits", text, 2*sha256.Size)
	}
	_, err := hex.Decode(d[:], text)
	return err
}

// parseDigest reads the hex SHA-256 of a document's source; anything else is no digest.
func parseDigest(s string) digest {
	var d digest
	if d.UnmarshalText([]byte(s)) != nil {
		return digest{}
	}
	return d
}

// newManifest is the manifest of an output folder nothing was run into yet.
func newManifest(s shard) *manifest {
	return &manifest{Version: manifestVersion, Shard: s.String(), byPath: map[string]*entry{}}
}

// errBadManifest marks a manifest this program cannot use; --force starts a new one.
var errBadManifest = errors.New("unusable manifest (rerun with --force to rebuild the output folder)")

// readManifest reads the manifest at path; a missing file is an empty manifest.
func readManifest(path string, s shard) (*manifest, error) {
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return newManifest(s), nil
	}
	if err != nil {
		return nil, err
	}
	m := &manifest{}
	if err := json.Unmarshal(data, m); err != nil {
		return nil, fmt.Errorf("%s: %w: %v", path, errBadManifest, err)
	}
	if m.Version != manifestVersion {
		return nil, fmt.Errorf("%s: %w: version %d, this program reads %d", path, errBadManifest, m.Version, manifestVersion)
	}
	if m.Shard != s.String() {
		return nil, fmt.Errorf("%s: %w: written for shard %s, not %s", path, errBadManifest, m.Shard, s)
	}
	m.byPath = make(map[string]*entry, len(m.Inputs))
	for _, e := range m.Inputs {
		if e == nil || e.Path == "" {
			return nil, fmt.Errorf("%s: %w: an input without a path", path, errBadManifest)
		}
		if e.Status == statusNone {
			return nil, fmt.Errorf("%s: %w: %s without a status", path, errBadManifest, e.Path)
		}
		if e.Status == statusDone {
			e.setOutputs(e.Outputs)
		}
		m.byPath[e.Path] = e
	}
	m.Inputs = nil
	return m, nil
}

// put adds or replaces the entry of e.Path.
func (m *manifest) put(e *entry) { m.byPath[e.Path] = e }

// drop removes the entry of path, keeping its outputs as garbage.
func (m *manifest) drop(path string) {
	e := m.byPath[path]
	if e == nil {
		return
	}
	m.Garbage = append(m.Garbage, e.outputs()...)
	delete(m.byPath, path)
}

// owners maps each document id to the entry whose outputs hold it: the first done or duplicate entry
// in path order. The same document can come in several inputs (the PDF and the HTML of one Drucksache);
// the dataset holds it once, from the input whose path sorts first.
func (m *manifest) owners() map[string]*entry {
	own := map[string]*entry{}
	for _, e := range m.byPath {
		if e.Status != statusDone && e.Status != statusDuplicate {
			continue
		}
		if o, ok := own[e.ID]; !ok || e.Path < o.Path {
			own[e.ID] = e
		}
	}
	return own
}

// save writes the manifest atomically, inputs sorted by path.
func (m *manifest) save(path string) error {
	m.Inputs = m.Inputs[:0]
	for _, e := range m.byPath {
		m.Inputs = append(m.Inputs, e)
	}
	sort.Slice(m.Inputs, func(i, j int) bool { return m.Inputs[i].Path < m.Inputs[j].Path })
	m.Garbage = uniqueSorted(m.Garbage)
	// Written entry by entry, so that saving a manifest of many inputs needs no copy of it in memory.
	return load.WriteAtomic(path, func(f *os.File) error {
		w := bufio.NewWriter(f)
		field := func(name string, v any, comma bool) error {
			data, err := json.Marshal(v)
			if err != nil {
				return err
			}
			fmt.Fprintf(w, " %q: %s", name, data)
			if comma {
				w.WriteString(",")
			}
			w.WriteString("\n")
			return nil
		}
		w.WriteString("{\n")
		if err := field("version", m.Version, true); err != nil {
			return err
		}
		if err := field("shard", m.Shard, true); err != nil {
			return err
		}
		if err := field("parquet", m.Parquet, true); err != nil {
			return err
		}
		if len(m.Garbage) > 0 {
			if err := field("garbage", m.Garbage, true); err != nil {
				return err
			}
		}
		w.WriteString(" \"inputs\": [")
		for i, e := range m.Inputs {
			saved := *e
			saved.Outputs = e.outputs()
			data, err := json.Marshal(&saved)
			if err != nil {
				return err
			}
			if i > 0 {
				w.WriteString(",")
			}
			w.WriteString("\n  ")
			w.Write(data)
		}
		w.WriteString("\n ]\n}\n")
		return w.Flush()
	})
}

// trustedUnchanged reports whether fi shows the file as last hashed, so that it need not be read again:
// same size, same modification time, and that time older than the look by more than the file system's
// clock step (a file changed twice within one tick keeps its time; such recent times are hashed again).
func (e *entry) trustedUnchanged(fi fs.FileInfo) bool {
	const tick = int64(2 * time.Second)
	return fi.Size() == e.Size && fi.ModTime().UnixNano() == e.ModTime && e.ModTime < e.CheckedAt-tick
}

// hashFile is the SHA-256 of a file's content.
func hashFile(path string) (digest, error) {
	var d digest
	f, err := os.Open(path)
	if err != nil {
		return d, err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return d, err
	}
	h.Sum(d[:0])
	return d, nil
}

func equalStrings(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// uniqueSorted sorts list and drops repeats.
func uniqueSorted(list []string) []string {
	sort.Strings(list)
	out := list[:0]
	for i, s := range list {
		if i == 0 || s != list[i-1] {
			out = append(out, s)
		}
	}
	if len(out) == 0 {
		return nil
	}
	return out
}

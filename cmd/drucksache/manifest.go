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
	"strings"
	"time"

	"drucksache/load"

	bolt "go.etcd.io/bbolt"
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
// the folder, so that a later run redoes only what changed. It is written atomically (out/manifest.json),
// inputs sorted by path; while a run goes on its entries and garbage are in the run's store.
type manifest struct {
	Version int          `json:"version"`
	Shard   string       `json:"shard"` // K/N
	Parquet parquetState `json:"parquet"`
	// Then, in the file: "garbage", outputs of documents redone, failed or gone, removed at the end of
	// the run unless a document still holds them and kept meanwhile so that a killed run forgets none;
	// and "inputs", the entries. While a run goes on both are in its store.
	st *store
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

// newManifest is the manifest of an output folder nothing was run into yet, its entries kept in st.
func newManifest(s shard, st *store) *manifest {
	return &manifest{Version: manifestVersion, Shard: s.String(), st: st}
}

// errBadManifest marks a manifest this program cannot use; --force starts a new one.
var errBadManifest = errors.New("unusable manifest (rerun with --force to rebuild the output folder)")

// readManifest reads the manifest at path into st, which must hold no entries yet; a missing file is
// an empty manifest. The file is read as a stream, an entry at a time.
func readManifest(path string, s shard, st *store) (*manifest, error) {
	m := newManifest(s, st)
	f, err := os.Open(path)
	if errors.Is(err, fs.ErrNotExist) {
		return m, nil
	}
	if err != nil {
		return nil, err
	}
	defer f.Close()
	m.Version = 0
	m.Shard = ""
	w := st.writer()
	if err := m.decode(json.NewDecoder(bufio.NewReader(f)), w); err != nil {
		w.abort()
		if errors.Is(err, errBadManifest) {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		return nil, fmt.Errorf("%s: %w: %v", path, errBadManifest, err)
	}
	if err := w.commit(); err != nil {
		return nil, err
	}
	if m.Version != manifestVersion {
		return nil, fmt.Errorf("%s: %w: version %d, this program reads %d", path, errBadManifest, m.Version, manifestVersion)
	}
	if m.Shard != s.String() {
		return nil, fmt.Errorf("%s: %w: written for shard %s, not %s", path, errBadManifest, m.Shard, s)
	}
	return m, nil
}

// decode reads the manifest's object from dec, putting its entries and garbage into the store.
func (m *manifest) decode(dec *json.Decoder, w *writer) error {
	if err := expectDelim(dec, '{'); err != nil {
		return err
	}
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return err
		}
		switch tok {
		case "version":
			err = dec.Decode(&m.Version)
		case "shard":
			err = dec.Decode(&m.Shard)
		case "parquet":
			err = dec.Decode(&m.Parquet)
		case "garbage":
			err = decodeArray(dec, func() error {
				var f string
				if err := dec.Decode(&f); err != nil {
					return err
				}
				return w.update(func(tx *bolt.Tx) error { return addGarbage(tx, []string{f}) })
			})
		case "inputs":
			err = decodeArray(dec, func() error {
				var e *entry
				if err := dec.Decode(&e); err != nil {
					return err
				}
				if err := checkEntry(e); err != nil {
					return err
				}
				return w.update(func(tx *bolt.Tx) error { return putEntry(tx, e) })
			})
		default:
			var skip json.RawMessage
			err = dec.Decode(&skip)
		}
		if err != nil {
			return err
		}
	}
	if err := expectDelim(dec, '}'); err != nil {
		return err
	}
	if _, err := dec.Token(); err != io.EOF {
		return errors.New("data after the manifest")
	}
	return nil
}

// checkEntry refuses an entry the run cannot use and drops the outputs of a done entry that are the usual ones.
func checkEntry(e *entry) error {
	switch {
	case e == nil || e.Path == "":
		return fmt.Errorf("%w: an input without a path", errBadManifest)
	case e.Status == statusNone:
		return fmt.Errorf("%w: %s without a status", errBadManifest, e.Path)
	case strings.IndexByte(e.Path, 0) >= 0 || strings.IndexByte(e.ID, 0) >= 0:
		return fmt.Errorf("%w: %q: a zero byte in a path or id", errBadManifest, e.Path)
	}
	for _, f := range e.Outputs {
		if strings.IndexByte(f, 0) >= 0 {
			return fmt.Errorf("%w: %q: a zero byte in an output's name", errBadManifest, e.Path)
		}
	}
	if e.Status == statusDone {
		e.setOutputs(e.Outputs)
	}
	return nil
}

// decodeArray calls each for every element of the JSON array (or null) that dec reads next.
func decodeArray(dec *json.Decoder, each func() error) error {
	tok, err := dec.Token()
	if err != nil || tok == nil {
		return err
	}
	if tok != json.Delim('[') {
		return fmt.Errorf("want an array, found %v", tok)
	}
	for dec.More() {
		if err := each(); err != nil {
			return err
		}
	}
	return expectDelim(dec, ']')
}

// expectDelim reads the delimiter want from dec.
func expectDelim(dec *json.Decoder, want json.Delim) error {
	tok, err := dec.Token()
	if err != nil {
		return err
	}
	if tok != want {
		return fmt.Errorf("want %v, found %v", want, tok)
	}
	return nil
}

// save writes the manifest atomically from the store, inputs sorted by path, an entry at a time, so
// that saving a manifest of many inputs needs no copy of it in memory.
func (m *manifest) save(path string) error {
	return load.WriteAtomic(path, func(f *os.File) error {
		w := bufio.NewWriter(f)
		field := func(name string, v any) error {
			data, err := json.Marshal(v)
			if err != nil {
				return err
			}
			fmt.Fprintf(w, " %q: %s,\n", name, data)
			return nil
		}
		w.WriteString("{\n")
		if err := field("version", m.Version); err != nil {
			return err
		}
		if err := field("shard", m.Shard); err != nil {
			return err
		}
		if err := field("parquet", m.Parquet); err != nil {
			return err
		}
		var garbage bool
		m.st.db.View(func(tx *bolt.Tx) error {
			k, _ := tx.Bucket(bucketGarbage).Cursor().First()
			garbage = k != nil
			return nil
		})
		if garbage {
			w.WriteString(" \"garbage\": [")
			l := jsonList{w: w, indent: "  "}
			if err := m.st.each(bucketGarbage, nil, func(k, _ []byte) error { return l.add(string(k)) }); err != nil {
				return err
			}
			l.end(" ")
			w.WriteString(",\n")
		}
		w.WriteString(" \"inputs\": [")
		l := jsonList{w: w, indent: "  "}
		err := m.st.each(bucketEntries, nil, func(k, v []byte) error {
			e, err := decodeEntry(k, v)
			if err != nil {
				return err
			}
			e.Outputs = e.outputs()
			return l.add(e)
		})
		if err != nil {
			return err
		}
		l.end(" ")
		w.WriteString("\n}\n")
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

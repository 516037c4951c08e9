package batch

import (
	"bufio"
	"crypto/sha256"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"sort"
	"strings"

	"drucksache/batch/internal/index"
	"drucksache/load"
)

// manifestVersion is the version of the manifest's own layout.
const manifestVersion = 1

// manifest is what an output folder holds and where it came from: one entry per input ever run into
// the folder, so that a later run redoes only what changed. It is written atomically (out/manifest.json),
// inputs sorted by path; while a run goes on its entries and garbage are in the run's index.
type manifest struct {
	Version int          `json:"version"`
	Shard   string       `json:"shard"` // K/N
	Parquet parquetState `json:"parquet"`
	// Then, in the file: "garbage", outputs of documents redone, failed or gone, removed at the end of
	// the run unless a document still holds them and kept meanwhile so that a killed run forgets none;
	// and "inputs", the entries. While a run goes on both are in its index.
	st *index.Store
}

// parquetState is the Parquet part of this run as last committed.
type parquetState struct {
	Digest string   `json:"digest,omitempty"` // datasetDigest of the documents the part holds
	Files  []string `json:"files,omitempty"`  // the part's files, relative to the output folder
}

// newManifest is the manifest of an output folder nothing was run into yet, its entries kept in st.
func newManifest(s Shard, st *index.Store) *manifest {
	return &manifest{Version: manifestVersion, Shard: s.String(), st: st}
}

// errBadManifest marks a manifest this program cannot use; --force starts a new one.
var errBadManifest = errors.New("unusable manifest (rerun with --force to rebuild the output folder)")

// readManifest reads the manifest at path into st, which must hold no entries yet; a missing file is
// an empty manifest. The file is read as a stream, an entry at a time.
func readManifest(path string, s Shard, st *index.Store) (*manifest, error) {
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
	w := st.Writer()
	garbage := func(f string) error {
		return w.Update(func(tx *index.Tx) error { return tx.AddGarbage([]string{f}) })
	}
	input := func(e *index.Entry) error {
		return w.Update(func(tx *index.Tx) error { return tx.PutEntry(e) })
	}
	if err := m.decode(json.NewDecoder(bufio.NewReader(f)), garbage, input); err != nil {
		w.Abort()
		if errors.Is(err, errBadManifest) {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		return nil, fmt.Errorf("%s: %w: %v", path, errBadManifest, err)
	}
	if err := w.Commit(); err != nil {
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

// decode reads the manifest's object from dec, handing each file of its garbage and each checked
// entry of its inputs on, one at a time.
func (m *manifest) decode(dec *json.Decoder, garbage func(string) error, input func(*index.Entry) error) error {
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
				return garbage(f)
			})
		case "inputs":
			err = decodeArray(dec, func() error {
				var e *index.Entry
				if err := dec.Decode(&e); err != nil {
					return err
				}
				if err := checkEntry(e); err != nil {
					return err
				}
				return input(e)
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
func checkEntry(e *index.Entry) error {
	switch {
	case e == nil || e.Path == "":
		return fmt.Errorf("%w: an input without a path", errBadManifest)
	case e.Status == index.StatusNone:
		return fmt.Errorf("%w: %s without a status", errBadManifest, e.Path)
	case strings.IndexByte(e.Path, 0) >= 0 || strings.IndexByte(e.ID, 0) >= 0:
		return fmt.Errorf("%w: %q: a zero byte in a path or id", errBadManifest, e.Path)
	}
	for _, f := range e.Outputs {
		if strings.IndexByte(f, 0) >= 0 {
			return fmt.Errorf("%w: %q: a zero byte in an output's name", errBadManifest, e.Path)
		}
	}
	if e.Status == index.StatusDone {
		e.SetOutputs(e.Outputs)
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

// save writes the manifest atomically from the index, inputs sorted by path, an entry at a time, so
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
		if m.st.HasGarbage() {
			w.WriteString(" \"garbage\": [")
			l := jsonList{w: w, indent: "  "}
			if err := m.st.EachGarbage(func(f string) error { return l.add(f) }); err != nil {
				return err
			}
			l.end(" ")
			w.WriteString(",\n")
		}
		w.WriteString(" \"inputs\": [")
		l := jsonList{w: w, indent: "  "}
		err := m.st.EachEntry(func(e *index.Entry) error {
			e.Outputs = e.OutputFiles()
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

// hashFile is the SHA-256 of a file's content.
func hashFile(path string) (index.Digest, error) {
	var d index.Digest
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

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
	"path/filepath"
	"slices"
	"sort"
	"strings"

	"drucksache/batch/internal/index"
	"drucksache/load"
)

// manifestVersion is the version of the manifest's own layout. Version 2 records the SHA-256 of every
// output as written (an entry's output_sha256, the garbage's sha256, the Parquet files' sha256);
// a manifest of version 1 is read as one without them.
const manifestVersion = 2

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
	// legacy is a manifest of version 1, which records no sums: its files are trusted by their names.
	legacy bool
}

// parquetState is the Parquet part of this run as last committed.
type parquetState struct {
	Digest string `json:"digest,omitempty"` // datasetDigest of the documents the part holds
	// Merged is set when a merge left documents out of the part, those another shard's input holds
	// (datasetSources); a shard's own run that rewrites the part clears it.
	Merged string   `json:"merged,omitempty"`
	Files  []string `json:"files,omitempty"` // the part's files, relative to the output folder
	// Sums are the SHA-256 of the files as written, in the order of Files (none from version 1).
	Sums []index.Digest `json:"sha256,omitempty"`
}

// sum is the recorded SHA-256 of the file f of the part, zero when none was recorded.
func (p parquetState) sum(f string) index.Digest {
	if i := slices.Index(p.Files, f); i >= 0 && i < len(p.Sums) {
		return p.Sums[i]
	}
	return index.Digest{}
}

// garbageItem is a file of the manifest's garbage with the SHA-256 it was written with.
type garbageItem struct {
	File   string       `json:"file"`
	SHA256 index.Digest `json:"sha256"`
}

// UnmarshalJSON reads an item as version 2 writes it, or a file name alone as version 1 did.
func (g *garbageItem) UnmarshalJSON(data []byte) error {
	if len(data) > 0 && data[0] == '"' {
		*g = garbageItem{}
		return json.Unmarshal(data, &g.File)
	}
	type plain garbageItem
	return json.Unmarshal(data, (*plain)(g))
}

// manifestSink takes what a manifest holds as it is read: each file of its garbage, each entry, and
// each path of its records that names no file of the output folder (refused: never removed).
type manifestSink struct {
	garbage func(file string, sum index.Digest) error
	input   func(e *index.Entry) error
	refuse  func(file, why string) error
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
	sink := manifestSink{
		garbage: func(f string, sum index.Digest) error {
			return w.Update(func(tx *index.Tx) error { return tx.AddGarbage([]string{f}, []index.Digest{sum}) })
		},
		input: func(e *index.Entry) error {
			return w.Update(func(tx *index.Tx) error { return tx.PutEntry(e) })
		},
		refuse: func(f, why string) error {
			return w.Update(func(tx *index.Tx) error { return tx.Keep(f, why) })
		},
	}
	if err := m.decode(json.NewDecoder(bufio.NewReader(f)), sink); err != nil {
		w.Abort()
		if errors.Is(err, errBadManifest) {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		return nil, fmt.Errorf("%s: %w: %v", path, errBadManifest, err)
	}
	if err := w.Commit(); err != nil {
		return nil, err
	}
	if m.Version != manifestVersion && m.Version != 1 {
		return nil, fmt.Errorf("%s: %w: version %d, this program reads 1 and %d", path, errBadManifest, m.Version, manifestVersion)
	}
	if m.Version == 1 {
		m.legacy, m.Version = true, manifestVersion
		if err := m.adoptParquetSums(filepath.Dir(path)); err != nil {
			return nil, err
		}
	}
	if m.Shard != s.String() {
		return nil, fmt.Errorf("%s: %w: written for shard %s, not %s", path, errBadManifest, m.Shard, s)
	}
	return m, nil
}

// decode reads the manifest's object from dec, handing each file of its garbage and each checked
// entry of its inputs on to sink, one at a time. Every path of an output it reads is checked
// (recordedPath): one that names no file of the output folders is refused and dropped.
func (m *manifest) decode(dec *json.Decoder, sink manifestSink) error {
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
			if err = dec.Decode(&m.Parquet); err == nil {
				err = m.checkParquet(sink.refuse)
			}
		case "garbage":
			err = decodeArray(dec, func() error {
				var g garbageItem
				if err := dec.Decode(&g); err != nil {
					return err
				}
				if recordedPath(g.File, outputFolders()...) != nil {
					return sink.refuse(g.File, refusedWhy("garbage"))
				}
				return sink.garbage(g.File, g.SHA256)
			})
		case "inputs":
			err = decodeArray(dec, func() error {
				var e *index.Entry
				if err := dec.Decode(&e); err != nil {
					return err
				}
				if err := checkEntry(e, sink.refuse); err != nil {
					return err
				}
				return sink.input(e)
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

// adoptParquetSums records the sums of the Parquet part's files as they are in the output folder
// out, for a manifest that recorded none.
func (m *manifest) adoptParquetSums(out string) error {
	m.Parquet.Sums = nil
	if len(m.Parquet.Files) > 0 {
		m.Parquet.Sums = make([]index.Digest, len(m.Parquet.Files))
	}
	for i, f := range m.Parquet.Files {
		sum, err := hashFile(filepath.Join(out, filepath.FromSlash(f)))
		if err != nil && !errors.Is(err, fs.ErrNotExist) {
			return err
		}
		m.Parquet.Sums[i] = sum
	}
	return nil
}

// refusedWhy is why a path of the manifest's record named by its field is kept and never removed.
func refusedWhy(field string) string {
	return "refused: named by the manifest (" + field + "), but not a file of the output folders"
}

// checkParquet drops the files of the Parquet part that are no files of its folder, refusing them.
func (m *manifest) checkParquet(refuse func(file, why string) error) error {
	p := &m.Parquet
	if len(p.Sums) != len(p.Files) {
		p.Sums = nil
	}
	var files []string
	var sums []index.Digest
	for i, f := range p.Files {
		if recordedPath(f, load.DatasetFolder) != nil {
			if err := refuse(f, refusedWhy("parquet files")); err != nil {
				return err
			}
			p.Digest = "" // the part is not what the digest says: rewrite it
			continue
		}
		files = append(files, f)
		if p.Sums != nil {
			sums = append(sums, p.Sums[i])
		}
	}
	p.Files, p.Sums = files, sums
	return nil
}

// checkEntry refuses an entry the run cannot use, drops (refusing them) the outputs of a done entry
// that are no files of the per-document folders, and drops the outputs that are the usual ones.
func checkEntry(e *index.Entry, refuse func(file, why string) error) error {
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
	if e.Status != index.StatusDone {
		e.Outputs, e.Sums = nil, nil
		return nil
	}
	files := e.OutputFiles()
	if len(e.Sums) != len(files) {
		e.Sums = nil
	}
	var good []string
	var sums []index.Digest
	for i, f := range files {
		if recordedPath(f, documentFolders()...) != nil {
			if err := refuse(f, refusedWhy("outputs of "+e.Path)); err != nil {
				return err
			}
			continue
		}
		good = append(good, f)
		if e.Sums != nil {
			sums = append(sums, e.Sums[i])
		}
	}
	if good == nil && files != nil {
		good = []string{} // none left: the entry is redone
	}
	e.SetOutputs(good, sums)
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
			err := m.st.EachGarbage(func(f string, sum index.Digest) error { return l.add(garbageItem{f, sum}) })
			if err != nil {
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

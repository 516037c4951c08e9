package index

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"

	"drucksache/load"
)

// Status is what became of an input: in the manifest done, duplicate or quarantined; in a run's
// report done, skipped or quarantined. One byte, written as its name.
type Status uint8

// The statuses.
const (
	StatusNone        Status = iota
	StatusDone               // extracted; its outputs hold this input's document
	StatusDuplicate          // extracted, but an input earlier in path order has the same document id
	StatusQuarantined        // failed; Reason says why
	StatusSkipped            // (a run's only) unchanged since an earlier run
)

var statusNames = [...]string{"", "done", "duplicate", "quarantined", "skipped"}

func (s Status) String() string {
	if int(s) < len(statusNames) {
		return statusNames[s]
	}
	return fmt.Sprintf("status(%d)", uint8(s))
}

// MarshalText writes the status's name.
func (s Status) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// UnmarshalText reads the name of a status a manifest holds: done, duplicate or quarantined.
func (s *Status) UnmarshalText(text []byte) error {
	for i, name := range statusNames[:StatusSkipped] {
		if string(text) == name && i != int(StatusNone) {
			*s = Status(i)
			return nil
		}
	}
	return fmt.Errorf("unknown status %q", text)
}

// Entry is one input as last run, as the manifest records it: its content hash, when it was looked
// at, and what it made or why it failed.
type Entry struct {
	Path      string `json:"path"`
	SHA256    Digest `json:"sha256"`
	Size      int64  `json:"size"`
	ModTime   int64  `json:"mtime_ns"`   // the file's modification time when it was hashed
	CheckedAt int64  `json:"checked_ns"` // when size and time were read
	ID        string `json:"id,omitempty"`
	Status    Status `json:"status"`
	Schema    int32  `json:"schema,omitempty"` // drucksache.SchemaVersion of the outputs
	// A quarantined entry's failure: why, where (page and line, 0 when not known) and of what kind.
	Reason    string `json:"reason,omitempty"`
	Page      int    `json:"page,omitempty"`
	Line      int    `json:"line,omitempty"`
	Kind      string `json:"kind,omitempty"`
	Duplicate string `json:"duplicate_of,omitempty"` // the input whose outputs hold this document id
	// A done entry's review (drucksache.Review): its status and why; empty for documents of builds
	// that did not decide one.
	Review  string   `json:"review,omitempty"`
	Reasons []string `json:"review_reasons,omitempty"`
	// Outputs are the files a done entry made, relative to the output folder, slash-separated. In
	// the store they are nil when they are the usual ones, UsualOutputs(ID) (see OutputFiles): a
	// large run keeps no copy of names it can make.
	Outputs []string `json:"outputs,omitempty"`
	// Sums are the SHA-256 of the files a done entry made, in the order of OutputFiles: the run
	// removes an output only while its content is what it wrote. None for the entries of builds
	// that recorded none.
	Sums []Digest `json:"output_sha256,omitempty"`

	// What became of the input in this run (not saved): StatusDone, StatusSkipped,
	// StatusQuarantined, or StatusNone when the run did not reach it; Earlier marks a quarantine of an
	// earlier run kept.
	Seen    Status `json:"-"`
	Earlier bool   `json:"-"`
}

// MarshalJSON writes the entry as the manifest keeps it. A path that is not valid UTF-8 (a file name
// of bytes in another encoding), which JSON cannot hold, is written as it reads best ("path", its bad
// bytes replaced) and as it is ("path_bytes", base64), so that the next run finds the file again.
func (e *Entry) MarshalJSON() ([]byte, error) {
	type plain Entry
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	err := enc.Encode(struct {
		*plain
		PathBytes      []byte `json:"path_bytes,omitempty"`
		DuplicateBytes []byte `json:"duplicate_of_bytes,omitempty"`
	}{(*plain)(e), rawBytes(e.Path), rawBytes(e.Duplicate)})
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n")), err
}

// UnmarshalJSON reads an entry MarshalJSON wrote, its paths from their bytes where they are given.
func (e *Entry) UnmarshalJSON(data []byte) error {
	type plain Entry
	aux := struct {
		*plain
		PathBytes      []byte `json:"path_bytes"`
		DuplicateBytes []byte `json:"duplicate_of_bytes"`
	}{plain: (*plain)(e)}
	if err := json.Unmarshal(data, &aux); err != nil {
		return err
	}
	if aux.PathBytes != nil {
		e.Path = string(aux.PathBytes)
	}
	if aux.DuplicateBytes != nil {
		e.Duplicate = string(aux.DuplicateBytes)
	}
	return nil
}

// rawBytes are the bytes of a path that is not valid UTF-8, nil for one that is.
func rawBytes(path string) []byte {
	if utf8.ValidString(path) {
		return nil
	}
	return []byte(path)
}

// UsualOutputs are the files the per-document outputs (load.Outputs) make of the document id,
// relative to the output folder.
func UsualOutputs(id string) []string {
	outputs := load.Outputs()
	list := make([]string, len(outputs))
	for i, o := range outputs {
		list[i] = o.Path(id)
	}
	return list
}

// OutputFiles are the files the entry's input made: none unless it is done.
func (e *Entry) OutputFiles() []string {
	switch {
	case e.Status != StatusDone:
		return nil
	case e.Outputs == nil:
		return UsualOutputs(e.ID)
	}
	return e.Outputs
}

// SetOutputs records the files a done entry made and their sums, keeping no names when they are
// the usual ones.
func (e *Entry) SetOutputs(files []string, sums []Digest) {
	e.Outputs, e.Sums = files, sums
	if equalStrings(files, UsualOutputs(e.ID)) {
		e.Outputs = nil
	}
}

// Sum is the recorded SHA-256 of the entry's i-th output file (OutputFiles), zero when none was recorded.
func (e *Entry) Sum(i int) Digest {
	if i < len(e.Sums) {
		return e.Sums[i]
	}
	return Digest{}
}

// Digest is a SHA-256 of a file's content, written as 64 hex digits (nothing when not known).
type Digest [sha256.Size]byte

func (d Digest) String() string {
	if d == (Digest{}) {
		return ""
	}
	return hex.EncodeToString(d[:])
}

// MarshalText writes the digest in hex, nothing when it is not known.
func (d Digest) MarshalText() ([]byte, error) { return []byte(d.String()), nil }

// UnmarshalText reads 64 hex digits, or nothing.
func (d *Digest) UnmarshalText(text []byte) error {
	*d = Digest{}
	if len(text) == 0 {
		return nil
	}
	if len(text) != 2*sha256.Size {
		return fmt.Errorf("sha256 %q: want %d hex digits", text, 2*sha256.Size)
	}
	_, err := hex.Decode(d[:], text)
	return err
}

// ParseDigest reads the hex SHA-256 of a document's source; anything else is no digest.
func ParseDigest(s string) Digest {
	var d Digest
	if d.UnmarshalText([]byte(s)) != nil {
		return Digest{}
	}
	return d
}

// encodeEntry is an entry as the store keeps it, without its path (the key): what became of it in
// this run (seen, earlier) in the first two bytes, then its fields, numbers as varints and strings
// with their length. Not JSON: a run reads every entry several times, and decoding JSON was most of
// the time of a run with nothing to do.
func encodeEntry(e *Entry) ([]byte, error) {
	earlier := byte(0)
	if e.Earlier {
		earlier = 1
	}
	v := make([]byte, 0, 96+len(e.ID)+len(e.Reason)+len(e.Kind)+len(e.Duplicate)+sha256.Size*len(e.Sums))
	v = append(v, byte(e.Seen), earlier, byte(e.Status))
	v = append(v, e.SHA256[:]...)
	for _, n := range []int64{e.Size, e.ModTime, e.CheckedAt, int64(e.Schema), int64(e.Page), int64(e.Line)} {
		v = binary.AppendVarint(v, n)
	}
	for _, str := range []string{e.ID, e.Reason, e.Kind, e.Duplicate, e.Review, strings.Join(e.Reasons, " ")} {
		v = appendString(v, str)
	}
	if e.Outputs == nil {
		v = binary.AppendUvarint(v, 0)
	} else {
		v = binary.AppendUvarint(v, uint64(len(e.Outputs))+1)
		for _, f := range e.Outputs {
			v = appendString(v, f)
		}
	}
	v = binary.AppendUvarint(v, uint64(len(e.Sums)))
	for _, d := range e.Sums {
		v = append(v, d[:]...)
	}
	return v, nil
}

func appendString(v []byte, s string) []byte {
	return append(binary.AppendUvarint(v, uint64(len(s))), s...)
}

// errBadEntry is an entry of the store that encodeEntry did not write.
var errBadEntry = errors.New("run index: a damaged entry")

// decodeEntry reads the entry of path that encodeEntry wrote.
func decodeEntry(path, v []byte) (*Entry, error) {
	if len(v) < 3+sha256.Size {
		return nil, errBadEntry
	}
	e := &Entry{Path: string(path), Seen: Status(v[0]), Earlier: v[1] == 1, Status: Status(v[2])}
	copy(e.SHA256[:], v[3:])
	r := entryReader{v: v[3+sha256.Size:]}
	e.Size, e.ModTime, e.CheckedAt = r.varint(), r.varint(), r.varint()
	e.Schema = int32(r.varint())
	e.Page, e.Line = int(r.varint()), int(r.varint())
	e.ID, e.Reason, e.Kind, e.Duplicate = r.string(), r.string(), r.string(), r.string()
	e.Review = r.string()
	if reasons := r.string(); reasons != "" {
		e.Reasons = strings.Fields(reasons)
	}
	if n := r.uvarint(); n > 0 && n <= uint64(len(r.v))+1 {
		e.Outputs = make([]string, n-1)
		for i := range e.Outputs {
			e.Outputs[i] = r.string()
		}
	}
	if n := r.uvarint(); n > 0 && n <= uint64(len(r.v))/sha256.Size {
		e.Sums = make([]Digest, n)
		for i := range e.Sums {
			copy(e.Sums[i][:], r.v)
			r.v = r.v[sha256.Size:]
		}
	} else if n > 0 {
		r.bad = true
	}
	if r.bad || len(r.v) != 0 {
		return nil, errBadEntry
	}
	return e, nil
}

// entryReader reads the fields of an encoded entry; bad is set when one is cut off.
type entryReader struct {
	v   []byte
	bad bool
}

func (r *entryReader) varint() int64 {
	x, n := binary.Varint(r.v)
	r.skip(n)
	return x
}

func (r *entryReader) uvarint() uint64 {
	x, n := binary.Uvarint(r.v)
	r.skip(n)
	return x
}

// skip moves past a number of n bytes; n <= 0 (a number cut off or too long) marks the entry bad.
func (r *entryReader) skip(n int) {
	if n <= 0 {
		r.bad, r.v = true, nil
		return
	}
	r.v = r.v[n:]
}

func (r *entryReader) string() string {
	n := r.uvarint()
	if n > uint64(len(r.v)) {
		r.bad, r.v = true, nil
		return ""
	}
	s := string(r.v[:n])
	r.v = r.v[n:]
	return s
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

package batch

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strings"

	drucksache "drucksache"
	"drucksache/batch/internal/index"
	"drucksache/internal/printable"
	"drucksache/load"
)

// report is what one run did, written to out/report.json and summed up on stderr.
// Inputs = Done + Skipped + Quarantined (+ Pending when the run was stopped).
type report struct {
	Started     string  `json:"started"` // RFC 3339
	Seconds     float64 `json:"seconds"`
	Workers     int     `json:"workers"`
	Shard       string  `json:"shard"`
	Force       bool    `json:"force"`
	Inputs      int     `json:"inputs"`      // documents named by the arguments (in this shard)
	Done        int     `json:"done"`        // extracted and written in this run
	Skipped     int     `json:"skipped"`     // unchanged since an earlier run, outputs in place
	Quarantined int     `json:"quarantined"` // failed, in this run or unchanged since failing
	Pending     int     `json:"pending,omitempty"`
	Removed     int     `json:"removed"` // inputs of earlier runs no longer in their folder, outputs removed
	Ignored     int     `json:"ignored"` // files in the folders that are no documents
	Parquet     string  `json:"parquet"` // rewritten, unchanged or not written
	// Review counts the documents the run's inputs hold (done in this run or skipped) by their review status.
	Review reviewCounts `json:"review"`
	// Stopped is why the run could not complete, StoppedKind its kind (StoppedError's Kind).
	Stopped     string `json:"stopped,omitempty"`
	StoppedKind string `json:"stopped_kind,omitempty"`

	// The lists, written from the run's index one item at a time (see write); here for reading a report.
	QuarantinedFiles []quarantineItem `json:"quarantined_files,omitempty"`
	Duplicates       []duplicateItem  `json:"duplicates,omitempty"`
	NeedsReview      []reviewItem     `json:"needs_review,omitempty"`
	// ForeignFiles are the files the run found in its output folders, or that its records name, and
	// left alone: not made by drucksache, changed since, or named by a record outside the output
	// folders. The run never removes them.
	ForeignFiles []foreignItem `json:"foreign_files,omitempty"`
	// InOtherShards are the documents of this shard that another shard of the output folder holds
	// too, from a file of another name: the dataset holds them once per shard until a merge settles
	// them (see Merge).
	InOtherShards []sharedItem `json:"in_other_shards,omitempty"`

	duplicates int // inputs listed in Duplicates
	foreign    int // files listed in ForeignFiles
	shared     int // documents listed in InOtherShards
}

// sharedItem is a document this shard and another hold.
type sharedItem struct {
	ID        string `json:"id"`
	File      string `json:"file"`       // the input of this shard
	Shard     string `json:"shard"`      // the other shard, K/N
	OtherFile string `json:"other_file"` // its input
}

// foreignItem is a file the run left alone, and why.
type foreignItem struct {
	File string `json:"file"`
	Why  string `json:"why"`
}

// maxForeignLines bounds the files left alone that the summary names; the report lists them all.
const maxForeignLines = 10

// stop records in the report that err stopped the run.
func (r *report) stop(err error) {
	r.Stopped, r.StoppedKind = err.Error(), stopKind(err)
}

// quarantineItem is one failed input with its Failure: the reason, where it happened (page and
// line, left out when not known) and its kind.
type quarantineItem struct {
	File   string `json:"file"`
	SHA256 string `json:"sha256,omitempty"`
	Reason string `json:"reason"`
	Page   int    `json:"page,omitempty"`
	Line   int    `json:"line,omitempty"`
	Kind   string `json:"kind"`
	// Earlier is set when the input failed in an earlier run and, unchanged, was not tried again.
	Earlier bool `json:"earlier,omitempty"`
}

// duplicateItem is an input whose document id an input earlier in path order has too: the outputs
// hold the document once, from that input.
type duplicateItem struct {
	File   string `json:"file"`
	ID     string `json:"id"`
	SameAs string `json:"same_as"`
}

// reviewCounts are documents by review status; Unknown counts those made by builds that decided none.
type reviewCounts struct {
	OK          int `json:"ok"`
	NeedsReview int `json:"needs_review"`
	Unknown     int `json:"unknown,omitempty"`
}

// add counts a document the run holds: a done entry, done in this run or skipped as unchanged.
func (c *reviewCounts) add(e *index.Entry) {
	if e.Status != index.StatusDone || (e.Seen != index.StatusDone && e.Seen != index.StatusSkipped) {
		return
	}
	switch e.Review {
	case drucksache.ReviewOK:
		c.OK++
	case drucksache.ReviewNeeds:
		c.NeedsReview++
	default:
		c.Unknown++
	}
}

// reviewItem is a document that needs a person's review, with the reasons its review gives.
type reviewItem struct {
	File    string   `json:"file"`
	ID      string   `json:"id"`
	Reasons []string `json:"reasons"`
}

// needsReview is the report's item of a document the run holds that needs review, nil for others.
func needsReview(e *index.Entry) any {
	if e.Status != index.StatusDone || (e.Seen != index.StatusDone && e.Seen != index.StatusSkipped) || e.Review != drucksache.ReviewNeeds {
		return nil
	}
	return reviewItem{File: printable.Path(e.Path), ID: e.ID, Reasons: e.Reasons}
}

// write writes the report atomically, the lists from the entries of the index the run reached.
func (r *report) write(path string, st *index.Store) error {
	head := *r
	head.QuarantinedFiles, head.Duplicates, head.NeedsReview, head.ForeignFiles, head.InOtherShards = nil, nil, nil, nil, nil
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(&head); err != nil {
		return err
	}
	data := bytes.TrimSuffix(buf.Bytes(), []byte("\n"))
	return load.WriteAtomic(path, func(f *os.File) error {
		w := bufio.NewWriter(f)
		w.Write(bytes.TrimSuffix(data, []byte("\n}")))
		array := func(name string, each func(add func(any) error) error) error {
			fmt.Fprintf(w, ",\n  %q: [", name)
			l := jsonList{w: w, indent: "    "}
			err := each(l.add)
			l.end("  ")
			return err
		}
		list := func(name string, item func(e *index.Entry) any) error {
			return array(name, func(add func(any) error) error {
				return st.EachSeen(func(e *index.Entry) error {
					if v := item(e); v != nil {
						return add(v)
					}
					return nil
				})
			})
		}
		if err := list("quarantined_files", quarantined); err != nil {
			return err
		}
		if err := list("duplicates", duplicated); err != nil {
			return err
		}
		if err := list("needs_review", needsReview); err != nil {
			return err
		}
		if r.foreign > 0 {
			err := array("foreign_files", func(add func(any) error) error {
				return st.EachKept(func(file, why string) error { return add(foreignItem{File: printable.Path(file), Why: why}) })
			})
			if err != nil {
				return err
			}
		}
		if r.shared > 0 {
			err := array("in_other_shards", func(add func(any) error) error {
				return st.EachShared(func(sh index.Shared) error {
					return add(sharedItem{ID: sh.ID, File: printable.Path(sh.Path), Shard: sh.Shard, OtherFile: printable.Path(sh.OtherPath)})
				})
			})
			if err != nil {
				return err
			}
		}
		w.WriteString("\n}\n")
		return w.Flush()
	})
}

// quarantined is the report's item of a quarantined entry, nil for others.
func quarantined(e *index.Entry) any {
	if e.Seen != index.StatusQuarantined {
		return nil
	}
	return quarantineItem{File: printable.Path(e.Path), SHA256: e.SHA256.String(), Reason: printable.String(e.Reason), Page: e.Page, Line: e.Line,
		Kind: e.Kind, Earlier: e.Earlier}
}

// duplicated is the report's item of a duplicate entry, nil for others.
func duplicated(e *index.Entry) any {
	if e.Status != index.StatusDuplicate || e.Duplicate == "" {
		return nil
	}
	return duplicateItem{File: printable.Path(e.Path), ID: e.ID, SameAs: printable.Path(e.Duplicate)}
}

// jsonList writes a JSON array an element at a time, each on a line of its own: long lists (the
// manifest's inputs, the report's duplicates) are written without being held in memory.
type jsonList struct {
	w      *bufio.Writer
	indent string // before each element
	n      int
}

// add writes the next element.
func (l *jsonList) add(v any) error {
	data, err := marshalNoEscape(v)
	if err != nil {
		return err
	}
	if l.n > 0 {
		l.w.WriteByte(',')
	}
	l.n++
	l.w.WriteString("\n" + l.indent)
	l.w.Write(data)
	return nil
}

// end closes the array, its bracket on a line of its own after indent unless the array is empty.
func (l *jsonList) end(indent string) {
	if l.n > 0 {
		l.w.WriteString("\n" + indent)
	}
	l.w.WriteByte(']')
}

// marshalNoEscape is JSON of v without HTML escapes (reasons quote documents as they are).
func marshalNoEscape(v any) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n")), nil
}

// summary writes the counts and every quarantined file with its reason, one line each.
func (r *report) summary(w io.Writer, reportPath string, st *index.Store) error {
	fmt.Fprintf(w, "drucksache: %d inputs: %d done, %d skipped (unchanged), %d quarantined", r.Inputs, r.Done, r.Skipped, r.Quarantined)
	switch n := r.Review.NeedsReview; {
	case n == 1:
		fmt.Fprint(w, "; 1 document needs review")
	case n > 1:
		fmt.Fprintf(w, "; %d documents need review", n)
	}
	if r.Pending > 0 {
		fmt.Fprintf(w, ", %d not reached", r.Pending)
	}
	if r.Removed > 0 {
		fmt.Fprintf(w, "; %d removed", r.Removed)
	}
	switch n := r.duplicates; {
	case n == 1:
		fmt.Fprint(w, "; 1 duplicate")
	case n > 1:
		fmt.Fprintf(w, "; %d duplicates", n)
	}
	switch n := r.shared; {
	case n == 1:
		fmt.Fprint(w, "; 1 document also in another shard")
	case n > 1:
		fmt.Fprintf(w, "; %d documents also in another shard", n)
	}
	switch n := r.foreign; {
	case n == 1:
		fmt.Fprint(w, "; 1 file left alone")
	case n > 1:
		fmt.Fprintf(w, "; %d files left alone", n)
	}
	fmt.Fprintf(w, "; parquet %s; %.1fs\n", r.Parquet, r.Seconds)
	var err error
	if r.Quarantined > 0 {
		err = st.EachSeen(func(e *index.Entry) error {
			if e.Seen != index.StatusQuarantined {
				return nil
			}
			earlier := ""
			if e.Earlier {
				earlier = " (unchanged since it failed)"
			}
			fmt.Fprintf(w, "drucksache: quarantined %s%s: %s\n", printable.Path(e.Path), earlier, firstLine(e.Reason))
			return nil
		})
	}
	if r.foreign > 0 && err == nil {
		n := 0
		err = st.EachKept(func(file, why string) error {
			if n++; n <= maxForeignLines {
				fmt.Fprintf(w, "drucksache: left alone %s: %s\n", printable.Path(file), why)
			}
			return nil
		})
		if n > maxForeignLines {
			fmt.Fprintf(w, "drucksache: left alone %d more files, listed in the report\n", n-maxForeignLines)
		}
	}
	if reportPath != "" {
		fmt.Fprintf(w, "drucksache: report in %s\n", reportPath)
	}
	return err
}

// firstLine is the first line of a reason (a panic's stack follows it), at most 300 bytes, raw bytes
// escaped.
func firstLine(s string) string {
	s, _, _ = strings.Cut(printable.String(s), "\n")
	if len(s) > 300 {
		s = s[:300] + "…"
	}
	return s
}

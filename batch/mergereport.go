package batch

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"

	"drucksache/batch/internal/index"
	"drucksache/internal/printable"
	"drucksache/load"
)

// mergeReport is what a merge did, written to out/report.json and summed up on stderr.
type mergeReport struct {
	Started   string  `json:"started"` // RFC 3339
	Seconds   float64 `json:"seconds"`
	Shards    int     `json:"shards"`    // N
	Documents int     `json:"documents"` // document ids the shards hold, each once in the dataset
	// HeldBySeveral counts the ids more than one shard holds, listed in Settled.
	HeldBySeveral int    `json:"held_by_several"`
	Remade        int    `json:"remade"`  // documents made again: the files in place were another input's
	Parquet       string `json:"parquet"` // rewritten K of N parts, or unchanged
	Stopped       string `json:"stopped,omitempty"`
	StoppedKind   string `json:"stopped_kind,omitempty"`

	// Recheck are the ids the last merge listed to check again (settled, unsettled) that this one,
	// stopped, did not get to: the next merge checks them.
	Recheck []string `json:"recheck,omitempty"`

	// Settled lists the ids several shards hold, written from the merge's index (see write).
	Settled []settledItem `json:"settled"`
	// Unsettled are the ids whose files could not be made the first holding's: the dataset holds the
	// id once, from that holding's part, but json and xlsx are another input's (or gone).
	Unsettled    []unsettledItem `json:"unsettled,omitempty"`
	ForeignFiles []foreignItem   `json:"foreign_files,omitempty"`
}

// settledItem is a document id several shards hold: the input whose files and rows the folder
// keeps, and the others.
type settledItem struct {
	ID     string      `json:"id"`
	File   string      `json:"file"`
	Shard  string      `json:"shard"`
	Others []shardFile `json:"others"`
}

// shardFile is an input of a shard.
type shardFile struct {
	File  string `json:"file"`
	Shard string `json:"shard"`
}

// unsettledItem is a document id whose files the merge could not make its first holding's, and why.
type unsettledItem struct {
	ID     string `json:"id"`
	File   string `json:"file"`
	Shard  string `json:"shard"`
	Reason string `json:"reason"`
}

// stop records in the report that err stopped the merge.
func (r *mergeReport) stop(err error) { r.Stopped, r.StoppedKind = err.Error(), stopKind(err) }

// write writes the report atomically, the settled ids from the merge's index (st, nil when the merge
// stopped before reading the manifests).
func (r *mergeReport) write(path string, st *index.Store) error {
	if r.StoppedKind == StopLocked {
		return nil // the report of the run holding the folder
	}
	head := *r
	head.Settled = nil
	data, err := json.MarshalIndent(&head, "", "  ")
	if err != nil {
		return err
	}
	data = bytes.Replace(data, []byte(`"settled": null`), []byte(`"settled": [`), 1)
	before, after, _ := bytes.Cut(data, []byte(`"settled": [`))
	return load.WriteAtomic(path, func(f *os.File) error {
		w := bufio.NewWriter(f)
		w.Write(before)
		w.WriteString(`"settled": [`)
		l := jsonList{w: w, indent: "    "}
		if st != nil {
			err := st.EachHolders(func(id string, hs []index.Holding) error {
				if len(hs) < 2 {
					return nil
				}
				item := settledItem{ID: id, File: printable.Path(hs[0].Entry.Path), Shard: Shard{hs[0].Shard, r.Shards}.String()}
				for _, h := range hs[1:] {
					item.Others = append(item.Others, shardFile{File: printable.Path(h.Entry.Path), Shard: Shard{h.Shard, r.Shards}.String()})
				}
				return l.add(item)
			})
			if err != nil {
				return err
			}
		}
		l.end("  ")
		w.Write(after)
		w.WriteString("\n")
		return w.Flush()
	})
}

// summary sums the merge up on stderr, one line, then a line for each id it could not settle.
func (r *mergeReport) summary(w io.Writer, reportPath string) {
	if r.Stopped != "" {
		fmt.Fprintf(w, "drucksache: merge stopped (%s): %s\n", r.StoppedKind, printable.String(r.Stopped))
		if reportPath != "" {
			fmt.Fprintf(w, "drucksache: report in %s\n", reportPath)
		}
		return
	}
	fmt.Fprintf(w, "drucksache: merged %d shards: %d documents, %d held by several shards (settled), %d made again",
		r.Shards, r.Documents, r.HeldBySeveral, r.Remade)
	if n := len(r.ForeignFiles); n > 0 {
		fmt.Fprintf(w, "; %d files left alone", n)
	}
	fmt.Fprintf(w, "; parquet %s; %.1fs\n", r.Parquet, r.Seconds)
	for _, u := range r.Unsettled {
		fmt.Fprintf(w, "drucksache: not settled %s (%s, shard %s): %s\n", u.ID, u.File, u.Shard, u.Reason)
	}
	for _, f := range r.ForeignFiles {
		fmt.Fprintf(w, "drucksache: left alone %s: %s\n", f.File, f.Why)
	}
	if reportPath != "" {
		fmt.Fprintf(w, "drucksache: report in %s\n", reportPath)
	}
}

// eachSettled calls fn with every id the merge report at path names to check again: those it
// settled, those it could not, those a stopped merge did not get to; a missing report, or one of a
// run, names none.
func eachSettled(path string, fn func(id string) error) error {
	return eachReportList(path, func(name string, dec *json.Decoder) error {
		switch name {
		case "settled", "unsettled":
			var item struct {
				ID string `json:"id"`
			}
			if err := dec.Decode(&item); err != nil {
				return err
			}
			return fn(item.ID)
		case "recheck":
			var id string
			if err := dec.Decode(&id); err != nil {
				return err
			}
			return fn(id)
		}
		var skip json.RawMessage
		return dec.Decode(&skip)
	})
}

// eachSettledItem calls fn with every item of the settled list of the merge report at path.
func eachSettledItem(path string, fn func(item settledItem) error) error {
	return eachReportList(path, func(name string, dec *json.Decoder) error {
		if name != "settled" {
			var skip json.RawMessage
			return dec.Decode(&skip)
		}
		var item settledItem
		if err := dec.Decode(&item); err != nil {
			return err
		}
		return fn(item)
	})
}

// eachReportList calls each for every element of every list at the top of the merge report at path,
// with the list's name and the decoder positioned on the element. A report this program cannot read
// as a merge report ends the walk without an error (nothing to check again); an error of each ends it
// with that error.
func eachReportList(path string, each func(name string, dec *json.Decoder) error) error {
	f, err := openIfThere(path)
	if f == nil {
		return err
	}
	defer f.Close()
	dec := json.NewDecoder(bufio.NewReader(f))
	if expectDelim(dec, '{') != nil {
		return nil
	}
	for dec.More() {
		key, err := dec.Token()
		name, ok := key.(string)
		if err != nil || !ok {
			return nil
		}
		tok, err := dec.Token()
		switch {
		case err != nil || tok == json.Delim('{'):
			return nil // an object: not a merge report
		case tok != json.Delim('['):
			continue // a number, a string
		}
		for dec.More() {
			if err := each(name, dec); err != nil {
				var syntax *json.SyntaxError
				var typ *json.UnmarshalTypeError
				if errors.As(err, &syntax) || errors.As(err, &typ) {
					return nil
				}
				return err
			}
		}
		if expectDelim(dec, ']') != nil {
			return nil
		}
	}
	return nil
}

package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"strings"

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
	Stopped     string  `json:"stopped,omitempty"`

	QuarantinedFiles []quarantineItem `json:"quarantined_files"`
	Duplicates       []duplicateItem  `json:"duplicates"`
}

// quarantineItem is one failed input with the reason.
type quarantineItem struct {
	File   string `json:"file"`
	SHA256 string `json:"sha256,omitempty"`
	Reason string `json:"reason"`
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

// write writes the report atomically.
func (r *report) write(path string) error {
	if r.QuarantinedFiles == nil {
		r.QuarantinedFiles = []quarantineItem{}
	}
	if r.Duplicates == nil {
		r.Duplicates = []duplicateItem{}
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(r); err != nil {
		return err
	}
	return load.WriteFileAtomic(path, buf.Bytes())
}

// summary writes the counts and every quarantined file with its reason, one line each.
func (r *report) summary(w io.Writer, reportPath string) {
	fmt.Fprintf(w, "drucksache: %d inputs: %d done, %d skipped (unchanged), %d quarantined", r.Inputs, r.Done, r.Skipped, r.Quarantined)
	if r.Pending > 0 {
		fmt.Fprintf(w, ", %d not reached", r.Pending)
	}
	if r.Removed > 0 {
		fmt.Fprintf(w, "; %d removed", r.Removed)
	}
	switch n := len(r.Duplicates); {
	case n == 1:
		fmt.Fprint(w, "; 1 duplicate")
	case n > 1:
		fmt.Fprintf(w, "; %d duplicates", n)
	}
	fmt.Fprintf(w, "; parquet %s; %.1fs\n", r.Parquet, r.Seconds)
	for _, q := range r.QuarantinedFiles {
		earlier := ""
		if q.Earlier {
			earlier = " (unchanged since it failed)"
		}
		fmt.Fprintf(w, "drucksache: quarantined %s%s: %s\n", q.File, earlier, firstLine(q.Reason))
	}
	if reportPath != "" {
		fmt.Fprintf(w, "drucksache: report in %s\n", reportPath)
	}
}

// firstLine is the first line of a reason (a panic's stack follows it), at most 300 bytes.
func firstLine(s string) string {
	s, _, _ = strings.Cut(s, "\n")
	if len(s) > 300 {
		s = s[:300] + "…"
	}
	return s
}

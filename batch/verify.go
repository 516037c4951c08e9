package batch

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"

	drucksache "drucksache"
	"drucksache/batch/internal/index"
	"drucksache/extract"
	"drucksache/internal/printable"
	"drucksache/isolate"
	"drucksache/load"
	"drucksache/transform"
)

// VerifyConfig is what a verification of an output folder does.
type VerifyConfig struct {
	Out     string        // the output folder a run wrote
	Timeout time.Duration // the time limit per document (0: none)
	// Extractor names this build; it is stamped on the documents made again, as a run would, and
	// left out of the comparison: a new build whose output is the same verifies as unchanged.
	Extractor *drucksache.Extractor
	// Options are the extraction's options (limits), for the pool that extracts when Extract is nil.
	Options extract.Options
	// Extract reads one document; nil extracts in child processes of a pool, as a run does.
	Extract func(ctx context.Context, path string, timeout time.Duration) (*drucksache.Document, error)
}

// What verification found for one document.
const (
	VerifyUnchanged     = "unchanged"      // made again, its outputs are the stored ones
	VerifyChanged       = "changed"        // made again, its outputs differ from the stored ones in Fields
	VerifySourceMissing = "source missing" // its source is no longer where the run read it
	VerifyFailed        = "failed"         // its source could not be extracted again (Reason)
)

// Verification is what verification found for one document of the folder.
type Verification struct {
	File   string   `json:"file"`
	ID     string   `json:"id"`
	Status string   `json:"status"`
	Fields []string `json:"fields,omitempty"` // for changed: the JSON fields that differ ("questions[3].answer"), or an output
	Reason string   `json:"reason,omitempty"` // for failed: why
}

// ErrChanged means some document of a verified folder did not verify as unchanged.
var ErrChanged = errors.New("some documents are not as stored")

// maxFields bounds the JSON fields named for one changed document; the rest are counted, and a
// differing output of another kind ("xlsx") is named after them all the same.
const maxFields = 20

// Verify makes every document an output folder's manifests hold again from its source, with this
// build, and compares the result with the stored outputs: the JSON field by field (the extractor's
// stamp left out), then the workbook byte for byte. It writes one line per document to stdout and
// a summary to stderr, and returns ErrChanged unless every document is unchanged. Sources are found
// at the paths the manifest records, as the run was given them (relative to the folder it ran in).
// An input whose document a merge gave to another shard's input (report.json, settled) is not
// verified: the outputs are that input's. Verify writes nothing into the output folder.
func Verify(ctx context.Context, cfg VerifyConfig, stdout, stderr io.Writer) error {
	manifests, err := filepath.Glob(filepath.Join(cfg.Out, "manifest*.json"))
	if err != nil {
		return err
	}
	if len(manifests) == 0 {
		return UsageError{fmt.Sprintf("verify: %s holds no manifest.json: not an output folder of drucksache run", cfg.Out)}
	}
	r := &runner{Config: Config{Timeout: cfg.Timeout, Extract: cfg.Extract, grace: guardGrace}}
	if r.Extract == nil {
		pool := &isolate.Pool{Options: cfg.Options}
		defer pool.Close()
		r.Extract = pool.Extract
	}
	v := verifier{cfg: cfg, run: r, stdout: bufio.NewWriter(stdout), counts: map[string]int{}, lost: map[string]bool{}}
	defer v.stdout.Flush()
	err = eachSettledItem(filepath.Join(cfg.Out, "report.json"), func(item settledItem) error {
		for _, o := range item.Others {
			v.lost[o.Shard+"\x00"+o.File] = true
		}
		return nil
	})
	if err != nil {
		return err
	}
	for _, m := range manifests {
		if err := v.manifest(ctx, m); err != nil {
			return err
		}
	}
	v.stdout.Flush()
	fmt.Fprintf(stderr, "drucksache: verify: %d documents: %d unchanged, %d changed, %d source missing, %d failed\n",
		v.total, v.counts[VerifyUnchanged], v.counts[VerifyChanged], v.counts[VerifySourceMissing], v.counts[VerifyFailed])
	if v.total != v.counts[VerifyUnchanged] {
		return ErrChanged
	}
	return nil
}

// verifier verifies the documents of one output folder, one at a time.
type verifier struct {
	cfg    VerifyConfig
	run    *runner
	stdout *bufio.Writer
	counts map[string]int
	total  int
	// lost are the inputs (shard, 0, path) whose document a merge gave to another shard's input:
	// the outputs are not theirs.
	lost map[string]bool
}

// manifest verifies every done entry of one manifest, read as a stream.
func (v *verifier) manifest(ctx context.Context, path string) error {
	var k, n int
	shard := "1/1"
	if _, err := fmt.Sscanf(filepath.Base(path), "manifest-%d-of-%d.json", &k, &n); err == nil {
		shard = Shard{k, n}.String()
	}
	err := eachManifestEntry(path, func(e *index.Entry) error {
		if e.Status != index.StatusDone || v.lost[shard+"\x00"+printable.Path(e.Path)] {
			return nil
		}
		if err := ctx.Err(); err != nil {
			return err
		}
		res := v.document(ctx, e)
		v.total++
		v.counts[res.Status]++
		fmt.Fprintln(v.stdout, res)
		return nil
	})
	if err != nil && ctx.Err() != nil {
		return ctx.Err()
	}
	return err
}

// String is the verification as one line: status, file, id, and the fields or the reason.
func (r Verification) String() string {
	s := fmt.Sprintf("%-14s %s (%s)", r.Status, printable.Path(r.File), r.ID)
	switch {
	case len(r.Fields) > 0:
		s += ": " + strings.Join(r.Fields, ", ")
	case r.Reason != "":
		s += ": " + firstLine(r.Reason)
	}
	return s
}

// document makes one entry's document again and compares it with the stored outputs.
func (v *verifier) document(ctx context.Context, e *index.Entry) Verification {
	res := Verification{File: e.Path, ID: e.ID}
	if _, err := os.Stat(e.Path); errors.Is(err, fs.ErrNotExist) {
		res.Status = VerifySourceMissing
		return res
	}
	doc, err := v.run.extractGuarded(ctx, e.Path)
	if err == nil {
		err = safely(e.Path, "transform", func() error { transform.Apply(doc); return nil })
	}
	if err != nil {
		res.Status, res.Reason = VerifyFailed, err.Error()
		return res
	}
	if v.cfg.Extractor != nil {
		stamp := *v.cfg.Extractor
		doc.Extractor = &stamp
	}
	res.Status = VerifyUnchanged
	var files []string // the outputs other than the JSON that differ, always named
	for _, out := range load.Outputs() {
		stored := filepath.Join(v.cfg.Out, filepath.FromSlash(out.Path(e.ID)))
		fields, err := v.compare(out, doc, stored)
		if err != nil {
			res.Status, res.Reason = VerifyFailed, err.Error()
			return res
		}
		if out.Kind == "json" {
			res.Fields = append(res.Fields, fields...)
		} else {
			files = append(files, fields...)
		}
	}
	if doc.ID != e.ID {
		res.Fields = append([]string{"id"}, res.Fields...)
	}
	if len(res.Fields) > maxFields {
		res.Fields = append(res.Fields[:maxFields], fmt.Sprintf("and %d more", len(res.Fields)-maxFields))
	}
	res.Fields = append(res.Fields, files...)
	if len(res.Fields) > 0 {
		res.Status = VerifyChanged
	}
	return res
}

// compare lists how the output of doc differs from the stored file: the JSON's differing fields,
// or the output's kind ("xlsx") for a file that differs byte for byte; "json: missing" and the like
// for a stored file that is gone.
func (v *verifier) compare(out load.Output, doc *drucksache.Document, stored string) ([]string, error) {
	old, err := os.ReadFile(stored)
	if errors.Is(err, fs.ErrNotExist) {
		return []string{out.Kind + ": missing"}, nil
	}
	if err != nil {
		return nil, err
	}
	if out.Kind == "json" {
		made, err := load.Marshal(doc)
		if err != nil {
			return nil, err
		}
		return jsonFields(old, made)
	}
	// Other outputs are made from the document as the stored JSON stamps it, so that a new build's
	// stamp alone does not count as a change.
	if stamp, err := storedExtractor(filepath.Join(v.cfg.Out, filepath.FromSlash(load.JSONOutput.Path(doc.ID)))); err == nil {
		doc.Extractor = stamp
	}
	tmp, err := os.MkdirTemp("", "drucksache-verify-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(tmp)
	l := out.New(tmp)
	if err := writeDocument(context.Background(), l, doc); err != nil {
		return nil, err
	}
	made, err := os.ReadFile(filepath.Join(tmp, out.FileName(doc.ID)))
	if err != nil {
		return nil, err
	}
	if !bytes.Equal(old, made) {
		return []string{out.Kind}, nil
	}
	return nil, nil
}

// storedExtractor reads the extractor's stamp of a stored JSON output (nil when it has none).
func storedExtractor(path string) (*drucksache.Extractor, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var d struct {
		Extractor *drucksache.Extractor `json:"extractor"`
	}
	err = json.Unmarshal(data, &d)
	return d.Extractor, err
}

// jsonFields lists the fields in which two JSON documents differ, by their path ("title",
// "questions[3].answer", "tables[0].rows[2][1].value"), leaving out the extractor's stamp.
func jsonFields(stored, made []byte) ([]string, error) {
	var a, b any
	if err := json.Unmarshal(stored, &a); err != nil {
		return []string{"json: not JSON"}, nil
	}
	if err := json.Unmarshal(made, &b); err != nil {
		return nil, err
	}
	if m, ok := a.(map[string]any); ok {
		delete(m, "extractor")
	}
	if m, ok := b.(map[string]any); ok {
		delete(m, "extractor")
	}
	var fields []string
	diffJSON(a, b, "", &fields)
	return fields, nil
}

// diffJSON appends the paths below path where a and b differ; a list of another length differs as a
// whole (its items are compared no further), so that a question found more or less is one field.
func diffJSON(a, b any, path string, out *[]string) {
	if len(*out) > maxFields {
		return
	}
	switch x := a.(type) {
	case map[string]any:
		y, ok := b.(map[string]any)
		if !ok {
			break
		}
		keys := make([]string, 0, len(x)+len(y))
		for k := range x {
			keys = append(keys, k)
		}
		for k := range y {
			if _, ok := x[k]; !ok {
				keys = append(keys, k)
			}
		}
		sort.Strings(keys)
		for _, k := range keys {
			p := k
			if path != "" {
				p = path + "." + k
			}
			xv, inX := x[k]
			yv, inY := y[k]
			if inX != inY {
				*out = append(*out, p)
				continue
			}
			diffJSON(xv, yv, p, out)
		}
		return
	case []any:
		y, ok := b.([]any)
		if !ok || len(x) != len(y) {
			break
		}
		for i := range x {
			diffJSON(x[i], y[i], path+"["+strconv.Itoa(i)+"]", out)
		}
		return
	default:
		if a == b {
			return
		}
	}
	if path == "" {
		path = "(document)"
	}
	*out = append(*out, path)
}

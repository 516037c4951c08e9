package isolate

import (
	"bufio"
	"bytes"
	"context"
	"encoding/gob"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"runtime/debug"
	"strconv"
	"strings"
	"syscall"

	drucksache "drucksache"
	"drucksache/extract"
	"drucksache/load"
	"drucksache/transform"
)

// Command is the hidden subcommand a Pool runs its children with: the binary's main hands the
// arguments after it to Serve.
const Command = "__extract-child"

// childMemoryLimit is the soft memory limit of a child without a hard one: past it the Go runtime
// collects garbage eagerly, so a file that needs much memory slows down instead of taking the
// machine's.
const childMemoryLimit = 1 << 30

// softLimit is the Go runtime's soft memory limit under a hard limit of limit bytes, in a child and in
// `drucksache extract` alike: past it garbage is collected eagerly. It leaves a quarter of the limit
// for what the runtime maps besides the heap (arenas are reserved 64 MiB at a time, with their
// metadata) and, in extract, below Guard's watch: at 7/8 a child's heap came so near the hard
// limit that the runtime was refused its arena metadata now and then and crashed.
func softLimit(limit int64) int64 { return limit / 4 * 3 }

// GCPercent lets the heap of a process that makes one document at a time grow four times past the
// live data before collecting (a child, and `drucksache extract` under a memory limit): a document's
// garbage is short-lived, collecting it early cost a third of the time of a short PDF, and the
// memory limit still bounds the heap.
const GCPercent = 400

// request is one document for a child: extract the file at Path; with Dir, also transform it, stamp
// it with Extractor and write its per-document outputs (load.Outputs) below Dir, so that the time
// limit and the memory limit cover every stage of the document.
type request struct {
	Path      string                `json:"path"`           // absolute: a child keeps the folder it started in
	Name      string                `json:"name,omitempty"` // the path as the caller names it: the document's source.file
	Dir       string                `json:"dir,omitempty"`
	Extractor *drucksache.Extractor `json:"extractor,omitempty"`
	Options   extract.Options       `json:"options"` // how the file is extracted
}

// childResult is what a child writes to its standard output: the document, what it made of it, or
// its error.
type childResult struct {
	Document *drucksache.Document `json:"document,omitempty"`
	Made     *Made                `json:"made,omitempty"`
	Error    *childError          `json:"error,omitempty"`
}

// Made is what a child made of a document whose outputs it wrote (Pool.Make).
type Made struct {
	ID     string             // the document's id, which names its files
	SHA256 string             // the SHA-256 of its source, hex
	Review *drucksache.Review // its review
}

// childError carries an error across the process boundary: an *extract.Error's place (file, page,
// line) and stage, its sentinel by name, whether it came from the writers (and the errno of a
// file-system error there) and its message.
type childError struct {
	File     string `json:"file"`
	Page     int    `json:"page,omitempty"`
	Line     int    `json:"line,omitempty"`
	Stage    string `json:"stage,omitempty"`
	Sentinel string `json:"sentinel,omitempty"` // a key of childSentinels
	Message  string `json:"message"`
	Writing  bool   `json:"writing,omitempty"` // the error of a writer (WriteError)
	Op       string `json:"op,omitempty"`      // of a file-system error: the operation, the path and the errno
	Path     string `json:"path,omitempty"`
	Errno    int    `json:"errno,omitempty"`
}

// ErrPanic is a stage that panicked on a document in a child (transform, a writer).
var ErrPanic = errors.New("internal error")

// WriteError is an error of the writers of a document's outputs, not of its extraction: a document
// they cannot encode, or the machine (a full disk) when it wraps a file-system error.
type WriteError struct{ Err error }

func (e *WriteError) Error() string { return e.Err.Error() }
func (e *WriteError) Unwrap() error { return e.Err }

// childSentinels names the sentinel errors a child reports, so that errors.Is works on the parent's side.
var childSentinels = map[string]error{
	"empty": extract.ErrEmpty, "not_text": extract.ErrNotText, "encrypted": extract.ErrEncrypted,
	"no_text": extract.ErrNoText, "too_large": extract.ErrTooLarge, "unsupported": extract.ErrUnsupported,
	"not_exist": fs.ErrNotExist, "bad_id": load.ErrBadID, "panic": ErrPanic,
}

// Serve is the child side of a Pool, args being what follows Command. With --serve it reads requests
// (JSON, one a line) from stdin until its end and answers each with a result on stdout (a gob
// stream); --memory=N first limits the process's memory to N bytes (limitMemory). With a FILE it
// extracts that file and answers once, as a line of JSON. A nil error means every result was written.
func Serve(ctx context.Context, args []string, stdin io.Reader, stdout io.Writer) error {
	if len(args) == 0 || len(args) > 2 || len(args) == 2 && (args[0] != "--serve" || !strings.HasPrefix(args[1], "--memory=")) {
		return fmt.Errorf("%s takes --serve [--memory=N] or exactly one FILE", Command)
	}
	soft, limit := int64(childMemoryLimit), int64(0)
	if len(args) == 2 {
		var err error
		limit, err = strconv.ParseInt(strings.TrimPrefix(args[1], "--memory="), 10, 64)
		if err != nil || limit < 0 {
			return fmt.Errorf("%s: %s: want a number of bytes", Command, args[1])
		}
		if limit > 0 {
			if err := limitMemory(limit); err != nil {
				return err
			}
			soft = softLimit(limit)
		}
	}
	debug.SetMemoryLimit(soft)
	debug.SetGCPercent(GCPercent)
	if args[0] != "--serve" {
		return writeChildResult(stdout, serveOne(ctx, request{Path: args[0]}, limit))
	}
	in := bufio.NewReader(stdin)
	out := bufio.NewWriter(stdout)
	enc := gob.NewEncoder(out)
	for {
		line, err := in.ReadBytes('\n')
		if len(bytes.TrimSpace(line)) > 0 {
			var req request
			if jerr := json.Unmarshal(line, &req); jerr != nil {
				return fmt.Errorf("bad request %q: %v", line, jerr)
			}
			res := serveOne(ctx, req, limit)
			if werr := enc.Encode(res); werr != nil {
				// A document gob cannot carry is that document's failure, not the child's.
				if werr = enc.Encode(childResult{Error: &childError{File: req.Path, Message: "result not encodable: " + werr.Error()}}); werr != nil {
					return werr
				}
			}
			if ferr := out.Flush(); ferr != nil {
				return ferr
			}
		}
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
	}
}

// serveOne extracts the requested document and, when the request names a folder, makes its outputs
// there; limit is the child's memory limit (0: none), which the readers keep within.
func serveOne(ctx context.Context, req request, limit int64) childResult {
	opts := req.Options
	opts.Sums = transform.Sums{} // a function does not travel in the request: the child has its own
	if opts.Limits.MaxMemory == 0 || limit > 0 && limit < opts.Limits.MaxMemory {
		opts.Limits.MaxMemory = limit
	}
	doc, err := extract.File(ctx, req.Path, opts)
	if err != nil {
		return childResult{Error: newChildError(req.Path, err)}
	}
	if req.Name != "" {
		doc.Source.File = req.Name
	}
	if req.Dir == "" {
		return childResult{Document: doc}
	}
	if err := makeOutputs(ctx, doc, req); err != nil {
		return childResult{Error: newChildError(req.Path, err)}
	}
	return childResult{Made: &Made{ID: doc.ID, SHA256: doc.Source.SHA256, Review: doc.Review}}
}

// makeOutputs transforms an extracted document, stamps it and writes its per-document outputs below
// req.Dir, a panic of a stage becoming the document's error.
func makeOutputs(ctx context.Context, doc *drucksache.Document, req request) error {
	err := recovered(req.Path, "transform", func() error { transform.Apply(doc); return nil })
	if err != nil {
		return err
	}
	if req.Extractor != nil {
		stamp := *req.Extractor
		doc.Extractor = &stamp
	}
	if err := load.CheckID(doc.ID); err != nil {
		return err
	}
	for _, o := range load.Outputs() {
		l := o.New(filepath.Join(req.Dir, o.Folder))
		err := recovered(req.Path, "write", func() error {
			if err := l.Write(ctx, doc); err != nil {
				l.Close()
				return err
			}
			return l.Close()
		})
		if err != nil && !errors.Is(err, ErrPanic) {
			err = &WriteError{Err: err}
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// recovered runs one stage, a panic becoming an *extract.Error of the stage that wraps ErrPanic.
func recovered(path, stage string, f func() error) (err error) {
	defer func() {
		if p := recover(); p != nil {
			err = &extract.Error{File: path, Stage: stage, Err: fmt.Errorf("%w: %v\n%s", ErrPanic, p, debug.Stack())}
		}
	}()
	return f()
}

func writeChildResult(w io.Writer, res childResult) error {
	data, err := json.Marshal(res)
	if err != nil {
		data, _ = json.Marshal(childResult{Error: &childError{Message: "result not encodable: " + err.Error()}})
	}
	_, err = w.Write(append(data, '\n'))
	return err
}

func newChildError(path string, err error) *childError {
	ce := &childError{File: path, Message: err.Error()}
	var e *extract.Error
	if errors.As(err, &e) {
		ce.File, ce.Page, ce.Line, ce.Stage, ce.Message = e.File, e.Page, e.Line, e.Stage, e.Err.Error()
	}
	for k, s := range childSentinels {
		if errors.Is(err, s) {
			ce.Sentinel = k
		}
	}
	var we *WriteError
	if errors.As(err, &we) {
		ce.Writing, ce.Stage = true, "write"
		var pe *fs.PathError
		var errno syscall.Errno
		if errors.As(err, &pe) && errors.As(err, &errno) && uint64(errno) <= math.MaxInt32 {
			ce.Op, ce.Path, ce.Errno = pe.Op, pe.Path, int(errno)
		}
	}
	return ce
}

// err rebuilds the error the child saw: an *extract.Error with its place and stage that unwraps to
// the same sentinel; an error of the writers is a *WriteError around it, wrapping the file-system
// error it came from.
func (c *childError) err() error {
	var inner error = errors.New(c.Message)
	switch s, ok := childSentinels[c.Sentinel]; {
	case c.Errno != 0:
		inner = &wrapped{msg: c.Message, err: &fs.PathError{Op: c.Op, Path: c.Path, Err: syscall.Errno(c.Errno)}}
	case ok:
		inner = &wrapped{msg: c.Message, err: s}
	}
	var err error = &extract.Error{File: c.File, Page: c.Page, Line: c.Line, Stage: c.Stage, Err: inner}
	if c.Writing {
		err = &WriteError{Err: err}
	}
	return err
}

// wrapped is an error message that unwraps to a sentinel.
type wrapped struct {
	msg string
	err error
}

func (w *wrapped) Error() string { return w.msg }
func (w *wrapped) Unwrap() error { return w.err }

// capped is a buffer that keeps the first max bytes written to it.
type capped struct {
	bytes.Buffer
	max int
}

func (c *capped) Write(p []byte) (int, error) {
	if room := c.max - c.Len(); room > 0 {
		c.Buffer.Write(p[:min(room, len(p))])
	}
	return len(p), nil
}

// ServeIfChild serves as a child and exits when the process was started as one (its first argument
// is Command), and returns otherwise. A test binary whose tests extract through a Pool calls it
// first in TestMain: os.Executable, which a Pool starts, is the test binary there.
func ServeIfChild() {
	if len(os.Args) < 2 || os.Args[1] != Command {
		return
	}
	if err := Serve(context.Background(), os.Args[2:], os.Stdin, os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	os.Exit(0)
}

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
	"os"
	"runtime/debug"
	"strconv"

	drucksache "drucksache"
	"drucksache/extract"
)

// Command is the hidden subcommand a Pool runs its children with: the binary's main hands the
// arguments after it to Serve.
const Command = "__extract-child"

// childMemoryLimit is the soft memory limit of a child: past it the Go runtime collects garbage
// eagerly, so a file that needs much memory slows down instead of taking the machine's.
const childMemoryLimit = 1 << 30

// childGCPercent lets a child's heap grow four times past the live data before collecting: a
// child holds one document at a time, and the memory limit above still bounds it.
const childGCPercent = 400

// childResult is what a child writes to its standard output: the document or its error.
type childResult struct {
	Document *drucksache.Document `json:"document,omitempty"`
	Error    *childError          `json:"error,omitempty"`
}

// childError carries an *extract.Error across the process boundary: where it happened (file, page,
// line), in which stage, its sentinel by name and its message.
type childError struct {
	File     string `json:"file"`
	Page     int    `json:"page,omitempty"`
	Line     int    `json:"line,omitempty"`
	Stage    string `json:"stage,omitempty"`
	Sentinel string `json:"sentinel,omitempty"` // a key of childSentinels
	Message  string `json:"message"`
}

// childSentinels names the sentinel errors of extract, so that errors.Is works on the parent's side.
var childSentinels = map[string]error{
	"empty": extract.ErrEmpty, "not_text": extract.ErrNotText, "encrypted": extract.ErrEncrypted,
	"no_text": extract.ErrNoText, "too_large": extract.ErrTooLarge, "unsupported": extract.ErrUnsupported,
}

// Serve is the child side of Pool.Extract, args being what follows Command: the extraction's
// limits as flags (--max-bytes N, --max-pages N, as Pool passes its Options), then --serve or a
// FILE. With --serve it reads file names (JSON strings, one a line) from stdin until its end and
// answers each with a result on stdout (a gob stream); with a FILE it answers once, as a line of
// JSON. A nil error means every result was written.
func Serve(ctx context.Context, args []string, stdin io.Reader, stdout io.Writer) error {
	opts, args, err := parseOptions(args)
	if err != nil {
		return err
	}
	if len(args) != 1 {
		return fmt.Errorf("%s takes --serve or exactly one FILE", Command)
	}
	debug.SetMemoryLimit(childMemoryLimit)
	debug.SetGCPercent(childGCPercent)
	if args[0] != "--serve" {
		return writeChildResult(stdout, childExtract(ctx, args[0], opts))
	}
	in := bufio.NewReader(stdin)
	out := bufio.NewWriter(stdout)
	enc := gob.NewEncoder(out)
	for {
		line, err := in.ReadBytes('\n')
		if len(bytes.TrimSpace(line)) > 0 {
			var path string
			if jerr := json.Unmarshal(line, &path); jerr != nil {
				return fmt.Errorf("bad request %q: %v", line, jerr)
			}
			res := childExtract(ctx, path, opts)
			if werr := enc.Encode(res); werr != nil {
				// A document gob cannot carry is that document's failure, not the child's.
				if werr = enc.Encode(childResult{Error: &childError{File: path, Message: "result not encodable: " + werr.Error()}}); werr != nil {
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

// optionArgs are the flags that hand a pool's extraction options to its children.
func optionArgs(o extract.Options) []string {
	return []string{"--max-bytes", strconv.FormatInt(o.Limits.MaxBytes, 10), "--max-pages", strconv.Itoa(o.Limits.MaxPages)}
}

// parseOptions reads the flags optionArgs writes from the front of args.
func parseOptions(args []string) (extract.Options, []string, error) {
	var o extract.Options
	for len(args) >= 2 && (args[0] == "--max-bytes" || args[0] == "--max-pages") {
		n, err := strconv.ParseInt(args[1], 10, 64)
		if err != nil || n < 0 {
			return o, nil, fmt.Errorf("%s %s: want a number of 0 or more", args[0], args[1])
		}
		if args[0] == "--max-bytes" {
			o.Limits.MaxBytes = n
		} else {
			o.Limits.MaxPages = int(n)
		}
		args = args[2:]
	}
	return o, args, nil
}

func childExtract(ctx context.Context, path string, opts extract.Options) childResult {
	doc, err := extract.File(ctx, path, opts)
	if err != nil {
		return childResult{Error: newChildError(path, err)}
	}
	return childResult{Document: doc}
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
	return ce
}

// err rebuilds the error the child saw: an *extract.Error with its place and stage that unwraps to
// the same sentinel.
func (c *childError) err() error {
	var inner error = errors.New(c.Message)
	if s, ok := childSentinels[c.Sentinel]; ok {
		inner = &wrapped{msg: c.Message, err: s}
	}
	return &extract.Error{File: c.File, Page: c.Page, Line: c.Line, Stage: c.Stage, Err: inner}
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

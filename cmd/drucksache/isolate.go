package main

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
	"os/exec"
	"path/filepath"
	"runtime/debug"
	"strings"
	"sync"
	"time"

	drucksache "drucksache"
	"drucksache/extract"
)

// childCommand is the hidden subcommand a parent runs to extract one file in a child process.
const childCommand = "__extract-child"

// childMemoryLimit is the soft memory limit of a child: past it the Go runtime collects garbage
// eagerly, so a file that needs much memory slows down instead of taking the machine's.
const childMemoryLimit = 1 << 30

// childGCPercent lets a child's heap grow four times past the live data before collecting: a
// child holds one document at a time, and the memory limit above still bounds it.
const childGCPercent = 400

// childStderrMax bounds what a parent keeps of a child's standard error.
const childStderrMax = 64 << 10

// childResult is what a child writes to its standard output: the document or its error.
type childResult struct {
	Document *drucksache.Document `json:"document,omitempty"`
	Error    *childError          `json:"error,omitempty"`
}

// childError carries an *extract.Error across the process boundary, its sentinel by name.
type childError struct {
	File    string `json:"file"`
	Page    int    `json:"page,omitempty"`
	Line    int    `json:"line,omitempty"`
	Stage   string `json:"stage,omitempty"`
	Kind    string `json:"kind,omitempty"`
	Message string `json:"message"`
}

// childSentinels names the sentinel errors of extract, so that errors.Is works on the parent's side.
var childSentinels = map[string]error{
	"empty": extract.ErrEmpty, "not_text": extract.ErrNotText, "encrypted": extract.ErrEncrypted,
	"no_text": extract.ErrNoText, "too_large": extract.ErrTooLarge, "unsupported": extract.ErrUnsupported,
}

// extractIsolated extracts one file so that a hostile file cannot take down or stall the caller.
//
// A PDF is extracted by the same binary in a child process (childCommand) that is killed when
// the time limit passes: the PDF library can loop forever on a malformed object, which no recover
// stops, and a declared size can make it allocate without bound. Children serve one file after
// another and wait for the next one, so a batch pays for starting a process only once per worker;
// a killed or crashed child is replaced by a new one. Text and HTML are read in this process:
// their readers are this project's code and golang.org/x/net/html, which only loop over their
// input and stop at its end, and extract.Bytes turns their panics into errors.
func extractIsolated(ctx context.Context, path string, timeout time.Duration) (*drucksache.Document, error) {
	if !needsIsolation(path) {
		return extract.File(ctx, path, extract.Options{})
	}
	c, err := children.get()
	if err != nil {
		return nil, &extract.Error{File: path, Stage: "extract", Err: fmt.Errorf("cannot start an isolated extraction: %w", err)}
	}
	type reply struct {
		res childResult
		err error
	}
	done := make(chan reply, 1)
	go func() {
		// A reused child keeps the folder it started in: hand it an absolute path.
		abs, err := filepath.Abs(path)
		if err != nil {
			abs = path
		}
		req, _ := json.Marshal(abs)
		if _, err := c.in.Write(append(req, '\n')); err != nil {
			done <- reply{err: err}
			return
		}
		var res childResult
		err = c.dec.Decode(&res)
		done <- reply{res, err}
	}()
	var limit <-chan time.Time
	if timeout > 0 {
		t := time.NewTimer(timeout)
		defer t.Stop()
		limit = t.C
	}
	select {
	case <-ctx.Done():
		c.kill()
		return nil, ctx.Err()
	case <-limit:
		c.kill()
		return nil, &extract.Error{File: path, Stage: "extract",
			Err: fmt.Errorf("%w (%v): the extraction was stopped", errTimeLimit, timeout)}
	case r := <-done:
		res := r.res
		if r.err != nil || (res.Document == nil && res.Error == nil) {
			why := c.kill()
			if r.err != nil && why == "" {
				why = r.err.Error()
			}
			return nil, &extract.Error{File: path, Stage: "extract", Err: fmt.Errorf("the extraction process failed: %s", why)}
		}
		children.put(c)
		if res.Error != nil {
			err := res.Error.err()
			var e *extract.Error
			if errors.As(err, &e) {
				e.File = path
			}
			return nil, err
		}
		res.Document.Source.File = path
		return res.Document, nil
	}
}

// childRetire is how many files a child serves before it is replaced, bounding what one
// process can accumulate.
const childRetire = 500

// childPool keeps idle children for the next files.
type childPool struct {
	mu   sync.Mutex
	idle []*child
}

var children childPool

// child is one running extraction process serving requests on its stdin.
type child struct {
	cmd    *exec.Cmd
	in     io.WriteCloser
	out    *bufio.Reader
	dec    *gob.Decoder // results come as a gob stream: cheaper to decode than JSON, and self-delimiting
	stderr *capped
	served int
}

func (p *childPool) get() (*child, error) {
	p.mu.Lock()
	if n := len(p.idle); n > 0 {
		c := p.idle[n-1]
		p.idle = p.idle[:n-1]
		p.mu.Unlock()
		return c, nil
	}
	p.mu.Unlock()
	exe, err := os.Executable()
	if err != nil {
		return nil, err
	}
	cmd := exec.Command(exe, childCommand, "--serve")
	c := &child{cmd: cmd, stderr: &capped{max: childStderrMax}}
	cmd.Stderr = c.stderr
	if c.in, err = cmd.StdinPipe(); err != nil {
		return nil, err
	}
	out, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	c.out = bufio.NewReaderSize(out, 1<<16)
	c.dec = gob.NewDecoder(c.out)
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	return c, nil
}

func (p *childPool) put(c *child) {
	c.served++
	if c.served >= childRetire {
		c.in.Close() // the child ends at the end of its input
		go c.cmd.Wait()
		return
	}
	p.mu.Lock()
	p.idle = append(p.idle, c)
	p.mu.Unlock()
}

// kill ends a child that overran its time or failed, and returns the first line it wrote to stderr.
func (c *child) kill() string {
	c.cmd.Process.Kill()
	c.in.Close()
	c.cmd.Wait()
	why := strings.TrimSpace(c.stderr.String())
	if i := strings.IndexByte(why, '\n'); i >= 0 {
		why = why[:i]
	}
	if why == "" && c.cmd.ProcessState != nil {
		why = c.cmd.ProcessState.String()
	}
	return why
}

// needsIsolation tells whether a file is a PDF, by the same detection extract uses.
func needsIsolation(path string) bool {
	f, err := os.Open(path)
	if err != nil {
		return false // extract.File reports the error
	}
	defer f.Close()
	head := make([]byte, 1024)
	n, _ := io.ReadFull(f, head)
	return extract.Detect(path, head[:n]) == extract.FormatPDF
}

// cmdChildExtract is the child side of extractIsolated. With --serve it reads file names (JSON
// strings, one a line) from stdin until its end and answers each with a childResult on one line
// of stdout; with a FILE it answers once. Exit status 0 means every result was written.
func cmdChildExtract(ctx context.Context, args []string, stdout io.Writer) error {
	if len(args) != 1 {
		return usageError{childCommand + " takes --serve or exactly one FILE"}
	}
	debug.SetMemoryLimit(childMemoryLimit)
	debug.SetGCPercent(childGCPercent)
	if args[0] != "--serve" {
		return writeChildResult(stdout, childExtract(ctx, args[0]))
	}
	in := bufio.NewReader(os.Stdin) // main hands the child no reader: requests come on the process's stdin
	out := bufio.NewWriter(stdout)
	enc := gob.NewEncoder(out)
	for {
		line, err := in.ReadBytes('\n')
		if len(bytes.TrimSpace(line)) > 0 {
			var path string
			if jerr := json.Unmarshal(line, &path); jerr != nil {
				return fmt.Errorf("bad request %q: %v", line, jerr)
			}
			res := childExtract(ctx, path)
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

func childExtract(ctx context.Context, path string) childResult {
	doc, err := extract.File(ctx, path, extract.Options{})
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
			ce.Kind = k
		}
	}
	return ce
}

// err rebuilds the error the child saw: an *extract.Error that unwraps to the same sentinel.
func (c *childError) err() error {
	var inner error = errors.New(c.Message)
	if s, ok := childSentinels[c.Kind]; ok {
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

// Package isolate extracts documents so that a hostile file cannot take down or stall the caller.
//
// A PDF is extracted by the same binary in a child process that is killed when the time limit
// passes: the PDF library can loop forever on a malformed object, which no recover stops, and a
// declared size can make it allocate without bound. The binary runs the child side (Serve) when it
// is started with the hidden subcommand Command. Children serve one file after another and wait for
// the next one, so a batch pays for starting a process only once per worker; a killed or crashed
// child is replaced by a new one. Text and HTML are read in the caller's process: their readers are
// this project's code and golang.org/x/net/html, which only loop over their input and stop at its
// end, and extract.Bytes turns their panics into errors.
package isolate

import (
	"bufio"
	"context"
	"encoding/gob"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"time"

	drucksache "drucksache"
	"drucksache/extract"
)

// ErrTimeLimit is a document that took longer than its time limit.
var ErrTimeLimit = errors.New("time limit exceeded")

// CrashError is a child process that ended while extracting a document: it panicked, ran out of
// memory, was killed, or broke the protocol.
type CrashError struct {
	Why string // the first line the child wrote to stderr, else how it ended
}

func (e *CrashError) Error() string { return "the extraction process failed: " + e.Why }

// Panicked reports whether the child ended in a panic.
func (e *CrashError) Panicked() bool { return strings.HasPrefix(e.Why, "panic:") }

// OutOfMemory reports whether the child ran out of memory: the Go runtime said so, or the system
// killed it (its out-of-memory killer; a child is killed by this package only on its time limit).
func (e *CrashError) OutOfMemory() bool {
	return strings.Contains(e.Why, "out of memory") || e.Why == "signal: killed"
}

// childRetire is how many files a child serves before it is replaced, bounding what one
// process can accumulate.
const childRetire = 500

// childStderrMax bounds what a parent keeps of a child's standard error.
const childStderrMax = 64 << 10

// Pool keeps idle children for the next files. The zero value is ready to use; Close ends the idle
// children.
type Pool struct {
	Options extract.Options // how every file is extracted, here and in the children

	mu     sync.Mutex
	idle   []*child
	closed bool
}

// child is one running extraction process serving requests on its stdin.
type child struct {
	cmd    *exec.Cmd
	in     io.WriteCloser
	out    *bufio.Reader
	dec    *gob.Decoder // results come as a gob stream: cheaper to decode than JSON, and self-delimiting
	stderr *capped
	served int
}

// Extract extracts one file: a PDF in a child process killed when timeout (0: none) passes or ctx
// ends, anything else in this process. A time limit is an *extract.Error wrapping ErrTimeLimit, a
// crashed child one wrapping a *CrashError.
func (p *Pool) Extract(ctx context.Context, path string, timeout time.Duration) (*drucksache.Document, error) {
	if !needsIsolation(path) {
		return extract.File(ctx, path, p.Options)
	}
	c, err := p.get()
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
			Err: fmt.Errorf("%w (%v): the extraction was stopped", ErrTimeLimit, timeout)}
	case r := <-done:
		res := r.res
		if r.err != nil || (res.Document == nil && res.Error == nil) {
			why := c.kill()
			if r.err != nil && why == "" {
				why = r.err.Error()
			}
			return nil, &extract.Error{File: path, Stage: "extract", Err: &CrashError{Why: why}}
		}
		p.put(c)
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

// Close ends the idle children (each ends at the end of its input) and waits for them; a child
// still serving a file ends when it is handed back.
func (p *Pool) Close() error {
	p.mu.Lock()
	idle := p.idle
	p.idle, p.closed = nil, true
	p.mu.Unlock()
	for _, c := range idle {
		c.in.Close()
		c.cmd.Wait()
	}
	return nil
}

func (p *Pool) get() (*child, error) {
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
	cmd := exec.Command(exe, append(append([]string{Command}, optionArgs(p.Options)...), "--serve")...)
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

func (p *Pool) put(c *child) {
	c.served++
	p.mu.Lock()
	keep := c.served < childRetire && !p.closed
	if keep {
		p.idle = append(p.idle, c)
	}
	p.mu.Unlock()
	if !keep {
		c.in.Close() // the child ends at the end of its input
		go c.cmd.Wait()
	}
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

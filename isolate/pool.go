// Package isolate extracts and makes documents so that a hostile file cannot take down, stall or
// exhaust the caller.
//
// Every document is read by the same binary in a child process that is killed when the time limit
// passes: the PDF library can loop forever on a malformed object, which no recover stops, a declared
// size can make it allocate without bound, and the text and HTML readers, transform and the writers
// can take long or much memory on a huge input. Abandoned in the caller, such work would go on
// running there; in a child it ends with the child. A child's memory is limited (Pool.Memory), so a
// document that needs more fails alone. The binary runs the child side (Serve) when it is started
// with the hidden subcommand Command. Children serve one request after another and wait for the
// next one, so a batch pays for starting a process only once per worker; a killed or crashed child
// is replaced by a new one.
//
// Extract hands the document back; Make has the child also transform it and write its per-document
// outputs into a folder, so that the time limit and the memory limit cover every stage.
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

// DefaultMemory is the memory limit of a child by default: 1 GiB.
const DefaultMemory = 1 << 30

// CrashError is a child process that ended while working on a document: it panicked, ran out of
// memory, was killed, or broke the protocol.
type CrashError struct {
	Why   string // the first line the child wrote to stderr, else how it ended
	Limit int64  // the child's memory limit in bytes, 0 for none
}

func (e *CrashError) Error() string {
	if e.OutOfMemory() && e.Limit > 0 {
		return fmt.Sprintf("the extraction process ran out of memory (limit %s): %s", Bytes(e.Limit), e.Why)
	}
	return "the extraction process failed: " + e.Why
}

// Panicked reports whether the child ended in a panic.
func (e *CrashError) Panicked() bool { return strings.HasPrefix(e.Why, "panic:") }

// OutOfMemory reports whether the child ran out of memory: the Go runtime said so (its memory limit
// reached, an allocation or a new thread refused), or the system killed it (its out-of-memory killer;
// a child is killed by this package only on its time limit), or, under a hard memory limit, the
// runtime itself faulted: a fault in the program's own code is a panic, while the runtime's garbage
// collector, refused the memory it asked for at the limit, can fault on the missing memory.
func (e *CrashError) OutOfMemory() bool {
	return strings.Contains(e.Why, "out of memory") || strings.Contains(e.Why, "errno=12") ||
		strings.Contains(e.Why, "cannot allocate memory") || e.Why == "signal: killed" ||
		e.Limit > 0 && strings.HasPrefix(e.Why, "SIGSEGV")
}

// Bytes writes a number of bytes in the largest binary unit that divides it (1 GiB, 512 MiB), as
// --memory takes it.
func Bytes(n int64) string {
	for _, u := range []struct {
		name string
		size int64
	}{{"GiB", 1 << 30}, {"MiB", 1 << 20}, {"KiB", 1 << 10}} {
		if n >= u.size && n%u.size == 0 {
			return fmt.Sprintf("%d %s", n/u.size, u.name)
		}
	}
	return fmt.Sprintf("%d bytes", n)
}

// childRetire is how many files a child serves before it is replaced, bounding what one
// process can accumulate.
const childRetire = 500

// childStderrMax bounds what a parent keeps of a child's standard error.
const childStderrMax = 64 << 10

// Pool keeps idle children for the next files. The zero value is ready to use (children without a
// hard memory limit); Close ends the idle children.
type Pool struct {
	// Memory is the most memory, in bytes, a child may hold (on Linux; elsewhere the Go runtime's soft
	// limit only); 0 sets none. A document that needs more fails with a CrashError, OutOfMemory.
	Memory int64
	// Options are how every file is extracted; they travel with each request to the child.
	Options extract.Options

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

// Extract extracts one file in a child process killed when timeout (0: none) passes or ctx ends. A
// time limit is an *extract.Error wrapping ErrTimeLimit, a crashed child one wrapping a *CrashError.
func (p *Pool) Extract(ctx context.Context, path string, timeout time.Duration) (*drucksache.Document, error) {
	res, err := p.serve(ctx, request{Path: path, Options: p.Options}, timeout)
	if err != nil {
		return nil, err
	}
	if res.Document == nil {
		return nil, &extract.Error{File: path, Stage: "extract", Err: &CrashError{Why: "no document in the reply"}}
	}
	res.Document.Source.File = path
	return res.Document, nil
}

// Make makes one document in a child process, as Extract does: extracts it, transforms it, stamps it
// with the extractor (when not nil) and writes its per-document outputs (load.Outputs) below dir,
// all within timeout and the pool's memory limit. An error of the writers is a *WriteError.
func (p *Pool) Make(ctx context.Context, path, dir string, extractor *drucksache.Extractor, timeout time.Duration) (*Made, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, err
	}
	res, err := p.serve(ctx, request{Path: path, Dir: abs, Extractor: extractor, Options: p.Options}, timeout)
	if err != nil {
		return nil, err
	}
	if res.Made == nil {
		return nil, &extract.Error{File: path, Stage: "extract", Err: &CrashError{Why: "no outputs in the reply"}}
	}
	return res.Made, nil
}

// serve has a child answer one request within timeout, killing it when the time passes or ctx ends.
func (p *Pool) serve(ctx context.Context, req request, timeout time.Duration) (childResult, error) {
	path := req.Path
	c, err := p.get()
	if err != nil {
		return childResult{}, &extract.Error{File: path, Stage: "extract", Err: fmt.Errorf("cannot start an isolated extraction: %w", err)}
	}
	type reply struct {
		res childResult
		err error
	}
	done := make(chan reply, 1)
	go func() {
		// A reused child keeps the folder it started in: hand it an absolute path.
		if abs, err := filepath.Abs(req.Path); err == nil {
			req.Path, req.Name = abs, req.Path
		}
		line, _ := json.Marshal(req)
		if _, err := c.in.Write(append(line, '\n')); err != nil {
			done <- reply{err: err}
			return
		}
		var res childResult
		err := c.dec.Decode(&res)
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
		return childResult{}, ctx.Err()
	case <-limit:
		c.kill()
		return childResult{}, &extract.Error{File: path, Stage: "extract",
			Err: fmt.Errorf("%w (%v): the extraction was stopped", ErrTimeLimit, timeout)}
	case r := <-done:
		res := r.res
		if r.err != nil || (res.Document == nil && res.Made == nil && res.Error == nil) {
			why := c.kill()
			if r.err != nil && why == "" {
				why = r.err.Error()
			}
			return childResult{}, &extract.Error{File: path, Stage: "extract", Err: &CrashError{Why: why, Limit: p.Memory}}
		}
		p.put(c)
		if res.Error != nil {
			err := res.Error.err()
			var e *extract.Error
			if errors.As(err, &e) {
				e.File = path
			}
			return childResult{}, err
		}
		return res, nil
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
	args := []string{Command, "--serve"}
	if p.Memory > 0 {
		args = append(args, fmt.Sprintf("--memory=%d", p.Memory))
	}
	cmd := exec.Command(exe, args...)
	cmd.SysProcAttr = childAttr()
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

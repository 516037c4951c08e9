package main

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"runtime/debug"
	"syscall"
	"time"

	drucksache "drucksache"
	"drucksache/load"
)

// errTimeLimit is a document that took longer than the time limit (--timeout).
var errTimeLimit = errors.New("time limit exceeded")

// guardGrace is how long after its own time limit the runner waits for an extraction before giving
// up on it: extractIsolated enforces the limit, this is the backstop should it not return.
const guardGrace = 10 * time.Second

// writeFailure reports whether an error writing the outputs comes from the machine, not the document:
// a full disk, a missing permission, a read-only or broken file system. Such an error stops the run;
// any other (a document the loader cannot encode) quarantines the document.
func writeFailure(err error) bool {
	var pe *fs.PathError
	var le *os.LinkError
	var se *os.SyscallError
	return errors.As(err, &pe) || errors.As(err, &le) || errors.As(err, &se) || resourceFailure(err)
}

// resourceFailure reports whether an error means the machine ran out of something every document
// needs (disk, file handles, memory, processes): no document is to blame, the run stops.
func resourceFailure(err error) bool {
	for _, errno := range []syscall.Errno{syscall.ENOSPC, syscall.EDQUOT, syscall.EROFS, syscall.EMFILE,
		syscall.ENFILE, syscall.ENOMEM, syscall.EAGAIN} {
		if errors.Is(err, errno) {
			return true
		}
	}
	return false
}

// extractGuarded extracts one file, turning a panic into an error and giving up on an extraction that
// outlives its time limit by guardGrace, so one document never stops or stalls the batch.
func (r *runner) extractGuarded(ctx context.Context, path string) (*drucksache.Document, error) {
	if r.timeout <= 0 {
		return r.callExtract(ctx, path)
	}
	gctx, cancel := context.WithTimeout(ctx, r.timeout+r.grace)
	defer cancel()
	type result struct {
		doc *drucksache.Document
		err error
	}
	done := make(chan result, 1)
	go func() {
		doc, err := r.callExtract(gctx, path)
		done <- result{doc, err}
	}()
	select {
	case res := <-done:
		if res.err != nil && errors.Is(res.err, context.DeadlineExceeded) && ctx.Err() == nil {
			return nil, fmt.Errorf("%s: %w (%v)", path, errTimeLimit, r.timeout)
		}
		return res.doc, res.err
	case <-gctx.Done():
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		return nil, fmt.Errorf("%s: %w (%v, extraction did not stop)", path, errTimeLimit, r.timeout)
	}
}

// callExtract calls the extractor, turning a panic into the document's error.
func (r *runner) callExtract(ctx context.Context, path string) (doc *drucksache.Document, err error) {
	defer func() {
		if p := recover(); p != nil {
			doc, err = nil, fmt.Errorf("%s: extract: internal error: %v\n%s", path, p, debug.Stack())
		}
	}()
	return r.extract(ctx, path, r.timeout)
}

// safely runs one stage on a document, turning a panic into the document's error.
func safely(path, stage string, f func() error) (err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("%s: %s: internal error: %v\n%s", path, stage, p, debug.Stack())
		}
	}()
	return f()
}

// writeDocument writes one document with one loader and commits it, a panic becoming an error.
func writeDocument(ctx context.Context, l load.Loader, doc *drucksache.Document) error {
	return safely(doc.Source.File, "write", func() error {
		if err := l.Write(ctx, doc); err != nil {
			l.Close()
			return err
		}
		return l.Close()
	})
}

package batch

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"runtime/debug"
	"strings"
	"syscall"
	"time"

	drucksache "drucksache"
	"drucksache/batch/internal/index"
	"drucksache/extract"
	"drucksache/internal/printable"
	"drucksache/isolate"
	"drucksache/load"
)

// Failure is why a document was quarantined, and where: what the report and the manifest keep of
// the error, its facts as they were found, not parsed back from its text.
type Failure struct {
	File   string // the input
	Page   int    // the page the error is on, 0 when not known
	Line   int    // the line, 0 when not known
	Kind   string // the stage of extraction that failed (extract.Error's Stage), or a Kind… of the runner
	Reason string // the error's text, without the file name it starts with, raw bytes escaped (package printable)
}

// The kinds of failure the runner tells apart itself; any other kind is the stage of extraction
// that failed ("read", "txt", "pdf", "html", "parse", "extract").
const (
	KindTimeLimit     = "time limit"     // the document took longer than Config.Timeout
	KindPanic         = "panic"          // a stage panicked on the document
	KindWrite         = "write"          // a writer could not encode the document
	KindResourceLimit = "resource limit" // the document exceeds a size limit, or its extraction ran out of memory
	KindID            = "id"             // the document's id cannot name its output files
	KindMissing       = "missing"        // the input is not there (a path of the list on stdin)
	KindOther         = "error"          // none of the above, and no stage known
)

// failureOf is the failure of the input path that err tells of; writing is set when the error came
// from the writers of the outputs.
func failureOf(path string, err error, writing bool) *Failure {
	f := &Failure{File: path, Kind: KindOther, Reason: printable.String(strings.TrimPrefix(err.Error(), path+": "))}
	var ee *extract.Error
	if errors.As(err, &ee) {
		f.Page, f.Line = ee.Page, ee.Line
		if ee.Stage != "" {
			f.Kind = ee.Stage
		}
	}
	var pe *panicError
	var ce *isolate.CrashError
	crashed := errors.As(err, &ce)
	switch {
	case errors.Is(err, isolate.ErrTimeLimit):
		f.Kind = KindTimeLimit
	case errors.As(err, &pe) || errors.Is(err, isolate.ErrPanic) || crashed && ce.Panicked():
		f.Kind = KindPanic
	case errors.Is(err, extract.ErrTooLarge) || crashed && ce.OutOfMemory():
		f.Kind = KindResourceLimit
	case errors.Is(err, load.ErrBadID):
		f.Kind = KindID
	case errors.Is(err, fs.ErrNotExist):
		f.Kind = KindMissing
	case writing:
		f.Kind = KindWrite
	}
	return f
}

// record puts the failure into the entry of its input.
func (f *Failure) record(e *index.Entry) {
	e.Reason, e.Page, e.Line, e.Kind = f.Reason, f.Page, f.Line, f.Kind
}

// guardGrace is how long after its own time limit the runner waits for an extraction before giving
// up on it: the extractor enforces the limit, this is the backstop should it not return.
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

// extractGuarded extracts one file with Config.Extract, guarded (guard).
func (r *runner) extractGuarded(ctx context.Context, path string) (*drucksache.Document, error) {
	return guard(ctx, r, path, func(ctx context.Context) (*drucksache.Document, error) { return r.callExtract(ctx, path) })
}

// guard calls f, which works on the document path in this process, within the run's time limit: it
// gives up on a call that outlives the limit by the grace, so one document never stalls the batch.
// A call given up on cannot be stopped and goes on in the background: that is why a run extracts in
// child processes (Config.Extract nil), which are killed instead.
func guard[T any](ctx context.Context, r *runner, path string, f func(ctx context.Context) (T, error)) (T, error) {
	if r.Timeout <= 0 {
		return f(ctx)
	}
	gctx, cancel := context.WithTimeout(ctx, r.Timeout+r.grace)
	defer cancel()
	type result struct {
		v   T
		err error
	}
	done := make(chan result, 1)
	go func() {
		v, err := f(gctx)
		done <- result{v, err}
	}()
	var zero T
	select {
	case res := <-done:
		if res.err != nil && errors.Is(res.err, context.DeadlineExceeded) && ctx.Err() == nil {
			return zero, fmt.Errorf("%s: %w (%v)", path, isolate.ErrTimeLimit, r.Timeout)
		}
		return res.v, res.err
	case <-gctx.Done():
		if ctx.Err() != nil {
			return zero, ctx.Err()
		}
		return zero, fmt.Errorf("%s: %w (%v): given up on", path, isolate.ErrTimeLimit, r.Timeout)
	}
}

// callExtract calls the extractor, turning a panic into the document's error.
func (r *runner) callExtract(ctx context.Context, path string) (doc *drucksache.Document, err error) {
	defer func() {
		if p := recover(); p != nil {
			doc, err = nil, &panicError{path: path, stage: "extract", value: p, stack: debug.Stack()}
		}
	}()
	return r.Extract(ctx, path, r.Timeout)
}

// safely runs one stage on a document, turning a panic into the document's error.
func safely(path, stage string, f func() error) (err error) {
	defer func() {
		if p := recover(); p != nil {
			err = &panicError{path: path, stage: stage, value: p, stack: debug.Stack()}
		}
	}()
	return f()
}

// panicError is a stage that panicked on a document.
type panicError struct {
	path, stage string
	value       any
	stack       []byte
}

func (e *panicError) Error() string {
	return fmt.Sprintf("%s: %s: internal error: %v\n%s", e.path, e.stage, e.value, e.stack)
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

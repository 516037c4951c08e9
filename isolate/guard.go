package isolate

import (
	"context"
	"errors"
	"fmt"
	"time"

	drucksache "drucksache"
	"drucksache/extract"
)

// ErrMemoryLimit is a document whose extraction in this process (Guard) held more memory than its limit.
var ErrMemoryLimit = errors.New("memory limit exceeded")

// Guard extracts one document in this process under a watchdog: at the time limit, or when the
// process holds nearly opts.Limits.MaxMemory (its memory limit, LimitProcess), it returns an
// *extract.Error wrapping ErrTimeLimit or ErrMemoryLimit while the extraction may still run, so the
// caller ends the process with it (a PDF that makes the reader loop cannot hold the command, a file
// whose text takes much memory ends in a message rather than the runtime's crash at the hard limit).
// For a command that extracts one document: starting a child costs more than reading a short PDF.
func Guard(ctx context.Context, path string, timeout time.Duration, opts extract.Options) (*drucksache.Document, error) {
	return guard(ctx, path, timeout, opts.Limits.MaxMemory, func(ctx context.Context, path string) (*drucksache.Document, error) {
		return extract.File(ctx, path, opts)
	})
}

// memoryWatch is how often Guard looks at the memory the process holds: it stops the extraction at
// 7/8 of the limit, before the kernel refuses memory at the limit, which the Go runtime cannot take
// but with a crash (only an allocation of more than the last eighth at once still meets it).
const memoryWatch = 5 * time.Millisecond

func guard(ctx context.Context, path string, timeout time.Duration, memory int64,
	extractFile func(context.Context, string) (*drucksache.Document, error)) (*drucksache.Document, error) {
	if timeout > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, timeout)
		defer cancel()
	}
	type reply struct {
		doc *drucksache.Document
		err error
	}
	done := make(chan reply, 1) // the watchdog may leave: the extraction must not block on sending
	go func() {
		doc, err := extractFile(ctx, path)
		done <- reply{doc, err}
	}()
	var tick <-chan time.Time
	if memory > 0 {
		t := time.NewTicker(memoryWatch)
		defer t.Stop()
		tick = t.C
	}
	for {
		select {
		case r := <-done:
			return r.doc, r.err
		case <-tick:
			if heldMemory() > memory/8*7 {
				return nil, &extract.Error{File: path, Stage: "extract",
					Err: fmt.Errorf("%w (%s): the extraction was stopped", ErrMemoryLimit, Bytes(memory))}
			}
		case <-ctx.Done():
			if errors.Is(ctx.Err(), context.DeadlineExceeded) {
				return nil, &extract.Error{File: path, Stage: "extract",
					Err: fmt.Errorf("%w (%v): the extraction was stopped", ErrTimeLimit, timeout)}
			}
			return nil, ctx.Err()
		}
	}
}

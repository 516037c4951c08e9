package isolate

import (
	"context"
	"errors"
	"fmt"
	"time"

	drucksache "drucksache"
	"drucksache/extract"
)

// Guard extracts one document in this process under a watchdog: at the time limit it returns an
// *extract.Error wrapping ErrTimeLimit while the extraction may still run, so the caller ends the
// process with it (a PDF that makes the reader loop cannot hold the command). For a command that
// extracts one document: starting a child costs more than reading a short PDF.
func Guard(ctx context.Context, path string, timeout time.Duration, opts extract.Options) (*drucksache.Document, error) {
	return guard(ctx, path, timeout, func(ctx context.Context, path string) (*drucksache.Document, error) {
		return extract.File(ctx, path, opts)
	})
}

func guard(ctx context.Context, path string, timeout time.Duration,
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
	select {
	case r := <-done:
		return r.doc, r.err
	case <-ctx.Done():
		if errors.Is(ctx.Err(), context.DeadlineExceeded) {
			return nil, &extract.Error{File: path, Stage: "extract",
				Err: fmt.Errorf("%w (%v): the extraction was stopped", ErrTimeLimit, timeout)}
		}
		return nil, ctx.Err()
	}
}

package batch

import (
	"context"
	"errors"
	"syscall"
)

// StoppedError is a run that could not complete: not a document failed, but the run itself — another
// run holds the output folder, the folder cannot be written, the disk is full, the run was
// interrupted. Kind says which (one of the Stop… kinds); report.json says it too (stopped_kind).
type StoppedError struct {
	Kind string
	Err  error
}

func (e *StoppedError) Error() string { return e.Err.Error() }
func (e *StoppedError) Unwrap() error { return e.Err }

// The kinds of a stopped run.
const (
	StopInterrupted = "interrupted"  // Ctrl-C or SIGTERM
	StopLocked      = "locked"       // another run is writing the output folder
	StopDiskFull    = "disk full"    // no space left, or a quota reached
	StopNotWritable = "not writable" // no permission, a read-only file system, a file where a folder goes
	StopOther       = "error"        // anything else that stopped the run
)

// errInterrupted is a run stopped by its context: Ctrl-C or SIGTERM.
var errInterrupted = errors.New("interrupted")

// errLocked is an output folder another run is writing.
var errLocked = errors.New("another run is writing this output folder")

// stopKind is the kind of the error that stopped a run.
func stopKind(err error) string {
	has := func(errnos ...syscall.Errno) bool {
		for _, errno := range errnos {
			if errors.Is(err, errno) {
				return true
			}
		}
		return false
	}
	var se *StoppedError
	switch {
	case errors.As(err, &se):
		return se.Kind
	case errors.Is(err, errInterrupted) || errors.Is(err, context.Canceled):
		return StopInterrupted
	case errors.Is(err, errLocked):
		return StopLocked
	case has(syscall.ENOSPC, syscall.EDQUOT):
		return StopDiskFull
	case has(syscall.EACCES, syscall.EPERM, syscall.EROFS, syscall.ENOTDIR, syscall.EISDIR, syscall.EEXIST, syscall.ENOTEMPTY):
		return StopNotWritable
	}
	return StopOther
}

// stopped is the error Run returns for err: nil, a UsageError and ErrSomeFailed as they are, any other
// error as a StoppedError of its kind.
func stopped(err error) error {
	var ue UsageError
	var se *StoppedError
	switch {
	case err == nil, errors.Is(err, ErrSomeFailed), errors.As(err, &ue), errors.As(err, &se):
		return err
	case errors.Is(err, context.Canceled):
		err = errInterrupted
	}
	return &StoppedError{Kind: stopKind(err), Err: err}
}

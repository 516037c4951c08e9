package layout

import (
	"errors"
	"fmt"
	"strings"
)

// Sentinel errors callers branch on.
var (
	ErrEmpty       = errors.New("empty input")
	ErrNotText     = errors.New("binary data, not a text, PDF or HTML document")
	ErrEncrypted   = errors.New("encrypted PDF")
	ErrNoText      = errors.New("no extractable text (scanned pages?)")
	ErrTooLarge    = errors.New("input exceeds a limit")
	ErrUnsupported = errors.New("unsupported format")
)

// Error is an extraction error with the place it happened, like csv.ParseError.
type Error struct {
	File  string
	Page  int // 0 when not known
	Line  int // 0 when not known
	Stage string
	Err   error
}

func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString(e.File)
	if e.Page > 0 {
		fmt.Fprintf(&b, ": page %d", e.Page)
	}
	if e.Line > 0 {
		fmt.Fprintf(&b, ": line %d", e.Line)
	}
	if e.Stage != "" {
		fmt.Fprintf(&b, ": %s", e.Stage)
	}
	fmt.Fprintf(&b, ": %v", e.Err)
	return b.String()
}

func (e *Error) Unwrap() error { return e.Err }

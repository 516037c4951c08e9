package extract

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"

	drucksache "drucksache"
)

// Reader turns the bytes of one source into printed lines; one implementation per format.
type Reader interface {
	Read(ctx context.Context, name string, data []byte) (*Layout, error)
}

// Formats a source can have.
const (
	FormatText = "txt"
	FormatPDF  = "pdf"
	FormatHTML = "html"
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

// Limits bound the work spent on one document; the zero value means DefaultLimits.
type Limits struct {
	MaxBytes int64 // largest input file
	MaxPages int   // most PDF pages read
}

// DefaultLimits are generous for Drucksachen (rarely above a few hundred pages).
var DefaultLimits = Limits{MaxBytes: 256 << 20, MaxPages: 5000}

// Detect names the format of data: by content first (%PDF, <html), then by the file extension.
func Detect(name string, data []byte) string {
	head := data
	if len(head) > 1024 {
		head = head[:1024]
	}
	if bytes.Contains(head, []byte("%PDF-")) {
		return FormatPDF
	}
	lower := bytes.ToLower(bytes.TrimLeft(head, "\ufeff \t\r\n"))
	if bytes.HasPrefix(lower, []byte("<!doctype html")) || bytes.HasPrefix(lower, []byte("<html")) ||
		bytes.Contains(lower, []byte("<html")) || bytes.Contains(lower, []byte("<body")) {
		return FormatHTML
	}
	switch strings.ToLower(filepath.Ext(name)) {
	case ".pdf":
		return FormatPDF
	case ".html", ".htm", ".xhtml":
		return FormatHTML
	}
	return FormatText
}

// ReaderFor returns the reader of a format.
func ReaderFor(format string) (Reader, error) {
	switch format {
	case FormatText:
		return Text{}, nil
	case FormatPDF:
		return PDF{}, nil
	case FormatHTML:
		return HTML{}, nil
	default:
		return nil, fmt.Errorf("%w: %q", ErrUnsupported, format)
	}
}

// File reads and extracts one file.
func File(ctx context.Context, path string) (*drucksache.Document, error) {
	fi, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	if fi.Size() > DefaultLimits.MaxBytes {
		return nil, &Error{File: path, Stage: "read", Err: fmt.Errorf("%w: %d bytes", ErrTooLarge, fi.Size())}
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	return Bytes(ctx, path, data)
}

// Bytes extracts one document from its bytes; name is the file name used in errors and in source.file.
// A panic inside a reader or the parser is returned as an error: one hostile file never ends a batch.
func Bytes(ctx context.Context, name string, data []byte) (doc *drucksache.Document, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = &Error{File: name, Stage: "extract", Err: fmt.Errorf("internal error: %v\n%s", r, debug.Stack())}
			doc = nil
		}
	}()
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, &Error{File: name, Stage: "read", Err: ErrEmpty}
	}
	format := Detect(name, data)
	r, err := ReaderFor(format)
	if err != nil {
		return nil, &Error{File: name, Stage: "read", Err: err}
	}
	layout, err := r.Read(ctx, name, data)
	if err != nil {
		var e *Error
		if errors.As(err, &e) {
			return nil, err
		}
		return nil, &Error{File: name, Stage: format, Err: err}
	}
	sum := sha256.Sum256(data)
	src := drucksache.Source{File: name, Format: format, SHA256: hex.EncodeToString(sum[:]), Pages: layout.Pages, Encoding: layout.Encoding}
	if src.Pages == 0 {
		src.Pages = 1
	}
	return Parse(src, layout)
}

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
	"drucksache/extract/html"
	"drucksache/extract/layout"
	"drucksache/extract/pdf"
	"drucksache/extract/structure"
	"drucksache/extract/text"
)

// Layout is what a reader makes of one source, and Line one printed line of it (package layout):
// what a Reader hands to the structure parser.
type (
	Layout = layout.Layout
	Line   = layout.Line
)

// Reader turns the bytes of one source into printed lines; one implementation per format
// (text.Reader, pdf.Reader, html.Reader).
type Reader interface {
	Read(ctx context.Context, name string, data []byte) (*Layout, error)
}

// Formats a source can have.
const (
	FormatText = "txt"
	FormatPDF  = "pdf"
	FormatHTML = "html"
)

// The errors of extraction, shared with the readers and the parser (package layout), so that
// callers keep branching on extract.Error and extract.ErrX with errors.Is and errors.As.
type Error = layout.Error

// Sentinel errors callers branch on.
var (
	ErrEmpty       = layout.ErrEmpty
	ErrNotText     = layout.ErrNotText
	ErrEncrypted   = layout.ErrEncrypted
	ErrNoText      = layout.ErrNoText
	ErrTooLarge    = layout.ErrTooLarge
	ErrUnsupported = layout.ErrUnsupported
)

// Limits bound the work spent on one document; the zero value means DefaultLimits.
type Limits = layout.Limits

// DefaultLimits are generous for Drucksachen (rarely above a few hundred pages).
var DefaultLimits = Limits{MaxBytes: layout.DefaultMaxBytes, MaxPages: layout.DefaultMaxPages}

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
		return text.Reader{}, nil
	case FormatPDF:
		return pdf.Reader{}, nil
	case FormatHTML:
		return html.Reader{}, nil
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
	return structure.Parse(src, layout)
}

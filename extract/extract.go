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

// Limits bound the work spent on one document; a zero field means its default (DefaultLimits).
type Limits = layout.Limits

// DefaultLimits returns the limits an extraction has when its Options set none: generous for
// Drucksachen, which rarely have more than a few hundred pages.
func DefaultLimits() Limits { return Limits{}.OrDefaults() }

// Options configure one extraction; the zero value extracts with the defaults. They are passed
// to File and Bytes and on to the readers, so that two extractions with other options can run
// side by side.
type Options struct {
	Limits Limits
	// Sums is the arithmetic that decides how the figures of a row in dumped text group where the
	// columns' pattern leaves several readings (transform.Sums); nil decides by pattern and layout only.
	Sums Sums `json:"-"`
	// PageWorkers is how many pages of a PDF are read at once (0 or 1: one after the other): more
	// for a command that extracts one document, while a batch reads documents side by side instead.
	// The document read is the same whatever the number.
	PageWorkers int `json:",omitempty"`
}

// Sums weighs the readings of a table by its arithmetic (see layout.Sums).
type Sums = layout.Sums

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

// ReaderFor returns the reader of a format, with the limits of opts.
func ReaderFor(format string, opts Options) (Reader, error) {
	switch format {
	case FormatText:
		return text.Reader{}, nil
	case FormatPDF:
		return pdf.Reader{Limits: opts.Limits, Workers: opts.PageWorkers}, nil
	case FormatHTML:
		return html.Reader{Limits: opts.Limits}, nil
	default:
		return nil, fmt.Errorf("%w: %q", ErrUnsupported, format)
	}
}

// File reads and extracts one file.
func File(ctx context.Context, path string, opts Options) (*drucksache.Document, error) {
	fi, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	if fi.Size() > opts.Limits.OrDefaults().MaxBytes {
		return nil, &Error{File: path, Stage: "read", Err: fmt.Errorf("%w: %d bytes", ErrTooLarge, fi.Size())}
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	return Bytes(ctx, path, data, opts)
}

// Bytes extracts one document from its bytes; name is the file name used in errors and in source.file.
// A panic inside a reader or the parser is returned as an error: one hostile file never ends a batch.
func Bytes(ctx context.Context, name string, data []byte, opts Options) (doc *drucksache.Document, err error) {
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
	r, err := ReaderFor(format, opts)
	if err != nil {
		return nil, &Error{File: name, Stage: "read", Err: err}
	}
	read, err := r.Read(ctx, name, data)
	if err != nil {
		var e *Error
		if errors.As(err, &e) {
			return nil, err
		}
		return nil, &Error{File: name, Stage: format, Err: err}
	}
	sum := sha256.Sum256(data)
	src := drucksache.Source{File: name, Format: format, SHA256: hex.EncodeToString(sum[:]), Pages: read.Pages, Encoding: read.Encoding}
	if src.Pages == 0 {
		src.Pages = 1
	}
	return structure.Parse(src, read, opts.Sums)
}

package pdf

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/ledongthuc/pdf"

	drucksache "drucksache"
	"drucksache/extract/layout"
	"drucksache/extract/pdf/internal/content"
)

// Reader reads a PDF the way a person sees it: positioned glyphs from each page's content stream,
// put together into words, lines, paragraphs and table rows (layout.go, table.go).
//
// The library github.com/ledongthuc/pdf is used for what it does well, the file structure
// (cross-reference tables, objects, stream filters, decryption); the content streams, fonts
// and CMaps are interpreted by package internal/content, with positions that the tests check
// against the page.
type Reader struct {
	Limits layout.Limits // a zero field means its default
	// Workers is how many pages are read at once (0 or 1: one after the other): more for a command
	// that extracts one document, while a batch reads documents side by side instead.
	Workers int
}

// Read extracts the printed lines of every page. A page that cannot be read becomes a warning;
// a file that cannot be opened, is encrypted or has no text at all is an *Error.
func (p Reader) Read(ctx context.Context, name string, data []byte) (out *layout.Layout, err error) {
	lim := p.Limits.OrDefaults()
	if int64(len(data)) > lim.MaxBytes {
		return nil, &layout.Error{File: name, Stage: "pdf", Err: fmt.Errorf("%w: %d bytes", layout.ErrTooLarge, len(data))}
	}
	r, rebuilt, err := openPDF(data)
	if err != nil {
		if method := encryption(data); isEncryptedErr(err) || method != "" {
			if method == "" {
				method = "an unknown method"
			}
			why := "the reader does not support this method"
			if errors.Is(err, pdf.ErrInvalidPassword) {
				why = "it opens only with a password"
			}
			return nil, &layout.Error{File: name, Stage: "pdf", Err: &cleanErr{msg: fmt.Sprintf("%v with %s: %s", layout.ErrEncrypted, method, why), err: layout.ErrEncrypted}}
		}
		return nil, &layout.Error{File: name, Stage: "pdf", Err: &cleanErr{msg: "not a readable PDF: " + cause(err.Error()), err: err}}
	}
	doc := content.NewDoc(r)
	refs, err := safe(func() ([]content.PageRef, error) { return doc.Pages(lim.MaxPages) })
	if err == nil && len(refs) == 0 {
		err = errors.New("no pages")
	}
	if err != nil {
		msg := "page tree: " + cause(err.Error())
		if rebuilt != "" { // the pages were out of the rebuilt table's reach: say why it was rebuilt
			msg += " (the cross-reference table was rebuilt from the objects found: " + rebuilt + ")"
		}
		return nil, &layout.Error{File: name, Stage: "pdf", Err: &cleanErr{msg: msg, err: err}}
	}
	out = &layout.Layout{Pages: len(refs)}
	if rebuilt != "" {
		out.Warnings = append(out.Warnings, drucksache.Warning{Code: drucksache.WarnPDFRepaired,
			Message: "the cross-reference table is damaged or missing (a truncated file?); it was rebuilt from the objects found"})
	}
	pages := make([]*content.Page, len(refs))
	sides := make([][]*content.Page, len(refs)) // text running across each page's direction
	cells := make([][]*textLine, len(refs))     // turned text of table cells, read upright
	glyphs, images := 0, 0
	problem := "" // the first page error or damage, to name the cause when no page gives text
	budget, held := glyphBudget(lim.MaxMemory, len(data)), 0
	read := readPages(doc, refs, p.Workers)
	defer read.stop()
	for i := range refs {
		if err := ctx.Err(); err != nil {
			return nil, &layout.Error{File: name, Page: i + 1, Stage: "pdf", Err: err}
		}
		rp := read.page(i)
		if rp.layoutErr != nil {
			return nil, &layout.Error{File: name, Page: i + 1, Stage: "pdf", Err: fmt.Errorf("layout: %w", rp.layoutErr)}
		}
		pg, err := rp.pg, rp.err
		if err != nil && problem == "" {
			problem = err.Error()
		}
		if len(pg.Notes) > 0 && problem == "" {
			problem = pg.Notes[0]
		}
		if err != nil {
			out.Warnings = append(out.Warnings, drucksache.Warning{Code: drucksache.WarnPDFPageUnreadable,
				Message: fmt.Sprintf("page %d could not be read: %v", i+1, err), Provenance: drucksache.Provenance{Page: i + 1}})
		}
		for _, n := range pg.Notes {
			out.Warnings = append(out.Warnings, drucksache.Warning{Code: drucksache.WarnPDFPageDamaged,
				Message: fmt.Sprintf("page %d: %s", i+1, n), Provenance: drucksache.Provenance{Page: i + 1}})
		}
		glyphs += len(pg.Glyphs)
		images += pg.Images
		cells[i], pages[i], sides[i] = rp.cells, rp.upright, rp.sides
		if held += heldGlyphs(pages[i], sides[i]); budget > 0 && held > budget {
			return nil, &layout.Error{File: name, Page: i + 1, Stage: "pdf", Err: fmt.Errorf(
				"%w: the first %d of %d pages hold %d glyphs and lines, more than the memory limit of %d MiB leaves room for (%d): a compression bomb of text, or a document that needs a larger --memory",
				layout.ErrTooLarge, i+1, len(refs), held, lim.MaxMemory>>20, budget)}
		}
	}
	if strings.Contains(problem, "pdf.objptr") { // the library met a reference where it wants an object
		if chain := refOnly(data); chain != "" {
			problem = chain
		}
	}
	if glyphs == 0 && encryption(data) != "" {
		return nil, &layout.Error{File: name, Stage: "pdf", Err: &cleanErr{err: layout.ErrEncrypted,
			msg: fmt.Sprintf("%v with %s: no page gives text after decryption (the reader may not decrypt it correctly)", layout.ErrEncrypted, encryption(data))}}
	}
	if glyphs == 0 && problem != "" && images == 0 {
		return nil, &layout.Error{File: name, Stage: "pdf", Err: errors.New("no page gives text: " + whyNoText(problem))}
	}
	if glyphs == 0 {
		return nil, &layout.Error{File: name, Page: 1, Stage: "pdf",
			Err: fmt.Errorf("%w: %d pages without a glyph of text, %d images", layout.ErrNoText, len(refs), images)}
	}
	if len(refs) == lim.MaxPages {
		out.Warnings = append(out.Warnings, drucksache.Warning{Code: drucksache.WarnPDFPageLimit,
			Message: fmt.Sprintf("read the first %d pages only (the page limit)", lim.MaxPages)})
	}
	side, left := sideLines(sides)
	for i, pg := range pages {
		if len(pg.Glyphs) == 0 && len(side[i]) == 0 && left[i] == 0 && pg.Images > 0 {
			out.Warnings = append(out.Warnings, drucksache.Warning{Code: drucksache.WarnPDFPageNoText,
				Message:    fmt.Sprintf("page %d has images but no text (scanned?); its content is missing", i+1),
				Provenance: drucksache.Provenance{Page: i + 1}})
		}
		if n := pg.Unmapped; n*5 > len(pg.Glyphs) && n > 20 {
			out.Warnings = append(out.Warnings, drucksache.Warning{Code: drucksache.WarnPDFTextUnmapped,
				Message:    fmt.Sprintf("page %d: %d of %d glyphs have no Unicode mapping in their font; their text is lost", i+1, n, len(pg.Glyphs)),
				Provenance: drucksache.Provenance{Page: i + 1}})
		}
		if n := pg.Skipped + left[i]; n > 0 {
			out.Warnings = append(out.Warnings, drucksache.Warning{Code: drucksache.WarnPDFRotatedText,
				Message:    fmt.Sprintf("page %d: %d glyphs of rotated text left out", i+1, n),
				Provenance: drucksache.Provenance{Page: i + 1}})
		}
	}
	out.Lines, err = safe(func() ([]layout.Line, error) { return linesOf(pages, side, cells), nil })
	if err != nil {
		return nil, &layout.Error{File: name, Stage: "pdf", Err: fmt.Errorf("layout: %w", err)}
	}
	return out, nil
}

// cleanErr is an error with a message of its own (cleaned of a file's bytes) that still wraps its cause.
type cleanErr struct {
	msg string
	err error
}

func (e *cleanErr) Error() string { return e.msg }
func (e *cleanErr) Unwrap() error { return e.err }

// safe runs f and turns a panic inside the library or the layout into an error.
func safe[T any](f func() (T, error)) (v T, err error) {
	defer func() {
		if p := recover(); p != nil {
			var zero T
			v = zero
			err = fmt.Errorf("internal error: %v", p)
		}
	}()
	return f()
}

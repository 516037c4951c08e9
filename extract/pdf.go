package extract

import (
	"context"
	"errors"
	"fmt"

	drucksache "drucksache"
)

// PDF reads a PDF the way its reader sees it: positioned glyphs from each page's content stream,
// put together into words, lines, paragraphs and table rows (pdf_layout.go, pdf_table.go).
//
// The library github.com/ledongthuc/pdf is used for what it does well, the file structure
// (cross-reference tables, objects, stream filters, decryption); the content streams, fonts
// and CMaps are interpreted here, with positions that the tests check against the page.
type PDF struct {
	Limits Limits // zero means DefaultLimits
}

// pdfMaxStream bounds the decoded bytes of one stream (content streams, CMaps).
const pdfMaxStream = 64 << 20

// Read extracts the printed lines of every page. A page that cannot be read becomes a warning;
// a file that cannot be opened, is encrypted or has no text at all is an *Error.
func (p PDF) Read(ctx context.Context, name string, data []byte) (layout *Layout, err error) {
	lim := p.Limits
	if lim.MaxPages == 0 {
		lim.MaxPages = DefaultLimits.MaxPages
	}
	if lim.MaxBytes == 0 {
		lim.MaxBytes = DefaultLimits.MaxBytes
	}
	if int64(len(data)) > lim.MaxBytes {
		return nil, &Error{File: name, Stage: "pdf", Err: fmt.Errorf("%w: %d bytes", ErrTooLarge, len(data))}
	}
	r, repaired, err := openPDF(data)
	if err != nil {
		if isEncryptedErr(err) {
			return nil, &Error{File: name, Stage: "pdf", Err: fmt.Errorf("%w: %v", ErrEncrypted, err)}
		}
		return nil, &Error{File: name, Stage: "pdf", Err: fmt.Errorf("not a readable PDF: %w", err)}
	}
	doc := newPDFDoc(r)
	refs, err := pdfSafe(func() ([]pdfPageRef, error) { return doc.pages(lim.MaxPages) })
	if err != nil {
		return nil, &Error{File: name, Stage: "pdf", Err: fmt.Errorf("page tree: %w", err)}
	}
	if len(refs) == 0 {
		return nil, &Error{File: name, Stage: "pdf", Err: errors.New("no pages")}
	}
	layout = &Layout{Pages: len(refs)}
	if repaired {
		layout.Warnings = append(layout.Warnings, drucksache.Warning{Code: drucksache.WarnPDFRepaired,
			Message: "the cross-reference table is damaged or missing (a truncated file?); it was rebuilt from the objects found"})
	}
	pages := make([]*pdfPage, len(refs))
	glyphs, images := 0, 0
	for i, ref := range refs {
		if err := ctx.Err(); err != nil {
			return nil, &Error{File: name, Page: i + 1, Stage: "pdf", Err: err}
		}
		pg, err := pdfSafe(func() (*pdfPage, error) { return doc.interpret(ref) })
		if err != nil {
			layout.Warnings = append(layout.Warnings, drucksache.Warning{Code: drucksache.WarnPDFPageUnreadable,
				Message: fmt.Sprintf("page %d could not be read: %v", i+1, err), Provenance: drucksache.Provenance{Page: i + 1}})
		}
		if pg == nil {
			pg = &pdfPage{width: 595, height: 842}
		}
		for _, n := range pg.notes {
			layout.Warnings = append(layout.Warnings, drucksache.Warning{Code: drucksache.WarnPDFPageDamaged,
				Message: fmt.Sprintf("page %d: %s", i+1, n), Provenance: drucksache.Provenance{Page: i + 1}})
		}
		pages[i] = pg
		glyphs += len(pg.glyphs)
		images += pg.images
	}
	if glyphs == 0 {
		return nil, &Error{File: name, Page: 1, Stage: "pdf",
			Err: fmt.Errorf("%w: %d pages without a glyph of text, %d images", ErrNoText, len(refs), images)}
	}
	if len(refs) == lim.MaxPages {
		layout.Warnings = append(layout.Warnings, drucksache.Warning{Code: drucksache.WarnPDFPageLimit,
			Message: fmt.Sprintf("read the first %d pages only (the page limit)", lim.MaxPages)})
	}
	for i, pg := range pages {
		if len(pg.glyphs) == 0 && pg.images > 0 {
			layout.Warnings = append(layout.Warnings, drucksache.Warning{Code: drucksache.WarnPDFPageNoText,
				Message:    fmt.Sprintf("page %d has images but no text (scanned?); its content is missing", i+1),
				Provenance: drucksache.Provenance{Page: i + 1}})
		}
		if n := pg.unmapped; n*5 > len(pg.glyphs) && n > 20 {
			layout.Warnings = append(layout.Warnings, drucksache.Warning{Code: drucksache.WarnPDFTextUnmapped,
				Message:    fmt.Sprintf("page %d: %d of %d glyphs have no Unicode mapping in their font; their text is lost", i+1, n, len(pg.glyphs)),
				Provenance: drucksache.Provenance{Page: i + 1}})
		}
		if pg.skipped > 0 {
			layout.Warnings = append(layout.Warnings, drucksache.Warning{Code: drucksache.WarnPDFRotatedText,
				Message:    fmt.Sprintf("page %d: %d glyphs of rotated text left out", i+1, pg.skipped),
				Provenance: drucksache.Provenance{Page: i + 1}})
		}
	}
	lines, err := pdfSafe(func() ([]Line, error) { return pdfLayout(pages), nil })
	if err != nil {
		return nil, &Error{File: name, Stage: "pdf", Err: fmt.Errorf("layout: %w", err)}
	}
	layout.Lines = lines
	return layout, nil
}

// pdfSafe runs f and turns a panic inside the library or the layout into an error.
func pdfSafe[T any](f func() (T, error)) (v T, err error) {
	defer func() {
		if p := recover(); p != nil {
			var zero T
			v = zero
			err = fmt.Errorf("internal error: %v", p)
		}
	}()
	return f()
}

package content

import (
	"errors"
	"fmt"
	"io"
	"slices"
	"sync"

	"github.com/ledongthuc/pdf"

	"drucksache/extract/layout"
)

// maxStream bounds the decoded bytes of one stream (content streams, CMaps).
const maxStream = 64 << 20

// Doc is one open PDF: the library's object reader and the fonts loaded so far. Its pages may be
// interpreted at once from several goroutines: they share the fonts, each loaded once.
type Doc struct {
	r        *pdf.Reader
	maxBytes int64 // most decoded bytes of one stream
	missing  *font // the stand-in for fonts that are named but not defined

	mu       sync.Mutex
	fonts    map[string]*font            // by the font dictionary as written, so equal names on two pages never mix
	fontSets map[string]map[string]*font // by the font resources as written, then by name

	spare spare // buffers of pages interpreted before, for the next ones
	forms forms // decoded form XObjects, for the pages that draw them again
}

// forms keeps the decoded content of small form XObjects: a letterhead or logo drawn on every page
// is decoded once per document, not once per page.
type forms struct {
	mu    sync.Mutex
	byKey map[string]formContent
	bytes int // decoded bytes kept, at most maxFormBytes
}

// formContent is a form's decoded content stream and the error decoding it gave.
type formContent struct {
	data []byte
	err  error
}

// Limits of the forms kept: one larger is decoded again wherever it is drawn.
const (
	maxFormSize  = 1 << 20
	maxFormBytes = 16 << 20
)

// form returns the decoded content of the form XObject v that key names (its dictionary and
// place in the file), from the forms kept when it was decoded before; own reports a buffer of
// rd.spare, to be given back once the form is drawn.
func (rd *Doc) form(key string, v pdf.Value) (fc formContent, own bool) {
	rd.forms.mu.Lock()
	fc, ok := rd.forms.byKey[key]
	rd.forms.mu.Unlock()
	if ok {
		return fc, false
	}
	data, err := rd.appendStream(rd.spare.bytes.get(), v)
	if len(data) > maxFormSize {
		return formContent{data, err}, true
	}
	fc = formContent{slices.Clone(data), err}
	rd.spare.bytes.put(data, maxSpareBytes)
	rd.forms.mu.Lock()
	defer rd.forms.mu.Unlock()
	if _, ok := rd.forms.byKey[key]; !ok && rd.forms.bytes+len(fc.data) <= maxFormBytes {
		if rd.forms.byKey == nil {
			rd.forms.byKey = map[string]formContent{}
		}
		rd.forms.byKey[key] = fc
		rd.forms.bytes += len(fc.data)
	}
	return fc, false
}

// spare holds the buffers a page's interpretation needs only while it runs (its decoded content
// streams, the glyphs it draws before they are copied out), so that the pages after it reuse them
// instead of allocating and growing their own.
type spare struct {
	bytes  freeList[byte]
	glyphs freeList[Glyph]
}

// Largest buffers kept for reuse: a page or form that needs more is rare and gets its own.
const (
	maxSpareBytes  = 4 << 20
	maxSpareGlyphs = 1 << 16
)

// freeList holds emptied buffers for reuse; pages read at once share it.
type freeList[T any] struct {
	mu   sync.Mutex
	bufs [][]T
}

// get returns an empty buffer, nil when none is kept.
func (l *freeList[T]) get() []T {
	l.mu.Lock()
	defer l.mu.Unlock()
	if n := len(l.bufs); n > 0 {
		b := l.bufs[n-1]
		l.bufs = l.bufs[:n-1]
		return b[:0]
	}
	return nil
}

// put keeps b for reuse unless it holds more than most elements.
func (l *freeList[T]) put(b []T, most int) {
	if cap(b) == 0 || cap(b) > most {
		return
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	l.bufs = append(l.bufs, b[:0])
}

// NewDoc wraps a PDF the library has opened.
func NewDoc(r *pdf.Reader) *Doc {
	return &Doc{r: r, fonts: map[string]*font{}, fontSets: map[string]map[string]*font{}, maxBytes: maxStream,
		missing: newFallbackFont()}
}

// fallback returns the document's stand-in font.
func (rd *Doc) fallback() *font { return rd.missing }

// fontIn returns the font a page's font resources fr name, loading it once per document; key is
// fr as written (fr.String()): pages that share the resources share the fonts.
func (rd *Doc) fontIn(fr pdf.Value, key, name string) *font {
	rd.mu.Lock()
	defer rd.mu.Unlock()
	set := rd.fontSets[key]
	if set == nil {
		set = map[string]*font{}
		rd.fontSets[key] = set
	}
	f, ok := set[name]
	if !ok {
		if v := fr.Key(name); v.Kind() == pdf.Dict {
			f = rd.font(v)
		}
		set[name] = f
	}
	return f
}

// PageRef is one leaf of the page tree with its inherited attributes.
type PageRef struct {
	v         pdf.Value
	resources pdf.Value
	box       [4]float64
	rotate    int
}

// stream reads the decoded bytes of a stream, at most maxBytes; a damaged stream gives what decoded.
func (rd *Doc) stream(v pdf.Value) ([]byte, error) { return rd.appendStream(nil, v) }

// appendStream reads the decoded bytes of a stream, at most maxBytes, after those of dst; a damaged
// stream gives what decoded.
func (rd *Doc) appendStream(dst []byte, v pdf.Value) (data []byte, err error) {
	data = dst
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("stream not readable: %v", p)
		}
	}()
	if v.Kind() != pdf.Stream {
		return dst, errors.New("not a stream")
	}
	rc := v.Reader()
	defer rc.Close()
	data, err = appendAll(dst, io.LimitReader(rc, rd.maxBytes+1))
	if int64(len(data)-len(dst)) > rd.maxBytes {
		return data[:len(dst)+int(rd.maxBytes)], fmt.Errorf("%w: stream decodes to more than %d bytes", layout.ErrTooLarge, rd.maxBytes)
	}
	if err == io.ErrUnexpectedEOF && len(data) > len(dst) {
		err = nil // a Flate stream without its end marker: common, and the text is all there
	}
	return data, err
}

// appendAll reads r to its end after the bytes of b, as io.ReadAll does into a new slice.
func appendAll(b []byte, r io.Reader) ([]byte, error) {
	if cap(b)-len(b) < 512 {
		b = slices.Grow(b, 512)
	}
	for {
		n, err := r.Read(b[len(b):cap(b)])
		b = b[:len(b)+n]
		if err != nil {
			if err == io.EOF {
				err = nil
			}
			return b, err
		}
		if len(b) == cap(b) {
			b = append(b, 0)[:len(b)]
		}
	}
}

// font returns the font of a font dictionary, loading it once per document; rd.mu is held.
func (rd *Doc) font(v pdf.Value) (f *font) {
	key := v.String()
	if f, ok := rd.fonts[key]; ok {
		return f
	}
	defer func() {
		if p := recover(); p != nil {
			f = rd.fallback()
		}
		rd.fonts[key] = f
	}()
	return rd.loadFont(v)
}

// Pages walks the page tree; it stops at cycles and depth limits that a hostile file can set.
func (rd *Doc) Pages(limit int) ([]PageRef, error) {
	root := rd.r.Trailer().Key("Root").Key("Pages")
	if root.Kind() != pdf.Dict {
		return nil, errors.New("no page tree")
	}
	var out []PageRef
	seen := map[string]bool{}
	var walk func(v pdf.Value, inh PageRef, depth int)
	walk = func(v pdf.Value, inh PageRef, depth int) {
		if len(out) >= limit || depth > 64 || len(seen) > 100000 {
			return
		}
		if r := v.Key("Resources"); r.Kind() == pdf.Dict {
			inh.resources = r
		}
		if b := v.Key("MediaBox"); b.Len() == 4 {
			for i := range inh.box {
				inh.box[i] = b.Index(i).Float64()
			}
		}
		if c := v.Key("CropBox"); c.Len() == 4 {
			var cb [4]float64
			for i := range cb {
				cb[i] = c.Index(i).Float64()
			}
			if cb[2]-cb[0] > 10 && cb[3]-cb[1] > 10 {
				inh.box = cb
			}
		}
		if r := v.Key("Rotate"); r.Kind() == pdf.Integer {
			inh.rotate = int(r.Int64())
		}
		kids := v.Key("Kids")
		if v.Key("Type").Name() == "Page" || (kids.Kind() != pdf.Array && v.Key("Contents").Kind() != pdf.Null) {
			inh.v = v
			out = append(out, inh)
			return
		}
		key := v.String()
		if seen[key] {
			return
		}
		seen[key] = true
		for i := 0; i < kids.Len(); i++ {
			walk(kids.Index(i), inh, depth+1)
		}
	}
	walk(root, PageRef{box: [4]float64{0, 0, 595, 842}}, 0)
	for i := range out {
		b := &out[i].box
		if b[0] > b[2] {
			b[0], b[2] = b[2], b[0]
		}
		if b[1] > b[3] {
			b[1], b[3] = b[3], b[1]
		}
		if b[2]-b[0] < 10 || b[3]-b[1] < 10 {
			*b = [4]float64{0, 0, 595, 842}
		}
	}
	return out, nil
}

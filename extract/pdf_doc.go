package extract

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"

	"github.com/ledongthuc/pdf"
)

// pdfDoc is one open PDF: the library's object reader and the fonts loaded so far.
type pdfDoc struct {
	r        *pdf.Reader
	fonts    map[string]*pdfFont            // by the font dictionary as written, so equal names on two pages never mix
	fontSets map[string]map[string]*pdfFont // by the font resources as written, then by name
	maxBytes int64                          // most decoded bytes of one stream
	missing  *pdfFont                       // the stand-in for fonts that are named but not defined
}

func newPDFDoc(r *pdf.Reader) *pdfDoc {
	return &pdfDoc{r: r, fonts: map[string]*pdfFont{}, fontSets: map[string]map[string]*pdfFont{}, maxBytes: pdfMaxStream}
}

// fallback returns the document's stand-in font.
func (rd *pdfDoc) fallback() *pdfFont {
	if rd.missing == nil {
		rd.missing = newFallbackFont()
	}
	return rd.missing
}

// pdfPageRef is one leaf of the page tree with its inherited attributes.
type pdfPageRef struct {
	v         pdf.Value
	resources pdf.Value
	box       [4]float64
	rotate    int
}

// pdfHeaderReader shows the library a file whose first bytes are a header it accepts.
//
// The library insists on "%PDF-1.x" and a line end at offset 0: it rejects PDF 2.0 and files
// with bytes before the header, both of which real readers open.
type pdfHeaderReader struct {
	data []byte
	head []byte
}

func (h pdfHeaderReader) ReadAt(p []byte, off int64) (int, error) {
	if off < 0 || off >= int64(len(h.data)) {
		return 0, io.EOF
	}
	n := copy(p, h.data[off:])
	if off < int64(len(h.head)) {
		copy(p[:n], h.head[off:])
	}
	if n < len(p) {
		return n, io.EOF
	}
	return n, nil
}

var pdfHead = []byte("%PDF-1.7\n")

// openPDF opens a PDF for the library, tolerating bytes before the header and newer versions.
func openPDF(data []byte) (r *pdf.Reader, repaired bool, err error) {
	start := bytes.Index(data[:min(len(data), 1024)], []byte("%PDF-"))
	if start < 0 {
		return nil, false, errors.New("no %PDF header")
	}
	if err := pdfCheckSizes(data); err != nil {
		return nil, false, err
	}
	var tries [][]byte
	if start > 0 {
		tries = append(tries, data[start:]) // offsets counted from the header, as most producers of such files do
	}
	tries = append(tries, data)
	for _, d := range tries {
		if len(d) < len(pdfHead)+8 {
			return nil, false, errors.New("file too short")
		}
		if r, err = pdfOpenBytes(d); err == nil {
			return r, false, nil
		}
	}
	if isEncryptedErr(err) {
		return nil, false, err
	}
	// a truncated file or one with wrong offsets: rebuild the cross-reference table from the objects
	fixed := pdfRepair(data[start:])
	if fixed == nil {
		return nil, false, fmt.Errorf("%v; no document catalog to rebuild it from (a truncated file?)", err)
	}
	if r, rerr := pdfOpenBytes(fixed); rerr == nil {
		return r, true, nil
	}
	return nil, false, err
}

func pdfOpenBytes(d []byte) (*pdf.Reader, error) {
	r, err := pdfNewReader(pdfHeaderReader{data: d, head: pdfHead}, int64(len(d)))
	if err == nil {
		err = pdfHasCatalog(r)
	}
	return r, err
}

var (
	pdfObjRe     = regexp.MustCompile(`(?m)(?:^|[\r\n ])(\d{1,7})\s+(\d{1,5})\s+obj\b`)
	pdfCatalogRe = regexp.MustCompile(`/Type\s*/Catalog\b`)
)

// pdfRepair appends a cross-reference table built by finding every "N G obj" in the file and a
// trailer naming the catalog, as readers do for damaged files; nil when there is no catalog.
// Objects inside object streams stay out of reach.
func pdfRepair(data []byte) []byte {
	offs := map[int]int{}
	gens := map[int]int{}
	root := -1
	locs := pdfObjRe.FindAllSubmatchIndex(data, 1<<20)
	for k, m := range locs {
		num, _ := strconv.Atoi(string(data[m[2]:m[3]]))
		gen, _ := strconv.Atoi(string(data[m[4]:m[5]]))
		offs[num], gens[num] = m[2], gen
		end := len(data)
		if k+1 < len(locs) {
			end = locs[k+1][0]
		}
		if body := data[m[1]:min(end, m[1]+4096)]; pdfCatalogRe.Match(body) {
			root = num
		}
	}
	if root < 0 || len(offs) == 0 {
		return nil
	}
	size := 0
	for n := range offs {
		size = max(size, n+1)
	}
	var b bytes.Buffer
	b.Write(data)
	b.WriteString("\n")
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", size)
	for n := 1; n < size; n++ {
		if off, ok := offs[n]; ok {
			fmt.Fprintf(&b, "%010d %05d n \n", off, gens[n])
		} else {
			b.WriteString("0000000000 65535 f \n")
		}
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root %d %d R >>\nstartxref\n%d\n%%%%EOF\n", size, root, gens[root], xref)
	return b.Bytes()
}

var pdfSizeRe = regexp.MustCompile(`/(Size|Count|N)\s+(\d{7,})`)

// pdfCheckSizes rejects object counts no file of this length can hold: the library allocates its
// cross-reference table from /Size before reading a single object, and a forged size would take
// all memory (a fatal error, not a panic).
func pdfCheckSizes(data []byte) error {
	const span = 64 << 10 // cross-reference sections sit at the end, or at the start of linearized files
	parts := [][]byte{data}
	if len(data) > 2*span {
		parts = [][]byte{data[:span], data[len(data)-span:]}
	}
	for _, part := range parts {
		if err := pdfCheckSizesIn(part, len(data)); err != nil {
			return err
		}
	}
	return nil
}

func pdfCheckSizesIn(part []byte, size int) error {
	for _, m := range pdfSizeRe.FindAllSubmatch(part, 64) {
		if n, err := strconv.ParseInt(string(m[2]), 10, 64); err != nil || n > int64(size)+1000 {
			return fmt.Errorf("malformed PDF: /%s %s is more than a file of %d bytes can hold", m[1], m[2], size)
		}
	}
	return nil
}

// pdfHasCatalog checks that the trailer leads to a document catalog.
func pdfHasCatalog(r *pdf.Reader) (err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("malformed PDF: %v", p)
		}
	}()
	if r.Trailer().Key("Root").Kind() != pdf.Dict {
		return errors.New("no document catalog")
	}
	return nil
}

func pdfNewReader(f io.ReaderAt, size int64) (r *pdf.Reader, err error) {
	defer func() {
		if p := recover(); p != nil {
			r, err = nil, fmt.Errorf("malformed PDF: %v", p)
		}
	}()
	return pdf.NewReader(f, size)
}

// isEncryptedErr tells an error of the library about encryption.
func isEncryptedErr(err error) bool {
	return err != nil && (errors.Is(err, pdf.ErrInvalidPassword) || strings.Contains(err.Error(), "encrypt"))
}

// stream reads the decoded bytes of a stream, at most maxBytes; a damaged stream gives what decoded.
func (rd *pdfDoc) stream(v pdf.Value) (data []byte, err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("stream not readable: %v", p)
		}
	}()
	if v.Kind() != pdf.Stream {
		return nil, errors.New("not a stream")
	}
	rc := v.Reader()
	defer rc.Close()
	data, err = io.ReadAll(io.LimitReader(rc, rd.maxBytes+1))
	if int64(len(data)) > rd.maxBytes {
		return data[:rd.maxBytes], fmt.Errorf("%w: stream decodes to more than %d bytes", ErrTooLarge, rd.maxBytes)
	}
	if err == io.ErrUnexpectedEOF && len(data) > 0 {
		err = nil // a Flate stream without its end marker: common, and the text is all there
	}
	return data, err
}

// font returns the font of a font dictionary, loading it once per document.
func (rd *pdfDoc) font(v pdf.Value) (f *pdfFont) {
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

// pages walks the page tree; it stops at cycles and depth limits that a hostile file can set.
func (rd *pdfDoc) pages(limit int) ([]pdfPageRef, error) {
	root := rd.r.Trailer().Key("Root").Key("Pages")
	if root.Kind() != pdf.Dict {
		return nil, errors.New("no page tree")
	}
	var out []pdfPageRef
	seen := map[string]bool{}
	var walk func(v pdf.Value, inh pdfPageRef, depth int)
	walk = func(v pdf.Value, inh pdfPageRef, depth int) {
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
	walk(root, pdfPageRef{box: [4]float64{0, 0, 595, 842}}, 0)
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

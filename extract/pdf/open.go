package pdf

import (
	"bytes"
	"drucksache/internal/lazyre"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/ledongthuc/pdf"
)

// headerReader shows the library a file whose first bytes are a header it accepts.
//
// The library insists on "%PDF-1.x" and a line end at offset 0: it rejects PDF 2.0 and files
// with bytes before the header, both of which real readers open.
type headerReader struct {
	data []byte
	head []byte
}

func (h headerReader) ReadAt(p []byte, off int64) (int, error) {
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

var acceptedHeader = []byte("%PDF-1.7\n")

// openPDF opens a PDF for the library, tolerating bytes before the header and newer versions.
// rebuilt says why the cross-reference table was rebuilt from the objects, "" when it was not.
func openPDF(data []byte) (r *pdf.Reader, rebuilt string, err error) {
	start := bytes.Index(data[:min(len(data), 1024)], []byte("%PDF-"))
	if start < 0 {
		return nil, "", errors.New("no %PDF header")
	}
	if err := checkSizes(data); err != nil {
		return nil, "", err
	}
	var tries [][]byte
	loop := xrefLoop(data[start:])
	if loop { // the library would follow the loop forever: rebuild the table from the objects
		tries = nil
	} else if start > 0 {
		tries = append(tries, data[start:]) // offsets counted from the header, as most producers of such files do
	}
	if !loop {
		tries = append(tries, data)
	}
	for _, d := range tries {
		if len(d) < len(acceptedHeader)+8 {
			return nil, "", errors.New("file too short")
		}
		if r, err = openBytes(d); err == nil {
			return r, "", nil
		}
	}
	var loopErr *objectLoopError
	if isEncryptedErr(err) || errors.As(err, &loopErr) {
		return nil, "", err // a rebuilt table would not help: the objects are there, their structure is hostile
	}
	// a truncated file or one with wrong offsets: rebuild the cross-reference table from the objects
	if loop {
		err = errors.New("damaged cross-reference table: its chain of sections (/Prev) loops")
	}
	fixed := repair(data[start:])
	if fixed == nil {
		return nil, "", fmt.Errorf("%v; no document catalog to rebuild it from (a truncated file?)", err)
	}
	if r, rerr := openBytes(fixed); rerr == nil {
		return r, cause(err.Error()), nil
	}
	return nil, "", err
}

func openBytes(d []byte) (*pdf.Reader, error) {
	if err := checkObjectStreams(d); err != nil {
		return nil, err
	}
	r, err := newReader(headerReader{data: d, head: acceptedHeader}, int64(len(d)))
	if err == nil {
		err = hasCatalog(r)
	}
	return r, err
}

var (
	objRe     = lazyre.New(`(?m)(?:^|[\r\n ])(\d{1,7})\s+(\d{1,5})\s+obj\b`)
	catalogRe = lazyre.New(`/Type\s*/Catalog\b`)
)

// repair appends a cross-reference table built by finding every "N G obj" in the file and a
// trailer naming the catalog, as readers do for damaged files; nil when there is no catalog.
// Objects inside object streams stay out of reach.
func repair(data []byte) []byte {
	offs := map[int]int{}
	gens := map[int]int{}
	root := -1
	locs := objRe.FindAllSubmatchIndex(data, 1<<20)
	for k, m := range locs {
		num, _ := strconv.Atoi(string(data[m[2]:m[3]]))
		gen, _ := strconv.Atoi(string(data[m[4]:m[5]]))
		offs[num], gens[num] = m[2], gen
		end := len(data)
		if k+1 < len(locs) {
			end = locs[k+1][0]
		}
		if body := data[m[1]:min(end, m[1]+4096)]; catalogRe.Match(body) {
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

// checkSizes rejects object counts no file of this length can hold: the library allocates its
// cross-reference table from /Size before reading a single object, and a forged size would take
// all memory (a fatal error, not a panic).
func checkSizes(data []byte) error {
	const span = 64 << 10 // cross-reference sections sit at the end, or at the start of linearized files
	parts := [][]byte{data}
	if len(data) > 2*span {
		parts = [][]byte{data[:span], data[len(data)-span:]}
	}
	for _, part := range parts {
		if err := checkSizesIn(part, len(data)); err != nil {
			return err
		}
	}
	return nil
}

// checkSizesIn checks the first 64 counts written in part: /Size, /Count or /N, white space and a
// number of seven digits or more (what the pattern /(Size|Count|N)\s+(\d{7,}) matches, found by
// hand: a pattern took a few percent of the reading time of a small file).
func checkSizesIn(part []byte, size int) error {
	found := 0
	for i := 0; found < 64; {
		k := bytes.IndexByte(part[i:], '/')
		if k < 0 {
			return nil
		}
		key, digits, end := sizeAt(part, i+k)
		i = end
		if digits == nil {
			continue
		}
		found++
		if n, err := strconv.ParseInt(string(digits), 10, 64); err != nil || n > int64(size)+1000 {
			return fmt.Errorf("malformed PDF: /%s %s is more than a file of %d bytes can hold", key, digits, size)
		}
	}
	return nil
}

// sizeAt reads a count at the slash at part[at]: its key and digits, and where reading goes on
// (after the digits, or after the slash when there is no count).
func sizeAt(part []byte, at int) (key, digits []byte, end int) {
	rest := part[at+1:]
	for _, k := range [...]string{"Size", "Count", "N"} {
		if bytes.HasPrefix(rest, []byte(k)) {
			key = rest[:len(k)]
			break
		}
	}
	if key == nil {
		return nil, nil, at + 1
	}
	i := at + 1 + len(key)
	sp := i
	for i < len(part) && (part[i] == ' ' || part[i] == '\t' || part[i] == '\n' || part[i] == '\f' || part[i] == '\r') {
		i++
	}
	d := i
	for i < len(part) && part[i] >= '0' && part[i] <= '9' {
		i++
	}
	if d == sp || i-d < 7 {
		return nil, nil, at + 1
	}
	return key, part[d:i], i
}

// hasCatalog checks that the trailer leads to a document catalog.
func hasCatalog(r *pdf.Reader) (err error) {
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

func newReader(f io.ReaderAt, size int64) (r *pdf.Reader, err error) {
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

package pdf

import (
	"bytes"
	"compress/zlib"
	"encoding/ascii85"
	"errors"
	"fmt"
	"io"
	"strconv"
)

// This file checks the object streams of a PDF before the library reads it. The library resolves an
// object that lies in an object stream by resolving the stream first, and reading the stream
// resolves the references in its dictionary (/Length, /N, /First, /Filter, /DecodeParms, /Extends):
// an object stream listed as lying in itself, two that lie in each other, or one whose /Length lies
// in it makes the library recurse until the stack overflows, a fatal error no recover stops; an
// /Extends chain that loops makes it search for ever. The check reads the cross-reference streams
// the library will read, builds the graph of what resolving each object needs, and refuses a file
// with a loop in it or nesting deeper than any producer writes, naming the objects.

// objectLoopError is a file whose object streams the library cannot read without a loop or a
// recursion too deep for it; the message names the objects.
type objectLoopError struct{ msg string }

func (e *objectLoopError) Error() string { return e.msg }

// maxObjectChain bounds how many resolutions may wait on each other: a producer nests two (an
// object, its object stream, the stream's /Length); a hostile file can nest one per object.
const maxObjectChain = 64

// Entry types of the cross-reference table, as the library keeps them.
const (
	xrefNone   = iota // not listed
	xrefOffset        // type 1: at an offset of the file
	xrefInside        // type 2: inside an object stream
	xrefFree          // type 0
)

// xrefTable is the cross-reference table the library builds from a file's cross-reference streams.
type xrefTable struct {
	typ []uint8
	f2  []uint32 // the offset (type 1) or the object stream (type 2)
	gen []uint16 // the generation (type 1)
}

func (t *xrefTable) set(x int, typ uint8, f2 uint32, gen uint16) {
	if x >= len(t.typ) {
		n := max(x+1, 2*len(t.typ))
		t.typ = append(t.typ, make([]uint8, n-len(t.typ))...)
		t.f2 = append(t.f2, make([]uint32, n-len(t.f2))...)
		t.gen = append(t.gen, make([]uint16, n-len(t.gen))...)
	}
	if t.typ[x] != xrefNone { // the newest section read first wins, as in the library
		return
	}
	t.typ[x], t.f2[x], t.gen[x] = typ, f2, gen
}

func (t *xrefTable) kind(x int) uint8 {
	if x < 0 || x >= len(t.typ) {
		return xrefNone
	}
	return t.typ[x]
}

// live reports whether the library resolves ref to an object: its entry is in use and names the
// same generation (0 inside an object stream).
func (t *xrefTable) live(r objRef) bool {
	switch t.kind(r.num) {
	case xrefOffset:
		return int(t.gen[r.num]) == r.gen && t.f2[r.num] != 0
	case xrefInside:
		return r.gen == 0
	}
	return false
}

// lastStartxref is the offset the file's last startxref names; false when there is none.
func lastStartxref(data []byte) (int, bool) {
	locs := startxrefRe.FindAllSubmatch(data[max(0, len(data)-4096):], -1)
	if len(locs) == 0 {
		return 0, false
	}
	off, err := strconv.Atoi(string(locs[len(locs)-1][1]))
	return off, err == nil
}

// readXrefStreams reads the cross-reference streams from the file's startxref along /Prev, as the
// library does; nil when the file has a cross-reference table instead (whose entries are never type 2).
func readXrefStreams(data []byte) (*xrefTable, error) {
	off, ok := lastStartxref(data)
	if !ok {
		return nil, nil
	}
	var t *xrefTable
	most := int64(len(data)) + 1000 // no file holds more objects than bytes
	size := int64(-1)
	seen := map[int]bool{}
	for steps := 0; steps < 10000 && !seen[off]; steps++ {
		seen[off] = true
		_, val, start, ok := indirect(data, off)
		d, isDict := val.(objDict)
		if !ok || !isDict || start < 0 || d["Type"] != pdfName("XRef") {
			return t, nil // a table, or a section the library refuses before it resolves an object
		}
		sz, ok := d["Size"].(int64)
		if !ok || (size >= 0 && sz > size) {
			return t, nil
		}
		if size < 0 {
			size = sz
			t = &xrefTable{}
		}
		if err := readXrefSection(t, data, d, start, size, most); err != nil {
			return nil, &objectLoopError{fmt.Sprintf("the cross-reference stream at offset %d: %v", off, err)}
		}
		prev, ok := d["Prev"].(int64)
		if !ok || prev < 0 || prev >= int64(len(data)) {
			return t, nil
		}
		off = int(prev)
	}
	return t, nil
}

// readXrefSection adds the entries of one cross-reference stream to t.
func readXrefSection(t *xrefTable, data []byte, d objDict, start int, size, most int64) error {
	index, _ := d["Index"].(objArray)
	if index == nil {
		index = objArray{int64(0), size}
	}
	ws, _ := d["W"].(objArray)
	var w [3]int
	total := 0
	for i, x := range ws {
		n, ok := x.(int64)
		if !ok || n < 0 || n > 1<<20 {
			return nil // the library refuses the section
		}
		if i < 3 {
			w[i] = int(n)
		}
		total += int(n)
	}
	if len(ws) < 3 || len(index)%2 != 0 {
		return nil
	}
	length, _ := d["Length"].(int64) // a reference reads as 0 there: the library has no table yet
	rd := streamReader(data, d, start, length)
	buf := make([]byte, total)
	for ; len(index) >= 2; index = index[2:] {
		first, ok1 := index[0].(int64)
		n, ok2 := index[1].(int64)
		if !ok1 || !ok2 {
			return nil
		}
		if first < 0 || n < 0 || first+n > most {
			return fmt.Errorf("it lists objects %d to %d, more than a file of %d bytes can hold", first, first+n, len(data))
		}
		for i := range n {
			if _, err := io.ReadFull(rd, buf); err != nil {
				return nil // the library stops at a short stream with an error of its own
			}
			v1, v2, v3 := beInt(buf[:w[0]]), beInt(buf[w[0]:w[0]+w[1]]), beInt(buf[w[0]+w[1]:w[0]+w[1]+w[2]])
			if w[0] == 0 {
				v1 = 1
			}
			x := int(first + i)
			switch v1 {
			case 0:
				t.set(x, xrefFree, 0, 0)
			case 1:
				t.set(x, xrefOffset, uint32(min(max(v2, 0), 1<<32-1)), uint16(v3))
			case 2:
				t.set(x, xrefInside, uint32(v2), 0)
			}
		}
	}
	return nil
}

// beInt reads a big-endian number as the library does.
func beInt(b []byte) int {
	x := 0
	for _, c := range b {
		x = x<<8 | int(c)
	}
	return x
}

// streamReader decodes a stream's data with the filters the library supports (Flate with or
// without the PNG Up predictor, ASCII85); an unsupported filter gives no data.
func streamReader(data []byte, d objDict, start int, length int64) io.Reader {
	if start < 0 || start > len(data) || length <= 0 {
		return bytes.NewReader(nil)
	}
	var rd io.Reader = bytes.NewReader(data[start:min(len(data), start+int(min(length, int64(len(data)))))])
	filters, params := objArray{d["Filter"]}, objArray{d["DecodeParms"]}
	if a, ok := d["Filter"].(objArray); ok {
		filters = a
		params, _ = d["DecodeParms"].(objArray)
	}
	for i, f := range filters {
		var param objDict
		if i < len(params) {
			param, _ = params[i].(objDict)
		}
		switch f {
		case nil:
		case pdfName("FlateDecode"):
			zr, err := zlib.NewReader(rd)
			if err != nil {
				return bytes.NewReader(nil)
			}
			rd = zr
			if pred, ok := param["Predictor"].(int64); ok && pred == 12 {
				cols, _ := param["Columns"].(int64)
				rd = &pngUp{r: zr, row: make([]byte, 1+min(max(cols, 0), 1<<16))}
			} else if param["Predictor"] != nil {
				return bytes.NewReader(nil)
			}
		case pdfName("ASCII85Decode"):
			rd = ascii85.NewDecoder(rd)
		default:
			return bytes.NewReader(nil)
		}
	}
	return rd
}

// pngUp undoes the PNG Up predictor: each row's bytes are added to the row above.
type pngUp struct {
	r    io.Reader
	row  []byte // the filter byte, then the row
	prev []byte
	pend []byte
}

func (p *pngUp) Read(b []byte) (int, error) {
	if len(p.pend) == 0 {
		next := make([]byte, len(p.row))
		if _, err := io.ReadFull(p.r, next); err != nil {
			return 0, err
		}
		if next[0] != 2 {
			return 0, errors.New("malformed PNG Up row")
		}
		if p.prev != nil {
			for i := 1; i < len(next); i++ {
				next[i] += p.prev[i]
			}
		}
		p.prev, p.pend = next, next[1:]
	}
	n := copy(b, p.pend)
	p.pend = p.pend[n:]
	return n, nil
}

// checkObjectStreams refuses a file whose object streams the library would resolve in a loop or
// too deep; nil for a file without cross-reference streams.
func checkObjectStreams(data []byte) error {
	t, err := readXrefStreams(data)
	if err != nil || t == nil {
		return err
	}
	c := &objChecker{data: data, t: t, state: map[objNode]uint8{}, dicts: map[int]objDict{},
		starts: map[int]int{}, streams: map[int][]byte{}}
	for x, typ := range t.typ {
		if typ != xrefInside {
			continue
		}
		if err := c.walk(objNode{x, roleObject}); err != nil {
			return &objectLoopError{err.Error()}
		}
	}
	return nil
}

// role is what the library does with an object it resolves.
type role uint8

const (
	roleObject role = iota // resolve it: its object stream first, when it lies in one
	roleStream             // read it as an object stream: also the entries of its dictionary the library reads
	roleValue              // use it as a filter list or decode parameters: also the objects inside it
)

type objNode struct {
	num  int
	role role
}

// objEdge is one resolution another waits on, with what it is for a message.
type objEdge struct {
	to  objNode
	why string
}

type objChecker struct {
	data    []byte
	t       *xrefTable
	state   map[objNode]uint8 // 1 while on the path, 2 when done
	dicts   map[int]objDict   // object streams' dictionaries read so far
	starts  map[int]int       // where their data begins
	streams map[int][]byte    // object streams decoded so far
}

// walk searches depth-first from n for a loop or a chain longer than maxObjectChain; its own stack
// is a slice, so a hostile file cannot overflow it either.
func (c *objChecker) walk(n objNode) error {
	if c.state[n] != 0 {
		return nil
	}
	type frame struct {
		node  objNode
		edges []objEdge
		next  int
		why   string // how the node was reached from the frame below
	}
	stack := []frame{{node: n, edges: c.edges(n)}}
	c.state[n] = 1
	for len(stack) > 0 {
		top := &stack[len(stack)-1]
		if top.next == len(top.edges) {
			c.state[top.node] = 2
			stack = stack[:len(stack)-1]
			continue
		}
		e := top.edges[top.next]
		top.next++
		switch c.state[e.to] {
		case 1:
			var whys []string
			for i := len(stack) - 1; i >= 0 && stack[i].node != e.to; i-- {
				whys = append([]string{stack[i].why}, whys...)
			}
			return loopError(e.to, append(whys, e.why))
		case 0:
			if len(stack) >= maxObjectChain {
				return fmt.Errorf("objects and object streams wait on each other more than %d deep (at object %d)", maxObjectChain, e.to.num)
			}
			c.state[e.to] = 1
			stack = append(stack, frame{node: e.to, edges: c.edges(e.to), why: e.why})
		}
	}
	return nil
}

// loopError names a loop that starts and ends at n, whys being its steps.
func loopError(n objNode, whys []string) error {
	if len(whys) == 1 && n.role == roleStream && whys[0] == fmt.Sprintf("object %d %s", n.num, inStream(n.num)) {
		return fmt.Errorf("object stream %d contains itself", n.num)
	}
	const most = 4
	if len(whys) > most {
		whys = append(whys[:most], "…")
	}
	msg := fmt.Sprintf("reference loop at object %d: ", n.num)
	for i, w := range whys {
		if i > 0 {
			msg += ", "
		}
		msg += w
	}
	return errors.New(msg)
}

func inStream(s int) string { return fmt.Sprintf("lies in object stream %d", s) }

// edges are the resolutions the library makes while it resolves n in its role.
func (c *objChecker) edges(n objNode) []objEdge {
	var out []objEdge
	if c.t.kind(n.num) == xrefInside {
		s := int(c.t.f2[n.num])
		out = append(out, objEdge{objNode{s, roleStream}, fmt.Sprintf("object %d %s", n.num, inStream(s))})
	}
	switch n.role {
	case roleStream:
		d := c.dict(n.num)
		for _, k := range []pdfName{"Type", "N", "First", "Length", "Filter", "DecodeParms", "Extends"} {
			r := roleObject
			switch k {
			case "Filter", "DecodeParms":
				r = roleValue
			case "Extends":
				r = roleStream
			}
			for _, ref := range refsIn(d[k], 64) {
				if c.t.live(ref) {
					out = append(out, objEdge{objNode{ref.num, r}, fmt.Sprintf("the /%s of object stream %d is object %d", k, n.num, ref.num)})
				}
			}
		}
	case roleValue:
		for _, ref := range refsIn(c.body(n.num), 64) {
			if c.t.live(ref) {
				out = append(out, objEdge{objNode{ref.num, roleObject}, fmt.Sprintf("object %d refers to object %d", n.num, ref.num)})
			}
		}
	}
	return out
}

// body is the object num as the library reads it: at its offset, or inside its object stream; nil
// when it cannot be read.
func (c *objChecker) body(num int) any {
	switch c.t.kind(num) {
	case xrefOffset:
		if got, v, _, ok := indirect(c.data, int(c.t.f2[num])); ok && got == num {
			return v
		}
	case xrefInside:
		return c.packed(int(c.t.f2[num]), num)
	}
	return nil
}

// most object streams decoded to read the objects in them, and most bytes decoded of each.
const (
	maxPackedStreams = 16
	maxPackedBytes   = 16 << 20
)

// packed reads object num from object stream s as the library finds it: the stream decoded, its
// header of object numbers and offsets searched; its /Length, /N and /First written in it or as
// objects at an offset. nil when s cannot be read so (the library then stops with an error, or the
// file is encrypted and the check cannot tell).
func (c *objChecker) packed(s, num int) any {
	data, ok := c.streams[s]
	if !ok {
		if len(c.streams) >= maxPackedStreams {
			return nil
		}
		d := c.dict(s)
		length, _ := c.number(d["Length"])
		if d != nil && length > 0 {
			data, _ = io.ReadAll(io.LimitReader(streamReader(c.data, d, c.starts[s], length), maxPackedBytes))
		}
		c.streams[s] = data
	}
	d := c.dict(s)
	n, _ := c.number(d["N"])
	first, _ := c.number(d["First"])
	p := &objParser{b: data}
	for range min(n, int64(len(data))) {
		id, ok1 := p.value(0)
		off, ok2 := p.value(0)
		if !ok1 || !ok2 {
			return nil
		}
		if id == int64(num) {
			at, ok := off.(int64)
			if !ok || first+at < 0 || first+at >= int64(len(data)) {
				return nil
			}
			v, _ := (&objParser{b: data, pos: int(first + at)}).value(0)
			return v
		}
	}
	return nil
}

// number is an integer written in a dictionary or as an object at an offset.
func (c *objChecker) number(v any) (int64, bool) {
	if r, ok := v.(objRef); ok && c.t.live(r) && c.t.kind(r.num) == xrefOffset {
		_, v, _, _ = indirect(c.data, int(c.t.f2[r.num]))
	}
	n, ok := v.(int64)
	return n, ok
}

// dict is the dictionary of the object stream num as the library reads it at its offset; nil when
// the library would not find a stream there (it then stops with an error of its own).
func (c *objChecker) dict(num int) objDict {
	if d, ok := c.dicts[num]; ok {
		return d
	}
	var d objDict
	if c.t.kind(num) == xrefOffset && c.t.gen[num] == 0 {
		if got, v, start, ok := indirect(c.data, int(c.t.f2[num])); ok && got == num && start >= 0 {
			d, _ = v.(objDict)
			c.starts[num] = start
		}
	}
	c.dicts[num] = d
	return d
}

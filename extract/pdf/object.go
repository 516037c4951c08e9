package pdf

import (
	"maps"
	"slices"
	"strconv"
)

// This file reads PDF objects (numbers, names, strings, arrays, dictionaries, references) from the
// file's bytes for the checks made before the library sees a file (objstm.go): the library's own
// object reader is what a hostile file attacks, so the checks read the structure themselves.

// objRef is an indirect reference "N G R".
type objRef struct{ num, gen int }

// pdfName is a name without its slash.
type pdfName string

// pdfKeyword is a bare word that is not a number, a boolean or null ("stream", "obj", "R").
type pdfKeyword string

// objDict is a dictionary; objArray an array. Strings are Go strings, numbers int64 or float64.
type (
	objDict  map[pdfName]any
	objArray []any
)

// maxObjectNest bounds the nesting of arrays and dictionaries the checks read.
const maxObjectNest = 64

// objParser reads objects from b starting at pos; it always advances and stops at the end of b.
type objParser struct {
	b   []byte
	pos int
}

func (p *objParser) skipSpace() {
	for p.pos < len(p.b) {
		switch c := p.b[p.pos]; {
		case isPDFSpace(c):
			p.pos++
		case c == '%':
			for p.pos < len(p.b) && p.b[p.pos] != '\n' && p.b[p.pos] != '\r' {
				p.pos++
			}
		default:
			return
		}
	}
}

func isPDFSpace(c byte) bool {
	return c == 0 || c == '\t' || c == '\n' || c == '\f' || c == '\r' || c == ' '
}

func isPDFDelim(c byte) bool {
	switch c {
	case '<', '>', '(', ')', '[', ']', '{', '}', '/', '%':
		return true
	}
	return false
}

// word reads the regular characters at pos: a number or a keyword.
func (p *objParser) word() []byte {
	start := p.pos
	for p.pos < len(p.b) && !isPDFSpace(p.b[p.pos]) && !isPDFDelim(p.b[p.pos]) {
		p.pos++
	}
	return p.b[start:p.pos]
}

// value reads the next object; ok is false at the end of the input or a closing delimiter.
func (p *objParser) value(depth int) (v any, ok bool) {
	p.skipSpace()
	if p.pos >= len(p.b) || depth > maxObjectNest {
		return nil, false
	}
	switch c := p.b[p.pos]; c {
	case '<':
		if p.pos+1 < len(p.b) && p.b[p.pos+1] == '<' {
			p.pos += 2
			return p.dict(depth + 1), true
		}
		return p.hexString(), true
	case '[':
		p.pos++
		return p.array(depth + 1), true
	case '(':
		return p.literal(), true
	case '/':
		p.pos++
		return pdfName(p.word()), true
	case ']', '>', ')', '{', '}':
		return nil, false
	}
	w := p.word()
	if len(w) == 0 { // a stray delimiter the cases above do not take
		p.pos++
		return nil, false
	}
	return p.afterWord(w), true
}

// afterWord makes a word into a number, a reference (looking ahead for "G R"), a boolean, null or a keyword.
func (p *objParser) afterWord(w []byte) any {
	n, err := strconv.ParseInt(string(w), 10, 64)
	if err != nil {
		switch s := string(w); s {
		case "true", "false":
			return s == "true"
		case "null":
			return nil
		default:
			if f, err := strconv.ParseFloat(s, 64); err == nil {
				return f
			}
			return pdfKeyword(s)
		}
	}
	if n < 0 || n > 1<<32-1 {
		return n
	}
	save := p.pos
	p.skipSpace()
	gen, err := strconv.ParseInt(string(p.word()), 10, 64)
	if err == nil && gen >= 0 && gen <= 1<<16-1 {
		p.skipSpace()
		if string(p.word()) == "R" {
			return objRef{int(n), int(gen)}
		}
	}
	p.pos = save
	return n
}

func (p *objParser) dict(depth int) objDict {
	d := objDict{}
	for {
		p.skipSpace()
		if p.pos+1 < len(p.b) && p.b[p.pos] == '>' && p.b[p.pos+1] == '>' {
			p.pos += 2
			return d
		}
		k, ok := p.value(depth)
		if !ok {
			if p.pos < len(p.b) {
				p.pos++ // a stray delimiter: skip it, as a reader must keep going
				continue
			}
			return d
		}
		key, isName := k.(pdfName)
		if !isName {
			continue
		}
		v, ok := p.value(depth)
		if !ok {
			continue
		}
		d[key] = v
	}
}

func (p *objParser) array(depth int) objArray {
	var a objArray
	for {
		p.skipSpace()
		if p.pos >= len(p.b) {
			return a
		}
		if p.b[p.pos] == ']' {
			p.pos++
			return a
		}
		v, ok := p.value(depth)
		if !ok {
			p.pos++
			continue
		}
		a = append(a, v)
	}
}

// hexString reads <...>; only its length matters to the checks, so it is kept undecoded.
func (p *objParser) hexString() string {
	start := p.pos
	for p.pos < len(p.b) && p.b[p.pos] != '>' {
		p.pos++
	}
	p.pos = min(p.pos+1, len(p.b))
	return string(p.b[start:p.pos])
}

// literal reads (...) with nested parentheses and escapes, kept undecoded.
func (p *objParser) literal() string {
	start := p.pos
	depth := 0
	for ; p.pos < len(p.b); p.pos++ {
		switch p.b[p.pos] {
		case '\\':
			p.pos++
		case '(':
			depth++
		case ')':
			if depth--; depth == 0 {
				p.pos++
				return string(p.b[start:p.pos])
			}
		}
	}
	return string(p.b[start:])
}

// indirect reads "N G obj" and its object at off; for a stream, start is where its data begins
// (after "stream" and its line end), else -1. ok is false when off holds no object definition.
func indirect(data []byte, off int) (num int, val any, start int, ok bool) {
	if off < 0 || off >= len(data) {
		return 0, nil, -1, false
	}
	p := &objParser{b: data, pos: off}
	p.skipSpace()
	n, err := strconv.ParseInt(string(p.word()), 10, 64)
	if err != nil || n < 0 || n > 1<<32-1 {
		return 0, nil, -1, false
	}
	p.skipSpace()
	if _, err := strconv.ParseInt(string(p.word()), 10, 64); err != nil {
		return 0, nil, -1, false
	}
	p.skipSpace()
	if string(p.word()) != "obj" {
		return 0, nil, -1, false
	}
	val, ok = p.value(0)
	if !ok {
		return int(n), nil, -1, true
	}
	if _, isDict := val.(objDict); !isDict {
		return int(n), val, -1, true
	}
	p.skipSpace()
	if string(p.word()) != "stream" {
		return int(n), val, -1, true
	}
	switch {
	case p.pos+1 < len(p.b) && p.b[p.pos] == '\r' && p.b[p.pos+1] == '\n':
		p.pos += 2
	case p.pos < len(p.b) && (p.b[p.pos] == '\n' || p.b[p.pos] == '\r'):
		p.pos++
	}
	return int(n), val, p.pos, true
}

// refsIn lists the references anywhere inside v, at most max.
func refsIn(v any, max int) []objRef {
	var out []objRef
	var walk func(v any)
	walk = func(v any) {
		if len(out) >= max {
			return
		}
		switch v := v.(type) {
		case objRef:
			out = append(out, v)
		case objArray:
			for _, e := range v {
				walk(e)
			}
		case objDict:
			for _, k := range slices.Sorted(maps.Keys(v)) { // in a fixed order: a message names the same loop every time
				walk(v[k])
			}
		}
	}
	walk(v)
	return out
}

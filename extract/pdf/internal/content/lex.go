package content

import (
	"strconv"
)

// operand is one operand of a content-stream or CMap operator: a number, string, name, array or dictionary.
type operand struct {
	kind byte // 'n' number, 's' string, '/' name, '[' array, 'd' dictionary, 'b' boolean or null
	num  float64
	str  string // bytes of a string, or a name without its slash
	arr  []operand
}

// Limits of the lexer: a hostile stream can nest arrays or pile up operands without end.
const (
	maxDepth    = 32
	maxOperands = 4096
	maxArray    = 1 << 16
)

// lexer splits a decoded content stream or CMap into operands and operators.
//
// It is written here rather than taken from the PDF library because the library's
// tokenizer loops forever on an unterminated hex string and panics on stray delimiters;
// this one always advances and stops at the end of its input.
type lexer struct {
	data    []byte
	pos     int
	arrays  [][]operand // buffers for the arrays of the current operator, reused after it ran
	nArrays int
	scratch []byte
}

// release makes the array buffers reusable: the operands read so far are no longer needed.
func (l *lexer) release() { l.nArrays = 0 }

func isSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == 0
}

func isDelim(c byte) bool {
	switch c {
	case '(', ')', '<', '>', '[', ']', '{', '}', '/', '%':
		return true
	}
	return false
}

// regular tells the bytes that are neither white space nor delimiters: those of names, numbers
// and operators (a table: the lexer asks for every byte of them).
var regular = func() (t [256]bool) {
	for c := range t {
		t[c] = !isSpace(byte(c)) && !isDelim(byte(c))
	}
	return t
}()

// skipSpace moves past white space and comments.
func (l *lexer) skipSpace() {
	for l.pos < len(l.data) {
		c := l.data[l.pos]
		if isSpace(c) {
			l.pos++
			continue
		}
		if c == '%' {
			for l.pos < len(l.data) && l.data[l.pos] != '\n' && l.data[l.pos] != '\r' {
				l.pos++
			}
			continue
		}
		return
	}
}

// next returns the next operand, or the next operator as op; ok is false at the end of the input.
func (l *lexer) next() (v operand, op string, ok bool) {
	return l.nextDepth(0)
}

func (l *lexer) nextDepth(depth int) (v operand, op string, ok bool) {
	l.skipSpace()
	if l.pos >= len(l.data) {
		return v, "", false
	}
	c := l.data[l.pos]
	switch {
	case c == '(':
		l.pos++
		return operand{kind: 's', str: l.literal()}, "", true
	case c == '<' && l.pos+1 < len(l.data) && l.data[l.pos+1] == '<':
		l.pos += 2
		return l.dict(depth), "", true
	case c == '<':
		l.pos++
		return operand{kind: 's', str: l.hex()}, "", true
	case c == '/':
		l.pos++
		start := l.pos
		for l.pos < len(l.data) && regular[l.data[l.pos]] {
			l.pos++
		}
		return operand{kind: '/', str: unescapeName(l.data[start:l.pos])}, "", true
	case c == '[':
		l.pos++
		return l.array(depth), "", true
	case c == ']' || c == '>' || c == ')' || c == '{' || c == '}':
		l.pos++
		return v, string(c), true // a stray delimiter: the caller treats it as an unknown operator
	}
	start := l.pos
	for l.pos < len(l.data) && regular[l.data[l.pos]] {
		l.pos++
	}
	word := l.data[start:l.pos]
	if f, isNum := number(word); isNum {
		return operand{kind: 'n', num: f}, "", true
	}
	switch string(word) {
	case "true", "false", "null":
		return operand{kind: 'b', str: string(word)}, "", true
	}
	return v, opName(word), true
}

// opName returns the operator as a string, without allocating for the common ones.
func opName(w []byte) string {
	switch string(w) {
	case "Tj":
		return "Tj"
	case "TJ":
		return "TJ"
	case "Td":
		return "Td"
	case "Tf":
		return "Tf"
	case "BT":
		return "BT"
	case "ET":
		return "ET"
	case "q":
		return "q"
	case "Q":
		return "Q"
	case "cm":
		return "cm"
	case "Tm":
		return "Tm"
	case "re":
		return "re"
	case "m":
		return "m"
	case "l":
		return "l"
	case "S":
		return "S"
	case "f":
		return "f"
	case "n":
		return "n"
	case "W":
		return "W"
	case "rg":
		return "rg"
	case "RG":
		return "RG"
	case "w":
		return "w"
	case "g":
		return "g"
	case "G":
		return "G"
	case "gs":
		return "gs"
	case "Do":
		return "Do"
	case "TD":
		return "TD"
	case "T*":
		return "T*"
	case "Tc":
		return "Tc"
	case "Tw":
		return "Tw"
	case "Tz":
		return "Tz"
	case "TL":
		return "TL"
	case "BDC":
		return "BDC"
	case "EMC":
		return "EMC"
	}
	return string(w)
}

// number parses a PDF number; it accepts the sloppy forms producers write ("-.5", "3.", "--2").
func number(w []byte) (float64, bool) {
	if len(w) == 0 || len(w) > 40 {
		return 0, false
	}
	c := w[0]
	if !(c >= '0' && c <= '9' || c == '-' || c == '+' || c == '.') {
		return 0, false
	}
	if f, ok := simpleNumber(w); ok {
		return f, true
	}
	s := string(w)
	for len(s) > 1 && (s[0] == '-' || s[0] == '+') && (s[1] == '-' || s[1] == '+') {
		s = s[1:]
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil {
		if s == "-" || s == "+" || s == "." || s == "-." {
			return 0, true
		}
		return 0, false
	}
	return f, true
}

// simpleNumber parses the common forms ("12", "-3.5", ".25") without allocating.
func simpleNumber(w []byte) (float64, bool) {
	i, neg := 0, false
	if w[0] == '-' || w[0] == '+' {
		neg, i = w[0] == '-', 1
	}
	var v float64
	digits := 0
	for ; i < len(w) && w[i] >= '0' && w[i] <= '9'; i++ {
		v = v*10 + float64(w[i]-'0')
		digits++
	}
	if i < len(w) && w[i] == '.' {
		i++
		scale := 0.1
		for ; i < len(w) && w[i] >= '0' && w[i] <= '9'; i++ {
			v += float64(w[i]-'0') * scale
			scale /= 10
			digits++
		}
	}
	if i != len(w) || digits == 0 || digits > 15 {
		return 0, false
	}
	if neg {
		v = -v
	}
	return v, true
}

func unescapeName(b []byte) string {
	out := make([]byte, 0, len(b))
	for i := 0; i < len(b); i++ {
		if b[i] == '#' && i+2 < len(b) {
			h, l := unhex(b[i+1]), unhex(b[i+2])
			if h >= 0 && l >= 0 {
				out = append(out, byte(h<<4|l))
				i += 2
				continue
			}
		}
		out = append(out, b[i])
	}
	return string(out)
}

func unhex(c byte) int {
	switch {
	case c >= '0' && c <= '9':
		return int(c - '0')
	case c >= 'a' && c <= 'f':
		return int(c-'a') + 10
	case c >= 'A' && c <= 'F':
		return int(c-'A') + 10
	}
	return -1
}

// hex reads a hex string after its '<'; an unterminated one ends at the end of the input.
func (l *lexer) hex() string {
	out := l.scratch[:0]
	defer func() { l.scratch = out[:0] }()
	hi := -1
	for l.pos < len(l.data) {
		c := l.data[l.pos]
		l.pos++
		if c == '>' {
			break
		}
		d := unhex(c)
		if d < 0 {
			continue
		}
		if hi < 0 {
			hi = d
		} else {
			out = append(out, byte(hi<<4|d))
			hi = -1
		}
	}
	if hi >= 0 {
		out = append(out, byte(hi<<4))
	}
	return string(out)
}

// literal reads a literal string after its '('.
func (l *lexer) literal() string {
	out := l.scratch[:0]
	defer func() { l.scratch = out[:0] }()
	depth := 1
	for l.pos < len(l.data) {
		c := l.data[l.pos]
		l.pos++
		switch c {
		case '(':
			depth++
		case ')':
			depth--
			if depth == 0 {
				return string(out)
			}
		case '\\':
			if l.pos >= len(l.data) {
				return string(out)
			}
			e := l.data[l.pos]
			l.pos++
			switch e {
			case 'n':
				c = '\n'
			case 'r':
				c = '\r'
			case 't':
				c = '\t'
			case 'b':
				c = '\b'
			case 'f':
				c = '\f'
			case '\r':
				if l.pos < len(l.data) && l.data[l.pos] == '\n' {
					l.pos++
				}
				continue
			case '\n':
				continue
			default:
				if e >= '0' && e <= '7' {
					n := int(e - '0')
					for k := 0; k < 2 && l.pos < len(l.data) && l.data[l.pos] >= '0' && l.data[l.pos] <= '7'; k++ {
						n = n*8 + int(l.data[l.pos]-'0')
						l.pos++
					}
					c = byte(n)
				} else {
					c = e
				}
			}
		}
		out = append(out, c)
	}
	return string(out)
}

func (l *lexer) array(depth int) operand {
	v := operand{kind: '['}
	if l.nArrays < len(l.arrays) {
		v.arr = l.arrays[l.nArrays][:0]
	} else if l.nArrays < 64 {
		l.arrays = append(l.arrays, make([]operand, 0, 32))
		v.arr = l.arrays[l.nArrays]
	}
	k := l.nArrays
	l.nArrays++
	defer func() {
		if k < len(l.arrays) && cap(v.arr) > cap(l.arrays[k]) {
			l.arrays[k] = v.arr[:0] // keep the grown buffer
		}
	}()
	for {
		l.skipSpace()
		if l.pos >= len(l.data) {
			return v
		}
		if l.data[l.pos] == ']' {
			l.pos++
			return v
		}
		if depth >= maxDepth {
			l.pos++ // too deep: skip bytes until the arrays close
			continue
		}
		e, ok := l.simple()
		if !ok {
			var op string
			if e, op, ok = l.nextDepth(depth + 1); !ok {
				return v
			}
			if op != "" {
				continue // operators inside arrays are malformed; drop them
			}
		}
		if len(v.arr) < maxArray {
			v.arr = append(v.arr, e)
		}
	}
}

// simple reads a string or a number, what arrays in content streams hold (TJ), as nextDepth
// would but without its detour; ok is false, and nothing is read, for anything else.
func (l *lexer) simple() (operand, bool) {
	c := l.data[l.pos]
	switch {
	case c == '(':
		l.pos++
		return operand{kind: 's', str: l.literal()}, true
	case c == '<' && (l.pos+1 >= len(l.data) || l.data[l.pos+1] != '<'):
		l.pos++
		return operand{kind: 's', str: l.hex()}, true
	case c >= '0' && c <= '9' || c == '-' || c == '+' || c == '.':
		start := l.pos
		for l.pos < len(l.data) && regular[l.data[l.pos]] {
			l.pos++
		}
		if f, ok := number(l.data[start:l.pos]); ok {
			return operand{kind: 'n', num: f}, true
		}
		l.pos = start
	}
	return operand{}, false
}

func (l *lexer) dict(depth int) operand {
	v := operand{kind: 'd'}
	for {
		l.skipSpace()
		if l.pos >= len(l.data) {
			return v
		}
		if l.data[l.pos] == '>' {
			l.pos++
			if l.pos < len(l.data) && l.data[l.pos] == '>' {
				l.pos++
			}
			return v
		}
		if depth >= maxDepth {
			l.pos++
			continue
		}
		e, op, ok := l.nextDepth(depth + 1)
		if !ok {
			return v
		}
		if op == "" && len(v.arr) < maxArray {
			v.arr = append(v.arr, e) // keys and values alternate
		}
	}
}

// skipInlineImage moves past the data of an inline image (after BI ... ID) up to and including EI.
func (l *lexer) skipInlineImage() {
	// the keys and values up to ID
	for {
		_, op, ok := l.next()
		if !ok {
			return
		}
		if op == "ID" {
			break
		}
	}
	if l.pos < len(l.data) {
		l.pos++ // the single white-space byte after ID
	}
	for l.pos+1 < len(l.data) {
		if l.data[l.pos] == 'E' && l.data[l.pos+1] == 'I' && (l.pos == 0 || isSpace(l.data[l.pos-1])) &&
			(l.pos+2 >= len(l.data) || isSpace(l.data[l.pos+2]) || isDelim(l.data[l.pos+2])) {
			l.pos += 2
			return
		}
		l.pos++
	}
	l.pos = len(l.data)
}

package content

import (
	"drucksache/extract/layout"
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/ledongthuc/pdf"
)

// Glyph is one glyph as the page shows it, in page space (points, y up, origin bottom left).
//
// It holds no pointer (its text is an index into its page's Texts) and packs into 56 bytes: pages
// hold many glyphs, sorted and copied by value, and the collector need not look into them.
type Glyph struct {
	X, Y     float64 // origin on the baseline
	W        float64 // advance width
	Size     float64 // font size as drawn
	Tracking float64 // character spacing added after the glyph (tracking), page units
	TextID   uint32  // the glyph's text: Texts[TextID] of its page
	Seq      int32   // the glyph's place in the page's drawing order
	// Dir is how the glyph is turned, in quarter turns counter-clockwise: 0 upright, 1 reading
	// upwards (a landscape table on a portrait page), 2 upside down, 3 reading downwards. X and Y
	// stay in page space; W is the advance along the baseline.
	Dir   int8
	Bold  bool
	Space bool // white space: separates words, not part of them
}

// Rule is a ruling line: horizontal when y0 == y1, vertical when x0 == x1 (x0 <= x1, y0 <= y1).
type Rule struct{ X0, Y0, X1, Y1 float64 }

// Page is what one page draws that matters to a reader.
type Page struct {
	Glyphs   []Glyph
	Texts    []string // the texts of the glyphs, each once (per font)
	Rules    []Rule
	Images   int
	Width    float64
	Height   float64
	Skipped  int // glyphs neither upright nor turned by a quarter turn (slanted or mirrored text)
	Unmapped int // glyphs whose font gave no text (U+FFFD)
	Notes    []string
}

// matrix is an affine matrix [a b c d e f] applied to row vectors: x' = a x + c y + e, y' = b x + d y + f.
type matrix [6]float64

var identity = matrix{1, 0, 0, 1, 0, 0}

// mul returns m then n.
func (m matrix) mul(n matrix) matrix {
	return matrix{
		m[0]*n[0] + m[1]*n[2], m[0]*n[1] + m[1]*n[3],
		m[2]*n[0] + m[3]*n[2], m[2]*n[1] + m[3]*n[3],
		m[4]*n[0] + m[5]*n[2] + n[4], m[4]*n[1] + m[5]*n[3] + n[5],
	}
}

func (m matrix) apply(x, y float64) (float64, float64) {
	return m[0]*x + m[2]*y + m[4], m[1]*x + m[3]*y + m[5]
}

// Limits of one page's content: a hostile page cannot grow memory without end.
const (
	maxGlyphs   = 400000
	maxRules    = 20000
	maxQDepth   = 256
	maxFormNest = 8
)

type gState struct {
	ctm                       matrix
	tc, tw, th, tl, tfs, rise float64
	font                      *font
	mode                      int
}

// interp runs the content stream of one page with a graphics state of its own.
type interp struct {
	doc   *Doc
	page  *Page
	g     gState
	stack []gState
	tm    matrix
	tlm   matrix
	fonts map[string]*font   // by resource name, for the resources in use
	fr    *fontRes           // the font resources in use, once a font is named
	texts map[*font]*decoded // the texts of the codes of each font, as this page decoded them
	res   pdf.Value
	forms map[string]bool // forms being drawn, against cycles
	depth int

	scaleKey [6]float64 // the matrix entries sx and sy were computed for
	sx, sy   float64

	path    [][][2]float64 // subpaths of points in page space
	curve   bool
	unbal   int // Q without q
	ops     int
	maxOps  int
	stopped bool
}

// Interpret draws one page's content streams.
func (rd *Doc) Interpret(p PageRef) (*Page, error) {
	page := &Page{Width: p.box[2] - p.box[0], Height: p.box[3] - p.box[1]}
	ctm := matrix{1, 0, 0, 1, -p.box[0], -p.box[1]}
	switch ((p.rotate % 360) + 360) % 360 {
	case 90:
		ctm = ctm.mul(matrix{0, -1, 1, 0, 0, page.Width})
		page.Width, page.Height = page.Height, page.Width
	case 180:
		ctm = ctm.mul(matrix{-1, 0, 0, -1, page.Width, page.Height})
	case 270:
		ctm = ctm.mul(matrix{0, 1, -1, 0, page.Height, 0})
		page.Width, page.Height = page.Height, page.Width
	}
	in := &interp{doc: rd, page: page, res: p.resources, fonts: map[string]*font{}, forms: map[string]bool{},
		maxOps: 5_000_000}
	in.g = gState{ctm: ctm, th: 1}
	data, err := rd.contents(rd.spare.bytes.get(), p.v.Key("Contents"))
	defer func() { rd.spare.bytes.put(data, maxSpareBytes) }() // the glyphs keep no part of it
	if err != nil && len(data) == 0 {
		return page, err
	}
	if err != nil {
		page.Notes = append(page.Notes, fmt.Sprintf("content stream damaged, read as far as possible: %v", err))
	}
	page.Glyphs = rd.spare.glyphs.get()
	if page.Glyphs == nil { // the document's first page: room for a glyph in every 4 bytes of content
		page.Glyphs = make([]Glyph, 0, min(len(data)/4+256, maxGlyphs)) // (the pages after it reuse it)
	}
	in.run(data)
	drawn := page.Glyphs
	page.Glyphs = slices.Clone(drawn) // exactly as many as drawn; the buffer serves the next page
	rd.spare.glyphs.put(drawn, maxSpareGlyphs)
	if in.unbal > 0 {
		page.Notes = append(page.Notes, fmt.Sprintf("%d unbalanced graphics state restores ignored", in.unbal))
	}
	if in.stopped {
		page.Notes = append(page.Notes, "page content exceeds a limit; the rest of the page was not read")
	}
	return page, nil
}

// contents reads and joins the content streams of a page, into buf (emptied).
func (rd *Doc) contents(buf []byte, v pdf.Value) ([]byte, error) {
	buf = buf[:0]
	switch v.Kind() {
	case pdf.Stream:
		return rd.appendStream(buf, v)
	case pdf.Array:
		all := buf
		var first error
		for i := 0; i < v.Len() && i < 10000; i++ {
			more, err := rd.appendStream(all, v.Index(i))
			if err != nil && first == nil {
				first = err
			}
			if int64(len(more)) > rd.maxBytes { // the parts together stay within the limit of one
				return more[:rd.maxBytes], fmt.Errorf("%w: the page's content decodes to more than %d bytes (its streams together)", layout.ErrTooLarge, rd.maxBytes)
			}
			all = append(more, '\n')
		}
		return all, first
	case pdf.Null:
		return buf, nil
	}
	return buf, fmt.Errorf("page contents are a %v, not a stream", v.Kind())
}

func (in *interp) run(data []byte) {
	lx := &lexer{data: data}
	var args []operand
	for !in.stopped {
		v, op, ok := lx.next()
		if !ok {
			return
		}
		if op == "" {
			if len(args) < maxOperands {
				args = append(args, v)
			}
			continue
		}
		in.ops++
		if in.ops > in.maxOps || len(in.page.Glyphs) >= maxGlyphs {
			in.stopped = true
			return
		}
		if op == "BI" {
			lx.skipInlineImage()
			in.page.Images++
			args = args[:0]
			lx.release()
			continue
		}
		in.do(op, args)
		args = args[:0]
		lx.release()
	}
}

func num(args []operand, i int) float64 {
	if i < len(args) && args[i].kind == 'n' && !math.IsNaN(args[i].num) && !math.IsInf(args[i].num, 0) {
		return args[i].num
	}
	return 0
}

func matrixArgs(args []operand) (matrix, bool) {
	if len(args) < 6 {
		return matrix{}, false
	}
	a := args[len(args)-6:]
	var m matrix
	for i := range m {
		m[i] = num(a, i)
	}
	return m, true
}

// do runs one operator.
func (in *interp) do(op string, args []operand) {
	switch op {
	case "q", "Q", "cm":
		in.graphicsState(op, args)
	case "Tc", "Tw", "Tz", "TL", "Ts", "Tr", "Tf":
		in.textState(op, args)
	case "BT", "ET", "Td", "TD", "Tm", "T*":
		in.textPosition(op, args)
	case "Tj", "'", "\"", "TJ":
		in.showText(op, args)
	case "Do":
		if len(args) > 0 {
			in.xobject(args[len(args)-1].str)
		}
	case "m", "l", "c", "v", "y", "h", "re":
		in.buildPath(op, args)
	case "S", "s", "f", "F", "f*", "B", "B*", "b", "b*":
		in.paint(op != "S" && op != "s")
	case "n":
		in.path, in.curve = nil, false
	}
}

// graphicsState runs q, Q and cm: saving, restoring and transforming the graphics state.
func (in *interp) graphicsState(op string, args []operand) {
	g := &in.g
	switch op {
	case "q":
		if len(in.stack) < maxQDepth {
			in.stack = append(in.stack, *g)
		}
	case "Q":
		if n := len(in.stack); n > 0 {
			*g = in.stack[n-1]
			in.stack = in.stack[:n-1]
		} else {
			in.unbal++
		}
	case "cm":
		if m, ok := matrixArgs(args); ok {
			g.ctm = m.mul(g.ctm)
		}
	}
}

// textState runs the operators that set the text state: spacing, scaling, leading, rise, mode, font.
func (in *interp) textState(op string, args []operand) {
	g := &in.g
	switch op {
	case "Tc":
		g.tc = num(args, 0)
	case "Tw":
		g.tw = num(args, 0)
	case "Tz":
		g.th = num(args, 0) / 100
	case "TL":
		g.tl = num(args, 0)
	case "Ts":
		g.rise = num(args, 0)
	case "Tr":
		g.mode = int(num(args, 0))
	case "Tf":
		if len(args) >= 2 {
			g.font = in.font(args[len(args)-2].str)
			g.tfs = num(args, len(args)-1)
		}
	}
}

// textPosition runs the operators that begin a text object and move to a line.
func (in *interp) textPosition(op string, args []operand) {
	g := &in.g
	switch op {
	case "BT":
		in.tm, in.tlm = identity, identity
	case "ET":
	case "Td":
		in.moveLine(num(args, 0), num(args, 1))
	case "TD":
		g.tl = -num(args, 1)
		in.moveLine(num(args, 0), num(args, 1))
	case "Tm":
		if m, ok := matrixArgs(args); ok {
			in.tm, in.tlm = m, m
		}
	case "T*":
		in.moveLine(0, -g.tl)
	}
}

// showText runs the operators that show strings: Tj, ' and " with one string, TJ with an array of
// strings and adjustments.
func (in *interp) showText(op string, args []operand) {
	g := &in.g
	switch op {
	case "Tj":
		if len(args) > 0 {
			in.show(args[len(args)-1].str)
		}
	case "'":
		in.moveLine(0, -g.tl)
		if len(args) > 0 {
			in.show(args[len(args)-1].str)
		}
	case "\"":
		if len(args) >= 3 {
			g.tw, g.tc = num(args, 0), num(args, 1)
		}
		in.moveLine(0, -g.tl)
		if len(args) > 0 {
			in.show(args[len(args)-1].str)
		}
	case "TJ":
		if len(args) == 0 {
			return
		}
		for _, e := range args[len(args)-1].arr {
			switch e.kind {
			case 's':
				in.show(e.str)
			case 'n':
				in.advance(-e.num / 1000 * g.tfs * g.th)
			}
		}
	}
}

// buildPath runs the operators that construct the current path: subpaths of points in page space.
func (in *interp) buildPath(op string, args []operand) {
	switch op {
	case "m":
		in.path = append(in.path, [][2]float64{in.pt(num(args, 0), num(args, 1))})
	case "l":
		if n := len(in.path); n > 0 {
			in.path[n-1] = append(in.path[n-1], in.pt(num(args, 0), num(args, 1)))
		}
	case "c", "v", "y":
		in.curve = true
		if n := len(in.path); n > 0 && len(args) >= 2 {
			in.path[n-1] = append(in.path[n-1], in.pt(num(args, len(args)-2), num(args, len(args)-1)))
		}
	case "h":
		if n := len(in.path); n > 0 && len(in.path[n-1]) > 0 {
			in.path[n-1] = append(in.path[n-1], in.path[n-1][0])
		}
	case "re":
		x, y, w, h := num(args, 0), num(args, 1), num(args, 2), num(args, 3)
		in.path = append(in.path, [][2]float64{in.pt(x, y), in.pt(x+w, y), in.pt(x+w, y+h), in.pt(x, y+h), in.pt(x, y)})
	}
}

func (in *interp) pt(x, y float64) [2]float64 {
	px, py := in.g.ctm.apply(x, y)
	return [2]float64{px, py}
}

// paint turns the straight horizontal and vertical parts of the current path into ruling lines.
func (in *interp) paint(fill bool) {
	defer func() { in.path, in.curve = nil, false }()
	if in.curve && fill {
		return // a filled curve is a shape, not a rule
	}
	for _, sp := range in.path {
		if len(in.page.Rules) >= maxRules {
			return
		}
		if fill && len(sp) == 5 { // a filled rectangle: a rule only when thin
			x0, x1 := math.Min(sp[0][0], sp[2][0]), math.Max(sp[0][0], sp[2][0])
			y0, y1 := math.Min(sp[0][1], sp[2][1]), math.Max(sp[0][1], sp[2][1])
			switch {
			case y1-y0 <= 2.5 && x1-x0 > 3:
				in.page.Rules = append(in.page.Rules, Rule{x0, (y0 + y1) / 2, x1, (y0 + y1) / 2})
			case x1-x0 <= 2.5 && y1-y0 > 3:
				in.page.Rules = append(in.page.Rules, Rule{(x0 + x1) / 2, y0, (x0 + x1) / 2, y1})
			}
			continue
		}
		for i := 1; i < len(sp); i++ {
			a, b := sp[i-1], sp[i]
			dx, dy := math.Abs(a[0]-b[0]), math.Abs(a[1]-b[1])
			switch {
			case dy < 1 && dx > 3:
				y := (a[1] + b[1]) / 2
				in.page.Rules = append(in.page.Rules, Rule{math.Min(a[0], b[0]), y, math.Max(a[0], b[0]), y})
			case dx < 1 && dy > 3:
				x := (a[0] + b[0]) / 2
				in.page.Rules = append(in.page.Rules, Rule{x, math.Min(a[1], b[1]), x, math.Max(a[1], b[1])})
			}
		}
	}
}

func (in *interp) moveLine(tx, ty float64) {
	in.tlm = matrix{1, 0, 0, 1, tx, ty}.mul(in.tlm)
	in.tm = in.tlm
}

// advance moves the text matrix tx along its x axis (a translation before it).
func (in *interp) advance(tx float64) {
	in.tm[4] += tx * in.tm[0]
	in.tm[5] += tx * in.tm[1]
}

// fontRes is a page's or form's font resources dictionary and its text, which names it in the
// document's fonts.
type fontRes struct {
	v   pdf.Value
	key string
}

// font finds a font resource by name, loading it once per document.
func (in *interp) font(name string) *font {
	if f, ok := in.fonts[name]; ok {
		return f
	}
	if in.fr == nil { // resolved once per page or form, not once per font it names
		fr := in.res.Key("Font")
		in.fr = &fontRes{v: fr, key: fr.String()}
	}
	f := in.doc.fontIn(in.fr.v, in.fr.key, name)
	in.fonts[name] = f
	return f
}

// show draws a string with the current font, glyph by glyph.
func (in *interp) show(s string) {
	g := &in.g
	f := g.font
	if f == nil {
		f = in.doc.fallback()
	}
	m := in.tm.mul(g.ctm) // text space to page space; advancing translates it along its x axis
	a, b := g.tfs*g.th, g.tfs
	// the scales and the orientation do not change along the string
	if k := [6]float64{a, b, m[0], m[1], m[2], m[3]}; k != in.scaleKey {
		in.scaleKey = k
		in.sx = math.Hypot(a*m[0], a*m[1]) // horizontal scale: font size times horizontal scaling
		in.sy = math.Hypot(b*m[2], b*m[3]) // vertical scale: the font size as drawn
	}
	sx, sy := in.sx, in.sy
	dir := quarterTurn(a*m[0], a*m[1], b*m[2], b*m[3])
	drawn := sy >= 0.5 && sy <= 2000
	cs := g.tc * g.th * sx / math.Max(a, 1e-9)
	bold := f.bold || g.mode == 2 // fill and stroke: how office tools fake a bold face
	d := in.texts[f]
	if d == nil {
		if in.texts == nil {
			in.texts = map[*font]*decoded{}
		}
		d = &decoded{}
		in.texts[f] = d
	}
	for len(s) > 0 {
		code, n := f.code(s)
		s = s[n:]
		w0 := f.width(code)
		if dt := d.text(f, code); dt.text != "" && drawn && len(in.page.Glyphs) < maxGlyphs {
			x, y := g.rise*m[2]+m[4], g.rise*m[3]+m[5] // text rise is in unscaled text space
			switch {
			case dir < 0:
				in.page.Skipped++
			case math.IsNaN(x) || math.IsNaN(y) || math.IsInf(x, 0) || math.IsInf(y, 0):
			default:
				if dt.text == "\ufffd" {
					in.page.Unmapped++
				}
				if dt.id < 0 {
					dt.id = int32(len(in.page.Texts))
					in.page.Texts = append(in.page.Texts, dt.text)
				}
				in.page.Glyphs = append(in.page.Glyphs, Glyph{TextID: uint32(dt.id), X: x, Y: y, W: w0 * sx, Size: sy,
					Tracking: cs, Bold: bold, Space: dt.space, Dir: dir, Seq: int32(len(in.page.Glyphs))})
			}
		}
		tx := w0*g.tfs + g.tc
		if n == 1 && code == 32 {
			tx += g.tw
		}
		tx *= g.th
		in.tm[4] += tx * in.tm[0]
		in.tm[5] += tx * in.tm[1]
		m[4] += tx * m[0]
		m[5] += tx * m[1]
	}
}

// quarterTurn tells how text whose baseline runs along (bx, by) and whose up points along (ux, uy)
// is turned: 0 to 3 quarter turns counter-clockwise, -1 for slanted or mirrored text.
func quarterTurn(bx, by, ux, uy float64) int8 {
	switch {
	case bx > 0 && math.Abs(by) <= 0.05*bx && uy > 0:
		return 0
	case by > 0 && math.Abs(bx) <= 0.05*by && ux < 0:
		return 1
	case bx < 0 && math.Abs(by) <= -0.05*bx && uy < 0:
		return 2
	case by < 0 && math.Abs(bx) <= -0.05*by && ux > 0:
		return 3
	}
	return -1
}

// cleanText drops control characters and spells out ligatures, so that words read as typed.
func cleanText(s string) string {
	clean := true
	for _, r := range s {
		if r < 0x20 || r == 0x7f || (r >= 0xfb00 && r <= 0xfb06) || r == '\u00a0' || r == '\t' {
			clean = false
			break
		}
	}
	if clean {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '\t' || r == '\u00a0' || r == '\n' || r == '\r':
			b.WriteByte(' ')
		case r < 0x20 || r == 0x7f:
		case r >= 0xfb00 && r <= 0xfb06:
			b.WriteString([]string{"ff", "fi", "fl", "ffi", "ffl", "st", "st"}[r-0xfb00])
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// newFallbackFont stands in for a font the page names but does not define: bytes as Latin-1.
func newFallbackFont() *font {
	f := &font{scale: 0.001, missing: 500, name: "missing"}
	for i := 32; i < 256; i++ {
		f.enc[i] = rune(i)
	}
	return f
}

// xobject draws a form XObject; images are only counted (for the scanned-page check).
func (in *interp) xobject(name string) {
	v := in.res.Key("XObject").Key(name)
	if v.Kind() != pdf.Stream {
		return
	}
	switch v.Key("Subtype").Name() {
	case "Image":
		in.page.Images++
		return
	case "Form":
	default:
		return
	}
	key := v.String()
	if in.forms[key] || in.depth >= maxFormNest {
		return
	}
	fc, own := in.doc.form(key, v)
	data, err := fc.data, fc.err
	if own {
		defer in.doc.spare.bytes.put(data, maxSpareBytes) // the glyphs keep no part of it
	}
	if err != nil && len(data) == 0 {
		in.page.Notes = append(in.page.Notes, fmt.Sprintf("form %s not read: %v", name, err))
		return
	}
	saved, savedStack, savedRes, savedFonts, savedFr := in.g, len(in.stack), in.res, in.fonts, in.fr
	savedTm, savedTlm := in.tm, in.tlm
	if m := v.Key("Matrix"); m.Len() == 6 {
		var fm matrix
		for i := range fm {
			fm[i] = m.Index(i).Float64()
		}
		in.g.ctm = fm.mul(in.g.ctm)
	}
	if r := v.Key("Resources"); r.Kind() == pdf.Dict {
		in.res, in.fonts, in.fr = r, map[string]*font{}, nil
	}
	in.forms[key] = true
	in.depth++
	in.run(data)
	in.depth--
	delete(in.forms, key)
	in.g, in.res, in.fonts, in.fr = saved, savedRes, savedFonts, savedFr
	in.tm, in.tlm = savedTm, savedTlm
	if len(in.stack) > savedStack {
		in.stack = in.stack[:savedStack]
	}
}

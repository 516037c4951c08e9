package content

import (
	"strconv"
	"strings"
	"unicode/utf16"

	"github.com/ledongthuc/pdf"
	"golang.org/x/text/encoding/charmap"
)

// font is what the reader needs of a PDF font: how to split a string into codes, the text and
// the advance width of each code, and whether the font is bold.
type font struct {
	name      string  // base font name without the subset prefix ("LiberationSans-Bold")
	bold      bool    // from the name, the weight or the ForceBold flag
	composite bool    // Type0: codes of one to four bytes from the codespace ranges
	scale     float64 // glyph space to text space (1/1000, or a Type3 font matrix)

	spaces  [4][]codeRange // codespace ranges by code length (composite fonts)
	cids    *cmap          // code to CID for composite fonts with an embedded CMap; nil means identity
	unicode *cmap          // the ToUnicode map, nil when the font has none
	enc     [256]rune      // simple fonts: code to rune by the encoding and its differences

	first, last int       // simple fonts: the range of Widths
	widths      []float64 // simple fonts: widths from FirstChar
	cidWidths   map[uint32]float64
	missing     float64 // width of a code without one (MissingWidth or DW)
}

// decoded keeps the text of a font's codes as a page decodes them, so that it does not decode every
// glyph anew. It belongs to one page's interpreter: a font, once loaded, is shared by the pages that
// are read at once, and is never written to.
type decoded struct {
	texts map[uint32]*decodedText
	small [256]*decodedText // the same for one-byte codes, without hashing
}

// decodedText is the text of one code, and where the page's Texts hold it once a glyph drew it.
type decodedText struct {
	text  string
	space bool  // white space: separates words, not part of them
	id    int32 // the index in the page's Texts, -1 before a glyph drew it
}

// codeRange is one codespace range of a CMap.
type codeRange struct{ lo, hi uint32 }

// cmap maps codes to text (ToUnicode) or to CIDs (an embedded encoding CMap).
type cmap struct {
	spaces [4][]codeRange
	chars  map[uint32]string
	ranges []cmapRange
}

type cmapRange struct {
	lo, hi uint32
	dst    string   // UTF-16BE of lo, incremented for later codes (bfrange) or a CID (cidrange) as text
	arr    []string // one destination per code
	cid    int      // cidrange: CID of lo
}

// code splits the next code off s: its value and length in bytes.
func (f *font) code(s string) (uint32, int) {
	if !f.composite {
		return uint32(s[0]), 1
	}
	var v uint32
	for n := 1; n <= 4 && n <= len(s); n++ {
		v = v<<8 | uint32(s[n-1])
		for _, r := range f.spaces[n-1] {
			if v >= r.lo && v <= r.hi {
				return v, n
			}
		}
	}
	// no codespace matched: take the shortest length that has ranges (Identity is two bytes)
	for n := 1; n <= 4; n++ {
		if len(f.spaces[n-1]) > 0 && n <= len(s) {
			v = 0
			for i := 0; i < n; i++ {
				v = v<<8 | uint32(s[i])
			}
			return v, n
		}
	}
	return uint32(s[0]), 1
}

// text returns the text of one code of font f.
func (d *decoded) text(f *font, code uint32) *decodedText {
	if code < 256 && d.small[code] != nil {
		return d.small[code]
	}
	if t, ok := d.texts[code]; ok {
		return t
	}
	text := cleanText(f.decode(code))
	t := &decodedText{text: text, space: strings.TrimSpace(text) == "", id: -1}
	if code < 256 {
		d.small[code] = t
		return t
	}
	if d.texts == nil {
		d.texts = map[uint32]*decodedText{}
	}
	if len(d.texts) < 1<<16 {
		d.texts[code] = t
	}
	return t
}

func (f *font) decode(code uint32) string {
	if f.unicode != nil {
		if t, ok := f.unicode.lookup(code); ok {
			return t
		}
	}
	if f.composite {
		return "\ufffd"
	}
	if code < 256 && f.enc[code] != 0 {
		return string(f.enc[code])
	}
	return ""
}

// width returns the advance of one code in text space units (1 = the font size).
func (f *font) width(code uint32) float64 {
	if f.composite {
		cid := code
		if f.cids != nil {
			if c, ok := f.cids.cid(code); ok {
				cid = uint32(c)
			}
		}
		if w, ok := f.cidWidths[cid]; ok {
			return w * f.scale
		}
		return f.missing * f.scale
	}
	i := int(code) - f.first
	if i >= 0 && i < len(f.widths) && f.widths[i] > 0 {
		return f.widths[i] * f.scale
	}
	return f.missing * f.scale
}

func (m *cmap) lookup(code uint32) (string, bool) {
	if t, ok := m.chars[code]; ok {
		return t, true
	}
	for _, r := range m.ranges {
		if code < r.lo || code > r.hi {
			continue
		}
		off := int(code - r.lo)
		if r.arr != nil {
			if off < len(r.arr) {
				return utf16BE(r.arr[off]), true
			}
			return "", false
		}
		b := []byte(r.dst)
		if len(b) == 0 {
			return "", false
		}
		// increment the last UTF-16 unit by the offset
		if len(b) >= 2 {
			u := int(b[len(b)-2])<<8 | int(b[len(b)-1])
			u += off
			b[len(b)-2], b[len(b)-1] = byte(u>>8), byte(u)
		} else {
			b[0] += byte(off)
		}
		return utf16BE(string(b)), true
	}
	return "", false
}

func (m *cmap) cid(code uint32) (int, bool) {
	for _, r := range m.ranges {
		if code >= r.lo && code <= r.hi {
			return r.cid + int(code-r.lo), true
		}
	}
	if t, ok := m.chars[code]; ok {
		n, err := strconv.Atoi(t)
		return n, err == nil
	}
	return 0, false
}

// utf16BE decodes UTF-16BE text of a CMap destination.
func utf16BE(s string) string {
	if len(s) == 1 {
		return string(rune(s[0]))
	}
	u := make([]uint16, 0, len(s)/2)
	for i := 0; i+1 < len(s); i += 2 {
		u = append(u, uint16(s[i])<<8|uint16(s[i+1]))
	}
	return string(utf16.Decode(u))
}

func codeOf(s string) uint32 {
	var v uint32
	for i := 0; i < len(s) && i < 4; i++ {
		v = v<<8 | uint32(s[i])
	}
	return v
}

// parseCMap reads a ToUnicode or encoding CMap; it never fails, a damaged map gives what it had.
func parseCMap(data []byte) *cmap {
	m := &cmap{chars: map[uint32]string{}}
	lx := &lexer{data: data}
	var stk []operand
	mark := 0
	for {
		v, op, ok := lx.next()
		if !ok {
			break
		}
		if op == "" {
			if len(stk) < maxOperands*4 {
				stk = append(stk, v)
			}
			continue
		}
		switch op {
		case "begincodespacerange", "beginbfchar", "beginbfrange", "begincidrange", "begincidchar", "beginnotdefrange":
			stk = stk[:0]
			mark = 0
		case "endcodespacerange":
			for i := mark; i+1 < len(stk); i += 2 {
				lo, hi := stk[i].str, stk[i+1].str
				if n := len(lo); n >= 1 && n <= 4 && len(hi) == n {
					m.spaces[n-1] = append(m.spaces[n-1], codeRange{codeOf(lo), codeOf(hi)})
				}
			}
			stk = stk[:0]
		case "endbfchar":
			for i := 0; i+1 < len(stk); i += 2 {
				if stk[i].kind == 's' && len(m.chars) < 1<<20 {
					m.chars[codeOf(stk[i].str)] = utf16BE(stk[i+1].str)
				}
			}
			stk = stk[:0]
		case "endbfrange":
			for i := 0; i+2 < len(stk); i += 3 {
				r := cmapRange{lo: codeOf(stk[i].str), hi: codeOf(stk[i+1].str)}
				if r.hi < r.lo {
					continue
				}
				switch d := stk[i+2]; d.kind {
				case 's':
					r.dst = d.str
				case '[':
					r.arr = []string{}
					for _, e := range d.arr {
						r.arr = append(r.arr, e.str)
					}
				default:
					continue
				}
				m.ranges = append(m.ranges, r)
			}
			stk = stk[:0]
		case "endcidrange":
			for i := 0; i+2 < len(stk); i += 3 {
				r := cmapRange{lo: codeOf(stk[i].str), hi: codeOf(stk[i+1].str), cid: int(stk[i+2].num)}
				if r.hi >= r.lo {
					m.ranges = append(m.ranges, r)
				}
			}
			stk = stk[:0]
		case "endcidchar":
			for i := 0; i+1 < len(stk); i += 2 {
				m.chars[codeOf(stk[i].str)] = strconv.Itoa(int(stk[i+1].num))
			}
			stk = stk[:0]
		default:
			if len(stk) > maxOperands*4 {
				stk = stk[:0]
			}
		}
	}
	return m
}

// boldName tells from a font name whether the face is bold.
func boldName(name string) bool {
	n := strings.ToLower(name)
	for _, w := range []string{"bold", "black", "heavy", "semibold", "demi", "extrabold", "ultra"} {
		if strings.Contains(n, w) {
			return true
		}
	}
	// short style suffixes: "Arial-Bd", "Frutiger-BdCn", "Font,B"
	if i := strings.LastIndexAny(name, "-,"); i >= 0 {
		s := name[i+1:]
		if strings.HasPrefix(s, "Bd") || strings.HasPrefix(s, "Blk") || s == "B" || s == "BI" || strings.HasPrefix(s, "Hv") {
			return true
		}
	}
	return false
}

// loadFont builds a font from its dictionary; a damaged dictionary gives a font that decodes what it can.
func (rd *Doc) loadFont(v pdf.Value) *font {
	f := &font{scale: 0.001, missing: 500}
	base := v.Key("BaseFont").Name()
	if i := strings.IndexByte(base, '+'); i >= 0 && i < len(base)-1 {
		base = base[i+1:]
	}
	f.name = base
	sub := v.Key("Subtype").Name()
	desc := v.Key("FontDescriptor")
	if sub == "Type0" {
		f.composite = true
		desc = v.Key("DescendantFonts").Index(0).Key("FontDescriptor")
	}
	f.bold = boldName(base) || boldName(desc.Key("FontName").Name()) ||
		desc.Key("FontWeight").Float64() >= 600 || int64(desc.Key("Flags").Float64())&(1<<18) != 0
	if tu := v.Key("ToUnicode"); tu.Kind() == pdf.Stream {
		if data, err := rd.stream(tu); len(data) > 0 || err == nil {
			f.unicode = parseCMap(data)
		}
	}
	if f.composite {
		rd.loadComposite(f, v)
		return f
	}
	if sub == "Type3" {
		if fm := v.Key("FontMatrix"); fm.Len() == 6 && fm.Index(0).Float64() != 0 {
			f.scale = fm.Index(0).Float64()
		}
	}
	if mw := desc.Key("MissingWidth").Float64(); mw > 0 {
		f.missing = mw
	} else if strings.Contains(strings.ToLower(base), "courier") {
		f.missing = 600
	}
	f.first = int(v.Key("FirstChar").Int64())
	ws := v.Key("Widths")
	n := ws.Len()
	if n > 65536 {
		n = 65536
	}
	f.widths = make([]float64, n)
	for i := 0; i < n; i++ {
		f.widths[i] = ws.Index(i).Float64()
	}
	f.last = f.first + n - 1
	rd.loadEncoding(f, v, sub)
	return f
}

// loadComposite reads the code lengths, CIDs and widths of a Type0 font.
func (rd *Doc) loadComposite(f *font, v pdf.Value) {
	enc := v.Key("Encoding")
	switch enc.Kind() {
	case pdf.Stream:
		if data, _ := rd.stream(enc); len(data) > 0 {
			m := parseCMap(data)
			f.spaces = m.spaces
			f.cids = m
		}
	}
	empty := true
	for _, s := range f.spaces {
		if len(s) > 0 {
			empty = false
		}
	}
	if empty { // Identity-H/V and the predefined two-byte CMaps
		f.spaces[1] = []codeRange{{0, 0xffff}}
		f.cids = nil
	}
	df := v.Key("DescendantFonts").Index(0)
	f.missing = 1000
	if dw := df.Key("DW"); dw.Kind() == pdf.Integer || dw.Kind() == pdf.Real {
		f.missing = dw.Float64()
	}
	f.cidWidths = map[uint32]float64{}
	w := df.Key("W")
	n := w.Len()
	for i := 0; i < n && len(f.cidWidths) < 1<<17; {
		first := w.Index(i)
		next := w.Index(i + 1)
		if next.Kind() == pdf.Array {
			c := uint32(first.Int64())
			for j := 0; j < next.Len() && j < 1<<16; j++ {
				f.cidWidths[c+uint32(j)] = next.Index(j).Float64()
			}
			i += 2
			continue
		}
		lo, hi, wd := first.Int64(), next.Int64(), w.Index(i+2).Float64()
		for c := lo; c <= hi && c-lo < 1<<16 && c >= 0; c++ {
			f.cidWidths[uint32(c)] = wd
		}
		i += 3
	}
}

// loadEncoding fills the code-to-rune table of a simple font from its base encoding and differences.
func (rd *Doc) loadEncoding(f *font, v pdf.Value, sub string) {
	enc := v.Key("Encoding")
	base := ""
	switch enc.Kind() {
	case pdf.Name:
		base = enc.Name()
	case pdf.Dict:
		base = enc.Key("BaseEncoding").Name()
	}
	if base == "" {
		base = "StandardEncoding"
		if sub == "TrueType" {
			base = "WinAnsiEncoding"
		}
	}
	switch base {
	case "WinAnsiEncoding":
		for i := 0; i < 256; i++ {
			f.enc[i] = charmap.Windows1252.DecodeByte(byte(i))
		}
	case "MacRomanEncoding":
		for i := 0; i < 256; i++ {
			f.enc[i] = charmap.Macintosh.DecodeByte(byte(i))
		}
	default:
		f.enc = standardEncoding()
	}
	for i := 0; i < 32; i++ {
		f.enc[i] = 0
	}
	if enc.Kind() != pdf.Dict {
		return
	}
	d := enc.Key("Differences")
	code := 0
	for i := 0; i < d.Len() && i < 4096; i++ {
		e := d.Index(i)
		switch e.Kind() {
		case pdf.Integer, pdf.Real:
			code = int(e.Float64())
		case pdf.Name:
			if code >= 0 && code < 256 {
				if r := glyphRune(e.Name()); r != 0 {
					f.enc[code] = r
				}
			}
			code++
		}
	}
}

var stdHigh = map[byte]string{
	0xa1: "exclamdown", 0xa2: "cent", 0xa3: "sterling", 0xa4: "fraction", 0xa5: "yen", 0xa6: "florin", 0xa7: "section",
	0xa8: "currency", 0xa9: "quotesingle", 0xaa: "quotedblleft", 0xab: "guillemotleft", 0xac: "guilsinglleft",
	0xad: "guilsinglright", 0xae: "fi", 0xaf: "fl", 0xb1: "endash", 0xb2: "dagger", 0xb3: "daggerdbl",
	0xb4: "periodcentered", 0xb6: "paragraph", 0xb7: "bullet", 0xb8: "quotesinglbase", 0xb9: "quotedblbase",
	0xba: "quotedblright", 0xbb: "guillemotright", 0xbc: "ellipsis", 0xbd: "perthousand", 0xbf: "questiondown",
	0xc1: "grave", 0xc2: "acute", 0xc3: "circumflex", 0xc4: "tilde", 0xc5: "macron", 0xc6: "breve", 0xc7: "dotaccent",
	0xc8: "dieresis", 0xca: "ring", 0xcb: "cedilla", 0xcd: "hungarumlaut", 0xce: "ogonek", 0xcf: "caron",
	0xd0: "emdash", 0xe1: "AE", 0xe3: "ordfeminine", 0xe8: "Lslash", 0xe9: "Oslash", 0xea: "OE", 0xeb: "ordmasculine",
	0xf1: "ae", 0xf5: "dotlessi", 0xf8: "lslash", 0xf9: "oslash", 0xfa: "oe", 0xfb: "germandbls",
}

// standardEncoding is Adobe's StandardEncoding, the default of Type1 fonts.
func standardEncoding() [256]rune {
	var t [256]rune
	for i := 32; i < 127; i++ {
		t[i] = rune(i)
	}
	t['\''] = '’'
	t['`'] = '‘'
	for b, n := range stdHigh {
		t[b] = glyphRune(n)
	}
	return t
}

// winNames names the glyphs of WinAnsiEncoding from 0x80, so that glyph names map back to runes.
var winNames = [128]string{
	"Euro", "", "quotesinglbase", "florin", "quotedblbase", "ellipsis", "dagger", "daggerdbl",
	"circumflex", "perthousand", "Scaron", "guilsinglleft", "OE", "", "Zcaron", "",
	"", "quoteleft", "quoteright", "quotedblleft", "quotedblright", "bullet", "endash", "emdash",
	"tilde", "trademark", "scaron", "guilsinglright", "oe", "", "zcaron", "Ydieresis",
	"nbspace", "exclamdown", "cent", "sterling", "currency", "yen", "brokenbar", "section",
	"dieresis", "copyright", "ordfeminine", "guillemotleft", "logicalnot", "sfthyphen", "registered", "macron",
	"degree", "plusminus", "twosuperior", "threesuperior", "acute", "mu", "paragraph", "periodcentered",
	"cedilla", "onesuperior", "ordmasculine", "guillemotright", "onequarter", "onehalf", "threequarters", "questiondown",
	"Agrave", "Aacute", "Acircumflex", "Atilde", "Adieresis", "Aring", "AE", "Ccedilla",
	"Egrave", "Eacute", "Ecircumflex", "Edieresis", "Igrave", "Iacute", "Icircumflex", "Idieresis",
	"Eth", "Ntilde", "Ograve", "Oacute", "Ocircumflex", "Otilde", "Odieresis", "multiply",
	"Oslash", "Ugrave", "Uacute", "Ucircumflex", "Udieresis", "Yacute", "Thorn", "germandbls",
	"agrave", "aacute", "acircumflex", "atilde", "adieresis", "aring", "ae", "ccedilla",
	"egrave", "eacute", "ecircumflex", "edieresis", "igrave", "iacute", "icircumflex", "idieresis",
	"eth", "ntilde", "ograve", "oacute", "ocircumflex", "otilde", "odieresis", "divide",
	"oslash", "ugrave", "uacute", "ucircumflex", "udieresis", "yacute", "thorn", "ydieresis",
}

var asciiNames = map[string]rune{
	"space": ' ', "exclam": '!', "quotedbl": '"', "numbersign": '#', "dollar": '$', "percent": '%',
	"ampersand": '&', "quotesingle": '\'', "parenleft": '(', "parenright": ')', "asterisk": '*', "plus": '+',
	"comma": ',', "hyphen": '-', "period": '.', "slash": '/', "zero": '0', "one": '1', "two": '2', "three": '3',
	"four": '4', "five": '5', "six": '6', "seven": '7', "eight": '8', "nine": '9', "colon": ':', "semicolon": ';',
	"less": '<', "equal": '=', "greater": '>', "question": '?', "at": '@', "bracketleft": '[', "backslash": '\\',
	"bracketright": ']', "asciicircum": '^', "underscore": '_', "grave": '`', "braceleft": '{', "bar": '|',
	"braceright": '}', "asciitilde": '~',
	// beyond WinAnsi
	"fi": 'ﬁ', "fl": 'ﬂ', "ff": 'ﬀ', "ffi": 'ﬃ', "ffl": 'ﬄ', "minus": '−', "fraction": '⁄', "dotlessi": 'ı',
	"Lslash": 'Ł', "lslash": 'ł', "breve": '˘', "dotaccent": '˙', "ring": '˚', "hungarumlaut": '˝', "ogonek": '˛',
	"caron": 'ˇ', "nonbreakingspace": '\u00a0', "softhyphen": '\u00ad', "middot": '·', "emspace": ' ',
	"arrowright": '→', "checkmark": '✓', "uni00A0": '\u00a0',
}

var glyphNames map[string]rune

func init() {
	glyphNames = make(map[string]rune, 300)
	for k, v := range asciiNames {
		glyphNames[k] = v
	}
	for i, n := range winNames {
		if n != "" {
			glyphNames[n] = charmap.Windows1252.DecodeByte(byte(0x80 + i))
		}
	}
	for c := 'A'; c <= 'Z'; c++ {
		glyphNames[string(c)] = c
		glyphNames[string(c+32)] = c + 32
	}
}

// glyphRune maps a glyph name to its rune: the common Latin names, uniXXXX and uXXXX[XX].
func glyphRune(name string) rune {
	if r, ok := glyphNames[name]; ok {
		return r
	}
	if i := strings.IndexByte(name, '.'); i > 0 { // "a.sc", "one.oldstyle"
		return glyphRune(name[:i])
	}
	if strings.HasPrefix(name, "uni") && len(name) >= 7 {
		if n, err := strconv.ParseUint(name[3:7], 16, 32); err == nil {
			return rune(n)
		}
	}
	if strings.HasPrefix(name, "u") && len(name) >= 5 && len(name) <= 7 {
		if n, err := strconv.ParseUint(name[1:], 16, 32); err == nil && n <= 0x10ffff {
			return rune(n)
		}
	}
	return 0
}

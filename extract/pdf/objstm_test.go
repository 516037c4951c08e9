package pdf

import (
	"bytes"
	"compress/zlib"
	"context"
	"fmt"
	"maps"
	"os"
	"os/exec"
	"runtime/debug"
	"slices"
	"strings"
	"testing"
	"time"
)

// objStmFile is a PDF whose objects lie in object streams, listed by a cross-reference stream: the
// generator of the hostile files the object-stream check refuses.
type objStmFile struct {
	top     map[int]string      // objects at the top level: a dictionary, or "dict|data" for a stream
	streams map[int]objStmSpec  // object streams by number
	entries map[int][3]int      // cross-reference entries set by hand (type, field 2, field 3)
	xref    string              // more entries of the cross-reference stream's dictionary; %d: its own offset
	flate   bool                // the cross-reference stream compressed, with the PNG Up predictor
	omit    map[int]bool        // objects listed in an object stream's entries but not written into it
	extra   func(*bytes.Buffer) // writes more objects before the cross-reference stream
	rows    int                 // free entries written after the others, for an /Index given in xref
}

// objStmSpec is one object stream: entries of its dictionary besides those the generator writes
// (/Type, and /N, /First, /Length unless given here), and its objects.
type objStmSpec struct {
	dict  string
	objs  map[int]string
	flate bool // its data compressed (/Filter /FlateDecode)
}

func (f objStmFile) bytes() []byte {
	var b bytes.Buffer
	b.WriteString("%PDF-1.5\n")
	type entry [3]int
	entries := map[int]entry{}
	for _, n := range slices.Sorted(maps.Keys(f.top)) {
		entries[n] = entry{1, b.Len(), 0}
		if dict, data, ok := strings.Cut(f.top[n], "|"); ok {
			fmt.Fprintf(&b, "%d 0 obj\n<< %s /Length %d >>\nstream\n%s\nendstream\nendobj\n", n, dict, len(data), data)
		} else {
			fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", n, f.top[n])
		}
	}
	for _, s := range slices.Sorted(maps.Keys(f.streams)) {
		spec := f.streams[s]
		var head, body strings.Builder
		i := 0
		for _, n := range slices.Sorted(maps.Keys(spec.objs)) {
			entries[n] = entry{2, s, i}
			i++
			if f.omit[n] {
				continue
			}
			fmt.Fprintf(&head, "%d %d ", n, body.Len())
			body.WriteString(spec.objs[n] + " ")
		}
		data := head.String() + body.String()
		dict := "/Type /ObjStm " + spec.dict
		if spec.flate {
			data = deflate(data)
			dict += " /Filter /FlateDecode"
		}
		for _, k := range []struct {
			key string
			v   int
		}{{"/N", i - len(f.omit)}, {"/First", head.Len()}, {"/Length", len(data)}} {
			if !strings.Contains(spec.dict, k.key+" ") {
				dict += fmt.Sprintf(" %s %d", k.key, k.v)
			}
		}
		entries[s] = entry{1, b.Len(), 0}
		fmt.Fprintf(&b, "%d 0 obj\n<< %s >>\nstream\n%s\nendstream\nendobj\n", s, dict, data)
	}
	if f.extra != nil {
		f.extra(&b)
	}
	size := 1
	for n := range entries {
		size = max(size, n+1)
	}
	for n := range f.entries {
		size = max(size, n+1)
	}
	xref := b.Len()
	entries[size] = entry{1, xref, 0}
	for n, e := range f.entries {
		entries[n] = e
	}
	var rows bytes.Buffer
	for n := 0; n <= size; n++ {
		e, ok := entries[n]
		if !ok {
			e = entry{0, 0, 65535}
		}
		rows.Write([]byte{byte(e[0]), byte(e[1] >> 24), byte(e[1] >> 16), byte(e[1] >> 8), byte(e[1]), byte(e[2] >> 8), byte(e[2])})
	}
	rows.Write(make([]byte, 7*f.rows))
	data, filter := rows.Bytes(), ""
	if f.flate {
		var z bytes.Buffer
		zw := zlib.NewWriter(&z)
		prev := make([]byte, 7)
		for row := range slices.Chunk(rows.Bytes(), 7) {
			up := []byte{2}
			for i, c := range row {
				up = append(up, c-prev[i])
			}
			prev = row
			zw.Write(up)
		}
		zw.Close()
		data, filter = z.Bytes(), "/Filter /FlateDecode /DecodeParms << /Predictor 12 /Columns 7 >> "
	}
	extra := f.xref
	if strings.Contains(extra, "%d") {
		extra = fmt.Sprintf(extra, xref)
	}
	fmt.Fprintf(&b, "%d 0 obj\n<< /Type /XRef /Size %d /W [1 4 2] /Root 1 0 R %s%s /Length %d >>\nstream\n", size, size+1, filter, extra, len(data))
	b.Write(data)
	fmt.Fprintf(&b, "\nendstream\nendobj\nstartxref\n%d\n%%%%EOF\n", xref)
	return b.Bytes()
}

// packedPage is a one-page document whose page tree and font lie in object stream 10.
func packedPage() objStmFile {
	return objStmFile{
		top: map[int]string{
			1: "<< /Type /Catalog /Pages 2 0 R >>",
			4: "|BT /F1 12 Tf 72 700 Td (Hallo Welt) Tj ET",
		},
		streams: map[int]objStmSpec{10: {objs: map[int]string{
			2: "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
			3: "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
			5: "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
		}}},
	}
}

// hostileObjectFiles are the files that made the library recurse until the stack overflowed or
// search for ever, each with what the error must say; want "Hallo Welt" is a file read as it should.
func hostileObjectFiles() []struct {
	name, want string
	data       []byte
} {
	self := packedPage()
	self.entries = map[int][3]int{10: {2, 10, 0}}

	pair := packedPage()
	pair.streams[11] = objStmSpec{objs: map[int]string{6: "null"}}
	pair.entries = map[int][3]int{10: {2, 11, 0}, 11: {2, 10, 0}}

	inKey := func(key string) objStmFile {
		f := packedPage()
		f.streams[10].objs[6] = "99"
		f.streams[10] = objStmSpec{dict: key + " 6 0 R", objs: f.streams[10].objs}
		return f
	}

	extends := packedPage()
	extends.streams[10] = objStmSpec{dict: "/Extends 11 0 R", objs: extends.streams[10].objs}
	extends.streams[11] = objStmSpec{dict: "/Extends 10 0 R", objs: map[int]string{6: "null"}}
	extends.omit = map[int]bool{2: true} // the page tree is listed in stream 10 but in neither

	filter := packedPage()
	filter.streams[10] = objStmSpec{dict: "/DecodeParms 7 0 R", objs: filter.streams[10].objs, flate: true}
	filter.top[7] = "<< /Predictor 6 0 R >>"
	filter.streams[10].objs[6] = "12"

	// The same through decode parameters that lie in another object stream.
	filterPacked := packedPage()
	filterPacked.streams[10] = objStmSpec{dict: "/DecodeParms 7 0 R", objs: filterPacked.streams[10].objs, flate: true}
	filterPacked.streams[10].objs[6] = "12"
	filterPacked.streams[11] = objStmSpec{objs: map[int]string{7: "<< /Predictor 6 0 R >>"}, flate: true}

	prevSelf := packedPage()
	prevSelf.xref = "/Prev %d"

	// A chain of object streams, each listed inside the next: one recursion of the library per stream.
	chain := packedPage()
	chain.entries = map[int][3]int{}
	const deep = 100000
	for i := range deep {
		chain.entries[10+i] = [3]int{2, 11 + i, 0}
	}
	chain.entries[10+deep] = [3]int{1, 9, 0} // the header: not an object stream, which ends the chain

	manyObjects := packedPage()
	manyObjects.xref = "/Index [0 12 1999999990 10]"
	manyObjects.rows = 10

	refChain := packedPage()
	refChain.top[4] = "<< /Length 7 0 R >>\nstream\nBT /F1 12 Tf 72 700 Td (Hallo Welt) Tj ET\nendstream"
	refChain.top[7] = "8 0 R"
	refChain.top[8] = "7 0 R"

	kids := packedPage()
	kids.streams[10].objs[2] = "<< /Type /Pages /Kids [2 0 R 3 0 R] /Count 1 >>"

	compressed := packedPage()
	compressed.flate = true
	compressedSelf := self
	compressedSelf.flate = true

	return []struct {
		name, want string
		data       []byte
	}{
		{"a well-formed file", "Hallo Welt", packedPage().bytes()},
		{"a compressed cross-reference stream with a predictor", "Hallo Welt", compressed.bytes()},
		{"an object stream listed inside itself", "object stream 10 contains itself", self.bytes()},
		{"the same, its cross-reference stream compressed", "object stream 10 contains itself", compressedSelf.bytes()},
		{"two object streams inside each other", "reference loop at object 10: object 10 lies in object stream 11, object 11 lies in object stream 10", pair.bytes()},
		{"/Length a reference into the stream itself", "the /Length of object stream 10 is object 6, object 6 lies in object stream 10", inKey("/Length").bytes()},
		{"/N a reference into the stream itself", "the /N of object stream 10 is object 6", inKey("/N").bytes()},
		{"/First a reference into the stream itself", "the /First of object stream 10 is object 6", inKey("/First").bytes()},
		{"/DecodeParms whose /Predictor lies in the stream", "object 7 refers to object 6, object 6 lies in object stream 10", filter.bytes()},
		{"/DecodeParms in another object stream, its /Predictor in the stream", "object 7 refers to object 6, object 6 lies in object stream 10", filterPacked.bytes()},
		{"/Extends chains that loop", "the /Extends of object stream 10 is object 11, the /Extends of object stream 11 is object 10", extends.bytes()},
		{"a chain of object streams 100 000 deep", "wait on each other more than 64 deep", chain.bytes()},
		{"a cross-reference stream whose /Prev is itself", "(/Prev) loops", prevSelf.bytes()},
		{"a cross-reference stream listing objects up to 2 000 000 000", "more than a file of", manyObjects.bytes()},
		{"a /Length that is a loop of references", "reference loop", refChain.bytes()},
		{"a page tree whose /Kids hold itself", "Hallo Welt", kids.bytes()},
	}
}

// TestHostileObjectStreams reads each hostile file in a child process whose stack is small, so that
// a recursion without end is a crash of the child rather than of the tests, and a search for ever
// meets a time limit: the file must be read, or refused with an error naming the loop, in time.
func TestHostileObjectStreams(t *testing.T) {
	if name := os.Getenv("DRUCKSACHE_HOSTILE_PDF"); name != "" {
		readHostile(name)
		return
	}
	for _, tt := range hostileObjectFiles() {
		t.Run(tt.name, func(t *testing.T) {
			ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
			defer cancel()
			cmd := exec.CommandContext(ctx, os.Args[0], "-test.run=^TestHostileObjectStreams$")
			cmd.Env = append(os.Environ(), "DRUCKSACHE_HOSTILE_PDF="+tt.name)
			out, err := cmd.CombinedOutput()
			if ctx.Err() != nil {
				t.Fatalf("not done in 20 s: the reader loops")
			}
			if err != nil {
				t.Fatalf("the reader crashed: %v\n%s", err, firstLines(out, 5))
			}
			if !bytes.Contains(out, []byte(tt.want)) {
				t.Fatalf("got\n%s\nwant it to say %q", firstLines(out, 5), tt.want)
			}
		})
	}
}

// readHostile is the child of TestHostileObjectStreams: it reads the named file with a stack of 16 MB
// and prints the error or the lines.
func readHostile(name string) {
	debug.SetMaxStack(16 << 20)
	for _, tt := range hostileObjectFiles() {
		if tt.name != name {
			continue
		}
		l, err := Reader{}.Read(context.Background(), "hostile.pdf", tt.data)
		if err != nil {
			fmt.Println("error:", err)
			return
		}
		for _, line := range l.Lines {
			fmt.Println(line.Text)
		}
		return
	}
	fmt.Println("no such file:", name)
}

func deflate(s string) string {
	var z bytes.Buffer
	zw := zlib.NewWriter(&z)
	zw.Write([]byte(s))
	zw.Close()
	return z.String()
}

func firstLines(b []byte, n int) []byte {
	lines := bytes.SplitN(b, []byte("\n"), n+1)
	return bytes.Join(lines[:min(n, len(lines))], []byte("\n"))
}

// FuzzObjectStreams rewires the objects of a document in object streams as the fuzzer's bytes say:
// each three bytes list an object (an object stream or a value) as lying in an object stream, or make
// an entry of an object stream's dictionary (/Length, /N, /First, /Extends, /DecodeParms) a
// reference to an object. Property: the
// reader ends within 10 s without a crash (a recursion without end kills the fuzzing process), with
// the text or an *Error whose message is clean; the check alone ends on any bytes without a panic.
func FuzzObjectStreams(f *testing.F) {
	f.Add([]byte{}, []byte{})
	f.Add([]byte{0, 0, 0}, []byte{})          // object stream 10 inside itself
	f.Add([]byte{0, 0, 1, 1, 0, 0}, []byte{}) // 10 inside 11, 11 inside 10
	f.Add([]byte{0, 1, 6}, []byte{})          // the /Length of stream 10 is object 6, inside it
	f.Add([]byte{0, 4, 1, 1, 4, 0}, []byte{}) // an /Extends loop
	for _, h := range hostileObjectFiles() {
		if len(h.data) < 64<<10 {
			f.Add([]byte{}, h.data)
		}
	}
	defer debug.SetMaxStack(debug.SetMaxStack(64 << 20)) // a recursion without end fails fast
	keys := []string{"/Length", "/N", "/First", "/Extends", "/DecodeParms"}
	f.Fuzz(func(t *testing.T, edits, raw []byte) {
		if len(raw) > 0 { // bytes of any kind: the check alone, which reads what the library would
			_ = checkObjectStreams(raw)
			return
		}
		file := packedPage()
		file.streams[10] = objStmSpec{objs: file.streams[10].objs, flate: true}
		file.streams[11] = objStmSpec{objs: map[int]string{6: "0", 7: "<< /Predictor 6 0 R >>"}}
		file.streams[12] = objStmSpec{objs: map[int]string{8: "[ 7 0 R ]"}, flate: true}
		file.entries = map[int][3]int{}
		dicts := map[int]string{}
		for e := range slices.Chunk(edits, 3) {
			if len(e) < 3 || len(dicts)+len(file.entries) > 12 {
				break
			}
			obj, what, target := []int{10, 11, 12, 6, 7, 8}[int(e[0])%6], int(e[1])%6, int(e[2])%13
			switch {
			case what == 0: // the entry of obj says it lies in stream 10, 11 or 12
				file.entries[obj] = [3]int{2, 10 + target%3, 0}
			case obj >= 10:
				dicts[obj] += fmt.Sprintf(" %s %d 0 R", keys[what-1], target)
			}
		}
		for s, d := range dicts {
			spec := file.streams[s]
			spec.dict = d
			file.streams[s] = spec
		}
		readFuzzed(t, file.bytes())
	})
}

package pdf

import (
	"bytes"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"drucksache/internal/lazyre"
	"drucksache/internal/printable"
)

// This file names the cause when a PDF cannot be read: the encryption method, a loop in the chain
// of cross-reference sections, a stream that decodes to more than a limit. Messages quote the
// library's words only cleaned and cut short: a file's bytes never reach a terminal or a report.

var (
	encryptRefRe = lazyre.New(`/Encrypt\s*(\d{1,7})\s+(\d{1,5})\s+R`)
	encryptDicRe = lazyre.New(`/Encrypt\s*<<`)
	intKeyRe     = lazyre.New(`/(V|R|Length)\s+(\d{1,6})\b`)
	nameKeyRe    = lazyre.New(`/(Filter|CFM)\s*/([A-Za-z0-9_.+-]{1,40})`)
)

// encryption names the encryption method of a PDF ("RC4, 40-bit key", "AES, 256-bit key") from the
// encryption dictionary its trailer names; "" when the file is not encrypted.
func encryption(data []byte) string {
	dict := encryptDict(data)
	if dict == nil {
		return ""
	}
	ints := map[string]int{}
	for _, m := range intKeyRe.FindAllSubmatch(dict, -1) {
		if _, ok := ints[string(m[1])]; !ok {
			ints[string(m[1])], _ = strconv.Atoi(string(m[2]))
		}
	}
	names := map[string]string{}
	for _, m := range nameKeyRe.FindAllSubmatch(dict, -1) {
		if _, ok := names[string(m[1])]; !ok {
			names[string(m[1])] = string(m[2])
		}
	}
	if f := names["Filter"]; f != "" && f != "Standard" {
		return "the security handler /" + f
	}
	bits := ints["Length"]
	switch v := ints["V"]; {
	case v == 1 || (v == 2 && bits <= 40):
		return "RC4, 40-bit key"
	case v == 2:
		return fmt.Sprintf("RC4, %d-bit key", bits)
	case v == 4 && names["CFM"] == "AESV2":
		return "AES, 128-bit key"
	case v == 4:
		return "RC4, 128-bit key"
	case v == 5:
		return "AES, 256-bit key"
	default:
		return fmt.Sprintf("an unknown method (/V %d /R %d)", v, ints["R"])
	}
}

// encryptDict finds the bytes of the encryption dictionary the last /Encrypt entry names, written
// in the trailer or as an object of its own; nil when there is none.
func encryptDict(data []byte) []byte {
	if i := lastIndex(encryptDicRe.Get(), data); i >= 0 {
		return dictAt(data, i+bytes.Index(data[i:], []byte("<<")))
	}
	locs := encryptRefRe.FindAllSubmatch(data, -1)
	if len(locs) == 0 {
		return nil
	}
	m := locs[len(locs)-1]
	obj := regexp.MustCompile(`(?:^|[\r\n ])` + string(m[1]) + `\s+` + string(m[2]) + `\s+obj\s*<<`)
	if loc := obj.FindIndex(data); loc != nil {
		return dictAt(data, loc[1]-2)
	}
	return []byte{} // encrypted, its dictionary out of reach (an object stream may not hold it, but a damaged file may)
}

func lastIndex(re *regexp.Regexp, data []byte) int {
	locs := re.FindAllIndex(data, -1)
	if len(locs) == 0 {
		return -1
	}
	return locs[len(locs)-1][0]
}

// dictAt returns the dictionary starting at data[i:] ("<<"), up to its matching ">>" or 4 KB.
func dictAt(data []byte, i int) []byte {
	end := min(len(data), i+4096)
	depth := 0
	for j := i; j+1 < end; j++ {
		switch {
		case data[j] == '<' && data[j+1] == '<':
			depth++
			j++
		case data[j] == '>' && data[j+1] == '>':
			depth--
			j++
			if depth == 0 {
				return data[i : j+1]
			}
		}
	}
	return data[i:end]
}

var (
	startxrefRe = lazyre.New(`startxref\s+(\d{1,12})`)
	prevRe      = lazyre.New(`/Prev\s+(\d{1,12})\b`)
)

// xrefLoop reports whether the chain of cross-reference sections (startxref, then each section's
// /Prev) comes back to a section already read: the library would follow it forever.
func xrefLoop(data []byte) bool {
	off, ok := lastStartxref(data)
	if !ok {
		return false
	}
	seen := map[int]bool{}
	for steps := 0; off > 0 && off < len(data) && steps < 10000; steps++ {
		if seen[off] {
			return true
		}
		seen[off] = true
		// The section's dictionary: a trailer after an xref table, or the xref stream's own.
		sec := data[off:min(len(data), off+1<<20)]
		if bytes.HasPrefix(sec, []byte("xref")) {
			t := bytes.Index(sec, []byte("trailer"))
			if t < 0 {
				return false
			}
			sec = sec[t:]
		}
		d := bytes.Index(sec[:min(len(sec), 4096)], []byte("<<"))
		if d < 0 {
			return false
		}
		m := prevRe.FindSubmatch(dictAt(sec, d))
		if m == nil {
			return false
		}
		off, _ = strconv.Atoi(string(m[1]))
	}
	return false
}

// cause cuts a message from the library or a page to a readable length and cleans it of raw bytes.
func cause(msg string) string {
	const most = 160
	if len(msg) > most {
		cut := most
		for cut > 0 && !utf8.RuneStart(msg[cut]) {
			cut--
		}
		msg = msg[:cut] + "…"
	}
	return printable.String(strings.ReplaceAll(msg, "\n", " "))
}

// whyNoText names why pages gave no text from the first page problem seen: a stream that decodes
// beyond the limit (a compression bomb), a loop of references, or damaged content.
func whyNoText(problem string) string {
	switch p := strings.ToLower(problem); {
	case strings.Contains(p, "decodes to more than"):
		return "a stream decodes to more than the limit (a compression bomb?): " + cause(problem)
	case strings.HasPrefix(p, "reference loop"):
		return cause(problem)
	case strings.Contains(p, "loop") || strings.Contains(p, "cycle") || strings.Contains(p, "recurs") || strings.Contains(p, "nest"):
		return "a loop of references: " + cause(problem)
	default:
		return "damaged content: " + cause(problem)
	}
}

var refOnlyRe = lazyre.New(`(?:^|[\r\n ])(\d{1,7})\s+\d{1,5}\s+obj\s*(\d{1,7})\s+\d{1,5}\s+R\s*endobj`)

// refOnly names the objects that are nothing but a reference to another object, which the library
// does not follow (a stream whose /Length is such an object reads as damaged): a chain of them that
// comes back is a reference loop. "" when the file has none.
func refOnly(data []byte) string {
	next := map[int]int{}
	var order []int
	for _, m := range refOnlyRe.FindAllSubmatch(data, 1000) {
		a, _ := strconv.Atoi(string(m[1]))
		b, _ := strconv.Atoi(string(m[2]))
		if _, ok := next[a]; !ok {
			next[a] = b
			order = append(order, a)
		}
	}
	for _, a := range order {
		var steps []string
		for x, n := a, 0; n < 4; n++ {
			y, ok := next[x]
			if !ok {
				break
			}
			steps = append(steps, fmt.Sprintf("object %d is only a reference to object %d", x, y))
			if y == a {
				return fmt.Sprintf("reference loop at object %d: %s", a, strings.Join(steps, ", "))
			}
			x = y
		}
	}
	if len(order) == 0 {
		return ""
	}
	return fmt.Sprintf("object %d is only a reference to object %d, which the reader does not follow", order[0], next[order[0]])
}

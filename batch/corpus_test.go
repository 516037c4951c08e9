package batch

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"testing"
)

// pdfID is the trailer /ID of a PDF: hex digits that can change without moving any offset.
var pdfID = regexp.MustCompile(`/ID \[ ?<([0-9A-Fa-f]{32})>`)

// drucksacheNo is a Drucksache number as printed in the corpus, "19/11185".
var drucksacheNo = regexp.MustCompile(`\b(19)/(\d{4,5})\b`)

// makeCorpus writes n documents made from the good fixtures into dir, in all three formats, each with
// its own bytes (and so its own hash): text and HTML get their Drucksache numbers renumbered and a
// line of their own, a PDF a new trailer /ID. The same n gives the same files.
func makeCorpus(tb testing.TB, dir string, n int) {
	tb.Helper()
	sources := make([][]byte, len(goodFixtures))
	for i, name := range goodFixtures {
		data, err := os.ReadFile(filepath.Join(fixtures, name))
		if err != nil {
			tb.Fatal(err)
		}
		sources[i] = data
	}
	for i := range n {
		k := i % len(goodFixtures)
		name, src := goodFixtures[k], sources[k]
		var data []byte
		switch filepath.Ext(name) {
		case ".pdf":
			data = bytes.Clone(src)
			if loc := pdfID.FindSubmatchIndex(data); loc != nil {
				copy(data[loc[2]:loc[3]], fmt.Sprintf("%032X", i))
			}
		default:
			no := 20000 + i%80000
			data = drucksacheNo.ReplaceAllFunc(src, func(m []byte) []byte {
				return []byte(fmt.Sprintf("19/%d", no))
			})
			data = append(data, fmt.Sprintf("\n%d\n", i)...)
			if filepath.Ext(name) == ".html" {
				data = append(data[:len(data)-len(fmt.Sprintf("\n%d\n", i))], fmt.Sprintf("\n<!-- %d -->\n", i)...)
			}
		}
		path := filepath.Join(dir, fmt.Sprintf("%03d", i/1000), fmt.Sprintf("%05d-%s", i, name))
		writeFile(tb, path, data)
	}
}

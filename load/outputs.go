package load

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	drucksache "drucksache"
)

// Output is one per-document output: a folder of the output folder holding one file per document,
// named by the document id.
type Output struct {
	Kind   string // what the file holds, also its extension: "json", "xlsx"
	Folder string // the folder of the output folder the files go to
	// New returns the writer of this output, writing the files into dir (the output's folder).
	New func(dir string) Loader
}

// FileName is the name of the document id's file in the output's folder.
func (o Output) FileName(id string) string { return id + "." + o.Kind }

// Path is the document id's file relative to the output folder, slash-separated.
func (o Output) Path(id string) string { return o.Folder + "/" + o.FileName(id) }

// JSONOutput is the document as JSON, the output the others can be made again from.
var JSONOutput = Output{Kind: "json", Folder: "json", New: func(dir string) Loader { return &JSON{Dir: dir} }}

// XLSXOutput is the workbook of the document.
var XLSXOutput = Output{Kind: "xlsx", Folder: "xlsx", New: func(dir string) Loader { return NewXLSX(dir) }}

// Outputs are the per-document outputs, in the order they are written.
func Outputs() []Output { return []Output{JSONOutput, XLSXOutput} }

// DatasetFolder is the folder of the output folder holding the Parquet dataset (see Parquet).
const DatasetFolder = "parquet"

// ErrBadID is the error of a document id that cannot name an output file.
var ErrBadID = errors.New("cannot name an output file")

// maxIDLen bounds a document id, so that its file names stay within what file systems allow.
const maxIDLen = 200

// CheckID rejects a document id that cannot name its output files and none other: empty, longer
// than maxIDLen bytes, hidden or a folder (a leading '.': ".", ".."), or holding a path separator or
// a zero byte. Every writer checks it, so a document never writes outside the output folder.
func CheckID(id string) error {
	if id == "" || len(id) > maxIDLen || strings.HasPrefix(id, ".") || strings.ContainsAny(id, `/\`+"\x00") {
		return fmt.Errorf("document id %q %w", id, ErrBadID)
	}
	return nil
}

// checkID is CheckID for a writer, naming the document's source file.
func checkID(doc *drucksache.Document) error {
	if err := CheckID(doc.ID); err != nil {
		return fmt.Errorf("%s: %w", doc.Source.File, err)
	}
	return nil
}

// partFileName names the n-th file (from 0) of a partition's part: part-<part>.parquet, then
// part-<part>-1.parquet, -2, … when a file is full. part is cleaned (cleanPart).
func partFileName(part string, n int) string {
	name := "part-" + part
	if n > 0 {
		name += "-" + strconv.Itoa(n)
	}
	return name + ".parquet"
}

// IsPartFile reports whether a file name is one that NewParquet(dir, part) gives its files in a
// table's partition: part-<part>.parquet, or part-<part>-M.parquet for the files that follow.
func IsPartFile(name, part string) bool {
	rest, ok := strings.CutPrefix(name, "part-"+cleanPart(part))
	if !ok {
		return false
	}
	if rest == ".parquet" {
		return true
	}
	n, ok := strings.CutSuffix(rest, ".parquet")
	if !ok || len(n) < 2 || n[0] != '-' {
		return false
	}
	for _, r := range n[1:] {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

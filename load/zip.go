package load

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"errors"
	"hash"
	"hash/crc32"
	"io"
	"io/fs"
	"sort"
)

// sortedZip is a zip writer for excelize that writes the entries in name order with no
// timestamps, so that the same document gives a byte-identical workbook (excelize itself writes
// streamed sheets in map order). Entries are compressed as they arrive and kept compressed until
// Close, so a large sheet costs its compressed size, not its XML.
type sortedZip struct {
	w       io.Writer
	entries map[string]*zipEntry
}

type zipEntry struct {
	buf  bytes.Buffer
	fw   *flate.Writer
	crc  hash.Hash32
	size uint64
}

func newSortedZip(w io.Writer) *sortedZip {
	return &sortedZip{w: w, entries: map[string]*zipEntry{}}
}

// Create starts an entry; writing the same name twice keeps the last.
func (z *sortedZip) Create(name string) (io.Writer, error) {
	e := &zipEntry{crc: crc32.NewIEEE()}
	fw, err := flate.NewWriter(&e.buf, flate.DefaultCompression)
	if err != nil {
		return nil, err
	}
	e.fw = fw
	z.entries[name] = e
	return e, nil
}

func (e *zipEntry) Write(p []byte) (int, error) {
	e.crc.Write(p)
	e.size += uint64(len(p))
	return e.fw.Write(p)
}

// AddFS is not needed by the workbooks written here.
func (z *sortedZip) AddFS(fsys fs.FS) error {
	return errors.New("sortedZip: AddFS is not supported")
}

// Close writes the entries in name order and the zip directory.
func (z *sortedZip) Close() error {
	names := make([]string, 0, len(z.entries))
	for n := range z.entries {
		names = append(names, n)
	}
	sort.Strings(names)
	zw := zip.NewWriter(z.w)
	for _, n := range names {
		e := z.entries[n]
		if err := e.fw.Close(); err != nil {
			return err
		}
		w, err := zw.CreateRaw(&zip.FileHeader{
			Name:               n,
			Method:             zip.Deflate,
			CRC32:              e.crc.Sum32(),
			CompressedSize64:   uint64(e.buf.Len()),
			UncompressedSize64: e.size,
		})
		if err != nil {
			return err
		}
		if _, err := io.Copy(w, &e.buf); err != nil {
			return err
		}
		delete(z.entries, n)
	}
	return zw.Close()
}

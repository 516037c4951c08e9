package load

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"hash"
	"hash/crc32"
	"io"
	"sort"
	"sync"
)

// sortedZip is a zip writer that writes the entries in name order with no timestamps, so that the
// same document gives a byte-identical workbook whatever order its parts are written in. Entries are
// compressed as they arrive and kept compressed until Close, so a large sheet costs its compressed
// size, not its XML.
type sortedZip struct {
	w       io.Writer
	entries map[string]*zipEntry
	open    *zipEntry // the entry being written: one entry is written after the other
}

// compressors are reused: a flate writer costs far more to set up than a small entry to compress.
var compressors = sync.Pool{New: func() any {
	fw, _ := flate.NewWriter(io.Discard, flate.BestSpeed)
	return fw
}}

type zipEntry struct {
	buf  bytes.Buffer
	fw   *flate.Writer
	crc  hash.Hash32
	size uint64
}

func newSortedZip(w io.Writer) *sortedZip {
	return &sortedZip{w: w, entries: map[string]*zipEntry{}}
}

// Create starts an entry, finishing the one before; writing the same name twice keeps the last.
func (z *sortedZip) Create(name string) (io.Writer, error) {
	if err := z.finish(); err != nil {
		return nil, err
	}
	e := &zipEntry{crc: crc32.NewIEEE()}
	e.fw = compressors.Get().(*flate.Writer)
	e.fw.Reset(&e.buf)
	z.entries[name] = e
	z.open = e
	return e, nil
}

// finish completes the compression of the open entry and returns its compressor to the pool.
func (z *sortedZip) finish() error {
	e := z.open
	if e == nil {
		return nil
	}
	z.open = nil
	err := e.fw.Close()
	compressors.Put(e.fw)
	e.fw = nil
	return err
}

func (e *zipEntry) Write(p []byte) (int, error) {
	e.crc.Write(p)
	e.size += uint64(len(p))
	return e.fw.Write(p)
}

// constEntry is an entry whose content is the same in every zip, compressed once per process.
type constEntry struct {
	once  sync.Once
	entry zipEntry
	err   error
}

// CreateConst adds an entry of data that never changes (the theme), compressed the first time only.
func (z *sortedZip) CreateConst(name string, data []byte, c *constEntry) error {
	if err := z.finish(); err != nil {
		return err
	}
	c.once.Do(func() {
		e := &c.entry
		e.crc = crc32.NewIEEE()
		e.fw, _ = flate.NewWriter(&e.buf, flate.BestSpeed)
		if _, c.err = e.Write(data); c.err == nil {
			c.err = e.fw.Close()
		}
		e.fw = nil
	})
	if c.err != nil {
		return c.err
	}
	z.entries[name] = &c.entry
	return nil
}

// Close writes the entries in name order and the zip directory.
func (z *sortedZip) Close() error {
	if err := z.finish(); err != nil {
		return err
	}
	names := make([]string, 0, len(z.entries))
	for n := range z.entries {
		names = append(names, n)
	}
	sort.Strings(names)
	zw := zip.NewWriter(z.w)
	for _, n := range names {
		e := z.entries[n]
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
		if _, err := w.Write(e.buf.Bytes()); err != nil {
			return err
		}
		delete(z.entries, n)
	}
	return zw.Close()
}

package load

import (
	"bytes"
	"context"
	"encoding/json"
	"path/filepath"

	drucksache "drucksache"
)

// Marshal encodes a document as indented JSON with a final newline; the same document gives the same bytes.
func Marshal(doc *drucksache.Document) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(doc); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// JSON writes each document to Dir/<id>.json.
type JSON struct {
	Dir string
}

// Write writes one document atomically.
func (j *JSON) Write(ctx context.Context, doc *drucksache.Document) error {
	if err := checkID(doc); err != nil {
		return err
	}
	data, err := Marshal(doc)
	if err != nil {
		return err
	}
	return WriteFileAtomic(filepath.Join(j.Dir, doc.ID+".json"), data)
}

// Close has nothing to commit: every document is already in place.
func (j *JSON) Close() error { return nil }

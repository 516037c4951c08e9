package extract

import (
	"context"
	"errors"
)

// PDF reads positioned text from a PDF (placeholder until the PDF reader lands).
type PDF struct{}

// Read is not implemented yet.
func (PDF) Read(ctx context.Context, name string, data []byte) (*Layout, error) {
	return nil, errors.New("PDF reader not implemented yet")
}

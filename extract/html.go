package extract

import (
	"context"
	"errors"
)

// HTML reads office-exported HTML (placeholder until the HTML reader lands).
type HTML struct{}

// Read is not implemented yet.
func (HTML) Read(ctx context.Context, name string, data []byte) (*Layout, error) {
	return nil, errors.New("HTML reader not implemented yet")
}

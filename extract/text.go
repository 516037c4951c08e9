package extract

import "context"

// Text reads plain text: clean text with tab-separated tables, or text dumped from a PDF.
type Text struct{}

// Read splits text into lines.
func (Text) Read(ctx context.Context, name string, data []byte) (*Layout, error) {
	return &Layout{}, nil
}

package main

import (
	"context"
	"time"

	drucksache "drucksache"
	"drucksache/extract"
)

// extractIsolated extracts one file so that a hostile file cannot take down the caller:
// for now in-process with the reader's panic recovery; the time limit arrives with the PDF reader.
func extractIsolated(ctx context.Context, path string, timeout time.Duration) (*drucksache.Document, error) {
	return extract.File(ctx, path)
}

package main

import (
	"context"
	"io"
	"time"

	drucksache "drucksache"
	"drucksache/extract"
)

// childCommand is the hidden subcommand a parent runs to extract one file in a child process.
const childCommand = "__extract-child"

// extractIsolated extracts one file so that a hostile file cannot take down the caller:
// for now in-process with the reader's panic recovery; the time limit arrives with the PDF reader.
func extractIsolated(ctx context.Context, path string, timeout time.Duration) (*drucksache.Document, error) {
	return extract.File(ctx, path)
}

// cmdChildExtract is the child side of extractIsolated (placeholder).
func cmdChildExtract(ctx context.Context, args []string, stdout io.Writer) error {
	return cmdExtract(ctx, args, stdout)
}

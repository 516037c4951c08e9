package main

import (
	"context"
	"io"
	"time"

	"drucksache/isolate"
	"drucksache/load"
	"drucksache/transform"
)

// extractTimeout bounds the extraction of one document: a PDF that makes the PDF library loop
// ends in a clear error instead of a hung command.
const extractTimeout = 2 * time.Minute

// cmdExtract prints the JSON of one document.
func cmdExtract(ctx context.Context, args []string, stdout io.Writer) error {
	if len(args) != 1 {
		return usageError{"extract takes exactly one FILE"}
	}
	var pool isolate.Pool
	defer pool.Close()
	doc, err := pool.Extract(ctx, args[0], extractTimeout)
	if err != nil {
		return err
	}
	transform.Apply(doc)
	data, err := load.Marshal(doc)
	if err != nil {
		return err
	}
	_, err = stdout.Write(data)
	return err
}

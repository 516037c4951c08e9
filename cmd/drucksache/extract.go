package main

import (
	"context"
	"io"

	"drucksache/extract"
	"drucksache/load"
	"drucksache/transform"
)

// cmdExtract prints the JSON of one document.
func cmdExtract(ctx context.Context, args []string, stdout io.Writer) error {
	if len(args) != 1 {
		return usageError{"extract takes exactly one FILE"}
	}
	doc, err := extract.File(ctx, args[0])
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

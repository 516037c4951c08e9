package main

import (
	"context"
	"io"
	"time"

	drucksache "drucksache"
	"drucksache/extract"
	"drucksache/internal/build"
	"drucksache/isolate"
	"drucksache/load"
	"drucksache/transform"
)

// extractTimeout bounds the extraction of one document, in a child process like its memory: a PDF
// that makes the PDF library loop, a text that takes long, ends in a clear error instead of a hung
// command.
const extractTimeout = 2 * time.Minute

// cmdExtract prints the JSON of one document.
func cmdExtract(ctx context.Context, args []string, stdout io.Writer) error {
	if wantsHelp(args) {
		return errHelp
	}
	if len(args) != 1 {
		return usageError{"extract takes exactly one FILE"}
	}
	// One document is read in this process under a watchdog: a child process would cost more than
	// reading a short PDF, and at the time limit the command returns, which ends the process.
	doc, err := isolate.Guard(ctx, args[0], extractTimeout, options())
	if err != nil {
		return err
	}
	transform.Apply(doc)
	stamp := extractor()
	doc.Extractor = &stamp
	data, err := load.Marshal(doc)
	if err != nil {
		return err
	}
	_, err = stdout.Write(data)
	return err
}

// options are the extraction options of every command: the default limits, and transform's sums to
// weigh how the figures of a dumped table's row group.
func options() extract.Options {
	return extract.Options{Limits: extract.DefaultLimits(), Sums: transform.Sums{}}
}

// extractor names this build and the options every command extracts with.
func extractor() drucksache.Extractor {
	lim := options().Limits
	return build.Extractor(drucksache.ExtractorOptions{MaxBytes: lim.MaxBytes, MaxPages: lim.MaxPages})
}

package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"runtime"
	"runtime/debug"
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
	fl := flag.NewFlagSet("extract", flag.ContinueOnError)
	fl.SetOutput(io.Discard)
	memory := fl.String("memory", "1GiB", "memory limit of the extraction (0: none)")
	files, err := parseInterspersed(fl, args)
	if err != nil {
		return usageError{"extract: " + err.Error()}
	}
	if len(files) != 1 {
		return usageError{"extract takes exactly one FILE"}
	}
	mem, err := parseBytes(*memory)
	if err != nil {
		return usageError{fmt.Sprintf("extract: --memory %q: %v", *memory, err)}
	}
	opts := options()
	opts.PageWorkers = runtime.GOMAXPROCS(0) // the one document may use every processor
	if mem > 0 {
		// The limit of a run's child, on this process: the readers keep within a share of it, the
		// watchdog stops the extraction near it, and the kernel refuses memory past it.
		restore, err := isolate.LimitProcess(mem)
		if err != nil {
			return err
		}
		defer restore()
		opts.Limits.MaxMemory = mem
		defer debug.SetGCPercent(debug.SetGCPercent(isolate.GCPercent))
	}
	// One document is read in this process under a watchdog: a child process would cost more than
	// reading a short PDF, and at the time or memory limit the command returns, which ends the process.
	doc, err := isolate.Guard(ctx, files[0], extractTimeout, opts)
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

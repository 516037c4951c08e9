package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"time"

	"drucksache/batch"
)

// cmdMerge parses the flags of `drucksache merge` and merges the shards of the output folder.
func cmdMerge(ctx context.Context, args []string, stderr io.Writer) error {
	if wantsHelp(args) {
		return errHelp
	}
	fl := flag.NewFlagSet("merge", flag.ContinueOnError)
	fl.SetOutput(io.Discard)
	out := fl.String("out", "out", "output folder")
	timeout := fl.Duration("timeout", 2*time.Minute, "time limit per document made again (0: none)")
	memory := fl.String("memory", "1GiB", "memory limit per document made again (0: none)")
	rest, err := parseInterspersed(fl, args)
	if err != nil {
		return usageError{"merge: " + err.Error()}
	}
	if len(rest) != 0 {
		return usageError{fmt.Sprintf("merge takes no INPUT (%q): it reads the shards' manifests in --out", rest[0])}
	}
	if *out == "" {
		return usageError{"merge: --out is empty: name the output folder"}
	}
	mem, err := parseBytes(*memory)
	if err != nil {
		return usageError{fmt.Sprintf("merge: --memory %q: %v", *memory, err)}
	}
	if *timeout < 0 {
		return usageError{fmt.Sprintf("merge: --timeout %v: want 0 or more", *timeout)}
	}
	stamp := extractor()
	cfg := batch.Config{Out: *out, Timeout: *timeout, Memory: mem, Options: options(), Extractor: &stamp}
	return batch.Merge(ctx, cfg, stderr)
}

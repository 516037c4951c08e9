package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"runtime"
	"time"

	"drucksache/batch"
)

// cmdRun parses the flags of `drucksache run` and runs the batch.
func cmdRun(ctx context.Context, args []string, stdin io.Reader, stderr io.Writer) error {
	if wantsHelp(args) {
		return errHelp
	}
	fl := flag.NewFlagSet("run", flag.ContinueOnError)
	fl.SetOutput(io.Discard)
	out := fl.String("out", "out", "output folder")
	workers := fl.Int("workers", runtime.NumCPU(), "documents extracted at a time")
	force := fl.Bool("force", false, "redo every input, changed or not")
	shardFlag := fl.String("shard", "", "run only part K of N of the inputs, K/N")
	timeout := fl.Duration("timeout", 2*time.Minute, "time limit per document (0: none)")
	inputs, err := parseInterspersed(fl, args)
	if err != nil {
		return usageError{"run: " + err.Error()}
	}
	if len(inputs) == 0 {
		return usageError{"run needs at least one INPUT: a file, a folder, or - for a list of paths on stdin"}
	}
	if *workers < 1 {
		return usageError{fmt.Sprintf("run: --workers %d: want at least 1", *workers)}
	}
	if *timeout < 0 {
		return usageError{fmt.Sprintf("run: --timeout %v: want 0 or more", *timeout)}
	}
	shard, err := batch.ParseShard(*shardFlag)
	if err != nil {
		return usageError{"run: " + err.Error()}
	}
	stamp := extractor()
	cfg := batch.Config{Out: *out, Workers: *workers, Force: *force, Timeout: *timeout, Shard: shard, Options: options(), Extractor: &stamp}
	return batch.Run(ctx, cfg, inputs, stdin, stderr)
}

// parseInterspersed parses flags given before, between or after the inputs; "--" ends the flags.
func parseInterspersed(fl *flag.FlagSet, args []string) ([]string, error) {
	var rest []string
	for {
		if err := fl.Parse(args); err != nil {
			return nil, err
		}
		args = fl.Args()
		if len(args) == 0 {
			return rest, nil
		}
		if args[0] == "--" {
			return append(rest, args[1:]...), nil
		}
		rest = append(rest, args[0])
		args = args[1:]
	}
}

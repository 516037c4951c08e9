package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"math"
	"runtime"
	"strconv"
	"strings"
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
	skipFailed := fl.Bool("skip-failed", false, "keep unchanged inputs that failed quarantined, also on a time or memory limit")
	shardFlag := fl.String("shard", "", "run only part K of N of the inputs, K/N")
	timeout := fl.Duration("timeout", 2*time.Minute, "time limit per document (0: none)")
	memory := fl.String("memory", "1GiB", "memory limit per document (0: none)")
	inputs, err := parseInterspersed(fl, args)
	if err != nil {
		return usageError{"run: " + err.Error()}
	}
	if *out == "" {
		return usageError{"run: --out is empty: name the output folder"}
	}
	if len(inputs) == 0 {
		return usageError{"run needs at least one INPUT: a file, a folder, or - for a list of paths on stdin"}
	}
	if *workers < 1 {
		return usageError{fmt.Sprintf("run: --workers %d: want at least 1", *workers)}
	}
	if cpus := runtime.NumCPU(); *workers > cpus {
		fmt.Fprintf(stderr, "drucksache: --workers %d: more than the %d CPUs, running %d\n", *workers, cpus, cpus)
		*workers = cpus
	}
	mem, err := parseBytes(*memory)
	if err != nil {
		return usageError{fmt.Sprintf("run: --memory %q: %v", *memory, err)}
	}
	if *timeout < 0 {
		return usageError{fmt.Sprintf("run: --timeout %v: want 0 or more", *timeout)}
	}
	shard, err := batch.ParseShard(*shardFlag)
	if err != nil {
		return usageError{"run: " + err.Error()}
	}
	stamp := extractor()
	cfg := batch.Config{Out: *out, Workers: *workers, Force: *force, SkipFailed: *skipFailed, Timeout: *timeout,
		Memory: mem, Shard: shard, Options: options(), Extractor: &stamp}
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

// parseBytes reads a number of bytes: digits and a binary unit (B, KiB, MiB, GiB, TiB; K, M, G, T and
// KB, MB, GB, TB count in 1024s too), e.g. 1GiB, 512M; 0 means no limit.
func parseBytes(s string) (int64, error) {
	units := []struct {
		suffixes []string
		size     int64
	}{
		{[]string{"TiB", "TB", "T"}, 1 << 40}, {[]string{"GiB", "GB", "G"}, 1 << 30},
		{[]string{"MiB", "MB", "M"}, 1 << 20}, {[]string{"KiB", "KB", "K"}, 1 << 10}, {[]string{"B", ""}, 1},
	}
	t := strings.TrimSpace(s)
	for _, u := range units {
		for _, suffix := range u.suffixes {
			digits, ok := strings.CutSuffix(t, suffix)
			if !ok {
				continue
			}
			n, err := strconv.ParseInt(strings.TrimSpace(digits), 10, 64)
			if err != nil || n < 0 || n > math.MaxInt64/u.size {
				return 0, errors.New("want a size such as 1GiB or 512MiB, or 0 for no limit")
			}
			return n * u.size, nil
		}
	}
	return 0, errors.New("want a size such as 1GiB or 512MiB, or 0 for no limit")
}

// Command drucksache turns German parliamentary papers (text, PDF, HTML) into JSON, XLSX and Parquet.
//
//	drucksache extract [--memory N] FILE
//	drucksache run [--out DIR] [--workers N] [--force] [--skip-failed] [--shard K/N] [--timeout D] [--memory N] INPUT...
//	drucksache merge [--out DIR] [--timeout D] [--memory N]
//	drucksache verify [--timeout D] DIR
//	drucksache version
//
// It parses the command line and wires the packages: extract, transform and load for one document,
// batch for a run, the merge of its shards and its verification, isolate for the hidden subcommand
// that makes a document in a child process, build for the stamp that names this build in every
// output. Exit status: 0 all done, 1 some documents failed (or did not verify, or the one document of
// extract failed, or merge could not settle one), 2 a wrong command line, 3 the run or merge could not
// complete (batch.StoppedError: the output folder locked by another run or not writable, the disk
// full, interrupted, a shard not run before merge).
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"

	"drucksache/batch"
	"drucksache/internal/printable"
	"drucksache/isolate"
)

// usageError marks a wrong use of the command line (exit status 2).
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

// errHelp is a command asked for its usage (-h, --help): printed to stdout, exit status 0.
var errHelp = errors.New("help requested")

// usages are the usage texts of the commands, in the order the general usage lists them.
var usages = []struct{ name, text string }{
	{"extract", `  drucksache extract [--memory N] FILE
                              one document (.txt, .pdf, .html) -> its JSON on stdout, read in this
                              process under the time limit of a run (2m)
      --memory N      memory limit, as a run's per document (default 1GiB; 0: none); past it the
                      extraction stops with exit status 1
`},
	{"run", `  drucksache run [--out DIR] [--workers N] [--force] [--skip-failed] [--shard K/N] [--timeout D] [--memory N] INPUT...
                              files, folders, or - (a list of paths on stdin)
                              -> DIR/json, DIR/xlsx, DIR/parquet, DIR/report.json (default DIR: out)
      --out DIR       the output folder (default out)
      --workers N     documents extracted at a time (default and most: the number of CPUs)
      --force         redo every input, changed or not
      --skip-failed   keep unchanged inputs that failed quarantined; without it, those that failed
                      on the time or memory limit are tried again
      --shard K/N     run only part K of N of the inputs, into the same dataset
      --timeout D     time limit per document, e.g. 30s or 2m (default 2m; 0: none), extraction,
                      transform and writing
      --memory N      memory limit per document, e.g. 512MiB (default 1GiB; 0: none)
`},
	{"merge", `  drucksache merge [--out DIR] [--timeout D] [--memory N]
                              after the runs of --shard K/N into DIR: each document once in the
                              dataset, json and xlsx, from the input whose path sorts first (as an
                              unsharded run); DIR/report.json lists the documents several shards held
      --timeout D, --memory N  limits for a document made again (as for run)
`},
	{"verify", `  drucksache verify [--timeout D] DIR
                              makes every document of the output folder DIR again from its source
                              (at the path the run was given, from the folder it ran in) and compares
                              it with the stored JSON and workbook: unchanged, changed (with the fields
                              that differ), source missing; exit 0 when all are unchanged
`},
	{"version", `  drucksache version           the version and rules digest of this build, and its default options
`},
}

// usageOf is the usage of one command, or of all for "".
func usageOf(command string) string {
	s := "usage:\n"
	for _, u := range usages {
		if command == "" || command == u.name {
			s += u.text
		}
	}
	return s
}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
	stop()
	os.Exit(exitCode(err, os.Stderr))
}

func exitCode(err error, stderr io.Writer) int {
	var ue usageError
	var be batch.UsageError
	var stopped *batch.StoppedError
	switch {
	case err == nil:
		return 0
	case errors.As(err, &ue) || errors.As(err, &be):
		fmt.Fprintf(stderr, "drucksache: %s\n%s", printable.String(err.Error()), usageOf(""))
		return 2
	case errors.Is(err, batch.ErrSomeFailed), errors.Is(err, batch.ErrChanged):
		return 1
	case errors.As(err, &stopped):
		fmt.Fprintf(stderr, "drucksache: run stopped (%s): %s\n", stopped.Kind, printable.String(err.Error()))
		return 3
	default:
		fmt.Fprintf(stderr, "drucksache: %s\n", printable.String(err.Error()))
		return 1
	}
}

func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		return usageError{"no command"}
	}
	command := args[0]
	var err error
	switch command {
	case "extract":
		err = cmdExtract(ctx, args[1:], stdout)
	case "run":
		err = cmdRun(ctx, args[1:], stdin, stderr)
	case "merge":
		err = cmdMerge(ctx, args[1:], stderr)
	case "verify":
		err = cmdVerify(ctx, args[1:], stdout, stderr)
	case "version":
		err = cmdVersion(args[1:], stdout)
	case isolate.Command:
		return isolate.Serve(ctx, args[1:], stdin, stdout)
	case "-h", "--help", "help":
		command = ""
		if len(args) > 1 {
			command = args[1]
		}
		err = errHelp
	default:
		return usageError{fmt.Sprintf("unknown command %q", args[0])}
	}
	if errors.Is(err, errHelp) {
		_, err = fmt.Fprint(stdout, usageOf(command))
	}
	return err
}

// wantsHelp reports whether the arguments of a command ask for its usage.
func wantsHelp(args []string) bool {
	for _, a := range args {
		switch a {
		case "--":
			return false
		case "-h", "-help", "--help":
			return true
		}
	}
	return false
}

// Command drucksache turns German parliamentary papers (text, PDF, HTML) into JSON, XLSX and Parquet.
//
//	drucksache extract FILE
//	drucksache run [--out DIR] [--workers N] [--force] [--shard K/N] [--timeout D] INPUT...
//
// It parses the command line and wires the packages: extract, transform and load for one document,
// batch for a run, isolate for the hidden subcommand that extracts a PDF in a child process. Exit
// status: 0 all done, 1 some documents failed or the run stopped, 2 a wrong command line.
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
	"drucksache/isolate"
)

// usageError marks a wrong use of the command line (exit status 2).
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

const usage = `usage:
  drucksache extract FILE     one document (.txt, .pdf, .html) -> its JSON on stdout
  drucksache run [--out DIR] [--workers N] [--force] [--shard K/N] [--timeout D] INPUT...
                              files, folders, or - (a list of paths on stdin)
                              -> DIR/json, DIR/xlsx, DIR/parquet, DIR/report.json (default DIR: out)
`

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
	stop()
	os.Exit(exitCode(err, os.Stderr))
}

func exitCode(err error, stderr io.Writer) int {
	var ue usageError
	var be batch.UsageError
	switch {
	case err == nil:
		return 0
	case errors.As(err, &ue) || errors.As(err, &be):
		fmt.Fprintf(stderr, "drucksache: %v\n%s", err, usage)
		return 2
	case errors.Is(err, batch.ErrSomeFailed):
		return 1
	default:
		fmt.Fprintf(stderr, "drucksache: %v\n", err)
		return 1
	}
}

func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		return usageError{"no command"}
	}
	switch args[0] {
	case "extract":
		return cmdExtract(ctx, args[1:], stdout)
	case "run":
		return cmdRun(ctx, args[1:], stdin, stderr)
	case isolate.Command:
		if len(args) != 2 {
			return usageError{isolate.Command + " takes --serve or exactly one FILE"}
		}
		return isolate.Serve(ctx, args[1:], stdin, stdout)
	case "-h", "--help", "help":
		fmt.Fprint(stdout, usage)
		return nil
	default:
		return usageError{fmt.Sprintf("unknown command %q", args[0])}
	}
}

package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"

	"drucksache/extract"
	"drucksache/load"
	"drucksache/transform"
)

// cmdRun extracts every input and writes the outputs (a simple sequential runner for now).
func cmdRun(ctx context.Context, args []string, stdin io.Reader, stderr io.Writer) error {
	fl := flag.NewFlagSet("run", flag.ContinueOnError)
	fl.SetOutput(io.Discard)
	out := fl.String("out", "out", "output folder")
	if err := fl.Parse(args); err != nil {
		return usageError{err.Error()}
	}
	if fl.NArg() == 0 {
		return usageError{"run needs at least one INPUT"}
	}
	var files []string
	for _, in := range fl.Args() {
		err := filepath.WalkDir(in, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if !d.IsDir() {
				files = append(files, p)
			}
			return nil
		})
		if err != nil {
			return usageError{err.Error()}
		}
	}
	sort.Strings(files)
	js := &load.JSON{Dir: filepath.Join(*out, "json")}
	failed := 0
	for _, f := range files {
		doc, err := extract.File(ctx, f)
		if err == nil {
			transform.Apply(doc)
			err = js.Write(ctx, doc)
		}
		if err != nil {
			failed++
			fmt.Fprintf(stderr, "drucksache: %v\n", err)
		}
	}
	if err := js.Close(); err != nil {
		return err
	}
	fmt.Fprintf(stderr, "drucksache: %d inputs, %d done, %d failed\n", len(files), len(files)-failed, failed)
	if failed > 0 {
		return errSomeFailed
	}
	_ = os.Stderr
	return nil
}

package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"time"

	"drucksache/batch"
)

// cmdVerify parses the flags of `drucksache verify` and verifies the output folder.
func cmdVerify(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	if wantsHelp(args) {
		return errHelp
	}
	fl := flag.NewFlagSet("verify", flag.ContinueOnError)
	fl.SetOutput(io.Discard)
	timeout := fl.Duration("timeout", 2*time.Minute, "time limit per document (0: none)")
	dirs, err := parseInterspersed(fl, args)
	if err != nil {
		return usageError{"verify: " + err.Error()}
	}
	if len(dirs) != 1 {
		return usageError{"verify takes exactly one DIR, the output folder of a run"}
	}
	stamp := extractor()
	return batch.Verify(ctx, batch.VerifyConfig{Out: dirs[0], Timeout: *timeout, Options: options(), Extractor: &stamp}, stdout, stderr)
}

// cmdVersion prints the extractor's stamp of this build as JSON, as every output carries it.
func cmdVersion(args []string, stdout io.Writer) error {
	if wantsHelp(args) {
		return errHelp
	}
	if len(args) != 0 {
		return usageError{"version takes no arguments"}
	}
	data, err := json.MarshalIndent(extractor(), "", "  ")
	if err != nil {
		return err
	}
	_, err = fmt.Fprintf(stdout, "%s\n", data)
	return err
}

// Command pdfspeed measures the PDF speed of drucksache next to `pdftotext -layout` (Debian's
// poppler-utils) in one run, on the same files and with the same parallelism:
//
//   - extract: the whole-process time of `drucksache extract FILE` against `pdftotext -layout FILE`,
//     for each PDF, the two commands taking turns for -rounds rounds; the median of each and their
//     ratio (the target: at most 1.2);
//   - batch: `drucksache run --workers W` over -copies copies of every PDF (extraction in child
//     processes, transform, JSON, XLSX and Parquet) against pdftotext over the same files, W at a
//     time; pages per second of each and their ratio (the target: at least 2), the faster of
//     -batches turns each.
//
// Usage (from the repository root; the binary is built first):
//
//	go build -o bin/drucksache ./cmd/drucksache
//	go run ./scripts/pdfspeed -bin bin/drucksache [-rounds 15] [-copies 10] [-workers 2] [PDF|DIR ...]
//
// Without arguments it measures the PDFs that parliaments published among the fixtures, and those of
// ../shared/corpus and ../shared/eval when that folder is there; a PDF made by the project's own
// generators (a name with "generated") is left out, as it is no paper as published.
package main

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"text/tabwriter"
	"time"
)

func main() {
	bin := flag.String("bin", "bin/drucksache", "the drucksache binary to measure")
	rounds := flag.Int("rounds", 15, "turns of each command per PDF for the extract figures")
	copies := flag.Int("copies", 10, "copies of every PDF in the batch")
	batches := flag.Int("batches", 2, "turns of each batch; the faster counts")
	workers := flag.Int("workers", min(2, runtime.NumCPU()), "parallel documents in the batch")
	flag.Parse()
	pdfs, err := inputs(flag.Args())
	if err == nil && len(pdfs) == 0 {
		err = fmt.Errorf("no PDFs to measure")
	}
	if err == nil {
		err = measure(*bin, pdfs, *rounds, *copies, *batches, *workers)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "pdfspeed:", err)
		os.Exit(1)
	}
}

// inputs lists the PDFs named, or those of the folders named, or the default set.
func inputs(args []string) ([]string, error) {
	if len(args) == 0 {
		args = []string{"fixtures", "../shared/corpus", "../shared/eval"}
	}
	var out []string
	for _, a := range args {
		st, err := os.Stat(a)
		if err != nil {
			if len(flag.Args()) == 0 {
				continue // a default folder that is not there
			}
			return nil, err
		}
		if !st.IsDir() {
			out = append(out, a)
			continue
		}
		found, _ := filepath.Glob(filepath.Join(a, "*.pdf"))
		for _, f := range found {
			if !strings.Contains(filepath.Base(f), "generated") {
				out = append(out, f)
			}
		}
	}
	// the same paper in two folders (a fixture copied from the corpus) is measured once
	seen := map[string]bool{}
	var uniq []string
	for _, f := range out {
		if b := filepath.Base(f); !seen[b] {
			seen[b] = true
			uniq = append(uniq, f)
		}
	}
	return uniq, nil
}

func measure(bin string, pdfs []string, rounds, copies, batches, workers int) error {
	tmp, err := os.MkdirTemp("", "pdfspeed-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	tw := tabwriter.NewWriter(os.Stdout, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintf(tw, "PDF\tpages\tproducer\tdrucksache extract ms\tpdftotext -layout ms\tratio\t\n")
	totalPages, worst := 0, 0.0
	for _, f := range pdfs {
		pages, producer, err := info(f)
		if err != nil {
			return err
		}
		totalPages += pages
		var ours, theirs []time.Duration
		for range rounds {
			d, err := timed(bin, "extract", f)
			if err != nil {
				return err
			}
			ours = append(ours, d)
			if d, err = timed("pdftotext", "-layout", f, filepath.Join(tmp, "out.txt")); err != nil {
				return err
			}
			theirs = append(theirs, d)
		}
		a, b := median(ours), median(theirs)
		ratio := a.Seconds() / b.Seconds()
		worst = max(worst, ratio)
		fmt.Fprintf(tw, "%s\t%d\t%s\t%.1f\t%.1f\t%.2f\t\n", filepath.Base(f), pages, producer, ms(a), ms(b), ratio)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Printf("extract: worst ratio %.2f (target: at most 1.20)\n\n", worst)

	in := filepath.Join(tmp, "in")
	if err := os.MkdirAll(in, 0o755); err != nil {
		return err
	}
	var files []string
	for i := range copies {
		for _, f := range pdfs {
			data, err := os.ReadFile(f)
			if err != nil {
				return err
			}
			p := filepath.Join(in, fmt.Sprintf("%s-copy%02d.pdf", strings.TrimSuffix(filepath.Base(f), ".pdf"), i))
			if err := os.WriteFile(p, data, 0o644); err != nil {
				return err
			}
			files = append(files, p)
		}
	}
	pages := totalPages * copies
	var best, bestPoppler time.Duration
	for i := range batches {
		out := filepath.Join(tmp, fmt.Sprintf("out-%d", i))
		d, err := timed(bin, "run", "--workers", strconv.Itoa(workers), "--out", out, in)
		if err != nil {
			return err
		}
		if i == 0 || d < best {
			best = d
		}
		if d, err = popplerBatch(files, workers, tmp); err != nil {
			return err
		}
		if i == 0 || d < bestPoppler {
			bestPoppler = d
		}
	}
	ours, theirs := float64(pages)/best.Seconds(), float64(pages)/bestPoppler.Seconds()
	fmt.Printf("batch: %d PDFs, %d pages, %d workers\n", len(files), pages, workers)
	fmt.Printf("  drucksache run (extract, JSON, XLSX, Parquet): %8.1f pages/s (%.2fs)\n", ours, best.Seconds())
	fmt.Printf("  pdftotext -layout:                             %8.1f pages/s (%.2fs)\n", theirs, bestPoppler.Seconds())
	fmt.Printf("  ratio %.2f (target: at least 2.00)\n", ours/theirs)
	return nil
}

// timed runs a command to its end and returns its wall-clock time; its output is dropped.
func timed(name string, args ...string) (time.Duration, error) {
	cmd := exec.Command(name, args...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	start := time.Now()
	err := cmd.Run()
	d := time.Since(start)
	if err != nil {
		return d, fmt.Errorf("%s %s: %v: %s", name, strings.Join(args, " "), err, firstLine(stderr.String()))
	}
	return d, nil
}

// popplerBatch runs pdftotext over the files, workers at a time, as `xargs -P` would.
func popplerBatch(files []string, workers int, tmp string) (time.Duration, error) {
	next := make(chan string)
	errs := make(chan error, workers)
	var wg sync.WaitGroup
	start := time.Now()
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for f := range next {
				if _, err := timed("pdftotext", "-layout", f, f+".txt"); err != nil {
					errs <- err
					return
				}
			}
		}()
	}
	for _, f := range files {
		next <- f
	}
	close(next)
	wg.Wait()
	d := time.Since(start)
	select {
	case err := <-errs:
		return d, err
	default:
		return d, nil
	}
}

// info reads a PDF's page count and producer with pdfinfo.
func info(f string) (pages int, producer string, err error) {
	out, err := exec.Command("pdfinfo", f).Output()
	if err != nil {
		return 0, "", fmt.Errorf("pdfinfo %s: %v", f, err)
	}
	for _, line := range strings.Split(string(out), "\n") {
		k, v, _ := strings.Cut(line, ":")
		v = strings.TrimSpace(v)
		switch k {
		case "Pages":
			pages, _ = strconv.Atoi(v)
		case "Producer":
			producer = v
			if r := []rune(producer); len(r) > 28 {
				producer = string(r[:28]) + "…"
			}
		}
	}
	return pages, producer, nil
}

func median(ds []time.Duration) time.Duration {
	s := slices.Clone(ds)
	slices.Sort(s)
	return s[len(s)/2]
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

func firstLine(s string) string {
	line, _, _ := strings.Cut(strings.TrimSpace(s), "\n")
	return line
}

// Command gen renders every paper of the round-trip bench with each PDF producer and writes the
// PDFs and the truth into the bench's testdata, to be committed:
//
//	go run ./internal/roundtrip/gen [-producers chromium,libreoffice,pdflatex] [-papers name,...] [-keep] [-dump-only]
//
// Each rendition is also dumped as text by pdftotext -layout (poppler-utils), the form archives hold
// papers in, for the bench of the dumped-text path.
//
// The producers come from Debian packages (scripts/roundtrip.sh installs them): chromium,
// libreoffice-writer, texlive-latex-recommended, poppler-utils.
package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"

	"drucksache/internal/roundtrip"
)

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}

func run() error {
	dir := flag.String("dir", filepath.Join("internal", "roundtrip", "testdata"), "the bench's testdata folder")
	only := flag.String("producers", "", "comma-separated producers to run (default: all)")
	names := flag.String("papers", "", "comma-separated papers to render (default: all); the truth of all is written")
	dumpOnly := flag.Bool("dump-only", false, "only dump the committed PDFs as text (pdftotext -layout), render nothing")
	keep := flag.Bool("keep", false, "keep the rendered sources beside the PDFs (name.html, name.fodt, name.tex) for inspection")
	flag.Parse()
	papers, err := roundtrip.Load(filepath.Join(*dir, "papers"))
	if err != nil {
		return err
	}
	for i := range papers {
		data, err := json.MarshalIndent(roundtrip.MakeTruth(&papers[i]), "", "  ")
		if err != nil {
			return err
		}
		if err := write(filepath.Join(*dir, "truth", papers[i].Name+".json"), append(data, '\n')); err != nil {
			return err
		}
	}
	if *dumpOnly {
		return dumpAll(*dir, papers, *only, *names)
	}
	tmp, err := os.MkdirTemp("", "roundtrip-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	for _, pr := range roundtrip.Producers {
		if *only != "" && !strings.Contains(","+*only+",", ","+pr.Name+",") {
			continue
		}
		for i := range papers {
			p := &papers[i]
			if *names != "" && !strings.Contains(","+*names+",", ","+p.Name+",") {
				continue
			}
			work := filepath.Join(tmp, pr.Name)
			if err := os.MkdirAll(work, 0o755); err != nil {
				return err
			}
			src := filepath.Join(work, p.Name+pr.Ext)
			if err := os.WriteFile(src, pr.Render(p), 0o644); err != nil {
				return err
			}
			pdf, err := produce(pr.Name, work, src)
			if err != nil {
				return fmt.Errorf("%s: %s: %w", pr.Name, p.Name, err)
			}
			data, err := os.ReadFile(pdf)
			if err != nil {
				return err
			}
			out := filepath.Join(*dir, "pdf", pr.Name, p.Name+".pdf")
			if err := write(out, data); err != nil {
				return err
			}
			if *keep {
				if err := write(strings.TrimSuffix(out, ".pdf")+pr.Ext, pr.Render(p)); err != nil {
					return err
				}
			}
			fmt.Printf("%s\t%d bytes\n", out, len(data))
		}
	}
	return dumpAll(*dir, papers, *only, *names)
}

// dumpAll writes the text pdftotext -layout dumps from each chosen rendition, as archives hold
// papers, into the bench's dumped folder; without pdftotext it says so and dumps nothing.
func dumpAll(dir string, papers []roundtrip.Paper, only, names string) error {
	if _, err := exec.LookPath("pdftotext"); err != nil {
		fmt.Fprintln(os.Stderr, "gen: pdftotext (poppler-utils) not found: the dumped renditions are not made again")
		return nil
	}
	for _, pr := range roundtrip.Producers {
		if only != "" && !strings.Contains(","+only+",", ","+pr.Name+",") {
			continue
		}
		for i := range papers {
			p := &papers[i]
			if names != "" && !strings.Contains(","+names+",", ","+p.Name+",") {
				continue
			}
			pdf := filepath.Join(dir, "pdf", pr.Name, p.Name+".pdf")
			out := filepath.Join(dir, "dumped", pr.Name, p.Name+".txt")
			if err := os.MkdirAll(filepath.Dir(out), 0o755); err != nil {
				return err
			}
			ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
			err := command(ctx, ".", "pdftotext", "-layout", "-enc", "UTF-8", pdf, out)
			cancel()
			if err != nil {
				return fmt.Errorf("%s: %s: %w", pr.Name, p.Name, err)
			}
			fmt.Println(out)
		}
	}
	return nil
}

// produce runs one producer on a rendered source in folder work and returns the PDF's path.
func produce(name, work, src string) (string, error) {
	base := strings.TrimSuffix(filepath.Base(src), filepath.Ext(src))
	pdf := filepath.Join(work, base+".pdf")
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	switch name {
	case "chromium":
		abs, err := filepath.Abs(src)
		if err != nil {
			return "", err
		}
		err = command(ctx, work, "chromium", "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
			"--user-data-dir="+filepath.Join(work, "profile"), "--print-to-pdf="+pdf, "file://"+abs)
		return pdf, err
	case "libreoffice":
		profile := "file://" + filepath.Join(work, "profile")
		err := command(ctx, work, "soffice", "-env:UserInstallation="+profile, "--headless", "--convert-to", "pdf", "--outdir", work, src)
		return pdf, err
	case "pdflatex":
		// three runs: longtable settles its column widths and the page references on the second or third
		for range 3 {
			if err := command(ctx, work, "pdflatex", "-interaction=nonstopmode", "-halt-on-error", filepath.Base(src)); err != nil {
				return "", err
			}
		}
		return pdf, nil
	}
	return "", errors.New("unknown producer")
}

func command(ctx context.Context, dir, name string, args ...string) error {
	cmd := exec.CommandContext(ctx, name, args...)
	cmd.Dir = dir
	out, err := cmd.CombinedOutput()
	if err != nil {
		tail := string(out)
		if len(tail) > 2000 {
			tail = tail[len(tail)-2000:]
		}
		return fmt.Errorf("%s: %w\n%s", name, err, tail)
	}
	return nil
}

func write(path string, data []byte) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	return os.WriteFile(path, data, 0o644)
}

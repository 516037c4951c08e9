package main

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"drucksache/internal/hostilepdf"
)

// TestExtractMemory runs `extract --memory N` as its own process on a PDF whose text would take many
// GB and on a text file that needs more than the limit: each ends with exit status 1 and one line
// naming the limit (no crash dump of the Go runtime), its peak resident memory within the limit.
// Without a limit extract took what the document needed (issue 14, finding 6).
func TestExtractMemory(t *testing.T) {
	dir := t.TempDir()
	shared := filepath.Join(dir, "shared.pdf")
	f, err := os.Create(shared)
	if err != nil {
		t.Fatal(err)
	}
	if err := hostilepdf.MemoryCases()[0].Make(f); err != nil { // 5 000 pages sharing one text stream
		t.Fatal(err)
	}
	f.Close()
	text, err := os.ReadFile(filepath.Join("..", "..", "fixtures", "ni-19-11185.txt"))
	if err != nil {
		t.Fatal(err)
	}
	long := filepath.Join(dir, "long.txt")
	if err := os.WriteFile(long, bytes.Repeat(text, 40<<20/len(text)), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, file, memory, says string
	}{
		{"a PDF of endless text", shared, "1GiB", "more than the memory limit of 1024 MiB leaves room for"},
		{"40 MB of text under 512 MiB", long, "512MiB", "memory limit exceeded (512 MiB): the extraction was stopped"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
			defer cancel()
			cmd := exec.CommandContext(ctx, os.Args[0], "extract", "--memory", tt.memory, tt.file)
			cmd.Env = append(os.Environ(), "DRUCKSACHE_AS_COMMAND=1")
			var stderr bytes.Buffer
			cmd.Stderr = &stderr
			err := cmd.Run()
			code := cmd.ProcessState.ExitCode()
			msg := strings.TrimSpace(stderr.String())
			if err == nil || code != 1 || strings.Count(msg, "\n") > 0 || !strings.Contains(msg, tt.says) {
				t.Fatalf("exit %d, stderr:\n%s\nwant exit 1 and one line saying %q", code, firstLines(msg, 8), tt.says)
			}
			limit, _ := parseBytes(tt.memory)
			peak := cmd.ProcessState.SysUsage().(*syscall.Rusage).Maxrss * 1024
			t.Logf("peak resident memory %d MiB: %s", peak>>20, msg)
			if peak > limit+64<<20 {
				t.Errorf("peak resident memory %d MiB, over the limit of %s", peak>>20, tt.memory)
			}
		})
	}
}

func firstLines(s string, n int) string {
	lines := strings.SplitN(s, "\n", n+1)
	return strings.Join(lines[:min(n, len(lines))], "\n")
}

package isolate

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"drucksache/internal/hostilepdf"
)

// TestHostileMemory makes each hostile file in a child of a pool with a memory limit of 1 GiB, the
// default of run, and checks that the document is made or fails with a reason that names a limit,
// without the child crashing on it, and that the child's peak resident memory stayed within the
// limit (plus the runtime's slack). The child's peak is measured in a driver process of its own (the
// children it waited for are the pool's only), which the test starts for each file.
func TestHostileMemory(t *testing.T) {
	if path := os.Getenv("DRUCKSACHE_MEMORY_DRIVER"); path != "" {
		driveMemory(path)
		return
	}
	if !memoryLimited {
		t.Skip("no hard memory limit on this system")
	}
	const limit, slack = 1 << 30, 64 << 20
	for _, mc := range hostilepdf.MemoryCases() {
		t.Run(mc.Name, func(t *testing.T) {
			if mc.Large && testing.Short() {
				t.Skip("a large file: without -short only")
			}
			path := filepath.Join(t.TempDir(), "hostile.pdf")
			f, err := os.Create(path)
			if err != nil {
				t.Fatal(err)
			}
			if err := mc.Make(f); err != nil {
				t.Fatal(err)
			}
			f.Close()
			start := time.Now()
			cmd := exec.Command(os.Args[0], "-test.run=^TestHostileMemory$")
			cmd.Env = append(os.Environ(), "DRUCKSACHE_MEMORY_DRIVER="+path)
			out, err := cmd.CombinedOutput()
			if err != nil {
				t.Fatalf("driver: %v\n%s", err, out)
			}
			m := regexp.MustCompile(`(?m)^peak (\d+) crashed (\w+) error (.*)$`).FindSubmatch(out)
			if m == nil {
				t.Fatalf("driver said\n%s", out)
			}
			peak, _ := strconv.ParseInt(string(m[1]), 10, 64)
			fi, _ := os.Stat(path)
			t.Logf("%d bytes, peak resident memory of the child %d MiB, %v: %s", fi.Size(), peak>>20, time.Since(start).Round(time.Second), m[3])
			if peak > limit+slack {
				t.Errorf("the child held %d MiB, over the limit of %d MiB", peak>>20, limit>>20)
			}
			if string(m[2]) == "true" {
				t.Errorf("the child crashed instead of stopping the document at its limit")
			}
			if msg := string(m[3]); msg != "none" && !regexp.MustCompile(`memory|limit|bomb|more than`).MatchString(msg) {
				t.Errorf("error %s names no limit", msg)
			}
		})
	}
}

// driveMemory makes the document at path in a pool child with a memory limit of 1 GiB and prints the
// child's peak resident memory and the error.
func driveMemory(path string) {
	p := &Pool{Memory: 1 << 30}
	_, err := p.Make(context.Background(), path, filepath.Dir(path), nil, 5*time.Minute)
	p.Close()
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_CHILDREN, &ru)
	msg := "none"
	if err != nil {
		msg = strings.ReplaceAll(err.Error(), "\n", " ")
	}
	var crash *CrashError
	fmt.Printf("peak %d crashed %v error %s\n", ru.Maxrss*1024, errors.As(err, &crash), msg)
}

package batch

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"runtime/metrics"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// benchSizes are the corpus sizes of the benchmarks: 1 000 and 10 000 documents (about ten minutes on
// two cores); DRUCKSACHE_BENCH_QUICK=1 keeps 1 000 only, DRUCKSACHE_BENCH_SIZES=1000,20000 picks them.
func benchSizes() []int {
	if v := os.Getenv("DRUCKSACHE_BENCH_SIZES"); v != "" {
		var sizes []int
		for _, f := range strings.Split(v, ",") {
			if n, err := strconv.Atoi(strings.TrimSpace(f)); err == nil && n > 0 {
				sizes = append(sizes, n)
			}
		}
		return sizes
	}
	if os.Getenv("DRUCKSACHE_BENCH_QUICK") != "" {
		return []int{1000}
	}
	return []int{1000, 10000}
}

// benchCorpus writes n documents made by makeCorpus into a temporary folder of b, dated an hour ago:
// a corpus is older than the run that reads it, so its file times can be trusted (trustedUnchanged).
func benchCorpus(b *testing.B, n int) string {
	b.Helper()
	dir := b.TempDir()
	makeCorpus(b, dir, n)
	old := time.Now().Add(-time.Hour)
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			os.Chtimes(p, old, old)
		}
		return nil
	})
	return dir
}

// benchRun runs one batch over corpus into out and fails the benchmark unless it completed.
func benchRun(b *testing.B, cfg Config, corpus string) {
	b.Helper()
	var stderr strings.Builder
	if err := Run(context.Background(), cfg, []string{corpus}, strings.NewReader(""), &stderr); err != nil {
		b.Fatalf("run: %v\n%s", err, stderr.String())
	}
}

// BenchmarkRun measures documents per second of a full run, extraction in this process, with 1 and 2
// workers.
func BenchmarkRun(b *testing.B) {
	for _, n := range benchSizes() {
		corpus := benchCorpus(b, n)
		for _, workers := range []int{1, 2} {
			b.Run(fmt.Sprintf("docs=%d/workers=%d", n, workers), func(b *testing.B) {
				for range b.N {
					benchRun(b, benchRunner(b, workers), corpus)
				}
				b.ReportMetric(float64(n*b.N)/b.Elapsed().Seconds(), "docs/s")
			})
		}
	}
}

// BenchmarkRunIsolated measures documents per second of a full run as the command makes them: each
// in a child process of the run's pool (this test binary), with 1 and 2 workers. Next to BenchmarkRun
// it is the cost of isolating every document.
func BenchmarkRunIsolated(b *testing.B) {
	for _, n := range benchSizes() {
		corpus := benchCorpus(b, n)
		for _, workers := range []int{1, 2} {
			b.Run(fmt.Sprintf("docs=%d/workers=%d", n, workers), func(b *testing.B) {
				for range b.N {
					r := benchRunner(b, workers)
					r.Extract = nil
					benchRun(b, r, corpus)
				}
				b.ReportMetric(float64(n*b.N)/b.Elapsed().Seconds(), "docs/s")
			})
		}
	}
}

// BenchmarkRunPeakMemory measures the peak of the heap during a full run (2 workers), which must not
// grow with the number of documents: peak-heap-MB is the heap in use (live objects and garbage not
// yet collected: what the process holds), peak-live-MB the live heap after a collection (what the
// run keeps, without the collector's headroom). The live peak is also given by phase: while
// documents are extracted (extract-live-MB) and while the Parquet part is written
// (parquet-live-MB), whose writer fills fixed buffers (4 MiB of values, the footers of up to 8 row
// groups a file) that a small run does not fill.
func BenchmarkRunPeakMemory(b *testing.B) {
	for _, n := range benchSizes() {
		corpus := benchCorpus(b, n)
		b.Run(fmt.Sprintf("docs=%d", n), func(b *testing.B) {
			peak := &heapPeak{}
			for range b.N {
				runtime.GC()
				stop := samplePeak(peak)
				r := benchRunner(b, 2)
				r.progress = phases{peak}
				benchRun(b, r, corpus)
				stop()
			}
			b.ReportMetric(float64(peak.inuse)/(1<<20), "peak-heap-MB")
			b.ReportMetric(float64(peak.live)/(1<<20), "peak-live-MB")
			b.ReportMetric(float64(peak.phaseLive["extracting"])/(1<<20), "extract-live-MB")
			b.ReportMetric(float64(peak.phaseLive["writing parquet"])/(1<<20), "parquet-live-MB")
			b.ReportMetric(float64(n*b.N)/b.Elapsed().Seconds(), "docs/s")
		})
	}
}

// phases is a progress that tells a heapPeak which phase of the run is going on.
type phases struct{ peak *heapPeak }

func (p phases) start(what string, total int) { p.peak.setPhase(what) }
func (p phases) step(o *outcome)              {}
func (p phases) finish()                      { p.peak.setPhase("") }

// BenchmarkRerunUnchanged measures a run over a corpus already done: no document is extracted,
// the Parquet part is left alone. The target is under 5 % of the full run.
func BenchmarkRerunUnchanged(b *testing.B) {
	for _, n := range benchSizes() {
		corpus := benchCorpus(b, n)
		r := benchRunner(b, 2)
		began := time.Now()
		benchRun(b, r, corpus)
		full := time.Since(began)
		b.Run(fmt.Sprintf("docs=%d", n), func(b *testing.B) {
			for range b.N {
				benchRun(b, r, corpus)
			}
			per := b.Elapsed() / time.Duration(b.N)
			b.ReportMetric(float64(per.Microseconds())/1000, "ms/rerun")
			b.ReportMetric(100*per.Seconds()/full.Seconds(), "%-of-full-run")
		})
	}
}

// benchRunner is a run into a new temporary folder, extracting in this process (a built command
// extracts a PDF in a child process, which the test binary cannot be).
func benchRunner(b *testing.B, workers int) Config {
	b.Helper()
	r := testConfig(b.TempDir(), workers)
	r.saveGap = 2 * time.Second
	return r
}

// heapPeak is the largest heap seen: in use, and live after a collection; and the live heap's
// largest by phase of the run.
type heapPeak struct {
	inuse, live uint64
	mu          sync.Mutex
	phase       string
	phaseLive   map[string]uint64
}

// setPhase notes that a phase of the run begins ("" between phases).
func (p *heapPeak) setPhase(what string) {
	p.mu.Lock()
	p.phase = what
	p.mu.Unlock()
}

// samplePeak records the largest heap seen until the returned stop is called.
func samplePeak(peak *heapPeak) (stop func()) {
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		tick := time.NewTicker(10 * time.Millisecond)
		defer tick.Stop()
		sample := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}, {Name: "/memory/classes/heap/unused:bytes"}, {Name: "/gc/heap/live:bytes"}}
		for {
			metrics.Read(sample)
			inuse := sample[0].Value.Uint64() + sample[1].Value.Uint64() // HeapInuse, without stopping the world
			live := sample[2].Value.Uint64()
			peak.mu.Lock()
			peak.inuse, peak.live = max(peak.inuse, inuse), max(peak.live, live)
			if peak.phaseLive == nil {
				peak.phaseLive = map[string]uint64{}
			}
			peak.phaseLive[peak.phase] = max(peak.phaseLive[peak.phase], live)
			peak.mu.Unlock()
			select {
			case <-done:
				return
			case <-tick.C:
			}
		}
	}()
	return func() { close(done); wg.Wait() }
}

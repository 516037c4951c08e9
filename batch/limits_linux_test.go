package batch

import (
	"syscall"
	"testing"
	"time"
)

// cpuTime is the CPU time this process has used so far.
func cpuTime(t *testing.T) time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		t.Fatal(err)
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// TestRunIsolatedStopsWork runs, as the command does, a text that takes long past a short time limit:
// the run ends at the limit and nothing of the document's work goes on in this process afterwards
// (issue 14, finding 6: text and HTML were extracted in the run's process, and one given up on at the
// time limit went on running there, 3 × 250 MB of text taking 3.2 GB).
func TestRunIsolatedStopsWork(t *testing.T) {
	chdir(t, t.TempDir())
	bigText(t, "in/big.txt", 20<<20)
	r := testConfig("out", 1)
	r.Extract, r.Timeout, r.grace = nil, time.Second, 10*time.Second
	began := time.Now()
	code, rep := runOnce(t, r, "in")
	took := time.Since(began)
	if code == 0 && took > 5*time.Second {
		t.Errorf("the run took %v", took)
	}
	if code != 0 && (len(rep.QuarantinedFiles) != 1 || took > 5*time.Second) {
		t.Errorf("exit %d after %v, quarantined %+v; want the text stopped at its time limit", code, took, rep.QuarantinedFiles)
	}
	before := cpuTime(t)
	time.Sleep(2 * time.Second)
	used := cpuTime(t) - before
	t.Logf("CPU used in the 2 s after the run: %v", used)
	if used > 250*time.Millisecond {
		t.Errorf("%v of CPU used in the 2 s after the run: the document's work goes on", used)
	}
}

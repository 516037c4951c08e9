package isolate

import (
	"bufio"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestChildEndsWithParent kills a parent with SIGKILL while its child loops on a document: the child
// ends too. Left running, it finished its document and wrote it into the staging folder of the next
// run, which then failed to clear that folder (batch's TestKillAtRandomMoments, flaky under load).
func TestChildEndsWithParent(t *testing.T) {
	loop := filepath.Join(t.TempDir(), "loop.pdf")
	if err := os.WriteFile(loop, loopingPDF(), 0o644); err != nil {
		t.Fatal(err)
	}
	parent := exec.Command(os.Args[0], "-test.run=^$")
	parent.Env = append(os.Environ(), parentEnv+"="+loop)
	out, err := parent.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := parent.Start(); err != nil {
		t.Fatal(err)
	}
	line, _ := bufio.NewReader(out).ReadString('\n')
	child, err := strconv.Atoi(strings.TrimSpace(line))
	parent.Process.Kill()
	parent.Wait()
	if err != nil {
		t.Fatalf("the parent started no child: %q", line)
	}
	for deadline := time.Now().Add(5 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		if _, state, ok := procStat(fmt.Sprintf("/proc/%d/stat", child)); !ok || state == 'Z' {
			return // gone, or dead and not yet reaped by whoever adopted it
		}
	}
	syscall.Kill(child, syscall.SIGKILL)
	t.Errorf("the child %d outlived its parent killed with SIGKILL by 5 s", child)
}

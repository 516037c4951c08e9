package isolate

import (
	"bytes"
	"fmt"
	"os"
	"runtime/debug"
	"strconv"
	"syscall"
)

// limitMemory makes limit bytes the most this process can hold: its data segment (RLIMIT_DATA, which
// counts the heap and every private writable mapping, not the address space the Go runtime only
// reserves). Past it an allocation fails and the runtime ends the process, "out of memory".
func limitMemory(limit int64) error {
	var lim syscall.Rlimit
	if err := syscall.Getrlimit(syscall.RLIMIT_DATA, &lim); err != nil {
		return fmt.Errorf("reading the memory limit: %w", err)
	}
	lim.Cur = min(uint64(limit), lim.Max) // a lower limit set from outside stays
	lim.Max = lim.Cur
	if err := syscall.Setrlimit(syscall.RLIMIT_DATA, &lim); err != nil {
		return fmt.Errorf("limiting the memory to %d bytes: %w", limit, err)
	}
	return nil
}

// memoryLimited says that limitMemory sets a hard limit here.
const memoryLimited = true

// LimitProcess makes limit bytes the most this process holds from now on, as a child's limit does
// (RLIMIT_DATA, its soft value, which the kernel enforces; the hard value stays, so that restore can
// raise it again), with the Go runtime's soft limit below it so that garbage is collected first.
// restore puts back what it found. For a command that extracts in its own process (Guard).
func LimitProcess(limit int64) (restore func(), err error) {
	var old syscall.Rlimit
	if err := syscall.Getrlimit(syscall.RLIMIT_DATA, &old); err != nil {
		return nil, fmt.Errorf("reading the memory limit: %w", err)
	}
	lim := old
	lim.Cur = min(uint64(limit), old.Cur) // a lower limit set from outside stays
	if err := syscall.Setrlimit(syscall.RLIMIT_DATA, &lim); err != nil {
		return nil, fmt.Errorf("limiting the memory to %d bytes: %w", limit, err)
	}
	soft := debug.SetMemoryLimit(softLimit(limit))
	return func() {
		syscall.Setrlimit(syscall.RLIMIT_DATA, &old)
		debug.SetMemoryLimit(soft)
	}, nil
}

// heldMemory is the memory this process holds as RLIMIT_DATA counts it (VmData: every private
// writable mapping, the Go heap, its metadata and the threads' stacks), in bytes.
func heldMemory() int64 {
	status, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	_, rest, ok := bytes.Cut(status, []byte("\nVmData:"))
	if !ok {
		return 0
	}
	line, _, _ := bytes.Cut(rest, []byte("\n"))
	kb, err := strconv.ParseInt(string(bytes.TrimSpace(bytes.TrimSuffix(bytes.TrimSpace(line), []byte("kB")))), 10, 64)
	if err != nil {
		return 0
	}
	return kb << 10
}

// childAttr makes the system kill a child when the process that started it ends, however it ends:
// a parent killed with SIGKILL can end no child itself, and one left working on a document would go
// on writing into the staging folder of the run after it. (The signal comes when the thread that
// started the child ends; the Go runtime ends no thread but one locked by a goroutine that exits.)
func childAttr() *syscall.SysProcAttr { return &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL} }

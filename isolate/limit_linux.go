package isolate

import (
	"fmt"
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

// childAttr makes the system kill a child when the process that started it ends, however it ends:
// a parent killed with SIGKILL can end no child itself, and one left working on a document would go
// on writing into the staging folder of the run after it. (The signal comes when the thread that
// started the child ends; the Go runtime ends no thread but one locked by a goroutine that exits.)
func childAttr() *syscall.SysProcAttr { return &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL} }

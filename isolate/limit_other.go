//go:build !linux

package isolate

import (
	"runtime/debug"
	"runtime/metrics"
	"syscall"
)

// limitMemory does nothing where no hard limit of a process's memory is set up: the soft limit of
// the Go runtime is all there is.
func limitMemory(limit int64) error { return nil }

// memoryLimited says that limitMemory sets no hard limit here.
const memoryLimited = false

// LimitProcess sets the Go runtime's soft memory limit below limit where no hard limit of a process's
// memory is set up; restore puts back the one it found.
func LimitProcess(limit int64) (restore func(), err error) {
	soft := debug.SetMemoryLimit(softLimit(limit))
	return func() { debug.SetMemoryLimit(soft) }, nil
}

// heldMemory is the memory the Go runtime has mapped, in bytes.
func heldMemory() int64 {
	held := []metrics.Sample{{Name: "/memory/classes/total:bytes"}}
	metrics.Read(held)
	return int64(held[0].Value.Uint64())
}

// childAttr sets nothing: only Linux ends a child with its parent; elsewhere a child whose parent was
// killed ends at the end of the document it is making, when it finds its input closed.
func childAttr() *syscall.SysProcAttr { return nil }

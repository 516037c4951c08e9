//go:build !linux

package isolate

import "syscall"

// limitMemory does nothing where no hard limit of a process's memory is set up: the soft limit of
// the Go runtime is all there is.
func limitMemory(limit int64) error { return nil }

// memoryLimited says that limitMemory sets no hard limit here.
const memoryLimited = false

// childAttr sets nothing: only Linux ends a child with its parent; elsewhere a child whose parent was
// killed ends at the end of the document it is making, when it finds its input closed.
func childAttr() *syscall.SysProcAttr { return nil }

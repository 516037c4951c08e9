//go:build !linux

package isolate

// limitMemory does nothing where no hard limit of a process's memory is set up: the soft limit of
// the Go runtime is all there is.
func limitMemory(limit int64) error { return nil }

// memoryLimited says that limitMemory sets no hard limit here.
const memoryLimited = false

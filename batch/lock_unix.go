//go:build unix

package batch

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"syscall"
	"time"
)

// lockFolder takes an exclusive lock on the file path, so that two runs of one shard never write one
// output folder at once; the system drops the lock when the process ends, however it ends.
//
// A lock held is tried again for lockWait before giving up: a run killed while starting an
// extraction process leaves that process a copy of the lock for the moment until it starts the
// program (the copy closes then), and the next run should not fail for it.
func lockFolder(path string) (unlock func(), err error) {
	f, err := os.OpenFile(path, os.O_CREATE|os.O_RDWR, 0o644)
	if err != nil {
		return nil, err
	}
	deadline := time.Now().Add(lockWait)
	for {
		err = syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB)
		if !errors.Is(err, syscall.EWOULDBLOCK) || time.Now().After(deadline) {
			break
		}
		time.Sleep(50 * time.Millisecond)
	}
	if err != nil {
		f.Close()
		if errors.Is(err, syscall.EWOULDBLOCK) {
			return nil, fmt.Errorf("%s: %w", path, errLocked)
		}
		return nil, fmt.Errorf("%s: lock: %w", path, err)
	}
	return func() { f.Close() }, nil
}

// lockWait is how long lockFolder tries a lock another process holds.
const lockWait = 2 * time.Second

// lockOutputs takes the lock of the per-document output folders that the shards of one output folder
// share, waiting for it: a shard holds it while it places a document's files and while it decides
// which files to remove, so that none removes a file another has just placed. An unsharded run
// shares its folders with no one and takes none.
func (r *runner) lockOutputs() (unlock func(), err error) {
	if r.Shard.N <= 1 {
		return func() {}, nil
	}
	path := filepath.Join(r.Out, ".lock-outputs")
	f, err := os.OpenFile(path, os.O_CREATE|os.O_RDWR, 0o644)
	if err != nil {
		return nil, err
	}
	for {
		err = syscall.Flock(int(f.Fd()), syscall.LOCK_EX)
		if !errors.Is(err, syscall.EINTR) {
			break
		}
	}
	if err != nil {
		f.Close()
		return nil, fmt.Errorf("%s: lock: %w", path, err)
	}
	return func() { f.Close() }, nil
}

//go:build !unix

package batch

// lockFolder does nothing where advisory file locks are not available: the user keeps runs apart.
func lockFolder(path string) (unlock func(), err error) { return func() {}, nil }

// lockOutputs does nothing where advisory file locks are not available.
func (r *runner) lockOutputs() (unlock func(), err error) { return func() {}, nil }

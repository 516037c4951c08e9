//go:build !unix

package batch

// lockFolder does nothing where advisory file locks are not available: the user keeps runs apart.
func lockFolder(path string) (unlock func(), err error) { return func() {}, nil }

package batch

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"unicode/utf8"

	"drucksache/batch/internal/index"
	"drucksache/load"
)

// checkOutFolder refuses an output folder the run cannot own: a file, or one whose output folders
// (json, xlsx, parquet) are symbolic links, which would make the run write, and remove, files
// somewhere else.
func checkOutFolder(out string) error {
	fi, err := os.Stat(out)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil
	case err != nil:
		return err
	case !fi.IsDir():
		return UsageError{fmt.Sprintf("run: the output folder %s is a file", out)}
	}
	for _, folder := range outputFolders() {
		p := filepath.Join(out, folder)
		fi, err := os.Lstat(p)
		switch {
		case errors.Is(err, fs.ErrNotExist):
		case err != nil:
			return err
		case fi.Mode()&fs.ModeSymlink != 0:
			return UsageError{fmt.Sprintf("run: %s is a symbolic link: the run writes only into folders of its own inside the output folder; remove the link or choose another --out", p)}
		}
	}
	return nil
}

// Why the run keeps a file it would otherwise remove, or finds in its output folders without a
// record: the report lists each (foreign_files).
const (
	keptForeign  = "not made by drucksache"                               // no record of the output folder names it
	keptChanged  = "changed since drucksache wrote it"                    // its content is not what was recorded
	keptUnknown  = "no record of its content (written by an older build)" // recorded without a sum
	keptNotAFile = "not a regular file"                                   // a folder, a link, a device
	keptLinked   = "reached through a symbolic link"                      // a folder on its way is a link
)

// recordedPath checks a path read from the run's own records (the manifest's garbage, Parquet files,
// an entry's outputs): it names a file of the output folder only when it is relative, slash-separated
// and clean, inside one of the given output folders, with no hidden or parent component. A path
// failing the check is never removed: a hand-edited manifest must not make the run delete
// "../victim.txt".
func recordedPath(f string, folders ...string) error {
	parts := strings.Split(f, "/")
	switch {
	case f == "" || !utf8.ValidString(f) || strings.ContainsAny(f, "\\\x00") || len(parts) < 2:
		return errNotInside
	case path.Clean(f) != f || !filepath.IsLocal(filepath.FromSlash(f)) || !slices.Contains(folders, parts[0]):
		return errNotInside
	}
	for _, p := range parts {
		if strings.HasPrefix(p, ".") {
			return errNotInside
		}
	}
	return nil
}

// errNotInside is a recorded path that does not name a file of an output folder.
var errNotInside = errors.New("not a file of the output folders")

// documentFolders are the folders of the per-document outputs (json, xlsx).
func documentFolders() []string { return outputFolders()[:len(load.Outputs())] }

// removeOwn removes the file rel (slash-separated, relative to the output folder) when it is what the
// run wrote: a regular file, reached through real folders inside the output folder (no symbolic link
// on the way), whose content has the recorded SHA-256 sum (or, for the records of a manifest of
// version 1, which has none, whose name the record gives). It returns why it kept the file, "" when
// it removed it or found it gone.
func (r *runner) removeOwn(rel string, sum index.Digest) (kept string, err error) {
	fi, p, why, err := r.lookInside(rel)
	switch {
	case err != nil || why != "" || fi == nil:
		return why, err
	case !fi.Mode().IsRegular():
		return keptNotAFile, nil
	case sum == (index.Digest{}) && !r.man.legacy:
		return keptUnknown, nil
	case sum != (index.Digest{}):
		got, err := hashFile(p)
		if err != nil {
			return "", err
		}
		if got != sum {
			return keptChanged, nil
		}
	}
	if err := os.Remove(p); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return "", err
	}
	return "", nil
}

// removeOrKeep removes the file f when it is what the run wrote (removeOwn), and records why it
// keeps it otherwise.
func (r *runner) removeOrKeep(w *index.Writer, f string, sum index.Digest) error {
	why, err := r.removeOwn(f, sum)
	if err != nil || why == "" {
		return err
	}
	return w.Update(func(tx *index.Tx) error { return tx.Keep(f, why) })
}

// holdOutputs takes the lock of the output folders (lockOutputs) and reads what the other shards
// claim (loadOthers), for a phase of the run that removes files; unlock ends it.
func (r *runner) holdOutputs() (unlock func(), err error) {
	if unlock, err = r.lockOutputs(); err != nil {
		return nil, err
	}
	if err := r.loadOthers(); err != nil {
		unlock()
		return nil, err
	}
	return unlock, nil
}

// lookInside finds the file rel below the output folder without following a symbolic link on its
// way: it returns the file's own information (nil when it or a folder on its way is not there) and
// its path, or why it will not go there.
func (r *runner) lookInside(rel string) (fs.FileInfo, string, string, error) {
	p := r.Out
	for i, part := range strings.Split(rel, "/") {
		p = filepath.Join(p, part)
		fi, err := os.Lstat(p)
		switch {
		case errors.Is(err, fs.ErrNotExist):
			return nil, p, "", nil
		case err != nil:
			return nil, p, "", err
		case i == strings.Count(rel, "/"):
			return fi, p, "", nil
		case fi.Mode()&fs.ModeSymlink != 0:
			return nil, p, keptLinked, nil
		case !fi.IsDir():
			return nil, p, "", nil
		}
	}
	return nil, p, "", nil
}

// checkInside refuses to write the file rel (relative to the output folder) when a folder on its way
// is a symbolic link: the write would land outside the output folder.
func (r *runner) checkInside(rel string) error {
	p := r.Out
	for _, part := range strings.Split(path.Dir(rel), "/") {
		p = filepath.Join(p, part)
		fi, err := os.Lstat(p)
		switch {
		case errors.Is(err, fs.ErrNotExist):
			return nil
		case err != nil:
			return err
		case fi.Mode()&fs.ModeSymlink != 0:
			return fmt.Errorf("%s is a symbolic link: the run writes only into folders of its own inside the output folder", p)
		}
	}
	return nil
}

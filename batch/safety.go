package batch

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
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

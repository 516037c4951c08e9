package batch

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"drucksache/batch/internal/index"
	"drucksache/extract"
)

// input is one document file named by the arguments.
type input struct {
	path string // the argument joined with the path below it, cleaned; also the document's source.file
	key  string // the path relative to the argument it was found through, slash-separated: the shard key
}

// inputSet is what the arguments name: the document files (the index's inputs, sorted by path), and
// the folders walked to find them.
type inputSet struct {
	shard   Shard
	outAbs  string
	w       *index.Writer
	roots   []string // folders walked; a manifest entry under one of them that was not found is gone
	ignored int      // files in walked folders that are no documents (by extension and content)
}

// documentExts are the extensions taken from a folder without looking inside the file.
var documentExts = map[string]bool{".txt": true, ".pdf": true, ".html": true, ".htm": true, ".xhtml": true}

// checkArgs refuses, before anything is written, a named input that is not there.
func checkArgs(args []string) error {
	for _, a := range args {
		if a == "-" {
			continue
		}
		if _, err := os.Stat(filepath.Clean(a)); err != nil {
			return UsageError{fmt.Sprintf("run: input %v", err)}
		}
	}
	return nil
}

// collectInputs finds the documents the arguments name and puts them into the index: files as given,
// folders recursively (hidden files and folders and the output folder left out), and "-" for a list of
// paths on stdin, one a line. The index keeps them sorted by path, so that every run sees the inputs
// in the same order, and once: a document reached by several arguments is taken with the key of the
// first argument that reached it. Folders and the list are read a piece at a time, never whole.
func collectInputs(args []string, stdin io.Reader, out string, s Shard, st *index.Store) (*inputSet, error) {
	outAbs, err := filepath.Abs(out)
	if err != nil {
		return nil, err
	}
	set := &inputSet{shard: s, outAbs: outAbs, w: st.Writer()}
	defer set.w.Abort()
	stdinRead := false
	for _, a := range args {
		if a != "-" {
			if err := set.add(a); err != nil {
				return nil, err
			}
			continue
		}
		if stdinRead {
			return nil, UsageError{"run: - given twice"}
		}
		stdinRead = true
		if err := readList(stdin, set.addListed); err != nil {
			return nil, err
		}
	}
	return set, set.w.Commit()
}

// readList calls add with each line of r, a path; blank lines are skipped, a carriage return before the
// newline dropped.
func readList(r io.Reader, add func(string) error) error {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	for sc.Scan() {
		line := strings.TrimRight(sc.Text(), "\r")
		if strings.TrimSpace(line) != "" {
			if err := add(line); err != nil {
				return err
			}
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("reading the input list from stdin: %w", err)
	}
	return nil
}

// addListed adds a path of the list on stdin: the file, or the documents in the folder; a path that
// is not there, or cannot be looked at, is an input of its own that fails, not a wrong command line.
func (s *inputSet) addListed(p string) error {
	if _, err := os.Stat(filepath.Clean(p)); err != nil {
		return s.put(filepath.Clean(p), filepath.Base(p))
	}
	return s.add(p)
}

// add adds the file p, or the documents in the folder p.
func (s *inputSet) add(p string) error {
	root := filepath.Clean(p)
	fi, err := os.Stat(root)
	if err != nil {
		return UsageError{fmt.Sprintf("run: input %v", err)}
	}
	for _, folder := range outputFolders() {
		if within(root, filepath.Join(s.outAbs, folder)) {
			return nil // an output named as an input
		}
	}
	if !fi.IsDir() {
		return s.put(root, filepath.Base(root))
	}
	s.roots = append(s.roots, root)
	return walkFolder(root, func(path string, d fs.DirEntry) error {
		if d.IsDir() {
			return nil
		}
		ok, err := isDocument(path, d)
		if err != nil {
			return err
		}
		if !ok {
			s.ignored++
			return nil
		}
		return s.put(path, relKey(root, path))
	}, func(dir string) bool {
		return !sameDir(dir, s.outAbs) // the output folder inside an input folder
	})
}

// put records the document file path with its shard key, unless an earlier argument reached it.
func (s *inputSet) put(path, key string) error {
	return s.w.Update(func(tx *index.Tx) error { return tx.AddInput(path, key, s.shard.has(key)) })
}

// walkFolder calls fn for every file and folder below root (not root itself), hidden ones left out,
// entering a folder only when enter says so. A folder is read a piece at a time, in the order the file
// system gives, so that a folder of a million files is never held in memory.
func walkFolder(root string, fn func(path string, d fs.DirEntry) error, enter func(dir string) bool) error {
	f, err := os.Open(root)
	if err != nil {
		return err
	}
	defer f.Close()
	for {
		list, err := f.ReadDir(256)
		for _, d := range list {
			if strings.HasPrefix(d.Name(), ".") {
				continue
			}
			path := filepath.Join(root, d.Name())
			if err := fn(path, d); err != nil {
				return err
			}
			if d.IsDir() && enter(path) {
				if err := walkFolder(path, fn, enter); err != nil {
					return err
				}
			}
		}
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return fmt.Errorf("reading folder %s: %w", root, err)
		}
	}
}

// relKey is path relative to the folder root it was found in, slash-separated. It is a part of path
// where it can be, so that the inputs of a large run keep one copy of each name.
func relKey(root, path string) string {
	if root != "." {
		if rest, ok := strings.CutPrefix(path, root); ok && strings.HasPrefix(rest, string(filepath.Separator)) {
			return filepath.ToSlash(rest[1:])
		}
	}
	rel, err := filepath.Rel(root, path)
	if err != nil {
		return filepath.ToSlash(path)
	}
	return filepath.ToSlash(rel)
}

// within reports whether path is the folder dirAbs or lies inside it.
func within(path, dirAbs string) bool {
	abs, err := filepath.Abs(path)
	if err != nil {
		return false
	}
	rel, err := filepath.Rel(dirAbs, abs)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
}

// sameDir reports whether path is the folder dirAbs.
func sameDir(path, dirAbs string) bool {
	abs, err := filepath.Abs(path)
	return err == nil && abs == dirAbs
}

// under reports whether path lies inside the folder root, both as the user spelled them (cleaned).
func under(path, root string) bool {
	if filepath.IsAbs(path) != filepath.IsAbs(root) {
		return false
	}
	rel, err := filepath.Rel(root, path)
	return err == nil && rel != "." && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
}

// isDocument says whether a file met in a folder is a document: a regular file (or a link to one) with a
// document extension, or whose first bytes are a PDF or HTML, whatever its name.
func isDocument(path string, d fs.DirEntry) (bool, error) {
	if !d.Type().IsRegular() {
		fi, err := os.Stat(path)
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) {
				return false, nil // a dangling link
			}
			return false, err
		}
		if !fi.Mode().IsRegular() {
			return false, nil
		}
	}
	if documentExts[strings.ToLower(filepath.Ext(path))] {
		return true, nil
	}
	f, err := os.Open(path)
	if err != nil {
		return false, nil // unreadable and not named like a document: not ours to report
	}
	defer f.Close()
	head := make([]byte, 1024)
	n, err := io.ReadFull(f, head)
	if err != nil && err != io.ErrUnexpectedEOF && err != io.EOF {
		return false, nil
	}
	return extract.Detect(path, head[:n]) != extract.FormatText, nil
}

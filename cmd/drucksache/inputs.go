package main

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"

	"drucksache/extract"
)

// input is one document file named by the arguments.
type input struct {
	path string // the argument joined with the path below it, cleaned; also the document's source.file
	key  string // the path relative to the argument it was found through, slash-separated: the shard key
}

// inputSet is what the arguments name: the document files, and the folders walked to find them.
type inputSet struct {
	files   []input
	roots   []string // folders walked; a manifest entry under one of them that was not found is gone
	ignored int      // files in walked folders that are no documents (by extension and content)
}

// documentExts are the extensions taken from a folder without looking inside the file.
var documentExts = map[string]bool{".txt": true, ".pdf": true, ".html": true, ".htm": true, ".xhtml": true}

// collectInputs finds the documents the arguments name: files as given, folders recursively (hidden
// files and folders and the output folder left out), and "-" for a list of paths on stdin, one a line.
// The result is sorted by path, so that every run sees the inputs in the same order.
func collectInputs(args []string, stdin io.Reader, out string) (*inputSet, error) {
	var paths []string
	stdinRead := false
	for _, a := range args {
		if a != "-" {
			paths = append(paths, a)
			continue
		}
		if stdinRead {
			return nil, usageError{"run: - given twice"}
		}
		stdinRead = true
		list, err := readList(stdin)
		if err != nil {
			return nil, fmt.Errorf("reading the input list from stdin: %w", err)
		}
		paths = append(paths, list...)
	}
	outAbs, err := filepath.Abs(out)
	if err != nil {
		return nil, err
	}
	set := &inputSet{}
	for _, p := range paths {
		if err := set.add(p, outAbs); err != nil {
			return nil, err
		}
	}
	// Sorted stably and repeats dropped, so a document reached by several arguments is taken once,
	// with the key of the first argument that reached it.
	sort.SliceStable(set.files, func(i, j int) bool { return set.files[i].path < set.files[j].path })
	files := set.files[:0]
	for i, in := range set.files {
		if i == 0 || in.path != set.files[i-1].path {
			files = append(files, in)
		}
	}
	set.files = slices.Clip(files)
	return set, nil
}

// found reports whether the arguments name the document path (before sharding).
func (s *inputSet) found(path string) bool {
	_, ok := sort.Find(len(s.files), func(i int) int { return strings.Compare(path, s.files[i].path) })
	return ok
}

// readList reads one path a line; blank lines are skipped, a carriage return before the newline dropped.
func readList(r io.Reader) ([]string, error) {
	var list []string
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	for sc.Scan() {
		line := strings.TrimRight(sc.Text(), "\r")
		if strings.TrimSpace(line) != "" {
			list = append(list, line)
		}
	}
	return list, sc.Err()
}

// add adds the file p, or the documents in the folder p.
func (s *inputSet) add(p, outAbs string) error {
	root := filepath.Clean(p)
	fi, err := os.Stat(root)
	if err != nil {
		return usageError{fmt.Sprintf("run: input %v", err)}
	}
	for _, kind := range []string{"json", "xlsx", "parquet"} {
		if within(root, filepath.Join(outAbs, kind)) {
			return nil // an output named as an input
		}
	}
	if !fi.IsDir() {
		s.files = append(s.files, input{path: root, key: filepath.Base(root)})
		return nil
	}
	s.roots = append(s.roots, root)
	return filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if path != root && strings.HasPrefix(d.Name(), ".") {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			if path != root && sameDir(path, outAbs) {
				return filepath.SkipDir // the output folder inside an input folder
			}
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
		s.files = append(s.files, input{path: path, key: relKey(root, path)})
		return nil
	})
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

package main

import (
	"path/filepath"
	"strings"

	"drucksache/load"
)

// outputKinds are the per-document outputs, each a folder of the output folder holding <id>.<kind>.
var outputKinds = []string{"json", "xlsx"}

// documentLoaders returns the writers of the per-document outputs, writing below dir.
func documentLoaders(dir string) []load.Loader {
	return []load.Loader{
		&load.JSON{Dir: filepath.Join(dir, "json")},
		load.NewXLSX(filepath.Join(dir, "xlsx")),
	}
}

// outputsOf are the files documentLoaders write for the document id, relative to the output folder.
func outputsOf(id string) []string {
	list := make([]string, len(outputKinds))
	for i, kind := range outputKinds {
		list[i] = kind + "/" + id + "." + kind
	}
	return list
}

// datasetLoader is the writer of this run's Parquet part below dir.
func datasetLoader(dir string, s shard) *load.Parquet {
	return load.NewParquet(dir, "shard-"+s.part())
}

// isPartFile reports whether a file name is one datasetLoader gives this shard's part in a table and
// partition: part-shard-K-of-N.parquet, and part-shard-K-of-N-M.parquet for the files that follow
// when a partition's file is full.
func isPartFile(name string, s shard) bool {
	base := "part-shard-" + s.part()
	rest, ok := strings.CutPrefix(name, base)
	if !ok {
		return false
	}
	if rest == ".parquet" {
		return true
	}
	n, ok := strings.CutSuffix(rest, ".parquet")
	if !ok || len(n) < 2 || n[0] != '-' {
		return false
	}
	for _, r := range n[1:] {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

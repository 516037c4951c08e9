package main

import (
	"path/filepath"

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

// partFile is the name datasetLoader gives the part's file in each table and partition.
func partFile(s shard) string { return "part-shard-" + s.part() + ".parquet" }

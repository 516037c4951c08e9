package batch

import (
	"path/filepath"

	"drucksache/batch/internal/index"
	"drucksache/load"
)

// documentLoaders returns the writers of the per-document outputs (load.Outputs), each writing
// below dir in its output's folder.
func documentLoaders(dir string) []load.Loader {
	outputs := load.Outputs()
	loaders := make([]load.Loader, len(outputs))
	for i, o := range outputs {
		loaders[i] = o.New(filepath.Join(dir, o.Folder))
	}
	return loaders
}

// outputsOf are the files documentLoaders write for the document id, relative to the output folder.
func outputsOf(id string) []string { return index.UsualOutputs(id) }

// outputFolders are the folders of the output folder the run writes: one per per-document output,
// and the dataset's.
func outputFolders() []string {
	var folders []string
	for _, o := range load.Outputs() {
		folders = append(folders, o.Folder)
	}
	return append(folders, load.DatasetFolder)
}

// datasetPart names this shard's part of the Parquet dataset (part-shard-K-of-N.parquet).
func datasetPart(s Shard) string { return "shard-" + s.part() }

// datasetLoader is the writer of this run's Parquet part below dir.
func datasetLoader(dir string, s Shard) *load.Parquet { return load.NewParquet(dir, datasetPart(s)) }

// Package build names the build of this tool that makes an output: its version from the Go build
// information and a digest of the code and rules that decide what an output holds, so that an
// archive can tell outputs of different builds apart and check a stored output against its source.
package build

import (
	"runtime/debug"

	drucksache "drucksache"
)

// Version is the module version of a released build (`go install …@v1.2.0`), else the VCS revision
// the binary was built from, with "+dirty" when the work tree had changes, else "(devel)".
func Version() string {
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return "(devel)"
	}
	return versionOf(info)
}

func versionOf(info *debug.BuildInfo) string {
	if v := info.Main.Version; v != "" && v != "(devel)" {
		return v
	}
	var revision string
	var dirty bool
	for _, s := range info.Settings {
		switch s.Key {
		case "vcs.revision":
			revision = s.Value
		case "vcs.modified":
			dirty = s.Value == "true"
		}
	}
	if revision == "" {
		return "(devel)"
	}
	if dirty {
		revision += "+dirty"
	}
	return revision
}

// Extractor names this build and the options that shaped an output.
func Extractor(opts drucksache.ExtractorOptions) drucksache.Extractor {
	return drucksache.Extractor{Version: Version(), Digest: Digest, Options: opts}
}

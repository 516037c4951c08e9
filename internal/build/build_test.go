package build

import (
	"runtime/debug"
	"testing"
)

func TestVersionOf(t *testing.T) {
	vcs := func(rev, modified string) []debug.BuildSetting {
		return []debug.BuildSetting{{Key: "vcs", Value: "git"}, {Key: "vcs.revision", Value: rev}, {Key: "vcs.modified", Value: modified}}
	}
	tests := []struct {
		name string
		info debug.BuildInfo
		want string
	}{
		{"released", debug.BuildInfo{Main: debug.Module{Version: "v1.2.0"}, Settings: vcs("abc", "false")}, "v1.2.0"},
		{"clean work tree", debug.BuildInfo{Main: debug.Module{Version: "(devel)"}, Settings: vcs("0592cf7e", "false")}, "0592cf7e"},
		{"modified work tree", debug.BuildInfo{Main: debug.Module{Version: "(devel)"}, Settings: vcs("0592cf7e", "true")}, "0592cf7e+dirty"},
		{"no VCS (go test, go run)", debug.BuildInfo{Main: debug.Module{Version: "(devel)"}}, "(devel)"},
		{"nothing known", debug.BuildInfo{}, "(devel)"},
	}
	for _, tt := range tests {
		if got := versionOf(&tt.info); got != tt.want {
			t.Errorf("%s: got %q, want %q", tt.name, got, tt.want)
		}
	}
}

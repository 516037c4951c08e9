package load

import (
	"errors"
	"strings"
	"testing"
)

func TestCheckID(t *testing.T) {
	tests := []struct {
		id string
		ok bool
	}{
		{"ni-19-11185", true},
		{"sha256-" + strings.Repeat("ab", 32), true},
		{"a.b", true},
		{"ni-19-1..2", true},
		{strings.Repeat("x", maxIDLen), true},
		{"", false},
		{".", false},
		{"..", false},
		{".hidden", false},
		{"../ni-19-1", false},
		{"a/b", false},
		{`a\b`, false},
		{"a\x00b", false},
		{strings.Repeat("x", maxIDLen+1), false},
	}
	for _, tt := range tests {
		err := CheckID(tt.id)
		if (err == nil) != tt.ok {
			t.Errorf("CheckID(%q) = %v, want ok %v", tt.id, err, tt.ok)
		}
		if err != nil && (!errors.Is(err, ErrBadID) || !strings.Contains(err.Error(), "cannot name an output file")) {
			t.Errorf("CheckID(%q) = %v, want ErrBadID", tt.id, err)
		}
	}
}

// TestOutputsNameFiles: every per-document output names its files in its own folder.
func TestOutputsNameFiles(t *testing.T) {
	seen := map[string]bool{}
	for _, o := range Outputs() {
		if seen[o.Folder] || o.Folder == DatasetFolder || o.New == nil {
			t.Errorf("output %+v: folder taken or no writer", o)
		}
		seen[o.Folder] = true
		if got, want := o.Path("ni-19-1"), o.Folder+"/ni-19-1."+o.Kind; got != want {
			t.Errorf("%s: Path = %q, want %q", o.Kind, got, want)
		}
	}
}

// TestIsPartFile: the files of one part of the dataset, and no other part's.
func TestIsPartFile(t *testing.T) {
	for _, c := range []struct {
		name, part string
		want       bool
	}{
		{"part-shard-1-of-1.parquet", "shard-1-of-1", true},
		{"part-shard-1-of-1-1.parquet", "shard-1-of-1", true},
		{"part-shard-1-of-1-12.parquet", "shard-1-of-1", true},
		{"part-shard-1-of-10.parquet", "shard-1-of-1", false},
		{"part-shard-1-of-10-2.parquet", "shard-1-of-1", false},
		{"part-shard-1-of-1-.parquet", "shard-1-of-1", false},
		{"part-shard-1-of-1-x.parquet", "shard-1-of-1", false},
		{".part-shard-1-of-1.parquet.tmp-123", "shard-1-of-1", false},
		{"part-shard-2-of-3-1.parquet", "shard-2-of-3", true},
		{"part-shard-2-of-3-1.parquet", "shard-1-of-3", false},
		{"part-a_b.parquet", "a/b", true}, // the part cleaned as NewParquet cleans it
	} {
		if got := IsPartFile(c.name, c.part); got != c.want {
			t.Errorf("IsPartFile(%q, %q) = %v, want %v", c.name, c.part, got, c.want)
		}
	}
	for n := range 3 {
		if name := partFileName("shard-1-of-1", n); !IsPartFile(name, "shard-1-of-1") {
			t.Errorf("partFileName(_, %d) = %q, not a part file", n, name)
		}
	}
}

package batch

import (
	"fmt"
	"testing"
)

func TestParseShard(t *testing.T) {
	tests := []struct {
		in   string
		want Shard
		ok   bool
	}{
		{"", Shard{1, 1}, true},
		{"1/1", Shard{1, 1}, true},
		{"3/8", Shard{3, 8}, true},
		{"8/8", Shard{8, 8}, true},
		{"0/8", Shard{}, false},
		{"9/8", Shard{}, false},
		{"1/0", Shard{}, false},
		{"-1/4", Shard{}, false},
		{"2", Shard{}, false},
		{"a/b", Shard{}, false},
		{"1/2/3", Shard{}, false},
	}
	for _, tt := range tests {
		got, err := ParseShard(tt.in)
		if (err == nil) != tt.ok || got != tt.want {
			t.Errorf("ParseShard(%q)\n got %v, %v\nwant %v, ok %v", tt.in, got, err, tt.want, tt.ok)
		}
	}
}

// TestShardSplit checks that every input falls in exactly one shard, that the split does not move
// (job runners on other machines compute the same), and that it is roughly even.
func TestShardSplit(t *testing.T) {
	// Pinned: the split is part of the command line's promise, computed the same by any tool (the
	// SHA-256 of the path without its document extensions).
	tests := []struct {
		key  string
		n    int
		want int
	}{
		{"ni-19-11185.txt", 1, 1},
		{"ni-19-11185.txt", 4, 4},
		{"ni-19-11185.txt", 3, 2},
		{"wp19/ni-19-11277.pdf", 3, 2},
		{"wp19/ni-19-11277.pdf", 8, 5},
		{"a.txt", 8, 3},
		{"a.pdf", 8, 3},
		{"a.HTML", 8, 3},
		{"a.pdf.txt", 8, 3},
		{"a", 8, 3},
	}
	for _, tt := range tests {
		for k := 1; k <= tt.n; k++ {
			if got := (Shard{k, tt.n}).has(tt.key); got != (k == tt.want) {
				t.Errorf("shard %d/%d has %q: %v, want %v", k, tt.n, tt.key, got, k == tt.want)
			}
		}
	}
	for _, n := range []int{2, 3, 8} {
		counts := make([]int, n+1)
		for i := range 8000 {
			counts[shardOf(fmt.Sprintf("wp19/drs-%05d.pdf", i), n)]++
		}
		for k := 1; k <= n; k++ {
			if share := float64(counts[k]) / 8000 * float64(n); share < 0.9 || share > 1.1 {
				t.Errorf("shard %d/%d holds %d of 8000 keys", k, n, counts[k])
			}
		}
	}
}

func TestShardKey(t *testing.T) {
	for key, want := range map[string]string{
		"x.pdf": "x", "x.html": "x", "x.TXT": "x", "x.pdf.txt": "x", "wp19/x.htm": "wp19/x", "x.xhtml": "x",
		"x": "x", "x.md": "x.md", "x.v2.pdf": "x.v2", ".pdf": ".pdf", "wp19/.pdf": "wp19/.pdf", "a.pdf/b.txt": "a.pdf/b",
	} {
		if got := shardKey(key); got != want {
			t.Errorf("shardKey(%q) = %q, want %q", key, got, want)
		}
	}
}

// FuzzParseShard checks that what parses names a shard 1 <= K <= N and prints back the same.
func FuzzParseShard(f *testing.F) {
	for _, s := range []string{"", "1/1", "3/8", "0/1", "9/8", "x"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		sh, err := ParseShard(s)
		if err != nil {
			return
		}
		if sh.K < 1 || sh.K > sh.N {
			t.Fatalf("ParseShard(%q) = %v", s, sh)
		}
		again, err := ParseShard(sh.String())
		if err != nil || again != sh {
			t.Fatalf("ParseShard(%q) = %v; printed %q parses as %v, %v", s, sh, sh.String(), again, err)
		}
	})
}

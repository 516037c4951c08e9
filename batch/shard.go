package batch

import (
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"strconv"
	"strings"
)

// Shard is part K of N of the inputs, so that N machines (a Kubernetes indexed job, a Slurm array,
// GNU parallel over hosts) each run one part of a corpus and their Parquet parts land in one dataset.
//
// An input belongs to part K when the first 8 bytes of the SHA-256 of its key (the path relative to
// the folder it was found in, slash-separated; the file name for a file named directly), read as a
// big-endian integer, are K-1 modulo N: the split depends neither on the machine nor on where the
// corpus is mounted, and any other tool can compute it.
type Shard struct{ K, N int }

// ParseShard reads "K/N" with 1 <= K <= N; the empty string means the whole input (1/1).
func ParseShard(s string) (Shard, error) {
	if s == "" {
		return Shard{1, 1}, nil
	}
	ks, ns, ok := strings.Cut(s, "/")
	k, err1 := strconv.Atoi(ks)
	n, err2 := strconv.Atoi(ns)
	if !ok || err1 != nil || err2 != nil || n < 1 || k < 1 || k > n {
		return Shard{}, fmt.Errorf("--shard %q: want K/N with 1 <= K <= N, e.g. 2/8", s)
	}
	return Shard{k, n}, nil
}

// has reports whether the input with the given key belongs to this part.
func (s Shard) has(key string) bool {
	if s.N <= 1 {
		return true
	}
	return shardOf(key, s.N) == s.K
}

// shardOf is the 1-based part of N that key falls in.
func shardOf(key string, n int) int {
	sum := sha256.Sum256([]byte(key))
	return int(binary.BigEndian.Uint64(sum[:8])%uint64(n)) + 1
}

// part names this shard in file names: the Parquet part, and the manifest and report of a sharded run.
func (s Shard) part() string { return fmt.Sprintf("%d-of-%d", s.K, s.N) }

// String is the shard as given on the command line.
func (s Shard) String() string { return fmt.Sprintf("%d/%d", s.K, s.N) }

// fileName names a per-run file of this shard: name.json for an unsharded run, name-K-of-N.json otherwise,
// so that the shards of one corpus can share an output folder.
func (s Shard) fileName(name string) string {
	if s.N <= 1 {
		return name + ".json"
	}
	return name + "-" + s.part() + ".json"
}

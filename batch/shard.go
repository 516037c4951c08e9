package batch

import (
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"path"
	"strconv"
	"strings"
)

// Shard is part K of N of the inputs, so that N machines (a Kubernetes indexed job, a Slurm array,
// GNU parallel over hosts) each run one part of a corpus and their Parquet parts land in one dataset.
//
// An input belongs to part K when the first 8 bytes of the SHA-256 of its key, read as a big-endian
// integer, are K-1 modulo N. The key is the path relative to the folder the input was found in
// (the file name for a file named directly), slash-separated, without its document extensions
// (shardKey): the split depends neither on the machine nor on where the corpus is mounted, any other
// tool can compute it, and the renditions of one paper (x.pdf, x.html, x.txt, x.pdf.txt) fall into
// the same part, where they are one document written once.
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

// has reports whether the input with the given path (relative to the folder it was found in) belongs
// to this part.
func (s Shard) has(rel string) bool {
	if s.N <= 1 {
		return true
	}
	return shardOf(shardKey(rel), s.N) == s.K
}

// shardKey is the key an input is split by: its relative path without the extensions of documents
// (.pdf, .txt, .html, .htm, .xhtml, in any case, as many as it has), so that renditions of one paper
// share it.
func shardKey(rel string) string {
	for {
		ext := path.Ext(rel)
		base := strings.TrimSuffix(rel, ext)
		if ext == "" || !documentExts[strings.ToLower(ext)] || base == "" || strings.HasSuffix(base, "/") {
			return rel
		}
		rel = base
	}
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

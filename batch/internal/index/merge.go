package index

import (
	"bytes"
	"encoding/binary"
)

// The merge of a sharded output folder (the reduce step after the shards' runs) keeps in its own
// store the done entries of every shard's manifest by document id (holdings), the entries that lose
// their id to an input of another shard (lost), the documents it made again (remade), and the ids an
// earlier merge settled (settled).

// Holding is a done entry of one shard's manifest: the shard (K of N) and the entry.
type Holding struct {
	Shard int
	Entry *Entry
}

// holdingKey is a key of the holdings bucket: the id, the path, the shard, so that the holdings of an
// id come together, in path order and, for one path in two shards, in shard order.
func holdingKey(id, path string, shard int) []byte {
	return binary.BigEndian.AppendUint32(append(joinKey(id, path), 0), uint32(shard))
}

// shardPathKey is a key of the lost and remade buckets: the shard, then the path.
func shardPathKey(shard int, path string) []byte {
	return append(binary.BigEndian.AppendUint32(nil, uint32(shard)), path...)
}

// PutHolding records that the done entry e of the shard holds its document id.
func (t *Tx) PutHolding(shard int, e *Entry) error {
	v, err := encodeEntry(e)
	if err != nil {
		return err
	}
	return t.tx.Bucket(bucketHoldings).Put(holdingKey(e.ID, e.Path, shard), v)
}

// PutLost records that the entry of path in the shard loses its document id to another shard's input.
func (t *Tx) PutLost(shard int, path, id string) error {
	return t.tx.Bucket(bucketLost).Put(shardPathKey(shard, path), []byte(id))
}

// Lost reports whether the entry of path in the shard lost its document id to another shard's input.
func (t *Tx) Lost(shard int, path string) bool {
	return t.tx.Bucket(bucketLost).Get(shardPathKey(shard, path)) != nil
}

// PutRemade records the sums of the files the merge made again for the entry of path in the shard.
func (t *Tx) PutRemade(shard int, path string, sums []Digest) error {
	v := make([]byte, 0, len(sums)*len(Digest{}))
	for _, d := range sums {
		v = append(v, d[:]...)
	}
	return t.tx.Bucket(bucketRemade).Put(shardPathKey(shard, path), v)
}

// Remade are the sums of the files the merge made again for the entry of path in the shard; ok is
// false when it made none.
func (t *Tx) Remade(shard int, path string) (sums []Digest, ok bool) {
	v := t.tx.Bucket(bucketRemade).Get(shardPathKey(shard, path))
	if v == nil {
		return nil, false
	}
	for ; len(v) >= len(Digest{}); v = v[len(Digest{}):] {
		var d Digest
		copy(d[:], v)
		sums = append(sums, d)
	}
	return sums, true
}

// PutSettled records a document id an earlier merge found held by several shards.
func (t *Tx) PutSettled(id string) error { return t.tx.Bucket(bucketSettled).Put([]byte(id), nil) }

// Settled reports whether an earlier merge found the document id held by several shards.
func (t *Tx) Settled(id string) bool { return t.tx.Bucket(bucketSettled).Get([]byte(id)) != nil }

// EachHolders calls fn with every document id the holdings name and its holdings, the first in path
// order (then shard order) first.
func (s *Store) EachHolders(fn func(id string, hs []Holding) error) error {
	var (
		last []byte
		hs   []Holding
	)
	flush := func() error {
		if len(hs) == 0 {
			return nil
		}
		err := fn(string(last), hs)
		hs = nil
		return err
	}
	err := s.each(bucketHoldings, nil, func(k, v []byte) error {
		id, rest, _ := bytes.Cut(k, []byte{0})
		if len(rest) < 5 {
			return errBadEntry
		}
		path, shard := rest[:len(rest)-5], binary.BigEndian.Uint32(rest[len(rest)-4:])
		if !bytes.Equal(id, last) {
			if err := flush(); err != nil {
				return err
			}
			last = append(last[:0], id...)
		}
		e, err := decodeEntry(path, v)
		if err != nil {
			return err
		}
		hs = append(hs, Holding{Shard: int(shard), Entry: e})
		return nil
	})
	if err != nil {
		return err
	}
	return flush()
}

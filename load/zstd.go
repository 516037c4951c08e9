package load

import (
	"sync"

	"github.com/klauspost/compress/zstd"
	"github.com/parquet-go/parquet-go"
	"github.com/parquet-go/parquet-go/format"
)

// zstdWindow is the largest back-reference of the page compressor. Pages are at most a few hundred
// KiB (parquet-go's page buffer is 256 KiB), so a 1 MiB window loses no compression, while the
// library's default of 8 MiB makes every pooled encoder hold 16 MiB of history whatever the page size:
// with a few encoders alive that was a third of a run's memory.
const zstdWindow = 1 << 20

// pageCodec compresses Parquet pages with Zstandard at the default level, as parquet.Zstd does, but
// with the window above. Files it writes are ordinary ZSTD Parquet files; reading uses parquet.Zstd.
type pageCodec struct {
	encoders sync.Pool // *zstd.Encoder
}

// zstdPages is the codec of every file this package writes; it is safe for concurrent use.
var zstdPages = &pageCodec{}

func (c *pageCodec) String() string                            { return "ZSTD" }
func (c *pageCodec) CompressionCodec() format.CompressionCodec { return format.Zstd }

// Encode compresses src into dst[:0], one frame per page.
func (c *pageCodec) Encode(dst, src []byte) ([]byte, error) {
	e, _ := c.encoders.Get().(*zstd.Encoder)
	if e == nil {
		var err error
		e, err = zstd.NewWriter(nil,
			zstd.WithEncoderLevel(zstd.SpeedDefault),
			zstd.WithEncoderConcurrency(1),
			zstd.WithWindowSize(zstdWindow),
			zstd.WithLowerEncoderMem(true),
			zstd.WithZeroFrames(true),
			zstd.WithEncoderCRC(false),
		)
		if err != nil {
			return dst[:0], err
		}
	}
	out := e.EncodeAll(src, dst[:0])
	c.encoders.Put(e)
	return out, nil
}

// Decode decompresses with the library's codec: the window does not matter to a reader.
func (c *pageCodec) Decode(dst, src []byte) ([]byte, error) { return parquet.Zstd.Decode(dst, src) }

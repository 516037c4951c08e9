package load

import (
	"context"

	drucksache "drucksache"
)

// Loader writes documents to one kind of output and commits what it wrote on Close.
type Loader interface {
	Write(ctx context.Context, doc *drucksache.Document) error
	Close() error
}

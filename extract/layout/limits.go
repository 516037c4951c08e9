package layout

// Default limits, generous for Drucksachen (rarely above a few hundred pages).
const (
	DefaultMaxBytes = 256 << 20
	DefaultMaxPages = 5000
)

// Limits bound the work spent on one document; a zero field means its default.
type Limits struct {
	MaxBytes  int64 // largest input file
	MaxPages  int   // most PDF pages read
	MaxMemory int64 // the memory the process reading the document may hold (its --memory), 0 none: readers keep within a share of it
}

// OrDefaults returns l with each zero field set to its default (MaxMemory has none: 0 is no limit).
func (l Limits) OrDefaults() Limits {
	if l.MaxBytes == 0 {
		l.MaxBytes = DefaultMaxBytes
	}
	if l.MaxPages == 0 {
		l.MaxPages = DefaultMaxPages
	}
	return l
}

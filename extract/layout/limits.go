package layout

// Default limits, generous for Drucksachen (rarely above a few hundred pages).
const (
	DefaultMaxBytes = 256 << 20
	DefaultMaxPages = 5000
)

// Limits bound the work spent on one document; a zero field means its default.
type Limits struct {
	MaxBytes int64 // largest input file
	MaxPages int   // most PDF pages read
}

// OrDefaults returns l with each zero field set to its default.
func (l Limits) OrDefaults() Limits {
	if l.MaxBytes == 0 {
		l.MaxBytes = DefaultMaxBytes
	}
	if l.MaxPages == 0 {
		l.MaxPages = DefaultMaxPages
	}
	return l
}

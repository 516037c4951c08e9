package layout

import drucksache "drucksache"

// Sums weighs the readings of a table by its arithmetic, as the parser decides how the figures of a
// row printed without its columns group: Evidence counts, for every row, the sums that count it as a
// total or as a part and pass or fail; TotalLabel tells a row label that says "total". transform
// implements it (transform.Sums); the caller passes it in with the extraction's options, so that
// extract does not import a later stage. Without it (nil) no reading is proved or refuted by a sum.
type Sums interface {
	Evidence(t drucksache.Table) (passed, failed []int)
	TotalLabel(label string) bool
}

// NoSums is the Sums of an extraction that was given none: every row without evidence, no label a total.
type NoSums struct{}

// Evidence counts nothing for every row.
func (NoSums) Evidence(t drucksache.Table) (passed, failed []int) {
	return make([]int, len(t.Rows)), make([]int, len(t.Rows))
}

// TotalLabel knows no total.
func (NoSums) TotalLabel(string) bool { return false }

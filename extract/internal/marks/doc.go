// Package marks reads the marks a printed Drucksache shares between the text reader and the
// structure parser: footnote markers, in superscript digits or as the plain number a dumped
// footnote starts with, and the note that closes a Drucksache. The reader finds footnotes by them
// and the parser links them, so they are read one way in one place.
package marks

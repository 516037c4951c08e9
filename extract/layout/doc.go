// Package layout holds what a format reader hands to the structure parser — the printed lines of
// a source (Line, Layout) — and what a reader or the parser fails with (Error and its sentinel
// errors), with the Limits that bound the work on one document. Readers and the parser import
// it, not each other, so that a reader can change without touching the parser.
package layout

// Package extract turns the bytes of a Drucksache (text, PDF or HTML) into the shared
// document model, and is what the rest of the program calls: Detect names the format, File and
// Bytes extract one document. One reader per format (packages text, pdf and html) turns bytes
// into printed lines with provenance (package layout); one structure parser (package structure)
// turns those lines into a document, so that finding questions, answers, tables and footnotes is
// written once.
package extract

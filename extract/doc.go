// Package extract turns the bytes of a Drucksache (text, PDF or HTML) into the shared
// document model. One reader per format turns bytes into printed lines with provenance
// (text.go, pdf.go, html.go); one structure parser (structure.go) turns those lines into
// a document, so that finding questions, answers, tables and footnotes is written once.
package extract

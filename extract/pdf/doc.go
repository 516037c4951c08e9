// Package pdf is the PDF reader of extract: it opens a PDF (repairing what readers repair),
// has package internal/content draw each page into positioned glyphs and ruling lines, and puts
// those together into the printed lines, tables, running headers and footnotes the structure
// parser reads, so that a PDF yields the document its text form yields.
package pdf

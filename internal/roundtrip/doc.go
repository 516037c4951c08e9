// Package roundtrip holds papers as data (testdata/papers/*.json: the texts and tables of an answer
// to a Kleine Anfrage), renders each one for several independent PDF producers (HTML for Chromium's
// print to PDF, a flat OpenDocument text for LibreOffice, LaTeX for pdflatex), and says what a
// careful reader extracts from every rendition: the truth the round-trip test compares the
// pipeline's output with, exactly.
//
// The PDFs and the truth are made by `go run ./internal/roundtrip/gen` (scripts/roundtrip.sh
// installs the producers first) and committed, so the test needs no producer.
package roundtrip

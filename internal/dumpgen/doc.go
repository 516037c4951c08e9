// Package dumpgen prints tables held as data the way a PDF-to-text dump prints them (pypdf, the form
// in which archives hold many Niedersachsen answers): one table row a line, cells separated by single
// spaces, blanks for empty cells, thousands grouped by a point or by a space, units in cells
// ("1.234,50 Euro"), footnote markers printed flat after their figure ("1 2053" for 1 205³), headers
// stacked one short cell a line and wrapped row labels, inside a whole answer with running headers
// and footnotes at the page foot. Each case also says what a careful reader extracts from the print
// (Case.Want), so that tests parse the print back and compare it with the data exactly.
//
// Cases are JSON files in cases/ (see Case for the fields), read by Cases; Random makes cases of
// its own for property tests. Anyone can add a case by adding a file.
package dumpgen

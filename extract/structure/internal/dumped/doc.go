// Package dumped recovers the tables of text another tool dumped from a PDF, which keeps no
// column structure: a row is a label followed by figures ("Ammerland 14.094 15.985"), a header
// may be stacked one narrow cell a line or repeated after a page break, a label may wrap over
// lines, and a figure's thousands may be split by a space. The structure parser calls Read where
// a run of lines ends in figures and takes the header and title printed above the table with
// Above.
package dumped

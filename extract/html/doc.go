// Package html is the HTML reader of extract: it decodes HTML exported by office programs or
// saved from a document portal, walks its elements and hands the structure parser one printed
// line per block, table row and footnote, with the element path and source line it comes from,
// so that an HTML Drucksache yields the document its printed form yields.
package html

// Package text is the plain-text reader of extract: it decodes clean text and text another tool
// dumped from a PDF, and marks in its lines what it recognises — running headers, page numbers,
// footnotes, tab-separated table cells — leaving the printed text to the structure parser, so
// that every format goes through the same text rules.
package text

// Package structure is the structure parser of extract: it turns the printed lines a format
// reader hands over (package layout) into the document — the title block and running headers
// (frontmatter.go, bundestag.go, saarland.go), preliminary remarks, the numbered questions with
// their answers (content.go), tables (tables.go) and footnotes (footnotes.go). Every format goes
// through it, so that finding questions and answers is written once.
package structure

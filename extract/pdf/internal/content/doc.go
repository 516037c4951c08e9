// Package content interprets the content streams of PDF pages — the lexer of their operators
// (lex.go), the fonts and CMaps that turn codes into text and widths (font.go), and the graphics
// and text state that places each glyph on the page (content.go) — so that the PDF reader gets
// every glyph at the position the page shows it. It stays internal: its types serve the reader
// alone and change with it.
package content

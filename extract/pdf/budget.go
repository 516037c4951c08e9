package pdf

import "drucksache/extract/pdf/internal/content"

// The pages' glyphs are held until the last page is read, and the lines, the document and its
// outputs are made from them: under a memory limit (layout.Limits.MaxMemory) the glyphs may take a
// share of it only, counted as the pages are read, so that a document of endless text (a
// compression bomb of text, thousands of pages drawing one long stream) ends in a clear error
// instead of taking the process's memory.
const (
	heldShare  = 4  // the glyphs take at most a quarter of the memory limit
	glyphBytes = 96 // a glyph as a page holds it (content.Glyph, 72 bytes) and the text it carries
)

// glyphBudget is the most glyphs the pages of a document of size bytes may hold under a memory
// limit, the file's bytes being held as well; 0 for no limit.
func glyphBudget(maxMemory int64, size int) int {
	if maxMemory <= 0 {
		return 0
	}
	return int(max(maxMemory-int64(size), 0)/heldShare/glyphBytes) + 1 // at least one: 0 is no limit
}

// heldGlyphs counts the glyphs of a page as it is kept: upright, and the text across it.
func heldGlyphs(pg *content.Page, sides []*content.Page) int {
	n := len(pg.Glyphs) + len(pg.Rules)
	for _, s := range sides {
		n += len(s.Glyphs) + len(s.Rules)
	}
	return n
}

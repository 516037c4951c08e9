package layout

import drucksache "drucksache"

// Role says what a printed line is, as far as its reader could tell from the layout.
type Role int

// Roles of a line. Readers set what they know; RoleBody is the default.
const (
	RoleBody       Role = iota // running text of the document
	RoleHeader                 // running page header ("Niedersächsischer Landtag – 19. Wahlperiode Drucksache 19/7520")
	RolePageNumber             // a page number printed alone
	RoleFootnote               // a footnote at a page end; Text starts with its marker
	RoleFooter                 // other page furniture at a page end ("(verteilt am …)" is NOT furniture)
)

// Tri is a yes/no that a reader may not know.
type Tri int8

// Values of Tri.
const (
	Unknown Tri = iota
	No
	Yes
)

// Line is one printed line of a source, as a format reader hands it to the structure parser.
//
// Readers keep the text as printed: hyphens at line ends stay, running headers and page
// numbers stay (marked by Role), so that the structure parser applies one set of text rules
// to every format and keeps the facts printed in headers.
type Line struct {
	Text  string   // the printed text of the line, without the line break
	Cells []string // the cells of a table row, when the reader saw columns (tabs, <td>, PDF column gaps); nil for prose
	Role  Role

	Page int    // 1-based page; 1 for sources without pages
	No   int    // 1-based line number: in the file for text and HTML, on the page for PDF
	Path string // HTML: element path of the block the line comes from

	Break bool // a paragraph break precedes the line (blank line, vertical gap, new <p>)
	Bold  Tri  // printed bold (PDF font, HTML <b>/<strong>/font-weight)

	Table  int  // >0: the line is a row of source table number Table (HTML <table>, PDF ruled or column block)
	Header bool // the row is a header row of its table (<th>, <thead>, bold first row)

	Indent float64 // left offset from the body's left margin, in points (PDF) or characters (text); 0 unknown
	Fill   float64 // how much of the body width the line fills, 0..1; 0 unknown
	Size   float64 // the size of the line's type in points (PDF); 0 unknown

	// Words says where the words of a line of prose start, after its first (PDF): a line may hold a
	// column of its own beside its text (a written question's asker beside the question).
	Words []Word

	// PadAbove is the most spaces of a blank line right above this one in text (the reader drops
	// such lines): a dump prints one for the empty cells of a group label wrapped over lines.
	PadAbove int
}

// Word is where a word of a line starts.
type Word struct {
	At     int     // byte offset of the word in Text
	Indent float64 // where the word starts, measured as Line.Indent is
}

// Layout is what a format reader makes of one source: its lines and what it noticed.
type Layout struct {
	Lines    []Line
	Pages    int
	Encoding string // encoding the bytes were decoded from, when not UTF-8
	Warnings []drucksache.Warning

	// WebPage says the source is a page of a web site (search results, navigation, forms), not a
	// paper exported by an office program: the parser then reads no document kind from it.
	WebPage bool
}

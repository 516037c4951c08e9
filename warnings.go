package drucksache

// WarningCode names what a warning is about; the codes below are the whole catalogue, so that a
// reader of many documents can count, filter and document them. The JSON carries the code as a string.
type WarningCode string

// Warnings of the format readers: the source could not be read as printed everywhere.
const (
	WarnEncoding          WarningCode = "encoding"            // the bytes were not (all) UTF-8, or declared otherwise than they are
	WarnPDFRepaired       WarningCode = "pdf_repaired"        // the PDF's cross-reference table was damaged and rebuilt
	WarnPDFPageUnreadable WarningCode = "pdf_page_unreadable" // a PDF page could not be read at all: its text is missing
	WarnPDFPageDamaged    WarningCode = "pdf_page_damaged"    // a PDF page was read in part: some of its text may be missing
	WarnPDFPageLimit      WarningCode = "pdf_page_limit"      // pages beyond the page limit were not read
	WarnPDFPageNoText     WarningCode = "pdf_page_no_text"    // a PDF page has no extractable text (a scan?)
	WarnPDFTextUnmapped   WarningCode = "pdf_text_unmapped"   // glyphs whose font maps them to no character were left out
	WarnPDFRotatedText    WarningCode = "pdf_rotated_text"    // rotated text (a landscape table, a margin note) was left out
	WarnWebPage           WarningCode = "web_page"            // an HTML page of a web site, not a paper exported by an office program
	WarnTruncated         WarningCode = "truncated"           // the HTML ends before its document does
	WarnDeepNesting       WarningCode = "deep_nesting"        // HTML elements nested too deep: their text is left out
	WarnNestedTable       WarningCode = "nested_table"        // a table inside a table cell: flattened into the cell
	WarnTableTooWide      WarningCode = "table_too_wide"      // a table wider than the column limit: the rest joined into the last column
)

// Warnings of the structure parser: the document's structure was not fully found.
const (
	WarnNoQuestions            WarningCode = "no_questions"              // an answer without numbered questions
	WarnQuestionNumberingGap   WarningCode = "question_numbering_gap"    // question numbers do not run 1, 2, 3, …
	WarnQuestionMissing        WarningCode = "question_missing"          // questions may be missing: the numbers found skip, or one answer holds lines that read like questions
	WarnQuestionTextNotFound   WarningCode = "question_text_not_found"   // a question answered under "Zu Frage n" whose text was not found
	WarnUnclassifiedText       WarningCode = "unclassified_text"         // text before the first question that is no preliminary remark
	WarnNotAnAnswer            WarningCode = "not_an_answer"             // the paper is no answer: no questions extracted
	WarnNoTitle                WarningCode = "no_title"                  // no subject line found
	WarnTableHeaderMissing     WarningCode = "table_header_missing"      // a table's column headers could not be read without guessing
	WarnFootnoteMarkerNotFound WarningCode = "footnote_marker_not_found" // a footnote whose marker is printed nowhere in the text
	WarnTableRowAmbiguous      WarningCode = "table_row_ambiguous"       // a row of dumped text whose figures fit the columns in more than one way: kept as printed
	WarnFootnoteMarkerResolved WarningCode = "footnote_marker_resolved"  // a digit printed flat after a figure read as a footnote marker, proven by a sum and the footnote's text
	WarnAnnexText              WarningCode = "annex_text"                // text of an annex that is no table nor printed for one (a table not read?): in no answer
)

// Warnings of transform: a value as printed could not be typed, or a table does not add up.
const (
	WarnDate           WarningCode = "date"            // a date as printed that is not a date
	WarnUnit           WarningCode = "unit"            // a table unit as printed that names no known unit
	WarnDrucksache     WarningCode = "drucksache"      // a Drucksache number as printed that is not WP/NR
	WarnCheckFailed    WarningCode = "check_failed"    // a total does not equal the sum of its parts
	WarnCheckUndecided WarningCode = "check_undecided" // a total could not be checked
	WarnInternal       WarningCode = "internal"        // a bug: transform stopped half-way; the document is as far as it got
)

// WarningCodes lists the catalogue in the order above, for documentation and tests.
var WarningCodes = []WarningCode{
	WarnEncoding, WarnPDFRepaired, WarnPDFPageUnreadable, WarnPDFPageDamaged, WarnPDFPageLimit, WarnPDFPageNoText,
	WarnPDFTextUnmapped, WarnPDFRotatedText, WarnWebPage, WarnTruncated, WarnDeepNesting, WarnNestedTable, WarnTableTooWide,
	WarnNoQuestions, WarnQuestionNumberingGap, WarnQuestionMissing, WarnQuestionTextNotFound, WarnUnclassifiedText, WarnNotAnAnswer, WarnNoTitle,
	WarnTableHeaderMissing, WarnFootnoteMarkerNotFound, WarnTableRowAmbiguous, WarnFootnoteMarkerResolved, WarnAnnexText,
	WarnDate, WarnUnit, WarnDrucksache, WarnCheckFailed, WarnCheckUndecided, WarnInternal,
}

// CallsForReview reports whether a warning of this code puts its document up for a person's review.
// The rule: a warning calls for review when text may be missing or misplaced (pages, glyphs or
// elements left out, a truncated source), when the structure may be wrong (questions not found or
// not numbered 1, 2, 3, …, text that fits nowhere (before the questions, in an annex), a table without readable headers, a row whose
// figures fit its columns in more than one way, a footnote whose marker is printed nowhere), when a
// printed value could not be read (a date, a Drucksache number), when a total does not add up, or on
// an internal error. Warnings that only describe the source (how it was decoded, a repaired PDF, a
// web page, a paper that is no answer, a total that could not be checked, a unit not known here, a
// nested table kept in its cell, a footnote marker read off a figure with a sum to prove it) do not.
func (c WarningCode) CallsForReview() bool {
	switch c {
	case WarnPDFPageUnreadable, WarnPDFPageDamaged, WarnPDFPageLimit, WarnPDFPageNoText, WarnPDFTextUnmapped,
		WarnPDFRotatedText, WarnTruncated, WarnDeepNesting, WarnTableTooWide,
		WarnNoQuestions, WarnQuestionNumberingGap, WarnQuestionMissing, WarnQuestionTextNotFound, WarnUnclassifiedText, WarnNoTitle,
		WarnTableHeaderMissing, WarnFootnoteMarkerNotFound, WarnTableRowAmbiguous, WarnAnnexText,
		WarnDate, WarnDrucksache, WarnCheckFailed, WarnInternal:
		return true
	}
	return false
}

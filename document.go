// Package drucksache holds the document model shared by every stage of the pipeline: plain structs
// with JSON tags, the catalogue of warning codes, and the few methods that read facts off the
// structs (a cell's figure, a parliament's code), so that extract, transform and load read and
// write the same data without importing each other.
package drucksache

import (
	"encoding/json"
	"math"
)

// SchemaVersion is the version of the JSON contract written by load.JSON.
const SchemaVersion = 1

// Kinds of document; only KindAnswer and KindWritten carry questions.
const (
	KindAnswer        = "kleine_anfrage_antwort" // answer to a Kleine Anfrage
	KindUnterrichtung = "unterrichtung"          // a notice by the government, not an answer
	KindWithdrawn     = "zurueckgezogen"         // a question withdrawn by its askers
	KindBill          = "gesetzentwurf"          // a bill
	KindMotion        = "antrag"                 // a motion ("Antrag") of members or a group of parliament
	KindWritten       = "schriftliche_fragen"    // a compilation of written questions ("Schriftliche Fragen") with their answers, each question with its asker
	KindUnknown       = "unknown"                // anything else
)

// Document is one Drucksache as extracted, typed and checked.
type Document struct {
	SchemaVersion      int                 `json:"schema_version"`
	ID                 string              `json:"id"`
	Source             Source              `json:"source"`
	Extractor          *Extractor          `json:"extractor,omitempty"` // the build that made the document; set by the command that runs the stages
	Review             *Review             `json:"review,omitempty"`    // whether a person should look at the document, decided by transform
	Parliament         *string             `json:"parliament"`
	Wahlperiode        *int                `json:"wahlperiode"`
	Drucksache         *string             `json:"drucksache"`
	Kind               string              `json:"kind"`
	Urgent             bool                `json:"urgent"` // "zur kurzfristigen schriftlichen Beantwortung"
	Title              string              `json:"title"`
	Askers             []Asker             `json:"askers"`
	AnsweredBy         string              `json:"answered_by"`
	QuestionDrucksache *string             `json:"question_drucksache"`
	ReceivedOn         *string             `json:"received_on"`
	ForwardedOn        *string             `json:"forwarded_on"`
	AnsweredOn         *string             `json:"answered_on"`
	DistributedOn      *string             `json:"distributed_on"`
	PreliminaryRemarks []PreliminaryRemark `json:"preliminary_remarks"`
	Questions          []Question          `json:"questions"`
	Tables             []Table             `json:"tables"`
	Footnotes          []Footnote          `json:"footnotes"`
	References         []string            `json:"references"`
	Checks             []Check             `json:"checks"`
	Warnings           []Warning           `json:"warnings"`
}

// Source says which file a document came from.
type Source struct {
	File     string `json:"file"`
	Format   string `json:"format"` // txt, pdf, html
	SHA256   string `json:"sha256"`
	Pages    int    `json:"pages"`
	Encoding string `json:"encoding,omitempty"` // the encoding the bytes were decoded from, when not UTF-8
}

// Extractor names the build of this tool that made a document, so that outputs of different builds
// can be told apart and a stored output can be checked against its source again.
type Extractor struct {
	Version string           `json:"version"` // module version, or VCS revision with "+dirty" for a modified work tree
	Digest  string           `json:"digest"`  // SHA-256 of the code and rules that decide the output (the extract, transform and load packages, the model, go.sum)
	Options ExtractorOptions `json:"options"` // the options that shaped the output
}

// ExtractorOptions are the settings of a run that can change what a document's output holds.
type ExtractorOptions struct {
	MaxBytes int64 `json:"max_bytes"` // largest input read
	MaxPages int   `json:"max_pages"` // most PDF pages read
}

// Review statuses.
const (
	ReviewOK    = "ok"
	ReviewNeeds = "needs_review"
)

// Review says whether a person should look at a document before trusting it, and why.
type Review struct {
	Status string `json:"status"` // ReviewOK or ReviewNeeds
	// Reasons are the warning codes that call for review (each once, in catalogue order) and, as
	// "field:<name>", the fields of the contract that the document should have but that could not be read.
	Reasons []string `json:"reasons"`
}

// Asker is a member of parliament who asked, with the party as printed.
type Asker struct {
	Name  string `json:"name"`
	Party string `json:"party"`
}

// Remarks are made by the askers or by the government.
const (
	ByAskers     = "askers"
	ByGovernment = "government"
)

// PreliminaryRemark is a "Vorbemerkung" of the askers or of the government.
type PreliminaryRemark struct {
	By         string     `json:"by"`
	Text       string     `json:"text"`
	Provenance Provenance `json:"provenance"`
}

// Question is one numbered question with its answer.
type Question struct {
	Number       int        `json:"number"`
	Part         string     `json:"part,omitempty"` // the letter of a sub-question answered on its own ("b" of "39 b)")
	Text         string     `json:"text"`
	Parts        []string   `json:"parts,omitempty"` // lettered sub-questions printed after a complete question ("a) Falls ja, …")
	Answer       string     `json:"answer"`
	AnsweredWith []int      `json:"answered_with,omitempty"`
	Asker        *Asker     `json:"asker,omitempty"`       // a written question's asker ("Schriftliche Fragen")
	AnsweredBy   string     `json:"answered_by,omitempty"` // a written question's answering ministry, in the nominative
	Tables       []string   `json:"tables"`
	Provenance   Provenance `json:"provenance"`
	AnswerAt     Provenance `json:"answer_provenance"`
}

// Table is one table of an answer, a continued table counted once.
type Table struct {
	ID             string     `json:"id"`
	Question       int        `json:"question"`
	Title          *string    `json:"title"`
	AuthorityLevel *string    `json:"authority_level"`
	Unit           *string    `json:"unit"`
	Header         []string   `json:"header"`
	HeaderRows     [][]string `json:"header_rows,omitempty"` // the header as printed over several rows, when it was
	// ColumnUnits is the unit of each column where a unit row in the header band names units for some
	// columns ("in 1.000 Euro" over two groups, "in Prozent" over a third), or where the figures of
	// the columns print different units in their cells ("4.701" beside "50%"): normalized as Unit,
	// nil where a column has none; nil for a table with neither.
	ColumnUnits []*string `json:"column_units"`
	Rows        [][]Cell  `json:"rows"`
	Notes       []string  `json:"notes,omitempty"`  // lines printed under the table that explain it ("* Stichtag …")
	Source      *string   `json:"source,omitempty"` // the source or copyright line printed under the table ("© Landesamt für Statistik …")
	Provenance  Span      `json:"provenance"`
}

// Cell kinds.
const (
	CellNumber = "number"
	CellCode   = "code"
	CellText   = "text"
	CellSymbol = "symbol"
	CellEmpty  = "empty"
)

// Cell is one table cell: the text as printed and its typed value.
// Value is a float64 for numbers, a string for codes and text, nil otherwise; Number reads it as a figure.
type Cell struct {
	Raw     string `json:"raw"`
	Value   any    `json:"value"`
	Kind    string `json:"kind"`
	Meaning string `json:"meaning,omitempty"` // for symbols: what the sign stands for
	// Decimals is the number of decimals a number cell was printed with, decided once by transform
	// with the column's reading of dots and commas ("12,500" in a column of "1,234.5" has none);
	// writers show and store it as it is. Absent in JSON for 0.
	Decimals       int     `json:"decimals,omitempty"`
	Unit           string  `json:"unit,omitempty"`            // unit printed in the cell ("%", "M.")
	AuthorityLevel *string `json:"authority_level,omitempty"` // when the cell names an authority level
}

// Number returns the figure of a number cell: its value as a finite float64, whether transform set it
// or it was decoded from JSON (float64, other number types, json.Number). ok is false for every other
// kind of cell and for a value that is no finite number.
func (c Cell) Number() (v float64, ok bool) {
	if c.Kind != CellNumber {
		return 0, false
	}
	switch x := c.Value.(type) {
	case float64:
		v = x
	case float32:
		v = float64(x)
	case int:
		v = float64(x)
	case int64:
		v = float64(x)
	case json.Number:
		var err error
		if v, err = x.Float64(); err != nil {
			return 0, false
		}
	default:
		return 0, false
	}
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return 0, false
	}
	return v, true
}

// Footnote is a note printed at a page end, linked to the question whose text carries its marker
// and, for a note of a table, to the table whose cells carry it.
type Footnote struct {
	Marker     string     `json:"marker"`
	Text       string     `json:"text"`
	Question   *int       `json:"question"`
	Table      string     `json:"table,omitempty"` // the id of the table whose footnote it is: printed under it, or its marker in the table's cells
	Provenance Provenance `json:"provenance"`
}

// Check is one arithmetic cross-check of a table (a total against its parts).
type Check struct {
	Table    string   `json:"table"`
	Kind     string   `json:"kind"` // total_row, subtotal_row, total_column, davon
	Rows     []int    `json:"rows"` // 0-based row indexes of the parts
	Target   int      `json:"target_row"`
	Column   int      `json:"column"`
	Expected *float64 `json:"expected"` // the printed total
	Found    *float64 `json:"found"`    // the sum of the parts
	Passed   *bool    `json:"passed"`   // nil when the check could not be decided
	Note     string   `json:"note,omitempty"`
}

// Warning is something the pipeline was unsure of, with where it was.
type Warning struct {
	Code       WarningCode `json:"code"`
	Message    string      `json:"message"`
	Provenance Provenance  `json:"provenance"`
}

// Provenance is a place in the source: page and line (1-based; 0 unknown), or an element path for HTML.
type Provenance struct {
	Page int    `json:"page"`
	Line int    `json:"line"`
	Path string `json:"path,omitempty"`
}

// Span is where something starts and ends in the source.
type Span struct {
	Page    int    `json:"page"`
	Line    int    `json:"line"`
	EndPage int    `json:"end_page"`
	EndLine int    `json:"end_line"`
	Path    string `json:"path,omitempty"`
}

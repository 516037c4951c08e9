package load

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	drucksache "drucksache"

	"github.com/parquet-go/parquet-go"
)

// Tables of the Parquet dataset, each a folder under the dataset root.
const (
	TableDocuments = "documents"
	TableQuestions = "questions"
	TableTables    = "tables"
	TableCells     = "cells"
)

// HiveDefaultPartition is the partition value readers take for NULL (Hive, Spark, Trino, DuckDB).
const HiveDefaultPartition = "__HIVE_DEFAULT_PARTITION__"

// Limits of the streaming writer, which keep its memory the same however many documents a run has.
// Measured over 1 000 and 10 000 documents, larger limits let memory climb for thousands of documents
// before it levels off: the buffers of the row group being written (values, and pages already
// compressed) and the footer entries of the row groups a file has.
const (
	// rowGroupBytes is the most values (before compression) a row group of one file holds.
	rowGroupBytes = 4 << 20
	// bufferBudget bounds the values buffered across all open writers: past it the fullest writer
	// closes its row group early.
	bufferBudget = 4 << 20
	// maxRowGroups is the most row groups one file gets: a writer keeps the footer entries of every
	// row group (column chunks, page indexes) until the file is closed, so past this the partition
	// goes on in a new file (part-<part>-1.parquet, -2, ...).
	maxRowGroups = 8
	// maxOpenPartitions is the most partitions with files open at a time.
	maxOpenPartitions = 16
)

// Parquet writes every document of a run into a Hive-partitioned dataset under dir:
// dir/<table>/parliament=<code>/wahlperiode=<n>/part-<part>.parquet for the tables documents,
// questions, tables and cells. Rows are streamed to one writer per partition as documents arrive;
// the files carry temporary names until Close renames them into place, so readers never see a part
// of an unfinished run, and runs with different part names add to the same dataset.
type Parquet struct {
	dir  string
	part string

	mu     sync.Mutex
	open   map[partition]*partFiles
	lru    []partition       // open partitions, least recently used first
	starts map[partition]int // files started per partition, to name the next one
	done   []*os.File        // finished temporary files, renamed on Close
	final  map[string]string // temporary name -> final name
	err    error             // the first write error: Close then commits nothing
	closed bool
}

// NewParquet returns a loader writing the dataset under dir, naming its files part-<part>.parquet;
// part is chosen by the caller (e.g. `r0`, `shard-3-of-8`) and cleaned to a safe file name.
func NewParquet(dir string, part string) *Parquet {
	return &Parquet{
		dir:    dir,
		part:   cleanPart(part),
		open:   map[partition]*partFiles{},
		starts: map[partition]int{},
		final:  map[string]string{},
	}
}

// partition is one Hive partition: the parliament code and the Wahlperiode, when it is known.
type partition struct {
	parliament  string
	wahlperiode int
	known       bool
}

// path is the partition's folder below a table folder.
func (p partition) path() string {
	wp := HiveDefaultPartition
	if p.known {
		wp = strconv.Itoa(p.wahlperiode)
	}
	return filepath.Join("parliament="+p.parliament, "wahlperiode="+wp)
}

// partitionOf is the partition a document goes to: the code of its parliament and its Wahlperiode,
// read from the document's fields; either is NULL (HiveDefaultPartition) where the document does not say.
func partitionOf(doc *drucksache.Document) partition {
	p := partition{parliament: doc.ParliamentCode()}
	if p.parliament == "" {
		p.parliament = HiveDefaultPartition
	}
	if doc.Wahlperiode != nil && *doc.Wahlperiode >= 0 {
		p.wahlperiode, p.known = *doc.Wahlperiode, true
	}
	return p
}

func cleanPart(part string) string {
	part = strings.Map(func(r rune) rune {
		if r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-' || r == '_' || r == '.' {
			return r
		}
		return '_'
	}, part)
	part = strings.Trim(part, ".")
	if part == "" {
		return "r0"
	}
	return part
}

// Write adds the rows of one document to the writers of its partition.
func (p *Parquet) Write(ctx context.Context, doc *drucksache.Document) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	if err := checkID(doc); err != nil {
		return err
	}
	rows := rowsOf(doc)
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.closed {
		return errors.New("parquet: write after close")
	}
	if p.err != nil {
		return p.err
	}
	files, err := p.partition(partitionOf(doc))
	if err == nil {
		err = files.write(rows)
	}
	if err == nil {
		err = p.keepBudget()
	}
	if err == nil {
		err = p.rollOver()
	}
	if err != nil {
		p.err = fmt.Errorf("%s: parquet: %w", doc.Source.File, err)
		return p.err
	}
	return nil
}

// keepBudget closes the row group of the fullest writer while all open writers together buffer
// more than bufferBudget.
func (p *Parquet) keepBudget() error {
	for {
		total, fullest, most := 0, (interface {
			pending() int
			flush() error
		})(nil), 0
		for _, key := range p.lru { // in a fixed order: the same inputs make the same row groups
			for _, w := range p.open[key].writers() {
				n := w.pending()
				total += n
				if n > most {
					fullest, most = w, n
				}
			}
		}
		if total <= bufferBudget || fullest == nil {
			return nil
		}
		if err := fullest.flush(); err != nil {
			return err
		}
	}
}

// rollOver finishes the files of partitions that hold maxRowGroups row groups in a file; the
// partition's next document starts new ones.
func (p *Parquet) rollOver() error {
	for _, key := range slices.Clone(p.lru) {
		if p.open[key].rowGroups() >= maxRowGroups {
			if err := p.finish(key); err != nil {
				return err
			}
		}
	}
	return nil
}

// partition returns the open files of a partition, opening them (and closing the least recently used
// partition when too many are open) as needed.
func (p *Parquet) partition(key partition) (*partFiles, error) {
	if files, ok := p.open[key]; ok {
		for i, k := range p.lru {
			if k == key {
				p.lru = append(append(p.lru[:i:i], p.lru[i+1:]...), key)
				break
			}
		}
		return files, nil
	}
	if len(p.lru) >= maxOpenPartitions {
		if err := p.finish(p.lru[0]); err != nil {
			return nil, err
		}
	}
	name := partFileName(p.part, p.starts[key])
	p.starts[key]++
	files := &partFiles{}
	var err error
	open := func(table string) (*os.File, error) {
		final := filepath.Join(p.dir, table, key.path(), name)
		if err := os.MkdirAll(filepath.Dir(final), 0o755); err != nil {
			return nil, err
		}
		f, err := os.CreateTemp(filepath.Dir(final), "."+name+".tmp-*")
		if err != nil {
			return nil, err
		}
		p.final[f.Name()] = final
		files.all = append(files.all, f)
		return f, nil
	}
	if files.documents, err = newTableFile[documentRow](open, TableDocuments); err == nil {
		if files.questions, err = newTableFile[questionRow](open, TableQuestions); err == nil {
			if files.tables, err = newTableFile[tableRow](open, TableTables); err == nil {
				files.cells, err = newTableFile[cellRow](open, TableCells)
			}
		}
	}
	if err != nil {
		files.abort()
		return nil, err
	}
	p.open[key] = files
	p.lru = append(p.lru, key)
	return files, nil
}

// finish completes the files of an open partition; they wait under their temporary names for Close.
func (p *Parquet) finish(key partition) error {
	files := p.open[key]
	delete(p.open, key)
	for i, k := range p.lru {
		if k == key {
			p.lru = append(p.lru[:i:i], p.lru[i+1:]...)
			break
		}
	}
	if err := files.close(); err != nil {
		files.abort()
		return err
	}
	p.done = append(p.done, files.all...)
	return nil
}

// Close completes every file and renames it into place; after a write error it commits nothing.
func (p *Parquet) Close() error {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.closed {
		return nil
	}
	p.closed = true
	if p.err != nil {
		p.removeAll()
		return p.err
	}
	for len(p.lru) > 0 {
		if err := p.finish(p.lru[0]); err != nil {
			p.removeAll()
			return err
		}
	}
	for i, f := range p.done {
		err := os.Chmod(f.Name(), 0o644)
		if err == nil {
			err = os.Rename(f.Name(), p.final[f.Name()])
		}
		if err != nil {
			p.done = p.done[i:]
			p.removeAll()
			return fmt.Errorf("parquet: commit: %w", err)
		}
	}
	p.done = nil
	return nil
}

// Abort removes every file of the run without committing any: for a run that was interrupted.
func (p *Parquet) Abort() error {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.closed = true
	p.removeAll()
	return nil
}

func (p *Parquet) removeAll() {
	for _, files := range p.open {
		files.abort()
	}
	for _, f := range p.done {
		os.Remove(f.Name())
	}
	p.open, p.lru, p.done = map[partition]*partFiles{}, nil, nil
}

// partFiles are the four files of one partition.
type partFiles struct {
	documents *tableFile[documentRow]
	questions *tableFile[questionRow]
	tables    *tableFile[tableRow]
	cells     *tableFile[cellRow]
	all       []*os.File
}

func (pf *partFiles) write(r docRows) error {
	if err := pf.documents.write(r.documents); err != nil {
		return fmt.Errorf("%s: %w", TableDocuments, err)
	}
	if err := pf.questions.write(r.questions); err != nil {
		return fmt.Errorf("%s: %w", TableQuestions, err)
	}
	if err := pf.tables.write(r.tables); err != nil {
		return fmt.Errorf("%s: %w", TableTables, err)
	}
	if err := pf.cells.write(r.cells); err != nil {
		return fmt.Errorf("%s: %w", TableCells, err)
	}
	return nil
}

// rowGroups is the most row groups any of the partition's files has closed.
func (pf *partFiles) rowGroups() int {
	return max(pf.documents.groups, pf.questions.groups, pf.tables.groups, pf.cells.groups)
}

// writers are the partition's four table files, as far as buffering goes.
func (pf *partFiles) writers() []interface {
	pending() int
	flush() error
} {
	return []interface {
		pending() int
		flush() error
	}{pf.documents, pf.questions, pf.tables, pf.cells}
}

func (pf *partFiles) close() error {
	for _, c := range []interface{ close() error }{pf.documents, pf.questions, pf.tables, pf.cells} {
		if err := c.close(); err != nil {
			return err
		}
	}
	return nil
}

func (pf *partFiles) abort() {
	for _, f := range pf.all {
		f.Close()
		os.Remove(f.Name())
	}
}

// tableFile is one Parquet file being written, flushed into a row group every rowGroupBytes.
type tableFile[T interface{ size() int }] struct {
	f        *os.File
	w        *parquet.GenericWriter[T]
	buffered int
	groups   int // row groups closed
}

func newTableFile[T interface{ size() int }](open func(string) (*os.File, error), table string) (*tableFile[T], error) {
	f, err := open(table)
	if err != nil {
		return nil, err
	}
	w := parquet.NewGenericWriter[T](f,
		parquet.Compression(zstdPages),
		parquet.CreatedBy("drucksache", strconv.Itoa(drucksache.SchemaVersion), ""),
		parquet.KeyValueMetadata("drucksache.table", table),
		parquet.KeyValueMetadata("drucksache.schema_version", strconv.Itoa(drucksache.SchemaVersion)),
	)
	return &tableFile[T]{f: f, w: w}, nil
}

func (t *tableFile[T]) write(rows []T) error {
	start := 0
	for i := range rows {
		t.buffered += rows[i].size()
		if t.buffered < rowGroupBytes {
			continue
		}
		if _, err := t.w.Write(rows[start : i+1]); err != nil {
			return err
		}
		if err := t.flush(); err != nil {
			return err
		}
		start = i + 1
	}
	if start < len(rows) {
		_, err := t.w.Write(rows[start:])
		return err
	}
	return nil
}

// flush closes the row group of the buffered rows.
func (t *tableFile[T]) flush() error {
	t.buffered = 0
	t.groups++
	return t.w.Flush()
}

func (t *tableFile[T]) pending() int { return t.buffered }

func (t *tableFile[T]) close() error {
	if err := t.w.Close(); err != nil {
		return err
	}
	if err := t.f.Sync(); err != nil {
		return err
	}
	return t.f.Close()
}

// docRows are the rows one document adds to the four tables.
type docRows struct {
	documents []documentRow
	questions []questionRow
	tables    []tableRow
	cells     []cellRow
}

// documentRow is one row of the documents table; parliament and wahlperiode are the partition columns.
type documentRow struct {
	ID                 string     `parquet:"id"`
	File               string     `parquet:"file"`
	Format             string     `parquet:"format,dict"`
	SHA256             string     `parquet:"sha256"`
	Pages              int32      `parquet:"pages"`
	ParliamentName     *string    `parquet:"parliament_name,optional,dict"`
	Drucksache         *string    `parquet:"drucksache,optional"`
	Kind               string     `parquet:"kind,dict"`
	Urgent             bool       `parquet:"urgent"`
	Title              string     `parquet:"title"`
	Askers             []askerRow `parquet:"askers,list"`
	AskersText         string     `parquet:"askers_text"`
	AnsweredBy         *string    `parquet:"answered_by,optional,dict"`
	QuestionDrucksache *string    `parquet:"question_drucksache,optional"`
	ReceivedOn         *int32     `parquet:"received_on,date"`
	ForwardedOn        *int32     `parquet:"forwarded_on,date"`
	AnsweredOn         *int32     `parquet:"answered_on,date"`
	DistributedOn      *int32     `parquet:"distributed_on,date"`
	QuestionCount      int32      `parquet:"question_count"`
	TableCount         int32      `parquet:"table_count"`
	CellCount          int64      `parquet:"cell_count"`
	FootnoteCount      int32      `parquet:"footnote_count"`
	References         []string   `parquet:"references,list"`
	WarningCount       int32      `parquet:"warning_count"`
	CheckCount         int32      `parquet:"check_count"`
	ChecksFailed       int32      `parquet:"checks_failed"`
	ReviewStatus       *string    `parquet:"review_status,optional,dict"`
	ReviewReasons      []string   `parquet:"review_reasons,list"`
	ExtractorVersion   *string    `parquet:"extractor_version,optional,dict"`
	ExtractorDigest    *string    `parquet:"extractor_digest,optional,dict"`
	MaxBytes           *int64     `parquet:"extractor_max_bytes,optional"`
	MaxPages           *int32     `parquet:"extractor_max_pages,optional"`
}

// askerRow is one asker inside documents.askers.
type askerRow struct {
	Name  string `parquet:"name"`
	Party string `parquet:"party"`
}

// questionRow is one row of the questions table.
type questionRow struct {
	DocumentID   string   `parquet:"document_id,dict"`
	Number       int32    `parquet:"number"`
	Part         string   `parquet:"part"` // the letter of a sub-question answered on its own, "" for a question
	Text         string   `parquet:"text"`
	Parts        []string `parquet:"parts,list"`
	Answer       string   `parquet:"answer"`
	AnsweredWith []int32  `parquet:"answered_with,list"`
	TableIDs     []string `parquet:"table_ids,list"`
	AskerName    string   `parquet:"asker_name"`  // a written question's asker
	AskerParty   string   `parquet:"asker_party"` // and the asker's party
	AnsweredBy   string   `parquet:"answered_by"` // a written question's answering ministry
	Page         *int32   `parquet:"page,optional"`
	Line         *int32   `parquet:"line,optional"`
	AnswerPage   *int32   `parquet:"answer_page,optional"`
	AnswerLine   *int32   `parquet:"answer_line,optional"`
}

// tableRow is one row of the tables table.
type tableRow struct {
	DocumentID     string    `parquet:"document_id,dict"`
	TableID        string    `parquet:"table_id,dict"`
	Question       int32     `parquet:"question"`
	Title          *string   `parquet:"title,optional"`
	AuthorityLevel *string   `parquet:"authority_level,optional,dict"`
	Unit           *string   `parquet:"unit,optional,dict"`
	Header         []string  `parquet:"header,list"`
	ColumnUnits    []*string `parquet:"column_units,list"`
	Notes          []string  `parquet:"notes,list"`
	Source         *string   `parquet:"source,optional"`
	RowCount       int32     `parquet:"row_count"`
	ColumnCount    int32     `parquet:"column_count"`
	Page           *int32    `parquet:"page,optional"`
	Line           *int32    `parquet:"line,optional"`
	EndPage        *int32    `parquet:"end_page,optional"`
	EndLine        *int32    `parquet:"end_line,optional"`
}

// cellRow is one cell of a table in long form.
type cellRow struct {
	DocumentID     string   `parquet:"document_id,dict"`
	TableID        string   `parquet:"table_id,dict"`
	Question       int32    `parquet:"question"`
	RowIndex       int32    `parquet:"row_index"`
	ColumnIndex    int32    `parquet:"column_index"`
	Header         *string  `parquet:"header,optional,dict"`
	Raw            string   `parquet:"raw"`
	Number         *float64 `parquet:"number,optional"`
	Text           *string  `parquet:"text,optional"`
	Kind           string   `parquet:"kind,dict"`
	Meaning        *string  `parquet:"meaning,optional,dict"`
	Decimals       *int32   `parquet:"decimals,optional"`
	AuthorityLevel *string  `parquet:"authority_level,optional,dict"`
	Unit           *string  `parquet:"unit,optional,dict"`
}

// size estimates the bytes of a row before compression, to size row groups.
func (r documentRow) size() int {
	return 200 + len(r.Title) + len(r.AskersText) + len(r.File) + 10*len(r.References)
}

func (r questionRow) size() int { return 40 + len(r.Text) + len(r.Answer) + 10*len(r.TableIDs) }

func (r tableRow) size() int {
	n := 60
	for _, h := range r.Header {
		n += len(h)
	}
	return n
}

func (r cellRow) size() int {
	return 40 + len(r.DocumentID) + len(r.TableID) + 2*len(r.Raw)
}

// rowsOf turns one document into its rows.
func rowsOf(doc *drucksache.Document) docRows {
	var r docRows
	d := documentRow{
		ID: doc.ID, File: doc.Source.File, Format: doc.Source.Format, SHA256: doc.Source.SHA256,
		Pages: int32(doc.Source.Pages), ParliamentName: nonEmpty(doc.Parliament), Drucksache: nonEmpty(doc.Drucksache),
		Kind: doc.Kind, Urgent: doc.Urgent, Title: doc.Title, AnsweredBy: nonEmpty(&doc.AnsweredBy),
		QuestionDrucksache: nonEmpty(doc.QuestionDrucksache),
		ReceivedOn:         parseDate(doc.ReceivedOn), ForwardedOn: parseDate(doc.ForwardedOn),
		AnsweredOn: parseDate(doc.AnsweredOn), DistributedOn: parseDate(doc.DistributedOn),
		QuestionCount: int32(len(doc.Questions)), TableCount: int32(len(doc.Tables)),
		FootnoteCount: int32(len(doc.Footnotes)), References: nonNil(doc.References),
		WarningCount: int32(len(doc.Warnings)), CheckCount: int32(len(doc.Checks)),
		Askers: []askerRow{},
	}
	var names []string
	for _, a := range doc.Askers {
		d.Askers = append(d.Askers, askerRow{Name: a.Name, Party: a.Party})
		if a.Party != "" {
			names = append(names, a.Name+" ("+a.Party+")")
		} else {
			names = append(names, a.Name)
		}
	}
	d.AskersText = strings.Join(names, "; ")
	d.ReviewReasons = []string{}
	if r := doc.Review; r != nil {
		d.ReviewStatus, d.ReviewReasons = nonEmpty(&r.Status), nonNil(r.Reasons)
	}
	if e := doc.Extractor; e != nil {
		pages := int32(e.Options.MaxPages)
		d.ExtractorVersion, d.ExtractorDigest = nonEmpty(&e.Version), nonEmpty(&e.Digest)
		d.MaxBytes, d.MaxPages = &e.Options.MaxBytes, &pages
	}
	for _, c := range doc.Checks {
		if c.Passed != nil && !*c.Passed {
			d.ChecksFailed++
		}
	}
	for _, q := range doc.Questions {
		with := make([]int32, 0, len(q.AnsweredWith))
		for _, n := range q.AnsweredWith {
			with = append(with, int32(n))
		}
		row := questionRow{
			DocumentID: doc.ID, Number: int32(q.Number), Part: q.Part, Text: q.Text, Parts: nonNil(q.Parts), Answer: q.Answer,
			AnsweredWith: with, TableIDs: nonNil(q.Tables), AnsweredBy: q.AnsweredBy,
			Page: positive(q.Provenance.Page), Line: positive(q.Provenance.Line),
			AnswerPage: positive(q.AnswerAt.Page), AnswerLine: positive(q.AnswerAt.Line),
		}
		if q.Asker != nil {
			row.AskerName, row.AskerParty = q.Asker.Name, q.Asker.Party
		}
		r.questions = append(r.questions, row)
	}
	for _, t := range doc.Tables {
		ncols := len(t.Header)
		for _, row := range t.Rows {
			ncols = max(ncols, len(row))
		}
		r.tables = append(r.tables, tableRow{
			DocumentID: doc.ID, TableID: t.ID, Question: int32(t.Question), Title: nonEmpty(t.Title),
			AuthorityLevel: nonEmpty(t.AuthorityLevel), Unit: nonEmpty(t.Unit),
			Header: nonNil(t.Header), ColumnUnits: nonNil(t.ColumnUnits), Notes: nonNil(t.Notes), Source: nonEmpty(t.Source),
			RowCount: int32(len(t.Rows)), ColumnCount: int32(ncols),
			Page: positive(t.Provenance.Page), Line: positive(t.Provenance.Line),
			EndPage: positive(t.Provenance.EndPage), EndLine: positive(t.Provenance.EndLine),
		})
		for i, row := range t.Rows {
			for j, cell := range row {
				r.cells = append(r.cells, cellRowOf(doc.ID, &t, i, j, cell))
			}
		}
	}
	d.CellCount = int64(len(r.cells))
	r.documents = []documentRow{d}
	return r
}

// cellRowOf is one cell in long form; the unit is the cell's own, else its column's, else the table's;
// the authority level the cell's own, else the table's.
func cellRowOf(docID string, t *drucksache.Table, i, j int, cell drucksache.Cell) cellRow {
	c := cellRow{
		DocumentID: docID, TableID: t.ID, Question: int32(t.Question), RowIndex: int32(i), ColumnIndex: int32(j),
		Raw: cell.Raw, Kind: cell.Kind, Meaning: nonEmpty(&cell.Meaning),
		AuthorityLevel: nonEmpty(cell.AuthorityLevel), Unit: nonEmpty(&cell.Unit),
	}
	if j < len(t.Header) {
		c.Header = &t.Header[j]
	}
	switch cell.Kind {
	case drucksache.CellNumber:
		if v, ok := cell.Number(); ok {
			c.Number = &v
			d := int32(min(max(cell.Decimals, 0), 15))
			c.Decimals = &d
		}
	case drucksache.CellCode, drucksache.CellText:
		s := textOf(cell)
		c.Text = &s
	}
	if c.Unit == nil && j < len(t.ColumnUnits) {
		c.Unit = nonEmpty(t.ColumnUnits[j])
	}
	if c.Unit == nil {
		c.Unit = nonEmpty(t.Unit)
	}
	if c.AuthorityLevel == nil {
		c.AuthorityLevel = nonEmpty(t.AuthorityLevel)
	}
	return c
}

// parseDate reads a YYYY-MM-DD date as days since 1970-01-01, the Parquet DATE; anything else is NULL.
func parseDate(s *string) *int32 {
	if s == nil {
		return nil
	}
	t, err := time.Parse(time.DateOnly, *s)
	if err != nil {
		return nil
	}
	days := int32(t.Unix() / 86400)
	if t.Unix() < 0 && t.Unix()%86400 != 0 {
		days--
	}
	return &days
}

func nonEmpty(s *string) *string {
	if s == nil || *s == "" {
		return nil
	}
	v := *s
	return &v
}

func positive(n int) *int32 {
	if n <= 0 {
		return nil
	}
	v := int32(n)
	return &v
}

func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

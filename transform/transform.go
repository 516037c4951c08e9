package transform

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"slices"
	"strconv"
	"strings"

	drucksache "drucksache"
)

// Apply types and normalizes an extracted document in place: dates to ISO, the answering ministry to
// the nominative, table cells to typed values, table titles to authority levels, units, references,
// the document id, and empty arrays for every array field; then it cross-checks the tables. Applying
// it twice gives the same document. A panic inside stops at the document: it becomes a warning, so
// that one document never ends a batch.
func Apply(doc *drucksache.Document) {
	if doc == nil {
		return
	}
	defer func() {
		if r := recover(); r != nil {
			fillArrays(doc)
			doc.Warnings = append(doc.Warnings, drucksache.Warning{
				Code:    drucksache.WarnInternal,
				Message: fmt.Sprintf("%s: transform: internal error: %v", doc.Source.File, r),
			})
			review := Review(doc)
			doc.Review = &review
		}
	}()
	normalizeDate(doc, &doc.ReceivedOn, "received_on")
	normalizeDate(doc, &doc.ForwardedOn, "forwarded_on")
	normalizeDate(doc, &doc.AnsweredOn, "answered_on")
	normalizeDate(doc, &doc.DistributedOn, "distributed_on")
	doc.AnsweredBy = Ministry(doc.AnsweredBy)
	for i := range doc.Questions {
		if q := &doc.Questions[i]; q.AnsweredBy != "" {
			q.AnsweredBy = Ministry(q.AnsweredBy)
		}
	}
	normalizeDrucksache(doc, &doc.Drucksache, "drucksache")
	normalizeDrucksache(doc, &doc.QuestionDrucksache, "question_drucksache")
	if doc.Wahlperiode == nil && doc.Drucksache != nil {
		if wp, _, ok := strings.Cut(*doc.Drucksache, "/"); ok {
			if n, err := strconv.Atoi(wp); err == nil && n > 0 {
				doc.Wahlperiode = &n
			}
		}
	}
	for i := range doc.Tables {
		table(doc, &doc.Tables[i])
	}
	doc.References = documentReferences(doc)
	if doc.ID == "" {
		doc.ID = ID(doc)
	}
	// The checks are made anew from the typed cells: drop those of an earlier run.
	doc.Checks = doc.Checks[:0]
	kept := doc.Warnings[:0]
	for _, w := range doc.Warnings {
		if w.Code != drucksache.WarnCheckFailed && w.Code != drucksache.WarnCheckUndecided {
			kept = append(kept, w)
		}
	}
	doc.Warnings = kept
	Check(doc)
	fillArrays(doc)
	review := Review(doc)
	doc.Review = &review
}

// normalizeDate rewrites a printed date as ISO, or drops it with a warning when it is none.
func normalizeDate(doc *drucksache.Document, field **string, name string) {
	normalizeField(doc, field, Date, drucksache.WarnDate, name+": %q is not a date")
}

// normalizeDrucksache strips the prefix of a Drucksache number ("Drs. 19/7263" -> "19/7263"), or drops
// the number with a warning when it is none.
func normalizeDrucksache(doc *drucksache.Document, field **string, name string) {
	normalizeField(doc, field, Drucksache, drucksache.WarnDrucksache, name+": %q is not a Drucksache number WP/NR")
}

// normalizeField rewrites a printed field by parse, or drops it with a warning (code, message
// format taking the printed text) when it does not parse; a blank field becomes nil silently.
func normalizeField(doc *drucksache.Document, field **string, parse func(string) (string, bool), code drucksache.WarningCode, format string) {
	if *field == nil || trimSpace(**field) == "" {
		*field = nil
		return
	}
	printed := *field
	if v, ok := parse(*printed); ok {
		*field = &v
		return
	}
	*field = nil
	doc.Warnings = append(doc.Warnings, drucksache.Warning{Code: code, Message: fmt.Sprintf(format, *printed)})
}

// table types the cells of t and normalizes its authority level and unit.
func table(doc *drucksache.Document, t *drucksache.Table) {
	typeRows(t.Rows, placedRows(t.Header, t.Rows))
	applyLegend(t)
	if t.Title != nil {
		if level, ok := AuthorityLevel(*t.Title); ok {
			t.AuthorityLevel = &level
		}
	}
	if t.AuthorityLevel != nil {
		if level, ok := AuthorityLevel(*t.AuthorityLevel); ok {
			t.AuthorityLevel = &level
		} else {
			t.AuthorityLevel = nil
		}
	}
	prov := drucksache.Provenance{Page: t.Provenance.Page, Line: t.Provenance.Line, Path: t.Provenance.Path}
	if t.Unit != nil && trimSpace(*t.Unit) == "" {
		t.Unit = nil
	}
	if t.Unit != nil {
		printed := *t.Unit
		if u, ok := Unit(printed); ok {
			t.Unit = &u
		} else {
			t.Unit = nil
			doc.Warnings = append(doc.Warnings, drucksache.Warning{
				Code:       drucksache.WarnUnit,
				Message:    fmt.Sprintf("table %s: unit %q is not a known unit", t.ID, printed),
				Provenance: prov,
			})
		}
	} else if u, ok := answerUnit(doc, t); ok {
		t.Unit = &u
	}
	columnUnits(doc, t, prov)
	unitsOfCells(t)
}

// columnUnits normalizes the units a unit row names for a table's columns ("in 1.000 Euro" gives
// "Tsd. EUR"); a unit it does not know is dropped with a warning, as the table's unit is.
func columnUnits(doc *drucksache.Document, t *drucksache.Table, prov drucksache.Provenance) {
	any := false
	for i, cu := range t.ColumnUnits {
		if cu == nil || trimSpace(*cu) == "" {
			t.ColumnUnits[i] = nil
			continue
		}
		if u, ok := Unit(*cu); ok {
			t.ColumnUnits[i] = &u
			any = true
			continue
		}
		doc.Warnings = append(doc.Warnings, drucksache.Warning{
			Code:       drucksache.WarnUnit,
			Message:    fmt.Sprintf("table %s: unit %q of column %d is not a known unit", t.ID, *cu, i+1),
			Provenance: prov,
		})
		t.ColumnUnits[i] = nil
	}
	if !any {
		t.ColumnUnits = nil
	}
}

// unitsOfCells gives a table the units its figures print in their cells ("1.234,50 Euro"), where
// no unit is stated for it: the table's unit when every column of figures prints the same one in
// every figure, else the unit of each column whose figures all print one (nil for the others).
// Columns of years and identifiers, whose figures are labels, do not count.
func unitsOfCells(t *drucksache.Table) {
	if t.Unit != nil || t.ColumnUnits != nil {
		return
	}
	c := newChecker(t)
	cols := make([]*string, c.ncol)
	var units []string // the unit of each column of figures, "" for none
	for col := range c.ncol {
		if !c.figures[col] {
			continue
		}
		unit, _ := columnUnit(t.Rows, col)
		if unit != "" {
			cols[col] = &unit
		}
		units = append(units, unit)
	}
	switch {
	case !slices.ContainsFunc(units, func(u string) bool { return u != "" }):
	case len(slices.Compact(slices.Clone(units))) == 1:
		t.Unit = &units[0]
	default:
		t.ColumnUnits = cols
	}
}

// columnUnit returns the unit every figure of column col prints, and false where a figure prints
// none or another.
func columnUnit(rows [][]drucksache.Cell, col int) (string, bool) {
	unit, seen := "", false
	for _, row := range rows {
		if col >= len(row) || row[col].Kind != drucksache.CellNumber {
			continue
		}
		if row[col].Unit == "" || seen && row[col].Unit != unit {
			return "", false
		}
		unit, seen = row[col].Unit, true
	}
	return unit, seen
}

// answerUnit finds the unit of a table that extract left without one in the answer that holds it:
// the answer must hold this table only and state exactly one unit, in a paragraph that introduces
// the table (it ends with a colon), as in "… wie folgt entwickelt (in Millionen Euro):".
func answerUnit(doc *drucksache.Document, t *drucksache.Table) (string, bool) {
	if t.Question <= 0 {
		return "", false
	}
	count := 0
	for i := range doc.Tables {
		if doc.Tables[i].Question == t.Question {
			count++
		}
	}
	if count != 1 {
		return "", false
	}
	unit := ""
	for i := range doc.Questions {
		q := &doc.Questions[i]
		if q.Number != t.Question {
			continue
		}
		for _, para := range strings.Split(q.Answer, "\n") {
			para = strings.TrimSpace(para)
			if !strings.HasSuffix(para, ":") {
				continue
			}
			u, ok := Unit(para)
			if !ok {
				continue
			}
			if unit != "" && unit != u {
				return "", false
			}
			unit = u
		}
	}
	return unit, unit != ""
}

// documentReferences lists the Drucksachen the document cites: the question first, then the
// preliminary remarks, question texts, answers, footnotes and table notes; earlier references that
// extract found elsewhere are kept after them. The document's own number is not a reference.
func documentReferences(doc *drucksache.Document) []string {
	seen := map[string]bool{}
	if doc.Drucksache != nil {
		seen[*doc.Drucksache] = true
	}
	var refs []string
	if doc.QuestionDrucksache != nil && !seen[*doc.QuestionDrucksache] {
		seen[*doc.QuestionDrucksache] = true
		refs = append(refs, *doc.QuestionDrucksache)
	}
	for _, r := range doc.PreliminaryRemarks {
		refs = appendReferences(refs, seen, r.Text)
	}
	for _, q := range doc.Questions {
		refs = appendReferences(refs, seen, q.Text)
		for _, p := range q.Parts {
			refs = appendReferences(refs, seen, p)
		}
	}
	for _, q := range doc.Questions {
		refs = appendReferences(refs, seen, q.Answer)
	}
	for _, f := range doc.Footnotes {
		refs = appendReferences(refs, seen, f.Text)
	}
	for _, t := range doc.Tables {
		for _, n := range t.Notes {
			refs = appendReferences(refs, seen, n)
		}
	}
	for _, r := range doc.References {
		if ref, ok := Drucksache(r); ok && !seen[ref] {
			seen[ref] = true
			refs = append(refs, ref)
		}
	}
	return refs
}

// ID returns a document id that is stable across runs: the parliament's code, the Wahlperiode and the
// number of the document's own Drucksache ("ni-19-11277"; "ds-…" for a parliament not known), or,
// when the document prints no number, "sha256-" and the first 16 hex digits of its content hash.
func ID(doc *drucksache.Document) string {
	code := parliamentCode(doc)
	if doc.Drucksache != nil {
		if ref, ok := Drucksache(*doc.Drucksache); ok {
			return code + "-" + strings.Replace(ref, "/", "-", 1)
		}
	}
	sum := doc.Source.SHA256
	if len(sum) < 16 {
		h := sha256.Sum256([]byte(doc.Source.File + "\x00" + doc.Title))
		sum = hex.EncodeToString(h[:])
	}
	// The parliament's code leads where it is known, so the document lands in its partition.
	if code != "ds" {
		return code + "-sha256-" + sum[:16]
	}
	return "sha256-" + sum[:16]
}

// parliamentCode is the short code of the document's parliament ("ni"), or "ds" when unknown.
func parliamentCode(doc *drucksache.Document) string {
	if code := doc.ParliamentCode(); code != "" {
		return code
	}
	return "ds"
}

// fillArrays replaces every nil array of the contract by an empty one, so that JSON never has null arrays.
func fillArrays(doc *drucksache.Document) {
	doc.Askers = nonNil(doc.Askers)
	doc.PreliminaryRemarks = nonNil(doc.PreliminaryRemarks)
	doc.Questions = nonNil(doc.Questions)
	doc.Tables = nonNil(doc.Tables)
	doc.Footnotes = nonNil(doc.Footnotes)
	doc.References = nonNil(doc.References)
	doc.Warnings = nonNil(doc.Warnings)
	doc.Checks = nonNil(doc.Checks)
	for i := range doc.Checks {
		doc.Checks[i].Rows = nonNil(doc.Checks[i].Rows)
	}
	for i := range doc.Questions {
		doc.Questions[i].Tables = nonNil(doc.Questions[i].Tables)
	}
	for i := range doc.Tables {
		t := &doc.Tables[i]
		t.Header = nonNil(t.Header)
		t.Rows = nonNil(t.Rows)
		for r := range t.Rows {
			t.Rows[r] = nonNil(t.Rows[r])
		}
		for r := range t.HeaderRows {
			t.HeaderRows[r] = nonNil(t.HeaderRows[r])
		}
	}
}

// nonNil returns s, or an empty slice when s is nil.
func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

package roundtrip

import (
	"fmt"
	"strings"
)

// Truth is what a careful reader extracts from every rendition of a paper, in the names of the
// output contract: the fields the round trip compares.
type Truth struct {
	Paper      string          `json:"paper"`
	Drucksache string          `json:"drucksache"`
	Kind       string          `json:"kind"`
	Title      string          `json:"title"`
	AnsweredBy string          `json:"answered_by"`
	Questions  []TruthQuestion `json:"questions"`
	Tables     []TruthTable    `json:"tables"`
	Footnotes  []TruthFootnote `json:"footnotes"`
}

// TruthQuestion is a question with its answer's prose (paragraphs separated by a blank line) and
// the ids of its tables.
type TruthQuestion struct {
	Number int      `json:"number"`
	Text   string   `json:"text"`
	Answer string   `json:"answer"`
	Tables []string `json:"tables"`
}

// TruthTable is a table as the contract gives it.
type TruthTable struct {
	ID          string        `json:"id"`
	Question    int           `json:"question"`
	Title       *string       `json:"title"`
	Unit        *string       `json:"unit"`
	Header      []string      `json:"header"`
	ColumnUnits []*string     `json:"column_units"`
	Rows        [][]TruthCell `json:"rows"`
	Source      *string       `json:"source"`
}

// TruthCell is a cell's text as printed and, for a statistics sign, its meaning; Kind is the
// kind a document gives the cell (the truth leaves it out).
type TruthCell struct {
	Raw     string `json:"raw"`
	Kind    string `json:"kind,omitempty"`
	Meaning string `json:"meaning,omitempty"`
}

// TruthFootnote is a footnote printed under a table.
type TruthFootnote struct {
	Marker   string `json:"marker"`
	Text     string `json:"text"`
	Question int    `json:"question"`
	Table    string `json:"table"`
}

// MakeTruth derives the truth of a paper.
func MakeTruth(p *Paper) Truth {
	t := Truth{Paper: p.Name, Drucksache: p.Drucksache, Kind: "kleine_anfrage_antwort",
		Title: Plain(p.Title), AnsweredBy: p.AnsweredBy}
	n := 0
	add := func(tb *Table, question int) string {
		n++
		id := fmt.Sprintf("t%d", n)
		t.Tables = append(t.Tables, truthTable(tb, id, question))
		for _, note := range tb.Notes {
			t.Footnotes = append(t.Footnotes, TruthFootnote{Marker: superscript.Replace(note.Marker),
				Text: Plain(note.Text), Question: question, Table: id})
		}
		return id
	}
	var refs = map[int][]string{}
	for _, q := range p.Questions {
		tq := TruthQuestion{Number: q.Number, Text: Plain(q.Text), Tables: []string{}}
		var paras []string
		for _, b := range q.Answer {
			if b.Table != nil {
				tq.Tables = append(tq.Tables, add(b.Table, q.Number))
				continue
			}
			paras = append(paras, Plain(b.Text))
		}
		tq.Answer = strings.Join(paras, "\n\n")
		t.Questions = append(t.Questions, tq)
	}
	if p.Annex != nil {
		for _, b := range p.Annex.Blocks {
			if b.Table != nil {
				refs[b.Table.Question] = append(refs[b.Table.Question], add(b.Table, b.Table.Question))
			}
		}
	}
	for i := range t.Questions {
		t.Questions[i].Tables = append(t.Questions[i].Tables, refs[t.Questions[i].Number]...)
	}
	return t
}

func truthTable(tb *Table, id string, question int) TruthTable {
	out := TruthTable{ID: id, Question: question, Header: tb.headerPaths()}
	if tb.Title != "" {
		out.Title = ptr(Plain(tb.Title))
	}
	if tb.Unit != "" {
		out.Unit = ptr(tb.Unit)
	}
	if tb.Source != "" {
		out.Source = ptr(Plain(tb.Source))
	}
	if len(tb.Units) > 0 {
		for _, c := range tb.Units {
			for range c.span() {
				if c.Unit == "" {
					out.ColumnUnits = append(out.ColumnUnits, nil)
				} else {
					out.ColumnUnits = append(out.ColumnUnits, ptr(c.Unit))
				}
			}
		}
	}
	meaning := map[string]string{}
	for _, s := range tb.Legend {
		meaning[s.Sign] = s.Meaning
	}
	for _, r := range tb.Rows {
		row := make([]TruthCell, len(r.Cells))
		for i, c := range r.Cells {
			row[i] = TruthCell{Raw: Plain(c), Meaning: meaning[c]}
		}
		out.Rows = append(out.Rows, row)
	}
	return out
}

// headerPaths gives each column the path of its header levels from the top, joined by " / "; a
// cell spanning several columns or levels counts once in each column's path.
func (t *Table) headerPaths() []string {
	g, err := t.grid()
	if err != nil {
		return nil
	}
	out := make([]string, len(t.Widths))
	for col := range out {
		var parts []string
		var last *HeaderCell
		for lv := range g {
			c := g[lv][col].cell
			if c == last || Plain(c.Text) == "" {
				continue
			}
			last = c
			parts = append(parts, Plain(c.Text))
		}
		out[col] = strings.Join(parts, " / ")
	}
	return out
}

func ptr[T any](v T) *T { return &v }

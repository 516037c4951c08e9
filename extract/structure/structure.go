package structure

import (
	"fmt"
	"strconv"
	"strings"

	drucksache "drucksache"
	"drucksache/extract/internal/marks"
	"drucksache/extract/layout"
	"drucksache/extract/profile"
	"drucksache/extract/structure/internal/prose"
	"drucksache/internal/lazyre"
)

// Parse turns the lines of one source into a document: metadata from the title block and the
// running headers, preliminary remarks, numbered questions with their answers, tables and footnotes.
// It is shared by every format, so finding questions is written once. Parse takes over
// read.Lines: it filters them in place.
func Parse(src drucksache.Source, read *layout.Layout, sums layout.Sums) (*drucksache.Document, error) {
	p := &parser{sums: sums, doc: &drucksache.Document{
		SchemaVersion: drucksache.SchemaVersion,
		Source:        src,
		Kind:          drucksache.KindUnknown,
	}}
	p.doc.Warnings = append(p.doc.Warnings, read.Warnings...)
	p.webPage = read.WebPage
	p.split(read.Lines)
	if len(p.body) == 0 {
		return nil, &layout.Error{File: src.File, Stage: "parse", Err: layout.ErrNoText}
	}
	p.headerFacts()
	p.raiseMarkers()
	p.words = prose.NewVocabulary(p.body)
	front := p.bundestag()
	if front < 0 {
		front = p.saarland()
	}
	if front < 0 {
		front = p.frontMatter()
	}
	p.inferParliament()
	p.distributed()
	if p.doc.Kind == drucksache.KindAnswer {
		p.content(front)
		p.missingQuestions()
	}
	if p.doc.Kind == drucksache.KindWritten {
		p.writtenQuestions()
		p.missingQuestions()
	}
	p.doc.Title = withoutMarkers(p.doc.Title)
	p.linkFootnotes()
	return p.doc, nil
}

// parser holds the state of one Parse call.
type parser struct {
	sums      layout.Sums // how dumped tables are weighed by their arithmetic; nil: not at all
	doc       *drucksache.Document
	body      []layout.Line // running text and tables, without page furniture and footnotes
	pageStart []bool        // body[i] is the first body line of its page
	headers   []layout.Line // running headers
	footers   []layout.Line // notes at a page's foot that are furniture: no text, but facts (who sent the answer)
	notes     []note        // footnotes in order, with the body position they follow
	marks     []tableMark   // footnote markers read off figures of dumped tables
	questions []qspan
	words     *prose.Vocabulary // the words the document prints
	webPage   bool              // the reader saw a web page (search results), not a Drucksache
}

// note is a footnote with the number of body lines printed before it.
type note struct {
	marker string
	text   string
	at     int
	prov   drucksache.Provenance
}

// qspan is where a question's block lies in the body.
type qspan struct {
	number     int
	start, end int // body[start] is the "N. " line; the block ends before body[end]
	index      int // the question's place in doc.Questions
}

// split sorts lines into running text, page furniture and footnotes.
func (p *parser) split(lines []layout.Line) {
	lastPage := 0
	// The body is filtered in place: the layout's lines are not needed after Parse.
	p.body = lines[:0]
	p.pageStart = make([]bool, 0, len(lines))
	for _, l := range lines {
		switch l.Role {
		case layout.RoleHeader:
			p.headers = append(p.headers, l)
		case layout.RoleFooter:
			p.footers = append(p.footers, l)
		case layout.RolePageNumber:
		case layout.RoleFootnote:
			t := strings.TrimSpace(l.Text)
			marker, rest := footnoteStart(t)
			if marker != "" {
				p.notes = append(p.notes, note{marker: marker, text: rest, at: len(p.body), prov: prov(l)})
			} else if len(p.notes) > 0 {
				n := &p.notes[len(p.notes)-1]
				n.text = prose.JoinLine(n.text, l.Text)
			}
		default:
			if strings.TrimSpace(l.Text) == "" && l.Cells == nil {
				continue
			}
			p.pageStart = append(p.pageStart, l.Page != lastPage)
			lastPage = l.Page
			p.body = append(p.body, l)
		}
	}
}

// footnoteStart splits a footnote line into its marker (as superscript) and text.
func footnoteStart(t string) (string, string) {
	if m, rest := marks.SuperscriptMarker(t); m != "" {
		return m, rest
	}
	if n, ok := marks.FootnoteNumber(t); ok {
		i := strings.IndexByte(strings.TrimLeft(t, " "), ' ')
		return marks.Superscript(n), strings.TrimSpace(strings.TrimLeft(t, " ")[i:])
	}
	return "", t
}

func prov(l layout.Line) drucksache.Provenance {
	return drucksache.Provenance{Page: l.Page, Line: l.No, Path: l.Path}
}

func (p *parser) warn(code drucksache.WarningCode, l *layout.Line, format string, args ...any) {
	w := drucksache.Warning{Code: code, Message: fmt.Sprintf(format, args...)}
	if l != nil {
		w.Provenance = prov(*l)
	}
	p.doc.Warnings = append(p.doc.Warnings, w)
}

var (
	reHeaderWP = lazyre.New(`(\d+)\.\s*Wahlperiode`)
	reHeaderDS = lazyre.New(`Drucksache\s+(\d+\s?/\s?\d+)`)
)

// headerFacts reads the parliament, Wahlperiode and Drucksache number from the running headers.
func (p *parser) headerFacts() {
	for _, h := range p.headers {
		t := strings.TrimSpace(h.Text)
		if m := reHeaderDS.FindStringSubmatch(t); m != nil && p.doc.Drucksache == nil {
			p.doc.Drucksache = ptr(strings.ReplaceAll(m[1], " ", ""))
		}
		if m := reHeaderWP.FindStringSubmatch(t); m != nil && p.doc.Wahlperiode == nil {
			if n, err := strconv.Atoi(m[1]); err == nil {
				p.doc.Wahlperiode = &n
			}
		}
		if p.doc.Parliament == nil {
			for _, part := range strings.Split(t, "–") {
				part = strings.TrimSpace(part)
				if strings.Contains(part, "Landtag") || strings.Contains(part, "Bundestag") || strings.Contains(part, "Bürgerschaft") {
					if i := strings.Index(part, " Drucksache"); i >= 0 {
						part = part[:i]
					}
					if !strings.Contains(part, "Wahlperiode") && !strings.Contains(part, "Drucksache") {
						p.doc.Parliament = ptr(strings.TrimSpace(part))
						break
					}
				}
			}
		}
	}
}

func ptr[T any](v T) *T { return &v }

// distributed reads the date of the distribution note that closes a paper of any kind
// ("(verteilt am 11.06.2025)"), which is no text of its last answer.
func (p *parser) distributed() {
	if p.doc.DistributedOn != nil {
		return
	}
	for i := len(p.body) - 1; i >= 0; i-- {
		if strings.Contains(p.body[i].Text, "erteilt am") {
			if d := profile.Distributed(p.body[i].Text); d != "" {
				p.doc.DistributedOn = ptr(d)
				return
			}
		}
	}
	for _, l := range p.footers {
		if d := profile.Distributed(l.Text); d != "" {
			p.doc.DistributedOn = ptr(d)
			return
		}
	}
}

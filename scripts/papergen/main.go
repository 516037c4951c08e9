// Command papergen writes papers in a parliament's layout from content held as data, renders them
// with LibreOffice (a real producer of PDFs) and writes beside each PDF the gold file that says what
// the pipeline must read from it, in the form ../shared/tools/goldcheck.py and the extract tests read.
//
// Usage (from the repository root; needs soffice on PATH):
//
//	go run ./scripts/papergen [-out fixtures] [-keep]
//
// Each paper is data below (a Go value): its title block, remarks, and blocks of questions printed
// together with the answer after them. The renderer prints them the way the Deutscher Bundestag
// does: questions in a smaller type, indented, with a hanging number; answers in body type; a
// running header naming the Drucksache and the page, alternating between left and right pages;
// on page 1 a note at the foot naming the ministry that sent the answer. Where the content runs
// from page to page is left to LibreOffice, so the papers carry paragraphs cut by page breaks,
// URLs broken at a line end and blocks of questions split over two pages as real papers do.
// -keep keeps the .fodt source next to the PDF.
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"html"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

// question is one numbered question as printed: "N. text", with lettered parts printed under it.
// Letter is set for a question printed as "N. a) text" (its first part answered on its own).
type question struct {
	Number int
	Letter string
	Text   string
	Parts  []string // "a) …", printed each on its own line under the question
}

// block is what the paper prints between two answers: one or more questions (answered together),
// or a lettered sub-question answered on its own (Lone), then the answer's paragraphs.
type block struct {
	Questions []question
	Lone      *question // Number is the question it belongs to, Letter its letter
	Answer    []string
}

// paper is the content of one answer of the Bundesregierung to a Kleine Anfrage.
type paper struct {
	Name               string // file name without extension
	Wahlperiode        int
	Number             int    // the answer's Drucksache number
	Date               string // printed in the first page's header: "28.08.2025"
	Askers             []string
	Others             bool   // the askers are named with "weiterer Abgeordneter": more members asked
	Party              string // as the contract writes it: "CDU/CSU"
	Fraktion           string // as printed after "der Fraktion": "der CDU/CSU", "Die Linke"
	QuestionNumber     int    // the question's Drucksache number
	Title              string
	Ministry           string // as the page-1 note prints it: "des Bundesministeriums des Innern"
	MinistryNominative string // as the contract writes it: "Bundesministerium des Innern"
	AnsweredOn         string // as printed: "28. August 2025"
	AnsweredOnISO      string
	AskersRemark       []string
	GovernmentRemark   []string
	Blocks             []block
}

func main() {
	out := flag.String("out", "fixtures", "folder to write the PDFs into; gold files go to its gold/ folder")
	keep := flag.Bool("keep", false, "keep the .fodt source of each PDF")
	flag.Parse()
	for _, p := range papers {
		if err := write(p, *out, *keep); err != nil {
			fmt.Fprintln(os.Stderr, "papergen:", p.Name+":", err)
			os.Exit(1)
		}
		fmt.Println(filepath.Join(*out, p.Name+".pdf"))
	}
}

func write(p paper, out string, keep bool) error {
	tmp, err := os.MkdirTemp("", "papergen")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	src := filepath.Join(tmp, p.Name+".fodt")
	if err := os.WriteFile(src, []byte(p.fodt()), 0o644); err != nil {
		return err
	}
	cmd := exec.Command("soffice", "--headless", "-env:UserInstallation=file://"+filepath.Join(tmp, "profile"),
		"--convert-to", "pdf:writer_pdf_Export", "--outdir", tmp, src)
	if msg, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("soffice: %v: %s", err, msg)
	}
	pdf, err := os.ReadFile(filepath.Join(tmp, p.Name+".pdf"))
	if err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(out, p.Name+".pdf"), pdf, 0o644); err != nil {
		return err
	}
	if keep {
		if err := os.WriteFile(filepath.Join(out, p.Name+".fodt"), []byte(p.fodt()), 0o644); err != nil {
			return err
		}
	}
	gold, err := json.MarshalIndent(p.gold(), "", "  ")
	if err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(out, "gold", p.Name+".pdf.gold.json"), append(gold, '\n'), 0o644)
}

// gold is what the pipeline must read from the paper, in the fields of the output contract.
func (p paper) gold() map[string]any {
	var askers []map[string]string
	for _, a := range p.Askers {
		askers = append(askers, map[string]string{"name": a, "party": p.Party})
	}
	var remarks []map[string]string
	if len(p.AskersRemark) > 0 {
		remarks = append(remarks, map[string]string{"by": "askers", "text": strings.Join(p.AskersRemark, "\n\n")})
	}
	if len(p.GovernmentRemark) > 0 {
		remarks = append(remarks, map[string]string{"by": "government", "text": strings.Join(p.GovernmentRemark, "\n\n")})
	}
	type entry struct {
		number int
		part   string
		q      map[string]any
	}
	var entries []entry
	for _, b := range p.Blocks {
		if b.Lone != nil {
			entries = append(entries, entry{b.Lone.Number, b.Lone.Letter, map[string]any{
				"number": b.Lone.Number, "part": b.Lone.Letter, "text": b.Lone.Text, "answer_paragraphs": b.Answer}})
			continue
		}
		for _, q := range b.Questions {
			g := map[string]any{"number": q.Number, "text": q.Text, "answer_paragraphs": b.Answer}
			if q.Letter != "" {
				g["part"] = q.Letter
			}
			switch {
			case isLettered(q.Text):
				// parts that are the question ("3. a) … b) …") stay in its text, as printed
				g["text"] = strings.Join(append([]string{q.Text}, q.Parts...), " ")
			case len(q.Parts) > 0:
				g["parts"] = q.Parts
			}
			var with []int
			for _, o := range b.Questions {
				if o.Number != q.Number {
					with = append(with, o.Number)
				}
			}
			if len(with) > 0 {
				g["answered_with"] = with
			}
			entries = append(entries, entry{q.Number, q.Letter, g})
		}
	}
	// questions in the order of their numbers, parts in the order of their letters
	for i := 1; i < len(entries); i++ {
		for j := i; j > 0 && (entries[j].number < entries[j-1].number ||
			entries[j].number == entries[j-1].number && entries[j].part < entries[j-1].part); j-- {
			entries[j], entries[j-1] = entries[j-1], entries[j]
		}
	}
	var qs []map[string]any
	for _, e := range entries {
		qs = append(qs, e.q)
	}
	return map[string]any{
		"about":               "Generated by scripts/papergen from content held as data and rendered by LibreOffice in the layout of the Deutscher Bundestag; the values are the data it was made from.",
		"kind":                "kleine_anfrage_antwort",
		"parliament":          "Deutscher Bundestag",
		"wahlperiode":         p.Wahlperiode,
		"drucksache":          fmt.Sprintf("%d/%d", p.Wahlperiode, p.Number),
		"title":               p.Title,
		"askers":              askers,
		"answered_by":         p.MinistryNominative,
		"question_drucksache": fmt.Sprintf("%d/%d", p.Wahlperiode, p.QuestionNumber),
		"answered_on":         p.AnsweredOnISO,
		"preliminary_remarks": remarks,
		"references":          []string{fmt.Sprintf("%d/%d", p.Wahlperiode, p.QuestionNumber)},
		"footnotes":           []any{},
		"tables":              []any{},
		"questions":           qs,
	}
}

// fodt renders the paper as a flat OpenDocument text in the Bundestag's layout.
func (p paper) fodt() string {
	var b strings.Builder
	ds := fmt.Sprintf("%d/%d", p.Wahlperiode, p.Number)
	wp := fmt.Sprintf("%d. Wahlperiode", p.Wahlperiode)
	b.WriteString(fodtHead)
	fmt.Fprintf(&b, `<office:master-styles>
<style:master-page style:name="First" style:page-layout-name="pm1" style:next-style-name="Standard">
<style:header><text:p text:style-name="HeadBig">Deutscher Bundestag<text:tab/>Drucksache %[1]s</text:p><text:p text:style-name="HeadSmall">%[2]s<text:tab/>%[3]s</text:p></style:header>
<style:footer><text:p text:style-name="Foot">Die Antwort wurde namens der Bundesregierung mit Schreiben %[4]s vom %[5]s übermittelt.</text:p><text:p text:style-name="Foot">Die Drucksache enthält zusätzlich – in kleinerer Schrifttype – den Fragetext.</text:p></style:footer>
</style:master-page>
<style:master-page style:name="Standard" style:page-layout-name="pm1">
<style:header><text:p text:style-name="Head">Deutscher Bundestag – %[2]s<text:tab/>– <text:page-number text:select-page="current">3</text:page-number> –<text:tab/>Drucksache %[1]s</text:p></style:header>
<style:header-left><text:p text:style-name="Head">Drucksache %[1]s<text:tab/>– <text:page-number text:select-page="current">2</text:page-number> –<text:tab/>Deutscher Bundestag – %[2]s</text:p></style:header-left>
</style:master-page>
</office:master-styles>
<office:body><office:text>
`, ds, wp, p.Date, x(p.Ministry), x(p.AnsweredOn))
	para := func(style, text string) {
		fmt.Fprintf(&b, "<text:p text:style-name=%q>%s</text:p>\n", style, x(text))
	}
	para("P1", "Antwort") // the first page: its header and its note at the foot
	para("By", "der Bundesregierung")
	names := strings.Join(p.Askers, ", ")
	if p.Others {
		names += ", weiterer Abgeordneter"
	}
	para("TitleBlock", fmt.Sprintf("auf die Kleine Anfrage der Abgeordneten %s und der Fraktion %s", names, p.Fraktion))
	para("TitleBlock", fmt.Sprintf("– Drucksache %d/%d –", p.Wahlperiode, p.QuestionNumber))
	para("Title", p.Title)
	if len(p.AskersRemark) > 0 {
		para("QuestionRemarkHead", "Vorbemerkung der Fragesteller")
		for _, t := range p.AskersRemark {
			para("QuestionRemark", t)
		}
	}
	if len(p.GovernmentRemark) > 0 {
		para("RemarkHead", "Vorbemerkung der Bundesregierung")
		for _, t := range p.GovernmentRemark {
			para("Body", t)
		}
	}
	for _, bl := range p.Blocks {
		if bl.Lone != nil {
			fmt.Fprintf(&b, "<text:p text:style-name=\"Part\">%s)<text:tab/>%s</text:p>\n", bl.Lone.Letter, x(bl.Lone.Text))
		}
		for _, q := range bl.Questions {
			text := q.Text
			if q.Letter != "" {
				text = q.Letter + ") " + text
			}
			fmt.Fprintf(&b, "<text:p text:style-name=\"Question\">%d.<text:tab/>%s</text:p>\n", q.Number, x(text))
			for _, part := range q.Parts {
				letter, rest, _ := strings.Cut(part, ") ")
				fmt.Fprintf(&b, "<text:p text:style-name=\"Part\">%s)<text:tab/>%s</text:p>\n", letter, x(rest))
			}
		}
		for _, t := range bl.Answer {
			para("Body", t)
		}
	}
	b.WriteString("</office:text></office:body></office:document>\n")
	return b.String()
}

func x(s string) string { return html.EscapeString(s) }

// isLettered reports a text that starts with a lettered part: "a) …".
func isLettered(s string) bool {
	return len(s) > 3 && s[0] >= 'a' && s[0] <= 'z' && s[1] == ')' && s[2] == ' '
}

// fodtHead declares the page and the paragraph styles: body type 10.5 pt, questions 9.5 pt indented
// with a hanging number, headers and the page-1 note.
const fodtHead = `<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0" office:version="1.2" office:mimetype="application/vnd.oasis.opendocument.text">
<office:font-face-decls><style:font-face style:name="Liberation Sans" svg:font-family="'Liberation Sans'"/></office:font-face-decls>
<office:styles>
<style:default-style style:family="paragraph"><style:paragraph-properties style:tab-stop-distance="1.25cm"/><style:text-properties style:font-name="Liberation Sans" fo:font-size="10.5pt" fo:language="de" fo:country="DE"/></style:default-style>
<style:style style:name="Body" style:family="paragraph"><style:paragraph-properties fo:text-align="justify" fo:margin-top="0cm" fo:margin-bottom="0.25cm" fo:line-height="115%"/></style:style>
<style:style style:name="Kind" style:family="paragraph" style:parent-style-name="Body"><style:paragraph-properties fo:margin-top="0.6cm" fo:text-align="start"/><style:text-properties fo:font-size="17pt" fo:font-weight="bold"/></style:style>
<style:style style:name="By" style:family="paragraph" style:parent-style-name="Body"><style:paragraph-properties fo:margin-bottom="0.4cm" fo:text-align="start"/><style:text-properties fo:font-size="12.5pt" fo:font-weight="bold"/></style:style>
<style:style style:name="TitleBlock" style:family="paragraph" style:parent-style-name="Body"><style:paragraph-properties fo:margin-bottom="0.1cm" fo:text-align="start"/><style:text-properties fo:font-size="12.5pt" fo:font-weight="bold"/></style:style>
<style:style style:name="Title" style:family="paragraph" style:parent-style-name="Body"><style:paragraph-properties fo:margin-top="0.4cm" fo:margin-bottom="0.6cm" fo:text-align="start"/><style:text-properties fo:font-size="12.5pt" fo:font-weight="bold"/></style:style>
<style:style style:name="QuestionRemarkHead" style:family="paragraph" style:parent-style-name="Body"><style:paragraph-properties fo:margin-left="1.35cm"/><style:text-properties fo:font-size="9.5pt"/></style:style>
<style:style style:name="QuestionRemark" style:family="paragraph" style:parent-style-name="Body"><style:paragraph-properties fo:margin-left="1.35cm"/><style:text-properties fo:font-size="9.5pt"/></style:style>
<style:style style:name="RemarkHead" style:family="paragraph" style:parent-style-name="Body"><style:paragraph-properties fo:margin-top="0.3cm"/></style:style>
<style:style style:name="Question" style:family="paragraph" style:parent-style-name="Body"><style:paragraph-properties fo:margin-left="1.9cm" fo:text-indent="-0.55cm" fo:margin-top="0.2cm"><style:tab-stops><style:tab-stop style:position="0cm"/></style:tab-stops></style:paragraph-properties><style:text-properties fo:font-size="9.5pt"/></style:style>
<style:style style:name="Part" style:family="paragraph" style:parent-style-name="Body"><style:paragraph-properties fo:margin-left="2.45cm" fo:text-indent="-0.55cm"><style:tab-stops><style:tab-stop style:position="0cm"/></style:tab-stops></style:paragraph-properties><style:text-properties fo:font-size="9.5pt"/></style:style>
<style:style style:name="Head" style:family="paragraph"><style:paragraph-properties><style:tab-stops><style:tab-stop style:position="7.75cm" style:type="center"/><style:tab-stop style:position="15.5cm" style:type="right"/></style:tab-stops></style:paragraph-properties></style:style>
<style:style style:name="HeadBig" style:family="paragraph"><style:paragraph-properties><style:tab-stops><style:tab-stop style:position="15.5cm" style:type="right"/></style:tab-stops></style:paragraph-properties><style:text-properties fo:font-size="16pt" fo:font-weight="bold"/></style:style>
<style:style style:name="HeadSmall" style:family="paragraph"><style:paragraph-properties><style:tab-stops><style:tab-stop style:position="15.5cm" style:type="right"/></style:tab-stops></style:paragraph-properties><style:text-properties fo:font-size="11.5pt"/></style:style>
<style:style style:name="Foot" style:family="paragraph"><style:text-properties fo:font-size="9.5pt"/></style:style>
</office:styles>
<office:automatic-styles>
<style:page-layout style:name="pm1" style:page-usage="mirrored"><style:page-layout-properties fo:page-width="21cm" fo:page-height="29.7cm" fo:margin-top="1.2cm" fo:margin-bottom="1.2cm" fo:margin-left="2.1cm" fo:margin-right="3.4cm"/><style:header-style><style:header-footer-properties fo:min-height="0cm" fo:margin-bottom="1cm"/></style:header-style><style:footer-style><style:header-footer-properties fo:min-height="0cm" fo:margin-top="1cm"/></style:footer-style></style:page-layout>
<style:style style:name="P1" style:family="paragraph" style:parent-style-name="Kind" style:master-page-name="First"/>
</office:automatic-styles>
`

// Package profile holds what the papers of one parliament print the same way every time: the
// furniture of its page layout (running headers, notes at a page's foot, the printer's imprint),
// the distribution note, and how it sets its questions apart from the answers. The readers and
// the structure parser ask the profiles instead of naming a parliament themselves, so that the
// next parliament is a new Profile in this package, not new branches in the parser.
package profile

import (
	"regexp"
	"strings"
)

// Typography says how a parliament prints the questions of an answer, where its PDF shows it.
type Typography struct {
	Smaller bool // questions are set in a smaller type than the answers (the Bundestag's, also indented)
	Bold    bool // questions are set in bold
}

// Profile is the layout of one parliament's papers.
type Profile struct {
	Parliament string   // the name as the contract writes it
	Names      []string // how its headers and title blocks name it (any one suffices)
	// Headers match a running header of its pages ("Drucksache 21/1407 – 2 – Deutscher Bundestag …").
	Headers []*regexp.Regexp
	// FootNotes match the first line of a note printed at the foot of a page that is no part of the
	// text ("Die Antwort wurde namens der Bundesregierung …"): it and the lines below it are furniture.
	FootNotes []*regexp.Regexp
	// Imprint matches a line of the printer's imprint that closes a paper.
	Imprint []*regexp.Regexp
	// Questions is how the questions of an answer are printed.
	Questions Typography
}

var (
	// Bundestag prints its answers with the questions "in kleinerer Schrifttype", indented; page 1
	// carries a note at its foot naming the ministry that sent the answer.
	Bundestag = &Profile{
		Parliament: "Deutscher Bundestag",
		Names:      []string{"Deutscher Bundestag"},
		Headers: []*regexp.Regexp{
			regexp.MustCompile(`^Drucksache \d+/\d+ [–-] [\dIVXLC]+ [–-] Deutscher Bundestag [–-] \d+\. Wahlperiode$`),
			regexp.MustCompile(`^Deutscher Bundestag [–-] \d+\. Wahlperiode [–-] [\dIVXLC]+ [–-] Drucksache \d+/\d+$`),
		},
		FootNotes: []*regexp.Regexp{
			regexp.MustCompile(`^Die Antwort wurde namens der Bundesregierung\b`),
			regexp.MustCompile(`^Die Drucksache enthält zusätzlich`),
		},
		Imprint: []*regexp.Regexp{
			regexp.MustCompile(`^Gesamtherstellung:`),
			regexp.MustCompile(`^Vertrieb: Bundesanzeiger`),
		},
		Questions: Typography{Smaller: true},
	}
	// Niedersachsen prints its questions in bold.
	Niedersachsen = &Profile{
		Parliament: "Niedersächsischer Landtag",
		Names:      []string{"Niedersächsischer Landtag", "Niedersächsisch", "Niedersachsen"},
		Headers: []*regexp.Regexp{
			regexp.MustCompile(`^Niedersächsischer Landtag [–-] \d+\. Wahlperiode Drucksache \d+/\d+$`),
		},
		Questions: Typography{Bold: true},
	}
	// Saarland prints the questions without numbers above "Zu Frage n:" lines.
	Saarland = &Profile{
		Parliament: "Landtag des Saarlandes",
		Names:      []string{"LANDTAG DES SAARLANDES", "Landtag des Saarlandes"},
	}
	// BadenWuerttemberg prints at the foot of page 1 when the paper came in and was issued, and
	// where its papers are published.
	BadenWuerttemberg = &Profile{
		Parliament: "Landtag von Baden-Württemberg",
		Names:      []string{"Landtag von Baden-Württemberg"},
		Headers: []*regexp.Regexp{
			regexp.MustCompile(`^Landtag von Baden-Württemberg Drucksache \d+ ?/ ?\d+$`),
		},
		FootNotes: []*regexp.Regexp{
			regexp.MustCompile(`^Eingegangen: \d{1,2}\.\d{1,2}\.\d{4} / Ausgegeben: \d{1,2}\.\d{1,2}\.\d{4}`),
			regexp.MustCompile(`^Drucksachen und Plenarprotokolle sind im Internet`),
		},
	}
)

// reDistributed is the distribution note of a paper: "(verteilt am 11.06.2025)" closing it, or
// "Ausgegeben: 25.6.2021" at the foot of its first page.
var reDistributed = regexp.MustCompile(`(?:\([Vv]erteilt am |Ausgegeben: )(\d{1,2}\.\s?\d{1,2}\.\s?\d{4})\)?`)

// Distributed returns the date of the last distribution note in t ("(Verteilt am 11.06.2025)",
// "Ausgegeben: 25.6.2021"), or "".
func Distributed(t string) string {
	m := reDistributed.FindAllStringSubmatch(t, -1)
	if m == nil {
		return ""
	}
	return strings.ReplaceAll(m[len(m)-1][1], " ", "")
}

// All lists every profile, in the order they are tried.
var All = []*Profile{Niedersachsen, Saarland, Bundestag, BadenWuerttemberg}

// Named returns the profile whose name text (a header, a title block) prints, or nil.
func Named(text string) *Profile {
	for _, p := range All {
		for _, n := range p.Names {
			if strings.Contains(text, n) {
				return p
			}
		}
	}
	return nil
}

// For returns the profile of a parliament by the name the contract writes, or nil.
func For(parliament string) *Profile {
	for _, p := range All {
		if p.Parliament == parliament {
			return p
		}
	}
	return nil
}

// FootNote reports whether t starts a note at a page's foot that some profile knows as furniture.
func FootNote(t string) bool {
	return matchAny(t, func(p *Profile) []*regexp.Regexp { return p.FootNotes })
}

// Imprint reports whether t is a line of a printer's imprint that some profile knows.
func Imprint(t string) bool {
	return matchAny(t, func(p *Profile) []*regexp.Regexp { return p.Imprint })
}

// Header reports whether t is a running header that some profile knows.
func Header(t string) bool {
	return matchAny(t, func(p *Profile) []*regexp.Regexp { return p.Headers })
}

func matchAny(t string, of func(*Profile) []*regexp.Regexp) bool {
	t = strings.TrimSpace(t)
	for _, p := range All {
		for _, re := range of(p) {
			if re.MatchString(t) {
				return true
			}
		}
	}
	return false
}

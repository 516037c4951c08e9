package structure

import (
	"reflect"
	"strings"
	"testing"

	drucksache "drucksache"
)

// A Bundestag answer (Drs. 21/7652, to 21/7449) is published behind the question's Drucksache: its
// title block names the askers with their Fraktion, the question's number and the title, and a
// footer note on the first answer page says which ministry answered when; that note belongs to no
// remark.
func TestBundestag(t *testing.T) {
	doc := parseFixture(t, "eval/bt-21-7449-7652.txt")
	checkTitleBlock(t, doc, drucksache.KindAnswer, "Deutscher Bundestag", "21/7652", "21/7449",
		"Diskriminierungstatbestände im Zusammenhang mit nicht binären Geschlechtsidentitäten im Rahmen des Allgemeinen Gleichbehandlungsgesetzes",
		"des Bundesministeriums für Bildung, Familie, Senioren, Frauen und Jugend", "17. August 2026", "")
	askers := []drucksache.Asker{{Name: "Ulrich von Zons", Party: "AfD"}, {Name: "Knuth Meyer-Soltau", Party: "AfD"}}
	if !reflect.DeepEqual(doc.Askers, askers) {
		t.Errorf("askers %+v, want %+v", doc.Askers, askers)
	}
	if len(doc.PreliminaryRemarks) != 1 || doc.PreliminaryRemarks[0].By != drucksache.ByAskers {
		t.Fatalf("remarks %+v, want the askers' one", doc.PreliminaryRemarks)
	}
	// The note's first line and the line below it leave the remark, which goes on over the page.
	// (Its wrapped second line, "Frauen und Jugend vom 17. August 2026 übermittelt.", still
	// reaches the remark: the rule looks for it below a line it kept.)
	remark := doc.PreliminaryRemarks[0].Text
	if strings.Contains(remark, "Die Antwort wurde namens") || strings.Contains(remark, "in kleinerer Schrifttype") || !strings.Contains(remark, "staatlichen Einrichtungen und im Arbeitsleben beiträgt") {
		t.Errorf("the footer note is part of the remark, or the remark lost its text across the page: %q", remark)
	}
}

// Without the "Antwort" / "der Bundesregierung" lines a title block is no Bundestag answer, and
// without the footer note the government as a whole answered.
func TestBundestagTitleBlock(t *testing.T) {
	const answer = "Deutscher Bundestag Drucksache 21/7652\nAntwort\nder Bundesregierung\nauf die Kleine Anfrage der Abgeordneten Anna Beispiel und der Fraktion DIE LINKE\n– Drucksache 21/7449 –\nBahnhöfe im ländlichen Raum\n1. Wie viele Bahnhöfe gibt es?\nViele.\n"
	tests := []struct {
		name  string
		text  string
		front int
		by    string
		party string
	}{
		{"an answer of the government", answer, 6, "der Bundesregierung", "DIE LINKE"},
		{"a Landtag answer", "Niedersächsischer Landtag\nAntwort\ndes Ministeriums\n", -1, "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := &parser{doc: &drucksache.Document{}, body: lines(tt.text)}
			p.pageStart = make([]bool, len(p.body))
			front := p.bundestag()
			party := ""
			if len(p.doc.Askers) > 0 {
				party = p.doc.Askers[0].Party
			}
			if front != tt.front || p.doc.AnsweredBy != tt.by || party != tt.party {
				t.Errorf("bundestag() = %d, answered by %q, party %q; want %d, %q, %q", front, p.doc.AnsweredBy, party, tt.front, tt.by, tt.party)
			}
		})
	}
}

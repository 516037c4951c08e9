package structure

import (
	"math/rand"
	"reflect"
	"strings"
	"testing"

	drucksache "drucksache"
	"drucksache/extract/internal/marks"
	"drucksache/extract/layout"
)

// raiseMarkersByScan is raiseMarkers as it was, scanning back line by line from every footnote
// (quadratic in a long text without pages): the reference the linear search must equal.
func raiseMarkersByScan(p *parser) {
	for _, n := range p.notes {
		num := marks.SuperscriptValue(n.marker)
		if num == 0 {
			continue
		}
		digits := itoa(num)
		for i := n.at - 1; i >= 0; i-- {
			if p.body[i].Page < n.prov.Page-1 {
				break
			}
			if t, ok := raiseIn(p.body[i].Text, digits, n.marker); ok {
				p.body[i].Text = t
				break
			}
		}
	}
}

// The linear raiseMarkers raises exactly what the line-by-line scan raises, on random bodies full of
// digits glued and unglued, with pages in order and out of order.
func TestRaiseMarkersLinearEqualsScan(t *testing.T) {
	words := []string{"Wort", "Text.1", "Satz“2", "12", "a1", "1.", "x12 ", "Jahr 2021", "b2,", "3", "Ende.3", "c11", "d1;", "(1)", "e2)", "1"}
	rng := rand.New(rand.NewSource(1))
	for trial := range 3000 {
		var body []layout.Line
		var notes []note
		page := 1
		ordered := trial%4 != 0
		for i := range 1 + rng.Intn(30) {
			if rng.Intn(5) == 0 {
				page++
			}
			pg := page
			if !ordered {
				pg = 1 + rng.Intn(4)
			}
			var b strings.Builder
			for range 1 + rng.Intn(6) {
				b.WriteString(words[rng.Intn(len(words))])
				b.WriteString(" ")
			}
			body = append(body, layout.Line{Text: strings.TrimSpace(b.String()), Page: pg, No: i + 1})
			if rng.Intn(3) == 0 {
				notes = append(notes, note{marker: marks.Superscript(1 + rng.Intn(12)), at: len(body), prov: drucksache.Provenance{Page: pg}})
			}
		}
		a := &parser{body: clone(body), notes: notes}
		b := &parser{body: clone(body), notes: notes}
		a.raiseMarkers()
		raiseMarkersByScan(b)
		for i := range a.body {
			if a.body[i].Text != b.body[i].Text {
				t.Fatalf("trial %d line %d: %q, want %q (body %v, notes %v)", trial, i, a.body[i].Text, b.body[i].Text, body, notes)
			}
		}
	}
}

func clone(l []layout.Line) []layout.Line { return append([]layout.Line(nil), l...) }

// questionChainByPairs is questionChain as it was, comparing every pair of candidates (quadratic in a
// long text): the reference the linear chain must equal.
func questionChainByPairs(p *parser, start, end, full int) []int {
	cands := p.questionCandidates(start, end)
	// Longest chain 1, 2, …, n in document order; among equally long ones the best scored.
	type best struct{ length, score, prev int }
	bests := make([]best, len(cands))
	top := -1
	for c := range cands {
		bests[c] = best{length: 0, prev: -1}
		if cands[c].number == 1 {
			bests[c] = best{length: 1, score: cands[c].score, prev: -1}
		}
		for q := 0; q < c; q++ {
			if cands[q].number == cands[c].number-1 && bests[q].length == cands[q].number {
				b := best{length: bests[q].length + 1, score: bests[q].score + cands[c].score, prev: q}
				if bests[c].length < b.length || (bests[c].length == b.length && b.score > bests[c].score) {
					bests[c] = b
				}
			}
		}
		if bests[c].length > 0 && (top < 0 || bests[c].length > bests[top].length ||
			(bests[c].length == bests[top].length && bests[c].score > bests[top].score)) {
			top = c
		}
	}
	if top < 0 {
		return nil
	}
	chain := make([]int, bests[top].length)
	for c := top; c >= 0; c = bests[c].prev {
		chain[cands[c].number-1] = cands[c].at
	}
	return chain
}

// The linear questionChain picks the same lines as the pairwise one, on random bodies of numbered
// lines, bold or not, after breaks or not, ending in "?" or not.
func TestQuestionChainLinearEqualsPairs(t *testing.T) {
	rng := rand.New(rand.NewSource(2))
	tails := []string{"Frage?", "Aussage.", "Liste:", "weiter", "Frage (Drs. 1/2)?"}
	for trial := range 3000 {
		var body []layout.Line
		for range 1 + rng.Intn(40) {
			l := layout.Line{Text: tails[rng.Intn(len(tails))], Break: rng.Intn(2) == 0, Bold: layout.Tri(rng.Intn(3))}
			if rng.Intn(2) == 0 {
				l.Text = itoa(1+rng.Intn(6)) + ". " + l.Text
			}
			body = append(body, l)
		}
		p := &parser{body: body, pageStart: make([]bool, len(body))}
		start, end := rng.Intn(3), len(body)
		got, want := p.questionChain(start, end, end), questionChainByPairs(p, start, end, end)
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("trial %d: chain %v, want %v", trial, got, want)
		}
	}
}

package extract_test

import (
	"context"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"golang.org/x/text/unicode/norm"

	"drucksache/extract"
	"drucksache/internal/golden"
	"drucksache/load"
	"drucksache/transform"
)

// pipeline runs a fixture through extract and transform and returns its JSON.
func pipeline(t *testing.T, path string) []byte {
	t.Helper()
	doc, err := extract.File(context.Background(), path, extract.Options{Sums: transform.Sums{}})
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	transform.Apply(doc)
	doc.Source.File = filepath.ToSlash(strings.TrimPrefix(path, ".."+string(filepath.Separator)))
	data, err := load.Marshal(doc)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// fixtureDocuments lists the documents under fixtures/, not the gold files.
func fixtureDocuments(t *testing.T) []string {
	var files []string
	for _, pat := range []string{"*.txt", "*.pdf", "*.html", "eval/*.txt"} {
		m, err := filepath.Glob(filepath.Join("..", "fixtures", pat))
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, m...)
	}
	sort.Strings(files)
	if len(files) < 9 {
		t.Fatalf("fixtures missing: %v", files)
	}
	return files
}

// TestGolden compares the JSON of every fixture document with its reviewed golden file;
// run with -update to rewrite the goldens and review the diff.
func TestGolden(t *testing.T) {
	for _, f := range fixtureDocuments(t) {
		rel, _ := filepath.Rel(filepath.Join("..", "fixtures"), f)
		file := filepath.Join("..", "fixtures", "golden", rel+".json")
		t.Run(rel, func(t *testing.T) {
			got := pipeline(t, f)
			golden.Check(t, file, got)
		})
	}
}

// TestGoldFiles scores every corpus document against its hand-curated gold file with the same
// checks as the project's gold checker: every check must pass.
func TestGoldFiles(t *testing.T) {
	golds, _ := filepath.Glob(filepath.Join("..", "fixtures", "gold", "*.gold.json"))
	if len(golds) == 0 {
		t.Fatal("no gold files in fixtures/gold")
	}
	for _, g := range golds {
		name := strings.TrimSuffix(filepath.Base(g), ".gold.json")
		t.Run(name, func(t *testing.T) {
			var gold, out map[string]any
			readJSON(t, g, &gold)
			if err := json.Unmarshal(pipeline(t, filepath.Join("..", "fixtures", name)), &out); err != nil {
				t.Fatal(err)
			}
			for _, f := range goldFailures(gold, out) {
				t.Error(f)
			}
		})
	}
}

func readJSON(t *testing.T, path string, v any) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(data, v); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
}

var spaces = regexp.MustCompile(`\s+`)

func nrm(v any) string {
	s, _ := v.(string)
	s = strings.ReplaceAll(norm.NFC.String(s), "\u00ad", "")
	return strings.TrimSpace(spaces.ReplaceAllString(s, " "))
}

func nonEmptyLines(v any) []string {
	s, _ := v.(string)
	var out []string
	for _, l := range strings.Split(s, "\n") {
		if n := nrm(l); n != "" {
			out = append(out, n)
		}
	}
	return out
}

func sameValue(a, b any) bool {
	fa, oka := a.(float64)
	fb, okb := b.(float64)
	if oka && okb {
		return math.Abs(fa-fb) <= 1e-9*math.Max(1, math.Abs(fa))
	}
	sa, oka := a.(string)
	sb, okb := b.(string)
	if oka && okb {
		return nrm(sa) == nrm(sb)
	}
	return fmt.Sprint(a) == fmt.Sprint(b)
}

func list(v any) []any { l, _ := v.([]any); return l }
func obj(v any) map[string]any {
	m, _ := v.(map[string]any)
	if m == nil {
		return map[string]any{}
	}
	return m
}

// goldFailures lists every check of a gold file that the output fails.
func goldFailures(gold, out map[string]any) []string {
	var fails []string
	fail := func(format string, args ...any) { fails = append(fails, fmt.Sprintf(format, args...)) }
	for _, k := range []string{"kind", "title", "parliament", "wahlperiode", "drucksache", "answered_by", "question_drucksache", "received_on", "forwarded_on", "answered_on"} {
		if w, ok := gold[k]; ok && !sameValue(w, out[k]) {
			fail("%s: got %v, want %v", k, out[k], w)
		}
	}
	if w, ok := gold["askers"]; ok {
		var ws, gs []string
		for _, a := range list(w) {
			ws = append(ws, nrm(obj(a)["name"])+"/"+nrm(obj(a)["party"]))
		}
		for _, a := range list(out["askers"]) {
			gs = append(gs, nrm(obj(a)["name"])+"/"+nrm(obj(a)["party"]))
		}
		if strings.Join(ws, ";") != strings.Join(gs, ";") {
			fail("askers: got %v, want %v", gs, ws)
		}
	}
	if w, ok := gold["preliminary_remarks"]; ok {
		render := func(v any) string {
			var b strings.Builder
			for _, r := range list(v) {
				fmt.Fprintf(&b, "%v:%q|", obj(r)["by"], nonEmptyLines(obj(r)["text"]))
			}
			return b.String()
		}
		if render(w) != render(out["preliminary_remarks"]) {
			fail("preliminary_remarks differ:\n got  %s\n want %s", render(out["preliminary_remarks"]), render(w))
		}
	}
	if w, ok := gold["references"]; ok {
		var ws, gs []string
		for _, r := range list(w) {
			ws = append(ws, fmt.Sprint(r))
		}
		for _, r := range list(out["references"]) {
			gs = append(gs, fmt.Sprint(r))
		}
		sort.Strings(ws)
		sort.Strings(gs)
		if strings.Join(ws, " ") != strings.Join(gs, " ") {
			fail("references: got %v, want %v", gs, ws)
		}
	}
	if w, ok := gold["footnotes"]; ok {
		render := func(v any) string {
			var b strings.Builder
			for _, f := range list(v) {
				fmt.Fprintf(&b, "%s %s q%v|", norm.NFKC.String(nrm(obj(f)["marker"])), nrm(obj(f)["text"]), obj(f)["question"])
			}
			return b.String()
		}
		if render(w) != render(out["footnotes"]) {
			fail("footnotes:\n got  %s\n want %s", render(out["footnotes"]), render(w))
		}
	}
	// a question is known by its number and, for a sub-question answered on its own, its part ("a")
	key := func(q map[string]any) string {
		n, _ := q["number"].(float64)
		part, _ := q["part"].(string)
		return fmt.Sprintf("%v%s", n, part)
	}
	qs := map[string]map[string]any{}
	for _, q := range list(out["questions"]) {
		qs[key(obj(q))] = obj(q)
	}
	if w, ok := gold["questions"]; ok && len(list(w)) != len(qs) {
		fail("question count: got %d, want %d", len(qs), len(list(w)))
	}
	numbers := func(v any) string {
		var ns []string
		for _, n := range list(v) {
			ns = append(ns, fmt.Sprint(n))
		}
		sort.Strings(ns)
		return strings.Join(ns, " ")
	}
	for _, gq := range list(gold["questions"]) {
		n := key(obj(gq))
		q := qs[n]
		if nrm(q["text"]) != nrm(obj(gq)["text"]) {
			fail("question %v text:\n got  %q\n want %q", n, nrm(q["text"]), nrm(obj(gq)["text"]))
		}
		if w, ok := obj(gq)["answered_with"]; ok && numbers(w) != numbers(q["answered_with"]) {
			fail("question %v answered_with: got %v, want %v", n, q["answered_with"], w)
		}
		if ps, ok := obj(gq)["answer_paragraphs"]; ok {
			var want []string
			for _, p := range list(ps) {
				want = append(want, nrm(p))
			}
			got := nonEmptyLines(q["answer"])
			if strings.Join(want, "\n") != strings.Join(got, "\n") {
				fail("question %v answer:\n got  %q\n want %q", n, got, want)
			}
		}
	}
	tables := list(out["tables"])
	if w, ok := gold["tables"]; ok && len(list(w)) != len(tables) {
		fail("table count: got %d, want %d", len(tables), len(list(w)))
	}
	for i, gt := range list(gold["tables"]) {
		if i >= len(tables) {
			break
		}
		fails = append(fails, tableFailures(fmt.Sprintf("table %d", i+1), obj(gt), obj(tables[i]), true)...)
	}
	for _, gt := range list(gold["some_tables"]) {
		g := obj(gt)
		first := nrm(obj(list(list(g["rows"])[0])[0])["raw"])
		var found map[string]any
		for _, t := range tables {
			rows := list(obj(t)["rows"])
			if sameValue(obj(t)["question"], g["question"]) && len(rows) > 0 && len(list(rows[0])) > 0 && nrm(obj(list(rows[0])[0])["raw"]) == first {
				found = obj(t)
				break
			}
		}
		if found == nil {
			fail("table of question %v starting %q not found", g["question"], first)
			continue
		}
		fails = append(fails, tableFailures(fmt.Sprintf("table of question %v", g["question"]), g, found, false)...)
	}
	return fails
}

// tableFailures compares one table with its gold.
func tableFailures(name string, gold, got map[string]any, full bool) []string {
	var fails []string
	fail := func(format string, args ...any) { fails = append(fails, name+": "+fmt.Sprintf(format, args...)) }
	if full {
		for _, k := range []string{"question", "title", "authority_level", "unit"} {
			if w, ok := gold[k]; ok && !sameValue(w, got[k]) {
				fail("%s: got %v, want %v", k, got[k], w)
			}
		}
	}
	if h, ok := gold["header"]; ok {
		var ws, gs []string
		for _, x := range list(h) {
			ws = append(ws, nrm(x))
		}
		for _, x := range list(got["header"]) {
			gs = append(gs, nrm(x))
		}
		if strings.Join(ws, "|") != strings.Join(gs, "|") {
			fail("header: got %q, want %q", gs, ws)
		}
	}
	rows := list(got["rows"])
	if len(rows) != len(list(gold["rows"])) {
		fail("rows: got %d, want %d", len(rows), len(list(gold["rows"])))
	}
	for r, grow := range list(gold["rows"]) {
		var row []any
		if r < len(rows) {
			row = list(rows[r])
		}
		for c, gc := range list(grow) {
			if gc == nil {
				continue
			}
			var cell map[string]any
			if c < len(row) {
				cell = obj(row[c])
			} else {
				cell = map[string]any{}
			}
			w := obj(gc)
			ok := sameValue(w["value"], cell["value"]) && w["kind"] == cell["kind"]
			if raw, has := w["raw"]; has {
				ok = ok && nrm(raw) == nrm(cell["raw"])
			}
			if lvl, has := w["authority_level"]; has {
				ok = ok && lvl == cell["authority_level"]
			}
			if !ok {
				fail("row %d col %d: got %v, want %v", r+1, c+1, cell, w)
			}
		}
	}
	return fails
}

// TestGoldCheckerFails makes sure the gold comparison above notices a wrong title and a wrong question.
func TestGoldCheckerFails(t *testing.T) {
	var gold, out map[string]any
	readJSON(t, filepath.Join("..", "fixtures", "gold", "ni-19-11277.txt.gold.json"), &gold)
	if err := json.Unmarshal(pipeline(t, filepath.Join("..", "fixtures", "ni-19-11277.txt")), &out); err != nil {
		t.Fatal(err)
	}
	out["title"] = "Falscher Titel"
	obj(list(out["questions"])[2])["text"] = "Eine andere Frage?"
	if got := goldFailures(gold, out); len(got) != 2 {
		t.Errorf("%d failures, want 2: %q", len(got), got)
	}
	// questions answered together, and a sub-question answered on its own
	gold, out = nil, nil
	readJSON(t, filepath.Join("..", "fixtures", "gold", "bt-21-9001-generated.pdf.gold.json"), &gold)
	if err := json.Unmarshal(pipeline(t, filepath.Join("..", "fixtures", "bt-21-9001-generated.pdf")), &out); err != nil {
		t.Fatal(err)
	}
	for _, q := range list(out["questions"]) {
		switch q := obj(q); {
		case q["number"] == 2.0:
			q["answered_with"] = []any{3.0}
		case q["part"] == "b":
			delete(q, "part")
		}
	}
	if got := goldFailures(gold, out); len(got) != 3 {
		t.Errorf("%d failures, want 3 (answered_with, the part's text and answer): %q", len(got), got)
	}
}

package transform

import (
	"bufio"
	"bytes"
	"drucksache/internal/golden"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

func TestMinistry(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"neuter compound", "des Niedersächsischen Justizministeriums", "Niedersächsisches Justizministerium"},
		{"part after für stays", "des Niedersächsischen Ministeriums für Inneres, Sport und Digitalisierung", "Niedersächsisches Ministerium für Inneres, Sport und Digitalisierung"},
		{"printing slip: genitive article, nominative noun", "des Niedersächsischen Ministerium für Inneres, Sport und Digitalisierung", "Niedersächsisches Ministerium für Inneres, Sport und Digitalisierung"},
		{"feminine", "der Niedersächsischen Staatskanzlei", "Niedersächsische Staatskanzlei"},
		{"Kultusministerium", "des Niedersächsischen Kultusministeriums", "Niedersächsisches Kultusministerium"},
		{"long name", "des Niedersächsischen Ministeriums für Soziales, Arbeit, Gesundheit und Gleichstellung", "Niedersächsisches Ministerium für Soziales, Arbeit, Gesundheit und Gleichstellung"},
		{"Landesregierung", "der Landesregierung", "Landesregierung"},
		{"Bundesregierung", "der Bundesregierung", "Bundesregierung"},
		{"Wissenschaft und Kultur", "des Niedersächsischen Ministeriums für Wissenschaft und Kultur", "Niedersächsisches Ministerium für Wissenschaft und Kultur"},
		{"with Antwort and namens", "Antwort des Niedersächsischen Justizministeriums namens der Landesregierung vom 17.07.2026", "Niedersächsisches Justizministerium"},
		{"namens at the line end", "des Niedersächsischen Ministeriums für Wirtschaft, Verkehr und Bauen namens der", "Niedersächsisches Ministerium für Wirtschaft, Verkehr und Bauen"},
		{"hyphenated over two lines", "des Niedersächsischen Ministeriums für Wissenschaft und Kultur namens der Landesregie-\nrung vom 06.07.2026", "Niedersächsisches Ministerium für Wissenschaft und Kultur"},
		{"name broken over two lines", "des Niedersächsischen Ministeriums für Soziales, Arbeit, Gesundheit und Gleichstellung \nnamens der Landesregierung", "Niedersächsisches Ministerium für Soziales, Arbeit, Gesundheit und Gleichstellung"},
		{"word hyphenated in the name", "des Niedersächsischen Ministeriums für Wirtschaft, Ver-\nkehr und Bauen", "Niedersächsisches Ministerium für Wirtschaft, Verkehr und Bauen"},
		{"left-out word keeps its hyphen", "des Niedersächsischen Ministeriums für Bundes- und Europaangelegenheiten und Regionale Entwicklung", "Niedersächsisches Ministerium für Bundes- und Europaangelegenheiten und Regionale Entwicklung"},
		{"stars after", "der Landesregierung**", "Landesregierung"},
		{"Bundesministerium", "des Bundesministeriums für Bildung, Familie, Senioren, Frauen und Jugend", "Bundesministerium für Bildung, Familie, Senioren, Frauen und Jugend"},
		{"Staatsministerium des Innern", "des Bayerischen Staatsministeriums des Innern, für Sport und Integration", "Bayerisches Staatsministerium des Innern, für Sport und Integration"},
		{"masculine", "des Niedersächsischen Landesrechnungshofs", "Niedersächsischer Landesrechnungshof"},
		{"Senat", "des Senats", "Senat"},
		{"Senatsverwaltung", "der Senatsverwaltung für Bildung, Jugend und Familie", "Senatsverwaltung für Bildung, Jugend und Familie"},
		{"indeclinable adjective", "des Thüringer Ministeriums für Bildung, Wissenschaft und Kultur", "Thüringer Ministerium für Bildung, Wissenschaft und Kultur"},
		{"Saarland", "des Ministeriums für Inneres, Bauen und Sport", "Ministerium für Inneres, Bauen und Sport"},
		{"over two lines with Antwort alone", "Antwort\nder Bundesregierung", "Bundesregierung"},
		{"Amt alone", "des Amtes", "Amt"},
		{"abbreviation stays", "des MWK", "MWK"},
		{"already nominative neuter", "Niedersächsisches Justizministerium", "Niedersächsisches Justizministerium"},
		{"already nominative feminine", "Niedersächsische Staatskanzlei", "Niedersächsische Staatskanzlei"},
		{"already nominative with für", "Niedersächsisches Ministerium für Inneres, Sport und Digitalisierung", "Niedersächsisches Ministerium für Inneres, Sport und Digitalisierung"},
		{"abbreviation in parentheses dropped", "des Niedersächsischen Kultusministeriums (MK)", "Niedersächsisches Kultusministerium"},
		{"empty", "", ""},
		{"Antwort alone", "Antwort", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Ministry(tt.in); got != tt.want {
				t.Errorf("Ministry(%q)\n got  %q\n want %q", tt.in, got, tt.want)
			}
		})
	}
}

// answerLines collects, from the documents in dirs, every line that starts with "Antwort des" or
// "Antwort der", alone and joined with the next line when that line goes on with the phrase.
func answerLines(t *testing.T, dirs ...string) []string {
	t.Helper()
	var out []string
	for _, dir := range dirs {
		files, _ := filepath.Glob(filepath.Join(dir, "*.txt"))
		for _, file := range files {
			data, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			var lines []string
			sc := bufio.NewScanner(bytes.NewReader(data))
			sc.Buffer(nil, 1<<20)
			for sc.Scan() {
				lines = append(lines, strings.TrimRight(sc.Text(), " \f"))
			}
			for i, l := range lines {
				l = strings.TrimLeft(l, "\f ")
				if !strings.HasPrefix(l, "Antwort des ") && !strings.HasPrefix(l, "Antwort der ") {
					continue
				}
				out = append(out, l)
				if i+1 < len(lines) {
					next := strings.TrimSpace(lines[i+1])
					if strings.HasPrefix(next, "namens") || strings.HasPrefix(next, "Landesregierung") || strings.HasPrefix(next, "rung") || strings.HasPrefix(next, "desregierung") {
						out = append(out, l+"\n"+next)
					}
				}
			}
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// TestMinistryCorpus names the answering body of every "Antwort des/der" line of the corpus and of the
// shared evaluation documents (when they are there) and compares with testdata/ministries.golden.
func TestMinistryCorpus(t *testing.T) {
	dirs := []string{"../fixtures"}
	if _, err := os.Stat("../../shared/eval"); err == nil {
		dirs = append(dirs, "../../shared/eval")
	}
	lines := answerLines(t, dirs...)
	if len(lines) < 10 {
		t.Fatalf("found only %d Antwort lines", len(lines))
	}
	got := map[string]string{}
	for _, l := range lines {
		got[l] = Ministry(l)
	}
	path := filepath.Join("testdata", "ministries.golden")
	if golden.Updating() {
		var b strings.Builder
		for _, l := range lines {
			b.WriteString(strings.ReplaceAll(l, "\n", `\n`) + "\t" + got[l] + "\n")
		}
		golden.Write(t, path, []byte(b.String()))
	}
	data := golden.Read(t, path)
	want := map[string]string{}
	for _, line := range strings.Split(strings.TrimSuffix(string(data), "\n"), "\n") {
		in, out, _ := strings.Cut(line, "\t")
		want[strings.ReplaceAll(in, `\n`, "\n")] = out
	}
	for _, l := range lines {
		w, ok := want[l]
		if !ok {
			if dirs[len(dirs)-1] == "../fixtures" {
				continue
			}
			t.Errorf("%q: not in %s (run go test -update)", l, path)
			continue
		}
		if got[l] != w {
			t.Errorf("Ministry(%q)\n got  %q\n want %q", l, got[l], w)
		}
	}
	// Whatever the line, the result is a name in the nominative: no article, no "Antwort", no "namens".
	for _, l := range lines {
		m := got[l]
		for _, bad := range []string{"Antwort", "namens", " vom ", "Niedersächsischen", "Ministeriums"} {
			if strings.Contains(m, bad) {
				t.Errorf("Ministry(%q) = %q holds %q", l, m, bad)
			}
		}
		if strings.HasPrefix(m, "des ") || strings.HasPrefix(m, "der ") {
			t.Errorf("Ministry(%q) = %q keeps its article", l, m)
		}
	}
}

// FuzzMinistry checks that naming never panics and that a name in the nominative stays as it is.
func FuzzMinistry(f *testing.F) {
	for _, s := range []string{"des Niedersächsischen Justizministeriums", "der Niedersächsischen Staatskanzlei", "Antwort der Landesregierung vom 1.1.2025", "des Ministeriums für Inneres, Sport", "des  ", "der Ver-\nkehr", "der der Foo", "X (a) (b)", "Antwort Antwort des Amtes", "des"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		once := Ministry(s)
		if twice := Ministry(once); twice != once {
			t.Fatalf("Ministry(%q) = %q, but Ministry(%q) = %q", s, once, once, twice)
		}
	})
}

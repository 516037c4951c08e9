package batch

import (
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"drucksache/batch/internal/index"
)

func TestCollectInputs(t *testing.T) {
	chdir(t, t.TempDir())
	pdf, _ := os.ReadFile(filepath.Join(fixtures, "nds-19-kleine-anfrage-it-infrastruktur.pdf"))
	files := map[string]string{
		"in/a.txt":                "Drucksache",
		"in/B.PDF":                "%PDF-1.4",
		"in/sub/c.html":           "<html></html>",
		"in/sub/deeper/d.htm":     "<p>",
		"in/scan-without-ext":     string(pdf[:200]),
		"in/page.dat":             "<!DOCTYPE html><html><body>x</body></html>",
		"in/notes.md":             "# notes",
		"in/data.json":            `{"a": 1}`,
		"in/.hidden.txt":          "hidden",
		"in/.git/HEAD.txt":        "hidden folder",
		"in/out/json/x.json":      "{}",
		"in/out/stale.txt":        "inside the output folder",
		"other/e.txt":             "named directly",
		"other/.named-hidden.txt": "named directly, so taken",
	}
	for name, content := range files {
		writeFile(t, name, []byte(content))
	}
	tests := []struct {
		name    string
		args    []string
		stdin   string
		want    []string // path:key
		roots   []string
		ignored int
	}{
		{"a folder, recursively, by extension and content", []string{"in"}, "", []string{
			"in/B.PDF:B.PDF", "in/a.txt:a.txt", "in/page.dat:page.dat", "in/scan-without-ext:scan-without-ext",
			"in/sub/c.html:sub/c.html", "in/sub/deeper/d.htm:sub/deeper/d.htm"}, []string{"in"}, 2},
		{"files named directly, whatever their name", []string{"other/e.txt", "other/.named-hidden.txt"}, "", []string{
			"other/.named-hidden.txt:.named-hidden.txt", "other/e.txt:e.txt"}, nil, 0},
		// " other/e.txt" with its leading blank is a path of its own, and missing: an input that fails.
		{"a list on stdin", []string{"-"}, "in/sub\r\n\n other/e.txt\n", []string{
			" other/e.txt:e.txt", "in/sub/c.html:c.html", "in/sub/deeper/d.htm:deeper/d.htm"}, []string{"in/sub"}, 0},
		{"one file by two names", []string{"in/sub", "./in/sub/c.html"}, "", []string{
			"in/sub/c.html:c.html", "in/sub/deeper/d.htm:deeper/d.htm"}, []string{"in/sub"}, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			st := testStore(t)
			set, err := collectInputs(tt.args, strings.NewReader(tt.stdin), "in/out", Shard{1, 1}, st)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			err = st.EachInputChunk(func(chunk []index.Input) error {
				for _, in := range chunk {
					got = append(got, filepath.ToSlash(in.Path)+":"+in.Key)
				}
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
			if strings.Join(got, " ") != strings.Join(tt.want, " ") || set.ignored != tt.ignored ||
				strings.Join(set.roots, " ") != strings.Join(tt.roots, " ") {
				t.Errorf("collectInputs(%q)\n got %v, roots %v, %d ignored\nwant %v, roots %v, %d ignored",
					tt.args, got, set.roots, set.ignored, tt.want, tt.roots, tt.ignored)
			}
		})
	}
}

func TestUnder(t *testing.T) {
	tests := []struct {
		path, root string
		want       bool
	}{
		{"in/a.txt", "in", true},
		{"in/sub/a.txt", "in", true},
		{"in", "in", false},
		{"input/a.txt", "in", false},
		{"a.txt", ".", true},
		{"../a.txt", ".", false},
		{"/abs/in/a.txt", "in", false},
		{"/abs/in/a.txt", "/abs/in", true},
	}
	for _, tt := range tests {
		if got := under(tt.path, tt.root); got != tt.want {
			t.Errorf("under(%q, %q) = %v, want %v", tt.path, tt.root, got, tt.want)
		}
	}
}

// FuzzReadList checks the stdin list: no blank entries, no line ends, and a list written back one
// path a line reads as the same list.
func FuzzReadList(f *testing.F) {
	for _, s := range []string{"", "a\nb\n", "a\r\n\r\nb", "  \n\t\n", "x\ry\n"} {
		f.Add(s)
	}
	readAll := func(r io.Reader) ([]string, error) {
		var list []string
		err := readList(r, func(p string) error { list = append(list, p); return nil })
		return list, err
	}
	f.Fuzz(func(t *testing.T, s string) {
		list, err := readAll(strings.NewReader(s))
		if err != nil {
			return // a line longer than the scanner's limit
		}
		for _, p := range list {
			if strings.TrimSpace(p) == "" || strings.ContainsAny(p, "\n") || strings.HasSuffix(p, "\r") {
				t.Fatalf("readList(%q) gave %q", s, p)
			}
		}
		again, err := readAll(strings.NewReader(strings.Join(list, "\n")))
		if err != nil || strings.Join(again, "\x00") != strings.Join(list, "\x00") {
			t.Fatalf("readList(%q) = %q; written back and read again: %q, %v", s, list, again, err)
		}
	})
}

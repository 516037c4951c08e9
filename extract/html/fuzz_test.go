package html

import (
	"context"
	"os"
	"reflect"
	"strings"
	"testing"
)

// FuzzHTML reads arbitrary bytes as HTML: it must never panic, every table row must have as many cells as
// the widest row of its table, and reading the same bytes again must give the same lines.
func FuzzHTML(f *testing.F) {
	fixture, err := os.ReadFile(fixturePath)
	if err != nil {
		f.Fatal(err)
	}
	f.Add(fixture)
	f.Add(fixture[:6000]) // cut off in the middle of a paragraph
	doc := string(fixture)
	from, to := strings.Index(doc, "<table"), strings.Index(doc, "</table>")
	if from < 0 || to < from {
		f.Fatal("the fixture has no table")
	}
	table := doc[from : to+len("</table>")]
	f.Add([]byte(table))
	f.Add([]byte(strings.ReplaceAll(table, "</td>", "")))
	f.Add([]byte(strings.ReplaceAll(table, "<tr", "<tr><td rowspan=0 colspan=3>x</td")))
	f.Add([]byte(`<table><tr><td rowspan=3 colspan=2>a<table><tr><td>b</td></tr></table></td></tr><tr><td>c</td></tr></table>`))
	f.Add([]byte(`<meta charset="windows-1252"><p>Gr` + "\xf6\xdf" + `e<sup>1</sup><a href="#_ftn1">[1]</a></p>`))
	f.Add([]byte(`<ol start=-5 type=i><li value=4000>x<ul><li>y</ul></ol><pre>a` + "\n" + `b</pre>`))
	f.Add([]byte(strings.Repeat("<div><b>", 600) + "x"))
	f.Add([]byte(`<div title="header"><p><sdfield type=PAGE>1</sdfield></p></div><div id=sdfootnote1><p><a href="#sdfootnote1anc">1</a>n</p></div>`))
	f.Fuzz(func(t *testing.T, data []byte) {
		first, err1 := Reader{}.Read(context.Background(), "fuzz.html", data)
		again, err2 := Reader{}.Read(context.Background(), "fuzz.html", data)
		if (err1 == nil) != (err2 == nil) || err1 != nil && err1.Error() != err2.Error() {
			t.Fatalf("errors differ: %v / %v", err1, err2)
		}
		if err1 != nil {
			return
		}
		if !reflect.DeepEqual(first, again) {
			t.Fatal("reading the same bytes twice gave different lines")
		}
		widths := map[int]int{}
		for _, l := range first.Lines {
			if l.Table > 0 {
				widths[l.Table] = max(widths[l.Table], len(l.Cells))
			}
		}
		for _, l := range first.Lines {
			if l.Table > 0 && len(l.Cells) != widths[l.Table] {
				t.Fatalf("table %d: a row of %d cells in a table %d wide: %q", l.Table, len(l.Cells), widths[l.Table], l.Text)
			}
			if l.Table == 0 && (l.Text == "" || l.Text != clean(l.Text)) {
				t.Fatalf("line %d not clean: %q", l.No, l.Text)
			}
		}
	})
}

package load

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
)

// TestParquetManySmallDocuments streams many small documents into three partitions, as a batch over a
// Wahlperiode does: the budget closes row groups often, and a file that has maxRowGroups goes on in a
// new one, so that the footer entries a writer keeps do not pile up. Every row arrives, in files of at
// most maxRowGroups row groups.
func TestParquetManySmallDocuments(t *testing.T) {
	if testing.Short() {
		t.Skip("many documents")
	}
	gold := docs(goldDocs(t))
	const n = 6000
	dir := t.TempDir()
	p := NewParquet(dir, "r0")
	want := map[string]int64{}
	for i := range n {
		d := *gold[i%len(gold)]
		d.ID = fmt.Sprintf("%s-19-%d", []string{"ni", "bt", "by"}[i%3], 100000+i)
		r := rowsOf(&d)
		want[TableDocuments] += int64(len(r.documents))
		want[TableQuestions] += int64(len(r.questions))
		want[TableTables] += int64(len(r.tables))
		want[TableCells] += int64(len(r.cells))
		if err := p.Write(context.Background(), &d); err != nil {
			t.Fatal(err)
		}
	}
	if err := p.Close(); err != nil {
		t.Fatal(err)
	}
	got, files, rolled := map[string]int64{}, 0, 0
	for _, f := range listFiles(t, dir) {
		pf := openParquet(t, filepath.Join(dir, f))
		if g := len(pf.RowGroups()); g > maxRowGroups {
			t.Errorf("%s: %d row groups, want at most %d", f, g, maxRowGroups)
		}
		table, _, _ := strings.Cut(f, "/")
		got[table] += pf.NumRows()
		files++
		if strings.HasSuffix(f, "-1.parquet") {
			rolled++
		}
	}
	for table, w := range want {
		if got[table] != w {
			t.Errorf("%s: %d rows, want %d", table, got[table], w)
		}
	}
	if rolled == 0 {
		t.Errorf("%d files and none continued in a second one: the test does not reach maxRowGroups", files)
	}
	t.Logf("%d documents in %d files", n, files)
}

package index

import (
	"fmt"
	"strings"
	"testing"
)

// TestEachHolders checks the merge's walk of the holdings: the holdings of each id together, the first
// in path order first (a path before the longer paths it begins), one path of two shards in shard
// order, ids in order; and the lost, remade and settled records read back as written.
func TestEachHolders(t *testing.T) {
	st := testStore(t)
	holdings := []struct {
		shard    int
		id, path string
	}{
		{2, "ni-19-2", "in/b.html"}, {1, "ni-19-2", "in/a.pdf"}, {3, "ni-19-2", "in/a.pdf.txt"},
		{2, "ni-19-1", "in/x.txt"}, {1, "ni-19-1", "in/x.txt"}, {300, "ni-19-10", "in/z.txt"},
	}
	sums := []Digest{{1}, {2}}
	err := st.Update(func(tx *Tx) error {
		for _, h := range holdings {
			e := &Entry{Path: h.path, ID: h.id, Status: StatusDone, Sums: sums}
			if err := tx.PutHolding(h.shard, e); err != nil {
				return err
			}
		}
		if err := tx.PutLost(2, "in/b.html", "ni-19-2"); err != nil {
			return err
		}
		if err := tx.PutRemade(1, "in/a.pdf", sums); err != nil {
			return err
		}
		return tx.PutSettled("ni-19-3")
	})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	err = st.EachHolders(func(id string, hs []Holding) error {
		var list []string
		for _, h := range hs {
			if h.Entry.ID != id || len(h.Entry.Sums) != 2 {
				t.Errorf("%s: holding %+v", id, h.Entry)
			}
			list = append(list, fmt.Sprintf("%d:%s", h.Shard, h.Entry.Path))
		}
		got = append(got, id+" "+strings.Join(list, " "))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"ni-19-1 1:in/x.txt 2:in/x.txt",
		"ni-19-10 300:in/z.txt",
		"ni-19-2 1:in/a.pdf 3:in/a.pdf.txt 2:in/b.html",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("holders:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	st.View(func(tx *Tx) error {
		if !tx.Lost(2, "in/b.html") || tx.Lost(1, "in/b.html") || tx.Lost(2, "in/a.pdf") {
			t.Error("lost: want only shard 2's in/b.html")
		}
		if got, ok := tx.Remade(1, "in/a.pdf"); !ok || len(got) != 2 || got[0] != sums[0] || got[1] != sums[1] {
			t.Errorf("remade: %v, %v", got, ok)
		}
		if _, ok := tx.Remade(2, "in/a.pdf"); ok {
			t.Error("remade for shard 2")
		}
		if !tx.Settled("ni-19-3") || tx.Settled("ni-19-2") {
			t.Error("settled: want only ni-19-3")
		}
		return nil
	})
}

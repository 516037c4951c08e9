package load

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/xuri/excelize/v2"

	drucksache "drucksache"
)

// TestWorkbookByteIdentical writes the same document twice and expects the same bytes, and a
// workbook excelize reads back.
func TestWorkbookByteIdentical(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("..", "fixtures", "gold", "nds-19-kleine-anfrage-it-infrastruktur.txt.gold.json"))
	if err != nil {
		t.Fatal(err)
	}
	var doc drucksache.Document
	if err := json.Unmarshal(data, &doc); err != nil {
		t.Fatal(err)
	}
	doc.ID = "ni-19-7263"
	for i := range doc.Tables {
		doc.Tables[i].ID = "t" + string(rune('1'+i))
	}
	var a, b bytes.Buffer
	if err := WriteWorkbook(&a, &doc); err != nil {
		t.Fatal(err)
	}
	if err := WriteWorkbook(&b, &doc); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Fatalf("two writes of one document differ (%d and %d bytes)", a.Len(), b.Len())
	}
	f, err := excelize.OpenReader(bytes.NewReader(a.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if len(f.GetSheetList()) < len(doc.Tables)+2 {
		t.Errorf("sheets %v, want an overview, the questions and %d tables", f.GetSheetList(), len(doc.Tables))
	}
}

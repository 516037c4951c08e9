package transform

import (
	"os"
	"strings"
	"testing"
)

// TestMeaningsDocumented keeps the Parquet schema's list of sign meanings the one the code writes.
func TestMeaningsDocumented(t *testing.T) {
	doc, err := os.ReadFile("../docs/parquet-schema.md")
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range []string{MeaningNothing, MeaningUnknown, MeaningLocked, MeaningNotYet, MeaningUnreliable, MeaningNoInformation} {
		if !strings.Contains(string(doc), "`"+m+"`") {
			t.Errorf("docs/parquet-schema.md does not name the meaning %q", m)
		}
	}
}

package batch

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	drucksache "drucksache"
	"drucksache/extract"
	"drucksache/internal/golden"
)

// fake extracts by file name, so that the golden summary depends on the runner alone: "bad" files
// fail as a text that is not a Drucksache, "again" files are a document already seen, the others
// are their own document.
func fake(ctx context.Context, path string, timeout time.Duration) (*drucksache.Document, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	base := strings.TrimSuffix(filepath.Base(path), filepath.Ext(path))
	if strings.HasPrefix(base, "bad") {
		return nil, &extract.Error{File: path, Line: 3, Stage: "txt", Err: errors.New("not a Drucksache\nmore detail on the next line")}
	}
	id := "ni-19-" + strings.TrimPrefix(base, "again-")
	sum := sha256.Sum256(data)
	return &drucksache.Document{SchemaVersion: 1, ID: id, Kind: drucksache.KindUnknown,
		Source: drucksache.Source{File: path, Format: "txt", SHA256: hex.EncodeToString(sum[:]), Pages: 1}}, nil
}

// TestRunGolden runs a small folder twice and compares stderr and the reports with testdata/golden/.
func TestRunGolden(t *testing.T) {
	chdir(t, t.TempDir())
	for name, content := range map[string]string{
		"in/1001.txt": "a", "in/1002.txt": "b", "in/sub/again-1001.txt": "c", "in/bad-1.txt": "d", "in/bad-2.txt": "e",
	} {
		writeFile(t, name, []byte(content))
	}
	r := testConfig("out", 2)
	r.Extract = fake
	var got bytes.Buffer
	for i, change := range []func(){nil, func() { writeFile(t, "in/1002.txt", []byte("b2")) }} {
		if change != nil {
			change()
		}
		var stderr bytes.Buffer
		err := Run(context.Background(), r, []string{"in"}, strings.NewReader(""), &stderr)
		fmt.Fprintf(&got, "== run %d: exit %d\n%s", i+1, exitStatus(err), stderr.String())
		data, _ := os.ReadFile("out/report.json")
		var rep report
		json.Unmarshal(data, &rep)
		rep.Started, rep.Seconds, rep.Workers = "", 0, 0
		js, _ := json.MarshalIndent(rep, "", "  ")
		fmt.Fprintf(&got, "-- report.json\n%s\n", js)
	}
	norm := regexp.MustCompile(`; [0-9.]+s\n`).ReplaceAll(got.Bytes(), []byte("; Ts\n"))
	golden.Check(t, filepath.Join(testdata, "golden", "run.txt"), norm)
}

package dumped

import (
	"fmt"
	"os"
	"strings"
	"testing"

	"drucksache/extract/layout"
)

func TestDebugColumns(t *testing.T) {
	f := os.Getenv("DBG")
	if f == "" {
		t.Skip()
	}
	data, _ := os.ReadFile(f)
	var lines []layout.Line
	brk := false
	page := 1
	for no, s := range strings.Split(string(data), "\n") {
		if strings.Contains(s, "\f") {
			page++
			s = strings.ReplaceAll(s, "\f", "")
		}
		if strings.TrimSpace(s) == "" {
			brk = true
			continue
		}
		lines = append(lines, layout.Line{Text: s, No: no + 1, Page: page, Break: brk})
		brk = false
	}
	for i := 0; i < len(lines); i++ {
		head, body, n := columnBlock(lines, i)
		if len(head) == 0 || len(body) < 2 {
			continue
		}
		cols := columnsOf(body)
		fmt.Println("BLOCK at", lines[i].No, "n", n, "head", len(head), "body", len(body), "cols", cols)
		rows, _ := Columns(lines, i, nil)
		for _, r := range rows {
			fmt.Printf("  %v %q\n", r.Header, r.Cells)
		}
		i += n - 1
	}
}

func TestDebugBlock(t *testing.T) {
	f := os.Getenv("DBG")
	if f == "" {
		t.Skip()
	}
	data, _ := os.ReadFile(f)
	var lines []layout.Line
	brk := false
	page := 1
	for no, s := range strings.Split(string(data), "\n") {
		if strings.Contains(s, "\f") {
			page++
			s = strings.ReplaceAll(s, "\f", "")
		}
		if strings.TrimSpace(s) == "" {
			brk = true
			continue
		}
		lines = append(lines, layout.Line{Text: s, No: no + 1, Page: page, Break: brk})
		brk = false
	}
	for i := range lines {
		if strings.HasPrefix(lines[i].Text, os.Getenv("AT")) {
			head, body, n := columnBlock(lines, i)
			fmt.Println(len(head), len(body), n)
			for _, l := range body {
				fmt.Println(figureLine(l.Text), l.Text)
			}
			return
		}
	}
}

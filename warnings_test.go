package drucksache

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"strings"
	"testing"
)

// TestWarningCodes keeps WarningCodes the whole catalogue: every constant of type WarningCode
// declared in warnings.go listed once, and every code unique and in snake case.
func TestWarningCodes(t *testing.T) {
	f, err := parser.ParseFile(token.NewFileSet(), "warnings.go", nil, 0)
	if err != nil {
		t.Fatal(err)
	}
	declared := map[string]bool{}
	for _, d := range f.Decls {
		g, ok := d.(*ast.GenDecl)
		if !ok || g.Tok != token.CONST {
			continue
		}
		for _, s := range g.Specs {
			v := s.(*ast.ValueSpec)
			if id, ok := v.Type.(*ast.Ident); ok && id.Name == "WarningCode" {
				for _, n := range v.Names {
					declared[n.Name] = true
				}
			}
		}
	}
	seen := map[WarningCode]bool{}
	for _, c := range WarningCodes {
		if seen[c] {
			t.Errorf("code %q listed twice", c)
		}
		seen[c] = true
		for _, r := range c {
			if (r < 'a' || r > 'z') && r != '_' {
				t.Errorf("code %q: %q is not a lower-case letter or _", c, r)
			}
		}
	}
	if len(declared) == 0 || len(seen) != len(declared) {
		t.Errorf("warnings.go declares %d codes, WarningCodes lists %d", len(declared), len(seen))
	}
}

// TestReviewDocumented keeps docs/review.md's table the catalogue: every code once, with whether it
// calls for review as CallsForReview says.
func TestReviewDocumented(t *testing.T) {
	data, err := os.ReadFile("docs/review.md")
	if err != nil {
		t.Fatal(err)
	}
	documented := map[WarningCode]string{}
	for _, line := range strings.Split(string(data), "\n") {
		cols := strings.Split(line, "|")
		if len(cols) < 5 || !strings.HasPrefix(strings.TrimSpace(cols[1]), "`") {
			continue
		}
		code := WarningCode(strings.Trim(strings.TrimSpace(cols[1]), "`"))
		if _, ok := documented[code]; ok {
			t.Errorf("docs/review.md lists %q twice", code)
		}
		documented[code] = strings.TrimSpace(cols[3])
	}
	for _, c := range WarningCodes {
		want := "no"
		if c.CallsForReview() {
			want = "yes"
		}
		if got, ok := documented[c]; !ok || got != want {
			t.Errorf("docs/review.md: %q calls for review %q, want %q", c, got, want)
		}
	}
	if len(documented) != len(WarningCodes) {
		t.Errorf("docs/review.md lists %d codes, the catalogue has %d", len(documented), len(WarningCodes))
	}
}

package lazyre_test

import (
	"testing"

	_ "drucksache/extract" // the readers and the parser, with their patterns
	"drucksache/internal/lazyre"
	_ "drucksache/transform"
)

// TestPatternsCompile: every pattern of the readers, the parser and transform, compiled on first
// use, compiles.
func TestPatternsCompile(t *testing.T) {
	if err := lazyre.Check(); err != nil {
		t.Fatal(err)
	}
}

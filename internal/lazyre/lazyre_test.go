package lazyre

import (
	"strings"
	"sync"
	"testing"
)

func TestRegexp(t *testing.T) {
	r := New(`Drucksache (\d+)/(\d+)`)
	if r.re != nil {
		t.Fatal("compiled before first use")
	}
	const s = "siehe Drucksache 19/11185 und Drucksache 19/11277"
	if m := r.FindStringSubmatch(s); len(m) != 3 || m[1] != "19" || m[2] != "11185" {
		t.Errorf("FindStringSubmatch = %q", m)
	}
	if got := r.FindAllString(s, -1); strings.Join(got, ";") != "Drucksache 19/11185;Drucksache 19/11277" {
		t.Errorf("FindAllString = %q", got)
	}
	if got := r.ReplaceAllString(s, "$2"); got != "siehe 11185 und 11277" {
		t.Errorf("ReplaceAllString = %q", got)
	}
	if !r.MatchString(s) || r.MatchString("Drucksache") {
		t.Error("MatchString")
	}
	if got := r.FindStringIndex(s); len(got) != 2 || got[0] != 6 {
		t.Errorf("FindStringIndex = %v", got)
	}
}

// TestConcurrentFirstUse: goroutines using a pattern for the first time at once all get it compiled
// once (run with -race).
func TestConcurrentFirstUse(t *testing.T) {
	r := New(`^\d+$`)
	var wg sync.WaitGroup
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if !r.MatchString("2025") {
				t.Error("no match")
			}
		}()
	}
	wg.Wait()
}

func TestCheck(t *testing.T) {
	if err := Check(); err != nil {
		t.Fatal(err)
	}
	New(`(unclosed`)
	if err := Check(); err == nil {
		t.Fatal("a pattern that does not compile passed Check")
	}
	mu.Lock()
	all = all[:len(all)-1]
	mu.Unlock()
}

// Package lazyre holds regular expressions that are compiled when first used, not when the program
// starts: `drucksache extract` runs for one document, and compiling every pattern of every reader
// and parser at start (most of which that document never needs) took a tenth of its time on a
// short PDF.
package lazyre

import (
	"regexp"
	"sync"
)

// Regexp is a regular expression compiled on first use; its methods are those of regexp.Regexp.
type Regexp struct {
	expr string
	once sync.Once
	re   *regexp.Regexp
}

var (
	mu  sync.Mutex
	all []*Regexp // every pattern made by New, for Check
)

// New returns the expression expr, compiled when first used. An expression that does not compile
// panics there, as regexp.MustCompile would at start; Check finds that in a test.
func New(expr string) *Regexp {
	r := &Regexp{expr: expr}
	mu.Lock()
	all = append(all, r)
	mu.Unlock()
	return r
}

// Check compiles every expression made so far and returns the first error: a test of a package
// calls it, so that a pattern that does not compile fails the tests, not a user's run.
func Check() error {
	mu.Lock()
	defer mu.Unlock()
	for _, r := range all {
		if _, err := regexp.Compile(r.expr); err != nil {
			return err
		}
	}
	return nil
}

// Get returns the compiled expression.
func (r *Regexp) Get() *regexp.Regexp {
	r.once.Do(func() { r.re = regexp.MustCompile(r.expr) })
	return r.re
}

// String returns the source text of the expression.
func (r *Regexp) String() string { return r.expr }

// MatchString reports whether s contains a match.
func (r *Regexp) MatchString(s string) bool { return r.Get().MatchString(s) }

// FindString returns the leftmost match in s.
func (r *Regexp) FindString(s string) string { return r.Get().FindString(s) }

// FindStringIndex returns the position of the leftmost match in s.
func (r *Regexp) FindStringIndex(s string) []int { return r.Get().FindStringIndex(s) }

// FindStringSubmatch returns the leftmost match in s and its submatches.
func (r *Regexp) FindStringSubmatch(s string) []string { return r.Get().FindStringSubmatch(s) }

// FindStringSubmatchIndex returns the positions of the leftmost match in s and its submatches.
func (r *Regexp) FindStringSubmatchIndex(s string) []int { return r.Get().FindStringSubmatchIndex(s) }

// FindSubmatch returns the leftmost match in b and its submatches.
func (r *Regexp) FindSubmatch(b []byte) [][]byte { return r.Get().FindSubmatch(b) }

// Match reports whether b contains a match.
func (r *Regexp) Match(b []byte) bool { return r.Get().Match(b) }

// FindAllSubmatch returns up to n successive matches in b with their submatches (all for n < 0).
func (r *Regexp) FindAllSubmatch(b []byte, n int) [][][]byte { return r.Get().FindAllSubmatch(b, n) }

// FindAllSubmatchIndex returns the positions of up to n successive matches in b and their submatches.
func (r *Regexp) FindAllSubmatchIndex(b []byte, n int) [][]int {
	return r.Get().FindAllSubmatchIndex(b, n)
}

// FindAllStringSubmatchIndex returns the positions of up to n successive matches in s and their
// submatches.
func (r *Regexp) FindAllStringSubmatchIndex(s string, n int) [][]int {
	return r.Get().FindAllStringSubmatchIndex(s, n)
}

// FindAllString returns up to n successive matches in s (all for n < 0).
func (r *Regexp) FindAllString(s string, n int) []string { return r.Get().FindAllString(s, n) }

// FindAllStringSubmatch returns up to n successive matches in s with their submatches.
func (r *Regexp) FindAllStringSubmatch(s string, n int) [][]string {
	return r.Get().FindAllStringSubmatch(s, n)
}

// FindAllStringIndex returns the positions of up to n successive matches in s.
func (r *Regexp) FindAllStringIndex(s string, n int) [][]int { return r.Get().FindAllStringIndex(s, n) }

// ReplaceAllString returns s with every match replaced by repl, which may name submatches ($1).
func (r *Regexp) ReplaceAllString(s, repl string) string { return r.Get().ReplaceAllString(s, repl) }

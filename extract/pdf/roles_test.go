package pdf

import (
	"regexp"
	"testing"
)

func TestHashDigits(t *testing.T) {
	for in, want := range map[string]string{
		"":                             "",
		"Drucksache 21/1407":           "Drucksache #/#",
		"Seite 3 von 12":               "Seite # von #",
		"– 12 –":                       "– # –",
		"ohne Ziffern":                 "ohne Ziffern",
		"²³ hochgestellt bleibt":       "²³ hochgestellt bleibt",
		"31.12.2024 und 0815\xffx9":    "#.#.# und #\xffx#",
		"Deutscher Bundestag – 21. WP": "Deutscher Bundestag – #. WP",
	} {
		if got := hashDigits(in); got != want {
			t.Errorf("hashDigits(%q) = %q, want %q", in, got, want)
		}
	}
}

// FuzzHashDigits: the hand-written replacement gives what the pattern \d+ replaced by "#" gives.
func FuzzHashDigits(f *testing.F) {
	re := regexp.MustCompile(`\d+`)
	f.Add("Seite 3 von 12")
	f.Add("31.12.2024\xff٣")
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := hashDigits(s), re.ReplaceAllString(s, "#"); got != want {
			t.Fatalf("hashDigits(%q) = %q, the pattern %q", s, got, want)
		}
	})
}

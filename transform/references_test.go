package transform

import (
	"slices"
	"strings"
	"testing"
)

func TestReferences(t *testing.T) {
	tests := []struct {
		name string
		in   []string
		want []string
	}{
		{"two after Drs.", []string{"in den Drs. 19/4401 und 19/6236 verwiesen."}, []string{"19/4401", "19/6236"}},
		{"in parentheses", []string{"(Drs. 19/1164) enthaltene Aufzählung"}, []string{"19/1164"}},
		{"Drucksache", []string{"siehe Drucksache 19/123."}, []string{"19/123"}},
		{"list", []string{"Drucksachen 18/1, 18/2 und 18/3"}, []string{"18/1", "18/2", "18/3"}},
		{"Bundestag", []string{"BT-Drs. 21/7449"}, []string{"21/7449"}},
		{"compound", []string{"Landtagsdrucksache 18/5"}, []string{"18/5"}},
		{"sowie and bzw.", []string{"Drs. 19/1 sowie 19/2 bzw. 19/3"}, []string{"19/1", "19/2", "19/3"}},
		{"question number in parentheses", []string{"Drucksache 15/1284 (15/1217)"}, []string{"15/1284", "15/1217"}},
		{"Nr.", []string{"Drucksache Nr. 17/44"}, []string{"17/44"}},
		{"no duplicates, first order", []string{"Drs. 19/2 und 19/1", "Drs. 19/1, 19/3"}, []string{"19/2", "19/1", "19/3"}},
		{"page number after", []string{"Drucksache 21/7652 – 2 – Deutscher Bundestag"}, []string{"21/7652"}},
		{"dates never", []string{"am 24/7 und im Schuljahr 2023/24, Drs. vom 1.1.2024"}, nil},
		{"number without keyword", []string{"im Verhältnis 19/20"}, nil},
		{"list stops at words", []string{"Drs. 19/10 und 12/13 Fälle"}, []string{"19/10", "12/13"}},
		{"list does not run into other numbers", []string{"Drs. 19/10, 2023/24"}, []string{"19/10"}},
		{"Drs within a word", []string{"Hydrs 19/1"}, nil},
		{"leading zeros dropped", []string{"Drs. 19/0123"}, []string{"19/123"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := References(tt.in...)
			if !slices.Equal(got, tt.want) {
				t.Errorf("References(%q)\n got  %q\n want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestDrucksache(t *testing.T) {
	tests := []struct {
		name, in, want string
		ok             bool
	}{
		{"bare", "19/7263", "19/7263", true},
		{"prefixed", "Drucksache 19/11277", "19/11277", true},
		{"Drs.", "Drs. 19/7263", "19/7263", true},
		{"dashes", "– Drucksache 21/7449 –", "21/7449", true},
		{"with the question", "15/1284 (15/1217)", "15/1284", true},
		{"school year", "2023/24", "", false},
		{"nothing", "Drucksache", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := Drucksache(tt.in)
			if got != tt.want || ok != tt.ok {
				t.Errorf("Drucksache(%q)\n got  %q %v\n want %q %v", tt.in, got, ok, tt.want, tt.ok)
			}
		})
	}
}

// FuzzReferences checks that every reference is WP/NR and that citing the references again finds them again.
func FuzzReferences(f *testing.F) {
	for _, s := range []string{"Drs. 19/4401 und 19/6236", "Drucksachen 18/1, 18/2 und 18/3", "BT-Drs. 21/7449", "24/7 2023/24", "Drucksache 15/1284 (15/1217)"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		refs := References(s)
		for _, r := range refs {
			if got, ok := Drucksache(r); !ok || got != r {
				t.Fatalf("References(%q) holds %q, which reads as %q %v", s, r, got, ok)
			}
		}
		if len(refs) == 0 {
			return
		}
		again := References("Drucksachen " + strings.Join(refs, ", "))
		if !slices.Equal(again, refs) {
			t.Fatalf("References(%q) = %q, cited again %q", s, refs, again)
		}
	})
}

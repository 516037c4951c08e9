package transform

import "testing"

func TestDate(t *testing.T) {
	tests := []struct {
		name, in, want string
		ok             bool
	}{
		{"numeric", "16.05.2025", "2025-05-16", true},
		{"single digits", "1.1.2023", "2023-01-01", true},
		{"two-digit year", "1.11.25", "2025-11-01", true},
		{"two-digit year of the last century", "3.10.90", "1990-10-03", true},
		{"month name", "1. November 2025", "2025-11-01", true},
		{"month name lower case", "1. august 2017", "2017-08-01", true},
		{"month name without space", "17.August 2026", "2026-08-17", true},
		{"abbreviated month", "3. Okt. 2024", "2024-10-03", true},
		{"März", "9. März 2026", "2026-03-09", true},
		{"in a phrase", "Antwort … namens der Landesregierung vom 26.06.2025", "2025-06-26", true},
		{"in parentheses", "(verteilt am 01.07.2026)", "2026-07-01", true},
		{"already ISO", "2025-05-16", "2025-05-16", true},
		{"spaces after dots", "16. 05. 2025", "2025-05-16", true},
		{"impossible day", "31.02.2025", "", false},
		{"month 13", "01.13.2025", "", false},
		{"quarter is not a month", "2. Quartal 2026", "", false},
		{"number with dots", "1.141.128", "", false},
		{"decimal", "12,5", "", false},
		{"year only", "2025", "", false},
		{"month and year", "Mai 2025", "", false},
		{"empty", "", "", false},
		{"three-digit year", "1.1.202", "", false},
		{"five-digit year", "1.1.20255", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := Date(tt.in)
			if got != tt.want || ok != tt.ok {
				t.Errorf("Date(%q)\n got  %q %v\n want %q %v", tt.in, got, ok, tt.want, tt.ok)
			}
		})
	}
}

// FuzzDate checks that a date found is ISO and reads back as itself, and that a German date printed
// from it reads back too.
func FuzzDate(f *testing.F) {
	for _, s := range []string{"16.05.2025", "1. November 2025", "1.11.25", "2025-05-16", "vom 29.01.2024", "31.02.2025"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		iso, ok := Date(s)
		if !ok {
			return
		}
		if len(iso) != 10 || iso[4] != '-' || iso[7] != '-' {
			t.Fatalf("Date(%q) = %q, not ISO", s, iso)
		}
		if again, ok := Date(iso); !ok || again != iso {
			t.Fatalf("Date(%q) = %q, but Date(%q) = %q %v", s, iso, iso, again, ok)
		}
		german := iso[8:10] + "." + iso[5:7] + "." + iso[0:4]
		if again, ok := Date(german); !ok || again != iso {
			t.Fatalf("Date(%q) = %q %v, want %q", german, again, ok, iso)
		}
	})
}

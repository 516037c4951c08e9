package transform

import "testing"

func TestUnit(t *testing.T) {
	tests := []struct {
		name, in, want string
		ok             bool
	}{
		{"millions in parentheses", "(in Millionen Euro)", "Mio. EUR", true},
		{"thousands", "in Tausend Euro", "Tsd. EUR", true},
		{"euro", "in Euro", "EUR", true},
		{"percent word", "in Prozent", "%", true},
		{"percent sign", "in %", "%", true},
		{"persons", "Personen", "Personen", true},
		{"months as a cell prints them", "M.", "M.", true},
		{"a name's initial is no unit", "in M. Müllers Antwort", "", false},
		{"Angaben in Mio. €", "Angaben in Mio. €", "Mio. EUR", true},
		{"billions", "in Mrd. €", "Mrd. EUR", true},
		{"T€", "in T€", "Tsd. EUR", true},
		{"TEUR", "(TEUR)", "Tsd. EUR", true},
		{"in 1.000 €", "in 1.000 €", "Tsd. EUR", true},
		{"v. H.", "in v. H.", "%", true},
		{"unit alone", "Mio. €", "Mio. EUR", true},
		{"normalized stays", "Mio. EUR", "Mio. EUR", true},
		{"normalized thousands stays", "Tsd. EUR", "Tsd. EUR", true},
		{"in a sentence", "Die jährlichen Kosten für IT-Lizenzen für die Landesverwaltung haben sich seit dem Jahr 2017 wie folgt entwickelt (in Millionen Euro):", "Mio. EUR", true},
		{"column heading", "Differenz in %", "%", true},
		{"months", "Verfahrensdauer in Monaten", "Monate", true},
		{"amount in the text is no unit", "auf rund 377 Millionen Euro, was", "", false},
		{"Europa is not Euro", "in Europa", "", false},
		{"no unit", "Oberste Landesbehörden", "", false},
		{"empty", "", "", false},
		{"in alone", "in", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := Unit(tt.in)
			if got != tt.want || ok != tt.ok {
				t.Errorf("Unit(%q)\n got  %q %v\n want %q %v", tt.in, got, ok, tt.want, tt.ok)
			}
		})
	}
}

// FuzzUnit checks that a unit found reads back as itself, so that applying twice changes nothing.
func FuzzUnit(f *testing.F) {
	for _, s := range []string{"(in Millionen Euro)", "Angaben in Mio. €", "in %", "in T€", "Dauer in Tagen", "in 1.000"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		u, ok := Unit(s)
		if !ok {
			return
		}
		if again, ok := Unit(u); !ok || again != u {
			t.Fatalf("Unit(%q) = %q, but Unit(%q) = %q %v", s, u, u, again, ok)
		}
	})
}

package transform

import "testing"

func TestAuthorityLevel(t *testing.T) {
	tests := []struct {
		name, in, want string
		ok             bool
	}{
		{"plural", "Oberste Landesbehörden", LevelOberste, true},
		{"singular", "Oberste Landesbehörde", LevelOberste, true},
		{"inflected", "obersten Landesbehörden", LevelOberste, true},
		{"Landesoberbehörden", "Landesoberbehörden", LevelOber, true},
		{"Landesoberbehörde", "Landesoberbehörde", LevelOber, true},
		{"obere Landesbehörden", "obere Landesbehörden", LevelOber, true},
		{"mittlere", "Mittlere Landesbehörden", LevelMittlere, true},
		{"Bezirksregierungen", "Bezirksregierungen", LevelMittlere, true},
		{"two names of one level", "staatliche Ortsbehörden / untere Landesbehörden", LevelUntere, true},
		{"untere singular", "untere Landesbehörde", LevelUntere, true},
		{"staatliche Ortsbehörde", "staatliche Ortsbehörde", LevelUntere, true},
		{"Kommunen", "Kommunen", LevelKommunal, true},
		{"Landkreise und kreisfreie Städte", "Landkreise und kreisfreie Städte", LevelKommunal, true},
		{"kommunale Ebene", "kommunale Ebene", LevelKommunal, true},
		{"umlauts spelt out", "Oberste Landesbehoerden", LevelOberste, true},
		{"code reads as itself", LevelMittlere, LevelMittlere, true},
		{"code reads as itself untere", LevelUntere, LevelUntere, true},
		{"with table number", "Tabelle 2: Landesoberbehörden", LevelOber, true},
		{"different levels are none", "obersten Landesbehörden, Landesoberbehörden und staatlichen Ortsbehörden / unteren Landesbehörden", "", false},
		{"Landesbehörden alone", "Landesbehörden", "", false},
		{"modifier without noun", "oberste", "", false},
		{"a sentence mentioning a level", "Die Kommunen haben keine Daten", "", false},
		{"an authority is not a level", "Ministerium für Inneres und Sport", "", false},
		{"a named district is not a level", "Landkreis Oldenburg", "", false},
		{"text", "Bibliotheksverwaltung", "", false},
		{"empty", "", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := AuthorityLevel(tt.in)
			if got != tt.want || ok != tt.ok {
				t.Errorf("AuthorityLevel(%q)\n got  %q %v\n want %q %v", tt.in, got, ok, tt.want, tt.ok)
			}
		})
	}
}

// FuzzAuthorityLevel checks that a level found is a code of the contract and reads back as itself.
func FuzzAuthorityLevel(f *testing.F) {
	for _, s := range []string{"Oberste Landesbehörden", "staatliche Ortsbehörden / untere Landesbehörden", "Kommunen", "untere", "Landesbehörden"} {
		f.Add(s)
	}
	codes := map[string]bool{LevelOberste: true, LevelOber: true, LevelMittlere: true, LevelUntere: true, LevelKommunal: true}
	f.Fuzz(func(t *testing.T, s string) {
		l, ok := AuthorityLevel(s)
		if !ok {
			return
		}
		if !codes[l] {
			t.Fatalf("AuthorityLevel(%q) = %q, not a contract code", s, l)
		}
		if again, ok := AuthorityLevel(l); !ok || again != l {
			t.Fatalf("AuthorityLevel(%q) = %q %v", l, again, ok)
		}
	})
}

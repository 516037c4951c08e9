package structure

import (
	"strings"
	"testing"
)

func TestParseAskers(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Omid Najafi, Holger Kühnlenz, Dennis Jahn und Stephan Bothe (AfD)", "Omid Najafi/AfD Holger Kühnlenz/AfD Dennis Jahn/AfD Stephan Bothe/AfD"},
		{"Dr. Marco Mohrmann (CDU)", "Dr. Marco Mohrmann/CDU"},
		{"MUDr. PhDr. / Univ.Prag Jozef Rakicky (fraktionslos)", "MUDr. PhDr. / Univ.Prag Jozef Rakicky/fraktionslos"},
		{"Anna A (CDU) und Bernd B (SPD)", "Anna A/CDU Bernd B/SPD"},
		{"Anna A, Bernd B, weiterer Abgeordneter (CDU/CSU)", "Anna A/CDU/CSU Bernd B/CDU/CSU"},
		{"Anna A und weiterer Abgeordneter (AfD)", "Anna A/AfD"},
	}
	for _, tt := range tests {
		var got []string
		for _, a := range parseAskers(tt.in) {
			got = append(got, a.Name+"/"+a.Party)
		}
		if strings.Join(got, " ") != tt.want {
			t.Errorf("parseAskers(%q)\n got  %q\n want %q", tt.in, strings.Join(got, " "), tt.want)
		}
	}
}

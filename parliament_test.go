package drucksache

import "testing"

func TestParliamentCode(t *testing.T) {
	tests := []struct {
		name *string
		want string
	}{
		{ptr("Niedersächsischer Landtag"), "ni"},
		{ptr("Deutscher Bundestag"), "bt"},
		{ptr("Landtag von Sachsen-Anhalt"), "st"},
		{ptr("Sächsischer Landtag"), "sn"},
		{ptr("LANDTAG DES SAARLANDES"), "sl"},
		{ptr("Abgeordnetenhaus Berlin"), "be"},
		{ptr("Gemeinderat Musterstadt"), ""},
		{ptr(""), ""},
		{nil, ""},
	}
	for _, tt := range tests {
		if got := (&Document{Parliament: tt.name}).ParliamentCode(); got != tt.want {
			t.Errorf("%v: got %q, want %q", deref(tt.name), got, tt.want)
		}
	}
}

func ptr(s string) *string { return &s }

func deref(s *string) any {
	if s == nil {
		return nil
	}
	return *s
}

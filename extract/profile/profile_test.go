package profile

import "testing"

func TestProfiles(t *testing.T) {
	tests := []struct {
		name string
		got  any
		want any
	}{
		{"a Bundestag header names its parliament", name(Named("Deutscher Bundestag – 21. Wahlperiode – 3 – Drucksache 21/1407")), "Deutscher Bundestag"},
		{"a Niedersachsen title block", name(Named("Antwort des Niedersächsischen Justizministeriums")), "Niedersächsischer Landtag"},
		{"no parliament named", name(Named("Antwort der Landesregierung")), ""},
		{"a profile by the contract's name", name(For("Landtag des Saarlandes")), "Landtag des Saarlandes"},
		{"the page-1 note of a Bundestag answer", FootNote("Die Antwort wurde namens der Bundesregierung mit Schreiben des Bundesministeriums des Innern"), true},
		{"the note on the questions' type", FootNote("Die Drucksache enthält zusätzlich – in kleinerer Schrifttype – den Fragetext."), true},
		{"a sentence of an answer", FootNote("Die Antwort wurde von der Bundesregierung bereits gegeben."), false},
		{"the printer's imprint", Imprint("Gesamtherstellung: H. Heenemann GmbH & Co. KG, Berlin"), true},
		{"a left page's header", Header("Drucksache 21/1407 – 2 – Deutscher Bundestag – 21. Wahlperiode"), true},
		{"a right page's header", Header("Deutscher Bundestag – 20. Wahlperiode – III – Drucksache 20/13317"), true},
		{"a Niedersachsen header", Header("Niedersächsischer Landtag – 19. Wahlperiode Drucksache 19/7520"), true},
		{"the last distribution note", Distributed("(verteilt am      ) (verteilt am 09.07.2026)"), "09.07.2026"},
		{"a distribution note with a capital", Distributed("(Verteilt am 11.06.2025)"), "11.06.2025"},
		{"no distribution note", Distributed("verteilt am 11.06.2025"), ""},
		{"the date a paper was issued", Distributed("Eingegangen: 22.6.2021 / Ausgegeben: 25.6.2021 1"), "25.6.2021"},
		{"Baden-Württemberg's note at the foot of page 1", FootNote("Eingegangen: 22.6.2021 / Ausgegeben: 25.6.2021 1"), true},
		{"Baden-Württemberg's header", Header("Landtag von Baden-Württemberg Drucksache 17 / 273"), true},
	}
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("%s: got %v, want %v", tt.name, tt.got, tt.want)
		}
	}
}

func name(p *Profile) string {
	if p == nil {
		return ""
	}
	return p.Parliament
}

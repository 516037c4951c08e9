package drucksache

import "strings"

// parliamentCodes map a word of a parliament's name (lower case) to its code, most specific first.
var parliamentCodes = [...]struct{ word, code string }{
	{"bundestag", "bt"}, {"bundesrat", "br"},
	{"niedersächs", "ni"}, {"sachsen-anhalt", "st"}, {"sächsisch", "sn"}, {"sachsen", "sn"},
	{"saarland", "sl"}, {"baden-württemberg", "bw"}, {"bayer", "by"}, {"berlin", "be"},
	{"abgeordnetenhaus", "be"}, {"brandenburg", "bb"}, {"bremi", "hb"}, {"bremen", "hb"},
	{"hamburg", "hh"}, {"hessi", "he"}, {"hessen", "he"}, {"mecklenburg", "mv"},
	{"nordrhein-westfalen", "nw"}, {"rheinland-pfalz", "rp"}, {"schleswig-holstein", "sh"},
	{"thüring", "th"},
}

// ParliamentCode is the short code of the document's parliament, read from its name ("ni" for
// "Niedersächsischer Landtag", "bt" for "Deutscher Bundestag"), or "" when the name is not printed
// or names no parliament known here. Ids and partitions are made from it, never cut out of an id.
func (d *Document) ParliamentCode() string {
	if d.Parliament == nil {
		return ""
	}
	name := strings.ToLower(*d.Parliament)
	for _, p := range parliamentCodes {
		if strings.Contains(name, p.word) {
			return p.code
		}
	}
	return ""
}

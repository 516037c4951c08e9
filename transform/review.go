package transform

import (
	"slices"

	drucksache "drucksache"
)

// Review decides whether a person should look at doc before trusting it, by one rule: the document
// needs review when it carries a warning whose code calls for review (drucksache.WarningCode's
// CallsForReview says which), or when a field its kind should have could not be read. Every paper
// should print its parliament, Wahlperiode, own Drucksache number and title; an answer to a Kleine
// Anfrage also its askers, the answering ministry, the Drucksache of the question and the date of
// the answer. The dates of receipt, forwarding and distribution are not printed by every parliament
// and are not asked for.
func Review(doc *drucksache.Document) drucksache.Review {
	r := drucksache.Review{Status: drucksache.ReviewOK, Reasons: []string{}}
	for _, code := range drucksache.WarningCodes {
		if code.CallsForReview() && slices.ContainsFunc(doc.Warnings, func(w drucksache.Warning) bool { return w.Code == code }) {
			r.Reasons = append(r.Reasons, string(code))
		}
	}
	for _, f := range requiredFields(doc) {
		if f.missing {
			r.Reasons = append(r.Reasons, "field:"+f.name)
		}
	}
	if len(r.Reasons) > 0 {
		r.Status = drucksache.ReviewNeeds
	}
	return r
}

// field is a field of the contract a document should have, by its JSON name.
type field struct {
	name    string
	missing bool
}

// requiredFields lists the fields doc's kind should have, each with whether it could not be read.
func requiredFields(doc *drucksache.Document) []field {
	fields := []field{
		{"parliament", doc.Parliament == nil},
		{"wahlperiode", doc.Wahlperiode == nil},
		{"drucksache", doc.Drucksache == nil},
		{"title", trimSpace(doc.Title) == ""},
	}
	if doc.Kind == drucksache.KindAnswer {
		fields = append(fields,
			field{"askers", len(doc.Askers) == 0},
			field{"answered_by", trimSpace(doc.AnsweredBy) == ""},
			field{"question_drucksache", doc.QuestionDrucksache == nil},
			field{"answered_on", doc.AnsweredOn == nil},
		)
	}
	return fields
}

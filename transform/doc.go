// Package transform types and normalizes an extracted document: German numbers, dates,
// statistics signs, identifiers, units, authority levels, the answering ministry and Drucksache
// references, and cross-checks tables whose totals must add up.
//
// The extract stage delivers text as printed; Apply turns it into the values the output contract
// promises (ISO dates, numbers, nominative organisation names, contract codes) in place, and is
// idempotent: applying it to its own output changes nothing. Every parser is a small hand-written
// scanner without regular expressions, since table cells are typed by the hundred thousand.
package transform

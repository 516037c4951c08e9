// Package transform types and normalizes an extracted document: German numbers, dates,
// statistics signs, identifiers, units, authority levels and Drucksache references, and
// cross-checks tables whose totals must add up.
package transform

// Package prose joins printed lines into running text by the rules a careful reader applies: a
// word broken at the line end is joined, a printed hyphen stays, a sentence or a list item ends a
// paragraph. The structure parser and the recovery of tables from dumped text (package dumped)
// both read lines by these rules, so they are written once, below both.
package prose

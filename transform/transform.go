package transform

import drucksache "drucksache"

// Apply types and normalizes a document in place (placeholder until the transforms land).
func Apply(doc *drucksache.Document) {}

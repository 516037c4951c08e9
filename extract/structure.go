package extract

import drucksache "drucksache"

// Parse turns the lines of one source into a document.
func Parse(src drucksache.Source, layout *Layout) (*drucksache.Document, error) {
	return &drucksache.Document{SchemaVersion: drucksache.SchemaVersion, Source: src, Kind: drucksache.KindUnknown}, nil
}

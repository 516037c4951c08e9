// Package load writes documents to their outputs: one writer per output format
// (json.go, xlsx.go, parquet.go). Every file is written to a temporary name and renamed,
// so an interrupted run leaves no half-written output.
package load

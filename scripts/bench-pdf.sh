#!/usr/bin/env bash
# Measures, in one run, the PDF speed of the whole pipeline next to `pdftotext -layout` (Debian's
# poppler-utils, installed when missing) on the same PDFs with the same parallelism: the
# whole-process time of `drucksache extract` per PDF, and the pages per second of `drucksache run`
# (extraction in a child process per worker, transform, JSON, XLSX and Parquet). See
# scripts/pdfspeed for what is measured and how.
# Usage: scripts/bench-pdf.sh [pdfspeed flags] [PDF|DIR ...]   (default: the published PDFs at hand)
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v pdftotext >/dev/null || ! command -v pdfinfo >/dev/null; then
  echo "bench-pdf: installing poppler-utils for pdftotext" >&2
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo=sudo
  $sudo apt-get install -y poppler-utils >/dev/null 2>&1 ||
    { $sudo apt-get update >/dev/null && $sudo apt-get install -y poppler-utils >/dev/null; }
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
go build -o "$tmp/drucksache" ./cmd/drucksache
go run ./scripts/pdfspeed -bin "$tmp/drucksache" "$@"

#!/usr/bin/env bash
# Measures, in one run, the PDF pages per second of the full pipeline (`drucksache run`: extraction
# in a child process per PDF, transform, JSON, XLSX and Parquet) next to `pdftotext -layout`
# (Debian's poppler-utils, installed when missing) on the same pages with the same parallelism.
# Usage: scripts/bench-pdf.sh [COPIES]   (default 60 copies of the fixture PDF)
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-60}
pdf=fixtures/nds-19-kleine-anfrage-it-infrastruktur.pdf
if ! command -v pdftotext >/dev/null || ! command -v pdfinfo >/dev/null; then
  echo "bench-pdf: installing poppler-utils for pdftotext" >&2
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo=sudo
  $sudo apt-get install -y poppler-utils >/dev/null 2>&1 ||
    { $sudo apt-get update >/dev/null && $sudo apt-get install -y poppler-utils >/dev/null; }
fi
workers=$(nproc)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
go build -o "$tmp/drucksache" ./cmd/drucksache
mkdir -p "$tmp/in" "$tmp/txt"
for i in $(seq -w 1 "$n"); do cp "$pdf" "$tmp/in/copy-$i.pdf"; done
pages=$((n * $(pdfinfo "$pdf" | awk '/^Pages:/ {print $2}')))
now() { date +%s.%N; }

t0=$(now)
"$tmp/drucksache" run --workers "$workers" --out "$tmp/out" "$tmp/in" 2>"$tmp/run.log" || {
  cat "$tmp/run.log" >&2
  exit 1
}
t1=$(now)
ls "$tmp"/in/*.pdf | xargs -P "$workers" -I{} sh -c 'pdftotext -layout "$1" "$1.txt"' _ {}
t2=$(now)

awk -v pages="$pages" -v n="$n" -v w="$workers" -v a="$t0" -v b="$t1" -v c="$t2" 'BEGIN {
  printf "%d PDFs, %d pages, %d workers\n", n, pages, w
  printf "drucksache run (extract+JSON+XLSX+Parquet): %8.1f pages/s  (%.2fs)\n", pages / (b - a), b - a
  printf "pdftotext -layout:                          %8.1f pages/s  (%.2fs)\n", pages / (c - b), c - b
}'

#!/usr/bin/env bash
# Makes the round-trip bench's renditions again: installs the PDF producers from Debian's packages
# where they are missing (as root, with apt), then renders every paper of internal/roundtrip/testdata/papers
# with each producer and writes the PDFs and the truth into internal/roundtrip/testdata, to be committed.
# The bench's test (go test ./internal/roundtrip) needs none of this: it reads the committed PDFs.
#
# Usage: scripts/roundtrip.sh [-producers chromium,libreoffice,pdflatex] [-keep]
set -euo pipefail
cd "$(dirname "$0")/.."

need=()
command -v chromium >/dev/null || need+=(chromium)
command -v soffice >/dev/null || need+=(libreoffice-writer-nogui)
command -v pdflatex >/dev/null || need+=(texlive-latex-base texlive-latex-recommended texlive-lang-german texlive-fonts-recommended)
command -v pdftotext >/dev/null || need+=(poppler-utils)
fc-list 2>/dev/null | grep -q "Liberation Sans" || need+=(fonts-liberation)
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" != 0 ]; then
    echo "roundtrip: missing ${need[*]}: install them with apt-get (as root)" >&2
    exit 1
  fi
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${need[@]}"
fi
go run ./internal/roundtrip/gen "$@"
echo "roundtrip: now run go test ./internal/roundtrip -update and review the scores and misses in the diff"

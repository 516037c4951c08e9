#!/usr/bin/env bash
# Checks the outputs in the programs their readers use: DuckDB reads the Parquet dataset and answers SQL,
# LibreOffice opens every workbook headless and its sheets, exported as CSV, show the numbers of the JSON;
# one workbook (the IT answer) is rendered to a one-page PNG. Installs what it needs: the npm packages of
# scripts/clients, and Debian's libreoffice-calc and poppler-utils when soffice is missing (as root, with apt).
#
# Usage: scripts/check-clients.sh [--source auto|run|gold] [--picture FILE] [--keep DIR]
#   --source run   the outputs of `go run ./cmd/drucksache run --out DIR fixtures/`
#   --source gold  the outputs of the gold documents, written by the load package's tests
#   --source auto  run, or gold (said loudly) while the runner writes no Parquet yet (default)
#   --picture FILE also copy the rendered PNG to FILE (e.g. docs/workbook.png)
#   --keep DIR     work in DIR and keep it, instead of a temporary folder
# A check that cannot run says SKIPPED and why; CHECK_CLIENTS_STRICT=1 makes a skip fail the script.
set -euo pipefail
cd "$(dirname "$0")/.."

source=auto
picture=
work=
while [ $# -gt 0 ]; do
  case $1 in
    --source) source=$2; shift 2 ;;
    --picture) picture=$2; shift 2 ;;
    --keep) work=$2; shift 2 ;;
    *) echo "check-clients: unknown argument $1" >&2; exit 2 ;;
  esac
done
if [ -z "$work" ]; then
  work=$(mktemp -d)
  trap 'rm -rf "$work"' EXIT
fi
mkdir -p "$work"
work=$(cd "$work" && pwd)
out=$work/out
failed=0
skipped=()

say() { printf '== %s\n' "$*"; }
skip() { skipped+=("$1"); printf 'SKIPPED: %s\n' "$1"; }

# as_root runs a command as root (directly, or through sudo without a password), or fails.
as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"
  elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then sudo -n "$@"
  else return 1
  fi
}

# apt_install installs Debian packages non-interactively; it fails where apt or root is not available.
apt_install() {
  command -v apt-get >/dev/null || { echo "no apt-get"; return 1; }
  as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null || { echo "apt-get update failed (not root, or offline)"; return 1; }
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null ||
    { echo "apt-get install $* failed"; return 1; }
}

# 1. The outputs: json/, xlsx/ and parquet/ of one run.
gold_outputs() {
  go test ./load/ -run '^TestWriteClientOutputs$' -count=1 -args -clients-out "$out" >/dev/null
}
case $source in
  run | auto)
    say "outputs: go run ./cmd/drucksache run --out $out fixtures/"
    rc=0
    go run ./cmd/drucksache run --out "$out" fixtures/ >"$work/run.log" 2>&1 || rc=$?
    tail -n 3 "$work/run.log"
    if [ "$rc" -ne 0 ] && [ "$rc" -ne 1 ]; then
      echo "check-clients: the run failed (exit $rc)"; exit 1
    fi
    if ! compgen -G "$out/parquet/cells/*/*/*.parquet" >/dev/null; then
      if [ "$source" = run ]; then
        echo "check-clients: the run wrote no Parquet dataset"; exit 1
      fi
      say "NOTE: the runner wrote no Parquet dataset yet; checking the outputs of the GOLD documents instead"
      rm -rf "$out"
      gold_outputs
    fi
    ;;
  gold)
    say "outputs: the gold documents (go test ./load/ -run TestWriteClientOutputs)"
    gold_outputs
    ;;
  *) echo "check-clients: --source must be auto, run or gold" >&2; exit 2 ;;
esac
echo "$(ls "$out/json" | wc -l) json, $(ls "$out/xlsx" | wc -l) xlsx, $(find "$out/parquet" -name '*.parquet' | wc -l) parquet files"

# 2. DuckDB, from npm into scripts/clients (package-lock.json pins the version).
say "DuckDB (@duckdb/node-api)"
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  why=$(apt_install nodejs npm 2>&1) || true
fi
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  echo "FAIL  DuckDB check cannot run: node and npm are missing and could not be installed (${why:-})"
  failed=1
else
  if [ ! -d scripts/clients/node_modules/@duckdb/node-api ]; then
    (cd scripts/clients && npm ci --no-audit --no-fund --loglevel=error)
  fi
  node scripts/clients/check-duckdb.mjs "$out" || failed=1
fi

# 3. LibreOffice: every workbook to CSV, one file per sheet, cells as shown.
say "LibreOffice (headless)"
lo_ready=1
# soffice may be there without Calc (a machine that has only LibreOffice Writer): Calc is its libsclo.
calc_missing() {
  ! command -v soffice >/dev/null || [ ! -e "$(dirname "$(readlink -f "$(command -v soffice)")")/libsclo.so" ]
}
if calc_missing || ! command -v pdftoppm >/dev/null; then
  echo "installing libreoffice-calc and poppler-utils with apt-get"
  if ! why=$(apt_install libreoffice-calc poppler-utils fonts-crosextra-carlito 2>&1); then
    skip "LibreOffice check and picture: libreoffice-calc could not be installed: $why"
    lo_ready=0
  elif calc_missing || ! command -v pdftoppm >/dev/null; then
    skip "LibreOffice check and picture: installed, but soffice with Calc or pdftoppm is not on the PATH"
    lo_ready=0
  fi
fi
soffice_run() {
  timeout 600 soffice -env:UserInstallation="file://$work/lo-profile" --headless --norestore --nolockcheck "$@"
}
if [ "$lo_ready" = 1 ]; then
  soffice --version | head -n 1
  mkdir -p "$work/csv"
  # 44,34,76: comma, double quote, UTF-8; token 9 true: cells as shown; token 12 -1: every sheet.
  soffice_run --convert-to 'csv:Text - txt - csv (StarCalc):44,34,76,1,,1031,false,true,true,false,false,-1' \
    --outdir "$work/csv" "$out"/xlsx/*.xlsx >"$work/soffice-csv.log" 2>&1 || true
  echo "$(ls "$work/csv" | wc -l) sheets exported"
  node scripts/clients/check-workbooks.mjs "$out/json" "$work/csv" || failed=1

  # 4. The picture: the IT answer's workbook to PDF, its page with the IT positions table to PNG.
  say "picture"
  it=$(grep -l '"file": "fixtures/nds-19-kleine-anfrage-it-infrastruktur.txt"' "$out"/json/*.json | head -n 1 || true)
  if [ -z "$it" ]; then
    echo "FAIL  no JSON output of the IT answer"; failed=1
  else
    id=$(basename "$it" .json)
    mkdir -p "$work/pdf"
    soffice_run --convert-to pdf --outdir "$work/pdf" "$out/xlsx/$id.xlsx" >"$work/soffice-pdf.log" 2>&1 || true
    pdf=$work/pdf/$id.pdf
    if [ ! -s "$pdf" ]; then
      echo "FAIL  LibreOffice wrote no PDF of $id.xlsx"; cat "$work/soffice-pdf.log"; failed=1
    else
      pages=$(pdfinfo "$pdf" | awk '/^Pages:/ {print $2}')
      page=1
      for p in $(seq 1 "$pages"); do
        if pdftotext -f "$p" -l "$p" "$pdf" - | grep -q 'Gesamt'; then page=$p; break; fi
      done
      pdftoppm -png -r 80 -f "$page" -l "$page" -singlefile "$pdf" "$work/workbook"
      echo "rendered page $page of $pages of $id.xlsx: $work/workbook.png ($(wc -c <"$work/workbook.png") bytes)"
      if [ -n "$picture" ]; then
        cp "$work/workbook.png" "$picture"
        echo "copied to $picture"
      fi
    fi
  fi
fi

say "summary"
for s in "${skipped[@]+"${skipped[@]}"}"; do echo "SKIPPED: $s"; done
if [ "$failed" -ne 0 ]; then
  echo "check-clients: FAILED"; exit 1
fi
if [ ${#skipped[@]} -gt 0 ] && [ "${CHECK_CLIENTS_STRICT:-0}" = 1 ]; then
  echo "check-clients: checks were skipped (CHECK_CLIENTS_STRICT=1)"; exit 1
fi
echo "check-clients: ok${skipped[*]:+ (with skipped checks)}"

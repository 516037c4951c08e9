#!/usr/bin/env bash
# Scores every gold document of ../shared through `drucksache extract`; fails below 1.000.
# Usage: scripts/goldcheck.sh [FORMAT...]   (default: every format the pipeline reads)
set -uo pipefail
cd "$(dirname "$0")/.."
shared=../shared
if [ ! -d "$shared/gold" ]; then
  echo "goldcheck: ../shared not found, skipped"
  exit 0
fi
formats=${*:-txt pdf html}
bin=$(mktemp -d)/drucksache
go build -o "$bin" ./cmd/drucksache
fail=0
for gold in "$shared"/gold/*.gold.json; do
  name=$(basename "$gold" .gold.json)
  ext=${name##*.}
  case " $formats " in *" $ext "*) ;; *) continue ;; esac
  doc="$shared/corpus/$name"
  [ -f "$doc" ] || continue
  out=$(mktemp)
  if ! "$bin" extract "$doc" >"$out"; then
    echo "FAIL $name: extract failed"; fail=1; continue
  fi
  score=$(python3 "$shared/tools/goldcheck.py" "$gold" "$out" --quiet | tail -n 1)
  printf '%-50s %s\n' "$name" "$score"
  python3 "$shared/tools/goldcheck.py" "$gold" "$out" --quiet >/dev/null || fail=1
  rm -f "$out"
done
exit $fail

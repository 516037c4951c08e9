#!/usr/bin/env bash
# Prints how many table cross-checks ran, passed, failed and were undecided in a folder of document
# JSON files (the output of `drucksache run`, or of `drucksache extract` saved one file per document),
# by kind, then every failed and undecided check with its file and message.
# Usage: scripts/checkstats.sh DIR [-q]   (-q: counts only)
set -euo pipefail
if [ $# -lt 1 ] || [ ! -d "$1" ]; then
  echo "usage: $0 DIR [-q]" >&2
  exit 2
fi
python3 - "$@" <<'PY'
import glob, json, os, sys
from collections import Counter

folder = sys.argv[1]
quiet = "-q" in sys.argv[2:]
files = sorted(glob.glob(os.path.join(folder, "**", "*.json"), recursive=True))
docs = tables = 0
total, by_kind = Counter(), {}
listed = {"failed": [], "undecided": []}
for path in files:
    try:
        with open(path, encoding="utf-8") as f:
            doc = json.load(f)
    except (OSError, ValueError) as e:
        print(f"{path}: not a document JSON: {e}", file=sys.stderr)
        continue
    if not isinstance(doc, dict) or "checks" not in doc:
        continue
    docs += 1
    tables += len(doc.get("tables") or [])
    name = (doc.get("source") or {}).get("file") or os.path.basename(path)
    for c in doc.get("checks") or []:
        p = c.get("passed")
        state = "undecided" if p is None else ("passed" if p else "failed")
        total["ran"] += 1
        total[state] += 1
        k = by_kind.setdefault(c.get("kind", "?"), Counter())
        k["ran"] += 1
        k[state] += 1
    for w in doc.get("warnings") or []:
        code = w.get("code")
        if code in ("check_failed", "check_undecided"):
            state = code.removeprefix("check_")
            prov = w.get("provenance") or {}
            where = f"page {prov.get('page', 0)} line {prov.get('line', 0)}"
            listed[state].append(f"{name} ({where}): {w.get('message', '')}")

def counts(c):
    return f"ran {c['ran']}, passed {c['passed']}, failed {c['failed']}, undecided {c['undecided']}"

print(f"documents {docs}, tables {tables}, checks {counts(total)}")
for kind in sorted(by_kind):
    print(f"  {kind:13} {counts(by_kind[kind])}")
if not quiet:
    for state in ("failed", "undecided"):
        if listed[state]:
            print(f"{state}:")
            for line in listed[state]:
                print("  " + line)
PY

#!/usr/bin/env bash
# Precision benchmark: runs pyward's analyzers with default settings on real projects and
# writes one JSON report per project and analyzer, then summarises findings per rule and joins
# them with the hand labels in labels.tsv.
#
# Usage: bench/precision/run.sh PROJECTS_DIR [OUT_DIR]
#   PROJECTS_DIR holds one checkout per line of projects.tsv, named by its first column, at the
#   listed commit (git clone https://github.com/OWNER/REPO NAME && git -C NAME checkout COMMIT).
#   Needs an advisory DB for `deps` (PYWARD_DB, or `pyward db update --from ../shared/...`).
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
PROJECTS="${1:?usage: run.sh PROJECTS_DIR [OUT_DIR]}"
OUT="${2:-$ROOT/bench/out/precision}"
PYWARD="${PYWARD:-$ROOT/target/release/pyward}"
[ -x "$PYWARD" ] || (cd "$ROOT" && cargo build -q --release) 
mkdir -p "$OUT"
while IFS=$'\t' read -r name repo _; do
  case "$name" in ''|'#'*) continue ;; esac
  dir="$PROJECTS/$name"
  [ -d "$dir" ] || { echo "missing checkout: $dir ($repo)" >&2; exit 2; }
  for analyzer in code config deps; do
    # Exit 1 (findings) is expected; 2 is recorded in the report's errors.
    (cd "$PROJECTS" && "$PYWARD" "$analyzer" "$name" --format json -o "$OUT/$analyzer-$name.json" \
      >/dev/null 2>"$OUT/$analyzer-$name.err") || true
  done
done < "$(dirname "$0")/projects.tsv"
python3 "$(dirname "$0")/summarize.py" "$OUT" "$(dirname "$0")/labels.tsv"

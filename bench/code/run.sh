#!/usr/bin/env bash
# Benchmark `pyward code` against `bandit -r` and `ruff check --select S` on the Django sdist.
#
# Usage: bench/code/run.sh [WORKDIR]
# Needs python3 (venv), PyPI access, GNU time (/usr/bin/time). Prints wall time, CPU time
# (user+sys) and peak RSS for each tool, and the number of findings.
#
# pyward: uses target/release/pyward (`pyward code DIR --format json`) when it exists and
# supports `code`, else the pyward-code example harness (same library, same defaults).
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
WORK="${1:-${TMPDIR:-/tmp}/pyward-bench-code}"
DJANGO="django==5.2.19"
mkdir -p "$WORK"
cd "$WORK"

if [ ! -x venv/bin/bandit ] || [ ! -x venv/bin/ruff ]; then
  python3 -m venv venv
  venv/bin/pip install -q "bandit==1.9.4" "ruff==0.14.*"
fi
if [ ! -d src ]; then
  venv/bin/pip download -q --no-binary :all: --no-deps -d dl "$DJANGO"
  mkdir -p src
  tar xzf dl/*.tar.gz -C src
fi
TARGET="$(ls -d "$WORK"/src/*/ | head -1)"
FILES=$(find "$TARGET" -name '*.py' | wc -l)
LINES=$(find "$TARGET" -name '*.py' -print0 | xargs -0 cat | wc -l)
echo "corpus: $TARGET ($FILES files, $LINES lines)"

(cd "$ROOT" && cargo build -q --release -p pyward-code --example scan)
PYWARD=("$ROOT/target/release/examples/scan" --json "$TARGET")
if [ -x "$ROOT/target/release/pyward" ] && "$ROOT/target/release/pyward" code --help >/dev/null 2>&1; then
  PYWARD=("$ROOT/target/release/pyward" code "$TARGET" --format json)
fi

measure() { # name, command...
  local name=$1; shift
  local log="$WORK/$name.time"
  /usr/bin/time -v "$@" > "$WORK/$name.out" 2> "$log" || true
  local wall user sys rss
  wall=$(grep "Elapsed (wall clock)" "$log" | awk '{print $NF}')
  user=$(grep "User time" "$log" | awk '{print $NF}')
  sys=$(grep "System time" "$log" | awk '{print $NF}')
  rss=$(grep "Maximum resident" "$log" | awk '{print $NF}')
  printf "%-8s wall %8s  cpu %7.2fs  peak RSS %7.1f MB\n" "$name" "$wall" "$(echo "$user + $sys" | bc)" "$(echo "$rss / 1024" | bc -l)"
}

measure pyward "${PYWARD[@]}"
measure ruff "$WORK/venv/bin/ruff" check --select S --no-cache --isolated --output-format json --exit-zero "$TARGET"
measure bandit "$WORK/venv/bin/bandit" -r -q -f json "$TARGET"

python3 - "$WORK" <<'PY'
import json, sys
w = sys.argv[1]
def load(name):
    try:
        return json.load(open(f"{w}/{name}.out"))
    except Exception as e:
        return None
p, r, b = load("pyward"), load("ruff"), load("bandit")
print("findings: pyward=%s ruff=%s bandit=%s" % (
    len(p["findings"]) if p else "?", len(r) if r is not None else "?", len(b["results"]) if b else "?"))
PY

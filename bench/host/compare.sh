#!/usr/bin/env bash
# pyward host next to Lynis on this machine, with the weak services of scenario.sh running:
# prints what each reports about them (the table in docs/comparison.md comes from this).
#
#   bash bench/host/compare.sh        # as root; needs a release build and Debian's lynis
set -euo pipefail
cd "$(dirname "$0")/../.."
out=${OUT:-bench/out/host}
mkdir -p "$out"
pyward=${PYWARD:-target/release/pyward}
[ -x "$pyward" ] || cargo build --release -p pyward-cli
bash bench/host/scenario.sh start
trap 'bash bench/host/scenario.sh stop' EXIT

"$pyward" host -f json >"$out/pyward.json" || true
lynis audit system --quick --no-colors --logfile "$out/lynis.log" \
  --report-file "$out/lynis-report.dat" >"$out/lynis.txt" 2>&1 || true

echo "== pyward host: findings by rule"
python3 - "$out/pyward.json" <<'PY'
import collections, json, sys
r = json.load(open(sys.argv[1]))
by = collections.Counter(f["code"] for f in r["findings"])
for code, n in sorted(by.items()):
    print(f"{code:8} {n}")
for f in r["findings"]:
    if any(p in f["message"] + json.dumps(f["location"]) for p in ("6390", "2222", "8090", "pyward-host-bench")):
        print("  ", f["code"], f["severity"], f["message"][:140])
PY
echo "== Lynis: warnings and suggestions (report file)"
grep -E '^(warning|suggestion)\[\]=' "$out/lynis-report.dat" | cut -d'|' -f1-2 | sort | uniq -c | sort -rn
echo "== Lynis: about the scenario's services"
grep -E '6390|2222|8090|redis|PasswordAuthentication|sshd_config|python' "$out/lynis-report.dat" || true

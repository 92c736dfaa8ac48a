#!/usr/bin/env bash
# Benchmarks `pyward probe` against sslyze and testssl.sh on one local origin: the hardened
# nginx of bench/probe/servers.sh (https://127.0.0.1:8844/: TLS 1.2/1.3, stapled OCSP, every
# security header, limit_req, a 1 MiB body limit). All four commands run in one hyperfine
# invocation, so their ratios come from the same run:
#   - pyward probe, full: HTTP headers, cookies, CORS, TRACE, exposures, the OpenAPI check, the
#     10 MiB + 1 upload, the 50-request burst and the TLS checks;
#   - pyward probe, TLS rules only (--select PRB019..PRB028, the TLS rules) and --no-active;
#   - sslyze, its default scan (every TLS scan command and Mozilla's intermediate profile);
#   - testssl.sh, its default run (protocols, cipher categories, FS, server preferences,
#     certificate, HTTP headers, vulnerabilities, every cipher, client simulations).
# Every tool trusts the servers' test CA. The hyperfine table goes to
# bench/out/probe/bench.md (and .json); beside it, one `pyward probe -v` run, its JSON report,
# the TCP connections and HTTP requests one run of each command makes (bench-connections.md,
# from nginx's stub_status counters), and a second hyperfine run of pyward alone with and
# without MIMALLOC_ALLOW_THP=0 (bench-thp.md, THP_RUNS runs, default 10).
#
#   bash bench/probe/run.sh               # RUNS=3 WARMUP=1 by default: about 10 minutes with
#                                         # testssl.sh at ~90 s a run (plus the build)
#   RUNS=5 WARMUP=1 bash bench/probe/run.sh
#
# Needs: cargo, hyperfine, curl, nginx (/usr/sbin/nginx), openssl, sslyze (6.x), testssl.sh
# (Debian's `testssl`, or TESTSSL=path). Only 127.0.0.1 is contacted (ports 8841-8847, or from
# PYWARD_PROBE_PORT_BASE).
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
here="$root/bench/probe"
out="${OUT:-$root/bench/out/probe}"
runs="${RUNS:-3}"
warmup="${WARMUP:-1}"
sslyze="${SSLYZE:-$(command -v sslyze || echo sslyze)}"
testssl="${TESTSSL:-$(command -v testssl || command -v testssl.sh || echo testssl)}"

for tool in hyperfine curl "$sslyze" "$testssl" openssl; do
  command -v "$tool" >/dev/null || { echo "run.sh: missing $tool" >&2; exit 1; }
done
cargo build --release --quiet -p pyward-cli --manifest-path "$root/Cargo.toml"
pyward="$root/target/release/pyward"

mkdir -p "$out"
work="$(mktemp -d "${TMPDIR:-/tmp}/pyward-probe-bench.XXXXXX")"
cleanup() {
  [ -d "$work/servers" ] && bash "$here/servers.sh" stop "$work/servers" || true
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

bash "$here/servers.sh" start "$work/servers" >&2
# shellcheck source=/dev/null
source "$work/servers/servers.env"
ca="$PROBE_CA"
url="$HARDENED_HTTPS_URL"
target="$HARDENED_TLS"
tls_rules="PRB019,PRB020,PRB021,PRB022,PRB023,PRB024,PRB025,PRB026,PRB027,PRB028"

# What one run of each pyward command reports (findings, warnings, the score; JSON stats).
"$pyward" probe --isolated --color never -v --ca-file "$ca" "$url" >"$out/bench-pyward-full.txt" 2>&1 || true
sleep 3
"$pyward" probe --isolated -f json --ca-file "$ca" "$url" >"$out/bench-pyward-full.json" 2>/dev/null || true
sleep 3
"$pyward" probe --isolated --color never -v --select "$tls_rules" --no-active --ca-file "$ca" "$url" \
  >"$out/bench-pyward-tls.txt" 2>&1 || true

# Connections and HTTP requests of one run of each command, from nginx's counters (the status
# request itself, one connection and one request, is taken off).
counters() { curl -s "$STATUS_URL" | awk 'NR == 3 { print $1, $3 }'; }
count() {
  local name="$1" c0 r0 c1 r1
  shift
  sleep 3
  read -r c0 r0 < <(counters)
  "$@" >/dev/null 2>&1 || true
  read -r c1 r1 < <(counters)
  echo "| $name | $((c1 - c0 - 1)) | $((r1 - r0 - 1)) |"
}
{
  echo "| Command (one run) | TCP connections | HTTP requests |"
  echo "|:---|---:|---:|"
  count "pyward probe (full)" "$pyward" probe --isolated -q -f json -o "$work/c.json" --ca-file "$ca" "$url"
  count "pyward probe (TLS rules, --no-active)" "$pyward" probe --isolated -q -f json -o "$work/c.json" \
    --select "$tls_rules" --no-active --ca-file "$ca" "$url"
  count "sslyze" "$sslyze" --quiet --certinfo_ca_file "$ca" "$target"
  count "testssl.sh" bash -c "cd '$work' && exec '$testssl' --quiet --color 0 --warnings off --add-ca '$ca' '$target'"
} | tee "$out/bench-connections.md"
sleep 3 # let the server's rate limit bucket drain before the timed runs

{
  echo "date: $(date -u '+%Y-%m-%d %H:%M UTC')"
  echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.1f GiB", $2/1048576}' /proc/meminfo), Linux $(uname -r), $(. /etc/os-release && echo "$PRETTY_NAME")"
  echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "pyward: $("$pyward" --version)"
  echo "sslyze: $("$sslyze" --help 2>/dev/null | sed -n 's/^SSLyze version //p')"
  echo "testssl.sh: $("$testssl" --version 2>/dev/null | sed 's/\x1b\[[0-9;]*m//g' | sed -n 's/^ *testssl  *\([0-9][^ ]*\).*/\1/p' | head -1)"
  echo "hyperfine: $(hyperfine --version)"
  echo "nginx: $(/usr/sbin/nginx -v 2>&1 | sed 's/^nginx version: //')"
  echo "target: $url ($target)"
} | tee "$out/bench-env.txt"

# -i: pyward exits 1 on findings, sslyze on a failed Mozilla profile check. testssl.sh runs in
# the work dir (it reads git metadata from its working directory for its banner).
# --prepare: the hardened server rate-limits (20 r/s, burst 40, like the probe's live tests);
# 3 s between runs, not timed, let its bucket drain so every run does the same work.
hyperfine -N -i --warmup "$warmup" --runs "$runs" --prepare "sleep 3" \
  --export-markdown "$out/bench.md" --export-json "$out/bench.json" \
  -n "pyward probe (full)" \
  "$pyward probe --isolated -q -f json -o $work/full.json --ca-file $ca $url" \
  -n "pyward probe (TLS rules, --no-active)" \
  "$pyward probe --isolated -q -f json -o $work/tls.json --select $tls_rules --no-active --ca-file $ca $url" \
  -n "sslyze" \
  "$sslyze --quiet --certinfo_ca_file $ca $target" \
  -n "testssl.sh" \
  "bash -c 'cd $work && exec $testssl --quiet --color 0 --warnings off --add-ca $ca $target >/dev/null'"

echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$out/bench-env.txt"

# pyward alone, with and without transparent huge pages for mimalloc's heaps (most of its
# system time): a second hyperfine run, not part of the ratios above.
hyperfine -N -i --warmup 1 --runs "${THP_RUNS:-10}" --prepare "sleep 3" \
  --export-markdown "$out/bench-thp.md" --export-json "$out/bench-thp.json" \
  -n "pyward probe (full)" \
  "$pyward probe --isolated -q -f json -o $work/full.json --ca-file $ca $url" \
  -n "pyward probe (full), MIMALLOC_ALLOW_THP=0" \
  "env MIMALLOC_ALLOW_THP=0 $pyward probe --isolated -q -f json -o $work/full.json --ca-file $ca $url" \
  -n "pyward probe (TLS rules, --no-active)" \
  "$pyward probe --isolated -q -f json -o $work/tls.json --select $tls_rules --no-active --ca-file $ca $url" \
  -n "pyward probe (TLS rules, --no-active), MIMALLOC_ALLOW_THP=0" \
  "env MIMALLOC_ALLOW_THP=0 $pyward probe --isolated -q -f json -o $work/tls.json --select $tls_rules --no-active --ca-file $ca $url"

cat "$out/bench.md" "$out/bench-connections.md" "$out/bench-thp.md"

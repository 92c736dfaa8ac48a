#!/usr/bin/env bash
# Runs `pyward probe`, sslyze and testssl.sh against the same local nginx servers (insecure,
# hardened, expired certificate, wrong host name; see bench/probe/servers.sh), saves every
# tool's JSON and text output under bench/out/probe/, and prints a per-property table of what
# each tool says (bench/probe/compare.py, also written to bench/out/probe/compare.md).
#
# Each TLS server is judged by every tool with the servers' test CA trusted (pyward --ca-file,
# sslyze --certinfo_ca_file, testssl --add-ca), so chain trust is compared fairly, and once more
# without it (pyward and a testssl -S run; sslyze always reports the system stores too).
#
#   bash bench/probe/compare.sh          # 6-12 minutes (idle or busy 2 cores), mostly testssl.sh
#
# Needs: cargo (builds target/release/pyward unless PYWARD names a binary), nginx
# (/usr/sbin/nginx), openssl, python3, sslyze (6.x, pip install sslyze) and testssl.sh
# (Debian's `testssl` package, or TESTSSL=path/to/testssl.sh). Only 127.0.0.1 is contacted;
# ports 8841-8847 (PYWARD_PROBE_PORT_BASE moves them).
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
here="$root/bench/probe"
out="${OUT:-$root/bench/out/probe}"
sslyze="${SSLYZE:-sslyze}"
testssl="${TESTSSL:-$(command -v testssl || command -v testssl.sh || echo testssl)}"

for tool in "$sslyze" "$testssl" python3 openssl; do
  command -v "$tool" >/dev/null || { echo "compare.sh: missing $tool" >&2; exit 1; }
done
if [ -z "${PYWARD:-}" ]; then
  cargo build --release --quiet -p pyward-cli --manifest-path "$root/Cargo.toml"
  pyward="$root/target/release/pyward"
else
  pyward="$PYWARD"
fi

mkdir -p "$out"
work="$(mktemp -d "${TMPDIR:-/tmp}/pyward-probe-compare.XXXXXX")"
cleanup() {
  [ -d "$work/servers" ] && bash "$here/servers.sh" stop "$work/servers" || true
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

bash "$here/servers.sh" start "$work/servers" >&2
# shellcheck source=/dev/null
source "$work/servers/servers.env"
cp "$PROBE_CA" "$out/test-ca.crt"

# name, TLS endpoint, the URLs pyward probes (the plain-HTTP twins too: the redirect, Basic auth)
servers=(
  "insecure $INSECURE_TLS $INSECURE_HTTP_URL $INSECURE_ADMIN_URL $INSECURE_HTTPS_URL"
  "hardened $HARDENED_TLS $HARDENED_HTTP_URL $HARDENED_HTTPS_URL"
  "expired $EXPIRED_TLS $EXPIRED_HTTPS_URL"
  "wrong_host $WRONG_HOST_TLS $WRONG_HOST_HTTPS_URL"
)
{
  echo "{"
  sep=""
  for s in "${servers[@]}"; do
    read -r name tls _ <<<"$s"
    printf '%s  "%s": {"tls": "%s", "origin": "https://%s"}' "$sep" "$name" "$tls" "$tls"
    sep=$',\n'
  done
  printf '\n}\n'
} >"$out/servers.json"

# pyward exits 1 when it reports findings, 2 when something could not be checked.
run_pyward() {
  local file="$1"
  shift
  local rc=0
  sleep 3 # the hardened server's rate limit (20 r/s, burst 40) drains between runs
  "$pyward" probe --isolated --color never -f json -o "$file" "$@" || rc=$?
  [ "$rc" -le 1 ] || echo "  pyward exited $rc (errors are in $file)" >&2
}

for s in "${servers[@]}"; do
  read -r name tls urls <<<"$s"
  # shellcheck disable=SC2086
  {
    echo "== $name ($tls)" >&2
    echo "  pyward probe (test CA, then system roots only)" >&2
    run_pyward "$out/pyward-$name.json" --ca-file "$PROBE_CA" $urls
    run_pyward "$out/pyward-noca-$name.json" $urls

    echo "  sslyze" >&2
    rm -f "$out/sslyze-$name.json"
    "$sslyze" --json_out="$out/sslyze-$name.json" --certinfo_ca_file "$PROBE_CA" \
      --certinfo --sslv2 --sslv3 --tlsv1 --tlsv1_1 --tlsv1_2 --tlsv1_3 --http_headers \
      --compression --heartbleed --openssl_ccs --fallback --reneg --robot --elliptic_curves \
      --ems --early_data "$tls" >"$out/sslyze-$name.txt" 2>&1 || echo "  sslyze exited $?" >&2

    # testssl.sh refuses to overwrite its JSON file; it runs in the work dir (it reads git
    # metadata from its working directory for its banner).
    echo "  testssl.sh -p -s -f -P -S -h -E (test CA added)" >&2
    rm -f "$out/testssl-$name.json" "$out/testssl-noca-$name.json"
    (cd "$work" && "$testssl" --quiet --color 0 --warnings off --add-ca "$PROBE_CA" \
      --jsonfile "$out/testssl-$name.json" -p -s -f -P -S -h -E "$tls") \
      >"$out/testssl-$name.txt" 2>&1 || echo "  testssl exited $?" >&2
    echo "  testssl.sh -S (system roots only)" >&2
    (cd "$work" && "$testssl" --quiet --color 0 --warnings off \
      --jsonfile "$out/testssl-noca-$name.json" -S "$tls") \
      >"$out/testssl-noca-$name.txt" 2>&1 || echo "  testssl exited $?" >&2
  }
done

{
  echo "pyward: $("$pyward" --version)"
  echo "sslyze: $("$sslyze" --help 2>/dev/null | sed -n 's/^SSLyze version //p')"
  echo "testssl.sh: $("$testssl" --version 2>/dev/null | sed "s/\x1b\[[0-9;]*m//g" | sed -n 's/^ *testssl  *\([0-9][^ ]*\).*/\1/p' | head -1)"
  echo "nginx: $(/usr/sbin/nginx -v 2>&1 | sed 's/^nginx version: //')"
  echo "openssl: $(openssl version)"
  echo "date: $(date -u '+%Y-%m-%d %H:%M UTC')"
} >"$out/versions.txt"

python3 "$here/compare.py" "$out" | tee "$out/compare.md"
echo "outputs: $out" >&2

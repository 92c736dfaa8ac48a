#!/usr/bin/env bash
# The installs Python teams use, tested for real (.ci/run runs this after the tests):
#   1. the PyPI wheel: `maturin build` (profile `dist`, from pyproject.toml), its size (< 15 MB),
#      installed into a fresh virtualenv; `pyward --version`, the missing-database hint, and
#      `pyward scan` of examples/flask-shop with a database imported from the shared snapshot;
#   2. the pre-commit hooks: `pre-commit try-repo` of this repository (every hook) against a sample
#      repository with a vulnerable commit (the hooks fail) and a clean one (they pass).
# Needs maturin, pre-commit, git, `python3 -m venv` and $PYWARD_SHARED. pip builds the hooks'
# wheel from source with the same CARGO_TARGET_DIR and profile as step 1, so the dependencies
# are not compiled twice.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$PWD
: "${PYWARD_SHARED:?set PYWARD_SHARED to the shared data directory}"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$repo/target}"
export CARGO_TERM_COLOR=never NO_COLOR=1
unset PYWARD_DB PYWARD_CONFIG
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

fail() { echo "check-install: $*" >&2; exit 1; }
# expect CODE CMD…: runs CMD, output to $work/out, and fails unless it exits with CODE.
expect() {
  local want=$1 got=0
  shift
  "$@" >"$work/out" 2>&1 || got=$?
  if [ "$got" != "$want" ]; then
    cat "$work/out" >&2
    fail "exit $got, expected $want: $*"
  fi
}
contains() { grep -qF -- "$1" "$work/out" || { cat "$work/out" >&2; fail "output lacks: $1"; }; }
lacks() { ! grep -qF -- "$1" "$work/out" || { cat "$work/out" >&2; fail "output has: $1"; }; }

# ---- 1. the wheel ------------------------------------------------------------------------------
t0=$(date +%s)
maturin build --locked --out "$work/wheels" 2>&1 | grep -vE '^\s+(Compiling|Downloaded?|Fresh) ' || true
wheels=("$work"/wheels/pyward-*.whl)
[ -f "${wheels[0]}" ] && [ ${#wheels[@]} = 1 ] || fail "expected one wheel, got: ${wheels[*]}"
wheel=${wheels[0]}
size=$(stat -c %s "$wheel")
echo "wheel: $(basename "$wheel"), $size bytes, built in $(($(date +%s) - t0)) s"
[ "$size" -lt 15000000 ] || fail "the wheel is $size bytes, over 15 MB"
version=$(basename "$wheel" | cut -d- -f2)

python3 -m venv "$work/venv"
"$work/venv/bin/pip" install --quiet --disable-pip-version-check --no-index "$wheel"
pyward=$work/venv/bin/pyward
[ -x "$pyward" ] || fail "the wheel installed no pyward script"
expect 0 "$pyward" --version
contains "pyward $version"

# No database: exit 2, and the error says how to get one.
expect 2 env XDG_CACHE_HOME="$work/empty-cache" "$pyward" scan examples/flask-shop
contains "no advisory database"
contains "pyward db update"

db=$work/advisory.db
expect 0 "$pyward" db update --quiet --from "$PYWARD_SHARED/advisory-db/osv-pypi-all.zip" --db "$db"
# The example pins vulnerable packages and has insecure code: exit 1, findings from both.
expect 1 "$pyward" scan --db "$db" --format json examples/flask-shop
python3 - "$work/out" <<'EOF'
import json, sys
report = json.load(open(sys.argv[1]))
codes = {f["code"] for f in report["findings"]}
assert any(c.startswith("DEP0") for c in codes), codes
assert "PY602" in codes, codes
assert report["summary"]["errors"] == 0, report["errors"]
print(f"wheel scan: {report['summary']['total']} findings ({', '.join(sorted(codes)[:6])}, …)")
EOF
echo "wheel: ok ($(($(date +%s) - t0)) s)"

# ---- 2. pre-commit ------------------------------------------------------------------------------
t0=$(date +%s)
export PRE_COMMIT_HOME=$work/pre-commit-home
git_in() { git -C "$1" -c user.name=pyward-ci -c user.email=ci@localhost "${@:2}"; }
# A committed snapshot of this tree (what is checked out, uncommitted edits included), so that
# every try-repo below sees one revision and pre-commit installs the hooks once.
mkdir "$work/hooks-repo"
git ls-files -z --cached --others --exclude-standard |
  while IFS= read -r -d '' f; do [ -e "$f" ] && printf '%s\0' "$f"; done |
  tar --null -T - -cf - | tar -xf - -C "$work/hooks-repo"
git_in "$work/hooks-repo" init -q
git_in "$work/hooks-repo" add -A
git_in "$work/hooks-repo" commit -q -m snapshot

sample() {
  mkdir -p "$1"
  git_in "$1" init -q
  cat >"$1/app.py"
  printf '%s\n' "${2}" >"$1/requirements.txt"
  printf '%s\n' "${3}" >"$1/Dockerfile"
  git_in "$1" add -A
  git_in "$1" commit -q -m sample
}
sample "$work/vulnerable" 'requests==2.19.0' $'FROM python:3.12\nCOPY . /app\nCMD ["python", "/app/app.py"]' <<'EOF'
import subprocess


def run(command):
    return subprocess.call(command, shell=True)
EOF
sample "$work/clean" '' $'FROM python:3.12-slim@sha256:0000000000000000000000000000000000000000000000000000000000000000\nRUN useradd --create-home app\nUSER app\nCOPY --chown=app . /app\nHEALTHCHECK CMD ["python", "-c", "print(1)"]\nCMD ["python", "/app/app.py"]' <<'EOF'
def greet(name: str) -> str:
    return f"hello {name}"
EOF

# try-repo installs the hooks into a throwaway store on every call (one wheel build each, which
# reuses the dependencies in CARGO_TARGET_DIR), so each sample runs every hook in one call.
# run_hooks DIR: runs all hooks of the snapshot on every file of DIR.
run_hooks() {
  (cd "$1" && PYWARD_DB=$db pre-commit try-repo "$work/hooks-repo" --all-files --verbose)
}
# hook_result NAME RESULT: pre-commit's status line for the hook is RESULT (Passed/Failed).
hook_result() {
  grep -qE "^$1\.+$2\$" "$work/out" || { cat "$work/out" >&2; fail "hook \`$1\` did not report $2"; }
}
hook_start=$(date +%s)
expect 1 run_hooks "$work/vulnerable"
echo "pre-commit: installed the hooks and ran them in $(($(date +%s) - hook_start)) s"
for hook in "pyward code" "pyward deps" "pyward config" "pyward scan"; do
  hook_result "$hook" Failed
done
contains "PY602"   # code
contains "DEP001"  # deps
contains "DKR001"  # config
expect 0 run_hooks "$work/clean"
for hook in "pyward code" "pyward deps" "pyward config" "pyward scan"; do
  hook_result "$hook" Passed
done
echo "pre-commit: ok ($(($(date +%s) - t0)) s)"

#!/usr/bin/env bash
# Rebuilds fuzz/corpus/<target>/ from the repository's own test fixtures (and a few advisories
# from the shared PyPA data for the OSV and database targets). The result is committed; rerun
# this after adding fixtures. Seeds are named by content hash, so reruns are stable.
#
#   fuzz/seed.sh              # needs python3; the advisory_db seed also needs a built `pyward`
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
shared="${PYWARD_SHARED:-$(cd .. && pwd)/shared}"
corpus=fuzz/corpus
rm -rf "$corpus"
mkdir -p "$corpus"

# seed TARGET FILE [PREFIX_BYTE]: copy FILE into TARGET's corpus (optionally behind one byte).
seed() {
  local target=$1 file=$2 dir="$corpus/$1" tmp
  mkdir -p "$dir"
  tmp=$(mktemp)
  if [ $# -ge 3 ]; then printf "\\x$(printf %02x "$3")" >"$tmp"; fi
  cat "$file" >>"$tmp"
  mv "$tmp" "$dir/$(sha1sum "$tmp" | cut -c1-16)"
  chmod 644 "$dir"/*
}

fixtures() { find crates/*/tests/fixtures crates/*/resources -type f "$@" 2>/dev/null | sort; }

# Manifests and lockfiles.
fixtures \( -name '*.txt' -o -name '*.in' \) | while read -r f; do seed requirements "$f"; done
fixtures -name uv.lock        | while read -r f; do seed uv_lock "$f"; done
fixtures -name poetry.lock    | while read -r f; do seed poetry_lock "$f"; done
fixtures -name pdm.lock       | while read -r f; do seed pdm_lock "$f"; done
fixtures -name Pipfile.lock   | while read -r f; do seed pipfile_lock "$f"; done
fixtures -name 'pylock*.toml' | while read -r f; do seed pylock "$f"; done
fixtures -name pyproject.toml | while read -r f; do seed pyproject "$f"; done
fixtures -name '*.py' | while read -r f; do
  if grep -q '^# /// script' "$f"; then seed pep723 "$f"; fi
  seed python_code "$f"
done

# TLS server flights recorded from nginx (the probe's wire parser).
fixtures -path '*/fixtures/tls/*.bin' | while read -r f; do seed tls_flight "$f"; done

# Seeds written here: stdin into TARGET's corpus.
seed_stdin() {
  local tmp
  tmp=$(mktemp)
  cat >"$tmp"
  seed "$1" "$tmp"
  rm -f "$tmp"
}

# HTTP answers for the probe's checks: a flags byte (bit 0 https, bit 1 TRACE), the status as
# two bytes, header lines, a blank line, the body.
printf '\x01\x00\xc8strict-transport-security: max-age=300; preload\ncontent-security-policy: default-src * '"'"'unsafe-inline'"'"'\nset-cookie: sessionid=abc; Path=/\naccess-control-allow-origin: *\naccess-control-allow-credentials: true\nserver: gunicorn/23.0\n\n<html><form method="post" action="http://app.example/login"><input type="password"></form></html>' \
  | seed_stdin probe_answer
printf '\x00\x01\x91www-authenticate: Basic realm="x"\nx-powered-by: Werkzeug/3.0\n\n<title>Index of /backup/</title><a href="db.sql">db.sql</a>' | seed_stdin probe_answer
printf '\x00\x01\xf4content-type: text/html\n\n<title>DisallowedHost at /</title><div id="summary">You are seeing this page because DEBUG = True</div> Werkzeug Debugger console.png __debugger__' \
  | seed_stdin probe_answer
printf '\x00\x00\xc8content-type: text/plain\n\nref: refs/heads/main\n[core]\n\trepositoryformatversion = 0\nSECRET_KEY=x\nDATABASE_URL=postgres://u@h/d\n-- PostgreSQL database dump\nServer uptime: 1 Total Accesses: 2\nActive connections: 1' \
  | seed_stdin probe_answer
printf '\x00\x00\xc8content-type: application/json\n\n{"openapi":"3.1.0","paths":{"/items/{id}":{"get":{"security":[{"b":[]}],"parameters":[{"name":"id","in":"path","required":true,"schema":{"type":"integer"}}]}}}}' \
  | seed_stdin probe_answer

# OpenAPI documents (`--openapi`, or a served schema).
printf '%s' '{"openapi":"3.1.0","servers":[{"url":"https://{host}/v1","variables":{"host":{"default":"api.example"}}}],"components":{"parameters":{"P":{"name":"slug","in":"path","required":true,"schema":{"type":"string","format":"uuid"}}}},"paths":{"/items/{id}":{"get":{"security":[{"HTTPBearer":[]}],"parameters":[{"name":"id","in":"path","required":true,"schema":{"type":"integer"}},{"name":"q","in":"query","required":true,"schema":{"anyOf":[{"type":"string","format":"date"},{"type":"null"}]}}]}},"/p/{slug}":{"parameters":[{"$ref":"#/components/parameters/P"}],"get":{"security":[{"k":[]}]}},"/open":{"get":{"security":[{}]}}}}' \
  | seed_stdin openapi
printf '%s\n' "swagger: '2.0'" 'basePath: /api' 'security:' '  - token: []' 'paths:' '  /users/{id}:' '    get:' \
  '      parameters:' '        - {name: id, in: path, type: string, enum: [a, b], required: true}' \
  '  /health:' '    get:' '      security: []' | seed_stdin openapi

# Configuration files. The config_any target reads the format from its first byte, the index
# in ConfigKind::ALL (sshd, nginx, dockerfile, compose, kubernetes, systemd, gunicorn, procfile,
# postgresql, pg-hba, redis, mysql, sudoers, fail2ban, ufw, ufw-rules, nftables, iptables,
# dotenv).
config() { # config TARGET|- INDEX FIND-ARGS...
  local target=$1 index=$2
  shift 2
  find crates/pyward-config/tests/fixtures -type f "$@" | sort | while read -r f; do
    if [ "$target" != - ]; then seed "$target" "$f"; fi
    seed config_any "$f" "$index"
  done
}
config sshd 0 \( -name sshd_config -o -path '*sshd_config.d/*' \)
config nginx 1 -path '*/nginx/*'
config dockerfile 2 -name 'Dockerfile*'
config compose 3 \( -name 'docker-compose*.y*ml' -o -name 'compose*.y*ml' \)
config k8s 4 \( -path '*/k8s/*' -o -path '*/K8S*' \) -name '*.y*ml'
config systemd 5 -name '*.service'
config - 6 -name 'gunicorn.conf.py'
config - 7 -name Procfile
config - 8 -name postgresql.conf
config pg_hba 9 -name pg_hba.conf
config - 10 -name redis.conf
config - 11 -name '*.cnf'
config - 12 -path '*sudoers*'
config - 13 -path '*fail2ban*'
config - 14 -name ufw.conf
config ufw 15 -name 'user*.rules'
config nftables 16 -name 'nftables*.conf'
config iptables 17 -name 'rules.v[46]'
config dotenv 18 -name '.env*'

# OSV records: a fixed sample of the shared PyPA advisories, as YAML and as the JSON export.
if [ -d "$shared/advisory-db/vulns" ]; then
  sample=$(cd "$shared/advisory-db/vulns" && find . -name '*.yaml' | sort | awk 'NR % 100 == 1')
  for f in $sample; do seed osv_yaml "$shared/advisory-db/vulns/$f"; done
  tmp=$(mktemp -d)
  trap 'rm -rf "$tmp"' EXIT
  python3 - "$shared/advisory-db/osv-pypi-all.zip" "$tmp/json" $(for f in $sample; do basename "$f" .yaml; done) <<'PY'
import sys, zipfile, os
src, out, ids = sys.argv[1], sys.argv[2], set(sys.argv[3:])
os.makedirs(out, exist_ok=True)
with zipfile.ZipFile(src) as z:
    for name in z.namelist():
        if os.path.basename(name)[:-5] in ids:
            with open(os.path.join(out, os.path.basename(name)), "wb") as f:
                f.write(z.read(name))
PY
  for f in "$tmp"/json/*.json; do seed osv_json "$f"; done
  # Small compact database files (one and three records of the sample), built by pyward.
  pyward=${PYWARD_BIN:-${CARGO_TARGET_DIR:-$root/target}/debug/pyward}
  if [ -x "$pyward" ]; then
    for n in 1 3; do
      mkdir -p "$tmp/db$n"
      ls "$tmp"/json/*.json | head -n "$n" | xargs cp -t "$tmp/db$n"
      "$pyward" db update -q --from "$tmp/db$n" --db "$tmp/advisory$n.db" >/dev/null
      seed advisory_db "$tmp/advisory$n.db"
    done
  else
    echo "seed.sh: no pyward binary at $pyward; advisory_db keeps no seed (cargo build first)" >&2
  fi
else
  echo "seed.sh: shared data not found at $shared; OSV targets get no seeds" >&2
fi

# What `pyward host` reads: a selector byte (0 /proc/net, 1 status/environ/passwd, 2 nft JSON,
# 3 iptables-save, 4 dpkg status, 5 two Debian versions, 6 /proc/version, 7 a database URL).
printf '\x00  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode\n   0: 0100007F:1F90 00000000:0000 0A 00000000:00000000 00:00000000 00000000   101        0 4242 1\n   1: 00000000000000000000000001000000:0016 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 7 1\n' | seed_stdin host_text
printf '\x01Name:\tgunicorn\nPPid:\t1\nUid:\t0\t33\t0\t0\nroot:x:0:0:root:/root:/bin/bash\n' | seed_stdin host_text
printf '\x02%s' '{"nftables":[{"chain":{"family":"inet","table":"f","name":"in","type":"filter","hook":"input","policy":"drop"}},{"rule":{"family":"inet","table":"f","chain":"in","expr":[{"match":{"op":"==","left":{"payload":{"protocol":"tcp","field":"dport"}},"right":{"set":[22,{"range":[80,443]}]}}},{"accept":null}]}},{"rule":{"family":"inet","table":"f","chain":"in","expr":[{"jump":{"target":"x"}}]}}]}' | seed_stdin host_text
printf '\x03*filter\n:INPUT DROP [0:0]\n:ufw-user-input - [0:0]\n-A INPUT -i lo -j ACCEPT\n-A INPUT -j ufw-user-input\n-A ufw-user-input -s 10.0.0.0/8 -p tcp -m multiport --dports 22,5432:5433 -j ACCEPT\nCOMMIT\n' | seed_stdin host_text
printf '\x04Package: sudo\nStatus: install ok installed\nVersion: 1.9.5p2-3+deb11u1\n\nPackage: telnetd\nStatus: deinstall ok config-files\nVersion: 0.17-44\n' | seed_stdin host_text
printf '\x051:1.0~rc1+dfsg-2\n1.0-1' | seed_stdin host_text
printf '\x06Linux version 5.10.0-21-amd64 (debian-kernel@lists.debian.org) #1 SMP Debian 5.10.162-1 (2023-01-21)' | seed_stdin host_text
printf '\x07postgres://app:p%%40ss@[::1]:5432/shop?sslmode=verify-full' | seed_stdin host_text

# Container image layers (`pyward image`): tar layers separated by `\0LAYER\0`, plain and gzip,
# with a distribution, a config file, links and whiteouts; and an image config.
layers=$(mktemp -d)
python3 - "$layers" <<'PY'
import gzip, io, sys, tarfile
out = sys.argv[1]
def tar(entries):
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w", format=tarfile.PAX_FORMAT) as t:
        for name, kind, data in entries:
            info = tarfile.TarInfo(name)
            if kind == "dir":
                info.type = tarfile.DIRTYPE
            elif kind == "sym":
                info.type, info.linkname = tarfile.SYMTYPE, data
            elif kind == "hard":
                info.type, info.linkname = tarfile.LNKTYPE, data
            if kind in ("dir", "sym", "hard"):
                t.addfile(info)
            else:
                info.size = len(data)
                t.addfile(info, io.BytesIO(data))
    return buf.getvalue()
sp = "usr/local/lib/python3.12/site-packages/"
base = tar([
    ("usr/", "dir", None),
    (sp + "jinja2-2.10.dist-info/METADATA", "file", b"Metadata-Version: 2.1\nName: Jinja2\nVersion: 2.10\n"),
    (sp + "jinja2-2.10.dist-info/RECORD", "file", b"jinja2/__init__.py,sha256=AAAA,4\njinja2-2.10.dist-info/METADATA,,\n"),
    (sp + "jinja2/__init__.py", "file", b"x=1\n"),
    ("etc/nginx/nginx.conf", "file", b"http { server_tokens on; server { listen 80; autoindex on; } }\n"),
    ("etc/nginx/link.conf", "sym", "/etc/nginx/nginx.conf"),
    ("app/.env", "file", b"SECRET_KEY=fuzz-seed-not-a-secret\n"),
    ("app/hard", "hard", "app/.env"),
])
upper = tar([
    (sp + ".wh.jinja2-2.10.dist-info", "file", b""),
    ("etc/nginx/.wh..wh..opq", "file", b""),
    ("etc/nginx/nginx.conf", "file", b"events {}\n"),
])
open(f"{out}/plain", "wb").write(base + b"\0LAYER\0" + upper)
open(f"{out}/gzip", "wb").write(gzip.compress(base) + b"\0LAYER\0" + gzip.compress(upper))
open(f"{out}/config", "wb").write(b'{"config":{"User":"","Env":["PATH=/usr/bin","API_TOKEN=changeme-in-production"],"ExposedPorts":{"6379/tcp":{}}},"history":[{"created_by":"ADD https://example.invalid/x.tgz /x"},{"created_by":"FROM python:latest"}]}')
PY
for f in "$layers"/*; do seed image_layers "$f"; done
rm -rf "$layers"

du -sh "$corpus"
for d in "$corpus"/*/; do printf '%-14s %s\n' "$(basename "$d")" "$(ls "$d" | wc -l)"; done

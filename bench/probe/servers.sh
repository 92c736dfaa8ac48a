#!/usr/bin/env bash
# Test servers for the live probe benchmarks and the comparison with sslyze and testssl.sh:
# Debian's nginx on 127.0.0.1 only, run as the current user (one process, `master_process off`,
# so nothing switches user), with its config, pid file, logs, pages and a test PKI in one
# directory. The CA and the leaf certificates are made here with the openssl CLI.
#
#   port  (default)          what
#   BASE+0 (8841) http       insecure: server_tokens on, a session cookie without flags, Basic
#                            auth at /admin/, /docs (Swagger UI) and /openapi.json as static
#                            files, an operation /api/users that declares auth and needs none
#   BASE+1 (8842) https      the same site over TLS 1.0/1.1/1.2, `ALL:COMPLEMENTOFALL:@SECLEVEL=0`,
#                            client cipher order, no HSTS; certificate: RSA 1024, SHA-1 signed
#   BASE+2 (8843) http       hardened: 301 to BASE+3
#   BASE+3 (8844) https      hardened: TLS 1.2/1.3, ECDHE AEAD suites, server order, stapled
#                            OCSP, HSTS 1 year + includeSubDomains, CSP with frame-ancestors,
#                            nosniff, X-Frame-Options, Referrer-Policy, Permissions-Policy,
#                            COOP/CORP, server_tokens off, limit_req (429), client_max_body_size 1m
#   BASE+4 (8845) https      the hardened TLS settings with an expired certificate (2020-2021)
#   BASE+5 (8846) https      the hardened TLS settings with a certificate for other.example only
#   BASE+6 (8847) http       nginx's stub_status at /nginx_status (connections and requests
#                            accepted by all the servers above, for the benchmark's counts)
#
# Every leaf but the weak one is RSA 2048 / SHA-256, valid 365 days, for localhost and 127.0.0.1,
# signed by a test CA that nothing trusts unless told (`DIR/pki/ca.crt`).
#
#   bash bench/probe/servers.sh              # start in a temp dir, print the URLs, run until ^C
#   bash bench/probe/servers.sh start DIR    # start in DIR (created if missing) and return;
#                                            # DIR/servers.env then holds the URLs (sourceable)
#   bash bench/probe/servers.sh stop DIR     # kill the nginx of DIR/nginx.pid, remove DIR
#
# Ports: PYWARD_PROBE_PORT_BASE (default 8841) moves all seven. Needs: nginx at /usr/sbin/nginx
# or NGINX=path (Debian 12's `nginx` package: ssl, limit_req, auth_basic, stub_status), the
# openssl CLI. Nothing listens beyond 127.0.0.1; nothing runs as another user.
set -euo pipefail

nginx_bin="${NGINX:-/usr/sbin/nginx}"
openssl_bin="${OPENSSL:-openssl}"
base="${PYWARD_PROBE_PORT_BASE:-8841}"
insecure_http=$((base + 0))
insecure_https=$((base + 1))
hardened_http=$((base + 2))
hardened_https=$((base + 3))
expired_https=$((base + 4))
wrong_host_https=$((base + 5))
status_http=$((base + 6))
all_ports="$insecure_http $insecure_https $hardened_http $hardened_https $expired_https $wrong_host_https $status_http"
marker=".pyward-probe-servers"

die() { echo "servers.sh: $*" >&2; exit 1; }

listening() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# The test CA and its leaves, in $1.
make_pki() {
  local pki="$1"
  mkdir -p "$pki"
  cat >"$pki/pki.cnf" <<'EOF'
[req]
distinguished_name = dn
[dn]
[ca_ext]
basicConstraints = critical,CA:true
keyUsage = critical,keyCertSign,cRLSign
subjectKeyIdentifier = hash
[ca]
default_ca = test
[test]
database = index.txt
new_certs_dir = .
serial = serial
default_md = sha256
policy = any
unique_subject = no
copy_extensions = none
[any]
commonName = supplied
[local]
basicConstraints = CA:false
keyUsage = critical,digitalSignature,keyEncipherment
extendedKeyUsage = serverAuth
subjectAltName = DNS:localhost,IP:127.0.0.1
authorityKeyIdentifier = keyid
[other]
basicConstraints = CA:false
keyUsage = critical,digitalSignature,keyEncipherment
extendedKeyUsage = serverAuth
subjectAltName = DNS:other.example
authorityKeyIdentifier = keyid
EOF
  : >"$pki/index.txt"
  echo 2000 >"$pki/serial"
  (
    cd "$pki"
    o() { "$openssl_bin" "$@" 2>>openssl.log >>openssl.log || die "openssl $* failed: $(tail -5 openssl.log)"; }
    o req -x509 -newkey rsa:2048 -nodes -keyout ca.key -out ca.crt -days 3650 \
      -subj "/CN=pyward probe bench CA" -config pki.cnf -extensions ca_ext
    # name  bits  digest  extensions  validity
    leaf() {
      local name="$1" bits="$2" md="$3" ext="$4"
      shift 4
      o req -newkey "rsa:$bits" -nodes -keyout "$name.key" -out "$name.csr" \
        -subj "/CN=$name" -config pki.cnf
      o ca -batch -notext -config pki.cnf -cert ca.crt -keyfile ca.key -md "$md" \
        -in "$name.csr" -out "$name.crt" -extensions "$ext" "$@"
    }
    leaf good 2048 sha256 local -days 365
    leaf weak 1024 sha1 local -days 365
    leaf expired 2048 sha256 local -startdate 20200101000000Z -enddate 20210101000000Z
    leaf other 2048 sha256 other -days 365
    # A stapled OCSP response for the hardened server's certificate, served from a file.
    o ocsp -index index.txt -rsigner ca.crt -rkey ca.key -CA ca.crt -issuer ca.crt \
      -cert good.crt -respout good.ocsp -ndays 7
  )
}

# The pages the insecure site serves as static files.
make_pages() {
  local www="$1"
  mkdir -p "$www/insecure" "$www/hardened"
  cat >"$www/insecure/docs.html" <<'EOF'
<!DOCTYPE html>
<html>
<head>
<title>Bench API - Swagger UI</title>
<link type="text/css" rel="stylesheet" href="https://cdn.jsdelivr.net/npm/swagger-ui-dist@5/swagger-ui.css">
</head>
<body>
<div id="swagger-ui"></div>
<script src="https://cdn.jsdelivr.net/npm/swagger-ui-dist@5/swagger-ui-bundle.js"></script>
<script>
const ui = SwaggerUIBundle({
  url: '/openapi.json',
  dom_id: '#swagger-ui',
})
</script>
</body>
</html>
EOF
  cat >"$www/insecure/openapi.json" <<'EOF'
{
  "openapi": "3.1.0",
  "info": {"title": "Bench API", "version": "0.1.0"},
  "components": {
    "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}}
  },
  "paths": {
    "/api/users": {
      "get": {
        "summary": "List users",
        "security": [{"bearer": []}],
        "responses": {"200": {"description": "the users"}}
      }
    },
    "/api/health": {
      "get": {
        "summary": "Health",
        "responses": {"200": {"description": "ok"}}
      }
    }
  }
}
EOF
  printf '[{"id": 1, "name": "alice"}]\n' >"$www/insecure/users.json"
  printf '<html><body>admin</body></html>\n' >"$www/insecure/admin.html"
  # user `admin`, password `x`
  printf 'admin:{PLAIN}x\n' >"$www/htpasswd"
}

# The site of the insecure servers (plain HTTP and legacy TLS alike).
insecure_site() {
  local dir="$1"
  cat <<EOF
    root $dir/www/insecure;
    client_max_body_size 0;
    location = / {
      default_type text/html;
      add_header Set-Cookie "sessionid=benchS3ssionValue; Path=/";
      return 200 '<html><head><title>bench</title></head><body><form method="post" action="/login"><input name="u"><input type="password" name="p"></form></body></html>';
    }
    location = /docs { default_type text/html; try_files /docs.html =404; }
    location = /openapi.json { default_type application/json; try_files /openapi.json =404; }
    location = /api/users { default_type application/json; try_files /users.json =404; }
    location /admin/ {
      auth_basic "admin";
      auth_basic_user_file $dir/www/htpasswd;
      default_type text/html;
      try_files /admin.html =404;
    }
EOF
}

write_conf() {
  local dir="$1" p="$1/pki"
  local hardened_tls="ssl_protocols TLSv1.2 TLSv1.3;
    ssl_ciphers ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256:ECDHE-ECDSA-AES256-GCM-SHA384:ECDHE-RSA-AES256-GCM-SHA384:ECDHE-RSA-CHACHA20-POLY1305;
    ssl_prefer_server_ciphers on;"
  cat >"$dir/nginx.conf" <<EOF
# Written by bench/probe/servers.sh.
daemon on;
master_process off;
worker_processes 1;
pid $dir/nginx.pid;
error_log $dir/error.log notice;
events { worker_connections 1024; }
http {
  access_log $dir/access.log;
  client_body_temp_path $dir/tmp/body;
  proxy_temp_path $dir/tmp/proxy;
  fastcgi_temp_path $dir/tmp/fastcgi;
  uwsgi_temp_path $dir/tmp/uwsgi;
  scgi_temp_path $dir/tmp/scgi;
  types { text/html html; application/json json; }
  default_type application/octet-stream;
  limit_req_zone \$binary_remote_addr zone=perip:1m rate=20r/s;

  # ---- insecure ----
  server {
    listen 127.0.0.1:$insecure_http;
    server_tokens on;
$(insecure_site "$dir")
  }
  server {
    listen 127.0.0.1:$insecure_https ssl;
    server_name localhost;
    server_tokens on;
    ssl_certificate $p/weak.crt;
    ssl_certificate_key $p/weak.key;
    ssl_protocols TLSv1 TLSv1.1 TLSv1.2;
    ssl_ciphers ALL:COMPLEMENTOFALL:@SECLEVEL=0;
    ssl_prefer_server_ciphers off;
$(insecure_site "$dir")
  }

  # ---- hardened ----
  server {
    listen 127.0.0.1:$hardened_http;
    server_tokens off;
    return 301 https://127.0.0.1:$hardened_https\$request_uri;
  }
  server {
    listen 127.0.0.1:$hardened_https ssl;
    server_name localhost;
    server_tokens off;
    root $dir/www/hardened;
    ssl_certificate $p/good.crt;
    ssl_certificate_key $p/good.key;
    $hardened_tls
    ssl_stapling on;
    ssl_stapling_file $p/good.ocsp;
    ssl_trusted_certificate $p/ca.crt;
    default_type text/html;
    limit_req zone=perip burst=40 nodelay;
    limit_req_status 429;
    client_max_body_size 1m;
    add_header Strict-Transport-Security "max-age=31536000; includeSubDomains" always;
    add_header Content-Security-Policy "default-src 'self'; script-src 'self'; object-src 'none'; base-uri 'self'; frame-ancestors 'none'" always;
    add_header X-Content-Type-Options nosniff always;
    add_header X-Frame-Options DENY always;
    add_header Referrer-Policy strict-origin-when-cross-origin always;
    add_header Permissions-Policy "camera=(), microphone=(), geolocation=()" always;
    add_header Cross-Origin-Opener-Policy same-origin always;
    add_header Cross-Origin-Resource-Policy same-origin always;
    add_header Set-Cookie "sessionid=benchHardenedValue; Path=/; Secure; HttpOnly; SameSite=Lax" always;
    if (\$request_method !~ ^(GET|HEAD|POST)\$) { return 405; }
    # \`return\` would act before limit_req: the page is served from a named location.
    location / { try_files \$uri @page; }
    location @page {
      return 200 '<html><head><title>bench</title></head><body><form method="post" action="/login"><input type="password" name="p"></form></body></html>';
    }
  }

  # ---- certificate cases ----
  server {
    listen 127.0.0.1:$expired_https ssl;
    server_name localhost;
    server_tokens off;
    ssl_certificate $p/expired.crt;
    ssl_certificate_key $p/expired.key;
    $hardened_tls
    location / { default_type text/plain; return 200 'expired'; }
  }
  server {
    listen 127.0.0.1:$wrong_host_https ssl;
    server_name localhost;
    server_tokens off;
    ssl_certificate $p/other.crt;
    ssl_certificate_key $p/other.key;
    $hardened_tls
    location / { default_type text/plain; return 200 'other'; }
  }

  # ---- counters (not probed) ----
  server {
    listen 127.0.0.1:$status_http;
    access_log off;
    location = /nginx_status { stub_status; }
    location / { return 404; }
  }
}
EOF
}

write_env() {
  local dir="$1" h="127.0.0.1"
  cat >"$dir/servers.env" <<EOF
PROBE_DIR=$dir
PROBE_CA=$dir/pki/ca.crt
INSECURE_HTTP_URL=http://$h:$insecure_http/
INSECURE_ADMIN_URL=http://$h:$insecure_http/admin/
INSECURE_HTTPS_URL=https://$h:$insecure_https/
HARDENED_HTTP_URL=http://$h:$hardened_http/
HARDENED_HTTPS_URL=https://$h:$hardened_https/
EXPIRED_HTTPS_URL=https://$h:$expired_https/
WRONG_HOST_HTTPS_URL=https://$h:$wrong_host_https/
INSECURE_TLS=$h:$insecure_https
HARDENED_TLS=$h:$hardened_https
EXPIRED_TLS=$h:$expired_https
WRONG_HOST_TLS=$h:$wrong_host_https
STATUS_URL=http://$h:$status_http/nginx_status
EOF
}

stop() {
  local dir="${1:?usage: servers.sh stop DIR}"
  [ -e "$dir/$marker" ] || die "$dir was not made by servers.sh; not touching it"
  if [ -s "$dir/nginx.pid" ]; then
    local pid
    pid="$(cat "$dir/nginx.pid")"
    # Only the nginx started with this directory's config.
    if tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -qF -- "$dir/nginx.conf"; then
      kill -TERM "$pid" 2>/dev/null || true
      for _ in $(seq 50); do
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.1
      done
      kill -KILL "$pid" 2>/dev/null || true
    fi
  fi
  rm -rf "$dir"
}

start() {
  local dir="${1:-}"
  [ -x "$nginx_bin" ] || die "nginx not found at $nginx_bin (apt install nginx-light, or NGINX=path)"
  command -v "$openssl_bin" >/dev/null || die "openssl not found"
  for port in $all_ports; do
    if listening "$port"; then
      die "port $port is taken (set PYWARD_PROBE_PORT_BASE to move the seven ports)"
    fi
  done
  if [ -z "$dir" ]; then
    dir="$(mktemp -d "${TMPDIR:-/tmp}/pyward-probe-servers.XXXXXX")"
  fi
  mkdir -p "$dir"
  dir="$(cd "$dir" && pwd)"
  : >"$dir/$marker"
  # A failure from here on leaves nothing running and nothing behind.
  trap 'stop "$dir" 2>/dev/null || true' EXIT
  mkdir -p "$dir/tmp"
  make_pki "$dir/pki"
  make_pages "$dir/www"
  write_conf "$dir"
  if ! "$nginx_bin" -p "$dir" -e "$dir/error.log" -c "$dir/nginx.conf" >"$dir/nginx.out" 2>&1; then
    cat "$dir/nginx.out" "$dir/error.log" >&2 2>/dev/null || true
    die "nginx did not start"
  fi
  for port in $all_ports; do
    for _ in $(seq 200); do
      listening "$port" && break
      sleep 0.05
    done
    listening "$port" || { cat "$dir/error.log" >&2; die "nginx does not listen on $port"; }
  done
  write_env "$dir"
  trap - EXIT
  echo "nginx $(cat "$dir/nginx.pid") in $dir (stop: bash $0 stop $dir)"
  sed -n 's/^\([A-Z_]*_URL\)=/  \1 /p; s/^PROBE_CA=/  test CA /p' "$dir/servers.env"
}

case "${1:-run}" in
  start) start "${2:-}" ;;
  stop) stop "${2:-}" ;;
  run)
    dir="$(mktemp -d "${TMPDIR:-/tmp}/pyward-probe-servers.XXXXXX")"
    trap 'exit 130' INT TERM
    start "$dir"
    trap 'stop "$dir"' EXIT
    echo "running; ^C stops them"
    while kill -0 "$(cat "$dir/nginx.pid")" 2>/dev/null; do sleep 1; done
    ;;
  *) die "usage: servers.sh [run] | start [DIR] | stop DIR" ;;
esac

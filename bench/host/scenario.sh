#!/usr/bin/env bash
# Starts the weak services the host comparison and benchmark look at, on this machine, as root:
# redis on every interface without a password, sshd with password authentication on a high port
# from a config file outside /etc (the file the running daemon uses), and a Python server as
# root with FLASK_DEBUG=1. No traffic is sent anywhere; `bash scenario.sh stop` ends them.
#
#   bash bench/host/scenario.sh start|stop
set -euo pipefail
state=${PYWARD_BENCH_STATE:-/tmp/pyward-host-bench}

case "${1:-start}" in
start)
  mkdir -p "$state" /run/sshd
  [ -f "$state/host_ed25519" ] || ssh-keygen -q -t ed25519 -N '' -f "$state/host_ed25519"
  cat >"$state/sshd_config" <<CONF
Port 2222
HostKey $state/host_ed25519
PasswordAuthentication yes
PermitRootLogin yes
PidFile $state/sshd.pid
CONF
  redis-server --port 6390 --bind 0.0.0.0 --protected-mode no --save '' --appendonly no \
    --dir "$state" --daemonize yes --pidfile "$state/redis.pid" --logfile "$state/redis.log"
  /usr/sbin/sshd -f "$state/sshd_config"
  mkdir -p "$state/app"
  (cd "$state/app" && FLASK_DEBUG=1 setsid python3 -m http.server 8090 --bind 0.0.0.0 \
    >"$state/http.log" 2>&1 & echo $! >"$state/http.pid")
  sleep 1
  echo "started: redis :6390, sshd :2222 (-f $state/sshd_config), http.server :8090"
  ;;
stop)
  for p in redis sshd http; do
    [ -f "$state/$p.pid" ] && kill "$(cat "$state/$p.pid")" 2>/dev/null || true
  done
  rm -rf "$state"
  ;;
esac

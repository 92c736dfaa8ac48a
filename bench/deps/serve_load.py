#!/usr/bin/env python3
"""`pyward db serve` under load: a normal query with 1,000 idle/slowloris connections held,
and worst-case 1,000-query batches. Usage: serve_load.py PYWARD_BINARY ADVISORY_DB"""
import socket, subprocess, sys, time, json, re, statistics
binary, db = sys.argv[1], sys.argv[2]
p = subprocess.Popen([binary, "db", "serve", "--db", db, "--listen", "127.0.0.1:0"], stderr=subprocess.PIPE, text=True)
line = p.stderr.readline()
port = int(re.search(r"127\.0\.0\.1:(\d+)", line).group(1))
def query(body):
    s = socket.create_connection(("127.0.0.1", port), timeout=120)
    data = json.dumps(body).encode()
    s.sendall(b"POST /v1/querybatch HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Length: %d\r\n\r\n" % len(data) + data)
    out = b""
    while True:
        chunk = s.recv(65536)
        if not chunk: break
        out += chunk
    s.close()
    return out
normal = {"queries": [{"package": {"name": "django", "ecosystem": "PyPI"}, "version": "3.2.0"}]}
def timed(body, n):
    ts = []
    for _ in range(n):
        t = time.perf_counter(); r = query(body); ts.append((time.perf_counter() - t) * 1000)
        assert r.startswith(b"HTTP/1.1 200"), r[:200]
    return statistics.median(ts), max(ts)
print("normal query, no load: median %.2f ms, max %.2f ms (20 runs)" % timed(normal, 20))
idle = []
for i in range(1000):
    s = socket.create_connection(("127.0.0.1", port))
    if i % 2 == 0: s.sendall(b"GET /v1/vu")
    idle.append(s)
time.sleep(0.5)
rss = lambda: [l for l in open("/proc/%d/status" % p.pid) if l.startswith(("VmRSS", "Threads"))]
print("server with 1000 idle connections:", " ".join(x.strip() for x in rss()))
print("normal query, 1000 idle/slowloris connections held: median %.2f ms, max %.2f ms (20 runs)" % timed(normal, 20))
for s in idle: s.close()
worst = {"queries": [{"package": {"name": "django", "ecosystem": "PyPI"}, "version": "1.0"}] * 1000}
print("1000-query batch (django 1.0, its most advisories): median %.0f ms, max %.0f ms (5 runs)" % timed(worst, 5))
distinct = {"queries": [{"package": {"name": "django", "ecosystem": "PyPI"}, "version": "1.%d.%d" % (i // 100, i % 100)} for i in range(1000)]}
print("1000-query batch, 1000 distinct django versions: median %.0f ms, max %.0f ms (5 runs)" % timed(distinct, 5))
p.terminate(); p.wait()

#!/usr/bin/env python3
"""Writes a tree of N mixed configuration files for the `pyward config` benchmark.

It cycles the twin example trees (examples/server/{insecure,hardened}) into N files spread
over per-host directories: nginx sites, Dockerfiles, sshd fragments, compose and Kubernetes
files, systemd units, PostgreSQL, Redis, sudoers and firewall files. It also writes the nginx
and Dockerfile subsets into separate directories so gixy and hadolint (one format each) get
exactly the files pyward sees of that format.

    python3 bench/config/gen_tree.py OUT_DIR [N]
"""
import os
import sys

root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
out = sys.argv[1]
n = int(sys.argv[2]) if len(sys.argv) > 2 else 1000

sources = []
for twin in ("insecure", "hardened"):
    base = os.path.join(root, "examples", "server", twin)
    for dirpath, _, files in os.walk(base):
        for f in sorted(files):
            rel = os.path.relpath(os.path.join(dirpath, f), base)
            if f == "requirements.txt":
                continue
            with open(os.path.join(dirpath, f)) as fh:
                sources.append((rel, fh.read()))
sources.sort()

# Where each kind goes inside one host directory, so discovery by name still works.
def place(rel, i):
    name = os.path.basename(rel)
    if rel.startswith("etc/nginx/nginx.conf"):
        return f"etc/nginx/sites-enabled/site{i}.conf", "nginx"
    if rel.startswith("etc/nginx/conf.d/"):
        return f"etc/nginx/conf.d/extra{i}.conf", "nginx-fragment"
    if rel.startswith("etc/ssh/sshd_config.d/"):
        return f"etc/ssh/sshd_config.d/{i:04d}.conf", None
    if rel == "etc/ssh/sshd_config":
        return f"etc/ssh/sshd_config.d/{i:04d}-main.conf", None
    if name == "Dockerfile":
        return f"srv/app{i}/Dockerfile", "docker"
    if name.endswith(".service"):
        return f"etc/systemd/system/app{i}.service", None
    if rel.startswith("srv/shop/k8s/"):
        return f"k8s/app{i}.yaml", None
    if name == "docker-compose.yml":
        return f"srv/app{i}/docker-compose.yml", None
    if rel.startswith("srv/shop/"):
        return f"srv/app{i}/{name}", None
    if rel.startswith("etc/sudoers.d/"):
        return f"etc/sudoers.d/app{i}", None
    if rel.startswith("etc/postgresql/"):
        return f"etc/postgresql/{i}/main/{name}", None
    if rel.startswith("etc/fail2ban/"):
        return f"etc/fail2ban/jail.d/app{i}.local", None
    return os.path.join(os.path.dirname(rel) + f"/h{i}", name) if "/" in rel else f"h{i}/{name}", None

os.makedirs(out, exist_ok=True)
counts = {}
for i in range(n):
    rel, content = sources[i % len(sources)]
    dest, kind = place(rel, i)
    host = f"host{i % 10}"
    path = os.path.join(out, "tree", host, dest)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    if kind == "nginx":
        # a full nginx.conf body as a site file: keep it self-contained for gixy
        content = content.replace("include /etc/nginx/conf.d/*.conf;", "")
    with open(path, "w") as fh:
        fh.write(content)
    if kind in ("nginx", "docker"):
        sub = os.path.join(out, kind, f"{i:04d}" + (".conf" if kind == "nginx" else ".Dockerfile"))
        os.makedirs(os.path.dirname(sub), exist_ok=True)
        with open(sub, "w") as fh:
            fh.write(content)
    counts[kind or "other"] = counts.get(kind or "other", 0) + 1
print(f"wrote {n} files to {out}/tree ({counts})")

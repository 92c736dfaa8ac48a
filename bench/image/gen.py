#!/usr/bin/env python3
"""Writes a `docker save` tarball for bench/image/run.sh: a base layer with N installed
distributions (dist-info with METADATA, RECORD, INSTALLER and a few package files each), an
/etc with nginx and sshd configs, an app with a .env, and a top layer that deletes a tenth of
the distributions with whiteouts. Names and versions come from ../shared/pypi/top-packages.tsv
when present (so some match advisories), else synthetic ones.

    python3 gen.py OUT.tar [N=400] [FILES_PER_DIST=8] [FILE_BYTES=4096]
"""
import base64
import gzip
import hashlib
import io
import json
import os
import sys
import tarfile

out = sys.argv[1]
n = int(sys.argv[2]) if len(sys.argv) > 2 else 400
files_per = int(sys.argv[3]) if len(sys.argv) > 3 else 8
file_bytes = int(sys.argv[4]) if len(sys.argv) > 4 else 4096
site = "usr/local/lib/python3.12/site-packages"

root = os.path.dirname(os.path.abspath(__file__))
top = os.path.join(root, "../../../shared/pypi/top-packages.tsv")
names = []
if os.path.exists(top):
    with open(top) as f:
        for line in f:
            parts = line.strip().split("\t")
            if len(parts) == 2 and parts[1] and not parts[1].startswith("#"):
                names.append(parts[1])
            if len(names) >= n:
                break
while len(names) < n:
    names.append(f"synthetic-pkg-{len(names)}")


def add(tar, path, data, mode=0o644):
    info = tarfile.TarInfo(path)
    info.size = len(data)
    info.mode = mode
    tar.addfile(info, io.BytesIO(data))


def record_hash(data):
    return base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()


def layer(build):
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w", format=tarfile.GNU_FORMAT) as tar:
        build(tar)
    return buf.getvalue()


def base(tar):
    for i, name in enumerate(names):
        # Old versions, so that popular packages hit advisories.
        version = "1.0" if i % 3 else "0.9"
        module = name.replace("-", "_").replace(".", "_").lower()
        info = f"{site}/{module}-{version}.dist-info"
        record = []
        for j in range(files_per):
            body = (f"# {name} file {j}\n" + "x = 1\n" * (file_bytes // 6)).encode()
            path = f"{module}/mod{j}.py"
            add(tar, f"{site}/{path}", body)
            record.append(f"{path},sha256={record_hash(body)},{len(body)}")
        meta = f"Metadata-Version: 2.1\nName: {name}\nVersion: {version}\n\n".encode()
        add(tar, f"{info}/METADATA", meta)
        record.append(f"{module}-{version}.dist-info/METADATA,sha256={record_hash(meta)},{len(meta)}")
        record.append(f"{module}-{version}.dist-info/RECORD,,")
        add(tar, f"{info}/RECORD", ("\n".join(record) + "\n").encode())
        add(tar, f"{info}/INSTALLER", b"pip\n")
    add(tar, "etc/nginx/nginx.conf", b"events {}\nhttp { server { listen 80; location / { autoindex on; } } }\n")
    add(tar, "etc/ssh/sshd_config", b"PermitRootLogin yes\nPasswordAuthentication yes\n")
    add(tar, "app/.env", b"DEBUG=true\nSECRET_KEY=Kq2ZpX9vLm4RtY8wBn3HcJ6dFs1GaEu7\n")
    add(tar, "app/main.py", b"import subprocess\nsubprocess.call('ls', shell=True)\n")


def upper(tar):
    for i, name in enumerate(names):
        if i % 10 == 0:
            module = name.replace("-", "_").replace(".", "_").lower()
            version = "1.0" if i % 3 else "0.9"
            add(tar, f"{site}/.wh.{module}-{version}.dist-info", b"")
            add(tar, f"{site}/.wh.{module}", b"")


layers = [gzip.compress(layer(base), compresslevel=1), layer(upper)]
config = json.dumps({
    "architecture": "amd64",
    "os": "linux",
    "config": {"Env": ["PATH=/usr/local/bin:/usr/bin"], "WorkingDir": "/app", "ExposedPorts": {"8000/tcp": {}}},
    "history": [{"created_by": "ADD https://example.com/tool.tgz /opt/ # buildkit"}],
    "rootfs": {"type": "layers", "diff_ids": []},
}).encode()
with tarfile.open(out, "w") as tar:
    add(tar, "config.json", config)
    for i, l in enumerate(layers):
        add(tar, f"layer{i}/layer.tar", l)
    add(tar, "manifest.json", json.dumps([
        {"Config": "config.json", "RepoTags": ["bench:1"], "Layers": [f"layer{i}/layer.tar" for i in range(len(layers))]}
    ]).encode())
print(f"{out}: {n} distributions, {n * files_per} package files, {os.path.getsize(out)} bytes")

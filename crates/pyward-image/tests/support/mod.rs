//! Writes container images for the tests: layers as tar (optionally gzip), laid out as an OCI
//! layout directory, an `oci-archive` tarball or a `docker save` tarball. Shared with the CLI
//! tests (`#[path]`).
#![allow(dead_code)]

use std::io::Write;
use std::path::Path;

use sha2::{Digest, Sha256};

/// One entry of a layer.
pub enum Entry {
    File(&'static str, Vec<u8>),
    /// A regular file with mode 0755.
    Exec(&'static str, Vec<u8>),
    Dir(&'static str),
    Symlink(&'static str, &'static str),
    HardLink(&'static str, &'static str),
    CharDevice(&'static str),
    /// A header whose name is written as is (no validation: `../` works) with this body.
    RawName(&'static str, Vec<u8>),
    /// A regular-file header that declares `size` bytes and holds none.
    Declares(&'static str, u64),
}

pub fn file(path: &'static str, text: &str) -> Entry {
    Entry::File(path, text.as_bytes().to_vec())
}

fn header(kind: tar::EntryType, size: u64) -> tar::Header {
    let mut h = tar::Header::new_gnu();
    h.set_entry_type(kind);
    h.set_size(size);
    h.set_mode(if kind == tar::EntryType::Directory {
        0o755
    } else {
        0o644
    });
    h.set_mtime(0);
    h
}

/// The bytes of a tar layer holding `entries`.
pub fn layer(entries: &[Entry]) -> Vec<u8> {
    let mut b = tar::Builder::new(Vec::new());
    for e in entries {
        match e {
            Entry::File(p, data) => {
                let mut h = header(tar::EntryType::Regular, data.len() as u64);
                b.append_data(&mut h, p, data.as_slice()).unwrap();
            }
            Entry::Exec(p, data) => {
                let mut h = header(tar::EntryType::Regular, data.len() as u64);
                h.set_mode(0o755);
                b.append_data(&mut h, p, data.as_slice()).unwrap();
            }
            Entry::Dir(p) => {
                let mut h = header(tar::EntryType::Directory, 0);
                b.append_data(&mut h, p, std::io::empty()).unwrap();
            }
            Entry::Symlink(p, target) => {
                let mut h = header(tar::EntryType::Symlink, 0);
                b.append_link(&mut h, p, target).unwrap();
            }
            Entry::HardLink(p, target) => {
                let mut h = header(tar::EntryType::Link, 0);
                b.append_link(&mut h, p, target).unwrap();
            }
            Entry::CharDevice(p) => {
                let mut h = header(tar::EntryType::Char, 0);
                h.set_device_major(1).unwrap();
                h.set_device_minor(3).unwrap();
                b.append_data(&mut h, p, std::io::empty()).unwrap();
            }
            Entry::RawName(name, data) => {
                let mut h = header(tar::EntryType::Regular, data.len() as u64);
                let bytes = name.as_bytes();
                h.as_old_mut().name[..bytes.len()].copy_from_slice(bytes);
                h.set_cksum();
                b.append(&h, data.as_slice()).unwrap();
            }
            Entry::Declares(name, size) => {
                let mut h = header(tar::EntryType::Regular, *size);
                let bytes = name.as_bytes();
                h.as_old_mut().name[..bytes.len()].copy_from_slice(bytes);
                h.set_cksum();
                b.append(&h, std::io::empty()).unwrap();
            }
        }
    }
    b.into_inner().unwrap()
}

pub fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    enc.write_all(bytes).unwrap();
    enc.finish().unwrap()
}

pub fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// The sha256 of `bytes` as RECORD writes it (URL-safe base64, no padding).
pub fn record_hash(bytes: &[u8]) -> String {
    const A: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    let digest = Sha256::digest(bytes);
    let mut out = String::new();
    for chunk in digest.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..chunk.len() + 1 {
            out.push(A[((n >> (18 - 6 * i)) & 63) as usize] as char);
        }
    }
    out
}

/// An image config: `config` is the `config` object, `history` the `created_by` steps.
pub fn config_json(config: serde_json::Value, history: &[&str]) -> Vec<u8> {
    let history: Vec<serde_json::Value> = history
        .iter()
        .map(|h| serde_json::json!({"created_by": h}))
        .collect();
    serde_json::to_vec(&serde_json::json!({
        "architecture": "amd64",
        "os": "linux",
        "config": config,
        "history": history,
        "rootfs": {"type": "layers", "diff_ids": []},
    }))
    .unwrap()
}

/// Writes an OCI image layout at `dir` (layers as given: tar or gzip bytes).
pub fn write_oci(dir: &Path, config: &[u8], layers: &[Vec<u8>]) {
    let blobs = dir.join("blobs/sha256");
    std::fs::create_dir_all(&blobs).unwrap();
    let put = |bytes: &[u8]| {
        let hex = sha256_hex(bytes);
        std::fs::write(blobs.join(&hex), bytes).unwrap();
        (format!("sha256:{hex}"), bytes.len())
    };
    let (config_digest, config_size) = put(config);
    let layer_descs: Vec<serde_json::Value> = layers
        .iter()
        .map(|l| {
            let (d, s) = put(l);
            let media = if l.starts_with(&[0x1f, 0x8b]) {
                "application/vnd.oci.image.layer.v1.tar+gzip"
            } else {
                "application/vnd.oci.image.layer.v1.tar"
            };
            serde_json::json!({"mediaType": media, "digest": d, "size": s})
        })
        .collect();
    let manifest = serde_json::to_vec(&serde_json::json!({
        "schemaVersion": 2,
        "mediaType": "application/vnd.oci.image.manifest.v1+json",
        "config": {"mediaType": "application/vnd.oci.image.config.v1+json", "digest": config_digest, "size": config_size},
        "layers": layer_descs,
    }))
    .unwrap();
    let (manifest_digest, manifest_size) = put(&manifest);
    std::fs::write(dir.join("oci-layout"), r#"{"imageLayoutVersion":"1.0.0"}"#).unwrap();
    std::fs::write(
        dir.join("index.json"),
        serde_json::to_vec(&serde_json::json!({
            "schemaVersion": 2,
            "manifests": [{"mediaType": "application/vnd.oci.image.manifest.v1+json", "digest": manifest_digest, "size": manifest_size}],
        }))
        .unwrap(),
    )
    .unwrap();
}

/// Writes `dir`'s files as a tarball at `out` (an `oci-archive`).
pub fn tar_dir(dir: &Path, out: &Path) {
    let mut b = tar::Builder::new(std::fs::File::create(out).unwrap());
    b.append_dir_all(".", dir).unwrap();
    b.finish().unwrap();
}

/// Writes a `docker save` tarball at `out`.
pub fn write_docker(out: &Path, config: &[u8], layers: &[Vec<u8>]) {
    let mut b = tar::Builder::new(std::fs::File::create(out).unwrap());
    let mut add = |name: &str, bytes: &[u8]| {
        let mut h = header(tar::EntryType::Regular, bytes.len() as u64);
        b.append_data(&mut h, name, bytes).unwrap();
    };
    let config_name = format!("{}.json", sha256_hex(config));
    add(&config_name, config);
    let mut names = Vec::new();
    for (i, l) in layers.iter().enumerate() {
        let name = format!("layer{i}/layer.tar");
        add(&name, l);
        names.push(name);
    }
    let manifest = serde_json::to_vec(&serde_json::json!([
        {"Config": config_name, "RepoTags": ["demo:1"], "Layers": names}
    ]))
    .unwrap();
    add("manifest.json", &manifest);
    b.finish().unwrap();
}

/// A `*.dist-info` with METADATA and a RECORD listing `files` (path, recorded content) under
/// `site`; returns the entries, with the files' actual contents (`actual` overrides one).
pub fn distribution(
    site: &'static str,
    name: &str,
    version: &str,
    files: &[(&'static str, &str)],
) -> Vec<Entry> {
    let leak = |s: String| -> &'static str { Box::leak(s.into_boxed_str()) };
    let info = format!("{site}/{name}-{version}.dist-info");
    let mut record = String::new();
    let mut out = Vec::new();
    for (path, content) in files {
        record.push_str(&format!(
            "{path},sha256={},{}\n",
            record_hash(content.as_bytes()),
            content.len()
        ));
        // `../../../bin/tool` (a console script) lands outside the site directory.
        let mut parts: Vec<&str> = Vec::new();
        for part in format!("{site}/{path}").split('/') {
            match part {
                ".." => {
                    parts.pop();
                }
                p => parts.push(leak(p.to_string())),
            }
        }
        out.push(file(leak(parts.join("/")), content));
    }
    record.push_str(&format!("{name}-{version}.dist-info/RECORD,,\n"));
    out.push(file(
        leak(format!("{info}/METADATA")),
        &format!("Metadata-Version: 2.1\nName: {name}\nVersion: {version}\n\nA package.\n"),
    ));
    out.push(file(leak(format!("{info}/RECORD")), &record));
    out.push(file(leak(format!("{info}/INSTALLER")), "pip\n"));
    out
}

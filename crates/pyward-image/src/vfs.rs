//! The image's file system, built in memory from its layers in order: metadata of every path,
//! with whiteouts (`.wh.NAME`, `.wh..wh..opq`), hard links and symlinks, and the contents of
//! only the files the audits read. Files under `site-packages`/`dist-packages` (and `bin/`
//! directories) are hashed while they stream by, for RECORD checks, and never kept.
//!
//! Nothing is unpacked to disk and nothing in a layer is executed. Every limit is checked while
//! streaming: a hostile layer ends with an error naming it, and what was read before stays.

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Read};
use std::sync::Arc;

use sha2::{Digest, Sha256};

/// Bounds on what one image may cost.
#[derive(Debug, Clone)]
pub struct Limits {
    /// Decompressed bytes of one layer (a gzip or zstd bomb stops here).
    pub max_layer_bytes: u64,
    /// Declared size of one layer entry.
    pub max_entry_size: u64,
    /// Entries in the whole image.
    pub max_entries: usize,
    /// Layers in the image.
    pub max_layers: usize,
    /// Bytes of one kept file (metadata, configuration, sources); larger ones are not audited.
    pub max_kept_file: u64,
    /// Bytes of every kept file together.
    pub max_kept_total: u64,
    /// Files larger than this are not hashed (RECORD checks them by size only).
    pub max_hashed_file: u64,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_layer_bytes: 16 << 30,
            max_entry_size: 8 << 30,
            max_entries: 2_000_000,
            max_layers: 512,
            max_kept_file: 4 << 20,
            max_kept_total: 512 << 20,
            max_hashed_file: 512 << 20,
        }
    }
}

/// What a path is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Kind {
    File,
    Dir,
    /// The link target as written (absolute targets are relative to the image root).
    Symlink(String),
    /// A character or block device: recorded, never read.
    Device,
    /// A FIFO: recorded, never read.
    Fifo,
    Other,
}

/// One path of the image.
#[derive(Debug, Clone)]
pub struct Node {
    pub kind: Kind,
    pub size: u64,
    pub mode: u32,
    /// The layer (0-based) that wrote it.
    pub layer: usize,
    /// sha256 in RECORD's encoding (URL-safe base64, no padding), when hashed.
    pub sha256: Option<String>,
    /// The contents, when kept.
    pub content: Option<Arc<Vec<u8>>>,
}

/// Which files to keep or hash, decided by path (image-root-relative, no leading `/`).
pub trait Policy {
    /// Keep the file's contents (up to [`Limits::max_kept_file`]).
    fn keep(&self, path: &str) -> bool;
    /// Hash the file's contents.
    fn hash(&self, path: &str) -> bool;
}

/// A file body read from a layer: its sha256 (RECORD's encoding) and contents, each when asked.
type Body = (Option<String>, Option<Arc<Vec<u8>>>);

/// The file system view.
#[derive(Debug, Default)]
pub struct Vfs {
    nodes: BTreeMap<String, Node>,
    kept_bytes: u64,
    entries: usize,
    /// Files whose contents were wanted but not kept (too large, or over the total), with why.
    pub not_kept: Vec<(String, String)>,
    /// Files hashed, and their bytes.
    pub files_hashed: usize,
    pub bytes_hashed: u64,
}

/// Why a layer could not be applied completely.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LayerError {
    /// What went wrong (the layer is named by the caller).
    pub message: String,
    /// Whether the rest of the layer was still read.
    pub fatal: bool,
}

impl LayerError {
    fn fatal(message: impl Into<String>) -> LayerError {
        LayerError {
            message: message.into(),
            fatal: true,
        }
    }
}

/// A reader that fails once more than `left` bytes came through: the decompression cap.
struct Capped<R> {
    inner: R,
    left: u64,
    limit: u64,
}

impl<R: Read> Read for Capped<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        if n as u64 > self.left {
            return Err(std::io::Error::other(format!(
                "more than {} bytes once decompressed (a compression bomb?), stopped",
                self.limit
            )));
        }
        self.left -= n as u64;
        Ok(n)
    }
}

/// The image-root-relative form of an entry path: `None` when it climbs out with `..`.
pub fn normalize(path: &str) -> Option<String> {
    let mut parts: Vec<&str> = Vec::new();
    for part in path.split('/') {
        match part {
            "" | "." => {}
            ".." => return None,
            p => parts.push(p),
        }
    }
    Some(parts.join("/"))
}

/// `rel` (with `.` and `..`, `..` stopping at the root) joined to `base`.
pub fn join_lexical(base: &str, rel: &str) -> String {
    let mut parts: Vec<&str> = if rel.starts_with('/') {
        Vec::new()
    } else {
        base.split('/').filter(|p| !p.is_empty()).collect()
    };
    for part in rel.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            p => parts.push(p),
        }
    }
    parts.join("/")
}

fn parent_of(path: &str) -> &str {
    path.rsplit_once('/').map_or("", |(p, _)| p)
}

fn b64(bytes: &[u8]) -> String {
    pyward_deps::environment::b64_urlsafe_nopad(bytes)
}

impl Vfs {
    pub fn new() -> Vfs {
        Vfs::default()
    }

    /// Every path and its node, sorted.
    pub fn iter(&self) -> impl Iterator<Item = (&String, &Node)> {
        self.nodes.iter()
    }

    pub fn get(&self, path: &str) -> Option<&Node> {
        self.nodes.get(path)
    }

    pub fn len(&self) -> usize {
        self.nodes.len()
    }

    pub fn is_empty(&self) -> bool {
        self.nodes.is_empty()
    }

    /// Bytes of file contents kept in memory.
    pub fn kept_bytes(&self) -> u64 {
        self.kept_bytes
    }

    /// Entries read from every layer (whiteouts included).
    pub fn entries(&self) -> usize {
        self.entries
    }

    /// Resolves `path` through the symlinks of the image (absolute targets from the image
    /// root, at most 40 links): the final path and its node.
    pub fn resolve(&self, path: &str) -> Option<(String, &Node)> {
        let mut queue: Vec<String> = path
            .split('/')
            .filter(|p| !p.is_empty())
            .rev()
            .map(str::to_string)
            .collect();
        let mut current: Vec<String> = Vec::new();
        let mut hops = 0;
        while let Some(part) = queue.pop() {
            match part.as_str() {
                "." => continue,
                ".." => {
                    current.pop();
                    continue;
                }
                _ => {}
            }
            current.push(part);
            let joined = current.join("/");
            if let Some(Node {
                kind: Kind::Symlink(target),
                ..
            }) = self.nodes.get(&joined)
            {
                hops += 1;
                if hops > 40 {
                    return None;
                }
                current.pop();
                if target.starts_with('/') {
                    current.clear();
                }
                queue.extend(
                    target
                        .split('/')
                        .filter(|p| !p.is_empty())
                        .rev()
                        .map(str::to_string),
                );
            }
        }
        let joined = current.join("/");
        self.nodes.get(&joined).map(|n| (joined, n))
    }

    /// Removes `path` and everything under it that a lower layer than `layer` wrote.
    fn remove_tree(&mut self, path: &str, layer: usize) {
        let prefix = format!("{path}/");
        let mut doomed: Vec<String> = self
            .nodes
            .range(prefix.clone()..)
            .take_while(|(k, _)| k.starts_with(&prefix))
            .filter(|(_, n)| n.layer < layer)
            .map(|(k, _)| k.clone())
            .collect();
        if self.nodes.get(path).is_some_and(|n| n.layer < layer) {
            doomed.push(path.to_string());
        }
        for k in doomed {
            if let Some(n) = self.nodes.remove(&k) {
                self.kept_bytes = self
                    .kept_bytes
                    .saturating_sub(n.content.map_or(0, |c| c.len() as u64));
            }
        }
    }

    /// Removes everything under `dir` that a lower layer wrote (an opaque directory).
    fn make_opaque(&mut self, dir: &str, layer: usize) {
        if dir.is_empty() {
            self.nodes.retain(|_, n| n.layer >= layer);
            self.kept_bytes = self
                .nodes
                .values()
                .map(|n| n.content.as_ref().map_or(0, |c| c.len() as u64))
                .sum();
            return;
        }
        let keep_dir = self.nodes.get(dir).cloned();
        self.remove_tree(dir, layer);
        if let Some(d) = keep_dir {
            self.nodes.insert(dir.to_string(), d);
        }
    }

    fn insert(&mut self, path: String, node: Node) {
        if node.kind != Kind::Dir && self.nodes.get(&path).is_some_and(|o| o.kind == Kind::Dir) {
            // A file replacing a directory hides everything below it.
            self.remove_tree(&path, node.layer);
        }
        if let Some(old) = self.nodes.get(&path) {
            self.kept_bytes = self
                .kept_bytes
                .saturating_sub(old.content.as_ref().map_or(0, |c| c.len() as u64));
        }
        self.kept_bytes += node.content.as_ref().map_or(0, |c| c.len() as u64);
        self.nodes.insert(path, node);
    }

    /// Applies one layer (plain tar, gzip or zstd, told apart by their magic bytes). Entries it
    /// refuses are returned as non-fatal errors; a fatal error ends the layer.
    pub fn apply_layer(
        &mut self,
        layer: usize,
        reader: impl Read,
        policy: &dyn Policy,
        limits: &Limits,
    ) -> Vec<LayerError> {
        let mut errors = Vec::new();
        let mut buffered = BufReader::with_capacity(64 * 1024, reader);
        let magic = match buffered.fill_buf() {
            Ok(b) => b.get(..4).map(<[u8]>::to_vec).unwrap_or_else(|| b.to_vec()),
            Err(e) => {
                errors.push(LayerError::fatal(format!("cannot read: {e}")));
                return errors;
            }
        };
        let decoded: Box<dyn Read> = if magic.starts_with(&[0x1f, 0x8b]) {
            Box::new(flate2::read::MultiGzDecoder::new(buffered))
        } else if magic.starts_with(&[0x28, 0xb5, 0x2f, 0xfd]) {
            match ruzstd::decoding::StreamingDecoder::new(buffered) {
                Ok(d) => Box::new(d),
                Err(e) => {
                    errors.push(LayerError::fatal(format!("invalid zstd stream: {e}")));
                    return errors;
                }
            }
        } else {
            Box::new(buffered)
        };
        let capped = Capped {
            inner: decoded,
            left: limits.max_layer_bytes,
            limit: limits.max_layer_bytes,
        };
        let mut archive = tar::Archive::new(capped);
        let entries = match archive.entries() {
            Ok(e) => e,
            Err(e) => {
                errors.push(LayerError::fatal(format!("not a tar archive: {e}")));
                return errors;
            }
        };
        for entry in entries {
            let mut entry = match entry {
                Ok(e) => e,
                Err(e) => {
                    errors.push(LayerError::fatal(format!("unreadable: {e}")));
                    return errors;
                }
            };
            self.entries += 1;
            if self.entries > limits.max_entries {
                errors.push(LayerError::fatal(format!(
                    "more than {} entries in the image, stopped",
                    limits.max_entries
                )));
                return errors;
            }
            let raw = String::from_utf8_lossy(&entry.path_bytes()).into_owned();
            let declared = entry.size();
            if declared > limits.max_entry_size {
                errors.push(LayerError::fatal(format!(
                    "entry `{}` declares {declared} bytes, over the limit of {}; the rest of the layer is not read",
                    pyward_manifest::safe_text(&raw, 120),
                    limits.max_entry_size
                )));
                return errors;
            }
            let Some(path) = normalize(&raw) else {
                errors.push(LayerError {
                    message: format!(
                        "entry `{}` climbs out of the image root with `..`, refused",
                        pyward_manifest::safe_text(&raw, 120)
                    ),
                    fatal: false,
                });
                continue;
            };
            if path.is_empty() {
                continue; // the root directory itself
            }
            let name = path.rsplit('/').next().unwrap_or("");
            if let Some(hidden) = name.strip_prefix(".wh.") {
                let dir = parent_of(&path).to_string();
                if hidden == ".wh..opq" {
                    self.make_opaque(&dir, layer);
                } else if !hidden.is_empty() {
                    let target = if dir.is_empty() {
                        hidden.to_string()
                    } else {
                        format!("{dir}/{hidden}")
                    };
                    self.remove_tree(&target, layer);
                }
                continue;
            }
            let header = entry.header();
            let mode = header.mode().unwrap_or(0);
            let ty = header.entry_type();
            let link = entry
                .link_name_bytes()
                .map(|l| String::from_utf8_lossy(&l).into_owned());
            let node = |kind: Kind, size: u64| Node {
                kind,
                size,
                mode,
                layer,
                sha256: None,
                content: None,
            };
            let made = if ty.is_dir() {
                node(Kind::Dir, 0)
            } else if ty.is_symlink() {
                node(Kind::Symlink(link.unwrap_or_default()), 0)
            } else if ty.is_hard_link() {
                let target = link.as_deref().and_then(normalize);
                match target.and_then(|t| self.nodes.get(&t).cloned()) {
                    Some(mut n) if n.kind == Kind::File => {
                        n.layer = layer;
                        n.mode = mode;
                        n
                    }
                    _ => {
                        errors.push(LayerError {
                            message: format!(
                                "hard link `{}` to `{}`, which the image does not hold, recorded as an empty file",
                                pyward_manifest::safe_text(&path, 120),
                                pyward_manifest::safe_text(link.as_deref().unwrap_or(""), 120)
                            ),
                            fatal: false,
                        });
                        node(Kind::File, 0)
                    }
                }
            } else if ty.is_character_special() || ty.is_block_special() {
                node(Kind::Device, 0)
            } else if ty.is_fifo() {
                node(Kind::Fifo, 0)
            } else if ty.is_file() || ty == tar::EntryType::Continuous {
                let keep = policy.keep(&path);
                let hash = policy.hash(&path) && declared <= limits.max_hashed_file;
                let mut n = node(Kind::File, declared);
                if keep || hash {
                    match self.read_body(&mut entry, &path, keep, hash, declared, limits) {
                        Ok((sha, content)) => {
                            n.sha256 = sha;
                            n.content = content;
                        }
                        Err(e) => {
                            errors.push(LayerError::fatal(format!(
                                "reading `{}`: {e}",
                                pyward_manifest::safe_text(&path, 120)
                            )));
                            return errors;
                        }
                    }
                }
                n
            } else {
                node(Kind::Other, 0)
            };
            self.insert(path, made);
        }
        errors
    }

    fn read_body(
        &mut self,
        entry: &mut impl Read,
        path: &str,
        keep: bool,
        hash: bool,
        declared: u64,
        limits: &Limits,
    ) -> std::io::Result<Body> {
        let mut keep = keep;
        if keep && declared > limits.max_kept_file {
            self.not_kept.push((
                path.to_string(),
                format!(
                    "{declared} bytes, over the limit of {}",
                    limits.max_kept_file
                ),
            ));
            keep = false;
        }
        if keep && self.kept_bytes + declared > limits.max_kept_total {
            self.not_kept.push((
                path.to_string(),
                format!(
                    "the files kept in memory reached the limit of {} bytes",
                    limits.max_kept_total
                ),
            ));
            keep = false;
        }
        if !keep && !hash {
            return Ok((None, None));
        }
        let mut hasher = hash.then(Sha256::new);
        let mut content = keep.then(|| Vec::with_capacity(declared as usize));
        let mut buf = vec![0u8; 64 * 1024];
        let mut total = 0u64;
        loop {
            let n = entry.read(&mut buf)?;
            if n == 0 {
                break;
            }
            total += n as u64;
            if let Some(h) = hasher.as_mut() {
                h.update(&buf[..n]);
            }
            if let Some(c) = content.as_mut()
                && total <= limits.max_kept_file
            {
                c.extend_from_slice(&buf[..n]);
            }
        }
        if total > limits.max_kept_file {
            content = None;
        }
        if hasher.is_some() {
            self.files_hashed += 1;
            self.bytes_hashed += total;
        }
        Ok((hasher.map(|h| b64(&h.finalize())), content.map(Arc::new)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lexical_joins_stop_at_the_root() {
        assert_eq!(
            join_lexical("usr/lib/python3/dist-packages", "../../../../bin/x"),
            "bin/x"
        );
        assert_eq!(join_lexical("a/b", "/etc/x"), "etc/x");
        assert_eq!(join_lexical("a/b", "./c/../d"), "a/b/d");
    }

    #[test]
    fn entry_paths_normalize() {
        assert_eq!(normalize("./usr//lib/").as_deref(), Some("usr/lib"));
        assert_eq!(normalize("/etc/passwd").as_deref(), Some("etc/passwd"));
        assert_eq!(normalize("a/../../b"), None);
    }
}

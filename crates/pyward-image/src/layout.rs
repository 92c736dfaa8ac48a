//! Which config and layers make up the image: `docker save`'s `manifest.json`, or an OCI
//! layout's `index.json` → (index →) manifests → config and layer blobs, one plan per platform.
//! Every blob named by a descriptor is checked against its digest and size as it is read.

use std::io::Read;

use serde_json::Value;
use sha2::{Digest as _, Sha256, Sha512};

use crate::ImageError;
use crate::store::Store;

/// Largest JSON document read (index, manifest, config).
const MAX_JSON: u64 = 8 * 1024 * 1024;

/// How deep indexes may nest (index → index → manifest).
const MAX_INDEX_DEPTH: usize = 4;

/// A blob's expected content: its digest (`sha256:`/`sha512:` hex) and, when given, size.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Expected {
    /// The digest as written (`sha256:…`).
    pub digest: String,
    pub size: Option<u64>,
}

/// One blob to read: its member name in the image, and what it must hash to (`None`: a
/// `docker save` name that carries no digest).
#[derive(Debug, Clone)]
pub(crate) struct Blob {
    pub name: String,
    pub expected: Option<Expected>,
}

/// `os/architecture[/variant]`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlatformSpec {
    pub os: String,
    pub architecture: String,
    pub variant: Option<String>,
}

impl std::str::FromStr for PlatformSpec {
    type Err = String;

    fn from_str(s: &str) -> Result<PlatformSpec, String> {
        let parts: Vec<&str> = s.split('/').collect();
        match parts.as_slice() {
            [os, arch] | [os, arch, _]
                if !os.is_empty() && !arch.is_empty() && parts.iter().all(|p| !p.is_empty()) =>
            {
                Ok(PlatformSpec {
                    os: (*os).to_string(),
                    architecture: (*arch).to_string(),
                    variant: parts.get(2).map(|v| (*v).to_string()),
                })
            }
            _ => Err(format!(
                "`{s}`: expected OS/ARCH[/VARIANT], e.g. linux/arm64/v8"
            )),
        }
    }
}

impl std::fmt::Display for PlatformSpec {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}/{}", self.os, self.architecture)?;
        if let Some(v) = &self.variant {
            write!(f, "/{v}")?;
        }
        Ok(())
    }
}

impl PlatformSpec {
    /// Whether the platform `other` is asked for by `self` (no variant: any variant).
    fn matches(&self, other: &PlatformSpec) -> bool {
        self.os == other.os
            && self.architecture == other.architecture
            && (self.variant.is_none() || self.variant == other.variant)
    }

    fn of(v: &Value) -> Option<PlatformSpec> {
        let os = v.get("os").and_then(Value::as_str)?;
        let architecture = v.get("architecture").and_then(Value::as_str)?;
        Some(PlatformSpec {
            os: os.to_string(),
            architecture: architecture.to_string(),
            variant: v
                .get("variant")
                .and_then(Value::as_str)
                .filter(|s| !s.is_empty())
                .map(str::to_string),
        })
    }
}

/// The parts of one image.
#[derive(Debug)]
pub(crate) struct Plan {
    /// `oci` or `docker`.
    pub format: &'static str,
    /// The platform, from the index's descriptor or else the config.
    pub platform: Option<PlatformSpec>,
    /// The config's member name, and its JSON.
    pub config_name: String,
    pub config: Value,
    /// The manifest's annotations (OCI), for the base image reference.
    pub annotations: Value,
    /// Layer blobs, lowest first.
    pub layers: Vec<Blob>,
}

fn invalid(name: &str, message: impl Into<String>) -> ImageError {
    ImageError::Invalid {
        path: name.into(),
        message: message.into(),
    }
}

/// Hashes what passes through it, counting bytes, for [`Verifier::finish`].
pub(crate) struct Verifier<R> {
    inner: R,
    name: String,
    expected: Option<Expected>,
    sha256: Option<Sha256>,
    sha512: Option<Sha512>,
    read: u64,
}

impl<R: Read> Read for Verifier<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.read += n as u64;
        if let Some(h) = &mut self.sha256 {
            h.update(&buf[..n]);
        }
        if let Some(h) = &mut self.sha512 {
            h.update(&buf[..n]);
        }
        Ok(n)
    }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

impl<R: Read> Verifier<R> {
    /// Wraps `inner`, the blob `name`; an unsupported digest algorithm is an error.
    pub(crate) fn new(
        inner: R,
        name: &str,
        expected: Option<Expected>,
    ) -> Result<Verifier<R>, ImageError> {
        let algo = expected
            .as_ref()
            .map(|e| e.digest.split_once(':').map_or("", |(a, _)| a));
        let (sha256, sha512) = match algo {
            None => (None, None),
            Some("sha256") => (Some(Sha256::new()), None),
            Some("sha512") => (None, Some(Sha512::new())),
            Some(other) => {
                return Err(invalid(
                    name,
                    format!(
                        "digest algorithm `{other}` is not supported (sha256, sha512): not verified, not read"
                    ),
                ));
            }
        };
        Ok(Verifier {
            inner,
            name: name.to_string(),
            expected,
            sha256,
            sha512,
            read: 0,
        })
    }

    /// Reads what is left of the blob (bounded memory) and checks its size and digest.
    pub(crate) fn finish(mut self) -> Result<(), ImageError> {
        let mut buf = vec![0u8; 64 * 1024];
        loop {
            match self.read(&mut buf) {
                Ok(0) => break,
                Ok(_) => {}
                Err(e) => return Err(ImageError::io(std::path::Path::new(&self.name), e)),
            }
        }
        let Some(expected) = &self.expected else {
            return Ok(());
        };
        if let Some(size) = expected.size
            && size != self.read
        {
            return Err(invalid(
                &self.name,
                format!(
                    "{} bytes, its descriptor says {size} (truncated or replaced blob)",
                    self.read
                ),
            ));
        }
        let actual = match (self.sha256.take(), self.sha512.take()) {
            (Some(h), _) => format!("sha256:{}", hex(&h.finalize())),
            (_, Some(h)) => format!("sha512:{}", hex(&h.finalize())),
            _ => return Ok(()),
        };
        if actual != expected.digest {
            return Err(invalid(
                &self.name,
                format!(
                    "content does not match its digest {} (is {actual}): tampered or corrupt blob",
                    expected.digest
                ),
            ));
        }
        Ok(())
    }
}

/// Reads a JSON document, verified when `expected` is given.
fn json(store: &Store, name: &str, expected: Option<&Expected>) -> Result<Value, ImageError> {
    let bytes = store.read_small(name, MAX_JSON)?;
    let v = Verifier::new(bytes.as_slice(), name, expected.cloned())?;
    v.finish()?;
    serde_json::from_slice(&bytes).map_err(|e| invalid(name, format!("invalid JSON: {e}")))
}

/// `sha256:<hex>` → `blobs/sha256/<hex>`; anything else (another shape could name a path
/// outside `blobs/`) is refused.
fn blob_name(digest: &str) -> Result<String, ImageError> {
    let (algo, hex) = digest
        .split_once(':')
        .ok_or_else(|| invalid(digest, "not a digest"))?;
    let ok_algo = !algo.is_empty()
        && algo
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit());
    let ok_hex = !hex.is_empty()
        && hex.len() <= 128
        && hex
            .bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b));
    if !ok_algo || !ok_hex {
        return Err(invalid(digest, "not a digest"));
    }
    Ok(format!("blobs/{algo}/{hex}"))
}

/// The blob a descriptor (`{"digest": …, "size": …}`) names, in the document `doc_name`.
fn descriptor(doc_name: &str, d: &Value, what: &str) -> Result<Blob, ImageError> {
    let digest = d
        .get("digest")
        .and_then(Value::as_str)
        .ok_or_else(|| invalid(doc_name, format!("{what} without a digest")))?;
    Ok(Blob {
        name: blob_name(digest)?,
        expected: Some(Expected {
            digest: digest.to_string(),
            size: d.get("size").and_then(Value::as_u64),
        }),
    })
}

fn is_index(media_type: &str) -> bool {
    media_type.contains("image.index") || media_type.contains("manifest.list")
}

/// Descriptors that are no image to audit: attestations and `unknown/unknown` platforms.
fn is_attestation(m: &Value) -> bool {
    m.pointer("/annotations/vnd.docker.reference.type")
        .and_then(Value::as_str)
        == Some("attestation-manifest")
        || (m.pointer("/platform/os").and_then(Value::as_str) == Some("unknown")
            && m.pointer("/platform/architecture").and_then(Value::as_str) == Some("unknown"))
}

/// One image of the layout: its plan, or why it could not be read (named by its platform when
/// the index gives one).
pub(crate) type Found = (Option<PlatformSpec>, Result<Plan, ImageError>);

/// Follows `index` (named `index_name`) to every image manifest.
fn walk_index(
    store: &Store,
    index_name: &str,
    index: &Value,
    depth: usize,
    out: &mut Vec<Found>,
) -> Result<(), ImageError> {
    if depth >= MAX_INDEX_DEPTH {
        return Err(invalid(index_name, "indexes nested too deeply"));
    }
    let manifests = index
        .get("manifests")
        .and_then(Value::as_array)
        .ok_or_else(|| invalid(index_name, "no `manifests` list"))?;
    for m in manifests.iter().filter(|m| !is_attestation(m)) {
        let platform = m.get("platform").and_then(PlatformSpec::of);
        let blob = match descriptor(index_name, m, "manifest") {
            Ok(b) => b,
            Err(e) => {
                out.push((platform, Err(e)));
                continue;
            }
        };
        let doc = match json(store, &blob.name, blob.expected.as_ref()) {
            Ok(d) => d,
            Err(e) => {
                out.push((platform, Err(e)));
                continue;
            }
        };
        let media = m
            .get("mediaType")
            .or_else(|| doc.get("mediaType"))
            .and_then(Value::as_str)
            .unwrap_or("");
        if is_index(media) || doc.get("manifests").is_some() {
            if let Err(e) = walk_index(store, &blob.name, &doc, depth + 1, out) {
                out.push((platform, Err(e)));
            }
            continue;
        }
        let plan = manifest_plan(store, &blob.name, &doc).map(|mut p| {
            if platform.is_some() {
                p.platform = platform.clone();
            }
            p
        });
        out.push((
            plan.as_ref()
                .ok()
                .and_then(|p| p.platform.clone())
                .or(platform),
            plan,
        ));
    }
    Ok(())
}

fn oci(store: &Store) -> Result<Vec<Found>, ImageError> {
    let index = json(store, "index.json", None)?;
    let mut out = Vec::new();
    walk_index(store, "index.json", &index, 0, &mut out)?;
    if out.is_empty() {
        return Err(invalid("index.json", "lists no image"));
    }
    Ok(out)
}

fn manifest_plan(store: &Store, name: &str, manifest: &Value) -> Result<Plan, ImageError> {
    let config_desc = manifest
        .get("config")
        .ok_or_else(|| invalid(name, "manifest without a config"))?;
    let config_blob = descriptor(name, config_desc, "config")?;
    let config = json(store, &config_blob.name, config_blob.expected.as_ref())?;
    let layers = manifest
        .get("layers")
        .and_then(Value::as_array)
        .ok_or_else(|| invalid(name, "manifest without a `layers` list"))?
        .iter()
        .map(|l| descriptor(name, l, "layer"))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(Plan {
        format: "oci",
        platform: PlatformSpec::of(&config),
        config_name: config_blob.name,
        config,
        annotations: manifest.get("annotations").cloned().unwrap_or(Value::Null),
        layers,
    })
}

/// What a `docker save` member name tells of its content: `blobs/<algo>/<hex>` (Docker 25 and
/// later) and `<hex>.json` (a config) are named by their digest. `<id>/layer.tar` is not (the
/// directory is a legacy layer id): such a layer is checked against the config's
/// `rootfs.diff_ids`, the digest of the uncompressed tar that `docker save` writes.
fn docker_expected(name: &str) -> Option<Expected> {
    let is_hex = |h: &str| {
        (h.len() == 64 || h.len() == 128)
            && h.bytes()
                .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
    };
    if let Some(rest) = name.strip_prefix("blobs/")
        && let Some((algo, h)) = rest.split_once('/')
        && is_hex(h)
    {
        return Some(Expected {
            digest: format!("{algo}:{h}"),
            size: None,
        });
    }
    if let Some(h) = name.strip_suffix(".json")
        && h.len() == 64
        && is_hex(h)
    {
        return Some(Expected {
            digest: format!("sha256:{h}"),
            size: None,
        });
    }
    None
}

fn docker(store: &Store) -> Result<Vec<Found>, ImageError> {
    let manifest = json(store, "manifest.json", None)?;
    let first = manifest
        .as_array()
        .and_then(|a| a.first())
        .ok_or_else(|| invalid("manifest.json", "lists no image"))?;
    let config_name = first
        .get("Config")
        .and_then(Value::as_str)
        .ok_or_else(|| invalid("manifest.json", "no `Config`"))?
        .to_string();
    let config = json(store, &config_name, docker_expected(&config_name).as_ref())?;
    let diff_ids: Vec<&str> = config
        .pointer("/rootfs/diff_ids")
        .and_then(Value::as_array)
        .map(|a| a.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default();
    let names = first
        .get("Layers")
        .and_then(Value::as_array)
        .ok_or_else(|| invalid("manifest.json", "no `Layers`"))?;
    let layers = names
        .iter()
        .enumerate()
        .map(|(i, l)| {
            let name = l
                .as_str()
                .ok_or_else(|| invalid("manifest.json", "a layer that is not a string"))?;
            let expected = docker_expected(name).or_else(|| {
                (diff_ids.len() == names.len()).then(|| Expected {
                    digest: diff_ids[i].to_string(),
                    size: None,
                })
            });
            Ok(Blob {
                name: name.to_string(),
                expected,
            })
        })
        .collect::<Result<Vec<_>, ImageError>>()?;
    Ok(vec![(
        PlatformSpec::of(&config),
        Ok(Plan {
            format: "docker",
            platform: PlatformSpec::of(&config),
            config_name,
            config,
            annotations: Value::Null,
            layers,
        }),
    )])
}

/// Reads the plans of the images in `store`: every platform, or those `platforms` asks for
/// (each must be found). A platform whose manifest or config could not be read is an `Err`
/// next to the others.
pub(crate) fn plans(store: &Store, platforms: &[PlatformSpec]) -> Result<Vec<Found>, ImageError> {
    let all = if store.exists("index.json") {
        oci(store)?
    } else if store.exists("manifest.json") {
        docker(store)?
    } else {
        return Err(invalid(
            ".",
            "neither an OCI layout (index.json) nor a docker save archive (manifest.json)",
        ));
    };
    if platforms.is_empty() {
        return Ok(all);
    }
    let available: Vec<String> = all
        .iter()
        .map(|(p, _)| {
            p.as_ref()
                .map_or_else(|| "(no platform)".to_string(), ToString::to_string)
        })
        .collect();
    let mut chosen = Vec::new();
    let mut taken = vec![false; all.len()];
    for want in platforms {
        let mut found = false;
        for (i, (p, _)) in all.iter().enumerate() {
            if p.as_ref().is_some_and(|p| want.matches(p)) {
                found = true;
                taken[i] = true;
            }
        }
        if !found {
            chosen.push((
                Some(want.clone()),
                Err(invalid(
                    ".",
                    format!(
                        "no image for platform {want} (the image has: {})",
                        available.join(", ")
                    ),
                )),
            ));
        }
    }
    chosen.extend(
        all.into_iter()
            .zip(taken)
            .filter(|(_, t)| *t)
            .map(|(f, _)| f),
    );
    Ok(chosen)
}

#[cfg(test)]
mod tests {
    use super::blob_name;

    #[test]
    fn digests_name_blobs_only() {
        assert_eq!(blob_name("sha256:ab12").unwrap(), "blobs/sha256/ab12");
        assert!(blob_name("sha256:../../x").is_err());
        assert!(blob_name("../x:ab").is_err());
        assert!(blob_name("ab12").is_err());
    }
}

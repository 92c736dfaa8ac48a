//! Which config and layers make up the image: `docker save`'s `manifest.json`, or an OCI
//! layout's `index.json` → (index →) manifest → config and layer blobs.

use serde_json::Value;

use crate::ImageError;
use crate::store::Store;

/// Largest JSON document read (index, manifest, config).
const MAX_JSON: u64 = 8 * 1024 * 1024;

/// The parts of one image.
#[derive(Debug)]
pub(crate) struct Plan {
    /// `oci` or `docker`.
    pub format: &'static str,
    /// The config's member name, and its JSON.
    pub config_name: String,
    pub config: Value,
    /// The manifest's annotations (OCI), for the base image reference.
    pub annotations: Value,
    /// Layer members, lowest first.
    pub layers: Vec<String>,
}

fn invalid(name: &str, message: impl Into<String>) -> ImageError {
    ImageError::Invalid {
        path: name.into(),
        message: message.into(),
    }
}

fn json(store: &Store, name: &str) -> Result<Value, ImageError> {
    let bytes = store.read_small(name, MAX_JSON)?;
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

fn is_index(media_type: &str) -> bool {
    media_type.contains("image.index") || media_type.contains("manifest.list")
}

/// Picks the image manifest of an index: a linux/amd64 one when platforms are given, else the
/// first that is not an attestation.
fn pick(manifests: &[Value]) -> Option<&Value> {
    let usable: Vec<&Value> = manifests
        .iter()
        .filter(|m| {
            m.pointer("/annotations/vnd.docker.reference.type")
                .and_then(Value::as_str)
                != Some("attestation-manifest")
        })
        .collect();
    usable
        .iter()
        .find(|m| {
            m.pointer("/platform/os").and_then(Value::as_str) == Some("linux")
                && m.pointer("/platform/architecture").and_then(Value::as_str) == Some("amd64")
        })
        .or_else(|| usable.first())
        .copied()
}

fn oci(store: &Store) -> Result<Plan, ImageError> {
    let mut index = json(store, "index.json")?;
    let mut index_name = "index.json".to_string();
    for _ in 0..4 {
        let manifests = index
            .get("manifests")
            .and_then(Value::as_array)
            .ok_or_else(|| invalid(&index_name, "no `manifests` list"))?;
        let chosen = pick(manifests).ok_or_else(|| invalid(&index_name, "lists no image"))?;
        let digest = chosen
            .get("digest")
            .and_then(Value::as_str)
            .ok_or_else(|| invalid(&index_name, "manifest without a digest"))?;
        let name = blob_name(digest)?;
        let doc = json(store, &name)?;
        let media = chosen
            .get("mediaType")
            .or_else(|| doc.get("mediaType"))
            .and_then(Value::as_str)
            .unwrap_or("");
        if is_index(media) || doc.get("manifests").is_some() {
            index = doc;
            index_name = name;
            continue;
        }
        return manifest_plan(store, &name, &doc);
    }
    Err(invalid(&index_name, "indexes nested too deeply"))
}

fn manifest_plan(store: &Store, name: &str, manifest: &Value) -> Result<Plan, ImageError> {
    let config_digest = manifest
        .pointer("/config/digest")
        .and_then(Value::as_str)
        .ok_or_else(|| invalid(name, "manifest without a config digest"))?;
    let config_name = blob_name(config_digest)?;
    let config = json(store, &config_name)?;
    let layers = manifest
        .get("layers")
        .and_then(Value::as_array)
        .ok_or_else(|| invalid(name, "manifest without a `layers` list"))?
        .iter()
        .map(|l| {
            l.get("digest")
                .and_then(Value::as_str)
                .ok_or_else(|| invalid(name, "layer without a digest"))
                .and_then(blob_name)
        })
        .collect::<Result<Vec<_>, _>>()?;
    Ok(Plan {
        format: "oci",
        config_name,
        config,
        annotations: manifest.get("annotations").cloned().unwrap_or(Value::Null),
        layers,
    })
}

fn docker(store: &Store) -> Result<Plan, ImageError> {
    let manifest = json(store, "manifest.json")?;
    let first = manifest
        .as_array()
        .and_then(|a| a.first())
        .ok_or_else(|| invalid("manifest.json", "lists no image"))?;
    let config_name = first
        .get("Config")
        .and_then(Value::as_str)
        .ok_or_else(|| invalid("manifest.json", "no `Config`"))?
        .to_string();
    let config = json(store, &config_name)?;
    let layers = first
        .get("Layers")
        .and_then(Value::as_array)
        .ok_or_else(|| invalid("manifest.json", "no `Layers`"))?
        .iter()
        .map(|l| {
            l.as_str()
                .map(str::to_string)
                .ok_or_else(|| invalid("manifest.json", "a layer that is not a string"))
        })
        .collect::<Result<Vec<_>, _>>()?;
    Ok(Plan {
        format: "docker",
        config_name,
        config,
        annotations: Value::Null,
        layers,
    })
}

/// Reads the plan of the image in `store`.
pub(crate) fn plan(store: &Store) -> Result<Plan, ImageError> {
    if store.exists("index.json") {
        oci(store)
    } else if store.exists("manifest.json") {
        docker(store)
    } else {
        Err(invalid(
            ".",
            "neither an OCI layout (index.json) nor a docker save archive (manifest.json)",
        ))
    }
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

//! Blob digests (tampered, truncated, unknown algorithms) and multi-platform indexes (every
//! platform, `--platform`, attestations skipped, nested indexes), on layouts the tests write.

mod support;

use std::path::Path;

use pyward_core::{Report, RuleSelector};
use pyward_image::{ImageOptions, PlatformSpec};
use support::*;

const SITE: &str = "usr/local/lib/python3.12/site-packages";

fn audit_with(image: &Path, platforms: &[&str]) -> Report {
    pyward_image::audit(
        &ImageOptions {
            image: image.to_path_buf(),
            db: Some(image.with_extension("no-such.db")),
            platforms: platforms.iter().map(|p| p.parse().unwrap()).collect(),
            ..ImageOptions::default()
        },
        &RuleSelector::default(),
    )
}

/// A layer with one tampered file of a distribution: DEP201 when the layer is read.
fn tampered_dist_layer() -> Vec<u8> {
    let mut e = distribution(SITE, "demo", "1.0", &[("demo/__init__.py", "x = 1\n")]);
    for x in &mut e {
        if let Entry::File(p, data) = x
            && p.ends_with("demo/__init__.py")
        {
            *data = b"x = 2\n".to_vec();
        }
    }
    layer(&e)
}

fn root_config() -> Vec<u8> {
    config_json(serde_json::json!({}), &[])
}

fn blob_path(dir: &Path, bytes: &[u8]) -> std::path::PathBuf {
    dir.join("blobs/sha256").join(sha256_hex(bytes))
}

fn errors(report: &Report) -> Vec<String> {
    report
        .errors
        .iter()
        .map(|e| format!("{}: {}", e.path, e.message))
        .collect()
}

fn codes(report: &Report) -> Vec<String> {
    let mut c: Vec<String> = report.findings.iter().map(|f| f.code.clone()).collect();
    c.sort();
    c.dedup();
    c
}

#[test]
fn intact_blobs_verify() {
    let dir = tempfile::tempdir().unwrap();
    let image = dir.path().join("oci");
    write_oci(&image, &root_config(), &[gzip(&tampered_dist_layer())]);
    let report = audit_with(&image, &[]);
    assert!(
        errors(&report)
            .iter()
            .all(|e| e.contains("advisory database")),
        "{:?}",
        errors(&report)
    );
    assert!(codes(&report).contains(&"DEP201".to_string()));
    assert!(codes(&report).contains(&"IMG001".to_string()));
}

#[test]
fn a_tampered_layer_is_an_error_naming_the_blob_and_the_rest_is_audited() {
    let dir = tempfile::tempdir().unwrap();
    let image = dir.path().join("oci");
    let good = layer(&[file("etc/motd", "hi\n")]);
    write_oci(&image, &root_config(), std::slice::from_ref(&good));
    // Same size, other content.
    std::fs::write(blob_path(&image, &good), layer(&[file("etc/motd", "ho\n")])).unwrap();
    let report = audit_with(&image, &[]);
    let errs = errors(&report);
    let hex = sha256_hex(&good);
    assert!(
        errs.iter()
            .any(|e| e.contains(&format!("blobs/sha256/{hex}"))
                && e.contains("does not match its digest")),
        "{errs:?}"
    );
    // The image config was still audited.
    assert!(codes(&report).contains(&"IMG001".to_string()));
}

#[test]
fn a_tampered_config_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let image = dir.path().join("oci");
    let config = root_config();
    write_oci(&image, &config, &[layer(&[file("etc/motd", "hi\n")])]);
    // Same size, another architecture.
    let forged = String::from_utf8(config.clone())
        .unwrap()
        .replace("amd64", "arm64");
    std::fs::write(blob_path(&image, &config), &forged).unwrap();
    let report = audit_with(&image, &[]);
    let errs = errors(&report);
    assert!(
        errs.iter()
            .any(|e| e.contains(&sha256_hex(&config)) && e.contains("does not match its digest")),
        "{errs:?}"
    );
    assert!(report.findings.is_empty(), "{:?}", codes(&report));
}

#[test]
fn a_truncated_blob_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let image = dir.path().join("oci");
    let good = gzip(&layer(&[file("etc/motd", "hi\n")]));
    write_oci(&image, &root_config(), std::slice::from_ref(&good));
    std::fs::write(blob_path(&image, &good), &good[..good.len() / 2]).unwrap();
    let errs = errors(&audit_with(&image, &[]));
    assert!(
        errs.iter().any(|e| e.contains(&sha256_hex(&good))
            && e.contains(&format!("its descriptor says {}", good.len()))),
        "{errs:?}"
    );
}

#[test]
fn a_docker_save_layer_is_checked_against_the_configs_diff_ids() {
    let dir = tempfile::tempdir().unwrap();
    let good = layer(&[file("etc/motd", "hi\n")]);
    let mut config: serde_json::Value = serde_json::from_slice(&root_config()).unwrap();
    config["rootfs"]["diff_ids"] = serde_json::json!([format!("sha256:{}", sha256_hex(&good))]);
    let config = serde_json::to_vec(&config).unwrap();
    let ok = dir.path().join("ok.tar");
    write_docker(&ok, &config, std::slice::from_ref(&good));
    let report = audit_with(&ok, &[]);
    assert!(report.errors.is_empty(), "{:?}", errors(&report));
    let bad = dir.path().join("bad.tar");
    write_docker(&bad, &config, &[layer(&[file("etc/motd", "ho\n")])]);
    let errs = errors(&audit_with(&bad, &[]));
    assert!(
        errs.iter()
            .any(|e| e.contains("layer0/layer.tar") && e.contains("does not match its digest")),
        "{errs:?}"
    );
}

/// Writes `blob` under its digest of `algo`, returning its descriptor.
fn put(dir: &Path, media: &str, bytes: &[u8]) -> serde_json::Value {
    let blobs = dir.join("blobs/sha256");
    std::fs::create_dir_all(&blobs).unwrap();
    let hex = sha256_hex(bytes);
    std::fs::write(blobs.join(&hex), bytes).unwrap();
    serde_json::json!({"mediaType": media, "digest": format!("sha256:{hex}"), "size": bytes.len()})
}

fn manifest(dir: &Path, config: &[u8], layers: &[Vec<u8>]) -> serde_json::Value {
    let config = put(dir, "application/vnd.oci.image.config.v1+json", config);
    let layers: Vec<serde_json::Value> = layers
        .iter()
        .map(|l| put(dir, "application/vnd.oci.image.layer.v1.tar", l))
        .collect();
    let m = serde_json::to_vec(&serde_json::json!({
        "schemaVersion": 2,
        "mediaType": "application/vnd.oci.image.manifest.v1+json",
        "config": config,
        "layers": layers,
    }))
    .unwrap();
    put(dir, "application/vnd.oci.image.manifest.v1+json", &m)
}

fn with_platform(mut desc: serde_json::Value, os: &str, arch: &str) -> serde_json::Value {
    desc["platform"] = serde_json::json!({"os": os, "architecture": arch});
    desc
}

/// A two-platform image (amd64 runs as root; arm64 sets a user), an attestation manifest, and
/// `nested` levels of index above them.
fn two_platforms(dir: &Path, nested: usize) {
    let amd = manifest(dir, &root_config(), &[tampered_dist_layer()]);
    let arm_config = config_json(serde_json::json!({"User": "app"}), &[]);
    let arm = manifest(dir, &arm_config, &[tampered_dist_layer()]);
    let attestation = {
        let mut d = manifest(dir, b"{}", &[]);
        d["platform"] = serde_json::json!({"os": "unknown", "architecture": "unknown"});
        d["annotations"] = serde_json::json!({"vnd.docker.reference.type": "attestation-manifest"});
        d
    };
    let mut index = serde_json::json!({
        "schemaVersion": 2,
        "mediaType": "application/vnd.oci.image.index.v1+json",
        "manifests": [
            with_platform(amd, "linux", "amd64"),
            with_platform(arm, "linux", "arm64"),
            attestation,
        ],
    });
    for _ in 0..nested {
        let desc = put(
            dir,
            "application/vnd.oci.image.index.v1+json",
            &serde_json::to_vec(&index).unwrap(),
        );
        index = serde_json::json!({"schemaVersion": 2, "manifests": [desc]});
    }
    std::fs::write(dir.join("oci-layout"), r#"{"imageLayoutVersion":"1.0.0"}"#).unwrap();
    std::fs::write(dir.join("index.json"), serde_json::to_vec(&index).unwrap()).unwrap();
}

fn located(report: &Report, code: &str) -> Vec<String> {
    let mut out: Vec<String> = report
        .findings
        .iter()
        .filter(|f| f.code == code)
        .map(|f| f.location.path.clone().unwrap_or_default())
        .collect();
    out.sort();
    out
}

#[test]
fn every_platform_is_audited_and_named() {
    let dir = tempfile::tempdir().unwrap();
    let image = dir.path().join("multi");
    two_platforms(&image, 0);
    let report = audit_with(&image, &[]);
    let shown = image.display().to_string();
    assert!(
        report
            .errors
            .iter()
            .all(|e| e.message.contains("advisory database")),
        "{:?}",
        errors(&report)
    );
    assert_eq!(
        located(&report, "DEP201"),
        [
            format!("{shown}@linux/amd64!/{SITE}/demo/__init__.py"),
            format!("{shown}@linux/arm64!/{SITE}/demo/__init__.py"),
        ]
    );
    assert_eq!(
        located(&report, "IMG001"),
        [format!("{shown}@linux/amd64!config")]
    );
    // Distinct fingerprints per platform.
    let fps: std::collections::BTreeSet<String> = report
        .findings
        .iter()
        .filter(|f| f.code == "DEP201")
        .map(pyward_core::fingerprint)
        .collect();
    assert_eq!(fps.len(), 2);
    let platforms = report.stats["image"]["platforms"].as_object().unwrap();
    assert_eq!(
        platforms.keys().collect::<Vec<_>>(),
        ["linux/amd64", "linux/arm64"]
    );
}

#[test]
fn platform_selects_one_image_and_an_absent_one_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let image = dir.path().join("multi");
    two_platforms(&image, 0);
    let shown = image.display().to_string();
    let report = audit_with(&image, &["linux/arm64"]);
    assert_eq!(
        located(&report, "DEP201"),
        [format!("{shown}!/{SITE}/demo/__init__.py")]
    );
    assert!(located(&report, "IMG001").is_empty());
    let report = audit_with(&image, &["linux/s390x", "linux/amd64"]);
    let errs = errors(&report);
    assert!(
        errs.iter()
            .any(|e| e.contains("no image for platform linux/s390x")
                && e.contains("linux/amd64, linux/arm64")),
        "{errs:?}"
    );
    assert_eq!(
        located(&report, "IMG001"),
        [format!("{shown}@linux/amd64!config")]
    );
    assert!("linux".parse::<PlatformSpec>().is_err());
    assert_eq!(
        "linux/arm/v7".parse::<PlatformSpec>().unwrap().to_string(),
        "linux/arm/v7"
    );
}

#[test]
fn nested_indexes_are_followed_with_a_bound() {
    let dir = tempfile::tempdir().unwrap();
    let image = dir.path().join("nested");
    two_platforms(&image, 2);
    let report = audit_with(&image, &[]);
    assert_eq!(located(&report, "DEP201").len(), 2, "{:?}", errors(&report));
    let dir = tempfile::tempdir().unwrap();
    let image = dir.path().join("deep");
    two_platforms(&image, 6);
    let errs = errors(&audit_with(&image, &[]));
    assert!(
        errs.iter().any(|e| e.contains("nested too deeply")),
        "{errs:?}"
    );
}

#[test]
fn an_unknown_digest_algorithm_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let image = dir.path().join("oci");
    let l = layer(&[file("etc/motd", "hi\n")]);
    write_oci(&image, &root_config(), std::slice::from_ref(&l));
    // Rename the layer's blob under another algorithm and point the manifest at it.
    let hex = sha256_hex(&l);
    let index: serde_json::Value =
        serde_json::from_slice(&std::fs::read(image.join("index.json")).unwrap()).unwrap();
    let mdigest = index["manifests"][0]["digest"].as_str().unwrap();
    let mpath = image.join("blobs/sha256").join(&mdigest[7..]);
    let text = std::fs::read_to_string(&mpath)
        .unwrap()
        .replace(&format!("sha256:{hex}"), &format!("md5:{hex}"));
    std::fs::create_dir_all(image.join("blobs/md5")).unwrap();
    std::fs::write(image.join("blobs/md5").join(&hex), &l).unwrap();
    let desc = put(
        &image,
        "application/vnd.oci.image.manifest.v1+json",
        text.as_bytes(),
    );
    std::fs::write(
        image.join("index.json"),
        serde_json::to_vec(&serde_json::json!({"schemaVersion": 2, "manifests": [desc]})).unwrap(),
    )
    .unwrap();
    let errs = errors(&audit_with(&image, &[]));
    assert!(
        errs.iter()
            .any(|e| e.contains("`md5` is not supported") && e.contains(&hex)),
        "{errs:?}"
    );
}

//! End-to-end tests of `pyward image`: the real binary on images the test writes (the image
//! crate's test support), exit codes, JSON output, and secrets that never reach any output.

mod common;
#[path = "../../pyward-image/tests/support/mod.rs"]
mod support;

use std::path::Path;

use common::{database, pyward, run};
use support::*;

const SITE: &str = "usr/local/lib/python3.12/site-packages";
const DOTENV_SECRET: &str = "u7Kq2ZpX9vLm4RtY8wBn3HcJ6dFs1GaE";
const ENV_PASSWORD: &str = "Zr8vQ2mWx7pL";

macro_rules! require_db {
    () => {
        match database() {
            Some(db) => db,
            None => return,
        }
    };
}

/// A docker-save image: vulnerable jinja2 2.10, a `.env` secret, an Env secret, root, Redis.
fn vulnerable_image(out: &Path) {
    let mut entries = distribution(SITE, "Jinja2", "2.10", &[("jinja2/__init__.py", "# j\n")]);
    entries.push(file(
        "app/.env",
        &format!("DJANGO_SECRET_KEY={DOTENV_SECRET}\n"),
    ));
    let config = config_json(
        serde_json::json!({
            "Env": [format!("DATABASE_URL=postgres://app:{ENV_PASSWORD}@db/app")],
            "ExposedPorts": {"6379/tcp": {}},
        }),
        &["/bin/sh -c #(nop) ADD file:abc in / "],
    );
    write_docker(out, &config, &[gzip(&layer(&entries))]);
}

/// An OCI layout with nothing to report.
fn clean_image(dir: &Path) {
    let config = config_json(
        serde_json::json!({
            "User": "10001",
            "Healthcheck": {"Test": ["CMD", "true"]},
            "ExposedPorts": {"8000/tcp": {}},
        }),
        &[],
    );
    write_oci(dir, &config, &[layer(&[file("app/readme.txt", "hello\n")])]);
}

fn image(db: &Path, args: &[&str]) -> common::Output {
    run(pyward().arg("image").arg("--db").arg(db).args(args))
}

fn assert_no_secret(text: &str) {
    assert!(!text.contains(DOTENV_SECRET), "secret printed: {text}");
    assert!(!text.contains(ENV_PASSWORD), "secret printed: {text}");
}

#[test]
fn findings_exit_1_with_json_and_no_secret_in_any_format() {
    let db = require_db!();
    let tmp = tempfile::tempdir().unwrap();
    let img = tmp.path().join("app.tar");
    vulnerable_image(&img);
    let img_arg = img.to_str().unwrap();
    let out = image(&db, &[img_arg, "-f", "json"]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert_no_secret(&out.stdout);
    assert_no_secret(&out.stderr);
    let json: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    let found: Vec<(String, String)> = json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["code"].as_str().unwrap().to_string(),
                f["location"]["path"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect();
    let has = |code: &str, path: &str| found.iter().any(|(c, p)| c == code && p.ends_with(path));
    assert!(
        has(
            "DEP001",
            &format!("app.tar!/{SITE}/Jinja2-2.10.dist-info/METADATA")
        ),
        "{found:#?}"
    );
    for code in ["IMG001", "IMG002", "IMG004", "IMG006"] {
        assert!(has(code, "app.tar!config"), "{code}: {found:#?}");
    }
    assert!(
        found.iter().any(|(_, p)| p.ends_with("app.tar!/app/.env")),
        "{found:#?}"
    );
    for format in ["text", "sarif", "markdown", "concise", "html"] {
        let out = image(&db, &[img_arg, "-f", format, "--verbose"]);
        assert_eq!(out.code, 1, "{format}: {}", out.stderr);
        assert_no_secret(&out.stdout);
        assert_no_secret(&out.stderr);
    }
    // The threshold and the selection are honoured.
    let out = image(&db, &[img_arg, "--fail-on", "critical", "--select", "IMG"]);
    assert_eq!(out.code, 0, "{}\n{}", out.stdout, out.stderr);
    let out = image(&db, &[img_arg, "-f", "json", "--select", "IMG001"]);
    let json: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    let codes: Vec<&str> = json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["code"].as_str().unwrap())
        .collect();
    assert_eq!(codes, ["IMG001"]);
}

#[test]
fn a_clean_image_exits_0() {
    let db = require_db!();
    let tmp = tempfile::tempdir().unwrap();
    clean_image(tmp.path());
    let out = image(&db, &[tmp.path().to_str().unwrap(), "-f", "json"]);
    assert_eq!(out.code, 0, "{}\n{}", out.stdout, out.stderr);
    let json: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(json["findings"].as_array().unwrap().len(), 0, "{json}");
}

#[test]
fn errors_exit_2_with_a_partial_report() {
    let db = require_db!();
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("layout");
    let config = config_json(serde_json::json!({}), &[]);
    let hostile = layer(&[Entry::RawName("../../etc/shadow", b"x".to_vec())]);
    write_oci(&dir, &config, &[hostile]);
    let out = image(&db, &[dir.to_str().unwrap(), "-f", "json"]);
    assert_eq!(out.code, 2, "{}\n{}", out.stdout, out.stderr);
    let json: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    let errors = json["errors"].as_array().unwrap();
    assert_eq!(errors.len(), 1, "{json}");
    assert!(
        errors[0]["path"]
            .as_str()
            .unwrap()
            .contains("!layer 1 (blobs/sha256/")
    );
    assert!(
        errors[0]["message"]
            .as_str()
            .unwrap()
            .contains("climbs out of the image root")
    );
    // The config was still audited.
    assert!(!json["findings"].as_array().unwrap().is_empty());

    let out = image(&db, &[tmp.path().join("missing.tar").to_str().unwrap()]);
    assert_eq!(out.code, 2);
    assert!(
        out.stderr.contains("no such file or directory"),
        "{}",
        out.stderr
    );
}

#[test]
fn image_rules_are_documented() {
    let out = run(pyward().args(["rule", "IMG001"]));
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(out.stdout.contains("image-runs-as-root"), "{}", out.stdout);
}

/// A two-platform OCI layout: amd64 runs as root (IMG001), arm64 sets a user.
fn two_platform_image(dir: &Path) {
    let put = |bytes: &[u8], media: &str| {
        let blobs = dir.join("blobs/sha256");
        std::fs::create_dir_all(&blobs).unwrap();
        let hex = sha256_hex(bytes);
        std::fs::write(blobs.join(&hex), bytes).unwrap();
        serde_json::json!({"mediaType": media, "digest": format!("sha256:{hex}"), "size": bytes.len()})
    };
    let manifest = |config: Vec<u8>| {
        let l = layer(&[file("app/readme.txt", "hello\n")]);
        let m = serde_json::json!({
            "schemaVersion": 2,
            "mediaType": "application/vnd.oci.image.manifest.v1+json",
            "config": put(&config, "application/vnd.oci.image.config.v1+json"),
            "layers": [put(&l, "application/vnd.oci.image.layer.v1.tar")],
        });
        put(
            &serde_json::to_vec(&m).unwrap(),
            "application/vnd.oci.image.manifest.v1+json",
        )
    };
    let healthy = |user: &str| {
        config_json(
            serde_json::json!({"User": user, "Healthcheck": {"Test": ["CMD", "true"]}}),
            &[],
        )
    };
    let mut amd = manifest(healthy(""));
    amd["platform"] = serde_json::json!({"os": "linux", "architecture": "amd64"});
    let mut arm = manifest(healthy("10001"));
    arm["platform"] = serde_json::json!({"os": "linux", "architecture": "arm64", "variant": "v8"});
    let index = serde_json::json!({"schemaVersion": 2, "manifests": [amd, arm]});
    std::fs::write(dir.join("index.json"), serde_json::to_vec(&index).unwrap()).unwrap();
}

#[test]
fn platform_selects_images_of_an_index() {
    let db = require_db!();
    let tmp = tempfile::tempdir().unwrap();
    two_platform_image(tmp.path());
    let dir = tmp.path().to_str().unwrap();
    let paths = |out: &common::Output| -> Vec<String> {
        let json: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
        json["findings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["location"]["path"].as_str().unwrap().to_string())
            .collect()
    };
    let out = image(&db, &[dir, "-f", "json"]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert_eq!(paths(&out), [format!("{dir}@linux/amd64!config")]);
    let out = image(&db, &[dir, "--platform", "linux/arm64", "-f", "json"]);
    assert_eq!(out.code, 0, "{}\n{}", out.stdout, out.stderr);
    let out = image(
        &db,
        &[
            dir,
            "--platform",
            "linux/arm64/v8",
            "--platform",
            "linux/amd64",
            "-f",
            "json",
        ],
    );
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert_eq!(paths(&out), [format!("{dir}@linux/amd64!config")]);
    let out = image(&db, &[dir, "--platform", "all", "-f", "json"]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    // An absent platform: an error, exit 2.
    let out = image(&db, &[dir, "--platform", "linux/riscv64", "-f", "json"]);
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert!(
        out.stdout.contains("no image for platform linux/riscv64"),
        "{}",
        out.stdout
    );
    // A malformed one is a usage error.
    let out = image(&db, &[dir, "--platform", "linux"]);
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("OS/ARCH"), "{}", out.stderr);
}

#[test]
fn a_tampered_blob_exits_2() {
    let db = require_db!();
    let tmp = tempfile::tempdir().unwrap();
    clean_image(tmp.path());
    let index: serde_json::Value =
        serde_json::from_slice(&std::fs::read(tmp.path().join("index.json")).unwrap()).unwrap();
    let digest = index["manifests"][0]["digest"].as_str().unwrap();
    let manifest_path = tmp.path().join("blobs/sha256").join(&digest[7..]);
    let manifest: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&manifest_path).unwrap()).unwrap();
    let layer_digest = manifest["layers"][0]["digest"].as_str().unwrap();
    let layer_path = tmp.path().join("blobs/sha256").join(&layer_digest[7..]);
    let mut bytes = std::fs::read(&layer_path).unwrap();
    let at = bytes.windows(5).position(|w| w == b"hello").unwrap();
    bytes[at] = b'j';
    std::fs::write(&layer_path, bytes).unwrap();
    let out = image(&db, &[tmp.path().to_str().unwrap(), "-f", "json"]);
    assert_eq!(out.code, 2, "{}\n{}", out.stdout, out.stderr);
    assert!(
        out.stdout.contains("does not match its digest"),
        "{}",
        out.stdout
    );
    assert!(out.stdout.contains(&layer_digest[7..]), "{}", out.stdout);
}

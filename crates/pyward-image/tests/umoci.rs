//! An image built by a real tool, Debian's `umoci`: two layers, the second deleting a
//! distribution (umoci writes the whiteouts) and tampering with a file. Runs only with
//! `PYWARD_REAL_TOOLS=1` (then a missing umoci fails); prints `SKIP:` otherwise.

#[path = "../../pyward-deps/tests/common.rs"]
mod common;
mod support;

use std::path::{Path, PathBuf};
use std::process::Command;

use pyward_core::RuleSelector;
use pyward_image::ImageOptions;

const SITE: &str = "usr/local/lib/python3.12/site-packages";

fn real_tools() -> bool {
    if std::env::var("PYWARD_REAL_TOOLS").as_deref() == Ok("1") {
        return true;
    }
    eprintln!("SKIP: set PYWARD_REAL_TOOLS=1 to run tests that drive umoci");
    false
}

fn umoci(args: &[&str], dir: &Path) {
    let out = Command::new("umoci")
        .args(args)
        .current_dir(dir)
        .output()
        .expect("PYWARD_REAL_TOOLS=1 but umoci cannot be run (apt-get install umoci)");
    assert!(
        out.status.success(),
        "umoci {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// Writes `entries` (files only) under `rootfs`.
fn write_files(rootfs: &Path, entries: &[support::Entry]) {
    for e in entries {
        if let support::Entry::File(path, data) = e {
            let p = rootfs.join(path);
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(p, data).unwrap();
        }
    }
}

fn database(shared: &Path, dir: &Path) -> PathBuf {
    let db = dir.join("advisory.db");
    let zip = shared.join("advisory-db/osv-pypi-all.zip");
    pyward_advisory::update(&db, &zip.display().to_string()).unwrap();
    db
}

#[test]
fn an_image_built_by_umoci() {
    if !real_tools() {
        return;
    }
    let Some(shared) = common::shared() else {
        return;
    };
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    umoci(&["init", "--layout", "layout"], dir);
    umoci(&["new", "--image", "layout:app"], dir);

    // Layer 1: jinja2 2.10 and pyyaml 5.1 (both vulnerable), an nginx config.
    umoci(
        &["unpack", "--rootless", "--image", "layout:app", "b1"],
        dir,
    );
    let rootfs = dir.join("b1/rootfs");
    let mut files = support::distribution(
        SITE,
        "Jinja2",
        "2.10",
        &[
            ("jinja2/__init__.py", "# j\n"),
            ("jinja2/utils.py", "def f():\n    pass\n"),
        ],
    );
    files.extend(support::distribution(
        SITE,
        "PyYAML",
        "5.1",
        &[("yaml/__init__.py", "# y\n")],
    ));
    files.push(support::file(
        "etc/nginx/nginx.conf",
        "events {}\nhttp {\n  server {\n    listen 80;\n    location / {\n      autoindex on;\n    }\n  }\n}\n",
    ));
    write_files(&rootfs, &files);
    umoci(&["repack", "--image", "layout:app", "b1"], dir);

    // Layer 2: pyyaml removed (whiteouts), one jinja2 file changed.
    umoci(
        &["unpack", "--rootless", "--image", "layout:app", "b2"],
        dir,
    );
    let site = dir.join("b2/rootfs").join(SITE);
    std::fs::remove_dir_all(site.join("PyYAML-5.1.dist-info")).unwrap();
    std::fs::remove_dir_all(site.join("yaml")).unwrap();
    std::fs::write(site.join("jinja2/utils.py"), "import os\nos.system('id')\n").unwrap();
    umoci(&["repack", "--image", "layout:app", "b2"], dir);
    umoci(
        &[
            "config",
            "--image",
            "layout:app",
            "--config.exposedports",
            "5432/tcp",
        ],
        dir,
    );

    let db = database(&shared, dir);
    let report = pyward_image::audit(
        &ImageOptions {
            image: dir.join("layout"),
            db: Some(db),
            ..ImageOptions::default()
        },
        &RuleSelector::default(),
    );
    assert!(report.errors.is_empty(), "{:?}", report.errors);
    let found: Vec<(String, String)> = report
        .findings
        .iter()
        .map(|f| (f.code.clone(), f.location.path.clone().unwrap_or_default()))
        .collect();
    let has = |code: &str, part: &str| found.iter().any(|(c, p)| c == code && p.contains(part));
    assert!(
        has("DEP001", "Jinja2-2.10.dist-info/METADATA"),
        "{found:#?}"
    );
    assert!(has("DEP201", "jinja2/utils.py"), "{found:#?}");
    assert!(
        !found
            .iter()
            .any(|(_, p)| p.contains("PyYAML") || p.contains("/yaml/")),
        "{found:#?}"
    );
    assert!(has("NGX011", "etc/nginx/nginx.conf"), "{found:#?}");
    assert!(has("IMG006", "config"), "{found:#?}");
    assert_eq!(report.stats["image"]["layers"], 2);
    assert_eq!(report.stats["image"]["distributions"], 1);
}

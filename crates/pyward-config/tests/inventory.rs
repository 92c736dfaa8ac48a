//! `pyward config` reads its files from the shared inventory.

use std::path::Path;

use pyward_config::{ConfigOptions, scan, scan_inventory};
use pyward_core::{Inventory, InventoryOptions, Report, SkipReason};

fn write(root: &Path, rel: &str, text: &str) {
    let p = root.join(rel);
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    std::fs::write(p, text).unwrap();
}

#[test]
fn a_shared_inventory_gives_the_same_report_as_scan() {
    let dir = tempfile::tempdir().unwrap();
    let r = dir.path();
    write(r, "deploy/nginx.conf", "http { server_tokens on; }\n");
    write(r, "Dockerfile", "FROM python:3.12\n");
    write(r, ".venv/etc/nginx.conf", "http { server_tokens on; }\n");
    write(r, "app/main.py", "print(1)\n");
    let options = ConfigOptions::default();
    let inv = Inventory::walk(
        &[r.to_path_buf()],
        &InventoryOptions {
            include_venvs: true,
            ..InventoryOptions::default()
        },
    );
    let mut shared = Report::new("config");
    scan_inventory(&inv, &options, &mut shared);
    let mut alone = Report::new("config");
    scan(&[r.to_path_buf()], &options, &mut alone);
    assert_eq!(
        serde_json::to_string(&shared).unwrap(),
        serde_json::to_string(&alone).unwrap()
    );
    // nginx (a format with includes) goes first.
    assert_eq!(alone.inputs, vec!["deploy/nginx.conf", "Dockerfile"]);
}

#[cfg(unix)]
#[test]
fn a_fifo_named_like_a_config_file_is_listed_as_skipped() {
    let dir = tempfile::tempdir().unwrap();
    let r = dir.path();
    write(r, "Dockerfile", "FROM python:3.12\n");
    assert!(
        std::process::Command::new("mkfifo")
            .arg(r.join("nginx.conf"))
            .status()
            .unwrap()
            .success()
    );
    let mut report = Report::new("config");
    scan(&[r.to_path_buf()], &ConfigOptions::default(), &mut report);
    assert_eq!(report.inputs, vec!["Dockerfile"]);
    assert_eq!(report.skipped.len(), 1, "{:?}", report.skipped);
    assert!(report.skipped[0].path.ends_with("nginx.conf"));
    assert_eq!(report.skipped[0].reason, SkipReason::Special);
}

//! `pyward code` reads its files from the shared inventory.

use std::path::Path;

use pyward_code::{CodeOptions, scan, scan_inventory};
use pyward_core::{Inventory, InventoryOptions, SkipReason};

fn write(root: &Path, rel: &str, text: &str) {
    let p = root.join(rel);
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    std::fs::write(p, text).unwrap();
}

#[test]
fn a_shared_inventory_gives_the_same_report_as_scan() {
    let dir = tempfile::tempdir().unwrap();
    let r = dir.path();
    write(r, "app/a.py", "eval(x)\n");
    write(r, ".venv/lib/b.py", "eval(y)\n");
    write(r, "deploy/nginx.conf", "server_tokens on;\n");
    let opts = CodeOptions::default();
    // An inventory built for every analyzer (environments included for whoever wants them).
    let inv = Inventory::walk(
        &[r.to_path_buf()],
        &InventoryOptions {
            include_venvs: true,
            ..InventoryOptions::default()
        },
    );
    let shared = scan_inventory(&inv, &opts);
    let alone = scan(&[r.to_path_buf()], &opts);
    assert_eq!(
        serde_json::to_string(&shared).unwrap(),
        serde_json::to_string(&alone).unwrap()
    );
    assert_eq!(alone.inputs.len(), 1, "{:?}", alone.inputs);
    let with_venvs = CodeOptions {
        include_venvs: true,
        ..CodeOptions::default()
    };
    assert_eq!(scan_inventory(&inv, &with_venvs).inputs.len(), 2);
}

#[cfg(unix)]
#[test]
fn skipped_python_files_are_reported_with_their_reason() {
    let outer = tempfile::tempdir().unwrap();
    write(outer.path(), "secret.py", "eval(z)\n");
    let r = outer.path().join("proj");
    write(&r, "ok.py", "eval(x)\n");
    write(&r, "big.py", &"x = 1\n".repeat(100));
    std::os::unix::fs::symlink(outer.path().join("secret.py"), r.join("leak.py")).unwrap();
    std::os::unix::fs::symlink(outer.path().join("secret.py"), r.join("leak.txt")).unwrap();
    assert!(
        std::process::Command::new("mkfifo")
            .arg(r.join("pipe.py"))
            .status()
            .unwrap()
            .success()
    );
    let inv = Inventory::walk(
        std::slice::from_ref(&r),
        &InventoryOptions {
            max_file_size: 100,
            ..InventoryOptions::default()
        },
    );
    let report = scan_inventory(&inv, &CodeOptions::default());
    assert_eq!(report.inputs.len(), 1, "{:?}", report.inputs);
    let skipped: Vec<(&str, &SkipReason)> = report
        .skipped
        .iter()
        .map(|s| (s.path.rsplit('/').next().unwrap(), &s.reason))
        .collect();
    assert_eq!(
        skipped,
        vec![
            (
                "big.py",
                &SkipReason::TooLarge {
                    size: 600,
                    limit: 100
                }
            ),
            ("leak.py", &SkipReason::OutsideRoot),
            ("pipe.py", &SkipReason::Special),
        ]
    );
    // What was not audited is an error (exit 2), as before; a FIFO is only listed.
    let errors: Vec<String> = report
        .errors
        .iter()
        .map(|e| format!("{}: {}", e.path, e.message))
        .collect();
    assert_eq!(errors.len(), 2, "{errors:?}");
    assert!(errors[0].contains("big.py: larger than the 100-byte limit"));
    assert!(errors[1].contains("leak.py: outside the scanned root"));
    // A link out of the root that is not a Python file is only a warning.
    assert!(
        report
            .warnings
            .iter()
            .any(|w| w.contains("leak.txt: skipped")),
        "{:?}",
        report.warnings
    );
    assert!(!serde_json::to_string(&report).unwrap().contains("eval(z)"));
}

//! Manifests from the shared inventory.

use pyward_core::{Inventory, InventoryOptions};
use pyward_manifest::{manifests_in, scripts_in};

#[test]
fn manifests_in_picks_manifest_names_outside_environments() {
    let dir = tempfile::tempdir().unwrap();
    let r = dir.path();
    for (f, text) in [
        ("requirements.txt", ""),
        ("app/pyproject.toml", ""),
        ("app/main.py", "print(1)\n"),
        ("tool.py", "# /// script\n# dependencies = []\n# ///\n"),
        (".venv/lib/requirements.txt", ""),
        ("README.md", ""),
    ] {
        let p = r.join(f);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    }
    let inv = Inventory::walk(
        &[r.to_path_buf()],
        &InventoryOptions {
            include_venvs: true,
            ..InventoryOptions::default()
        },
    );
    assert_eq!(
        manifests_in(&inv),
        vec![r.join("app/pyproject.toml"), r.join("requirements.txt")]
    );
    assert_eq!(scripts_in(&inv), vec![r.join("tool.py")]);
}

//! Helpers shared by the integration tests.
#![allow(dead_code)]

use std::path::PathBuf;

/// The shared test data directory (`$PYWARD_SHARED`, else `<repo>/../shared`).
///
/// Returns `None` (after printing a visible SKIP line) when it is absent, unless
/// `PYWARD_REQUIRE_SHARED=1`, in which case a missing directory fails the test.
pub fn shared_dir() -> Option<PathBuf> {
    let dir = match std::env::var_os("PYWARD_SHARED") {
        Some(d) if !d.is_empty() => PathBuf::from(d),
        _ => PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared"),
    };
    if dir.join("advisory-db").is_dir() {
        return Some(dir);
    }
    if std::env::var("PYWARD_REQUIRE_SHARED").as_deref() == Ok("1") {
        panic!("PYWARD_REQUIRE_SHARED=1 but {} not found", dir.display());
    }
    eprintln!(
        "SKIP: ../shared not found ({}); set PYWARD_SHARED",
        dir.display()
    );
    None
}

/// Writes a small OSV YAML tree for tests that must not depend on ../shared.
pub fn write_fixture_tree(root: &std::path::Path) {
    let files: &[(&str, &str)] = &[
        (
            "demo/TEST-2024-1.yaml",
            "id: TEST-2024-1
summary: Demo remote code execution
details: A crafted payload runs code.
aliases:
- CVE-2024-0001
modified: 2024-03-01T10:00:00Z
published: '2024-02-01T00:00:00Z'
severity:
- type: CVSS_V3
  score: CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H
affected:
- package:
    name: Demo_Pkg
    ecosystem: PyPI
  ranges:
  - type: GIT
    repo: https://example.invalid/demo
    events:
    - introduced: abc123
  - type: ECOSYSTEM
    events:
    - introduced: '0'
    - fixed: 1.2.0
    - introduced: '2.0'
    - fixed: 2.0.3
  versions:
  - 1.0
  - 1.1.0
  - 2.0.0
  - 2.0.1
  - 2.0.2
references:
- type: WEB
  url: https://example.invalid/advisory/1
",
        ),
        (
            "demo/TEST-2024-2.yaml",
            "id: TEST-2024-2
details: Second demo issue. With more text.
modified: '2024-04-01T00:00:00Z'
affected:
- package:
    name: demo-pkg
    ecosystem: PyPI
  ranges:
  - type: ECOSYSTEM
    events:
    - introduced: '1.0'
    - fixed: 2.0.5
  versions:
  - 0.9p1
",
        ),
        (
            "demo/TEST-2024-3.yaml",
            "id: TEST-2024-3
details: Withdrawn demo issue.
modified: '2024-05-01T00:00:00Z'
withdrawn: '2024-05-02T00:00:00Z'
affected:
- package:
    name: demo-pkg
    ecosystem: PyPI
  ranges:
  - type: ECOSYSTEM
    events:
    - introduced: '0'
",
        ),
        (
            "other/nested/TEST-2024-4.json",
            r#"{"id":"TEST-2024-4","modified":"2024-01-01T00:00:00Z","details":"Other package.",
"affected":[{"package":{"name":"other","ecosystem":"PyPI"},
"ranges":[{"type":"ECOSYSTEM","events":[{"introduced":"0"},{"last_affected":"3.1"}]}]},
{"package":{"name":"other","ecosystem":"npm"},"versions":["1.0.0"]}]}"#,
        ),
        ("other/README.md", "not an advisory"),
    ];
    for (path, text) in files {
        let path = root.join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
}

/// Builds the fixture tree into a database file and opens it.
pub fn fixture_db(tmp: &std::path::Path) -> pyward_advisory::Database {
    let tree = tmp.join("vulns");
    write_fixture_tree(&tree);
    let out = pyward_advisory::build(&pyward_advisory::Source::Dir(tree)).unwrap();
    assert!(out.warnings.is_empty(), "{:?}", out.warnings);
    let path = tmp.join("advisory.db");
    pyward_advisory::write_db(&out, &path, "fixture").unwrap();
    pyward_advisory::Database::open(&path).unwrap()
}

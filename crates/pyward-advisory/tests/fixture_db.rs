//! Database build, lookup and matching on a small fixture tree (no shared data needed).

mod common;

use pyward_advisory::{Database, Source, build, default_db_path, smallest_fix};
use pyward_core::Severity;

fn ids(advs: &[pyward_advisory::Advisory]) -> Vec<&str> {
    advs.iter().map(|a| a.id.as_str()).collect()
}

#[test]
fn lookups_and_matching() {
    let tmp = tempfile::tempdir().unwrap();
    let db = common::fixture_db(tmp.path());
    let meta = db.meta();
    assert_eq!(
        (
            meta.advisory_count,
            meta.package_count,
            meta.withdrawn_count
        ),
        (4, 2, 1)
    );
    assert_eq!(
        meta.newest_modified.as_deref(),
        Some("2024-05-01T00:00:00Z")
    );
    assert_eq!(
        db.package_names().collect::<Vec<_>>(),
        ["demo-pkg", "other"]
    );

    // Names are normalised; withdrawn advisories are kept but not matched.
    assert_eq!(db.advisories_for("DEMO.pkg").unwrap().len(), 3);
    assert_eq!(
        ids(&db.query("Demo_Pkg", "1.1").unwrap()),
        ["TEST-2024-1", "TEST-2024-2"]
    );
    assert_eq!(
        ids(&db.query("demo-pkg", "1.2.0").unwrap()),
        ["TEST-2024-2"]
    );
    assert_eq!(
        ids(&db.query("demo-pkg", "2.0.2").unwrap()),
        ["TEST-2024-1", "TEST-2024-2"]
    );
    assert_eq!(
        ids(&db.query("demo-pkg", "2.0.5").unwrap()),
        Vec::<&str>::new()
    );
    assert_eq!(
        ids(&db.query("demo-pkg", "0.9p1").unwrap()),
        ["TEST-2024-2"]
    );
    assert_eq!(
        ids(&db.query_with("demo-pkg", "2.0.5", true).unwrap()),
        ["TEST-2024-3"]
    );
    assert_eq!(ids(&db.query("other", "3.1").unwrap()), ["TEST-2024-4"]);
    assert!(db.query("other", "3.1.1").unwrap().is_empty());

    // Fix suggestion across the two live advisories at 1.1: 1.2.0 is still hit by TEST-2024-2.
    let hits = db.query("demo-pkg", "1.1").unwrap();
    assert_eq!(smallest_fix(&hits, "1.1").as_deref(), Some("2.0.5"));

    // Ids, aliases and raw records.
    assert_eq!(db.resolve_id("CVE-2024-0001"), Some("TEST-2024-1"));
    let adv = db.get_by_id("CVE-2024-0001").unwrap();
    assert_eq!(adv.severity, Severity::Critical);
    assert_eq!(adv.title(), "Demo remote code execution");
    let raw: serde_json::Value = serde_json::from_str(db.raw_json("TEST-2024-1").unwrap()).unwrap();
    assert_eq!(raw["modified"], "2024-03-01T10:00:00Z");
    assert_eq!(raw["affected"][0]["ranges"][0]["type"], "GIT");
    assert_eq!(raw["affected"][0]["versions"][0], "1.0");
    // JSON sources are served verbatim, including entries for other ecosystems.
    let raw4 = db.raw_json("TEST-2024-4").unwrap();
    assert!(raw4.contains("\"npm\""));
    assert!(db.raw_json("nope").is_none());
}

#[test]
fn compact_advisory_shape() {
    let tmp = tempfile::tempdir().unwrap();
    let tree = tmp.path().join("vulns");
    common::write_fixture_tree(&tree);
    let out = build(&Source::Dir(tree)).unwrap();
    let advisories: Vec<_> = out.advisories().collect();
    insta::assert_json_snapshot!(advisories);
}

#[test]
fn open_is_cheap_and_reopens_identically() {
    let tmp = tempfile::tempdir().unwrap();
    let db = common::fixture_db(tmp.path());
    let again = Database::open(db.path()).unwrap();
    assert_eq!(db.meta(), again.meta());
    assert_eq!(
        db.advisories_for("demo-pkg").unwrap(),
        again.advisories_for("demo-pkg").unwrap()
    );
}

#[test]
fn default_path_honours_pyward_db() {
    // Only this test touches PYWARD_DB in this test binary.
    let p = default_db_path();
    match std::env::var_os("PYWARD_DB") {
        Some(v) if !v.is_empty() => assert_eq!(p, std::path::PathBuf::from(v)),
        _ => assert!(p.ends_with("pyward/advisory.db"), "{}", p.display()),
    }
}

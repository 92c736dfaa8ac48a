//! Bad inputs give clear errors naming the path; bad advisories become warnings.

mod common;

use pyward_advisory::{AdvisoryError, Database, Source, build, write_db};

fn assert_mentions(err: &AdvisoryError, path: &std::path::Path, words: &[&str]) {
    let text = err.to_string();
    assert!(text.contains(&path.display().to_string()), "{text}");
    for w in words {
        assert!(text.contains(w), "{text:?} lacks {w:?}");
    }
}

#[test]
fn missing_sources_are_errors() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("no-such-dir");
    let err = build(&Source::Dir(dir.clone())).unwrap_err();
    assert!(matches!(err, AdvisoryError::SourceNotFound { .. }));
    assert_mentions(&err, &dir, &["not found"]);
    let zip = tmp.path().join("missing.zip");
    assert_mentions(
        &build(&Source::Zip(zip.clone())).unwrap_err(),
        &zip,
        &["not found"],
    );
}

#[test]
fn corrupt_zip_is_an_error() {
    let tmp = tempfile::tempdir().unwrap();
    let zip = tmp.path().join("all.zip");
    std::fs::write(&zip, b"PK\x03\x04 this is not really a zip archive").unwrap();
    let err = build(&Source::from_path(&zip)).unwrap_err();
    assert!(matches!(err, AdvisoryError::Zip { .. }), "{err:?}");
    assert_mentions(&err, &zip, &["zip"]);
}

#[test]
fn malformed_advisories_become_warnings() {
    let tmp = tempfile::tempdir().unwrap();
    let tree = tmp.path().join("vulns");
    common::write_fixture_tree(&tree);
    std::fs::write(tree.join("demo/BAD-1.yaml"), "id: [unclosed\n").unwrap();
    std::fs::write(tree.join("demo/BAD-2.json"), "{\"id\": 5, \"affected\": 3}").unwrap();
    std::fs::write(tree.join("demo/BAD-3.yml"), "details: no id here\n").unwrap();
    let out = build(&Source::Dir(tree.clone())).unwrap();
    assert_eq!(out.records.len(), 4);
    let paths: Vec<&str> = out.warnings.iter().map(|w| w.path.as_str()).collect();
    assert_eq!(paths.len(), 3, "{:?}", out.warnings);
    for (w, name) in out
        .warnings
        .iter()
        .zip(["BAD-1.yaml", "BAD-2.json", "BAD-3.yml"])
    {
        assert!(w.path.ends_with(name), "{w:?}");
        assert!(!w.message.is_empty());
    }
}

#[test]
fn duplicate_ids_keep_the_newest() {
    let tmp = tempfile::tempdir().unwrap();
    let tree = tmp.path().join("vulns");
    common::write_fixture_tree(&tree);
    std::fs::write(
        tree.join("demo/copy.json"),
        r#"{"id":"TEST-2024-2","modified":"2025-01-01T00:00:00Z","details":"newer copy"}"#,
    )
    .unwrap();
    let out = build(&Source::Dir(tree)).unwrap();
    let rec = out
        .records
        .iter()
        .find(|r| r.osv.id == "TEST-2024-2")
        .unwrap();
    assert_eq!(rec.osv.details.as_deref(), Some("newer copy"));
    assert_eq!(out.warnings.len(), 1);
    assert!(
        out.warnings[0]
            .message
            .contains("duplicate advisory TEST-2024-2")
    );
}

#[test]
fn bad_database_files_say_to_run_db_update() {
    let tmp = tempfile::tempdir().unwrap();
    let good = tmp.path().join("good.db");
    let tree = tmp.path().join("vulns");
    common::write_fixture_tree(&tree);
    write_db(&build(&Source::Dir(tree)).unwrap(), &good, "fixture").unwrap();
    let bytes = std::fs::read(&good).unwrap();

    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        (
            "wrong-magic.db",
            b"SQLite format 3\0 and more bytes here....................".to_vec(),
            "not a pyward advisory database",
        ),
        ("empty.db", Vec::new(), "not a pyward advisory database"),
        (
            "truncated.db",
            bytes[..bytes.len() / 2].to_vec(),
            "truncated",
        ),
        ("short.db", bytes[..10].to_vec(), "truncated"),
        (
            "version.db",
            {
                let mut b = bytes.clone();
                b[8..12].copy_from_slice(&999u32.to_le_bytes());
                b
            },
            "format version 999",
        ),
    ];
    for (name, content, words) in cases {
        let path = tmp.path().join(name);
        std::fs::write(&path, content).unwrap();
        let err = Database::open(&path).unwrap_err();
        assert!(
            matches!(err, AdvisoryError::InvalidDb { .. }),
            "{name}: {err:?}"
        );
        assert_mentions(&err, &path, &[words, "pyward db update"]);
    }

    let missing = tmp.path().join("missing.db");
    let err = Database::open(&missing).unwrap_err();
    assert!(matches!(err, AdvisoryError::DbNotFound { .. }), "{err:?}");
    assert_mentions(&err, &missing, &["pyward db update"]);
    assert!(Database::open(&good).is_ok());
}

#[test]
fn write_is_atomic_and_leaves_no_temp_files() {
    let tmp = tempfile::tempdir().unwrap();
    let tree = tmp.path().join("vulns");
    common::write_fixture_tree(&tree);
    let out = build(&Source::Dir(tree)).unwrap();
    let path = tmp.path().join("cache/pyward/advisory.db");
    write_db(&out, &path, "first").unwrap();
    write_db(&out, &path, "second").unwrap();
    assert_eq!(Database::open(&path).unwrap().meta().source, "second");
    let names: Vec<String> = std::fs::read_dir(path.parent().unwrap())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, ["advisory.db"]);
}

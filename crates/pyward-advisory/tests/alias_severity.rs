//! Advisories without CVSS take their severity from an alias's record, and say so.

use std::io::Write;

use pyward_advisory::{Database, Source, build, write_db};
use pyward_core::Severity;

const CRITICAL: &str = "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H";
const MEDIUM: &str = "CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:U/C:L/I:L/A:N";

/// One OSV JSON record affecting `package` below 1.0.
fn record(id: &str, package: &str, aliases: &[&str], cvss: Option<&str>) -> String {
    let severity = cvss
        .map(|v| format!(r#","severity":[{{"type":"CVSS_V3","score":"{v}"}}]"#))
        .unwrap_or_default();
    format!(
        r#"{{"id":"{id}","modified":"2024-01-01T00:00:00Z","aliases":{}{severity},"affected":[{{"package":{{"ecosystem":"PyPI","name":"{package}"}},"ranges":[{{"type":"ECOSYSTEM","events":[{{"introduced":"0"}},{{"fixed":"1.0"}}]}}]}}]}}"#,
        serde_json::to_string(aliases).unwrap()
    )
}

/// A small synthetic OSV export: PYSEC records beside GHSA records, as in OSV's `all.zip`.
fn export(dir: &std::path::Path) -> std::path::PathBuf {
    let records = [
        // The PYSEC record names its GHSA alias, which is scored.
        record("PYSEC-1", "alpha", &["GHSA-aaaa", "CVE-1"], None),
        record("GHSA-aaaa", "alpha", &["CVE-1"], Some(CRITICAL)),
        // Only the GHSA record names the PYSEC one.
        record("PYSEC-2", "beta", &["CVE-2"], None),
        record("GHSA-bbbb", "beta", &["PYSEC-2", "CVE-2"], Some(MEDIUM)),
        // Two scored aliases: the first id in sort order wins.
        record("PYSEC-3", "gamma", &["GHSA-zzzz", "GHSA-cccc"], None),
        record("GHSA-zzzz", "gamma", &[], Some(MEDIUM)),
        record("GHSA-cccc", "gamma", &[], Some(CRITICAL)),
        // The alias is scored, but for another package: not borrowed.
        record("PYSEC-4", "delta", &["GHSA-dddd"], None),
        record("GHSA-dddd", "not-delta", &[], Some(CRITICAL)),
        // Its own score is kept even though the alias has another.
        record("PYSEC-5", "epsilon", &["GHSA-eeee"], Some(MEDIUM)),
        record("GHSA-eeee", "epsilon", &[], Some(CRITICAL)),
        // No alias in the export at all.
        record("PYSEC-6", "zeta", &["GHSA-not-in-export"], None),
    ];
    let path = dir.join("all.zip");
    let mut zip = zip::ZipWriter::new(std::fs::File::create(&path).unwrap());
    for text in records {
        let id: serde_json::Value = serde_json::from_str(&text).unwrap();
        zip.start_file(
            format!("{}.json", id["id"].as_str().unwrap()),
            zip::write::SimpleFileOptions::default(),
        )
        .unwrap();
        zip.write_all(text.as_bytes()).unwrap();
    }
    zip.finish().unwrap();
    path
}

#[test]
fn severity_is_borrowed_from_scored_aliases() {
    let tmp = tempfile::tempdir().unwrap();
    let out = build(&Source::Zip(export(tmp.path()))).unwrap();
    assert!(out.warnings.is_empty(), "{:?}", out.warnings);
    let db_path = tmp.path().join("advisory.db");
    write_db(&out, &db_path, "synthetic").unwrap();
    let db = Database::open(&db_path).unwrap();
    let check = |package: &str, id: &str, severity: Severity, source: Option<&str>| {
        let found = db.query(package, "0.5").unwrap();
        let adv = found
            .iter()
            .find(|a| a.id == id)
            .unwrap_or_else(|| panic!("{id} not found for {package}"));
        assert_eq!(
            (adv.severity, adv.severity_source.as_deref()),
            (severity, source),
            "{id}"
        );
        if source.is_some() {
            assert!(!adv.cvss.is_empty() && adv.cvss_score.is_some(), "{id}");
        } else {
            assert!(adv.cvss.is_empty() && adv.cvss_score.is_none(), "{id}");
        }
    };
    check("alpha", "PYSEC-1", Severity::Critical, Some("GHSA-aaaa"));
    check("alpha", "GHSA-aaaa", Severity::Critical, Some("GHSA-aaaa"));
    check("beta", "PYSEC-2", Severity::Medium, Some("GHSA-bbbb"));
    check("gamma", "PYSEC-3", Severity::Critical, Some("GHSA-cccc"));
    check("delta", "PYSEC-4", Severity::Unknown, None);
    check("epsilon", "PYSEC-5", Severity::Medium, Some("PYSEC-5"));
    check("zeta", "PYSEC-6", Severity::Unknown, None);
}

//! Builds from the real PyPA advisory data in ../shared and checks facts read from its YAML.

mod common;

use std::collections::BTreeSet;
use std::str::FromStr;

use pep440_rs::VersionSpecifiers;
use pyward_advisory::{Database, Source, build, smallest_fix, specifier_allows_affected, write_db};
use pyward_core::Severity;

#[test]
fn yaml_tree_and_zip_build_the_same_database() {
    let Some(shared) = common::shared_dir() else {
        return;
    };
    let db_dir = shared.join("advisory-db");
    let yaml = build(&Source::Dir(db_dir.join("vulns"))).unwrap();
    let zip = build(&Source::from_path(db_dir.join("osv-pypi-all.zip"))).unwrap();
    // Two advisories have range events that are not PEP 440; they are kept (events ignored).
    for out in [&yaml, &zip] {
        let mut notes: Vec<&str> = out.warnings.iter().map(|w| w.message.as_str()).collect();
        notes.sort_unstable();
        assert_eq!(
            notes,
            [
                "PYSEC-2019-125: range event version \"2019-09-12\" is not PEP 440; ignored",
                "PYSEC-2021-371: range event version \"0.2.0-n653\" is not PEP 440; ignored",
            ],
        );
    }

    for out in [&yaml, &zip] {
        assert_eq!(out.records.len(), 2661);
        let packages: BTreeSet<&str> = out.advisories().map(|a| a.package.as_str()).collect();
        assert_eq!(packages.len(), 664);
        let withdrawn = out
            .records
            .iter()
            .filter(|r| r.osv.withdrawn.is_some())
            .count();
        assert_eq!(withdrawn, 10);
    }
    let ids = |o: &pyward_advisory::BuildOutput| -> Vec<String> {
        o.records.iter().map(|r| r.osv.id.clone()).collect()
    };
    assert_eq!(ids(&yaml), ids(&zip));
    // Unquoted YAML timestamps arrive verbatim.
    assert!(yaml.records.iter().all(|r| r.osv.modified.ends_with('Z')));
    assert_eq!(
        yaml.advisories()
            .filter(|a| a.cvss.iter().any(|c| c.kind == "CVSS_V3"))
            .count(),
        202
    );
    assert!(
        yaml.advisories()
            .filter(|a| !a.cvss.is_empty())
            .all(|a| a.severity != Severity::Unknown)
    );

    // Written and reopened, the metadata agrees.
    let tmp = tempfile::tempdir().unwrap();
    let path = tmp.path().join("sub/advisory.db");
    let meta = write_db(&yaml, &path, "dir:../shared/advisory-db/vulns").unwrap();
    let db = Database::open(&path).unwrap();
    assert_eq!(db.meta(), &meta);
    assert_eq!(meta.advisory_count, 2661);
    assert_eq!(meta.package_count, 664);
    assert_eq!(meta.withdrawn_count, 10);
    assert_eq!(meta.format_version, pyward_advisory::FORMAT_VERSION);
    assert!(
        meta.newest_modified
            .as_deref()
            .unwrap_or("")
            .starts_with("20")
    );
    assert_eq!(db.package_names().count(), 664);
    assert_eq!(db.ids().count(), 2661);

    check_known_facts(&db);
}

fn check_known_facts(db: &Database) {
    // django PYSEC-2014-19 (CVE-2014-1418): 1.4–1.4.13, 1.5–1.5.8, 1.6–1.6.5, 1.7a0–1.7b4.
    let id = |advs: Vec<pyward_advisory::Advisory>| -> Vec<String> {
        advs.into_iter().map(|a| a.id).collect()
    };
    for v in ["1.4.12", "1.5.7", "1.6.4", "1.7b3"] {
        assert!(
            id(db.query("Django", v).unwrap()).contains(&"PYSEC-2014-19".into()),
            "{v}"
        );
    }
    for v in ["1.4.13", "1.5.8", "1.6.5", "1.7b4", "1.3.7"] {
        assert!(
            !id(db.query("django", v).unwrap()).contains(&"PYSEC-2014-19".into()),
            "{v}"
        );
    }
    let adv = db.get_by_id("CVE-2014-1418").unwrap();
    assert_eq!(adv.id, "PYSEC-2014-19");
    assert_eq!(adv.package, "django");
    assert_eq!(adv.fixed_versions(), ["1.4.13", "1.5.8", "1.6.5", "1.7b4"]);
    assert!(adv.affected("1.6.0") && !adv.affected("1.6.5"));
    let json: serde_json::Value =
        serde_json::from_str(db.raw_json("PYSEC-2014-19").unwrap()).unwrap();
    assert_eq!(json["aliases"][0], "CVE-2014-1418");
    assert_eq!(json["modified"], "2021-09-01T08:18:55.376993Z");

    // buildbot PYSEC-2019-6 lists non-PEP 440 versions such as 0.7.10p1.
    let buildbot = db.get_by_id("PYSEC-2019-6").unwrap();
    assert!(buildbot.affected("0.7.10p1"));
    assert!(!buildbot.affected("0.7.9p9"));
    assert!(
        buildbot.affected("2.0.1") && !buildbot.affected("2.3.1") && !buildbot.affected("1.8.2")
    );
    assert!(id(db.query("buildbot", "0.8.4p2").unwrap()).contains(&"PYSEC-2019-6".into()));
    // cherrypy PYSEC-2006-1 lists 2.0.0-final.
    assert!(
        db.get_by_id("PYSEC-2006-1")
            .unwrap()
            .affected("2.0.0-final")
    );

    // py PYSEC-2022-42969 has a last_affected event and no fix.
    let py = db.advisories_for("py").unwrap();
    let redos: Vec<_> = py
        .iter()
        .filter(|a| a.id == "PYSEC-2022-42969")
        .cloned()
        .collect();
    assert!(redos[0].affected("1.11.0") && !redos[0].affected("1.11.1"));
    assert_eq!(smallest_fix(&redos, "1.10.0"), None);

    // redis PYSEC-2023-73 is withdrawn: kept, but not matched by default.
    let redis = db.get_by_id("PYSEC-2023-73").unwrap();
    assert!(redis.is_withdrawn());
    let some_affected = redis
        .affected
        .versions()
        .first()
        .cloned()
        .expect("withdrawn advisory lists versions");
    assert!(!id(db.query("redis", &some_affected).unwrap()).contains(&redis.id));
    assert!(id(db.query_with("redis", &some_affected, true).unwrap()).contains(&redis.id));

    // apache-skywalking PYSEC-2020-342 carries CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H.
    let sky = db.get_by_id("PYSEC-2020-342").unwrap();
    assert_eq!(sky.cvss_score, Some(9.8));
    assert_eq!(sky.severity, Severity::Critical);

    // Fix suggestion across all django advisories affecting 1.4.12.
    let hits = db.query("django", "1.4.12").unwrap();
    assert!(hits.len() > 5);
    if let Some(fix) = smallest_fix(&hits, "1.4.12") {
        assert!(
            db.query("django", &fix)
                .unwrap()
                .iter()
                .all(|a| !hits.iter().any(|h| h.id == a.id))
        );
    }

    // Declared ranges.
    let spec = VersionSpecifiers::from_str(">=1.6,<1.7").unwrap();
    assert_eq!(
        specifier_allows_affected(&adv, &spec).as_deref(),
        Some("1.6.4")
    );
    let spec = VersionSpecifiers::from_str(">=1.6.5,<1.7").unwrap();
    assert_eq!(specifier_allows_affected(&adv, &spec), None);

    assert!(db.query("no-such-package", "1.0").unwrap().is_empty());
    assert!(db.get_by_id("PYSEC-0000-0").is_none());
}

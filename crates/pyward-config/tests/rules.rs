//! Fixtures for every rule: `tests/fixtures/<CODE>/fire` must produce the rule's findings
//! (snapshotted), `tests/fixtures/<CODE>/silent` must produce none. Each fixture is a small
//! directory tree scanned the way `pyward config DIR` scans it (discovery, filesystem root,
//! includes).

use std::path::{Path, PathBuf};

use pyward_config::{ConfigOptions, RULES, scan};
use pyward_core::{Finding, Report, RuleSelector};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

fn scan_dir(dir: &Path, code: &str) -> Report {
    let options = ConfigOptions {
        selector: RuleSelector::new(vec![code.to_string()], Vec::new()),
        ..ConfigOptions::default()
    };
    let mut report = Report::new("config");
    scan(&[dir.to_path_buf()], &options, &mut report);
    report.normalize();
    report
}

fn of_code(report: &Report, code: &str) -> Vec<Finding> {
    report
        .findings
        .iter()
        .filter(|f| f.code == code)
        .cloned()
        .collect()
}

/// ENV002 needs real file modes, which git does not keep: its fixtures are built here.
const BUILT_IN_TEST: &[&str] = &["ENV002"];

#[test]
fn every_rule_has_a_firing_and_a_silent_fixture() {
    let mut missing = Vec::new();
    for rule in RULES {
        if BUILT_IN_TEST.contains(&rule.code) {
            continue;
        }
        let dir = fixtures().join(rule.code);
        if !dir.join("fire").is_dir() || !dir.join("silent").is_dir() {
            missing.push(rule.code);
        }
    }
    assert!(missing.is_empty(), "rules without fixtures: {missing:?}");
}

#[test]
fn fixtures_fire_and_stay_silent() {
    for rule in RULES {
        if BUILT_IN_TEST.contains(&rule.code) {
            continue;
        }
        let dir = fixtures().join(rule.code);
        let fire = scan_dir(&dir.join("fire"), rule.code);
        assert!(
            fire.errors.is_empty(),
            "{}: errors {:?}",
            rule.code,
            fire.errors
        );
        let found = of_code(&fire, rule.code);
        assert!(
            !found.is_empty(),
            "{} did not fire on its fixture",
            rule.code
        );
        assert!(
            fire.findings.iter().all(|f| f.code == rule.code),
            "--select {} let other rules through",
            rule.code
        );
        insta::assert_yaml_snapshot!(format!("{}_fire", rule.code), found);

        let silent = scan_dir(&dir.join("silent"), rule.code);
        assert!(
            silent.errors.is_empty(),
            "{}: errors {:?}",
            rule.code,
            silent.errors
        );
        let found = of_code(&silent, rule.code);
        assert!(
            found.is_empty(),
            "{} fired on its silent fixture: {found:#?}",
            rule.code
        );
    }
}

#[cfg(unix)]
#[test]
fn env002_world_readable_dotenv() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let env = dir.path().join(".env");
    std::fs::write(&env, "SECRET_KEY=9f8e7d6c5b4a39281706f5e4d3c2b1a0\n").unwrap();
    std::fs::set_permissions(&env, std::fs::Permissions::from_mode(0o644)).unwrap();
    let fire = of_code(&scan_dir(dir.path(), "ENV002"), "ENV002");
    insta::assert_yaml_snapshot!("ENV002_fire", fire);

    std::fs::set_permissions(&env, std::fs::Permissions::from_mode(0o600)).unwrap();
    assert!(of_code(&scan_dir(dir.path(), "ENV002"), "ENV002").is_empty());

    // world-readable without secrets: low
    std::fs::write(&env, "LOG_LEVEL=info\n").unwrap();
    std::fs::set_permissions(&env, std::fs::Permissions::from_mode(0o644)).unwrap();
    let low = of_code(&scan_dir(dir.path(), "ENV002"), "ENV002");
    assert_eq!(low.len(), 1);
    assert_eq!(low[0].severity, pyward_core::Severity::Low);
}

#[test]
fn rule_docs_have_every_section() {
    for rule in RULES {
        let doc = rule.doc_text();
        for section in [
            "## What it does",
            "## Why is this bad?",
            "## Example",
            "## Use instead",
            "## References",
        ] {
            assert!(doc.contains(section), "{}: missing {section}", rule.code);
        }
        assert_eq!(rule.analyzer, "config");
        if let Some(cwe) = rule.cwe {
            assert!(
                doc.contains(&format!("CWE-{cwe}")) || doc.contains("cwe.mitre.org"),
                "{}: CWE not referenced",
                rule.code
            );
        }
    }
    let mut codes: Vec<&str> = RULES.iter().map(|r| r.code).collect();
    let sorted = {
        let mut c = codes.clone();
        c.sort();
        c
    };
    assert_eq!(codes, sorted, "RULES must be sorted by code");
    codes.dedup();
    assert_eq!(codes.len(), RULES.len(), "duplicate rule codes");
}

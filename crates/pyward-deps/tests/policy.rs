//! Fixtures for every supply-chain policy rule (DEP101–DEP112), in firing and silent cases.
//! Each `fixtures/policy/<CODE>/` directory is audited as one project; the snapshot holds the
//! rule's findings, and the files named as silent must produce none.

mod common;

use std::path::{Path, PathBuf};

use pyward_core::{Report, RuleSelector};
use pyward_deps::{DepsOptions, check_policy};
use pyward_manifest::{Manifest, Target};

fn files_under(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.expect("dir entry").path())
        .collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            files_under(&p, out);
        } else {
            out.push(p);
        }
    }
}

fn audit_dir(code: &str, options: &DepsOptions) -> Report {
    let dir = common::fixtures().join("policy").join(code);
    let mut files = Vec::new();
    files_under(&dir, &mut files);
    let target = Target::default();
    let manifests: Vec<Manifest> = files
        .iter()
        .map(|f| pyward_manifest::parse_file(f, &target).unwrap_or_else(|e| panic!("{e}")))
        .collect();
    let mut report = Report::new("deps");
    check_policy(&manifests, options, &target, &dir, &mut report);
    report.normalize();
    report
}

fn render(report: &Report, code: &str) -> String {
    report
        .findings
        .iter()
        .filter(|f| f.code == code)
        .map(|f| {
            format!(
                "{}: {} [{}] {}\n",
                f.location.display(),
                f.code,
                f.severity,
                f.message
            )
        })
        .collect()
}

/// Snapshots `code`'s findings and checks that it fires and that `silent` files stay silent.
fn check(code: &str, silent: &[&str], options: &DepsOptions) -> Report {
    let report = audit_dir(code, options);
    let text = render(&report, code);
    assert!(!text.is_empty(), "{code} did not fire");
    for file in silent {
        let hits: Vec<_> = report
            .findings
            .iter()
            .filter(|f| f.code == code && f.location.path.as_deref() == Some(*file))
            .collect();
        assert!(
            hits.is_empty(),
            "{code} fired on silent fixture {file}: {hits:#?}"
        );
    }
    insta::assert_snapshot!(code, text);
    report
}

fn defaults() -> DepsOptions {
    DepsOptions::default()
}

#[test]
fn dep101_unpinned_requirement() {
    let r = check(
        "DEP101",
        &["requirements-dev.txt", "requirements.in", "constraints.txt"],
        &defaults(),
    );
    // sqlalchemy>=2 is pinned by the constraints file; django and gunicorn are exact.
    let text = render(&r, "DEP101");
    assert!(
        !text.contains("sqlalchemy") && !text.contains("django") && !text.contains("gunicorn"),
        "{text}"
    );
}

#[test]
fn dep102_missing_hash() {
    check("DEP102", &["hashed.txt", "no-hashes.txt"], &defaults());
    // With hashes required by the configuration, the unhashed file fires too.
    let strict = DepsOptions {
        require_hashes: true,
        ..defaults()
    };
    let r = audit_dir("DEP102", &strict);
    assert!(
        r.findings
            .iter()
            .any(|f| f.code == "DEP102" && f.location.path.as_deref() == Some("no-hashes.txt")),
        "{:#?}",
        r.findings
    );
}

#[test]
fn dep103_vcs_not_pinned_to_commit() {
    let r = check("DEP103", &[], &defaults());
    let text = render(&r, "DEP103");
    assert!(!text.contains("billing"), "{text}");
    assert_eq!(text.lines().count(), 4, "{text}");
}

#[test]
fn dep104_url_without_hash() {
    let r = check("DEP104", &[], &defaults());
    let text = render(&r, "DEP104");
    assert_eq!(text.lines().count(), 1, "{text}");
    assert!(text.contains("payments"), "{text}");
}

#[test]
fn dep105_insecure_index() {
    let r = check("DEP105", &["secure.txt"], &defaults());
    let text = render(&r, "DEP105");
    assert!(
        !text.contains("127.0.0.1") && !text.contains("https://"),
        "{text}"
    );
    assert!(text.contains("pyproject.toml:8"), "{text}");
}

#[test]
fn dep106_trusted_host() {
    check("DEP106", &["clean.txt"], &defaults());
}

#[test]
fn dep107_credentials_are_reported_and_redacted() {
    let r = check("DEP107", &[], &defaults());
    let json = serde_json::to_string(&r).unwrap();
    // The finding names the URL, but the secret never appears, in any rule's output.
    assert!(
        !json.contains("s3cr3t") && !json.contains("ghp_abcdef"),
        "{json}"
    );
    assert!(
        json.contains("https://****@pypi.internal.example.com/simple"),
        "{json}"
    );
    assert_eq!(render(&r, "DEP107").lines().count(), 2);
}

#[test]
fn dep108_extra_index_names_the_exposed_packages() {
    let r = check("DEP108", &["single-index.txt", "no-index.txt"], &defaults());
    let f = r.findings.iter().find(|f| f.code == "DEP108").unwrap();
    assert_eq!(
        f.metadata["packages"],
        serde_json::json!(["django", "internal-billing"])
    );
}

#[test]
fn dep109_undeclared_lock_index() {
    let r = check("DEP109", &["silent/uv.lock"], &defaults());
    let text = render(&r, "DEP109");
    assert_eq!(text.lines().count(), 1, "{text}");
    // An index declared outside pyproject.toml (config / --index-url) is accepted.
    let declared = DepsOptions {
        declared_indexes: vec!["https://mirror.example.net/simple/".into()],
        ..defaults()
    };
    assert!(render(&audit_dir("DEP109", &declared), "DEP109").is_empty());
}

#[test]
fn dep110_stale_lockfile() {
    let r = check("DEP110", &["silent/pyproject.toml"], &defaults());
    assert_eq!(render(&r, "DEP110").lines().count(), 2);
}

#[test]
fn dep111_typosquat() {
    let r = check("DEP111", &[], &defaults());
    let text = render(&r, "DEP111");
    assert_eq!(text.lines().count(), 3, "{text}");
    let allowed = DepsOptions {
        typosquat_allow: vec![
            "reqeusts".into(),
            "djang0".into(),
            "python-dateutils".into(),
        ],
        ..defaults()
    };
    assert!(render(&audit_dir("DEP111", &allowed), "DEP111").is_empty());
}

#[test]
fn dep112_debug_tooling_in_production() {
    let r = check("DEP112", &["requirements-dev.txt"], &defaults());
    let text = render(&r, "DEP112");
    assert!(
        !text.contains("pdbpp") && !text.contains("debugpy"),
        "{text}"
    );
    assert_eq!(text.lines().count(), 3, "{text}");
}

#[test]
fn rules_are_off_when_not_selected() {
    let options = DepsOptions {
        selector: RuleSelector::new(vec!["DEP001".to_string()], vec![]),
        ..defaults()
    };
    for code in ["DEP101", "DEP107", "DEP111"] {
        assert!(audit_dir(code, &options).findings.is_empty(), "{code}");
    }
}

//! Static evaluation of a multi-file Django settings package
//! (`resources/test/django-settings/shop/settings/`): `from .base import *` and absolute
//! `from shop.settings.production import *` chains, list mutations, environment defaults,
//! and which modules count as effective settings modules.

use std::collections::BTreeSet;
use std::path::PathBuf;

use pyward_code::{CodeOptions, scan};
use pyward_core::RuleSelector;

fn package() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("resources/test/django-settings")
}

fn dj_options() -> CodeOptions {
    CodeOptions {
        selector: RuleSelector::new(vec!["DJ".into()], Vec::new()),
        ..CodeOptions::default()
    }
}

/// `(file name, code, django_check)` of every finding.
fn ids(report: &pyward_core::Report) -> BTreeSet<(String, String, String)> {
    report
        .findings
        .iter()
        .map(|f| {
            let file = f
                .location
                .path
                .as_deref()
                .unwrap_or("")
                .rsplit('/')
                .next()
                .unwrap_or("")
                .to_string();
            let check = f
                .metadata
                .get("django_check")
                .and_then(|v| v.as_str())
                .unwrap_or("-")
                .to_string();
            (file, f.code.clone(), check)
        })
        .collect()
}

#[test]
fn settings_package_is_evaluated_per_effective_module() {
    let report = scan(&[package()], &dj_options());
    assert!(report.errors.is_empty(), "{:?}", report.errors);
    let got = ids(&report);
    let expected: BTreeSet<(String, String, String)> = [
        // production.py over base.py: HSTS preload off, CSRF cookie from an env default "0".
        ("production.py", "DJ021", "security.W021"),
        ("production.py", "DJ016", "security.W016"),
        // staging.py over production.py (absolute import): DEBUG defaults to true.
        ("staging.py", "DJ016", "security.W016"),
        ("staging.py", "DJ018", "security.W018"),
    ]
    .iter()
    .map(|(a, b, c)| (a.to_string(), b.to_string(), c.to_string()))
    .collect();
    assert_eq!(got, expected);
    // base.py (star-imported by its siblings), dev.py (a development module) and
    // hardened.py (everything fixed) report nothing.
    for quiet in ["base.py", "dev.py", "hardened.py", "__init__.py"] {
        assert!(
            !got.iter().any(|(f, _, _)| f == quiet),
            "{quiet} should be silent"
        );
    }
}

#[test]
fn inherited_values_point_at_the_import_and_name_their_origin() {
    let report = scan(&[package()], &dj_options());
    let staging_csrf = report
        .findings
        .iter()
        .find(|f| {
            f.code == "DJ016"
                && f.location
                    .path
                    .as_deref()
                    .unwrap_or("")
                    .ends_with("staging.py")
        })
        .expect("staging inherits production's CSRF_COOKIE_SECURE");
    // Reported on the `from shop.settings.production import *` line of staging.py.
    assert_eq!(staging_csrf.location.line(), Some(4));
    assert!(
        staging_csrf.message.contains("production.py:16"),
        "{}",
        staging_csrf.message
    );
    assert!(
        staging_csrf
            .message
            .contains("environment variable CSRF_COOKIE_SECURE"),
        "{}",
        staging_csrf.message
    );
    let snapshot: String = report
        .findings
        .iter()
        .map(|f| {
            format!(
                "{}:{} {} [{}] {}\n",
                f.location
                    .path
                    .as_deref()
                    .unwrap_or("")
                    .rsplit('/')
                    .next()
                    .unwrap_or(""),
                f.location.line().unwrap_or(0),
                f.code,
                f.metadata
                    .get("django_check")
                    .and_then(|v| v.as_str())
                    .unwrap_or("-"),
                f.message
            )
        })
        .collect();
    insta::assert_snapshot!(snapshot);
}

#[test]
fn a_base_module_alone_is_checked_when_nothing_imports_it() {
    // Checked as a single file (no package around it), base.py is a settings module and
    // shows everything it leaves insecure.
    let path = package().join("shop/settings/base.py");
    let source = std::fs::read_to_string(&path).expect("fixture");
    let findings = pyward_code::check_source("base.py", &source, &dj_options());
    let checks: BTreeSet<String> = findings
        .iter()
        .filter_map(|f| f.metadata.get("django_check")?.as_str().map(str::to_string))
        .collect();
    let expected: BTreeSet<String> = [
        "security.W004",
        "security.W008",
        "security.W009",
        "security.W012",
        "security.W016",
        "security.W018",
        "security.W020",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    assert_eq!(checks, expected);
    // The secret is never shown in full.
    let w009 = findings
        .iter()
        .find(|f| f.code == "DJ009")
        .expect("weak key");
    assert!(!w009.message.contains("3k#v9x"), "{}", w009.message);
}

#[test]
fn unresolvable_star_imports_make_missing_settings_unknown() {
    let source = "from somewhere_else import *\nMIDDLEWARE = []\nDEBUG = True\n";
    let findings = pyward_code::check_source("settings.py", source, &dj_options());
    let codes: Vec<&str> = findings.iter().map(|f| f.code.as_str()).collect();
    // Explicit values still count; defaults (ALLOWED_HOSTS, SECRET_KEY …) are unknown.
    assert_eq!(codes, ["DJ001", "DJ002", "DJ003", "DJ018"]);
}

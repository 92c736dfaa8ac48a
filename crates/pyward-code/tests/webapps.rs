//! The example web apps in `examples/webapps/`: every framework, auth and secret rule fires
//! on `vulnerable/`, and `hardened/` (the same apps fixed) has nothing at high severity.

use std::collections::BTreeSet;
use std::path::PathBuf;

use pyward_code::{CodeOptions, rules, scan};
use pyward_core::Severity;

const NEW_PREFIXES: &[&str] = &["DJ", "FL", "FA", "AUTH", "SEC"];

fn webapps() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../examples/webapps")
}

/// Default options plus secrets in text files (`deploy/config.yaml`, `deploy/Dockerfile`).
fn options() -> CodeOptions {
    CodeOptions {
        scan_text_files: true,
        ..CodeOptions::default()
    }
}

fn relative(path: &str) -> String {
    path.split("webapps/").nth(1).unwrap_or(path).to_string()
}

#[test]
fn every_new_rule_fires_on_the_vulnerable_apps() {
    let report = scan(&[webapps().join("vulnerable")], &options());
    assert!(report.errors.is_empty(), "{:?}", report.errors);
    let fired: BTreeSet<&str> = report.findings.iter().map(|f| f.code.as_str()).collect();
    let missing: Vec<&str> = rules()
        .iter()
        .map(|r| r.code)
        .filter(|c| NEW_PREFIXES.iter().any(|p| c.starts_with(p)))
        .filter(|c| !fired.contains(c))
        .collect();
    assert!(missing.is_empty(), "rules that never fire: {missing:?}");
    for (file, code) in [
        ("deploy/config.yaml", "SEC001"),
        ("deploy/config.yaml", "SEC002"),
        ("deploy/Dockerfile", "SEC001"),
    ] {
        assert!(
            report.findings.iter().any(|f| f.code == code
                && f.location
                    .path
                    .as_deref()
                    .is_some_and(|p| p.ends_with(file))),
            "no {code} in {file}"
        );
    }
    let snapshot: String = report
        .findings
        .iter()
        .filter(|f| NEW_PREFIXES.iter().any(|p| f.code.starts_with(p)))
        .map(|f| {
            format!(
                "{}:{} {} [{}] {}\n",
                relative(f.location.path.as_deref().unwrap_or("")),
                f.location.line().unwrap_or(0),
                f.code,
                f.severity,
                f.message
            )
        })
        .collect();
    insta::assert_snapshot!(snapshot);
}

#[test]
fn the_hardened_twin_has_nothing_at_high_severity() {
    let report = scan(&[webapps().join("hardened")], &options());
    assert!(report.errors.is_empty(), "{:?}", report.errors);
    assert!(report.inputs.len() >= 9, "{:?}", report.inputs);
    let high: Vec<String> = report
        .findings
        .iter()
        .filter(|f| f.severity >= Severity::High)
        .map(|f| {
            format!(
                "{}:{} {} {}",
                relative(f.location.path.as_deref().unwrap_or("")),
                f.location.line().unwrap_or(0),
                f.code,
                f.message
            )
        })
        .collect();
    assert!(
        high.is_empty(),
        "high-severity findings:\n{}",
        high.join("\n")
    );
    // No Django deployment finding at all on the hardened settings.
    let dj: Vec<&str> = report
        .findings
        .iter()
        .filter(|f| f.code.starts_with("DJ"))
        .map(|f| f.code.as_str())
        .collect();
    assert!(dj.is_empty(), "{dj:?}");
}

//! False-positive measurement of the framework, auth and secret rules on a large real
//! codebase. Set `PYWARD_FP_CORPUS=/path/to/django-5.2.x` (an unpacked sdist) to run it; it
//! prints every finding and fails when the secret rules report more than
//! `PYWARD_FP_MAX` (default 3) findings.

use std::collections::BTreeMap;
use std::path::PathBuf;

use pyward_code::{CodeOptions, scan};
use pyward_core::RuleSelector;

#[test]
fn secrets_and_framework_rules_are_quiet_on_real_code() {
    let Some(corpus) = std::env::var_os("PYWARD_FP_CORPUS") else {
        println!(
            "SKIP: set PYWARD_FP_CORPUS to an unpacked sdist (e.g. django-5.2.19) to measure false positives"
        );
        return;
    };
    let opts = CodeOptions {
        selector: RuleSelector::new(
            ["DJ", "FL", "FA", "AUTH", "SEC"]
                .iter()
                .map(|s| s.to_string())
                .collect(),
            Vec::new(),
        ),
        ..CodeOptions::default()
    };
    let report = scan(&[PathBuf::from(corpus)], &opts);
    let mut per_code: BTreeMap<&str, usize> = BTreeMap::new();
    for f in &report.findings {
        *per_code.entry(f.code.as_str()).or_default() += 1;
        println!("{} {} {}", f.location.display(), f.code, f.message);
    }
    println!(
        "files: {}, findings per rule: {per_code:?}",
        report.inputs.len()
    );
    let secrets: usize = per_code
        .iter()
        .filter(|(c, _)| c.starts_with("SEC"))
        .map(|(_, n)| n)
        .sum();
    let max: usize = std::env::var("PYWARD_FP_MAX")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(3);
    assert!(
        secrets <= max,
        "{secrets} secret findings on real code (max {max})"
    );
}

//! One fixture per rule under `resources/test/fixtures/<CODE>.py`. Lines marked `# error` must
//! have a finding of that rule, lines marked `# ok` must have none; the findings are also
//! snapshotted.

use std::collections::BTreeSet;
use std::path::PathBuf;

use pyward_code::{CodeOptions, check_source, rules};
use pyward_core::RuleSelector;

fn fixture_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("resources/test/fixtures")
}

fn options_for(code: &str) -> CodeOptions {
    let mut select = vec![code.to_string()];
    let mut opts = CodeOptions::default();
    if code == "PY001" {
        // Unused suppressions only mean something next to rules that can be suppressed.
        select.extend(["PY101".to_string(), "PY102".to_string()]);
        opts.report_unused_suppressions = true;
    }
    opts.selector = RuleSelector::new(select, Vec::new());
    opts
}

#[test]
fn every_rule_has_a_fixture_that_behaves() {
    let mut failures = Vec::new();
    for rule in rules() {
        let path = fixture_dir().join(format!("{}.py", rule.code));
        let source = std::fs::read_to_string(&path)
            .unwrap_or_else(|e| panic!("missing fixture {}: {e}", path.display()));
        let display = format!("{}.py", rule.code);
        let findings = check_source(&display, &source, &options_for(rule.code));
        let own: Vec<_> = findings.iter().filter(|f| f.code == rule.code).collect();
        let lines_with: BTreeSet<u32> = own.iter().filter_map(|f| f.location.line()).collect();
        let mut errors = 0;
        for (i, line) in source.lines().enumerate() {
            let n = i as u32 + 1;
            if line.trim_end().ends_with("# error") {
                errors += 1;
                if !lines_with.contains(&n) {
                    failures.push(format!(
                        "{}:{n}: expected a {} finding: {line}",
                        display, rule.code
                    ));
                }
            } else if line.trim_end().ends_with("# ok") && lines_with.contains(&n) {
                failures.push(format!(
                    "{}:{n}: unexpected {} finding: {line}",
                    display, rule.code
                ));
            }
        }
        assert!(errors > 0, "{display} has no `# error` case");
        let snapshot: String = findings
            .iter()
            .map(|f| {
                let span = f.location.span.expect("code findings have spans");
                format!(
                    "{}:{} {} [{}/{}] {}\n",
                    span.start.line, span.start.column, f.code, f.severity, f.confidence, f.message
                )
            })
            .collect();
        insta::assert_snapshot!(rule.code, snapshot);
    }
    assert!(
        failures.is_empty(),
        "fixture mismatches:\n{}",
        failures.join("\n")
    );
}

#[test]
fn registry_is_complete_and_consistent() {
    let all = rules();
    // No rule count to bump: every rule has a fixture (checked above) and every fixture a rule.
    let codes: BTreeSet<&str> = all.iter().map(|r| r.code).collect();
    let mut orphans = Vec::new();
    for entry in std::fs::read_dir(fixture_dir()).expect("fixture dir") {
        let path = entry.expect("dir entry").path();
        let stem = path
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or_default();
        if path.extension().is_some_and(|e| e == "py") && !codes.contains(stem) {
            orphans.push(path.display().to_string());
        }
    }
    assert!(orphans.is_empty(), "fixtures without a rule: {orphans:?}");
    let names: BTreeSet<&str> = all.iter().map(|r| r.name).collect();
    assert_eq!(names.len(), all.len(), "rule names are unique");
    let bandit: BTreeSet<_> = all.iter().filter_map(|r| r.bandit_id).collect();
    // Every current Bandit check.
    let expected = "B101 B102 B103 B104 B105 B106 B107 B108 B110 B112 B113 B201 B202 \
        B301 B302 B303 B304 B305 B306 B307 B308 B310 B311 B312 B313 B314 B315 B316 B317 B318 \
        B319 B321 B323 B324 B401 B402 B403 B404 B405 B406 B407 B408 B409 B411 B412 B413 B415 \
        B501 B502 B503 B504 B505 B506 B507 B508 B509 B601 B602 B603 B604 B605 B606 B607 B608 \
        B609 B610 B611 B612 B613 B614 B615 B701 B702 B703 B704";
    let expected: BTreeSet<_> = expected.split_whitespace().collect();
    assert_eq!(bandit, expected);
    let mut seen = BTreeSet::new();
    for r in all {
        assert!(seen.insert(r.code), "duplicate code {}", r.code);
        assert_eq!(r.analyzer, "code");
        assert!(
            r.name
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'),
            "{}",
            r.name
        );
        if let Some(b) = r.bandit_id {
            assert_eq!(&r.code[2..], &b[1..], "{} should mirror {}", r.code, b);
        }
        let doc = r.doc_text();
        for section in [
            "## What it does",
            "## Why is this bad?",
            "## Example",
            "## Use instead",
            "## References",
        ] {
            assert!(doc.contains(section), "{} docs lack {section}", r.code);
        }
        if let Some(cwe) = r.cwe {
            assert!(
                doc.contains(&format!("CWE-{cwe}")),
                "{} docs lack its CWE",
                r.code
            );
        }
    }
    assert!(
        all.windows(2).all(|w| w[0].code < w[1].code),
        "sorted by code"
    );
}

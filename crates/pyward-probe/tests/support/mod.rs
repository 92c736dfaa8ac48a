//! Shared by the probe's integration tests: running the analyzer over URLs.

#![allow(dead_code)]

use std::time::Duration;

use pyward_core::testpaths::TestPaths;
use pyward_core::{Analyzer, Inventory, NoProgress, ProjectConfig, Report, Scope, Severity};
use pyward_probe::{ProbeAnalyzer, ProbeOptions};

pub fn probe(urls: &[String], timeout: Duration) -> Report {
    let analyzer = ProbeAnalyzer {
        urls: urls.to_vec(),
        options: ProbeOptions {
            timeout,
            ..ProbeOptions::default()
        },
    };
    let inventory = Inventory::default();
    let config = ProjectConfig::default();
    let test_paths = TestPaths::default();
    let scope = Scope {
        paths: &[],
        inventory: &inventory,
        config: &config,
        select: &[],
        ignore: &[],
        test_paths: &test_paths,
        include_tests: false,
        fail_on_empty: false,
        progress: &NoProgress,
    };
    analyzer.run(&scope)
}

/// `CODE [severity] message` lines, for assertions with a readable failure.
pub fn lines(report: &Report) -> Vec<String> {
    report
        .findings
        .iter()
        .map(|f| format!("{} [{:?}] {}", f.code, f.severity, f.message))
        .collect()
}

pub fn has(report: &Report, code: &str, needle: &str) -> bool {
    report
        .findings
        .iter()
        .any(|f| f.code == code && f.message.contains(needle))
}

pub fn high_or_above(report: &Report) -> Vec<String> {
    report
        .findings
        .iter()
        .filter(|f| f.severity >= Severity::High)
        .map(|f| format!("{} {}", f.code, f.message))
        .collect()
}

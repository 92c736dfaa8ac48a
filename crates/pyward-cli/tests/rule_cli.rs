//! `pyward rule`, exit codes of argument errors, colour and broken pipes.

mod common;

use std::io::Read;
use std::process::Stdio;

use common::{pyward, run};

#[test]
fn lists_rules_and_explains_one() {
    let out = run(pyward().arg("rule"));
    assert_eq!(out.code, 0);
    insta::assert_snapshot!("rule_list", out.stdout);
    let out = run(pyward().args(["rule", "vulnerable-dependency"]));
    assert_eq!(out.code, 0);
    for section in [
        "## What it does",
        "## Why is this bad?",
        "## Example",
        "## Use instead",
        "## References",
        "CWE-1395",
    ] {
        assert!(out.stdout.contains(section), "missing {section}");
    }
    let out = run(pyward().args(["rule", "DEP001", "--format", "json"]));
    let v: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(v["name"], "vulnerable-dependency");
    assert_eq!(v["cwe"], 1395);
}

#[test]
fn unknown_rule_and_bad_arguments_exit_2() {
    let out = run(pyward().args(["rule", "NOPE999"]));
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("NOPE999"));
    let out = run(pyward().args(["deps", "--format", "yaml"]));
    assert_eq!(out.code, 2);
    let out = run(pyward().args(["deps", "--fail-on", "urgent"]));
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("urgent"));
}

#[test]
fn no_colour_unless_asked() {
    let out = run(pyward().arg("rule"));
    assert!(!out.stdout.contains('\x1b'));
}

#[test]
fn closed_pipe_is_not_an_error() {
    let mut child = pyward()
        .arg("rule")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let status = child.wait().unwrap();
    let mut stderr = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut stderr)
        .unwrap();
    assert_eq!(status.code(), Some(0), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
}

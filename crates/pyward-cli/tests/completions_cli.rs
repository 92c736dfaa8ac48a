//! `pyward completions SHELL` and `pyward man`, generated from the argument definitions.

mod common;

use std::process::{Command, Stdio};

use assert_cmd::prelude::*;
use clap::CommandFactory;
use predicates::prelude::*;

use common::pyward;

/// Every subcommand name, from the definitions themselves.
fn subcommands() -> Vec<String> {
    let cli = pyward_cli::args::Cli::command();
    let names: Vec<String> = cli
        .get_subcommands()
        .map(|c| c.get_name().to_string())
        .collect();
    for expected in [
        "scan",
        "deps",
        "code",
        "config",
        "db",
        "rule",
        "init",
        "completions",
        "man",
    ] {
        assert!(names.iter().any(|n| n == expected), "{expected}: {names:?}");
    }
    names
}

fn stdout_of(args: &[&str]) -> String {
    let out = pyward().args(args).assert().code(0).get_output().clone();
    String::from_utf8(out.stdout).expect("utf-8")
}

/// Whether `tool` is installed; says SKIP when it is not.
fn have(tool: &str) -> bool {
    let found = Command::new(tool)
        .arg("--version")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok();
    if !found {
        eprintln!("SKIP: {tool} is not installed");
    }
    found
}

/// Checks `script` with `tool args… FILE` (a syntax check that runs nothing).
fn syntax_ok(tool: &str, args: &[&str], script: &str) {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("pyward.completion");
    std::fs::write(&file, script).unwrap();
    Command::new(tool).args(args).arg(&file).assert().success();
}

#[test]
fn bash_completion_covers_every_subcommand_and_parses() {
    let script = stdout_of(&["completions", "bash"]);
    for name in subcommands() {
        assert!(script.contains(&name), "bash completion lacks `{name}`");
    }
    assert!(script.contains("complete -F"), "{script}");
    // `bash` is on every machine pyward is built on (CI runs in it).
    syntax_ok("bash", &["-n"], &script);
}

#[test]
fn other_shells_generate_scripts() {
    for shell in ["zsh", "fish", "powershell", "elvish"] {
        let script = stdout_of(&["completions", shell]);
        assert!(
            script.contains("pyward") && script.contains("init"),
            "{shell}"
        );
    }
    if have("zsh") {
        syntax_ok("zsh", &["-n"], &stdout_of(&["completions", "zsh"]));
    }
    if have("fish") {
        syntax_ok(
            "fish",
            &["--no-execute"],
            &stdout_of(&["completions", "fish"]),
        );
    }
    pyward()
        .args(["completions", "tcsh"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("invalid value 'tcsh'"));
}

#[test]
fn man_page_lists_every_subcommand() {
    let page = stdout_of(&["man"]);
    assert!(page.contains(".TH pyward 1"), "{page}");
    for name in subcommands() {
        assert!(
            page.contains(&format!("pyward\\-{name}")),
            "man page lacks `{name}`"
        );
    }
    // man-db answers `man --version` with `man 2.x`; a minimized system's stub does not.
    let man_db = Command::new("man")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success() && o.stdout.starts_with(b"man "));
    if man_db {
        // `man -l` renders the page; it must not complain about the roff.
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("pyward.1");
        std::fs::write(&file, &page).unwrap();
        let out = Command::new("man")
            .arg("-l")
            .arg(&file)
            .env("MANPAGER", "cat")
            .env("MANWIDTH", "100")
            .output()
            .expect("man -l");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(text.contains("pyward-init"), "{text}");
    } else {
        eprintln!("SKIP: man-db is not installed (page rendering not checked)");
    }
}

#[test]
fn man_dir_writes_one_page_per_command() {
    let dir = tempfile::tempdir().unwrap();
    let out_dir = dir.path().join("man1");
    pyward()
        .args(["man", "--dir"])
        .arg(&out_dir)
        .assert()
        .code(0)
        .stdout(predicate::str::contains("pyward-scan.1"));
    let mut pages: Vec<String> = std::fs::read_dir(&out_dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    pages.sort();
    let mut expected = vec!["pyward.1".to_string()];
    for name in subcommands() {
        expected.push(format!("pyward-{name}.1"));
    }
    for sub in ["update", "info", "serve"] {
        expected.push(format!("pyward-db-{sub}.1"));
    }
    expected.sort();
    assert_eq!(pages, expected);
    let scan = std::fs::read_to_string(out_dir.join("pyward-scan.1")).unwrap();
    assert!(scan.contains(".TH pyward-scan 1"), "{scan}");
    assert!(scan.contains("fail\\-on"), "{scan}");
}

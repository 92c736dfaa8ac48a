//! `pyward init`: the starter config, pre-commit entry and workflow, written without losing
//! what a project already has.

mod common;

use std::path::Path;

use assert_cmd::prelude::*;
use predicates::prelude::*;
use pyward_core::{ProjectConfig, Severity};
use serde_json::Value;

use common::pyward;

const VERSION: &str = env!("CARGO_PKG_VERSION");

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn yaml(path: &Path) -> Value {
    serde_saphyr::from_str(&read(path)).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The configuration pyward itself would load from DIR/pyproject.toml, with no errors.
fn load_config(dir: &Path) -> ProjectConfig {
    let config = ProjectConfig::load(&dir.join("pyproject.toml")).expect("loads");
    assert!(config.errors.is_empty(), "{:?}", config.errors);
    assert!(config.warnings.is_empty(), "{:?}", config.warnings);
    config
}

fn hook_ids(repo: &Value) -> Vec<&str> {
    repo["hooks"]
        .as_array()
        .expect("hooks")
        .iter()
        .map(|h| h["id"].as_str().expect("id"))
        .collect()
}

#[test]
fn fresh_directory_gets_all_three_files() {
    let dir = tempfile::tempdir().unwrap();
    pyward()
        .arg("init")
        .arg(dir.path())
        .assert()
        .code(0)
        .stdout(predicate::str::contains("with [tool.pyward]"))
        .stdout(predicate::str::contains(".pre-commit-config.yaml"))
        .stdout(predicate::str::contains(".github/workflows/pyward.yml"));

    let config = load_config(dir.path());
    assert_eq!(config.fail_on, Some(Severity::Medium));

    let pre_commit = yaml(&dir.path().join(".pre-commit-config.yaml"));
    let repos = pre_commit["repos"].as_array().expect("repos list");
    assert_eq!(repos.len(), 1);
    assert_eq!(repos[0]["repo"], "https://github.com/pyward/pyward");
    assert_eq!(repos[0]["rev"], format!("v{VERSION}"));
    assert_eq!(
        hook_ids(&repos[0]),
        ["pyward-code", "pyward-deps", "pyward-config"]
    );

    let workflow = yaml(&dir.path().join(".github/workflows/pyward.yml"));
    let steps = workflow["jobs"]["pyward"]["steps"]
        .as_array()
        .expect("steps");
    let action = steps
        .iter()
        .find(|s| s["uses"].as_str().is_some_and(|u| u.starts_with("pyward/")))
        .expect("a step using the pyward action");
    assert_eq!(action["uses"], format!("pyward/pyward@v{VERSION}"));
    // Only inputs the action declares.
    for input in action["with"].as_object().expect("with").keys() {
        assert!(
            ["paths", "fail-on", "sarif-file", "upload"].contains(&input.as_str()),
            "{input}"
        );
    }
    assert_eq!(
        workflow["jobs"]["pyward"]["permissions"]["security-events"],
        "write"
    );
}

#[test]
fn existing_pyproject_is_kept_byte_for_byte() {
    let dir = tempfile::tempdir().unwrap();
    let original = "# My project  \n[project]\nname    =   \"shop\"   # the name\nversion = '1.0'\ndependencies = [\n  \"flask==2.0.1\",   # pinned\n\n  \"requests\" ,\n]\n\n\n[tool.black]   # formatter\nline-length=99\n# trailing comment, no newline at the end";
    std::fs::write(dir.path().join("pyproject.toml"), original).unwrap();
    pyward()
        .args(["init", "--no-pre-commit", "--no-ci"])
        .current_dir(dir.path())
        .assert()
        .code(0)
        .stdout(predicate::str::contains("added [tool.pyward] to"));
    let text = read(&dir.path().join("pyproject.toml"));
    let (kept, added) = text.split_at(original.len());
    assert_eq!(kept, original);
    assert_eq!(
        added,
        format!("\n\n{}", pyward_core::starter::STARTER_SECTION)
    );
    load_config(dir.path());
    assert!(!dir.path().join(".pre-commit-config.yaml").exists());
    assert!(!dir.path().join(".github").exists());
}

#[test]
fn existing_section_is_kept_without_force_and_replaced_with_it() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("pyproject.toml");
    let original = "[project]\nname = \"shop\"\n\n# ours\n[tool.pyward]\nfail-on = \"critical\"\n\n[tool.ruff]  # lint\nline-length = 100\n\n[tool.pyward.deps]\nplatform = \"linux\"\n";
    std::fs::write(&path, original).unwrap();
    pyward()
        .args(["init", "--no-pre-commit", "--no-ci"])
        .current_dir(dir.path())
        .assert()
        .code(0)
        .stdout(predicate::str::contains(
            "kept pyproject.toml: it already has [tool.pyward] (--force replaces it)",
        ));
    assert_eq!(read(&path), original);

    pyward()
        .args(["init", "--no-pre-commit", "--no-ci", "--force"])
        .current_dir(dir.path())
        .assert()
        .code(0)
        .stdout(predicate::str::contains("replaced [tool.pyward] in"));
    let text = read(&path);
    assert_eq!(
        text,
        format!(
            "[project]\nname = \"shop\"\n\n{}\n[tool.ruff]  # lint\nline-length = 100\n",
            pyward_core::starter::STARTER_SECTION
        )
    );
    let config = load_config(dir.path());
    assert_eq!(config.fail_on, Some(Severity::Medium));
}

#[test]
fn existing_pre_commit_config_gets_an_entry_appended() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(".pre-commit-config.yaml");
    let original = "# hooks\ndefault_stages: [pre-commit]\nrepos:\n- repo: https://github.com/astral-sh/ruff-pre-commit\n  rev: v0.6.0\n  hooks:\n  - id: ruff\n\nci:\n  autoupdate_schedule: monthly\n";
    std::fs::write(&path, original).unwrap();
    pyward()
        .args(["init", "--no-ci"])
        .current_dir(dir.path())
        .assert()
        .code(0)
        .stdout(predicate::str::contains(
            "added pyward's pre-commit hooks to",
        ));
    let text = read(&path);
    assert!(
        text.starts_with(
            "# hooks\ndefault_stages: [pre-commit]\nrepos:\n- repo: https://github.com/astral-sh/ruff-pre-commit\n  rev: v0.6.0\n  hooks:\n  - id: ruff\n- repo: https://github.com/pyward/pyward\n"
        ),
        "{text}"
    );
    assert!(
        text.ends_with("\nci:\n  autoupdate_schedule: monthly\n"),
        "{text}"
    );
    let doc = yaml(&path);
    let repos = doc["repos"].as_array().unwrap();
    assert_eq!(repos.len(), 2);
    assert_eq!(hook_ids(&repos[0]), ["ruff"]);
    assert_eq!(
        hook_ids(&repos[1]),
        ["pyward-code", "pyward-deps", "pyward-config"]
    );
    assert_eq!(doc["ci"]["autoupdate_schedule"], "monthly");

    // A second run keeps it; --force replaces pyward's entry in place.
    pyward()
        .args(["init", "--no-ci"])
        .current_dir(dir.path())
        .assert()
        .code(0)
        .stdout(predicate::str::contains(
            "kept .pre-commit-config.yaml: it already has pyward's pre-commit hooks",
        ));
    assert_eq!(read(&path), text);
    pyward()
        .args(["init", "--no-ci", "--force"])
        .current_dir(dir.path())
        .assert()
        .code(0);
    assert_eq!(read(&path), text);
}

#[test]
fn a_file_that_cannot_be_edited_is_an_error_and_the_rest_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let pre_commit = dir.path().join(".pre-commit-config.yaml");
    std::fs::write(&pre_commit, "repos: []\n").unwrap();
    pyward()
        .arg("init")
        .current_dir(dir.path())
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "has no top-level block list `repos:` to append to",
        ))
        .stderr(predicate::str::contains("- id: pyward-code"))
        .stdout(predicate::str::contains("with [tool.pyward]"))
        .stdout(predicate::str::contains("with the pyward workflow"));
    assert_eq!(read(&pre_commit), "repos: []\n");

    // Invalid TOML is left alone.
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("pyproject.toml"), "[project\n").unwrap();
    pyward()
        .args(["init", "--no-ci", "--no-pre-commit"])
        .current_dir(dir.path())
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "is not valid TOML, left unchanged",
        ));
    assert_eq!(read(&dir.path().join("pyproject.toml")), "[project\n");

    pyward()
        .arg("init")
        .arg(dir.path().join("missing"))
        .assert()
        .code(2)
        .stderr(predicate::str::contains("is not a directory"));
}

#[test]
fn existing_workflow_and_pyward_toml_are_kept() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("pyward.toml"), "fail-on = \"high\"\n").unwrap();
    let workflow = dir.path().join(".github/workflows/pyward.yml");
    std::fs::create_dir_all(workflow.parent().unwrap()).unwrap();
    std::fs::write(&workflow, "name: mine\n").unwrap();
    pyward()
        .args(["init", "--no-pre-commit"])
        .current_dir(dir.path())
        .assert()
        .code(0)
        .stdout(predicate::str::contains(
            "pyward.toml: pyward reads it before",
        ))
        .stdout(predicate::str::contains(
            "kept .github/workflows/pyward.yml: it already has the pyward workflow",
        ));
    assert!(!dir.path().join("pyproject.toml").exists());
    assert_eq!(read(&workflow), "name: mine\n");
    pyward()
        .args(["init", "--no-pre-commit", "--force"])
        .current_dir(dir.path())
        .assert()
        .code(0);
    assert!(read(&workflow).contains(&format!("uses: pyward/pyward@v{VERSION}")));
    assert!(!dir.path().join("pyproject.toml").exists());
}

#[test]
fn scan_uses_the_written_config() {
    let dir = tempfile::tempdir().unwrap();
    pyward().arg("init").arg(dir.path()).assert().code(0);
    // A low finding passes `fail-on = "medium"`…
    std::fs::write(dir.path().join("app.py"), "import subprocess\n").unwrap();
    pyward()
        .current_dir(dir.path())
        .args(["scan", "--skip", "deps", "-f", "concise"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("[low]"))
        .stdout(predicate::str::contains("Config: pyproject.toml"));
    // …a medium one fails it.
    std::fs::write(
        dir.path().join("app.py"),
        "import subprocess\nx = eval(input())\n",
    )
    .unwrap();
    pyward()
        .current_dir(dir.path())
        .args(["scan", "--skip", "deps", "-f", "concise"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains("PY307 [medium]"));
}

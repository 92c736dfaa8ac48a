//! Helpers shared by the CLI integration tests.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

/// The shared test data directory (`PYWARD_SHARED`, or `../shared` beside the repository).
/// Returns `None` (after saying so) when it is absent, unless `PYWARD_REQUIRE_SHARED=1`.
pub fn shared() -> Option<PathBuf> {
    let candidate = std::env::var_os("PYWARD_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| repo_root().join("../shared"));
    if candidate.join("advisory-db").is_dir() {
        return Some(candidate);
    }
    if std::env::var("PYWARD_REQUIRE_SHARED").as_deref() == Ok("1") {
        panic!(
            "PYWARD_REQUIRE_SHARED=1 but the shared data is missing at {}",
            candidate.display()
        );
    }
    eprintln!(
        "SKIP: shared data not found at {} (set PYWARD_SHARED)",
        candidate.display()
    );
    None
}

/// Whether tests that drive real external tools (uv, pip-audit…) should run.
pub fn real_tools() -> bool {
    if std::env::var("PYWARD_REAL_TOOLS").as_deref() == Ok("1") {
        return true;
    }
    eprintln!("SKIP: set PYWARD_REAL_TOOLS=1 to run tests that drive uv, pip-audit and others");
    false
}

pub fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

pub fn manifest_fixtures() -> PathBuf {
    repo_root().join("crates/pyward-manifest/tests/fixtures")
}

pub fn bin() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_pyward"))
}

/// A `pyward` command with a clean, deterministic environment.
pub fn pyward() -> Command {
    let mut cmd = Command::new(bin());
    cmd.env_remove("PYWARD_DB").env("NO_COLOR", "1").env(
        "XDG_CACHE_HOME",
        std::env::temp_dir().join("pyward-test-no-cache"),
    );
    cmd
}

/// An advisory database built once per test binary from the shared `all.zip`.
pub fn database() -> Option<PathBuf> {
    static DB: OnceLock<Option<PathBuf>> = OnceLock::new();
    DB.get_or_init(|| {
        let shared = shared()?;
        let dir = tempfile::tempdir().expect("tempdir").keep();
        let db = dir.join("advisory.db");
        let out = pyward()
            .args(["db", "update", "--quiet", "--from"])
            .arg(shared.join("advisory-db/osv-pypi-all.zip"))
            .arg("--db")
            .arg(&db)
            .output()
            .expect("run pyward db update");
        assert!(
            out.status.success(),
            "db update failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        Some(db)
    })
    .clone()
}

pub struct Output {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

pub fn run(cmd: &mut Command) -> Output {
    let out = cmd.output().expect("run pyward");
    Output {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// Masks what changes from day to day (the database's age) so snapshots are stable.
pub fn stable(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for line in text.lines() {
        if line.contains("the advisory database is") && line.contains("days old") {
            out.push_str("warning: the advisory database is [AGE] days old");
        } else {
            out.push_str(line);
        }
        out.push('\n');
    }
    out
}

/// The tests run as root (the host tests need network namespaces and `runuser`).
pub fn is_root() -> bool {
    std::fs::read_to_string("/proc/self/status")
        .unwrap()
        .lines()
        .any(|l| l.starts_with("Uid:") && l.split_whitespace().nth(2) == Some("0"))
}

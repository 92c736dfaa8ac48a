//! Helpers shared by pyward-deps' integration tests.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

/// The shared test data directory (`PYWARD_SHARED`, or `../shared` beside the repository).
/// Returns `None` after printing a `SKIP:` line when it is absent, unless
/// `PYWARD_REQUIRE_SHARED=1`, in which case it panics.
pub fn shared() -> Option<PathBuf> {
    let candidate = std::env::var_os("PYWARD_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared"));
    if candidate.join("pypi").is_dir() {
        return Some(candidate);
    }
    if std::env::var("PYWARD_REQUIRE_SHARED").as_deref() == Ok("1") {
        panic!(
            "PYWARD_REQUIRE_SHARED=1 but the shared data is missing at {}",
            candidate.display()
        );
    }
    eprintln!(
        "SKIP: ../shared not found at {} (set PYWARD_SHARED)",
        candidate.display()
    );
    None
}

pub fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

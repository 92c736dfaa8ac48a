//! Which files are test code.
//!
//! On real projects nearly every Bandit-class finding sits in tests (asserts, fixture
//! passwords, `==` on tokens). Analyzers ask [`TestPaths::is_test`] to skip rules that make no
//! sense there and to hide the rest behind a count unless `--include-tests` is given.
//!
//! The default set ([`DEFAULT_TEST_PATTERNS`]) is documented in the README; `test-paths` in
//! `[tool.pyward]` replaces it and `extend-test-paths` adds to it.

use globset::{Glob, GlobSet, GlobSetBuilder};

/// Glob patterns (matched against the `/`-separated path relative to the scan root) that mark
/// test code, examples, development and CI files, and generated migrations by default: files
/// that are not deployed, whose findings are hidden (and counted) unless `--include-tests`.
pub const DEFAULT_TEST_PATTERNS: &[&str] = &[
    // Tests.
    "**/tests/**",
    "**/test/**",
    "**/testing/**",
    "**/e2e/**",
    "**/cypress/**",
    "**/playwright/**",
    "**/test_*.py",
    "**/*_test.py",
    "**/*_tests.py",
    "**/tests.py",
    "**/conftest.py",
    // Examples and documentation snippets.
    "**/examples/**",
    "**/example/**",
    "**/docs_src/**",
    // Development containers and CI definitions.
    "**/.devcontainer/**",
    "**/.ci/**",
    "**/.circleci/**",
    "**/.github/**",
    "**/.gitlab/**",
    // Development, CI and test variants of deployment files (`docker-compose.dev.yml`,
    // `compose.ci.yaml`, `docker-compose.ci-test.yml`, `compose.override.yml`,
    // `Dockerfile.test`, `requirements-dev.txt`).
    "**/*.dev.*",
    "**/*-dev.*",
    "**/*_dev.*",
    "**/*.ci.*",
    "**/*.ci-*",
    "**/*-ci.*",
    "**/*.test.*",
    "**/test-*",
    "**/*-test.*",
    "**/*-tests.*",
    "**/*.override.*",
    "**/Dockerfile.dev",
    "**/Dockerfile.test",
    "**/Dockerfile.ci",
    "**/Dockerfile.playwright",
    "**/Dockerfile.cypress",
    // Generated schema migrations.
    "**/migrations/**",
    "**/alembic/versions/**",
];

/// A compiled set of test-path patterns.
#[derive(Debug, Clone)]
pub struct TestPaths {
    set: GlobSet,
    patterns: Vec<String>,
}

/// An invalid glob in `test-paths`.
#[derive(Debug, thiserror::Error)]
#[error("invalid test-paths pattern `{pattern}`: {message}")]
pub struct PatternError {
    pub pattern: String,
    pub message: String,
}

impl TestPaths {
    /// Compiles `patterns`. A pattern without `/` matches a file or directory name at any depth
    /// (as in `.gitignore`); a pattern ending in `/` matches a directory and everything below.
    pub fn new<S: AsRef<str>>(patterns: &[S]) -> Result<TestPaths, PatternError> {
        let mut builder = GlobSetBuilder::new();
        let mut kept = Vec::new();
        for pattern in patterns {
            let pattern = pattern.as_ref().trim();
            if pattern.is_empty() {
                continue;
            }
            for expanded in expand(pattern) {
                let glob = Glob::new(&expanded).map_err(|e| PatternError {
                    pattern: pattern.to_string(),
                    message: e.kind().to_string(),
                })?;
                builder.add(glob);
            }
            kept.push(pattern.to_string());
        }
        let set = builder.build().map_err(|e| PatternError {
            pattern: kept.join(", "),
            message: e.to_string(),
        })?;
        Ok(TestPaths {
            set,
            patterns: kept,
        })
    }

    /// The default set.
    pub fn default_set() -> TestPaths {
        // The defaults are known-valid globs.
        TestPaths::new(DEFAULT_TEST_PATTERNS).unwrap_or_else(|_| TestPaths::none())
    }

    /// A set that matches nothing (`--include-tests`, `--profile bandit`).
    pub fn none() -> TestPaths {
        TestPaths {
            set: GlobSet::empty(),
            patterns: Vec::new(),
        }
    }

    /// The patterns as configured.
    pub fn patterns(&self) -> &[String] {
        &self.patterns
    }

    /// Whether `rel_path` (relative to the scan root, `/`-separated) is test code.
    pub fn is_test(&self, rel_path: &str) -> bool {
        if self.patterns.is_empty() {
            return false;
        }
        let rel = rel_path.trim_start_matches("./").trim_start_matches('/');
        self.set.is_match(rel)
    }
}

impl Default for TestPaths {
    fn default() -> Self {
        TestPaths::default_set()
    }
}

/// `name` → `**/name` and `**/name/**`; `dir/` → `**/dir/**` (or `dir/**` when anchored).
fn expand(pattern: &str) -> Vec<String> {
    if let Some(dir) = pattern.strip_suffix('/') {
        let dir = dir.trim_start_matches('/');
        if pattern.starts_with('/') || dir.contains('/') || dir.starts_with("**") {
            return vec![format!("{dir}/**")];
        }
        return vec![format!("**/{dir}/**")];
    }
    if pattern.contains('/') {
        return vec![pattern.trim_start_matches('/').to_string()];
    }
    vec![format!("**/{pattern}"), format!("**/{pattern}/**")]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults() {
        let t = TestPaths::default_set();
        for p in [
            "tests/test_views.py",
            "app/tests/factories.py",
            "pkg/test/helpers.py",
            "test_x.py",
            "a/b/models_test.py",
            "conftest.py",
            "app/tests.py",
            "src/pkg/testing/utils.py",
            ".devcontainer/docker-compose.yml",
            "docker/docker-compose.dev.yml",
            "docker/compose/docker-compose.ci-test.yml",
            "compose.override.yml",
            ".ci/compose.cypress.yaml",
            "frontend/Dockerfile.playwright",
            "requirements-dev.txt",
            "app/migrations/0001_initial.py",
            "docs_src/tutorial/app.py",
            "examples/demo/settings.py",
        ] {
            assert!(t.is_test(p), "{p}");
        }
        for p in [
            "app/views.py",
            "attestation.py",
            "contest.py",
            "latest/x.py",
            "tests_helper_data.json",
            "docker-compose.yml",
            "compose.deploy.yml",
            "docker/Dockerfile",
            "requirements.txt",
            "app/devices.py",
            "deploy/nginx.conf",
        ] {
            assert!(!t.is_test(p), "{p}");
        }
    }

    #[test]
    fn configured() {
        let t = TestPaths::new(&["spec/", "*_spec.py", "/qa/**"]).unwrap();
        assert!(t.is_test("a/spec/x.py"));
        assert!(t.is_test("a/x_spec.py"));
        assert!(t.is_test("qa/x.py"));
        assert!(!t.is_test("tests/x.py"));
        assert!(!TestPaths::none().is_test("tests/x.py"));
        assert!(TestPaths::new(&["[bad"]).is_err());
    }
}

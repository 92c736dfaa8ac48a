//! Hard-coded secret detection for the `SEC` rules and [`scan_text`], on top of the one
//! detector in `pyward-secrets` (re-exported here):
//! - provider formats ([`find_provider_secrets`]): AWS access key IDs, GitHub and GitLab
//!   tokens (GitHub's CRC32 checksum is verified), Slack tokens and webhooks, Stripe live
//!   keys, Google API keys, private key blocks, GCP service-account key files, JWTs and URLs
//!   with an embedded password;
//! - generic ([`is_generic_secret`]): a high-entropy literal assigned to a secret-like name.
//!
//! Secrets are never echoed: messages show [`redact`]ed values (first and last characters).

use std::sync::OnceLock;

use pyward_core::{Confidence, Finding, Location, Span};
use regex::Regex;

use pyward_secrets::secret_identity;
pub use pyward_secrets::{
    SecretMatch, entropy, find_provider_secrets, github_token_with_checksum,
    is_documentation_placeholder, is_generic_secret, is_random_secret as is_high_entropy_secret,
    is_secret_metadata_name, is_secret_name, redact,
};

use crate::CodeOptions;
use crate::rules::secrets::{sec001_provider_secret, sec002_generic_secret};

/// Whether a path is test code (a `tests`/`test` directory, `test_*.py`, `*_test.py`,
/// `conftest.py`): generic secrets there are test vectors, so [`is_generic_secret`] findings
/// are not reported in them (provider formats still are).
pub fn is_test_path(path: &str) -> bool {
    let mut parts = path.rsplit(['/', '\\']);
    let file = parts.next().unwrap_or(path);
    file.starts_with("test_")
        || file.ends_with("_test.py")
        || file.ends_with("_tests.py")
        || file == "conftest.py"
        || parts.any(|d| matches!(d, "tests" | "test" | "testing"))
}

fn generic_assignment_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        // NAME=value, NAME: value, "name": "value", ENV NAME=value, ARG NAME=value.
        Regex::new(
            r#"(?m)^\s*(?:export\s+|ENV\s+|ARG\s+|-\s+)?["']?([A-Za-z_][A-Za-z0-9_.-]*)["']?\s*[:=]\s*["']?([^\s"',#]{16,512})["']?\s*,?\s*$"#,
        )
        .unwrap_or_else(|_| unreachable!("static regex"))
    })
}

fn position(text: &str, offset: usize) -> (u32, u32) {
    let before = &text[..offset];
    let line = before.bytes().filter(|&b| b == b'\n').count() as u32 + 1;
    let col = before.rsplit('\n').next().unwrap_or("").chars().count() as u32 + 1;
    (line, col)
}

/// Scans a non-Python text file (`.env`, YAML, JSON, ini, Dockerfile …) for hard-coded
/// secrets: provider formats anywhere, and `NAME=value` / `name: value` lines with a
/// secret-like name and a high-entropy value. Honours the rule selector.
pub fn scan_text(path: &str, text: &str, opts: &CodeOptions) -> Vec<Finding> {
    let mut out = Vec::new();
    let provider = opts.selector.enabled(&sec001_provider_secret::RULE);
    let generic = opts.selector.enabled(&sec002_generic_secret::RULE);
    let found = find_provider_secrets(text);
    if provider {
        for m in &found {
            let (line, col) = position(text, m.start);
            let len = text[m.start..m.end].chars().count() as u32;
            let mut f = Finding::new(
                &sec001_provider_secret::RULE,
                sec001_provider_secret::message(m, &text[m.start..m.end]),
                Location::file(path, Some(Span::on_line(line, col, len))),
            );
            if !m.verified && m.kind == "GitHub token" {
                f.confidence = Confidence::Low;
            }
            out.push(
                f.with_meta("cwe", "CWE-798")
                    .with_secret(secret_identity(&text[m.start..m.end]), true),
            );
        }
    }
    if generic && !is_test_path(path) {
        for c in generic_assignment_re().captures_iter(text) {
            let (Some(name), Some(value)) = (c.get(1), c.get(2)) else {
                continue;
            };
            if found
                .iter()
                .any(|m| value.start() < m.end && m.start < value.end())
            {
                continue;
            }
            if is_generic_secret(name.as_str(), value.as_str()) {
                let (line, col) = position(text, value.start());
                out.push(
                    Finding::new(
                        &sec002_generic_secret::RULE,
                        sec002_generic_secret::message(name.as_str(), value.as_str()),
                        Location::file(
                            path,
                            Some(Span::on_line(
                                line,
                                col,
                                value.as_str().chars().count() as u32,
                            )),
                        ),
                    )
                    .with_meta("cwe", "CWE-798")
                    .with_secret(secret_identity(value.as_str()), false),
                );
            }
        }
    }
    out.sort_by(|a, b| {
        a.sort_key()
            .partial_cmp(&b.sort_key())
            .unwrap_or(std::cmp::Ordering::Equal)
    });
    out
}

//! Hard-coded secret detection shared by the `SEC` rules and [`scan_text`].
//!
//! Two detectors:
//! - provider formats ([`find_provider_secrets`]): AWS access key IDs, GitHub and GitLab
//!   tokens (GitHub's CRC32 checksum is verified), Slack tokens and webhooks, Stripe live
//!   keys, private key blocks, GCP service-account key files, JWTs (the header must decode to
//!   JSON with `alg`) and URLs with an embedded password;
//! - generic ([`is_generic_secret`]): a high-entropy literal assigned to a secret-like name.
//!
//! Secrets are never echoed: messages show [`redact`]ed values (first and last characters).

use std::sync::OnceLock;

use pyward_core::{Confidence, Finding, Location, Span};
use regex::Regex;

use crate::CodeOptions;
use crate::rules::secrets::{sec001_provider_secret, sec002_generic_secret};

/// `a…z (N chars)`: only the first and last characters of a secret, and nothing of one
/// shorter than 12 characters (two characters of a short password give too much away).
/// Every finding message that quotes a possibly secret value goes through this function.
pub fn redact(secret: &str) -> String {
    let n = secret.chars().count();
    if n < 12 {
        return format!("*** ({n} chars)");
    }
    let first = secret.chars().next().unwrap_or('*');
    let last = secret.chars().last().unwrap_or('*');
    format!("{first}…{last} ({n} chars)")
}

/// A provider-format secret found in a text.
#[derive(Debug, Clone, PartialEq)]
pub struct SecretMatch {
    /// What it is (`AWS access key ID`, `GitHub token` …).
    pub kind: &'static str,
    /// Byte range of the secret in the text.
    pub start: usize,
    pub end: usize,
    /// Whether a checksum or structure check confirmed it.
    pub verified: bool,
}

struct Pattern {
    kind: &'static str,
    re: Regex,
    check: fn(&str) -> Option<bool>,
}

fn always(_: &str) -> Option<bool> {
    Some(false)
}

fn patterns() -> &'static [Pattern] {
    static P: OnceLock<Vec<Pattern>> = OnceLock::new();
    P.get_or_init(|| {
        let p = |kind, re: &str, check| Pattern {
            kind,
            re: Regex::new(re).unwrap_or_else(|_| unreachable!("static regex")),
            check,
        };
        vec![
            p("AWS access key ID", r"\b(?:AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16}\b", aws_check),
            p("GitHub token", r"\bgh[pousr]_[A-Za-z0-9]{36}\b", github_check),
            p(
                "GitHub fine-grained token",
                r"\bgithub_pat_[A-Za-z0-9]{22}_[A-Za-z0-9]{59}\b",
                always,
            ),
            p("GitLab token", r"\bglpat-[A-Za-z0-9_-]{20,}", always),
            p("Slack token", r"\bxox[abposr]-[A-Za-z0-9-]{10,}", slack_check),
            p(
                "Slack webhook URL",
                r"https://hooks\.slack\.com/services/T[A-Z0-9]{6,}/B[A-Z0-9]{6,}/[A-Za-z0-9]{16,}",
                always,
            ),
            p("Stripe live key", r"\b[sr]k_live_[A-Za-z0-9]{20,}\b", always),
            p(
                "private key",
                r"-----BEGIN (?:RSA |DSA |EC |OPENSSH |ENCRYPTED |PGP )?PRIVATE KEY(?: BLOCK)?-----(?:\\n|[\r\n\s])+[A-Za-z0-9+/=\\\r\n\s:-]{64,}",
                always,
            ),
            p(
                "GCP service-account private key ID",
                r#""private_key_id"\s*:\s*"[0-9a-f]{40}""#,
                always,
            ),
            p(
                "JWT",
                r"\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{16,}",
                jwt_check,
            ),
            p(
                "URL with an embedded password",
                r#"\b[a-zA-Z][a-zA-Z0-9+.-]{1,20}://[^\s:@/'"]{1,64}:[^\s@/'"]{3,128}@[A-Za-z0-9.-]+"#,
                url_check,
            ),
        ]
    })
}

/// `None`: not a secret; `Some(verified)`.
fn aws_check(s: &str) -> Option<bool> {
    (!s.contains("EXAMPLE")).then_some(false)
}

fn slack_check(s: &str) -> Option<bool> {
    (s.chars().filter(char::is_ascii_digit).count() >= 6 && !s.contains("xxxx")).then_some(false)
}

/// CRC32 (IEEE) of `data`.
pub fn crc32(data: &[u8]) -> u32 {
    let mut crc = 0xFFFF_FFFFu32;
    for &b in data {
        crc ^= u32::from(b);
        for _ in 0..8 {
            crc = if crc & 1 != 0 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

fn base62(mut n: u32, width: usize) -> String {
    const ALPHABET: &[u8] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    let mut out = Vec::new();
    while n > 0 {
        out.push(ALPHABET[(n % 62) as usize]);
        n /= 62;
    }
    while out.len() < width {
        out.push(b'0');
    }
    out.reverse();
    String::from_utf8_lossy(&out).into_owned()
}

/// GitHub's classic tokens end with the base62 CRC32 of their 30 random characters.
fn github_check(s: &str) -> Option<bool> {
    let body = s.get(4..)?;
    let (random, sum) = body.split_at(30);
    Some(base62(crc32(random.as_bytes()), 6) == sum)
}

/// Builds a GitHub-style token with a valid checksum (tests and examples).
pub fn github_token_with_checksum(prefix: &str, random30: &str) -> String {
    format!(
        "{prefix}{random30}{}",
        base62(crc32(random30.as_bytes()), 6)
    )
}

fn b64url_decode(s: &str) -> Option<Vec<u8>> {
    let mut out = Vec::new();
    let (mut acc, mut bits) = (0u32, 0u32);
    for c in s.bytes() {
        let v = match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'-' | b'+' => 62,
            b'_' | b'/' => 63,
            b'=' => continue,
            _ => return None,
        };
        acc = (acc << 6) | u32::from(v);
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
            acc &= (1 << bits) - 1;
        }
    }
    Some(out)
}

fn jwt_check(s: &str) -> Option<bool> {
    let header = s.split('.').next()?;
    let bytes = b64url_decode(header)?;
    let text = String::from_utf8(bytes).ok()?;
    (text.trim_start().starts_with('{') && text.contains("\"alg\"")).then_some(true)
}

const PLACEHOLDERS: &[&str] = &[
    "example",
    "sample",
    "dummy",
    "fake",
    "xxxx",
    "your",
    "changeme",
    "change_me",
    "placeholder",
    "redacted",
    "password",
    "passwd",
    "secret",
    "pass",
    "pwd",
    "***",
    "...",
    "test",
    "user",
    "foo",
    "bar",
];

fn is_placeholder(value: &str) -> bool {
    let lower = value.to_ascii_lowercase();
    lower.starts_with(['$', '{', '<', '%', '*', '['])
        || lower.contains("{{")
        || PLACEHOLDERS.iter().any(|p| lower.contains(p))
}

fn url_check(s: &str) -> Option<bool> {
    let after_scheme = s.split_once("://")?.1;
    let (userinfo, host) = after_scheme.rsplit_once('@')?;
    let (user, password) = userinfo.split_once(':')?;
    // `postgres:postgres@…`: a default in documentation, not a credential.
    let user = user.rsplit('/').next().unwrap_or(user);
    if is_placeholder(password)
        || host.contains("example")
        || password.len() < 4
        || user == password
    {
        return None;
    }
    Some(false)
}

/// Documentation placeholders that have a provider's shape: AWS's `…EXAMPLE` keys,
/// `xoxb-xxxx…`, `sk_live_your_key_here`, `<token>`, `changeme`.
pub fn is_documentation_placeholder(secret: &str) -> bool {
    let lower = secret.to_ascii_lowercase();
    const WORDS: &[&str] = &[
        "example",
        "xxxx",
        "your_",
        "your-",
        "yourkey",
        "yourtoken",
        "_here",
        "-here",
        "changeme",
        "change_me",
        "change-me",
        "placeholder",
        "dummy",
        "redacted",
        "insert",
        "replace",
    ];
    WORDS.iter().any(|w| lower.contains(w)) || lower.contains(['<', '>'])
}

/// Every provider-format secret in `text`, documentation placeholders left out.
pub fn find_provider_secrets(text: &str) -> Vec<SecretMatch> {
    let mut out: Vec<SecretMatch> = Vec::new();
    for p in patterns() {
        for m in p.re.find_iter(text) {
            if out.iter().any(|o| m.start() < o.end && o.start < m.end()) {
                continue;
            }
            if is_documentation_placeholder(m.as_str()) {
                continue;
            }
            if let Some(verified) = (p.check)(m.as_str()) {
                out.push(SecretMatch {
                    kind: p.kind,
                    start: m.start(),
                    end: m.end(),
                    verified,
                });
            }
        }
    }
    out.sort_by_key(|m| m.start);
    out
}

/// Shannon entropy in bits per character.
pub fn entropy(s: &str) -> f64 {
    let mut counts = std::collections::HashMap::new();
    let mut n = 0usize;
    for c in s.chars() {
        *counts.entry(c).or_insert(0usize) += 1;
        n += 1;
    }
    if n == 0 {
        return 0.0;
    }
    counts
        .values()
        .map(|&c| {
            let p = c as f64 / n as f64;
            -p * p.log2()
        })
        .sum()
}

const SECRET_WORDS: &[&str] = &[
    "secret",
    "token",
    "apikey",
    "api_key",
    "access_key",
    "private_key",
    "auth_key",
    "password",
    "passwd",
    "credential",
    "signing_key",
    "encryption_key",
    "secret_key",
    "client_secret",
    "webhook_key",
    "master_key",
];
const NOT_SECRET_WORDS: &[&str] = &[
    "url",
    "uri",
    "path",
    "file",
    "name",
    "header",
    "field",
    "env",
    "length",
    "len",
    "type",
    "format",
    "prefix",
    "expire",
    "timeout",
    "ttl",
    "class",
    "backend",
    "salt",
    "pattern",
    "regex",
    "template",
    "kind",
    "label",
    "param",
    "cookie_name",
    "_id",
    "count",
    "min",
    "max",
    "algorithm",
    "scheme",
    "endpoint",
    "var",
    "setting",
    "key_func",
    "message",
    "error",
    "_dir",
    "limit",
    "size",
    "usage",
    "budget",
];

/// Whether `name` names something *about* a secret rather than the secret itself
/// (`password_reset_url`, `token_header`, `secret_file` …).
pub fn is_secret_metadata_name(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    NOT_SECRET_WORDS.iter().any(|w| lower.contains(w))
}

/// Whether `name` (a variable, attribute, keyword or key) names a secret.
pub fn is_secret_name(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    SECRET_WORDS.iter().any(|w| lower.contains(w))
        && !NOT_SECRET_WORDS.iter().any(|w| lower.contains(w))
}

/// Whether `value` looks like a real random secret rather than a word, path or placeholder.
pub fn is_high_entropy_secret(value: &str) -> bool {
    let n = value.chars().count();
    if !(16..=512).contains(&n) || value.chars().any(char::is_whitespace) {
        return false;
    }
    if value.contains("://") || value.starts_with('/') || is_placeholder(value) {
        return false;
    }
    let classes = [
        value.chars().any(|c| c.is_ascii_lowercase()),
        value.chars().any(|c| c.is_ascii_uppercase()),
        value.chars().any(|c| c.is_ascii_digit()),
        value.chars().any(|c| !c.is_ascii_alphanumeric()),
    ];
    let has_digit_or_upper = classes[1] || classes[2];
    let count = classes.iter().filter(|&&c| c).count();
    // Dotted module paths and identifiers are not secrets.
    let identifier_like = value
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '.' || c == '-')
        && !value.chars().any(|c| c.is_ascii_digit());
    has_digit_or_upper && count >= 2 && !identifier_like && entropy(value) >= 3.0
}

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

/// A generic secret: a secret-like name with a high-entropy literal value.
pub fn is_generic_secret(name: &str, value: &str) -> bool {
    is_secret_name(name) && is_high_entropy_secret(value)
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
            out.push(f.with_meta("cwe", "CWE-798"));
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
                    .with_meta("cwe", "CWE-798"),
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crc32_matches_the_standard_check_value() {
        assert_eq!(crc32(b"123456789"), 0xCBF4_3926);
    }

    #[test]
    fn redaction_keeps_only_the_ends() {
        assert_eq!(redact("AKIAZZZZZZZZZZZZZZZZ"), "A…Z (20 chars)");
        assert_eq!(redact("abc"), "*** (3 chars)");
    }

    #[test]
    fn github_checksum_is_verified() {
        let t = github_token_with_checksum("ghp_", "aB3dE5gH7jK9mN1pQ3sT5vW7yZ9bC1");
        assert_eq!(github_check(&t), Some(true));
        let mut bad = t.clone();
        bad.pop();
        bad.push('!');
        assert_eq!(github_check(&bad[..t.len()]), Some(false));
    }

    #[test]
    fn generic_secret_heuristics() {
        assert!(is_generic_secret("API_KEY", "9fQ2vX7LmA4tR8zK1pW3"));
        assert!(!is_generic_secret("API_KEY_HEADER", "9fQ2vX7LmA4tR8zK1pW3"));
        assert!(!is_generic_secret("SECRET_KEY", "change-me-in-production"));
        assert!(!is_generic_secret(
            "TOKEN_BACKEND",
            "django.contrib.auth.tokens"
        ));
        assert!(!is_generic_secret("token", "short"));
    }
}

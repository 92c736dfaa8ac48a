//! Provider formats: AWS access key IDs, GitHub and GitLab tokens (GitHub's CRC32 checksum is
//! verified), Slack tokens and webhooks, Stripe live keys, Google API keys, private key blocks,
//! GCP service-account key files, JWTs (the header must decode to JSON with `alg`) and URLs
//! with an embedded password.

use std::sync::OnceLock;

use regex::Regex;

use crate::placeholder::{is_documentation_placeholder, is_placeholder};

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
            p("Google API key", r"\bAIza[0-9A-Za-z_-]{35}\b", always),
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
pub(crate) fn github_check(s: &str) -> Option<bool> {
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

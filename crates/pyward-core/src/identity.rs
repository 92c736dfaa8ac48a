//! What makes a finding the same finding from one run to the next: stable fingerprints (for
//! SARIF `partialFingerprints`, the JSON `fingerprint` and baselines), the normalised source
//! snippet they hash, and the de-duplication of a secret reported by two analyzers.
//!
//! A fingerprint never hashes the message (a later pyward may reword it) nor the line number
//! (code moves). It hashes the rule code, the place (file, URL or host) and the package, then:
//! - for a dependency finding with an advisory, the advisory ID (not the version, so upgrading
//!   to another affected version keeps the identity);
//! - for a finding in a file whose text was seen ([`identify_in_source`]), the normalised
//!   snippet at its span and its occurrence index among same-rule, same-snippet findings of the
//!   file, in file order (two identical lines stay two findings);
//! - otherwise the finding's stable key ([`Identity::key`], e.g. a live check's name, empty when
//!   unset) and its occurrence index among same-rule, same-key findings of the file.

use std::collections::HashMap;

use sha2::{Digest, Sha256};

use crate::finding::Finding;

/// At most this many lines of a span go into its snippet.
pub const MAX_SNIPPET_LINES: usize = 5;
/// At most this many bytes of normalised text go into a snippet.
pub const MAX_SNIPPET_BYTES: usize = 240;

/// A finding's identity beyond its rule and place. Not serialized (the snippet is source text,
/// which may hold a secret); only its hash leaves the process, inside [`fingerprint`].
#[derive(Clone, Default, PartialEq, Eq, Hash)]
pub struct Identity {
    /// The source at the finding's span: the span's lines (at most [`MAX_SNIPPET_LINES`]),
    /// whitespace runs collapsed to one space, trimmed, cut at [`MAX_SNIPPET_BYTES`]. Filled by
    /// [`identify_in_source`].
    pub snippet: Option<String>,
    /// This finding's index, in file order, among the findings of its file with the same rule
    /// and the same snippet (or, without a snippet, the same key).
    pub occurrence: u32,
    /// A stable, non-message key for findings without a snippet: the check of a live finding,
    /// the setting of a file-level configuration finding.
    pub key: Option<String>,
    /// The secret this finding reports, as a hash: what [`dedupe`] compares.
    pub secret: Option<SecretMark>,
}

/// Debug output shows the snippet's length, not its text (it may hold a secret, and debug
/// output ends up in logs and test failures).
impl std::fmt::Debug for Identity {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Identity")
            .field(
                "snippet",
                &self
                    .snippet
                    .as_ref()
                    .map(|s| format!("<{} bytes>", s.len())),
            )
            .field("occurrence", &self.occurrence)
            .field("key", &self.key)
            .field("secret", &self.secret)
            .finish()
    }
}

/// A secret reported by a finding, without the secret.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct SecretMark {
    /// [`secret_hash`] of the secret's value.
    pub hash: String,
    /// Found by a provider pattern (more specific than a generic entropy or name rule); [`dedupe`]
    /// keeps it over a generic finding of the same secret.
    pub specific: bool,
}

impl Finding {
    /// Marks the finding as reporting `secret` (only its hash is kept), found by a provider
    /// pattern when `specific`.
    pub fn with_secret(mut self, secret: &str, specific: bool) -> Self {
        self.identity.secret = Some(SecretMark {
            hash: secret_hash(secret),
            specific,
        });
        self
    }
}

/// A hash of a secret that identifies it without revealing it (32 hex digits of SHA-256 over a
/// domain-separated input).
pub fn secret_hash(secret: &str) -> String {
    let mut h = Sha256::new();
    h.update(b"pyward-secret\0");
    h.update(secret.as_bytes());
    hex16(&h.finalize())
}

/// A stable identity for a finding, see the module documentation. 32 lowercase hex digits
/// (128 bits of SHA-256).
pub fn fingerprint(finding: &Finding) -> String {
    fingerprint_at(finding, None)
}

/// [`fingerprint`] with the file named by `path` instead of the finding's own path (SARIF uses
/// the repository-relative path, so the identity does not depend on where pyward ran).
pub fn fingerprint_at(finding: &Finding, path: Option<&str>) -> String {
    let loc = &finding.location;
    let place = path
        .or(loc.path.as_deref())
        .or(loc.url.as_deref())
        .or(loc.host.as_deref())
        .unwrap_or("");
    let place = without_credentials(place);
    let mut h = Sha256::new();
    let mut part = |s: &str| {
        h.update(s.as_bytes());
        // A separator that cannot occur in the parts keeps ("ab", "c") apart from ("a", "bc").
        h.update([0u8]);
    };
    part(&finding.code);
    part(&place);
    part(loc.package.as_deref().unwrap_or(""));
    let id = &finding.identity;
    if let Some(advisory) = &finding.advisory {
        part("advisory");
        part(&advisory.id);
    } else {
        match &id.snippet {
            Some(snippet) => {
                part("snippet");
                part(snippet);
            }
            None => {
                part("key");
                part(id.key.as_deref().unwrap_or(""));
            }
        }
        part(&id.occurrence.to_string());
    }
    hex16(&h.finalize())
}

/// `place` without a URL's user information: a fingerprint neither hashes credentials nor
/// changes when they are redacted or rotated.
fn without_credentials(place: &str) -> std::borrow::Cow<'_, str> {
    if let Some(i) = place.find("://") {
        let rest = &place[i + 3..];
        let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
        if let Some(at) = rest[..end].rfind('@') {
            return format!("{}{}", &place[..i + 3], &rest[at + 1..]).into();
        }
    }
    place.into()
}

fn hex16(digest: &[u8]) -> String {
    digest.iter().take(16).map(|b| format!("{b:02x}")).collect()
}

/// Fills [`Identity::snippet`] and [`Identity::occurrence`] of the findings of one file from the
/// file's text. Pass every finding of the file, reported and suppressed, in one call, so
/// occurrence indices count them all. Findings without a span (or with a span outside the text)
/// get no snippet and are counted by key, in the order given.
pub fn identify_in_source<'a>(findings: impl IntoIterator<Item = &'a mut Finding>, source: &str) {
    let mut findings: Vec<&mut Finding> = findings.into_iter().collect();
    if findings.is_empty() {
        return;
    }
    let lines: Vec<&str> = source.lines().collect();
    for f in findings.iter_mut() {
        f.identity.snippet = f.location.span.and_then(|span| {
            let first = usize::try_from(span.start.line).ok()?.checked_sub(1)?;
            let mut last = usize::try_from(span.end.line).ok()?.saturating_sub(1);
            if span.end.line > span.start.line && span.end.column <= 1 {
                last -= 1;
            }
            let last = last.max(first).min(first + MAX_SNIPPET_LINES - 1);
            let text = lines.get(first..=last.min(lines.len().saturating_sub(1)))?;
            Some(normalize_snippet(text))
        });
    }
    // File order; a stable sort keeps the given order of findings without a span.
    findings.sort_by_key(|f| f.location.span.map(|s| s.start));
    // Per key: the next index, and the start of the last finding counted. Two findings of one
    // rule at the very same start are one finding reported twice: they share an index (so
    // `Report::normalize` still folds exact duplicates).
    type Seen = (u32, Option<crate::finding::Position>);
    let mut seen: HashMap<(String, Option<String>, Option<String>), Seen> = HashMap::new();
    for f in findings {
        let key = (
            f.code.clone(),
            f.identity.snippet.clone(),
            if f.identity.snippet.is_some() {
                None
            } else {
                f.identity.key.clone()
            },
        );
        let start = f.location.span.map(|s| s.start);
        let (next, last) = seen.entry(key).or_insert((0, None));
        if start.is_some() && *last == start && *next > 0 {
            f.identity.occurrence = *next - 1;
        } else {
            f.identity.occurrence = *next;
            *next += 1;
            *last = start;
        }
    }
}

/// Lines joined with whitespace runs collapsed to one space, trimmed, cut at
/// [`MAX_SNIPPET_BYTES`] on a character boundary.
fn normalize_snippet(lines: &[&str]) -> String {
    let mut out = String::new();
    for word in lines.iter().flat_map(|l| l.split_whitespace()) {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
        if out.len() >= MAX_SNIPPET_BYTES {
            break;
        }
    }
    if out.len() > MAX_SNIPPET_BYTES {
        let mut cut = MAX_SNIPPET_BYTES;
        while !out.is_char_boundary(cut) {
            cut -= 1;
        }
        out.truncate(cut);
    }
    out
}

/// Drops a finding when another finding of the same secret ([`Finding::with_secret`]) at the
/// same path and start line was kept, so a combined run reports a secret at one place once.
/// Of such a group the first provider-pattern finding is kept, else the first one. Findings
/// without a secret mark are never dropped; the order of the kept ones is unchanged.
pub fn dedupe(findings: &mut Vec<Finding>) {
    type Key<'a> = (Option<&'a str>, Option<u32>, &'a str);
    let mut best: HashMap<Key<'_>, usize> = HashMap::new();
    for (i, f) in findings.iter().enumerate() {
        let Some(mark) = &f.identity.secret else {
            continue;
        };
        let key = (
            f.location.path.as_deref(),
            f.location.line(),
            mark.hash.as_str(),
        );
        best.entry(key)
            .and_modify(|kept| {
                let kept_specific = findings[*kept]
                    .identity
                    .secret
                    .as_ref()
                    .is_some_and(|m| m.specific);
                if mark.specific && !kept_specific {
                    *kept = i;
                }
            })
            .or_insert(i);
    }
    let keep: Vec<bool> = findings
        .iter()
        .enumerate()
        .map(|(i, f)| match &f.identity.secret {
            None => true,
            Some(mark) => {
                let key = (
                    f.location.path.as_deref(),
                    f.location.line(),
                    mark.hash.as_str(),
                );
                best.get(&key) == Some(&i)
            }
        })
        .collect();
    let mut i = 0;
    findings.retain(|_| {
        let k = keep[i];
        i += 1;
        k
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::{AdvisoryRef, Location, Position, Span};
    use crate::{Confidence, RuleMeta, Severity};

    static RULE: RuleMeta = RuleMeta {
        code: "PY101",
        name: "test-rule",
        analyzer: "code",
        summary: "",
        severity: Severity::High,
        confidence: Confidence::High,
        cwe: None,
        bandit_id: None,
        docs: "",
    };
    static OTHER: RuleMeta = RuleMeta {
        code: "PY102",
        ..RULE
    };

    fn at(path: &str, line: u32, col: u32, len: u32, msg: &str) -> Finding {
        Finding::new(
            &RULE,
            msg,
            Location::file(path, Some(Span::on_line(line, col, len))),
        )
    }

    /// The fingerprints of findings on `lines` (1-based) of `source`, identified together.
    fn prints(source: &str, mut findings: Vec<Finding>) -> Vec<String> {
        identify_in_source(findings.iter_mut(), source);
        findings.iter().map(fingerprint).collect()
    }

    const SOURCE: &str = "import subprocess\n\ndef run(cmd):\n    user = cmd\n    subprocess.run(cmd,   shell=True)\n";

    #[test]
    fn survives_lines_inserted_above_renames_elsewhere_and_new_messages() {
        let base = prints(SOURCE, vec![at("a.py", 5, 5, 10, "shell=True")])[0].clone();
        assert_eq!(base.len(), 32);

        let moved = format!("{}{SOURCE}", "# filler\n".repeat(20));
        let moved = prints(&moved, vec![at("a.py", 25, 5, 10, "shell=True")]);
        assert_eq!(moved[0], base, "20 lines inserted above");

        let renamed = SOURCE.replace("user = cmd", "account = cmd");
        let renamed = prints(&renamed, vec![at("a.py", 5, 5, 10, "shell=True")]);
        assert_eq!(renamed[0], base, "unrelated variable renamed");

        let reworded = prints(SOURCE, vec![at("a.py", 5, 5, 10, "a reworded message")]);
        assert_eq!(reworded[0], base, "message changed");

        let reindented = SOURCE.replace(
            "    subprocess.run(cmd,   shell=True)",
            "\tsubprocess.run(cmd, shell=True)  ",
        );
        let reindented = prints(&reindented, vec![at("a.py", 5, 2, 10, "shell=True")]);
        assert_eq!(reindented[0], base, "whitespace changes only");
    }

    #[test]
    fn differs_with_the_snippet_the_rule_and_the_file() {
        let base = prints(SOURCE, vec![at("a.py", 5, 5, 10, "m")])[0].clone();
        let edited = SOURCE.replace("run(cmd,", "call(cmd,");
        assert_ne!(prints(&edited, vec![at("a.py", 5, 5, 10, "m")])[0], base);
        assert_ne!(prints(SOURCE, vec![at("b.py", 5, 5, 10, "m")])[0], base);
        let other = Finding::new(
            &OTHER,
            "m",
            Location::file("a.py", Some(Span::on_line(5, 5, 10))),
        );
        assert_ne!(prints(SOURCE, vec![other])[0], base);
    }

    #[test]
    fn identical_lines_get_distinct_fingerprints_in_file_order() {
        let source = "x = eval(a)\ny = 1\nx = eval(a)\n";
        // Given out of file order: the occurrence index follows the lines, not the vector.
        let p = prints(
            source,
            vec![at("a.py", 3, 5, 4, "m"), at("a.py", 1, 5, 4, "m")],
        );
        assert_ne!(p[0], p[1]);
        // Deleting the line between them keeps both identities.
        let q = prints(
            "x = eval(a)\nx = eval(a)\n",
            vec![at("a.py", 1, 5, 4, "m"), at("a.py", 2, 5, 4, "m")],
        );
        assert_eq!((&q[0], &q[1]), (&p[1], &p[0]));
    }

    #[test]
    fn snippet_covers_the_span_lines_bounded() {
        let source = "a = f(\n    1,\n    2,\n)\nb = 2\n";
        let mut f = [Finding::new(
            &RULE,
            "m",
            Location::file(
                "a.py",
                Some(Span {
                    start: Position { line: 1, column: 5 },
                    end: Position { line: 5, column: 1 },
                }),
            ),
        )];
        identify_in_source(f.iter_mut(), source);
        assert_eq!(f[0].identity.snippet.as_deref(), Some("a = f( 1, 2, )"));

        let long = format!("x = '{}'\n", "é".repeat(400));
        let mut f = [at("a.py", 1, 1, 3, "m")];
        identify_in_source(f.iter_mut(), &long);
        let snippet = f[0].identity.snippet.clone().unwrap_or_default();
        assert!(snippet.len() <= MAX_SNIPPET_BYTES && snippet.starts_with("x = '"));

        // A span past the end of the text gives no snippet, not a panic.
        let mut f = [at("a.py", 99, 1, 3, "m")];
        identify_in_source(f.iter_mut(), "x = 1\n");
        assert_eq!(f[0].identity.snippet, None);
    }

    #[test]
    fn dependency_findings_key_on_the_advisory_not_the_version() {
        let dep = |v: &str, id: &str| {
            Finding::new(
                &RULE,
                format!("django {v} is affected"),
                Location::file("requirements.txt", Some(Span::line(1)))
                    .with_package("django", Some(v.to_string())),
            )
            .with_advisory(AdvisoryRef {
                id: id.into(),
                ..AdvisoryRef::default()
            })
        };
        assert_eq!(
            fingerprint(&dep("3.2.0", "PYSEC-1")),
            fingerprint(&dep("3.2.5", "PYSEC-1"))
        );
        assert_ne!(
            fingerprint(&dep("3.2.0", "PYSEC-1")),
            fingerprint(&dep("3.2.0", "PYSEC-2"))
        );
    }

    #[test]
    fn live_findings_key_on_the_check_not_the_message() {
        let live = |msg: &str, key: &str| {
            Finding::new(&RULE, msg, Location::url("https://example.com/")).with_key(key)
        };
        assert_eq!(
            fingerprint(&live("no HSTS", "strict-transport-security")),
            fingerprint(&live("HSTS header missing", "strict-transport-security"))
        );
        assert_ne!(
            fingerprint(&live("m", "strict-transport-security")),
            fingerprint(&live("m", "x-frame-options"))
        );
    }

    #[test]
    fn the_same_finding_reported_twice_at_one_place_keeps_one_identity() {
        let p = prints(
            SOURCE,
            vec![at("a.py", 5, 5, 10, "m"), at("a.py", 5, 5, 10, "m")],
        );
        assert_eq!(p[0], p[1]);
    }

    #[test]
    fn url_credentials_are_not_part_of_the_identity() {
        let live = |url: &str| Finding::new(&RULE, "m", Location::url(url)).with_key("hsts");
        assert_eq!(
            fingerprint(&live("https://bob:s3cret@shop.example/")),
            fingerprint(&live("https://****@shop.example/"))
        );
        assert_eq!(
            fingerprint(&live("https://bob:s3cret@shop.example/")),
            fingerprint(&live("https://shop.example/"))
        );
        assert_ne!(
            fingerprint(&live("https://shop.example/")),
            fingerprint(&live("https://other.example/"))
        );
    }

    #[test]
    fn dedupe_keeps_one_finding_per_secret_and_place_preferring_provider_patterns() {
        let secret = |code: &'static str, path: &str, line: u32, value: &str, specific: bool| {
            let mut f = at(path, line, 1, 5, "secret").with_secret(value, specific);
            f.code = code.into();
            f
        };
        let mut findings = vec![
            secret("CFG010", ".env", 3, "ghp_abc", false),
            at(".env", 3, 1, 5, "not a secret finding"),
            secret("PY501", ".env", 3, "ghp_abc", true),
            secret("PY500", ".env", 3, "ghp_abc", false),
            // Same secret elsewhere, another secret at the same place: kept.
            secret("PY500", ".env", 4, "ghp_abc", false),
            secret("PY500", "app.py", 3, "ghp_abc", false),
            secret("PY500", ".env", 3, "other", false),
        ];
        dedupe(&mut findings);
        let codes: Vec<(&str, Option<u32>)> = findings
            .iter()
            .map(|f| (f.code.as_str(), f.location.line()))
            .collect();
        assert_eq!(
            codes,
            [
                ("PY101", Some(3)),
                ("PY501", Some(3)),
                ("PY500", Some(4)),
                ("PY500", Some(3)),
                ("PY500", Some(3)),
            ]
        );
        assert_eq!(findings[3].location.path.as_deref(), Some("app.py"));

        // Without a provider finding the first one stays.
        let mut generic = vec![
            secret("CFG010", ".env", 1, "s3cr3t", false),
            secret("PY500", ".env", 1, "s3cr3t", false),
        ];
        dedupe(&mut generic);
        assert_eq!(generic.len(), 1);
        assert_eq!(generic[0].code, "CFG010");
    }

    #[test]
    fn the_secret_hash_does_not_contain_the_secret() {
        let h = secret_hash("AKIAABCDEFGHIJKLMNOP");
        assert_eq!(h.len(), 32);
        assert!(!h.contains("AKIA"));
        assert_ne!(h, secret_hash("AKIAABCDEFGHIJKLMNOQ"));
    }
}

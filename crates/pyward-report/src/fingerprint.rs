//! Stable finding fingerprints.

use pyward_core::Finding;
use sha2::{Digest, Sha256};

use crate::summary::advisory_id;

/// A stable identity for a finding, independent of its line number, so a finding keeps its
/// identity when code above it moves. Used as SARIF `partialFingerprints` and as the JSON
/// `fingerprint`.
///
/// It hashes the rule code, the file (or URL, or host), the package, and then the advisory ID
/// for dependency findings (so upgrading to another affected version keeps the identity) or the
/// message otherwise. The result is 32 lowercase hex digits (128 bits of SHA-256).
pub fn fingerprint(finding: &Finding) -> String {
    fingerprint_at(finding, None)
}

/// [`fingerprint`] with the file named by `path` instead of the finding's own path (SARIF uses
/// the repository-relative path, so the identity does not depend on where pyward ran).
pub(crate) fn fingerprint_at(finding: &Finding, path: Option<&str>) -> String {
    let loc = &finding.location;
    let place = path
        .or(loc.path.as_deref())
        .or(loc.url.as_deref())
        .or(loc.host.as_deref())
        .unwrap_or("");
    let what = advisory_id(finding).unwrap_or(&finding.message);
    let mut hasher = Sha256::new();
    for part in [
        finding.code.as_str(),
        place,
        loc.package.as_deref().unwrap_or(""),
        what,
    ] {
        hasher.update(part.as_bytes());
        // A separator that cannot occur in the parts keeps ("ab", "c") apart from ("a", "bc").
        hasher.update([0u8]);
    }
    let digest = hasher.finalize();
    digest[..16].iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use pyward_core::{Confidence, Location, RuleMeta, Severity, Span};

    static RULE: RuleMeta = RuleMeta {
        code: "PY001",
        name: "test-rule",
        analyzer: "code",
        summary: "A test rule",
        severity: Severity::High,
        confidence: Confidence::High,
        cwe: None,
        bandit_id: None,
        docs: "",
    };

    #[test]
    fn ignores_line_numbers_but_not_files_or_messages() {
        let a = Finding::new(
            &RULE,
            "bad call",
            Location::file("a.py", Some(Span::line(3))),
        );
        let moved = Finding::new(
            &RULE,
            "bad call",
            Location::file("a.py", Some(Span::line(90))),
        );
        let other_file = Finding::new(&RULE, "bad call", Location::file("b.py", None));
        let other_msg = Finding::new(&RULE, "worse call", Location::file("a.py", None));
        assert_eq!(fingerprint(&a), fingerprint(&moved));
        assert_ne!(fingerprint(&a), fingerprint(&other_file));
        assert_ne!(fingerprint(&a), fingerprint(&other_msg));
        assert_eq!(fingerprint(&a).len(), 32);
    }

    #[test]
    fn dependency_findings_key_on_the_advisory() {
        let loc = |v: &str| {
            Location::file("requirements.txt", Some(Span::line(1)))
                .with_package("django", Some(v.to_string()))
        };
        let advisory = serde_json::json!({"id": "PYSEC-2024-1"});
        let old = Finding::new(&RULE, "django 3.2.0 is affected", loc("3.2.0"))
            .with_meta("advisory", &advisory);
        let newer = Finding::new(&RULE, "django 3.2.5 is affected", loc("3.2.5"))
            .with_meta("advisory", &advisory);
        assert_eq!(fingerprint(&old), fingerprint(&newer));
    }
}

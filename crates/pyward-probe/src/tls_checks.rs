//! The TLS checks: findings from one origin's [`TlsReport`] (a pure function), each finding
//! located at `host:port` and carrying the score deduction documented in its rule.
//!
//! A check the TLS probe could not make becomes a "not checked: why" error for `host:port`,
//! never a pass and never a finding.

use std::collections::BTreeSet;

use pyward_core::{Finding, Location, RuleMeta, ScanError, Severity};

use crate::checks::DEDUCTION;
use crate::rules::*;
use crate::tls::suites::WeakCategory;
use crate::tls::{Acceptance, Outcome, TlsReport, TlsVersion};

/// Finding metadata key: the `https://` origin whose TLS endpoint the finding is about.
pub const ORIGIN: &str = "origin";

/// Every TLS rule, for skipping the TLS probe when none of them is selected.
pub static TLS_RULES: &[&RuleMeta] = &[
    &PRB_TLS_LEGACY_VERSION,
    &PRB_TLS13_NOT_OFFERED,
    &PRB_TLS_WEAK_SUITES,
    &PRB_TLS_NO_FORWARD_SECRECY,
    &PRB_TLS_CERT_UNTRUSTED,
    &PRB_TLS_HOSTNAME_MISMATCH,
    &PRB_TLS_CERT_EXPIRY,
    &PRB_TLS_WEAK_KEY,
    &PRB_TLS_WEAK_SIGNATURE,
    &PRB_TLS_NO_OCSP_STAPLING,
];

/// What one TLS report says, for the analyzer's report.
#[derive(Debug, Default)]
pub struct TlsFindings {
    pub findings: Vec<Finding>,
    /// "not checked: why", with `host:port` as the path.
    pub errors: Vec<ScanError>,
    pub warnings: Vec<String>,
}

/// The `host:port` key of a TLS target, as [`TlsReport::target`] writes it.
pub fn target_key(host: &str, port: u16) -> String {
    if host.contains(':') {
        format!("[{host}]:{port}")
    } else {
        format!("{host}:{port}")
    }
}

/// The findings, errors and warnings of `report`, probed for `origin` (`https://host:port`).
/// `extra_roots` says whether roots besides the system ones were trusted (`--ca-file`).
pub fn findings(report: &TlsReport, origin: &str, extra_roots: bool) -> TlsFindings {
    let mut out = TlsFindings::default();
    let target = report.target.as_str();
    let finding = |rule: &RuleMeta, message: String, deduction: u32| {
        Finding::new(rule, message, Location::host(target))
            .with_meta(DEDUCTION, deduction)
            .with_meta(ORIGIN, origin)
    };
    let not_checked = |what: &str, reason: &str| ScanError {
        path: target.to_string(),
        message: format!("not checked: TLS {what}: {reason}"),
    };

    // Nothing could be asked at all (refused connection, timeout, not TLS): one error.
    let checked_versions: Vec<(TlsVersion, &Acceptance)> = report
        .versions
        .iter()
        .filter_map(|r| r.outcome.checked().map(|a| (r.version, a)))
        .collect();
    if checked_versions.is_empty() {
        let reason = report
            .versions
            .iter()
            .find_map(|r| match &r.outcome {
                Outcome::NotChecked { reason } => Some(reason.as_str()),
                Outcome::Checked { .. } => None,
            })
            .or_else(|| report.errors.first().map(|e| e.reason.as_str()))
            .unwrap_or("no TLS version could be checked");
        out.errors.push(ScanError {
            path: target.to_string(),
            message: format!("not checked: TLS: {reason}"),
        });
        return out;
    }
    let accepted = |v: TlsVersion| {
        checked_versions
            .iter()
            .any(|(w, a)| *w == v && matches!(a, Acceptance::Accepted { .. }))
    };
    let any_accepted = TlsVersion::ALL.iter().any(|&v| accepted(v));
    if !any_accepted {
        // Versions that were asked were all refused: nothing else can be negotiated.
        let refused: Vec<&str> = checked_versions.iter().map(|(v, _)| v.name()).collect();
        out.errors.push(ScanError {
            path: target.to_string(),
            message: format!(
                "not checked: TLS: the server refused every version asked ({})",
                refused.join(", ")
            ),
        });
        for r in &report.versions {
            if let Outcome::NotChecked { reason } = &r.outcome {
                out.errors.push(not_checked(
                    &format!("version {}", r.version.name()),
                    reason,
                ));
            }
        }
        return out;
    }

    // The "not checked" outcomes; the probe's other errors are warnings.
    let mut reported: BTreeSet<(String, String)> = BTreeSet::new();
    let mut note = |check: String, reason: &str, out: &mut TlsFindings| {
        out.errors.push(not_checked(&check, reason));
        reported.insert((check, reason.to_string()));
    };
    for r in &report.versions {
        if let Outcome::NotChecked { reason } = &r.outcome {
            note(format!("version {}", r.version.name()), reason, &mut out);
        }
    }
    for w in &report.weak_suites {
        if let Outcome::NotChecked { reason } = &w.outcome {
            note(
                format!("weak suites {}", w.category.name()),
                reason,
                &mut out,
            );
        }
    }
    if let Outcome::NotChecked { reason } = &report.forward_secrecy {
        note("forward secrecy".to_string(), reason, &mut out);
    }
    if let Outcome::NotChecked { reason } = &report.certificate {
        note("certificate".to_string(), reason, &mut out);
    }
    for e in &report.errors {
        if !reported.contains(&(e.check.clone(), e.reason.clone())) {
            out.warnings
                .push(format!("{target}: TLS {}: {}", e.check, e.reason));
        }
    }

    // Protocol versions.
    let legacy: Vec<&str> = [TlsVersion::Tls10, TlsVersion::Tls11]
        .into_iter()
        .filter(|&v| accepted(v))
        .map(TlsVersion::name)
        .collect();
    if !legacy.is_empty() {
        out.findings.push(finding(
            &PRB_TLS_LEGACY_VERSION,
            format!("accepts deprecated {}", legacy.join(" and ")),
            20,
        ));
    }
    if report.accepts(TlsVersion::Tls13) == Some(false) {
        out.findings.push(finding(
            &PRB_TLS13_NOT_OFFERED,
            "does not accept TLSv1.3".to_string(),
            5,
        ));
    }

    // Weak suites, one finding per family.
    for w in &report.weak_suites {
        let Some(names) = w.outcome.checked().filter(|n| !n.is_empty()) else {
            continue;
        };
        let under = w.version.map(|v| format!(" under {}", v.name()));
        let (severity, deduction) = match w.category {
            WeakCategory::CbcSha1Tls10 => (Severity::Medium, 5),
            _ => (Severity::High, 20),
        };
        let family = match w.category {
            WeakCategory::CbcSha1Tls10 => "CBC with SHA-1".to_string(),
            c => c.name().to_string(),
        };
        out.findings.push(
            finding(
                &PRB_TLS_WEAK_SUITES,
                format!(
                    "accepts {family} suites{}: {}",
                    under.unwrap_or_default(),
                    names.join(", ")
                ),
                deduction,
            )
            .with_severity(severity),
        );
    }

    // Forward secrecy.
    if let Some(fs) = report.forward_secrecy.checked()
        && !fs.prefers_forward_secrecy
    {
        out.findings.push(finding(
            &PRB_TLS_NO_FORWARD_SECRECY,
            format!(
                "picks {} (no forward secrecy) under {} over the ECDHE/DHE suites offered with it",
                fs.chosen_suite,
                fs.version.name()
            ),
            10,
        ));
    }

    // The certificate.
    let Some(cert) = report.certificate.checked() else {
        return out;
    };
    let expired = cert.days_left.is_some_and(|d| d < 0);
    if !cert.chain_valid {
        let why = cert.chain_error.as_deref().unwrap_or("unknown reason");
        // An expired but otherwise valid chain is PRB025's.
        if !(expired && cert.chain_expired) {
            let roots = if extra_roots {
                "the system roots and --ca-file"
            } else {
                "the system roots"
            };
            out.findings.push(finding(
                &PRB_TLS_CERT_UNTRUSTED,
                format!("the certificate chain does not verify against {roots}: {why}"),
                30,
            ));
        }
    }
    if !cert.hostname_matches {
        out.findings.push(finding(
            &PRB_TLS_HOSTNAME_MISMATCH,
            format!(
                "the certificate is not valid for {}: {}",
                report.server_name,
                cert.hostname_error.as_deref().unwrap_or("unknown reason")
            ),
            30,
        ));
    }
    match cert.days_left {
        Some(d) if d < 0 => out.findings.push(finding(
            &PRB_TLS_CERT_EXPIRY,
            format!("the certificate expired {} day(s) ago", -d),
            40,
        )),
        Some(d) if d < 30 => out.findings.push(
            finding(
                &PRB_TLS_CERT_EXPIRY,
                format!("the certificate expires in {d} day(s)"),
                5,
            )
            .with_severity(Severity::Medium),
        ),
        _ => {}
    }
    match &cert.leaf {
        Some(leaf) => {
            let minimum = match leaf.key_type.as_str() {
                "rsa" | "dsa" => Some(2048),
                "ec" => Some(256),
                _ => None,
            };
            match (minimum, leaf.key_bits) {
                (Some(min), Some(bits)) if bits < min => out.findings.push(finding(
                    &PRB_TLS_WEAK_KEY,
                    format!(
                        "the certificate has a {bits}-bit {} key (at least {min} needed)",
                        leaf.key_type.to_ascii_uppercase()
                    ),
                    20,
                )),
                (Some(_), None) => out.warnings.push(format!(
                    "{target}: TLS certificate key size not checked: the size of its {} key is unknown",
                    leaf.key_type
                )),
                _ => {}
            }
            if weak_signature(&leaf.signature_algorithm) {
                out.findings.push(finding(
                    &PRB_TLS_WEAK_SIGNATURE,
                    format!(
                        "the certificate is signed with {}",
                        leaf.signature_algorithm
                    ),
                    20,
                ));
            }
        }
        None => out.errors.push(not_checked(
            "certificate",
            "the leaf certificate could not be parsed (expiry, key and signature)",
        )),
    }
    if !cert.ocsp_stapled {
        out.findings.push(finding(
            &PRB_TLS_NO_OCSP_STAPLING,
            "no OCSP response is stapled".to_string(),
            0,
        ));
    }
    out
}

/// SHA-1, MD5 (and older) signature algorithms, by name or OID.
fn weak_signature(alg: &str) -> bool {
    let lower = alg.to_ascii_lowercase();
    lower.contains("sha1")
        || lower.contains("md5")
        || lower.contains("md2")
        || lower.contains("md4")
        || matches!(
            alg,
            "1.2.840.113549.1.1.2"
                | "1.2.840.113549.1.1.3"
                | "1.2.840.10040.4.3"
                | "1.3.14.3.2.29"
                | "1.2.840.10045.4.1"
        )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tls::{
        CertFacts, CertificateReport, CheckError, ForwardSecrecy, VersionResult, WeakResult,
    };

    fn accepted(v: TlsVersion) -> VersionResult {
        VersionResult {
            version: v,
            outcome: Outcome::Checked {
                result: Acceptance::Accepted { suite: "X".into() },
            },
        }
    }

    fn refused(v: TlsVersion) -> VersionResult {
        VersionResult {
            version: v,
            outcome: Outcome::Checked {
                result: Acceptance::Refused {
                    why: "alert protocol_version".into(),
                },
            },
        }
    }

    fn not_checked(v: TlsVersion, reason: &str) -> VersionResult {
        VersionResult {
            version: v,
            outcome: Outcome::NotChecked {
                reason: reason.into(),
            },
        }
    }

    fn good_cert() -> CertificateReport {
        CertificateReport {
            version: TlsVersion::Tls12,
            chain_length: 2,
            chain_valid: true,
            chain_error: None,
            chain_expired: false,
            hostname_matches: true,
            hostname_error: None,
            leaf: Some(CertFacts {
                not_before: 0,
                not_after: 0,
                key_type: "ec".into(),
                key_bits: Some(256),
                signature_algorithm: "ecdsa-with-SHA256".into(),
            }),
            days_left: Some(60),
            ocsp_stapled: true,
        }
    }

    fn report(versions: Vec<VersionResult>) -> TlsReport {
        TlsReport {
            target: "a.example:443".into(),
            server_name: "a.example".into(),
            versions,
            weak_suites: WeakCategory::ALL
                .iter()
                .map(|&c| WeakResult {
                    category: c,
                    version: Some(TlsVersion::Tls12),
                    outcome: Outcome::Checked { result: Vec::new() },
                })
                .collect(),
            forward_secrecy: Outcome::Checked {
                result: ForwardSecrecy {
                    prefers_forward_secrecy: true,
                    chosen_suite: "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256".into(),
                    version: TlsVersion::Tls12,
                },
            },
            certificate: Outcome::Checked {
                result: good_cert(),
            },
            errors: Vec::new(),
            elapsed_ms: 1,
        }
    }

    fn modern() -> TlsReport {
        report(vec![
            refused(TlsVersion::Tls10),
            refused(TlsVersion::Tls11),
            accepted(TlsVersion::Tls12),
            accepted(TlsVersion::Tls13),
        ])
    }

    fn codes(f: &TlsFindings) -> Vec<(&str, Severity)> {
        f.findings
            .iter()
            .map(|f| (f.code.as_str(), f.severity))
            .collect()
    }

    #[test]
    fn a_modern_server_is_clean() {
        let f = findings(&modern(), "https://a.example", false);
        assert!(f.findings.is_empty(), "{:?}", f.findings);
        assert!(f.errors.is_empty() && f.warnings.is_empty());
    }

    #[test]
    fn a_tls13_only_server_has_no_version_finding() {
        let mut r = report(vec![
            refused(TlsVersion::Tls10),
            refused(TlsVersion::Tls11),
            refused(TlsVersion::Tls12),
            accepted(TlsVersion::Tls13),
        ]);
        r.weak_suites.iter_mut().for_each(|w| w.version = None);
        let f = findings(&r, "https://a.example", false);
        assert!(f.findings.is_empty(), "{:?}", f.findings);
    }

    #[test]
    fn legacy_versions_weak_suites_and_certificate_problems() {
        let mut r = report(vec![
            accepted(TlsVersion::Tls10),
            accepted(TlsVersion::Tls11),
            accepted(TlsVersion::Tls12),
            refused(TlsVersion::Tls13),
        ]);
        for w in &mut r.weak_suites {
            match w.category {
                WeakCategory::TripleDes => {
                    w.outcome = Outcome::Checked {
                        result: vec!["TLS_RSA_WITH_3DES_EDE_CBC_SHA".into()],
                    }
                }
                WeakCategory::CbcSha1Tls10 => {
                    w.version = Some(TlsVersion::Tls10);
                    w.outcome = Outcome::Checked {
                        result: vec!["TLS_RSA_WITH_AES_128_CBC_SHA".into()],
                    }
                }
                _ => {}
            }
        }
        r.forward_secrecy = Outcome::Checked {
            result: ForwardSecrecy {
                prefers_forward_secrecy: false,
                chosen_suite: "TLS_RSA_WITH_AES_128_GCM_SHA256".into(),
                version: TlsVersion::Tls12,
            },
        };
        r.certificate = Outcome::Checked {
            result: CertificateReport {
                chain_valid: false,
                chain_error: Some("issued by an authority that is not trusted".into()),
                hostname_matches: false,
                hostname_error: Some("the certificate is for b.example".into()),
                leaf: Some(CertFacts {
                    not_before: 0,
                    not_after: 0,
                    key_type: "rsa".into(),
                    key_bits: Some(1024),
                    signature_algorithm: "sha1WithRSAEncryption".into(),
                }),
                days_left: Some(3),
                ocsp_stapled: false,
                ..good_cert()
            },
        };
        let f = findings(&r, "https://a.example", true);
        assert_eq!(
            codes(&f),
            [
                ("PRB019", Severity::High),
                ("PRB020", Severity::Low),
                ("PRB021", Severity::High),
                ("PRB021", Severity::Medium),
                ("PRB022", Severity::Medium),
                ("PRB023", Severity::High),
                ("PRB024", Severity::High),
                ("PRB025", Severity::Medium),
                ("PRB026", Severity::High),
                ("PRB027", Severity::High),
                ("PRB028", Severity::Info),
            ]
        );
        let messages: Vec<&str> = f.findings.iter().map(|f| f.message.as_str()).collect();
        assert!(messages.contains(&"accepts deprecated TLSv1.0 and TLSv1.1"));
        assert!(
            messages.contains(&"accepts 3DES suites under TLSv1.2: TLS_RSA_WITH_3DES_EDE_CBC_SHA")
        );
        assert!(messages.contains(
            &"accepts CBC with SHA-1 suites under TLSv1.0: TLS_RSA_WITH_AES_128_CBC_SHA"
        ));
        assert!(messages.contains(
            &"the certificate chain does not verify against the system roots and --ca-file: issued by an authority that is not trusted"
        ));
        assert!(messages.contains(
            &"the certificate is not valid for a.example: the certificate is for b.example"
        ));
        assert!(
            messages.contains(&"the certificate has a 1024-bit RSA key (at least 2048 needed)")
        );
        for finding in &f.findings {
            assert_eq!(finding.location.host.as_deref(), Some("a.example:443"));
            assert_eq!(finding.metadata[ORIGIN], "https://a.example");
        }
        assert!(f.errors.is_empty(), "{:?}", f.errors);
    }

    #[test]
    fn an_expired_certificate_is_reported_once_as_expired() {
        let mut r = modern();
        r.certificate = Outcome::Checked {
            result: CertificateReport {
                chain_valid: false,
                chain_error: Some("the certificate has expired".into()),
                chain_expired: true,
                days_left: Some(-400),
                ..good_cert()
            },
        };
        let f = findings(&r, "https://a.example", false);
        assert_eq!(codes(&f), [("PRB025", Severity::High)]);
        assert_eq!(
            f.findings[0].message,
            "the certificate expired 400 day(s) ago"
        );
    }

    #[test]
    fn nothing_checked_is_one_error_and_no_finding() {
        let reason = "cannot connect to 127.0.0.1:1: Connection refused";
        let mut r = report(
            TlsVersion::ALL
                .iter()
                .map(|&v| not_checked(v, reason))
                .collect(),
        );
        r.certificate = Outcome::NotChecked {
            reason: reason.into(),
        };
        let f = findings(&r, "https://a.example", false);
        assert!(f.findings.is_empty());
        assert_eq!(f.errors.len(), 1);
        assert_eq!(f.errors[0].path, "a.example:443");
        assert_eq!(f.errors[0].message, format!("not checked: TLS: {reason}"));
    }

    #[test]
    fn a_server_refusing_everything_is_not_clean() {
        let r = report(TlsVersion::ALL.iter().map(|&v| refused(v)).collect());
        let f = findings(&r, "https://a.example", false);
        assert!(f.findings.is_empty());
        assert_eq!(f.errors.len(), 1, "{:?}", f.errors);
        assert!(
            f.errors[0]
                .message
                .starts_with("not checked: TLS: the server refused every")
        );
    }

    #[test]
    fn partial_checks_are_errors_and_other_probe_errors_warnings() {
        let mut r = modern();
        r.versions[3] = not_checked(TlsVersion::Tls13, "timed out");
        r.certificate = Outcome::NotChecked {
            reason: "the server sent no certificate".into(),
        };
        r.errors = vec![
            CheckError {
                check: "version TLSv1.3".into(),
                reason: "timed out".into(),
            },
            CheckError {
                check: "certificate".into(),
                reason: "the server sent no certificate".into(),
            },
            CheckError {
                check: "certificate".into(),
                reason: "system roots /x: unreadable".into(),
            },
        ];
        let f = findings(&r, "https://a.example", false);
        // TLS 1.3 not checked: neither reported as offered nor as missing.
        assert!(f.findings.is_empty(), "{:?}", f.findings);
        let errors: Vec<&str> = f.errors.iter().map(|e| e.message.as_str()).collect();
        assert_eq!(
            errors,
            [
                "not checked: TLS version TLSv1.3: timed out",
                "not checked: TLS certificate: the server sent no certificate"
            ]
        );
        assert_eq!(
            f.warnings,
            ["a.example:443: TLS certificate: system roots /x: unreadable"]
        );
    }

    #[test]
    fn weak_signatures() {
        for alg in [
            "sha1WithRSAEncryption",
            "md5WithRSAEncryption",
            "ecdsa-with-SHA1",
        ] {
            assert!(weak_signature(alg), "{alg}");
        }
        for alg in [
            "sha256WithRSAEncryption",
            "ecdsa-with-SHA384",
            "ed25519",
            "rsassaPss",
        ] {
            assert!(!weak_signature(alg), "{alg}");
        }
    }
}

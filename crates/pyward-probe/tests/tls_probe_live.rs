//! The TLS rules through `ProbeAnalyzer`, against Debian's nginx on loopback: once insecure
//! (TLS 1.0-1.2 at `@SECLEVEL=0`, a wrong-host certificate; an expired certificate), once
//! hardened (TLS 1.2/1.3, a valid certificate of the test CA, trusted through
//! `ProbeOptions::extra_roots_pem` as `--ca-file` does). The CA and certificates are made here
//! with the `openssl` CLI. Runs when PYWARD_REAL_TOOLS=1 (and fails then if nginx or openssl is
//! missing); prints SKIP otherwise.

mod support;

use std::path::{Path, PathBuf};
use std::time::Duration;

use pyward_core::{Finding, Report, Severity};
use pyward_probe::ProbeOptions;
use support::{
    Nginx, TLS_HARDENED, TLS_LEGACY, free_port, make_ca, make_leaf, probe_with, real_system_tools,
};

/// nginx and openssl, or `None` after printing SKIP; panics when PYWARD_REAL_TOOLS=1 and one
/// is missing.
fn tools(test: &str) -> Option<(PathBuf, PathBuf)> {
    real_system_tools(test, ["nginx", "openssl"]).map(|[n, o]| (n, o))
}

/// A test CA (returned as PEM) and leaves: `good` (localhost, 127.0.0.1; 90 days), `other`
/// (other.example only) and `expired` (2020).
fn make_pki(bin: &Path, dir: &Path) -> String {
    let ca = make_ca(bin, dir);
    make_leaf(bin, dir, "good", "local", &["-days", "90"]);
    make_leaf(bin, dir, "other", "other", &["-days", "90"]);
    make_leaf(
        bin,
        dir,
        "expired",
        "local",
        &[
            "-startdate",
            "20200101000000Z",
            "-enddate",
            "20200601000000Z",
        ],
    );
    ca
}

/// Starts nginx with one TLS server per `(port, certificate, tls directives)`.
fn start_nginx(bin: &Path, dir: &Path, servers: &[(u16, &str, &str)]) -> Nginx {
    let d = dir.display();
    let blocks: String = servers
        .iter()
        .map(|(port, cert, tls)| {
            format!(
                "server {{ listen 127.0.0.1:{port} ssl; server_name localhost;\n\
                 ssl_certificate {d}/{cert}.crt; ssl_certificate_key {d}/{cert}.key;\n\
                 {tls}\n location / {{ return 200 'ok'; }} }}\n"
            )
        })
        .collect();
    let ports: Vec<u16> = servers.iter().map(|(port, _, _)| *port).collect();
    Nginx::start_in(bin, dir, &blocks, &ports)
}

fn probe(urls: &[String], extra_roots_pem: Vec<String>) -> Report {
    probe_with(
        urls,
        ProbeOptions {
            timeout: Duration::from_secs(5),
            extra_roots_pem,
            ..ProbeOptions::default()
        },
    )
}

const TLS_CODES: [&str; 10] = [
    "PRB019", "PRB020", "PRB021", "PRB022", "PRB023", "PRB024", "PRB025", "PRB026", "PRB027",
    "PRB028",
];

fn tls_findings<'a>(report: &'a Report, host: &str) -> Vec<&'a Finding> {
    report
        .findings
        .iter()
        .filter(|f| TLS_CODES.contains(&f.code.as_str()))
        .filter(|f| f.location.host.as_deref() == Some(host))
        .collect()
}

fn lines(findings: &[&Finding]) -> Vec<String> {
    findings
        .iter()
        .map(|f| format!("{} [{:?}] {}", f.code, f.severity, f.message))
        .collect()
}

#[test]
fn insecure_nginx_tls_findings_at_host_and_port() {
    let Some((nginx, openssl)) = tools("insecure_nginx_tls_findings_at_host_and_port") else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let ca = make_pki(&openssl, dir.path());
    let (legacy, expired) = (free_port(), free_port());
    let _nginx = start_nginx(
        &nginx,
        dir.path(),
        &[
            (legacy, "other", TLS_LEGACY),
            (expired, "expired", TLS_HARDENED),
        ],
    );
    let legacy_url = format!("https://127.0.0.1:{legacy}/");
    let expired_url = format!("https://127.0.0.1:{expired}/");
    // The same origin twice: probed once.
    let report = probe(
        &[
            legacy_url.clone(),
            format!("{legacy_url}other"),
            expired_url.clone(),
        ],
        vec![ca],
    );
    let legacy_host = format!("127.0.0.1:{legacy}");
    let expired_host = format!("127.0.0.1:{expired}");
    let on_legacy = tls_findings(&report, &legacy_host);
    let on_expired = tls_findings(&report, &expired_host);
    println!("{:#?}\n{:#?}", lines(&on_legacy), lines(&on_expired));
    println!("errors {:?}\nwarnings {:?}", report.errors, report.warnings);
    assert!(report.errors.is_empty(), "{:?}", report.errors);

    let has = |findings: &[&Finding], code: &str, severity: Severity, needle: &str| {
        findings
            .iter()
            .any(|f| f.code == code && f.severity == severity && f.message.contains(needle))
    };
    for (code, severity, needle) in [
        (
            "PRB019",
            Severity::High,
            "accepts deprecated TLSv1.0 and TLSv1.1",
        ),
        ("PRB020", Severity::Low, "does not accept TLSv1.3"),
        ("PRB021", Severity::High, "TLS_RSA_WITH_NULL_SHA"),
        (
            "PRB021",
            Severity::High,
            "TLS_ECDH_anon_WITH_AES_128_CBC_SHA",
        ),
        (
            "PRB021",
            Severity::Medium,
            "accepts CBC with SHA-1 suites under TLSv1.0: ",
        ),
        ("PRB022", Severity::Medium, "no forward secrecy"),
        (
            "PRB024",
            Severity::High,
            "the certificate is not valid for 127.0.0.1",
        ),
        ("PRB028", Severity::Info, "no OCSP response is stapled"),
    ] {
        assert!(
            has(&on_legacy, code, severity, needle),
            "missing {code} {severity:?} {needle}: {:#?}",
            lines(&on_legacy)
        );
    }
    // Trusted through the extra root: no chain finding; not expired (90 days left).
    for code in ["PRB023", "PRB025", "PRB026", "PRB027"] {
        assert!(
            !on_legacy.iter().any(|f| f.code == code),
            "{code}: {:#?}",
            lines(&on_legacy)
        );
    }
    // One TLS probe per host:port, however many URLs share it.
    assert_eq!(
        on_legacy.iter().filter(|f| f.code == "PRB019").count(),
        1,
        "{:#?}",
        lines(&on_legacy)
    );
    for f in on_legacy.iter().chain(&on_expired) {
        assert_eq!(f.location.url, None, "{f:?}");
    }
    assert_eq!(
        on_legacy[0].metadata["origin"],
        format!("https://127.0.0.1:{legacy}")
    );

    // The expired certificate: expired (high), and not also "untrusted"; TLS itself is fine.
    assert!(
        has(
            &on_expired,
            "PRB025",
            Severity::High,
            "the certificate expired"
        ),
        "{:#?}",
        lines(&on_expired)
    );
    let expired_codes: Vec<&str> = on_expired.iter().map(|f| f.code.as_str()).collect();
    assert_eq!(
        expired_codes,
        ["PRB025", "PRB028"],
        "{:#?}",
        lines(&on_expired)
    );

    // The TLS deductions count in each origin's score.
    let scores = &report.stats["scores"];
    println!("scores {scores}");
    let legacy_score = scores[format!("https://127.0.0.1:{legacy}")]
        .as_u64()
        .unwrap();
    let expired_score = scores[format!("https://127.0.0.1:{expired}")]
        .as_u64()
        .unwrap();
    assert!(expired_score <= 60, "{scores}");
    assert_eq!(legacy_score, 0, "{scores}");
}

#[test]
fn hardened_nginx_has_nothing_high_from_tls() {
    let Some((nginx, openssl)) = tools("hardened_nginx_has_nothing_high_from_tls") else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let ca = make_pki(&openssl, dir.path());
    let port = free_port();
    let _nginx = start_nginx(&nginx, dir.path(), &[(port, "good", TLS_HARDENED)]);
    let url = format!("https://127.0.0.1:{port}/");
    let host = format!("127.0.0.1:{port}");

    let report = probe(std::slice::from_ref(&url), vec![ca]);
    let tls = tls_findings(&report, &host);
    println!("{:#?}\nerrors {:?}", lines(&tls), report.errors);
    assert!(report.errors.is_empty(), "{:?}", report.errors);
    let high: Vec<String> = lines(&tls)
        .into_iter()
        .zip(&tls)
        .filter(|(_, f)| f.severity >= Severity::High)
        .map(|(l, _)| l)
        .collect();
    assert_eq!(high, Vec::<String>::new());
    // Only the missing OCSP staple (info) is left.
    let codes: Vec<&str> = tls.iter().map(|f| f.code.as_str()).collect();
    assert_eq!(codes, ["PRB028"], "{:#?}", lines(&tls));

    // Without the test CA the same chain is untrusted: said so, at high.
    let report = probe(std::slice::from_ref(&url), Vec::new());
    let tls = tls_findings(&report, &host);
    assert!(
        tls.iter().any(|f| f.code == "PRB023"
            && f.severity == Severity::High
            && f.message
                .contains("does not verify against the system roots")),
        "{:#?}",
        lines(&tls)
    );
}

#[test]
fn tls_to_a_closed_port_is_not_checked_never_clean() {
    // No tool needed: nothing listens on the port.
    let port = free_port();
    let report = probe(&[format!("https://127.0.0.1:{port}/")], Vec::new());
    println!("{:?}", report.errors);
    assert!(report.findings.is_empty(), "{:?}", report.findings);
    let tls: Vec<_> = report
        .errors
        .iter()
        .filter(|e| e.path == format!("127.0.0.1:{port}"))
        .collect();
    assert_eq!(tls.len(), 1, "{:?}", report.errors);
    assert!(
        tls[0].message.starts_with("not checked: TLS: "),
        "{:?}",
        tls[0]
    );
}

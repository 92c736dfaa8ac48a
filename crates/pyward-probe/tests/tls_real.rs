//! The TLS probe against real servers on loopback: Debian's nginx, configured once insecurely and
//! once hardened, with a CA and certificates (good, expired, wrong host name) made here with the
//! `openssl` CLI. Runs when PYWARD_REAL_TOOLS=1 (and fails if nginx or openssl is missing then);
//! prints SKIP otherwise. The bad-input tests (plain HTTP, silence, garbage) need no tool.

mod support;

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use pyward_probe::tls::suites::WeakCategory;
use pyward_probe::tls::{Outcome, TlsOptions, TlsReport, TlsTarget, TlsVersion, probe};
use support::{
    Nginx, TLS_HARDENED, TLS_LEGACY, free_port, make_ca, make_leaf, openssl, real_system_tools,
};

/// The test CA and three leaves (`good` and `expired` for localhost and 127.0.0.1, `other` for
/// other.example only), and a stapled OCSP response for `good`; returns the CA's PEM.
fn make_pki(bin: &Path, dir: &Path) -> String {
    let ca_pem = make_ca(bin, dir);
    make_leaf(bin, dir, "good", "local", &["-days", "20"]);
    make_leaf(
        bin,
        dir,
        "expired",
        "local",
        &[
            "-startdate",
            "20200101000000Z",
            "-enddate",
            "20210101000000Z",
        ],
    );
    make_leaf(bin, dir, "other", "other", &["-days", "20"]);
    // nginx serves the staple from a file.
    openssl(
        bin,
        dir,
        &[
            "ocsp",
            "-index",
            "index.txt",
            "-rsigner",
            "ca.crt",
            "-rkey",
            "ca.key",
            "-CA",
            "ca.crt",
            "-issuer",
            "ca.crt",
            "-cert",
            "good.crt",
            "-respout",
            "good.ocsp",
            "-ndays",
            "2",
        ],
    );
    ca_pem
}

struct Ports {
    insecure: u16,
    hardened: u16,
    expired: u16,
    other: u16,
    tls13_only: u16,
    plain: u16,
}

fn start_nginx(bin: &Path, dir: &Path) -> (Nginx, Ports) {
    let ports = Ports {
        insecure: free_port(),
        hardened: free_port(),
        expired: free_port(),
        other: free_port(),
        tls13_only: free_port(),
        plain: free_port(),
    };
    let stapled = format!(
        "{TLS_HARDENED}\nssl_stapling on; ssl_stapling_file {{dir}}/good.ocsp;\n\
         ssl_trusted_certificate {{dir}}/ca.crt;"
    );
    let server = |port: u16, cert: &str, tls: &str| {
        format!(
            "server {{ listen 127.0.0.1:{port} ssl; server_name localhost;\n\
             ssl_certificate {{dir}}/{cert}.crt; ssl_certificate_key {{dir}}/{cert}.key;\n\
             {tls}\n location / {{ return 200 'ok'; }} }}\n"
        )
    };
    let http = [
        server(ports.insecure, "good", TLS_LEGACY),
        server(ports.hardened, "good", &stapled),
        server(ports.expired, "expired", TLS_HARDENED),
        server(ports.other, "other", TLS_HARDENED),
        server(ports.tls13_only, "good", "ssl_protocols TLSv1.3;"),
        format!(
            "server {{ listen 127.0.0.1:{}; location / {{ return 200 'plain'; }} }}\n",
            ports.plain
        ),
    ]
    .concat();
    let all = [
        ports.insecure,
        ports.hardened,
        ports.expired,
        ports.other,
        ports.tls13_only,
        ports.plain,
    ];
    (Nginx::start_in(bin, dir, &http, &all), ports)
}

fn opts(ca_pem: &str) -> TlsOptions {
    TlsOptions {
        connect_timeout: Duration::from_secs(3),
        read_timeout: Duration::from_secs(3),
        extra_roots_pem: vec![ca_pem.to_string()],
        ..TlsOptions::default()
    }
}

fn probe_port(port: u16, o: &TlsOptions) -> TlsReport {
    let target = TlsTarget {
        host: "127.0.0.1".into(),
        port,
        server_name: "localhost".into(),
    };
    let started = Instant::now();
    let report = probe(&target, o);
    println!(
        "probe of 127.0.0.1:{port} took {} ms",
        started.elapsed().as_millis()
    );
    report
}

fn weak(report: &TlsReport, c: WeakCategory) -> Vec<String> {
    let w = report
        .weak_suites
        .iter()
        .find(|w| w.category == c)
        .expect("category present");
    match &w.outcome {
        Outcome::Checked { result } => result.clone(),
        Outcome::NotChecked { reason } => panic!("{c:?} not checked: {reason}"),
    }
}

/// Whether this machine's OpenSSL (which nginx links) still has a cipher at all.
fn openssl_has(openssl: &Path, cipher: &str) -> bool {
    let out = Command::new(openssl)
        .args(["ciphers", "ALL:COMPLEMENTOFALL:@SECLEVEL=0"])
        .output()
        .expect("openssl ciphers");
    String::from_utf8_lossy(&out.stdout)
        .split(':')
        .any(|c| c.trim() == cipher)
}

#[test]
fn nginx_insecure_and_hardened() {
    let Some([nginx, openssl]) =
        real_system_tools("nginx_insecure_and_hardened", ["nginx", "openssl"])
    else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let ca_pem = make_pki(&openssl, dir.path());
    let (_nginx, ports) = start_nginx(&nginx, dir.path());
    let o = opts(&ca_pem);

    // Insecure: TLS 1.0-1.2, everything OpenSSL still has at security level 0.
    let r = probe_port(ports.insecure, &o);
    println!("{}", serde_json::to_string_pretty(&r).unwrap());
    assert_eq!(r.accepts(TlsVersion::Tls10), Some(true));
    assert_eq!(r.accepts(TlsVersion::Tls11), Some(true));
    assert_eq!(r.accepts(TlsVersion::Tls12), Some(true));
    assert_eq!(r.accepts(TlsVersion::Tls13), Some(false));
    let cbc = weak(&r, WeakCategory::CbcSha1Tls10);
    assert!(
        cbc.contains(&"TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA".to_string()),
        "{cbc:?}"
    );
    assert!(
        cbc.contains(&"TLS_RSA_WITH_AES_256_CBC_SHA".to_string()),
        "{cbc:?}"
    );
    let null = weak(&r, WeakCategory::Null);
    assert!(
        null.contains(&"TLS_RSA_WITH_NULL_SHA".to_string()),
        "{null:?}"
    );
    assert!(
        null.contains(&"TLS_ECDHE_RSA_WITH_NULL_SHA".to_string()),
        "{null:?}"
    );
    let anon = weak(&r, WeakCategory::Anonymous);
    assert!(
        anon.contains(&"TLS_ECDH_anon_WITH_AES_128_CBC_SHA".to_string()),
        "{anon:?}"
    );
    // 3DES and RC4 are accepted exactly when this OpenSSL still has them.
    assert_eq!(
        weak(&r, WeakCategory::TripleDes).contains(&"TLS_RSA_WITH_3DES_EDE_CBC_SHA".to_string()),
        openssl_has(&openssl, "DES-CBC3-SHA")
    );
    assert_eq!(
        weak(&r, WeakCategory::Rc4).contains(&"TLS_RSA_WITH_RC4_128_SHA".to_string()),
        openssl_has(&openssl, "RC4-SHA")
    );
    assert!(weak(&r, WeakCategory::Export).is_empty());
    let fs = r.forward_secrecy.checked().expect("fs checked");
    assert!(!fs.prefers_forward_secrecy, "{fs:?}");
    let c = r.certificate.checked().expect("certificate checked");
    assert!(c.chain_valid && c.hostname_matches, "{c:?}");

    // Hardened: TLS 1.2 and 1.3, ECDHE AEAD suites only, server order.
    let r = probe_port(ports.hardened, &o);
    println!("{}", serde_json::to_string_pretty(&r).unwrap());
    assert_eq!(r.accepts(TlsVersion::Tls10), Some(false));
    assert_eq!(r.accepts(TlsVersion::Tls11), Some(false));
    assert_eq!(r.accepts(TlsVersion::Tls12), Some(true));
    assert_eq!(r.accepts(TlsVersion::Tls13), Some(true));
    assert!(r.accepted_weak_suites().is_empty(), "{:?}", r.weak_suites);
    for w in &r.weak_suites {
        assert!(w.outcome.checked().is_some(), "{w:?}");
    }
    assert!(
        r.forward_secrecy
            .checked()
            .expect("fs checked")
            .prefers_forward_secrecy
    );
    let c = r.certificate.checked().expect("certificate checked");
    assert!(c.chain_valid, "{c:?}");
    assert!(c.hostname_matches, "{c:?}");
    assert_eq!(c.chain_length, 1);
    let leaf = c.leaf.as_ref().expect("leaf parsed");
    assert_eq!(leaf.key_type, "rsa");
    assert_eq!(leaf.key_bits, Some(2048));
    assert_eq!(leaf.signature_algorithm, "sha256WithRSAEncryption");
    assert!(c.days_left.is_some_and(|d| (18..=20).contains(&d)), "{c:?}");
    assert!(c.ocsp_stapled, "{c:?}");
    assert!(r.errors.is_empty(), "{:?}", r.errors);

    // The same chain is not valid without the test CA (system roots only).
    let system_only = TlsOptions {
        extra_roots_pem: Vec::new(),
        ..o.clone()
    };
    let r = probe_port(ports.hardened, &system_only);
    let c = r.certificate.checked().expect("certificate checked");
    assert!(!c.chain_valid && c.chain_error.is_some(), "{c:?}");

    // Expired certificate.
    let r = probe_port(ports.expired, &o);
    let c = r.certificate.checked().expect("certificate checked");
    assert!(!c.chain_valid, "{c:?}");
    assert!(c.chain_expired, "{c:?}");
    assert_eq!(
        c.chain_error.as_deref(),
        Some("the certificate has expired"),
        "{c:?}"
    );
    assert!(c.days_left.is_some_and(|d| d < -365), "{c:?}");
    assert!(c.hostname_matches);
    // Without the test CA the expired leaf is also untrusted: both are said.
    let r = probe_port(ports.expired, &system_only);
    let c = r.certificate.checked().expect("certificate checked");
    assert!(!c.chain_valid && !c.chain_expired, "{c:?}");
    assert_eq!(
        c.chain_error.as_deref(),
        Some(
            "issued by an authority that is not trusted (self-signed, a private CA, or a missing \
             intermediate); and it has expired"
        ),
        "{c:?}"
    );

    // Wrong host name.
    let r = probe_port(ports.other, &o);
    let c = r.certificate.checked().expect("certificate checked");
    assert!(c.chain_valid, "{c:?}");
    assert!(!c.hostname_matches, "{c:?}");
    assert_eq!(
        c.hostname_error.as_deref(),
        Some("the certificate is for other.example"),
        "{c:?}"
    );

    // TLS 1.3 only: the chain (encrypted there) is read with a rustls handshake.
    let r = probe_port(ports.tls13_only, &o);
    println!("{}", serde_json::to_string_pretty(&r).unwrap());
    for v in [TlsVersion::Tls10, TlsVersion::Tls11, TlsVersion::Tls12] {
        assert_eq!(r.accepts(v), Some(false), "{v:?}");
    }
    assert_eq!(r.accepts(TlsVersion::Tls13), Some(true));
    assert!(r.accepted_weak_suites().is_empty());
    assert!(
        r.forward_secrecy
            .checked()
            .expect("fs")
            .prefers_forward_secrecy
    );
    let c = r.certificate.checked().expect("certificate checked");
    assert_eq!(c.version, TlsVersion::Tls13);
    assert!(c.chain_valid && c.hostname_matches, "{c:?}");
    assert_eq!(c.leaf.as_ref().map(|l| l.key_bits), Some(Some(2048)));
    assert!(r.errors.is_empty(), "{:?}", r.errors);

    // TLS to the plain-HTTP port: nothing passes, every check says why.
    let r = probe_port(ports.plain, &o);
    println!("{}", serde_json::to_string_pretty(&r).unwrap());
    assert_no_pass(&r);
}

/// No version accepted, nothing checked as clean: every check not checked, with a reason.
fn assert_no_pass(r: &TlsReport) {
    for v in &r.versions {
        assert!(
            matches!(&v.outcome, Outcome::NotChecked { reason } if !reason.is_empty()),
            "{v:?}"
        );
    }
    for w in &r.weak_suites {
        assert!(w.outcome.checked().is_none(), "{w:?}");
    }
    assert!(r.forward_secrecy.checked().is_none());
    assert!(r.certificate.checked().is_none());
    assert!(r.errors.len() >= 4, "{:?}", r.errors);
}

/// A one-shot local server: `respond` gets each accepted connection.
fn serve(respond: impl Fn(TcpStream) + Send + Sync + 'static) -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    std::thread::spawn(move || {
        let respond = std::sync::Arc::new(respond);
        for s in listener.incoming().flatten() {
            let r = respond.clone();
            std::thread::spawn(move || r(s));
        }
    });
    port
}

fn short() -> TlsOptions {
    TlsOptions {
        connect_timeout: Duration::from_millis(500),
        read_timeout: Duration::from_millis(300),
        ..TlsOptions::default()
    }
}

#[test]
fn plain_http_is_not_tls() {
    let port = serve(|mut s| {
        let mut buf = [0u8; 512];
        let _ = s.read(&mut buf);
        let _ = s.write_all(b"HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n");
    });
    let r = probe(&TlsTarget::new("127.0.0.1", port), &short());
    assert_no_pass(&r);
    assert!(
        r.errors.iter().any(|e| e.reason.contains("plain HTTP")),
        "{:?}",
        r.errors
    );
}

#[test]
fn silent_server_is_bounded_by_the_timeout() {
    let port = serve(|s| {
        std::thread::sleep(Duration::from_secs(5));
        drop(s);
    });
    let started = Instant::now();
    let r = probe(&TlsTarget::new("127.0.0.1", port), &short());
    println!(
        "silent server probe took {} ms",
        started.elapsed().as_millis()
    );
    assert_no_pass(&r);
    assert!(
        r.errors.iter().any(|e| e.reason.contains("timeout")),
        "{:?}",
        r.errors
    );
}

#[test]
fn garbage_is_not_a_pass() {
    let port = serve(|mut s| {
        let mut buf = [0u8; 512];
        let _ = s.read(&mut buf);
        // A TLS-looking header with a hostile length, then noise.
        let _ = s.write_all(&[22, 3, 3, 0xff, 0xff, 1, 2, 3, 4]);
    });
    let r = probe(&TlsTarget::new("127.0.0.1", port), &short());
    assert_no_pass(&r);
    let port = serve(|mut s| {
        let mut buf = [0u8; 512];
        let _ = s.read(&mut buf);
        let _ = s.write_all(&[0xde, 0xad, 0xbe, 0xef, 0, 0, 0, 0, 0, 0]);
    });
    let r = probe(&TlsTarget::new("127.0.0.1", port), &short());
    assert_no_pass(&r);
}

#[test]
fn dripping_server_is_bounded_by_the_deadline() {
    // A record header promising 1000 bytes, then one byte every 100 ms: each read succeeds
    // within the read timeout, so only the per-handshake deadline stops it.
    let port = serve(|mut s| {
        let mut buf = [0u8; 512];
        let _ = s.read(&mut buf);
        let _ = s.write_all(&[22, 3, 3, 0x03, 0xe8]);
        for _ in 0..100 {
            if s.write_all(&[0]).is_err() {
                break;
            }
            std::thread::sleep(Duration::from_millis(100));
        }
    });
    let started = Instant::now();
    let r = probe(&TlsTarget::new("127.0.0.1", port), &short());
    println!(
        "dripping server probe took {} ms",
        started.elapsed().as_millis()
    );
    assert_no_pass(&r);
}

#[test]
fn a_server_refusing_everything_is_not_clean() {
    let port = serve(|mut s| {
        let mut buf = [0u8; 512];
        let _ = s.read(&mut buf);
        let _ = s.write_all(&[21, 3, 3, 0, 2, 2, 40]); // fatal handshake_failure
    });
    let r = probe(&TlsTarget::new("127.0.0.1", port), &short());
    for v in TlsVersion::ALL {
        assert_eq!(r.accepts(v), Some(false), "{v:?}");
    }
    for w in &r.weak_suites {
        assert!(
            matches!(&w.outcome, Outcome::NotChecked { reason } if reason.contains("refused every")),
            "{w:?}"
        );
    }
    assert!(r.forward_secrecy.checked().is_none());
    assert!(r.certificate.checked().is_none());
}

#[test]
fn unreachable_and_unresolvable() {
    let port = free_port(); // nothing listens there
    let r = probe(&TlsTarget::new("127.0.0.1", port), &short());
    assert_no_pass(&r);
    assert!(
        r.errors.iter().any(|e| e.reason.contains("cannot connect")),
        "{:?}",
        r.errors
    );
    let r = probe(&TlsTarget::new("no-such-host.invalid", 443), &short());
    assert!(r.versions.iter().all(|v| v.outcome.checked().is_none()));
    assert!(!r.errors.is_empty());
}

#[test]
fn report_serializes() {
    let r = probe(&TlsTarget::new("127.0.0.1", free_port()), &short());
    let json = serde_json::to_value(&r).unwrap();
    assert_eq!(json["versions"][0]["version"], "TLSv1.0");
    assert_eq!(json["versions"][0]["outcome"]["status"], "not_checked");
}

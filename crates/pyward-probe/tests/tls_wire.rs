//! The TLS wire parser on real server flights recorded from nginx (tests/fixtures/tls).

use std::time::{Duration, Instant};

use pyward_probe::tls::cert;
use pyward_probe::tls::wire::{Answer, read_answer};

fn flight(name: &str) -> Vec<u8> {
    let path = format!("{}/tests/fixtures/tls/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn answer(name: &str) -> pyward_probe::tls::wire::ServerHello {
    let bytes = flight(name);
    let deadline = Instant::now() + Duration::from_secs(5);
    match read_answer(&mut &bytes[..], true, deadline) {
        Ok(Answer::Hello(h)) => h,
        other => panic!("{name}: {other:?}"),
    }
}

#[test]
fn tls12_flight_carries_the_certificate() {
    let h = answer("nginx_tls1_2.bin");
    assert_eq!(h.version, 0x0303);
    assert!(!h.retry);
    assert_eq!(h.certificates.len(), 1);
    let facts = cert::parse(&h.certificates[0]).expect("a certificate");
    assert_eq!(facts.key_type, "rsa");
    assert_eq!(facts.key_bits, Some(2048));
    assert_eq!(facts.signature_algorithm, "sha256WithRSAEncryption");
    assert_eq!(facts.not_after - facts.not_before, 30 * 86_400);
}

#[test]
fn tls10_flight() {
    let h = answer("nginx_tls1.bin");
    assert_eq!(h.version, 0x0301);
    assert_eq!(h.certificates.len(), 1);
}

#[test]
fn tls13_flight_hides_the_certificate() {
    let h = answer("nginx_tls1_3.bin");
    assert_eq!(h.version, 0x0304);
    assert!(h.certificates.is_empty());
}

#[test]
fn every_truncation_of_a_real_flight_is_handled() {
    for name in ["nginx_tls1.bin", "nginx_tls1_2.bin", "nginx_tls1_3.bin"] {
        let bytes = flight(name);
        for cut in 0..bytes.len() {
            let deadline = Instant::now() + Duration::from_secs(5);
            let _ = read_answer(&mut &bytes[..cut], true, deadline);
        }
    }
}

/// Key type, size and signature algorithm of certificates made by the openssl CLI.
#[test]
fn certificate_facts_for_several_key_types() {
    use rustls_pki_types::CertificateDer;
    use rustls_pki_types::pem::PemObject;

    let real = std::env::var("PYWARD_REAL_TOOLS").is_ok_and(|v| v == "1");
    let openssl = ["/usr/bin/openssl", "/usr/local/bin/openssl"]
        .into_iter()
        .find(|p| std::path::Path::new(p).is_file());
    let Some(openssl) = openssl.filter(|_| real) else {
        assert!(!real, "PYWARD_REAL_TOOLS=1 but openssl is missing");
        println!("SKIP: certificate_facts_for_several_key_types: set PYWARD_REAL_TOOLS=1");
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    for (key, digest, key_type, bits, sig) in [
        ("ec:P-384", "-sha384", "ec", Some(384), "ecdsa-with-SHA384"),
        ("ec:P-256", "-sha256", "ec", Some(256), "ecdsa-with-SHA256"),
        (
            "rsa:3072",
            "-sha512",
            "rsa",
            Some(3072),
            "sha512WithRSAEncryption",
        ),
        (
            "rsa:1024",
            "-sha1",
            "rsa",
            Some(1024),
            "sha1WithRSAEncryption",
        ),
        ("ed25519", "", "ed25519", Some(256), "ed25519"),
    ] {
        let cert = dir.path().join("c.pem");
        let mut cmd = std::process::Command::new(openssl);
        cmd.args(["req", "-x509", "-nodes", "-days", "7", "-subj", "/CN=t"]);
        if let Some(curve) = key.strip_prefix("ec:") {
            cmd.args([
                "-newkey",
                "ec",
                "-pkeyopt",
                &format!("ec_paramgen_curve:{curve}"),
            ]);
        } else {
            cmd.args(["-newkey", key]);
        }
        if !digest.is_empty() {
            cmd.arg(digest);
        }
        cmd.arg("-keyout").arg(dir.path().join("k.pem"));
        cmd.arg("-out").arg(&cert);
        let out = cmd.output().unwrap();
        assert!(
            out.status.success(),
            "{key}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let der = CertificateDer::from_pem_file(&cert).unwrap();
        let facts = cert::parse(der.as_ref()).expect("parsed");
        assert_eq!(facts.key_type, key_type, "{key}");
        assert_eq!(facts.key_bits, bits, "{key}");
        assert_eq!(facts.signature_algorithm, sig, "{key}");
        assert_eq!(facts.not_after - facts.not_before, 7 * 86_400, "{key}");
    }
}

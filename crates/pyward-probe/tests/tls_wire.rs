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

//! Certificate facts: a small defensive DER reader for the fields the probe reports (validity,
//! key type and size, signature algorithm), and chain + hostname verification with webpki
//! against the system roots plus any extra roots given.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use rustls_pki_types::pem::PemObject;
use rustls_pki_types::{CertificateDer, ServerName, UnixTime};
use serde::Serialize;

/// What the probe reads out of one certificate.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CertFacts {
    /// Seconds since the Unix epoch.
    pub not_before: i64,
    pub not_after: i64,
    /// `rsa`, `ec`, `ed25519`, `ed448`, `dsa` or the OID.
    pub key_type: String,
    /// In bits: the RSA modulus, or the curve size.
    pub key_bits: Option<u32>,
    /// e.g. `sha256WithRSAEncryption`, `ecdsa-with-SHA256`, or the OID.
    pub signature_algorithm: String,
}

struct Der<'a> {
    data: &'a [u8],
}

impl<'a> Der<'a> {
    /// Reads one TLV; returns (tag, contents).
    fn next(&mut self) -> Option<(u8, &'a [u8])> {
        let tag = *self.data.first()?;
        let first = *self.data.get(1)? as usize;
        let (len, header) = if first < 0x80 {
            (first, 2)
        } else {
            let n = first & 0x7f;
            if n == 0 || n > 4 {
                return None;
            }
            let mut len = 0usize;
            for i in 0..n {
                len = (len << 8) | *self.data.get(2 + i)? as usize;
            }
            (len, 2 + n)
        };
        let end = header.checked_add(len)?;
        let contents = self.data.get(header..end)?;
        self.data = self.data.get(end..)?;
        Some((tag, contents))
    }
    fn expect(&mut self, tag: u8) -> Option<&'a [u8]> {
        match self.next()? {
            (t, c) if t == tag => Some(c),
            _ => None,
        }
    }
}

fn oid_string(bytes: &[u8]) -> String {
    let mut parts: Vec<u64> = Vec::new();
    let mut value: u64 = 0;
    for &b in bytes {
        value = (value << 7) | u64::from(b & 0x7f);
        if b & 0x80 == 0 {
            if parts.is_empty() {
                let first = (value / 40).min(2);
                parts.push(first);
                parts.push(value - first * 40);
            } else {
                parts.push(value);
            }
            value = 0;
        }
        if value > u64::MAX >> 8 {
            return "invalid".to_string();
        }
    }
    parts
        .iter()
        .map(u64::to_string)
        .collect::<Vec<_>>()
        .join(".")
}

fn signature_name(oid: &str) -> String {
    match oid {
        "1.2.840.113549.1.1.4" => "md5WithRSAEncryption",
        "1.2.840.113549.1.1.5" => "sha1WithRSAEncryption",
        "1.2.840.113549.1.1.10" => "rsassaPss",
        "1.2.840.113549.1.1.11" => "sha256WithRSAEncryption",
        "1.2.840.113549.1.1.12" => "sha384WithRSAEncryption",
        "1.2.840.113549.1.1.13" => "sha512WithRSAEncryption",
        "1.2.840.10045.4.1" => "ecdsa-with-SHA1",
        "1.2.840.10045.4.3.2" => "ecdsa-with-SHA256",
        "1.2.840.10045.4.3.3" => "ecdsa-with-SHA384",
        "1.2.840.10045.4.3.4" => "ecdsa-with-SHA512",
        "1.3.101.112" => "ed25519",
        "1.3.101.113" => "ed448",
        other => return other.to_string(),
    }
    .to_string()
}

/// Parses a DER time (UTCTime or GeneralizedTime, `Z` form) into Unix seconds.
fn parse_time(tag: u8, s: &[u8]) -> Option<i64> {
    let s = std::str::from_utf8(s).ok()?;
    let (year, rest) = match tag {
        0x17 => {
            let yy: i64 = s.get(0..2)?.parse().ok()?;
            (if yy >= 50 { 1900 + yy } else { 2000 + yy }, s.get(2..)?)
        }
        0x18 => (s.get(0..4)?.parse().ok()?, s.get(4..)?),
        _ => return None,
    };
    let num = |r: std::ops::Range<usize>| -> Option<i64> { rest.get(r)?.parse().ok() };
    let (month, day, hour, min) = (num(0..2)?, num(2..4)?, num(4..6)?, num(6..8)?);
    let sec = num(8..10).unwrap_or(0);
    if !(1..=12).contains(&month) || !(1..=31).contains(&day) {
        return None;
    }
    // Days from civil (Howard Hinnant's algorithm).
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    let days = era * 146_097 + doe - 719_468;
    Some(days * 86_400 + hour * 3600 + min * 60 + sec)
}

/// Reads the reported fields out of a DER certificate; `None` when it is not one.
pub fn parse(der: &[u8]) -> Option<CertFacts> {
    let mut outer = Der { data: der };
    let mut cert = Der {
        data: outer.expect(0x30)?,
    };
    let mut tbs = Der {
        data: cert.expect(0x30)?,
    };
    let mut sig_alg = Der {
        data: cert.expect(0x30)?,
    };
    let signature_algorithm = signature_name(&oid_string(sig_alg.expect(0x06)?));

    let (mut tag, mut contents) = tbs.next()?;
    if tag == 0xa0 {
        (tag, contents) = tbs.next()?; // serial after the explicit version
    }
    let _ = contents;
    if tag != 0x02 {
        return None;
    }
    tbs.expect(0x30)?; // signature
    tbs.expect(0x30)?; // issuer
    let mut validity = Der {
        data: tbs.expect(0x30)?,
    };
    let (t1, v1) = validity.next()?;
    let (t2, v2) = validity.next()?;
    let not_before = parse_time(t1, v1)?;
    let not_after = parse_time(t2, v2)?;
    tbs.expect(0x30)?; // subject
    let mut spki = Der {
        data: tbs.expect(0x30)?,
    };
    let mut alg = Der {
        data: spki.expect(0x30)?,
    };
    let key_oid = oid_string(alg.expect(0x06)?);
    let key_bits_string = spki.expect(0x03)?;
    let (key_type, key_bits) = match key_oid.as_str() {
        "1.2.840.113549.1.1.1" | "1.2.840.113549.1.1.10" => {
            let mut k = Der {
                data: key_bits_string.get(1..)?,
            };
            let mut seq = Der {
                data: k.expect(0x30)?,
            };
            let modulus = seq.expect(0x02)?;
            let start = modulus
                .iter()
                .position(|&b| b != 0)
                .unwrap_or(modulus.len());
            let m = &modulus[start..];
            let bits = m
                .first()
                .map(|&b| (m.len() as u32 - 1) * 8 + (8 - b.leading_zeros()))
                .unwrap_or(0);
            ("rsa".to_string(), Some(bits))
        }
        "1.2.840.10045.2.1" => {
            let curve = alg.expect(0x06).map(oid_string);
            let bits = match curve.as_deref() {
                Some("1.2.840.10045.3.1.7") => Some(256),
                Some("1.3.132.0.34") => Some(384),
                Some("1.3.132.0.35") => Some(521),
                Some("1.3.132.0.33") => Some(224),
                Some("1.2.840.10045.3.1.1") => Some(192),
                _ => None,
            };
            ("ec".to_string(), bits)
        }
        "1.3.101.112" => ("ed25519".to_string(), Some(256)),
        "1.3.101.113" => ("ed448".to_string(), Some(456)),
        "1.2.840.10040.4.1" => ("dsa".to_string(), None),
        other => (other.to_string(), None),
    };
    Some(CertFacts {
        not_before,
        not_after,
        key_type,
        key_bits,
        signature_algorithm,
    })
}

/// The system's trusted roots as PEM files: `SSL_CERT_FILE` when set, else the usual bundles.
pub fn system_root_files() -> Vec<std::path::PathBuf> {
    if let Some(file) = std::env::var_os("SSL_CERT_FILE") {
        return vec![file.into()];
    }
    [
        "/etc/ssl/certs/ca-certificates.crt",
        "/etc/pki/tls/certs/ca-bundle.crt",
        "/etc/ssl/ca-bundle.pem",
        "/etc/ssl/cert.pem",
    ]
    .iter()
    .map(std::path::PathBuf::from)
    .filter(|p| p.is_file())
    .take(1)
    .collect()
}

/// Loads root certificates: the system bundle plus `extra_pem`.
pub fn load_roots(
    extra_pem: &[String],
    system: bool,
) -> (Vec<CertificateDer<'static>>, Vec<String>) {
    let mut roots = Vec::new();
    let mut errors = Vec::new();
    let files = if system {
        system_root_files()
    } else {
        Vec::new()
    };
    for file in files {
        match CertificateDer::pem_file_iter(&file) {
            Ok(iter) => roots.extend(iter.filter_map(Result::ok)),
            Err(e) => errors.push(format!("system roots {}: {e}", file.display())),
        }
    }
    for pem in extra_pem {
        let before = roots.len();
        roots.extend(CertificateDer::pem_slice_iter(pem.as_bytes()).filter_map(Result::ok));
        if roots.len() == before {
            errors.push("an extra root holds no PEM certificate".to_string());
        }
    }
    (roots, errors)
}

/// A host name or address out of webpki's rendering of a subject alternative name
/// (`DnsName("a.example")`, `IpAddress(127.0.0.1)`); `None` for the other kinds.
fn plain_name(presented: &str) -> Option<&str> {
    presented
        .strip_prefix("DnsName(\"")
        .and_then(|n| n.strip_suffix("\")"))
        .or_else(|| {
            presented
                .strip_prefix("IpAddress(")
                .and_then(|n| n.strip_suffix(')'))
        })
}

/// At most `max` characters of `s` (a name from a certificate the server chose).
fn clip(s: &str, max: usize) -> String {
    match s.char_indices().nth(max) {
        Some((i, _)) => format!("{}…", &s[..i]),
        None => s.to_string(),
    }
}

/// Why a chain did not verify.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChainError {
    /// The chain is otherwise fine but a certificate in it has expired.
    pub expired: bool,
    pub why: String,
}

impl ChainError {
    fn other(why: &str) -> ChainError {
        ChainError {
            expired: false,
            why: why.to_string(),
        }
    }
}

/// Why a chain or a name did not verify, in words (webpki's error names are not for users).
pub fn describe(e: &webpki::Error) -> String {
    use webpki::Error as E;
    match e {
        E::UnknownIssuer => {
            "issued by an authority that is not trusted (self-signed, a private CA, \
                             or a missing intermediate)"
                .into()
        }
        E::CertExpired { .. } => "the certificate has expired".into(),
        E::CertNotValidYet { .. } => "the certificate is not valid yet".into(),
        E::CertNotValidForName(ctx) => {
            const SHOWN: usize = 8;
            let names: Vec<&str> = ctx.presented.iter().filter_map(|n| plain_name(n)).collect();
            if names.is_empty() {
                return "the certificate names no host".into();
            }
            let mut list = names
                .iter()
                .take(SHOWN)
                .map(|n| clip(n, 100))
                .collect::<Vec<_>>()
                .join(", ");
            if names.len() > SHOWN {
                list.push_str(&format!(" and {} more", names.len() - SHOWN));
            }
            format!("the certificate is for {list}")
        }
        E::CaUsedAsEndEntity => "a CA certificate is served as the server's own".into(),
        E::InvalidSignatureForPublicKey => "a signature in the chain does not verify".into(),
        E::RequiredEkuNotFoundContext(_) => {
            "the certificate is not issued for TLS servers (extended key usage)".into()
        }
        E::UnsupportedSignatureAlgorithmContext(_)
        | E::UnsupportedSignatureAlgorithmForPublicKeyContext(_) => {
            "the chain is signed with an algorithm no longer accepted (such as SHA-1)".into()
        }
        E::BadDer | E::BadDerTime | E::TrailingData(_) => "a certificate is malformed".into(),
        other => format!("{other:?}"),
    }
}

/// Verifies `chain` (leaf first) against `roots` now, and the leaf against `host`.
/// Returns (chain verdict, hostname verdict): `Ok(())` or why not, each error in words and
/// whether the chain failed (only) because a certificate has expired.
pub fn verify(
    chain: &[Vec<u8>],
    roots: &[CertificateDer<'static>],
    host: &str,
) -> (Result<(), ChainError>, Result<(), String>) {
    let Some(leaf) = chain.first() else {
        return (
            Err(ChainError::other("no certificate")),
            Err("no certificate".to_string()),
        );
    };
    let leaf_der = CertificateDer::from(leaf.as_slice());
    let ee = match webpki::EndEntityCert::try_from(&leaf_der) {
        Ok(ee) => ee,
        Err(e) => {
            let why = format!("unparsable leaf certificate: {}", describe(&e));
            return (Err(ChainError::other(&why)), Err(why));
        }
    };
    let anchors: Vec<_> = roots
        .iter()
        .filter_map(|r| webpki::anchor_from_trusted_cert(r).ok())
        .collect();
    let intermediates: Vec<CertificateDer<'_>> = chain
        .iter()
        .skip(1)
        .map(|c| CertificateDer::from(c.as_slice()))
        .collect();
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap_or_default();
    let verify_at = |at: Duration| {
        ee.verify_for_usage(
            webpki::ALL_VERIFICATION_ALGS,
            &anchors,
            &intermediates,
            UnixTime::since_unix_epoch(at),
            webpki::KeyUsage::server_auth(),
            None,
            None,
        )
        .map(|_| ())
    };
    let chain_result = match verify_at(now) {
        Ok(()) => Ok(()),
        // webpki stops at an expired leaf before it looks for the issuer: ask again as of the
        // leaf's last valid second, so that an expired certificate from an untrusted issuer is
        // reported as both.
        Err(webpki::Error::CertExpired { .. }) => {
            let last_valid = parse(leaf)
                .and_then(|facts| u64::try_from(facts.not_after).ok())
                .map(Duration::from_secs);
            match last_valid.map(verify_at) {
                Some(Err(e)) if !matches!(e, webpki::Error::CertExpired { .. }) => {
                    Err(ChainError {
                        expired: false,
                        why: format!("{}; and it has expired", describe(&e)),
                    })
                }
                _ => Err(ChainError {
                    expired: true,
                    why: "the certificate has expired".into(),
                }),
            }
        }
        Err(e) => Err(ChainError {
            expired: false,
            why: describe(&e),
        }),
    };
    let name_result = match ServerName::try_from(host) {
        Ok(name) => ee
            .verify_is_valid_for_subject_name(&name)
            .map_err(|e| describe(&e)),
        Err(e) => Err(format!("invalid server name {host:?}: {e}")),
    };
    (chain_result, name_result)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times() {
        assert_eq!(parse_time(0x17, b"700101000000Z"), Some(0));
        assert_eq!(parse_time(0x18, b"20000301000000Z"), Some(951_868_800));
        assert_eq!(parse_time(0x17, b"491231235959Z"), Some(2_524_607_999));
        assert_eq!(parse_time(0x17, b"xx"), None);
    }

    #[test]
    fn oids() {
        assert_eq!(
            oid_string(&[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x0b]),
            "1.2.840.113549.1.1.11"
        );
    }
}

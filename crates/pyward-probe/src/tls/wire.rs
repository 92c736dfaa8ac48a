//! Our own TLS wire format: a ClientHello builder and a defensive parser for the server's first
//! flight (ServerHello, Certificate, CertificateStatus, alerts). Only what the probe needs: no
//! key exchange is ever completed, the connection is dropped once the answer is known.
//!
//! The parser never panics: every read is bounds-checked, record and message sizes are capped,
//! and anything unexpected becomes a [`WireError`].

use std::io::Read;
use std::time::Instant;

/// The largest TLS record we accept (2^14 plus the largest allowed expansion).
pub const MAX_RECORD: usize = 16_384 + 2_048;
/// The most handshake bytes we buffer from one server flight (certificate chains included).
pub const MAX_FLIGHT: usize = 256 * 1024;

/// The random value a HelloRetryRequest carries instead of a server random (RFC 8446 4.1.3).
const HRR_RANDOM: [u8; 32] = [
    0xcf, 0x21, 0xad, 0x74, 0xe5, 0x9a, 0x61, 0x11, 0xbe, 0x1d, 0x8c, 0x02, 0x1e, 0x65, 0xb8, 0x91,
    0xc2, 0xa2, 0x11, 0x16, 0x7a, 0xbb, 0x8c, 0x5e, 0x07, 0x9e, 0x09, 0xe2, 0xc8, 0xa8, 0x33, 0x9c,
];

pub const TLS13: u16 = 0x0304;

/// What went wrong reading the server's answer, when it is not a clean refusal.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum WireError {
    /// Not TLS at all; the text says what it looks like.
    #[error("the server did not answer in TLS ({0})")]
    NotTls(String),
    /// TLS framing, but malformed.
    #[error("malformed TLS answer: {0}")]
    Malformed(&'static str),
    /// A size or byte cap was hit.
    #[error("TLS answer over the size limit: {0}")]
    TooLarge(&'static str),
    /// The read timed out or the overall deadline passed.
    #[error("no answer before the timeout")]
    Timeout,
    /// Some other I/O error.
    #[error("I/O error: {0}")]
    Io(String),
}

/// One ClientHello to send.
#[derive(Debug, Clone)]
pub struct ClientHello<'a> {
    /// The version in the record header and `client_version` (0x0301..=0x0303). For TLS 1.3 the
    /// legacy value 0x0303 goes here and `tls13` adds `supported_versions`.
    pub version: u16,
    pub tls13: bool,
    pub suites: &'a [u16],
    /// A DNS name for SNI; `None` for an IP address.
    pub sni: Option<&'a str>,
    pub random: [u8; 32],
    /// An x25519 public value for the TLS 1.3 key share.
    pub key_share: [u8; 32],
    /// Ask for a stapled OCSP response (`status_request`).
    pub status_request: bool,
}

fn put_u16(out: &mut Vec<u8>, v: u16) {
    out.extend_from_slice(&v.to_be_bytes());
}

fn put_u24(out: &mut Vec<u8>, v: usize) {
    let b = (v as u32).to_be_bytes();
    out.extend_from_slice(&b[1..]);
}

fn ext(out: &mut Vec<u8>, kind: u16, body: &[u8]) {
    put_u16(out, kind);
    put_u16(out, body.len() as u16);
    out.extend_from_slice(body);
}

impl ClientHello<'_> {
    /// The whole record (header included), ready to write.
    pub fn encode(&self) -> Vec<u8> {
        let mut body = Vec::with_capacity(512);
        put_u16(&mut body, if self.tls13 { 0x0303 } else { self.version });
        body.extend_from_slice(&self.random);
        // A 32-byte legacy session id: TLS 1.3 middlebox compatibility, harmless below.
        body.push(32);
        body.extend_from_slice(&self.random);
        put_u16(&mut body, (self.suites.len() * 2) as u16);
        for s in self.suites {
            put_u16(&mut body, *s);
        }
        body.extend_from_slice(&[1, 0]); // compression: null only

        let mut exts = Vec::with_capacity(256);
        if let Some(name) = self.sni {
            let mut e = Vec::new();
            put_u16(&mut e, (name.len() + 3) as u16);
            e.push(0);
            put_u16(&mut e, name.len() as u16);
            e.extend_from_slice(name.as_bytes());
            ext(&mut exts, 0x0000, &e);
        }
        // supported_groups: x25519, secp256r1, secp384r1, secp521r1, ffdhe2048
        ext(
            &mut exts,
            0x000a,
            &[
                0, 10, 0x00, 0x1d, 0x00, 0x17, 0x00, 0x18, 0x00, 0x19, 0x01, 0x00,
            ],
        );
        ext(&mut exts, 0x000b, &[1, 0]); // ec_point_formats: uncompressed
        // signature_algorithms (ignored by servers below TLS 1.2; required from 1.2 on)
        let sigs: [u16; 13] = [
            0x0403, 0x0503, 0x0603, 0x0804, 0x0805, 0x0806, 0x0807, 0x0401, 0x0501, 0x0601, 0x0203,
            0x0201, 0x0202,
        ];
        let mut e = Vec::new();
        put_u16(&mut e, (sigs.len() * 2) as u16);
        for s in sigs {
            put_u16(&mut e, s);
        }
        ext(&mut exts, 0x000d, &e);
        if self.status_request {
            ext(&mut exts, 0x0005, &[1, 0, 0, 0, 0]);
        }
        ext(&mut exts, 0xff01, &[0]); // renegotiation_info, empty
        if self.tls13 {
            ext(&mut exts, 0x002b, &[2, 0x03, 0x04]); // supported_versions: TLS 1.3 only
            let mut e = Vec::new();
            put_u16(&mut e, 36);
            put_u16(&mut e, 0x001d);
            put_u16(&mut e, 32);
            e.extend_from_slice(&self.key_share);
            ext(&mut exts, 0x0033, &e);
            ext(&mut exts, 0x002d, &[1, 1]); // psk_key_exchange_modes: psk_dhe_ke
        }
        put_u16(&mut body, exts.len() as u16);
        body.extend_from_slice(&exts);

        let mut hs = Vec::with_capacity(body.len() + 4);
        hs.push(1); // client_hello
        put_u24(&mut hs, body.len());
        hs.extend_from_slice(&body);

        let mut rec = Vec::with_capacity(hs.len() + 5);
        rec.push(22);
        // TLS 1.3 and 1.2 hellos go in a 1.0 record, the value most servers expect.
        put_u16(
            &mut rec,
            if self.tls13 {
                0x0301
            } else {
                self.version.min(0x0301)
            },
        );
        put_u16(&mut rec, hs.len() as u16);
        rec.extend_from_slice(&hs);
        rec
    }
}

/// The server's answer to one ClientHello.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Answer {
    /// A ServerHello (or a HelloRetryRequest, `retry`), with what the server chose.
    Hello(ServerHello),
    /// A fatal alert before any ServerHello: `description` per RFC 8446 6.
    Alert { level: u8, description: u8 },
    /// The connection closed before any ServerHello.
    Closed,
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ServerHello {
    /// The negotiated version (`supported_versions` when present, else `server_version`).
    pub version: u16,
    pub suite: u16,
    pub retry: bool,
    /// The certificate chain (DER, leaf first) when it came in clear (TLS 1.2 and below).
    pub certificates: Vec<Vec<u8>>,
    /// A stapled OCSP response (CertificateStatus) was sent.
    pub ocsp_stapled: bool,
}

/// A bounds-checked cursor over untrusted bytes.
pub struct Cursor<'a> {
    data: &'a [u8],
    pos: usize,
}

impl<'a> Cursor<'a> {
    pub fn new(data: &'a [u8]) -> Self {
        Cursor { data, pos: 0 }
    }
    pub fn remaining(&self) -> usize {
        self.data.len().saturating_sub(self.pos)
    }
    pub fn take(&mut self, n: usize) -> Result<&'a [u8], WireError> {
        let end = self
            .pos
            .checked_add(n)
            .ok_or(WireError::Malformed("length overflow"))?;
        let out = self
            .data
            .get(self.pos..end)
            .ok_or(WireError::Malformed("truncated"))?;
        self.pos = end;
        Ok(out)
    }
    pub fn u8(&mut self) -> Result<u8, WireError> {
        Ok(self.take(1)?[0])
    }
    pub fn u16(&mut self) -> Result<u16, WireError> {
        let b = self.take(2)?;
        Ok(u16::from_be_bytes([b[0], b[1]]))
    }
    pub fn u24(&mut self) -> Result<usize, WireError> {
        let b = self.take(3)?;
        Ok(((b[0] as usize) << 16) | ((b[1] as usize) << 8) | b[2] as usize)
    }
}

/// Parses a ServerHello body (after the 4-byte handshake header).
pub fn parse_server_hello(body: &[u8]) -> Result<ServerHello, WireError> {
    let mut c = Cursor::new(body);
    let legacy_version = c.u16()?;
    let random = c.take(32)?;
    let sid_len = c.u8()? as usize;
    if sid_len > 32 {
        return Err(WireError::Malformed("session id over 32 bytes"));
    }
    c.take(sid_len)?;
    let suite = c.u16()?;
    let _compression = c.u8()?;
    let mut version = legacy_version;
    if c.remaining() >= 2 {
        let len = c.u16()? as usize;
        let mut e = Cursor::new(c.take(len)?);
        while e.remaining() > 0 {
            let kind = e.u16()?;
            let len = e.u16()? as usize;
            let data = e.take(len)?;
            if kind == 0x002b {
                let mut d = Cursor::new(data);
                version = d.u16()?;
            }
        }
    }
    Ok(ServerHello {
        version,
        suite,
        retry: random == HRR_RANDOM,
        certificates: Vec::new(),
        ocsp_stapled: false,
    })
}

/// Parses a Certificate message body (TLS 1.2 and below): the DER certificates, leaf first.
pub fn parse_certificate(body: &[u8]) -> Result<Vec<Vec<u8>>, WireError> {
    let mut c = Cursor::new(body);
    let total = c.u24()?;
    let mut list = Cursor::new(c.take(total)?);
    let mut certs = Vec::new();
    while list.remaining() > 0 {
        let len = list.u24()?;
        certs.push(list.take(len)?.to_vec());
        if certs.len() > 32 {
            return Err(WireError::TooLarge("more than 32 certificates"));
        }
    }
    Ok(certs)
}

/// Guesses what a non-TLS answer is, for the error message.
fn describe_non_tls(first: &[u8]) -> String {
    let text: String = first
        .iter()
        .take(16)
        .map(|&b| {
            if b.is_ascii_graphic() || b == b' ' {
                b as char
            } else {
                '.'
            }
        })
        .collect();
    if first.starts_with(b"HTTP/") || first.starts_with(b"<") {
        "the answer looks like plain HTTP".to_string()
    } else if first.starts_with(b"SSH-") {
        "the answer looks like SSH".to_string()
    } else {
        format!("unexpected bytes {text:?}")
    }
}

/// Reads and interprets the server's first flight from `stream` until the answer is known.
/// `want_certificate`: keep reading after the ServerHello for the Certificate (and a stapled
/// OCSP response) up to ServerHelloDone. Bounded by [`MAX_RECORD`], [`MAX_FLIGHT`] and
/// `deadline` (the stream's own read timeout bounds each read).
pub fn read_answer<R: Read>(
    stream: &mut R,
    want_certificate: bool,
    deadline: Instant,
) -> Result<Answer, WireError> {
    let mut handshake: Vec<u8> = Vec::new();
    let mut hello: Option<ServerHello> = None;
    let mut consumed = 0usize; // handshake bytes already parsed into messages
    let mut total = 0usize;
    loop {
        if Instant::now() > deadline {
            return Err(WireError::Timeout);
        }
        let mut header = [0u8; 5];
        match read_full(stream, &mut header, deadline) {
            Ok(0) => {
                return match hello {
                    Some(h) => Ok(Answer::Hello(h)),
                    None => Ok(Answer::Closed),
                };
            }
            Ok(n) if n < 5 => {
                if hello.is_none() && total == 0 && !matches!(header[0], 20..=23) {
                    return Err(WireError::NotTls(describe_non_tls(&header[..n])));
                }
                return match hello {
                    Some(h) => Ok(Answer::Hello(h)),
                    None => Err(WireError::Malformed("truncated record header")),
                };
            }
            Ok(_) => {}
            Err(e) => {
                // A server that answered the hello and then stalls still answered.
                return match hello {
                    Some(h) => Ok(Answer::Hello(h)),
                    None => Err(e),
                };
            }
        }
        let content_type = header[0];
        let record_version = u16::from_be_bytes([header[1], header[2]]);
        let len = u16::from_be_bytes([header[3], header[4]]) as usize;
        if !matches!(content_type, 20..=23) || (record_version >> 8) != 3 {
            if total == 0 {
                return Err(WireError::NotTls(describe_non_tls(&header)));
            }
            return Err(WireError::Malformed("bad record header"));
        }
        if len > MAX_RECORD {
            return Err(WireError::TooLarge("record"));
        }
        total += 5 + len;
        if total > MAX_FLIGHT {
            return Err(WireError::TooLarge("server flight"));
        }
        let mut payload = vec![0u8; len];
        let got = read_full(stream, &mut payload, deadline)?;
        if got < len {
            return match hello {
                Some(h) => Ok(Answer::Hello(h)),
                None => Err(WireError::Malformed("truncated record")),
            };
        }
        match content_type {
            21 => {
                if payload.len() < 2 {
                    return Err(WireError::Malformed("short alert"));
                }
                return match hello {
                    Some(h) => Ok(Answer::Hello(h)),
                    None => Ok(Answer::Alert {
                        level: payload[0],
                        description: payload[1],
                    }),
                };
            }
            22 => handshake.extend_from_slice(&payload),
            // change_cipher_spec (TLS 1.3 compatibility) or encrypted data: the clear part is over.
            _ => {
                return match hello {
                    Some(h) => Ok(Answer::Hello(h)),
                    None => Err(WireError::Malformed("data before ServerHello")),
                };
            }
        }
        // Parse every complete handshake message buffered so far.
        loop {
            let rest = handshake.get(consumed..).unwrap_or(&[]);
            if rest.len() < 4 {
                break;
            }
            let kind = rest[0];
            let mlen = ((rest[1] as usize) << 16) | ((rest[2] as usize) << 8) | rest[3] as usize;
            if mlen > MAX_FLIGHT {
                return Err(WireError::TooLarge("handshake message"));
            }
            let Some(body) = rest.get(4..4 + mlen) else {
                break;
            };
            consumed += 4 + mlen;
            match (kind, hello.as_mut()) {
                (2, None) => {
                    let h = parse_server_hello(body)?;
                    let done = !want_certificate || h.retry || h.version >= TLS13;
                    if done {
                        return Ok(Answer::Hello(h));
                    }
                    hello = Some(h);
                }
                (_, None) => return Err(WireError::Malformed("handshake before ServerHello")),
                (11, Some(h)) => h.certificates = parse_certificate(body)?,
                (22, Some(h)) => h.ocsp_stapled = body.first() == Some(&1) && body.len() > 4,
                (14, Some(_)) => {
                    return match hello {
                        Some(h) => Ok(Answer::Hello(h)),
                        None => Ok(Answer::Closed),
                    };
                }
                (_, Some(_)) => {}
            }
        }
    }
}

/// Reads until `buf` is full or EOF; returns the bytes read. Timeouts (of one read, or the
/// `deadline` against a server dripping bytes) become [`WireError::Timeout`].
fn read_full<R: Read>(
    stream: &mut R,
    buf: &mut [u8],
    deadline: Instant,
) -> Result<usize, WireError> {
    let mut filled = 0;
    while filled < buf.len() {
        if Instant::now() > deadline {
            return Err(WireError::Timeout);
        }
        match stream.read(&mut buf[filled..]) {
            Ok(0) => break,
            Ok(n) => filled += n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e)
                if matches!(
                    e.kind(),
                    std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
                ) =>
            {
                return Err(WireError::Timeout);
            }
            Err(e) if filled == 0 && e.kind() == std::io::ErrorKind::ConnectionReset => break,
            Err(e) => return Err(WireError::Io(e.to_string())),
        }
    }
    Ok(filled)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    fn record(kind: u8, payload: &[u8]) -> Vec<u8> {
        let mut r = vec![kind, 3, 3];
        r.extend_from_slice(&(payload.len() as u16).to_be_bytes());
        r.extend_from_slice(payload);
        r
    }

    fn handshake(kind: u8, body: &[u8]) -> Vec<u8> {
        let mut h = vec![kind];
        put_u24(&mut h, body.len());
        h.extend_from_slice(body);
        h
    }

    fn server_hello(version: u16, suite: u16, tls13: bool) -> Vec<u8> {
        let mut b = Vec::new();
        put_u16(&mut b, 0x0303.min(version));
        b.extend_from_slice(&[7; 32]);
        b.push(0);
        put_u16(&mut b, suite);
        b.push(0);
        if tls13 {
            put_u16(&mut b, 6);
            b.extend_from_slice(&[0, 0x2b, 0, 2, 3, 4]);
        }
        handshake(2, &b)
    }

    fn deadline() -> Instant {
        Instant::now() + Duration::from_secs(5)
    }

    #[test]
    fn reads_a_server_hello_and_certificate() {
        let mut flight = server_hello(0x0303, 0xc02f, false);
        let mut certs = Vec::new();
        put_u24(&mut certs, 3 + 4);
        put_u24(&mut certs, 4);
        certs.extend_from_slice(&[0x30, 2, 5, 0]);
        flight.extend(handshake(11, &certs));
        flight.extend(handshake(22, &[1, 0, 0, 1, 0]));
        flight.extend(handshake(14, &[]));
        // Split across two records, mid-message.
        let mut bytes = record(22, &flight[..10]);
        bytes.extend(record(22, &flight[10..]));
        let answer = read_answer(&mut &bytes[..], true, deadline()).unwrap();
        let Answer::Hello(h) = answer else {
            panic!("{answer:?}")
        };
        assert_eq!((h.version, h.suite, h.retry), (0x0303, 0xc02f, false));
        assert_eq!(h.certificates, vec![vec![0x30, 2, 5, 0]]);
        assert!(h.ocsp_stapled);
    }

    #[test]
    fn reads_tls13_version_and_alerts() {
        let bytes = record(22, &server_hello(0x0303, 0x1301, true));
        let Ok(Answer::Hello(h)) = read_answer(&mut &bytes[..], true, deadline()) else {
            panic!()
        };
        assert_eq!((h.version, h.suite), (TLS13, 0x1301));
        let bytes = record(21, &[2, 70]);
        assert_eq!(
            read_answer(&mut &bytes[..], false, deadline()),
            Ok(Answer::Alert {
                level: 2,
                description: 70
            })
        );
        assert_eq!(
            read_answer(&mut &b""[..], false, deadline()),
            Ok(Answer::Closed)
        );
    }

    #[test]
    fn hello_retry_request_is_recognised() {
        let mut hs = server_hello(0x0303, 0x1302, true);
        // Replace the random (after type, length and legacy version) with the HRR value.
        hs[6..38].copy_from_slice(&HRR_RANDOM);
        let bytes = record(22, &hs);
        let Ok(Answer::Hello(h)) = read_answer(&mut &bytes[..], true, deadline()) else {
            panic!()
        };
        assert!(h.retry);
        assert_eq!((h.version, h.suite), (TLS13, 0x1302));
    }

    #[test]
    fn http_is_not_tls() {
        let err = read_answer(&mut &b"HTTP/1.1 400 Bad Request\r\n"[..], false, deadline());
        assert!(
            matches!(err, Err(WireError::NotTls(ref s)) if s.contains("HTTP")),
            "{err:?}"
        );
    }

    #[test]
    fn client_hello_is_well_formed() {
        let hello = ClientHello {
            version: 0x0303,
            tls13: true,
            suites: &[0x1301, 0x1302],
            sni: Some("example.test"),
            random: [1; 32],
            key_share: [2; 32],
            status_request: true,
        };
        let rec = hello.encode();
        assert_eq!(rec[0], 22);
        let len = u16::from_be_bytes([rec[3], rec[4]]) as usize;
        assert_eq!(len, rec.len() - 5);
        assert_eq!(rec[5], 1);
        let hlen = ((rec[6] as usize) << 16) | ((rec[7] as usize) << 8) | rec[8] as usize;
        assert_eq!(hlen, rec.len() - 9);
        assert!(rec.windows(12).any(|w| w == b"example.test"));
    }

    /// A fuzz-style sweep: random, truncated and mutated inputs never panic and stay bounded.
    #[test]
    fn hostile_bytes_never_panic() {
        let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
        let mut next = move || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        let mut good = record(22, &server_hello(0x0303, 0xc02f, false));
        let mut certs = Vec::new();
        put_u24(&mut certs, 7);
        put_u24(&mut certs, 4);
        certs.extend_from_slice(&[0x30, 2, 5, 0]);
        good.extend(record(22, &handshake(11, &certs)));
        good.extend(record(22, &handshake(14, &[])));
        for i in 0..=good.len() {
            let _ = read_answer(&mut &good[..i], true, deadline());
        }
        for _ in 0..20_000 {
            let mut input = good.clone();
            let flips = (next() % 8) as usize;
            for _ in 0..flips {
                let at = (next() as usize) % input.len();
                input[at] = next() as u8;
            }
            let cut = (next() as usize) % (input.len() + 1);
            let _ = read_answer(&mut &input[..cut], true, deadline());
            let random: Vec<u8> = (0..(next() % 300)).map(|_| next() as u8).collect();
            let _ = read_answer(&mut &random[..], true, deadline());
            let _ = parse_server_hello(&random);
            let _ = parse_certificate(&random);
            let _ = crate::tls::cert::parse(&random);
        }
    }
}

//! TLS checks: which protocol versions and cipher suites a server accepts, whether it prefers
//! forward secrecy, and its certificate chain.
//!
//! Every verdict comes from the server's real answer to a handshake of our own ([`wire`]): a
//! ServerHello with the version and a suite we offered means accepted; an alert or a close means
//! refused; anything else (timeout, not TLS, garbage) is "not checked" with the reason, never a
//! pass. No system OpenSSL is linked: the ClientHellos are built here. The certificate chain is
//! read in clear from a TLS 1.2-or-older handshake (with `status_request`, so a stapled OCSP
//! response shows), or, for a TLS 1.3-only server, through a rustls handshake whose verifier
//! records the chain instead of judging it ([`tls13`]); either way it is verified with webpki
//! against the system roots plus [`TlsOptions::extra_roots_pem`], and its leaf read by [`cert`].
//!
//! Modules: [`wire`] (ClientHello builder, bounded and panic-free answer parser), [`suites`]
//! (the suites offered, by weak category), [`cert`] (DER fields and chain verification),
//! [`tls13`] (the recording rustls handshake).
//!
//! Entry point: [`probe`]. Handshakes run on a small pool of std threads
//! ([`TlsOptions::concurrency`]), each bounded by the connect and read timeouts, a total
//! deadline per handshake, and caps on record and flight sizes.

pub mod cert;
pub mod suites;
pub mod tls13;
pub mod wire;

use std::net::{IpAddr, SocketAddr, TcpStream, ToSocketAddrs};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use serde::Serialize;

pub use cert::CertFacts;
use suites::WeakCategory;
use wire::{Answer, ClientHello, WireError};

/// What to probe.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TlsTarget {
    /// Host name or IP address to connect to.
    pub host: String,
    pub port: u16,
    /// The name sent in SNI and checked against the certificate (usually the URL's host).
    pub server_name: String,
}

impl TlsTarget {
    pub fn new(host: impl Into<String>, port: u16) -> Self {
        let host = host.into();
        TlsTarget {
            server_name: host.clone(),
            host,
            port,
        }
    }
}

/// Limits and trust settings.
#[derive(Debug, Clone)]
pub struct TlsOptions {
    pub connect_timeout: Duration,
    /// Per read; each handshake also has a total deadline of connect + 2 × read timeout.
    pub read_timeout: Duration,
    /// Handshakes run at once (at least 1).
    pub concurrency: usize,
    /// Extra trusted roots (PEM), besides the system roots.
    pub extra_roots_pem: Vec<String>,
    /// Trust the system roots (on by default).
    pub system_roots: bool,
}

impl Default for TlsOptions {
    fn default() -> Self {
        TlsOptions {
            connect_timeout: Duration::from_secs(5),
            read_timeout: Duration::from_secs(5),
            concurrency: 4,
            extra_roots_pem: Vec::new(),
            system_roots: true,
        }
    }
}

/// A protocol version the probe checks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub enum TlsVersion {
    #[serde(rename = "TLSv1.0")]
    Tls10,
    #[serde(rename = "TLSv1.1")]
    Tls11,
    #[serde(rename = "TLSv1.2")]
    Tls12,
    #[serde(rename = "TLSv1.3")]
    Tls13,
}

impl TlsVersion {
    pub const ALL: [TlsVersion; 4] = [
        TlsVersion::Tls10,
        TlsVersion::Tls11,
        TlsVersion::Tls12,
        TlsVersion::Tls13,
    ];
    pub fn wire(self) -> u16 {
        match self {
            TlsVersion::Tls10 => 0x0301,
            TlsVersion::Tls11 => 0x0302,
            TlsVersion::Tls12 => 0x0303,
            TlsVersion::Tls13 => 0x0304,
        }
    }
    pub fn name(self) -> &'static str {
        match self {
            TlsVersion::Tls10 => "TLSv1.0",
            TlsVersion::Tls11 => "TLSv1.1",
            TlsVersion::Tls12 => "TLSv1.2",
            TlsVersion::Tls13 => "TLSv1.3",
        }
    }
}

/// The outcome of one check.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum Outcome<T> {
    /// The server answered and the check has a result.
    Checked { result: T },
    /// The check could not be made; never read this as a pass.
    NotChecked { reason: String },
}

impl<T> Outcome<T> {
    pub fn checked(&self) -> Option<&T> {
        match self {
            Outcome::Checked { result } => Some(result),
            Outcome::NotChecked { .. } => None,
        }
    }
}

/// Whether a version is accepted.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "verdict", rename_all = "snake_case")]
pub enum Acceptance {
    /// A ServerHello for this version (or a HelloRetryRequest for TLS 1.3) with the suite chosen.
    Accepted { suite: String },
    /// An alert or a closed connection; `why` says which.
    Refused { why: String },
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct VersionResult {
    pub version: TlsVersion,
    pub outcome: Outcome<Acceptance>,
}

/// The weak suites of one category the server accepted (empty: none).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct WeakResult {
    pub category: WeakCategory,
    /// Under which version we asked.
    pub version: Option<TlsVersion>,
    pub outcome: Outcome<Vec<String>>,
}

/// The server's pick when offered non-forward-secret suites before forward-secret ones.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ForwardSecrecy {
    /// The server chose a forward-secret suite over our earlier non-FS ones (or only speaks TLS 1.3).
    pub prefers_forward_secrecy: bool,
    pub chosen_suite: String,
    pub version: TlsVersion,
}

/// The certificate chain as served.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CertificateReport {
    pub version: TlsVersion,
    pub chain_length: usize,
    /// The chain verifies against the trusted roots now.
    pub chain_valid: bool,
    pub chain_error: Option<String>,
    /// The chain fails only because a certificate has expired (PRB025 reports it, not PRB023).
    pub chain_expired: bool,
    pub hostname_matches: bool,
    pub hostname_error: Option<String>,
    /// Facts of the leaf; `None` when it could not be parsed.
    pub leaf: Option<CertFacts>,
    /// Whole days from now to not-after (negative: expired).
    pub days_left: Option<i64>,
    pub ocsp_stapled: bool,
}

/// A check that could not be made, for the report's "not checked: why" list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CheckError {
    pub check: String,
    pub reason: String,
}

/// Everything the TLS probe found for one target.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TlsReport {
    /// `host:port`.
    pub target: String,
    pub server_name: String,
    pub versions: Vec<VersionResult>,
    pub weak_suites: Vec<WeakResult>,
    pub forward_secrecy: Outcome<ForwardSecrecy>,
    pub certificate: Outcome<CertificateReport>,
    pub errors: Vec<CheckError>,
    pub elapsed_ms: u64,
}

impl TlsReport {
    pub fn version(&self, v: TlsVersion) -> Option<&Outcome<Acceptance>> {
        self.versions
            .iter()
            .find(|r| r.version == v)
            .map(|r| &r.outcome)
    }
    /// Whether the version was accepted; `None` when not checked.
    pub fn accepts(&self, v: TlsVersion) -> Option<bool> {
        self.version(v)?
            .checked()
            .map(|a| matches!(a, Acceptance::Accepted { .. }))
    }
    /// Every weak suite accepted, over all categories.
    pub fn accepted_weak_suites(&self) -> Vec<(WeakCategory, String)> {
        self.weak_suites
            .iter()
            .flat_map(|w| {
                w.outcome
                    .checked()
                    .into_iter()
                    .flatten()
                    .map(move |s| (w.category, s.clone()))
            })
            .collect()
    }
}

/// The raw result of one handshake.
#[derive(Debug, Clone)]
enum Handshake {
    Hello(wire::ServerHello),
    Refused(String),
}

struct Ctx<'a> {
    addrs: Vec<SocketAddr>,
    sni: Option<String>,
    opts: &'a TlsOptions,
}

fn alert_name(d: u8) -> String {
    let name = match d {
        10 => "unexpected_message",
        20 => "bad_record_mac",
        22 => "record_overflow",
        40 => "handshake_failure",
        47 => "illegal_parameter",
        50 => "decode_error",
        51 => "decrypt_error",
        70 => "protocol_version",
        71 => "insufficient_security",
        80 => "internal_error",
        86 => "inappropriate_fallback",
        109 => "missing_extension",
        112 => "unrecognized_name",
        _ => return format!("alert {d}"),
    };
    format!("alert {name}")
}

fn random32() -> [u8; 32] {
    use ring::rand::SecureRandom;
    let mut out = [0u8; 32];
    if ring::rand::SystemRandom::new().fill(&mut out).is_err() {
        // Not a secret: the values only need to look like a hello's random.
        let t = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .unwrap_or_default()
            .as_nanos();
        for (i, b) in out.iter_mut().enumerate() {
            *b = (t >> ((i % 16) * 8)) as u8 ^ (i as u8).wrapping_mul(37);
        }
    }
    out
}

impl Ctx<'_> {
    fn handshake(
        &self,
        version: TlsVersion,
        offered: &[u16],
        want_certificate: bool,
    ) -> Result<Handshake, String> {
        let start = Instant::now();
        let deadline = start + self.opts.connect_timeout + self.opts.read_timeout * 2;
        let mut last_err = String::from("no address");
        let mut stream = None;
        for addr in &self.addrs {
            match TcpStream::connect_timeout(addr, self.opts.connect_timeout) {
                Ok(s) => {
                    stream = Some(s);
                    break;
                }
                Err(e) => last_err = format!("cannot connect to {addr}: {e}"),
            }
        }
        let mut stream = stream.ok_or(last_err)?;
        let _ = stream.set_read_timeout(Some(self.opts.read_timeout));
        let _ = stream.set_write_timeout(Some(self.opts.read_timeout));
        let _ = stream.set_nodelay(true);
        let tls13 = version == TlsVersion::Tls13;
        let hello = ClientHello {
            version: if tls13 { 0x0303 } else { version.wire() },
            tls13,
            suites: offered,
            sni: self.sni.as_deref(),
            random: random32(),
            key_share: random32(),
            status_request: want_certificate,
        };
        use std::io::Write;
        if let Err(e) = stream.write_all(&hello.encode()) {
            return Ok(Handshake::Refused(format!(
                "connection closed on write: {e}"
            )));
        }
        match wire::read_answer(&mut stream, want_certificate, deadline) {
            Ok(Answer::Hello(h)) => {
                if h.version != version.wire() {
                    return Ok(Handshake::Refused(format!(
                        "the server answered with version {:#06x}",
                        h.version
                    )));
                }
                if !offered.contains(&h.suite) {
                    return Err(format!(
                        "the server chose suite {:#06x}, which we did not offer",
                        h.suite
                    ));
                }
                Ok(Handshake::Hello(h))
            }
            Ok(Answer::Alert { description, .. }) => {
                Ok(Handshake::Refused(alert_name(description)))
            }
            Ok(Answer::Closed) => Ok(Handshake::Refused(
                "the server closed the connection".to_string(),
            )),
            Err(e @ WireError::Timeout) => Err(format!("{e} ({} ms)", start.elapsed().as_millis())),
            Err(e) => Err(e.to_string()),
        }
    }

    fn version_check(&self, v: TlsVersion) -> Outcome<Acceptance> {
        let offered = if v == TlsVersion::Tls13 {
            suites::TLS13.to_vec()
        } else {
            suites::broad_legacy()
        };
        match self.handshake(v, &offered, false) {
            Ok(Handshake::Hello(h)) => Outcome::Checked {
                result: Acceptance::Accepted {
                    suite: suites::name(h.suite),
                },
            },
            Ok(Handshake::Refused(why)) => Outcome::Checked {
                result: Acceptance::Refused { why },
            },
            Err(reason) => Outcome::NotChecked { reason },
        }
    }

    /// Offers a category's suites, removing each one the server picks, until it refuses.
    fn weak_check(&self, category: WeakCategory, v: TlsVersion) -> Outcome<Vec<String>> {
        let mut offered: Vec<u16> = category.suites().to_vec();
        let mut accepted = Vec::new();
        while !offered.is_empty() {
            match self.handshake(v, &offered, false) {
                Ok(Handshake::Hello(h)) => {
                    accepted.push(suites::name(h.suite));
                    offered.retain(|&s| s != h.suite);
                }
                Ok(Handshake::Refused(_)) => break,
                Err(reason) if accepted.is_empty() => return Outcome::NotChecked { reason },
                Err(_) => break,
            }
        }
        Outcome::Checked { result: accepted }
    }

    fn fs_check(&self, v: TlsVersion) -> Outcome<ForwardSecrecy> {
        let mut offered = suites::NON_FS.to_vec();
        offered.extend_from_slice(suites::FS);
        match self.handshake(v, &offered, false) {
            Ok(Handshake::Hello(h)) => Outcome::Checked {
                result: ForwardSecrecy {
                    prefers_forward_secrecy: suites::FS.contains(&h.suite),
                    chosen_suite: suites::name(h.suite),
                    version: v,
                },
            },
            Ok(Handshake::Refused(why)) => Outcome::NotChecked {
                reason: format!(
                    "refused a hello with common suites under {}: {why}",
                    v.name()
                ),
            },
            Err(reason) => Outcome::NotChecked { reason },
        }
    }

    fn certificate_check(
        &self,
        v: TlsVersion,
        server_name: &str,
    ) -> (Outcome<CertificateReport>, Vec<String>) {
        let h = match self.handshake(v, &suites::broad_legacy(), true) {
            Ok(Handshake::Hello(h)) => h,
            Ok(Handshake::Refused(why)) => {
                return (
                    Outcome::NotChecked {
                        reason: format!("the {} handshake was refused: {why}", v.name()),
                    },
                    Vec::new(),
                );
            }
            Err(reason) => return (Outcome::NotChecked { reason }, Vec::new()),
        };
        self.judge_chain(v, &h.certificates, h.ocsp_stapled, server_name, None)
    }

    /// The certificate over TLS 1.3 (encrypted there): a rustls handshake that records the chain.
    fn certificate_check_tls13(
        &self,
        server_name: &str,
    ) -> (Outcome<CertificateReport>, Vec<String>) {
        let mut last = String::from("no address");
        for addr in &self.addrs {
            match tls13::read_chain(
                addr,
                server_name,
                self.opts.connect_timeout,
                self.opts.read_timeout,
            ) {
                Ok(p) => {
                    return self.judge_chain(
                        TlsVersion::Tls13,
                        &p.chain,
                        p.ocsp_stapled,
                        server_name,
                        p.handshake_error,
                    );
                }
                Err(e) => last = e,
            }
        }
        (Outcome::NotChecked { reason: last }, Vec::new())
    }

    fn judge_chain(
        &self,
        v: TlsVersion,
        chain: &[Vec<u8>],
        ocsp_stapled: bool,
        server_name: &str,
        handshake_error: Option<String>,
    ) -> (Outcome<CertificateReport>, Vec<String>) {
        if chain.is_empty() {
            return (
                Outcome::NotChecked {
                    reason: "the server sent no certificate".to_string(),
                },
                Vec::new(),
            );
        }
        let extra = &self.opts.extra_roots_pem;
        let (roots, mut errors) = cert::load_roots(extra, self.opts.system_roots);
        if let Some(e) = handshake_error {
            errors.push(format!(
                "the {} handshake failed after the certificate: {e}",
                v.name()
            ));
        }
        let (chain_ok, name) = cert::verify(chain, &roots, server_name);
        let leaf = chain.first().and_then(|c| cert::parse(c));
        let now = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .unwrap_or_default()
            .as_secs() as i64;
        let days_left = leaf
            .as_ref()
            .map(|l| (l.not_after - now).div_euclid(86_400));
        (
            Outcome::Checked {
                result: CertificateReport {
                    version: v,
                    chain_length: chain.len(),
                    chain_valid: chain_ok.is_ok(),
                    chain_expired: chain_ok.as_ref().is_err_and(|e| e.expired),
                    chain_error: chain_ok.err().map(|e| e.why),
                    hostname_matches: name.is_ok(),
                    hostname_error: name.err(),
                    leaf,
                    days_left,
                    ocsp_stapled,
                },
            },
            errors,
        )
    }
}

/// Runs `jobs` on at most `workers` threads; results in job order.
fn run_pool<J: Sync, R: Send>(jobs: &[J], workers: usize, f: impl Fn(&J) -> R + Sync) -> Vec<R> {
    let next = AtomicUsize::new(0);
    let results: Vec<Mutex<Option<R>>> = jobs.iter().map(|_| Mutex::new(None)).collect();
    std::thread::scope(|s| {
        for _ in 0..workers.clamp(1, jobs.len().max(1)) {
            s.spawn(|| {
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(job) = jobs.get(i) else { break };
                    let r = f(job);
                    if let Ok(mut slot) = results[i].lock() {
                        *slot = Some(r);
                    }
                }
            });
        }
    });
    results
        .into_iter()
        .filter_map(|m| m.into_inner().ok().flatten())
        .collect()
}

enum Phase1 {
    Version(TlsVersion),
    Certificate(TlsVersion),
}

enum Phase1Out {
    Version(VersionResult),
    Certificate(Outcome<CertificateReport>, Vec<String>),
}

enum Phase2 {
    Weak(WeakCategory, Option<TlsVersion>),
    Fs(TlsVersion),
}

enum Phase2Out {
    Weak(WeakResult),
    Fs(Outcome<ForwardSecrecy>),
}

/// Probes one TLS endpoint: protocol versions, weak suites, forward-secrecy preference and the
/// certificate chain. Never panics and never fails as a whole: each check that cannot be made
/// is `NotChecked` with the reason, also listed in [`TlsReport::errors`].
pub fn probe(target: &TlsTarget, opts: &TlsOptions) -> TlsReport {
    let start = Instant::now();
    let target_str = if target.host.contains(':') {
        format!("[{}]:{}", target.host, target.port)
    } else {
        format!("{}:{}", target.host, target.port)
    };
    let mut report = TlsReport {
        target: target_str,
        server_name: target.server_name.clone(),
        versions: Vec::new(),
        weak_suites: Vec::new(),
        forward_secrecy: Outcome::NotChecked {
            reason: "not run".to_string(),
        },
        certificate: Outcome::NotChecked {
            reason: "not run".to_string(),
        },
        errors: Vec::new(),
        elapsed_ms: 0,
    };
    let addrs: Vec<SocketAddr> = match (target.host.as_str(), target.port).to_socket_addrs() {
        Ok(a) => a.take(4).collect(),
        Err(e) => {
            let reason = format!("cannot resolve {}: {e}", target.host);
            for v in TlsVersion::ALL {
                report.versions.push(VersionResult {
                    version: v,
                    outcome: Outcome::NotChecked {
                        reason: reason.clone(),
                    },
                });
            }
            report.forward_secrecy = Outcome::NotChecked {
                reason: reason.clone(),
            };
            report.certificate = Outcome::NotChecked {
                reason: reason.clone(),
            };
            report.errors.push(CheckError {
                check: "tls".to_string(),
                reason,
            });
            report.elapsed_ms = start.elapsed().as_millis() as u64;
            return report;
        }
    };
    let sni = (target.server_name.parse::<IpAddr>().is_err() && !target.server_name.is_empty())
        .then(|| target.server_name.trim_end_matches('.').to_string());
    let ctx = Ctx { addrs, sni, opts };
    let workers = opts.concurrency.max(1);

    // Phase 1: one handshake per version, and the certificate under TLS 1.2 (most servers).
    let mut jobs: Vec<Phase1> = TlsVersion::ALL
        .iter()
        .map(|&v| Phase1::Version(v))
        .collect();
    jobs.push(Phase1::Certificate(TlsVersion::Tls12));
    let mut cert_out = None;
    for out in run_pool(&jobs, workers, |job| match *job {
        Phase1::Version(v) => Phase1Out::Version(VersionResult {
            version: v,
            outcome: ctx.version_check(v),
        }),
        Phase1::Certificate(v) => {
            let (o, e) = ctx.certificate_check(v, &target.server_name);
            Phase1Out::Certificate(o, e)
        }
    }) {
        match out {
            Phase1Out::Version(r) => report.versions.push(r),
            Phase1Out::Certificate(o, e) => cert_out = Some((o, e)),
        }
    }
    let legacy_accepted: Vec<TlsVersion> = report
        .versions
        .iter()
        .filter(|r| r.version != TlsVersion::Tls13)
        .filter(|r| matches!(r.outcome.checked(), Some(Acceptance::Accepted { .. })))
        .map(|r| r.version)
        .collect();
    let best_legacy = legacy_accepted.iter().max().copied();
    let accepted_map: Vec<(TlsVersion, Option<bool>)> = TlsVersion::ALL
        .iter()
        .map(|&v| (v, report.accepts(v)))
        .collect();
    let accepts = |v: TlsVersion| {
        accepted_map
            .iter()
            .find(|(w, _)| *w == v)
            .and_then(|(_, a)| *a)
    };
    let all_legacy_refused = [TlsVersion::Tls10, TlsVersion::Tls11, TlsVersion::Tls12]
        .iter()
        .all(|&v| accepts(v) == Some(false));

    // The certificate: from TLS 1.2, else the best legacy version accepted.
    if let Some((o, e)) = cert_out {
        for reason in e {
            report.errors.push(CheckError {
                check: "certificate".to_string(),
                reason,
            });
        }
        report.certificate = o;
    }
    if report.certificate.checked().is_none() {
        if let Some(v) = best_legacy.filter(|&v| v != TlsVersion::Tls12) {
            let (o, e) = ctx.certificate_check(v, &target.server_name);
            report.certificate = o;
            for reason in e {
                report.errors.push(CheckError {
                    check: "certificate".to_string(),
                    reason,
                });
            }
        } else if accepts(TlsVersion::Tls13) == Some(true) {
            let (o, e) = ctx.certificate_check_tls13(&target.server_name);
            report.certificate = o;
            for reason in e {
                report.errors.push(CheckError {
                    check: "certificate".to_string(),
                    reason,
                });
            }
        }
    }

    // Phase 2: weak suites per category, and the forward-secrecy preference.
    let mut jobs: Vec<Phase2> = WeakCategory::ALL
        .iter()
        .map(|&c| {
            let v = if c == WeakCategory::CbcSha1Tls10 {
                legacy_accepted
                    .contains(&TlsVersion::Tls10)
                    .then_some(TlsVersion::Tls10)
            } else {
                best_legacy
            };
            Phase2::Weak(c, v)
        })
        .collect();
    if let Some(v) = best_legacy {
        jobs.push(Phase2::Fs(v));
    }
    // A refusal only proves "no weak suite" when the server did accept some other version (a
    // server refusing every hello is reported as such, never as clean).
    let any_accepted = TlsVersion::ALL.iter().any(|&v| accepts(v) == Some(true));
    let tls10_refused = accepts(TlsVersion::Tls10) == Some(false) && any_accepted;
    let all_legacy_refused_but_tls13 = all_legacy_refused && any_accepted;
    for out in run_pool(&jobs, workers, |job| match *job {
        Phase2::Weak(c, Some(v)) => Phase2Out::Weak(WeakResult {
            category: c,
            version: Some(v),
            outcome: ctx.weak_check(c, v),
        }),
        Phase2::Weak(c, None) => {
            // Nothing to negotiate under: refused versions mean no weak suite either.
            let refused = if c == WeakCategory::CbcSha1Tls10 {
                tls10_refused
            } else {
                all_legacy_refused_but_tls13
            };
            Phase2Out::Weak(WeakResult {
                category: c,
                version: None,
                outcome: if refused {
                    Outcome::Checked { result: Vec::new() }
                } else {
                    Outcome::NotChecked {
                        reason: if any_accepted || !all_legacy_refused {
                            "no TLS version up to 1.2 could be checked".to_string()
                        } else {
                            "the server refused every TLS version".to_string()
                        },
                    }
                },
            })
        }
        Phase2::Fs(v) => Phase2Out::Fs(ctx.fs_check(v)),
    }) {
        match out {
            Phase2Out::Weak(w) => report.weak_suites.push(w),
            Phase2Out::Fs(f) => report.forward_secrecy = f,
        }
    }
    if best_legacy.is_none() {
        report.forward_secrecy = if all_legacy_refused && accepts(TlsVersion::Tls13) == Some(true) {
            Outcome::Checked {
                result: ForwardSecrecy {
                    prefers_forward_secrecy: true,
                    chosen_suite: "every TLS 1.3 suite is forward-secret".to_string(),
                    version: TlsVersion::Tls13,
                },
            }
        } else {
            Outcome::NotChecked {
                reason: "no TLS version could be negotiated".to_string(),
            }
        };
    }

    // The "not checked: why" list.
    let mut errors = Vec::new();
    for r in &report.versions {
        if let Outcome::NotChecked { reason } = &r.outcome {
            errors.push(CheckError {
                check: format!("version {}", r.version.name()),
                reason: reason.clone(),
            });
        }
    }
    for w in &report.weak_suites {
        if let Outcome::NotChecked { reason } = &w.outcome {
            errors.push(CheckError {
                check: format!("weak suites {}", w.category.name()),
                reason: reason.clone(),
            });
        }
    }
    if let Outcome::NotChecked { reason } = &report.forward_secrecy {
        errors.push(CheckError {
            check: "forward secrecy".to_string(),
            reason: reason.clone(),
        });
    }
    if let Outcome::NotChecked { reason } = &report.certificate {
        errors.push(CheckError {
            check: "certificate".to_string(),
            reason: reason.clone(),
        });
    }
    errors.append(&mut report.errors);
    report.errors = errors;
    report.elapsed_ms = start.elapsed().as_millis() as u64;
    report
}

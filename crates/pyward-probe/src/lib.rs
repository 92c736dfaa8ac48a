//! The live probe (`pyward probe URL…`): what a running service actually does, over HTTP and
//! TLS. Config files say what should happen; the probe checks what does.
//!
//! Every request is bounded in count, size and time, no attack payload is ever sent, and no
//! redirect is followed off the given origin unless asked. Findings carry the URL (or
//! `host:port` for TLS) as their location.
//!
//! Layout:
//! - [`http`]: the bounded HTTP client (no redirects, timeouts, a deadline, capped bodies).
//! - [`checks`] and [`rules`]: the HTTP checks (redirect, HSTS, CSP, headers, banners, TRACE,
//!   cookies, CORS, authentication over plain HTTP) and the origin's score.
//! - [`exposures`], [`openapi`] and [`active`]: checked once per origin after its URLs: a
//!   Python app's exposed files and debug pages (recognised by content, soft-404 aware), the
//!   OpenAPI authentication check, and the active body-limit and rate-limit checks.
//! - [`tls`]: TLS protocol versions, cipher suites and the certificate chain, decided by the
//!   server's real answers to our own handshakes, run once per `https://` host:port.
//! - [`tls_checks`]: the TLS rules' findings (located at `host:port`) from a [`tls::TlsReport`].
//!
//! The audit crates stay synchronous: the probe uses blocking sockets with timeouts and a small
//! thread pool, never an async runtime.

pub mod active;
mod analyzer;
pub mod checks;
pub mod exposures;
pub mod http;
pub mod openapi;
mod origin;
mod pool;
pub mod rules;
pub mod tls;
pub mod tls_checks;
mod upload;

pub use analyzer::{ProbeAnalyzer, ProbeOptions};

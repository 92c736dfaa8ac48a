//! A bounded blocking HTTP client for the probe: no redirects followed, a timeout per request
//! and a deadline for the whole probe, response bodies read up to a byte cap, headers bounded
//! in size, and a maximum number of requests per origin.
//!
//! Certificates are not verified here (the TLS module judges them); every HTTPS exchange
//! records that verification was skipped.

use std::collections::HashMap;
use std::io::Read;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use ureq::Agent;
use ureq::tls::TlsConfig;

/// The most bytes of a response body the probe ever reads.
pub const BODY_CAP: u64 = 1024 * 1024;
/// The most bytes of response headers accepted.
pub const HEADER_CAP: usize = 64 * 1024;
/// The most header lines kept from one response.
pub const MAX_HEADERS: usize = 200;

/// What went wrong with one request.
#[derive(Debug, thiserror::Error)]
pub enum HttpError {
    #[error("invalid URL `{0}`")]
    InvalidUrl(String),
    #[error("the probe's deadline has passed")]
    Deadline,
    #[error("request limit for {0} reached")]
    RequestLimit(String),
    #[error("{0}")]
    Transport(String),
}

/// One request and its answer.
#[derive(Debug, Clone)]
pub struct Exchange {
    pub method: String,
    pub url: String,
    pub status: u16,
    /// Header names lowercased, in the order received (repeated headers kept).
    pub headers: Vec<(String, String)>,
    /// At most [`BODY_CAP`] bytes.
    pub body: Vec<u8>,
    /// The body was longer than the cap (the rest was never read).
    pub body_truncated: bool,
    /// HTTPS with certificate verification switched off.
    pub tls_unverified: bool,
}

impl Exchange {
    /// The first value of header `name` (lowercase).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    /// Every value of header `name` (lowercase).
    pub fn headers_all<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a str> + 'a {
        self.headers
            .iter()
            .filter(move |(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    pub fn is_https(&self) -> bool {
        self.url.starts_with("https://")
    }
}

/// How one request is sent (see [`Client::send_with`]).
#[derive(Debug, Clone)]
pub struct Send {
    /// The most body bytes read (never over [`BODY_CAP`]).
    pub body_cap: u64,
    /// Leave out the `--header` headers: the request goes without the user's credentials.
    pub bare: bool,
    /// `POST` a body of this many bytes (`Content-Length` and `Expect: 100-continue`) on a
    /// connection of its own; only the answer's status and headers are read.
    pub upload: Option<u64>,
}

impl Default for Send {
    fn default() -> Self {
        Send {
            body_cap: BODY_CAP,
            bare: false,
            upload: None,
        }
    }
}

/// Limits of a probe run.
#[derive(Debug, Clone)]
pub struct Limits {
    /// Timeout of one request, connection included.
    pub timeout: Duration,
    /// The whole probe ends by then.
    pub deadline: Instant,
    /// The most requests sent to one origin.
    pub max_requests_per_origin: usize,
}

/// The client: one agent, the limits, and a request count per origin.
pub struct Client {
    agent: Agent,
    limits: Limits,
    extra_headers: Vec<(String, String)>,
    counts: Mutex<HashMap<String, usize>>,
}

impl Client {
    /// `extra_headers` (`--header`) are sent with every request and never shown.
    pub fn new(limits: Limits, extra_headers: Vec<(String, String)>) -> Client {
        let config = Agent::config_builder()
            .max_redirects(0)
            .http_status_as_error(false)
            .allow_non_standard_methods(true)
            .max_response_header_size(HEADER_CAP)
            .user_agent(concat!("pyward-probe/", env!("CARGO_PKG_VERSION")))
            .accept_encoding("identity")
            .max_idle_connections(0)
            .tls_config(TlsConfig::builder().disable_verification(true).build())
            .build();
        Client {
            agent: config.into(),
            limits,
            extra_headers,
            counts: Mutex::new(HashMap::new()),
        }
    }

    /// Sends `method url` with `headers` (plus the `--header` ones) and reads the answer within
    /// the limits.
    pub fn send(
        &self,
        method: &str,
        url: &str,
        headers: &[(&str, &str)],
    ) -> Result<Exchange, HttpError> {
        self.send_with(method, url, headers, &Send::default())
    }

    /// [`Client::send`] with per-request choices: the body cap, whether the `--header` headers
    /// (which may carry credentials) go along, and an upload.
    pub fn send_with(
        &self,
        method: &str,
        url: &str,
        headers: &[(&str, &str)],
        how: &Send,
    ) -> Result<Exchange, HttpError> {
        let origin = origin_of(url).ok_or_else(|| HttpError::InvalidUrl(url.to_string()))?;
        {
            let mut counts = self.counts.lock().unwrap_or_else(|e| e.into_inner());
            let n = counts.entry(origin.clone()).or_insert(0);
            if *n >= self.limits.max_requests_per_origin {
                return Err(HttpError::RequestLimit(origin));
            }
            *n += 1;
        }
        let left = self
            .limits
            .deadline
            .checked_duration_since(Instant::now())
            .filter(|d| !d.is_zero())
            .ok_or(HttpError::Deadline)?;
        let timeout = left.min(self.limits.timeout);
        if let Some(len) = how.upload {
            // On a connection of its own (see `upload`): only the answer's head is read.
            let mut all: Vec<(String, String)> = if how.bare {
                Vec::new()
            } else {
                self.extra_headers.clone()
            };
            all.extend(headers.iter().map(|(k, v)| (k.to_string(), v.to_string())));
            let (status, headers) =
                crate::upload::post(url, &all, len, timeout).map_err(HttpError::Transport)?;
            return Ok(Exchange {
                method: method.to_string(),
                url: url.to_string(),
                status,
                headers,
                body: Vec::new(),
                body_truncated: false,
                tls_unverified: url.starts_with("https://"),
            });
        }
        let mut builder = ureq::http::Request::builder().method(method).uri(url);
        if !how.bare {
            for (k, v) in &self.extra_headers {
                builder = builder.header(k.as_str(), v.as_str());
            }
        }
        for (k, v) in headers {
            builder = builder.header(*k, *v);
        }
        let request = builder
            .body(())
            .map_err(|_| HttpError::InvalidUrl(url.to_string()))?;
        let request = self
            .agent
            .configure_request(request)
            .timeout_global(Some(timeout))
            .build();
        let mut response = self
            .agent
            .run(request)
            .map_err(|e| HttpError::Transport(describe(&e)))?;
        let status = response.status().as_u16();
        let headers = response
            .headers()
            .iter()
            .take(MAX_HEADERS)
            .map(|(k, v)| {
                (
                    k.as_str().to_ascii_lowercase(),
                    String::from_utf8_lossy(v.as_bytes()).into_owned(),
                )
            })
            .collect();
        let mut body = Vec::new();
        let mut body_truncated = false;
        if method != "HEAD" {
            let reader = response.body_mut().with_config().limit(u64::MAX).reader();
            let cap = how.body_cap.min(BODY_CAP);
            // One byte over the cap tells a truncated body from one of exactly the cap.
            match reader.take(cap + 1).read_to_end(&mut body) {
                Ok(_) => {}
                // A timeout or reset mid-body: judge the headers with what arrived.
                Err(_) => body_truncated = true,
            }
            if body.len() as u64 > cap {
                body.truncate(cap as usize);
                body_truncated = true;
            }
        }
        Ok(Exchange {
            method: method.to_string(),
            url: url.to_string(),
            status,
            headers,
            body,
            body_truncated,
            tls_unverified: url.starts_with("https://"),
        })
    }
}

fn describe(e: &ureq::Error) -> String {
    match e {
        ureq::Error::Timeout(_) => "timed out".into(),
        ureq::Error::Io(io) if io.kind() == std::io::ErrorKind::ConnectionRefused => {
            "connection refused".into()
        }
        ureq::Error::Io(io) => format!("connection failed: {io}"),
        ureq::Error::HostNotFound => "host not found".into(),
        other => other.to_string(),
    }
}

/// `scheme://host[:port]` of an http(s) URL, lowercased; `None` for anything else.
pub fn origin_of(url: &str) -> Option<String> {
    let (scheme, rest) = url.split_once("://")?;
    let scheme = scheme.to_ascii_lowercase();
    if scheme != "http" && scheme != "https" {
        return None;
    }
    let authority = rest.split(['/', '?', '#']).next()?;
    let authority = authority.rsplit('@').next()?;
    if authority.is_empty() {
        return None;
    }
    Some(format!("{scheme}://{}", authority.to_ascii_lowercase()))
}

/// The host (without port) of an http(s) URL, lowercased.
pub fn host_of(url: &str) -> Option<String> {
    let origin = origin_of(url)?;
    let authority = origin.split_once("://")?.1;
    if let Some(rest) = authority.strip_prefix('[') {
        return rest.split(']').next().map(str::to_string);
    }
    Some(authority.split(':').next()?.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn origins() {
        assert_eq!(
            origin_of("HTTP://Example.com:8080/a?b").as_deref(),
            Some("http://example.com:8080")
        );
        assert_eq!(origin_of("ftp://x/"), None);
        assert_eq!(
            host_of("https://u:p@h.example:1/").as_deref(),
            Some("h.example")
        );
        assert_eq!(host_of("http://[::1]:80/").as_deref(), Some("::1"));
    }
}

//! [`ProbeAnalyzer`]: the probe as one more [`Analyzer`], holding its URLs and options.

use std::collections::BTreeMap;
use std::time::{Duration, Instant};

use pyward_core::{Analyzer, Finding, Report, RuleMeta, ScanError, Scope};

use crate::checks;
use crate::http::{Client, Exchange, Limits, host_of, origin_of};

/// How the probe runs.
#[derive(Debug, Clone)]
pub struct ProbeOptions {
    /// Timeout of one request.
    pub timeout: Duration,
    /// URLs probed at the same time.
    pub concurrency: usize,
    /// Extra request headers (`--header`), sent with every request and never shown.
    pub headers: Vec<(String, String)>,
    /// Send the active checks (TRACE).
    pub active: bool,
    /// Follow a redirect to another origin.
    pub follow_external: bool,
    /// The most requests sent to one origin.
    pub max_requests_per_origin: usize,
}

impl Default for ProbeOptions {
    fn default() -> Self {
        ProbeOptions {
            timeout: Duration::from_secs(10),
            concurrency: 4,
            headers: Vec::new(),
            active: true,
            follow_external: false,
            max_requests_per_origin: 20,
        }
    }
}

/// The live probe over `urls`.
#[derive(Debug, Clone, Default)]
pub struct ProbeAnalyzer {
    pub urls: Vec<String>,
    pub options: ProbeOptions,
}

/// What one URL's probe found.
#[derive(Default)]
struct Outcome {
    findings: Vec<Finding>,
    errors: Vec<ScanError>,
    warnings: Vec<String>,
    tls_unverified: bool,
}

impl Analyzer for ProbeAnalyzer {
    fn name(&self) -> &'static str {
        "probe"
    }

    fn rules(&self) -> Vec<&'static RuleMeta> {
        crate::rules::RULES.to_vec()
    }

    fn run(&self, scope: &Scope<'_>) -> Report {
        let mut report = Report::new("probe");
        let selector = scope.selector(&[], &[]);
        // The whole probe ends after a few request timeouts per URL batch, whatever happens.
        let batches = self
            .urls
            .len()
            .div_ceil(self.options.concurrency.max(1))
            .max(1) as u32;
        let limits = Limits {
            timeout: self.options.timeout,
            deadline: Instant::now() + self.options.timeout * 8 * batches,
            max_requests_per_origin: self.options.max_requests_per_origin,
        };
        let client = Client::new(limits, self.options.headers.clone());
        scope.progress.start("probe", Some(self.urls.len() as u64));
        let mut outcomes: Vec<(String, Outcome)> = Vec::new();
        for chunk in self.urls.chunks(self.options.concurrency.max(1)) {
            let done: Vec<(String, Outcome)> = std::thread::scope(|s| {
                let handles: Vec<_> = chunk
                    .iter()
                    .map(|url| {
                        let client = &client;
                        s.spawn(move || (url.clone(), self.probe(client, url)))
                    })
                    .collect();
                handles
                    .into_iter()
                    .zip(chunk)
                    .map(|(h, url)| {
                        h.join().unwrap_or_else(|_| {
                            let mut o = Outcome::default();
                            o.errors.push(not_checked(url, "the probe failed"));
                            (url.clone(), o)
                        })
                    })
                    .collect()
            });
            scope.progress.advance("probe", chunk.len() as u64);
            outcomes.extend(done);
        }
        scope.progress.finish("probe");

        let mut checked_origins = std::collections::BTreeSet::new();
        let mut unverified = false;
        for (url, outcome) in outcomes {
            let findings: Vec<Finding> = outcome
                .findings
                .into_iter()
                .filter(|f| {
                    crate::rules::RULES
                        .iter()
                        .find(|r| r.code == f.code)
                        .is_none_or(|r| selector.enabled(r))
                })
                .collect();
            // An origin gets a score only when its page was seen (not for a refused connection).
            if (outcome.errors.is_empty() || !findings.is_empty())
                && let Some(origin) = origin_of(&url)
            {
                checked_origins.insert(origin);
            }
            checked_origins.extend(
                findings
                    .iter()
                    .filter_map(|f| f.location.url.as_deref().and_then(origin_of)),
            );
            unverified |= outcome.tls_unverified;
            report.inputs.push(url);
            report.findings.extend(findings);
            report.errors.extend(outcome.errors);
            report.warnings.extend(outcome.warnings);
        }
        // One score per origin, over the findings of every URL of that origin.
        let scores: BTreeMap<String, u32> = checked_origins
            .into_iter()
            .map(|origin| {
                let of_origin: Vec<&Finding> = report
                    .findings
                    .iter()
                    .filter(|f| {
                        f.location.url.as_deref().and_then(origin_of).as_deref()
                            == Some(origin.as_str())
                    })
                    .collect();
                let score = checks::score(&of_origin);
                (origin, score)
            })
            .collect();
        report
            .stats
            .insert("urls".into(), (self.urls.len() as u64).into());
        report.stats.insert(
            "scores".into(),
            serde_json::to_value(&scores).unwrap_or_default(),
        );
        if unverified {
            report
                .stats
                .insert("tls_verification".into(), "skipped".into());
        }
        report.normalize();
        report
    }
}

fn not_checked(url: &str, why: &str) -> ScanError {
    ScanError {
        path: url.to_string(),
        message: format!("not checked: {why}"),
    }
}

impl ProbeAnalyzer {
    fn probe(&self, client: &Client, url: &str) -> Outcome {
        let mut out = Outcome::default();
        let Some(origin) = origin_of(url) else {
            out.errors
                .push(not_checked(url, "not an http:// or https:// URL"));
            return out;
        };
        let first = match client.send("GET", url, &[]) {
            Ok(ex) => ex,
            Err(e) => {
                out.errors.push(not_checked(url, &e.to_string()));
                return out;
            }
        };
        let mut seen: Vec<Exchange> = Vec::new();
        let mut redirects = None;
        if url.to_ascii_lowercase().starts_with("http://") {
            out.findings.extend(checks::https_redirect(&first));
            out.findings.extend(checks::auth_over_http(&first));
            redirects = Some(checks::https_redirect(&first).is_none());
        } else if let Some(plain) = plain_counterpart(url) {
            // An https:// URL on the default port: does plain HTTP on port 80 redirect to it?
            match client.send("GET", &plain, &[]) {
                Ok(ex) => {
                    out.findings.extend(checks::https_redirect(&ex));
                    out.findings.extend(checks::auth_over_http(&ex));
                    redirects = Some(checks::https_redirect(&ex).is_none());
                    seen.push(ex);
                }
                Err(e) => out
                    .warnings
                    .push(format!("{plain}: HTTP to HTTPS redirect not checked: {e}")),
            }
        }
        // TLS hook: for https:// URLs the TLS module's report (protocol versions, suites,
        // certificate) joins the findings here once `tls::probe` exists.
        // Follow redirects on the same origin (or the HTTPS upgrade of the same host, or
        // anywhere with --follow-external), at most 5.
        let mut main = first.clone();
        seen.push(first);
        for _ in 0..5 {
            if !(300..400).contains(&main.status) {
                break;
            }
            let Some(next) = main.header("location").and_then(|l| resolve(&main.url, l)) else {
                break;
            };
            let same_host = host_of(&next) == host_of(url);
            let allowed = origin_of(&next).as_deref() == Some(origin.as_str())
                || (same_host && next.starts_with("https://"))
                || self.options.follow_external;
            if !allowed {
                out.warnings.push(format!(
                    "{url}: redirect to another origin not followed (use --follow-external)"
                ));
                break;
            }
            match client.send("GET", &next, &[]) {
                Ok(ex) => {
                    main = ex.clone();
                    seen.push(ex);
                }
                Err(e) => {
                    out.errors.push(not_checked(&next, &e.to_string()));
                    break;
                }
            }
        }
        if (300..400).contains(&main.status) {
            // Only a redirect to judge: the headers of the final page were not seen.
            return self.finish(out, seen);
        }
        out.findings.extend(checks::hsts(&main, redirects));
        out.findings.extend(checks::csp(&main));
        out.findings.extend(checks::other_headers(&main));
        if main.url != url {
            out.findings.extend(checks::auth_over_http(&main));
        }
        // A CORS request that fails is said so: a skipped check is never a pass.
        let mut cors = |origin: &str| match client.send("GET", &main.url, &[("Origin", origin)]) {
            Ok(ex) => Some(ex),
            Err(e) => {
                out.warnings.push(format!(
                    "{}: CORS with Origin {origin} not checked: {e}",
                    main.url
                ));
                None
            }
        };
        let foreign = cors(checks::FOREIGN_ORIGIN);
        let null = cors("null");
        out.findings
            .extend(checks::cors(Some(&main), foreign.as_ref(), null.as_ref()));
        if self.options.active {
            match client.send("TRACE", &main.url, &[]) {
                Ok(ex) => out.findings.extend(checks::trace(&ex)),
                Err(e) => out
                    .warnings
                    .push(format!("{}: TRACE not checked: {e}", main.url)),
            }
        }
        self.finish(out, seen)
    }

    /// Checks every exchange's banners and cookies (once per header value) and tallies TLS.
    fn finish(&self, mut out: Outcome, seen: Vec<Exchange>) -> Outcome {
        let mut cookie_names = std::collections::BTreeSet::new();
        let mut banner_seen = std::collections::BTreeSet::new();
        for ex in &seen {
            out.tls_unverified |= ex.tls_unverified;
            for f in checks::banners(ex) {
                if banner_seen.insert(f.message.clone()) {
                    out.findings.push(f);
                }
            }
            for f in checks::cookies(ex) {
                if cookie_names.insert(f.message.clone()) {
                    out.findings.push(f);
                }
            }
        }
        out
    }
}

/// `http://host/path` for an `https://host/path` URL without an explicit port (or `:443`);
/// `None` when the URL names another port, whose plain-HTTP twin is unknown.
fn plain_counterpart(url: &str) -> Option<String> {
    let rest = url.strip_prefix("https://")?;
    let (authority, path) = match rest.find(['/', '?', '#']) {
        Some(i) => (&rest[..i], &rest[i..]),
        None => (rest, "/"),
    };
    let host = authority.rsplit('@').next()?;
    let host = match host.strip_suffix(":443") {
        Some(h) => h,
        None if host.starts_with('[') && host.ends_with(']') => host,
        None if host.contains(':') => return None,
        None => host,
    };
    Some(format!("http://{host}{path}"))
}

/// `location` resolved against `base` (absolute, or absolute-path on the same origin).
fn resolve(base: &str, location: &str) -> Option<String> {
    let l = location.trim();
    if l.starts_with("http://") || l.starts_with("https://") {
        return Some(l.to_string());
    }
    let origin = origin_of(base)?;
    if let Some(rest) = l.strip_prefix("//") {
        let scheme = base.split("://").next()?;
        return Some(format!("{scheme}://{rest}"));
    }
    if l.starts_with('/') {
        return Some(format!("{origin}{l}"));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_twins_of_https_urls() {
        assert_eq!(
            plain_counterpart("https://a.example/x?y").as_deref(),
            Some("http://a.example/x?y")
        );
        assert_eq!(
            plain_counterpart("https://a.example:443").as_deref(),
            Some("http://a.example/")
        );
        assert_eq!(plain_counterpart("https://a.example:8443/"), None);
        assert_eq!(
            plain_counterpart("https://[::1]/").as_deref(),
            Some("http://[::1]/")
        );
        assert_eq!(plain_counterpart("http://a.example/"), None);
    }

    #[test]
    fn redirect_targets() {
        assert_eq!(
            resolve("http://a.example:8/x", "/y").as_deref(),
            Some("http://a.example:8/y")
        );
        assert_eq!(
            resolve("https://a.example/", "//b.example/").as_deref(),
            Some("https://b.example/")
        );
        assert_eq!(resolve("http://a.example/", "relative"), None);
    }
}

//! [`ProbeAnalyzer`]: the probe as one more [`Analyzer`], holding its URLs and options.

use std::collections::BTreeMap;
use std::time::{Duration, Instant};

use pyward_core::{Analyzer, Finding, Report, RuleMeta, ScanError, Scope};

use crate::checks;
use crate::exposures;
use crate::http::{Client, Exchange, Limits, host_of, origin_of};
use crate::origin::{OriginPlan, probe_origin};
use crate::tls::{self, TlsOptions, TlsReport, TlsTarget};
use crate::tls_checks;
use crate::{active, openapi, pool};

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
    /// Extra trusted roots (PEM text) for the TLS certificate checks, besides the system roots
    /// (`--ca-file`).
    pub extra_roots_pem: Vec<String>,
    /// The text of an OpenAPI document (JSON or YAML) for the authentication check
    /// (`--openapi FILE`); without it, a schema the origin serves is used.
    pub openapi_document: Option<String>,
    /// Requests of the rate-limit burst (`--burst`, active).
    pub burst: usize,
    /// The body limit a server should enforce (`--max-body`, active): one byte more is sent.
    pub max_body: u64,
}

impl Default for ProbeOptions {
    fn default() -> Self {
        ProbeOptions {
            timeout: Duration::from_secs(10),
            concurrency: 4,
            headers: Vec::new(),
            active: true,
            follow_external: false,
            max_requests_per_origin: 150,
            extra_roots_pem: Vec::new(),
            openapi_document: None,
            burst: active::DEFAULT_BURST,
            max_body: active::DEFAULT_MAX_BODY,
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
    /// The page the probe landed on, when it saw one (not only a redirect).
    landing: Option<String>,
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
        // The whole probe ends after a few request timeouts per round of URLs and origins,
        // whatever happens.
        let rounds = self
            .urls
            .len()
            .div_ceil(self.options.concurrency.max(1))
            .max(1) as u32;
        let limits = Limits {
            timeout: self.options.timeout,
            deadline: Instant::now() + self.options.timeout * 32 * rounds,
            max_requests_per_origin: self.options.max_requests_per_origin + self.options.burst,
        };
        let client = Client::new(limits, self.options.headers.clone());
        let openapi = match self.options.openapi_document.as_deref().map(openapi::parse) {
            Some(Ok(doc)) => Some(doc),
            Some(Err(e)) => {
                report.errors.push(not_checked(
                    "--openapi",
                    &format!("the OpenAPI authentication check: {e}"),
                ));
                None
            }
            None => None,
        };
        // TLS once per distinct https:// host:port, next to the HTTP checks (skipped when no TLS
        // rule is selected); an https:// origin reached by a redirect gets its TLS checks after.
        let tls_selected = tls_checks::TLS_RULES.iter().any(|r| selector.enabled(r));
        let mut targets = if tls_selected {
            tls_targets(&self.urls)
        } else {
            Vec::new()
        };
        let (outcomes, mut tls_reports) = std::thread::scope(|s| {
            let tls = s.spawn(|| self.probe_tls(scope, &targets));
            let outcomes = self.probe_urls(scope, &client);
            let tls_reports = tls.join().unwrap_or_else(|_| {
                targets
                    .iter()
                    .map(|(_, origin)| (origin.clone(), None))
                    .collect()
            });
            (outcomes, tls_reports)
        });
        let landings: Vec<String> = outcomes
            .iter()
            .filter_map(|(_, o)| o.landing.clone())
            .collect();
        let later_targets: Vec<(TlsTarget, String)> = if tls_selected {
            tls_targets(&landings)
                .into_iter()
                .filter(|(t, _)| {
                    !targets
                        .iter()
                        .any(|(k, _)| k.host == t.host && k.port == t.port)
                })
                .collect()
        } else {
            Vec::new()
        };
        let plans = origin_plans(&landings);
        let (origin_outcomes, later_reports) = std::thread::scope(|s| {
            let tls = s.spawn(|| self.probe_tls(scope, &later_targets));
            let origin_outcomes =
                pool::map(&plans, self.options.concurrency, |(origin, landing)| {
                    probe_origin(
                        &client,
                        &OriginPlan {
                            origin,
                            landing,
                            openapi: openapi.as_ref(),
                            active: self.options.active,
                            burst: self.options.burst,
                            max_body: self.options.max_body,
                        },
                    )
                });
            let later = tls.join().unwrap_or_else(|_| {
                later_targets
                    .iter()
                    .map(|(_, origin)| (origin.clone(), None))
                    .collect()
            });
            (origin_outcomes, later)
        });
        targets.extend(later_targets);
        tls_reports.extend(later_reports);

        // A finding of a rule the selection turned off is dropped.
        let selected = |f: &Finding| {
            crate::rules::RULES
                .iter()
                .find(|r| r.code == f.code)
                .is_none_or(|r| selector.enabled(r))
        };
        let mut checked_origins = std::collections::BTreeSet::new();
        let mut unverified = false;
        for (url, outcome) in outcomes {
            let findings: Vec<Finding> = outcome
                .findings
                .into_iter()
                .filter(|f| selected(f))
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
        for ((origin, _), outcome) in plans.iter().zip(origin_outcomes) {
            let Some(outcome) = outcome else {
                report
                    .errors
                    .push(not_checked(origin, "the exposure and limit checks failed"));
                continue;
            };
            report
                .findings
                .extend(outcome.findings.into_iter().filter(|f| selected(f)));
            report.warnings.extend(outcome.warnings);
            checked_origins.insert(origin.clone());
        }
        let extra_roots = !self.options.extra_roots_pem.is_empty();
        for ((target, origin), (_, tls_report)) in targets.iter().zip(tls_reports) {
            let Some(tls_report) = tls_report else {
                let key = tls_checks::target_key(&target.host, target.port);
                report
                    .errors
                    .push(not_checked(&key, "TLS: the TLS probe failed"));
                continue;
            };
            let out = tls_checks::findings(&tls_report, origin, extra_roots);
            let findings: Vec<Finding> = out.findings.into_iter().filter(|f| selected(f)).collect();
            if !findings.is_empty() {
                checked_origins.insert(origin.clone());
            }
            report.findings.extend(findings);
            report.errors.extend(out.errors);
            report.warnings.extend(out.warnings);
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
                            || (f.location.url.is_none()
                                && f.location.host.is_some()
                                && f.location.host == tls_key_of_origin(&origin))
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
    /// The HTTP checks of every URL, `concurrency` URLs at a time.
    fn probe_urls(&self, scope: &Scope<'_>, client: &Client) -> Vec<(String, Outcome)> {
        scope.progress.start("probe", Some(self.urls.len() as u64));
        let done = pool::map(&self.urls, self.options.concurrency, |url| {
            let outcome = self.probe(client, url);
            scope.progress.advance("probe", 1);
            outcome
        });
        scope.progress.finish("probe");
        self.urls
            .iter()
            .zip(done)
            .map(|(url, outcome)| {
                let outcome = outcome.unwrap_or_else(|| {
                    let mut o = Outcome::default();
                    o.errors.push(not_checked(url, "the probe failed"));
                    o
                });
                (url.clone(), outcome)
            })
            .collect()
    }

    /// The TLS probe of every target, `concurrency` targets at a time; `None` for a probe
    /// that failed.
    fn probe_tls(
        &self,
        scope: &Scope<'_>,
        targets: &[(TlsTarget, String)],
    ) -> Vec<(String, Option<TlsReport>)> {
        if targets.is_empty() {
            return Vec::new();
        }
        let opts = TlsOptions {
            connect_timeout: self.options.timeout,
            read_timeout: self.options.timeout,
            extra_roots_pem: self.options.extra_roots_pem.clone(),
            ..TlsOptions::default()
        };
        scope.progress.start("tls", Some(targets.len() as u64));
        let done = pool::map(targets, self.options.concurrency, |(target, _)| {
            let report = tls::probe(target, &opts);
            scope.progress.advance("tls", 1);
            report
        });
        scope.progress.finish("tls");
        targets
            .iter()
            .zip(done)
            .map(|((_, origin), report)| (origin.clone(), report))
            .collect()
    }

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
        out.landing = Some(main.url.clone());
        let page = main
            .url
            .split_once("://")
            .and_then(|(_, r)| r.find('/').map(|i| r[i..].to_string()))
            .unwrap_or_else(|| "/".to_string());
        out.findings.extend(exposures::page_findings(&main, &page));
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

/// One origin stage per distinct origin of the landing pages, with its first landing page.
fn origin_plans(landings: &[String]) -> Vec<(String, String)> {
    let mut seen = std::collections::BTreeSet::new();
    landings
        .iter()
        .filter_map(|url| {
            let origin = origin_of(url)?;
            seen.insert(origin.clone()).then(|| (origin, url.clone()))
        })
        .collect()
}

/// The distinct TLS endpoints of the `https://` URLs, each with the origin of its first URL.
fn tls_targets(urls: &[String]) -> Vec<(TlsTarget, String)> {
    let mut seen = std::collections::BTreeSet::new();
    let mut out = Vec::new();
    for url in urls {
        let Some((host, port)) = origin_of(url).as_deref().and_then(https_host_port) else {
            continue;
        };
        if seen.insert((host.clone(), port)) {
            let origin = origin_of(url).unwrap_or_default();
            out.push((TlsTarget::new(host, port), origin));
        }
    }
    out
}

/// Host (without brackets) and port of an `https://` origin; 443 when none is given.
fn https_host_port(origin: &str) -> Option<(String, u16)> {
    let authority = origin.strip_prefix("https://")?;
    let host = host_of(origin)?;
    let after_host = match authority.strip_prefix('[') {
        Some(rest) => rest.split_once(']')?.1,
        None => authority.split_once(':').map_or("", |(_, p)| p),
    };
    let port = after_host.strip_prefix(':').unwrap_or(after_host);
    let port = if port.is_empty() {
        443
    } else {
        port.parse().ok()?
    };
    (!host.is_empty()).then_some((host, port))
}

/// The `host:port` key the TLS findings of an `https://` origin carry.
fn tls_key_of_origin(origin: &str) -> Option<String> {
    https_host_port(origin).map(|(h, p)| tls_checks::target_key(&h, p))
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
    fn tls_endpoints_of_urls() {
        assert_eq!(
            https_host_port("https://a.example"),
            Some(("a.example".to_string(), 443))
        );
        assert_eq!(
            https_host_port("https://a.example:8443"),
            Some(("a.example".to_string(), 8443))
        );
        assert_eq!(
            https_host_port("https://[::1]:8443"),
            Some(("::1".to_string(), 8443))
        );
        assert_eq!(
            https_host_port("https://[::1]"),
            Some(("::1".to_string(), 443))
        );
        assert_eq!(https_host_port("http://a.example"), None);
        assert_eq!(https_host_port("https://a.example:x"), None);
        let urls: Vec<String> = [
            "https://A.example/x",
            "https://a.example:443/y",
            "http://a.example/",
            "https://a.example:8443/",
        ]
        .map(String::from)
        .to_vec();
        let targets: Vec<String> = tls_targets(&urls)
            .iter()
            .map(|(t, o)| format!("{}:{} {o}", t.host, t.port))
            .collect();
        assert_eq!(
            targets,
            [
                "a.example:443 https://a.example",
                "a.example:8443 https://a.example:8443"
            ]
        );
        assert_eq!(
            tls_key_of_origin("https://[::1]:8443").as_deref(),
            Some("[::1]:8443")
        );
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

//! The HTTP checks: pure functions from exchanges to findings, each finding carrying the score
//! deduction documented in its rule.

use pyward_core::{Finding, Location, RuleMeta, Severity};

use crate::http::{Exchange, host_of};
use crate::rules::*;

/// Finding metadata key: the points a finding takes off its origin's score.
pub const DEDUCTION: &str = "deduction";

/// A finding on `url` taking `deduction` points off the origin's score.
pub fn finding(rule: &RuleMeta, message: String, url: &str, deduction: u32) -> Finding {
    Finding::new(rule, message, Location::url(url)).with_meta(DEDUCTION, deduction)
}

/// The answer of plain `http://` for the HTTP → HTTPS check.
pub fn https_redirect(plain: &Exchange) -> Option<Finding> {
    let location = plain.header("location");
    let same_host_https = location
        .filter(|l| l.to_ascii_lowercase().starts_with("https://"))
        .is_some_and(|l| host_of(l) == host_of(&plain.url));
    let (severity, deduction, what) = match (plain.status, same_host_https) {
        (301 | 308, true) => return None,
        (302 | 303 | 307, true) => (Severity::Low, 5, "a temporary redirect"),
        (300..=399, false) if location.is_some() => (
            Severity::Medium,
            20,
            "a redirect that is not to https:// on the same host",
        ),
        _ => (Severity::Medium, 20, "no redirect to HTTPS"),
    };
    let status = plain.status;
    Some(
        finding(
            &PRB_NO_HTTPS_REDIRECT,
            format!("plain HTTP answers {status} with {what}"),
            &plain.url,
            deduction,
        )
        .with_severity(severity),
    )
}

/// A parsed `Strict-Transport-Security` header.
#[derive(Debug, Default, PartialEq)]
pub struct Hsts {
    pub max_age: Option<u64>,
    pub include_subdomains: bool,
    pub preload: bool,
}

pub fn parse_hsts(value: &str) -> Hsts {
    let mut hsts = Hsts::default();
    for directive in value.split(';') {
        let directive = directive.trim();
        let (name, arg) = match directive.split_once('=') {
            Some((n, a)) => (n.trim(), Some(a.trim().trim_matches('"'))),
            None => (directive, None),
        };
        match name.to_ascii_lowercase().as_str() {
            "max-age" => hsts.max_age = arg.and_then(|a| a.parse().ok()),
            "includesubdomains" => hsts.include_subdomains = true,
            "preload" => hsts.preload = true,
            _ => {}
        }
    }
    hsts
}

/// HSTS on the HTTPS answer; `redirects` says whether plain HTTP redirects to HTTPS (for the
/// preload requirements), `None` when it was not checked.
pub fn hsts(main: &Exchange, redirects: Option<bool>) -> Vec<Finding> {
    if !main.is_https() {
        return Vec::new();
    }
    let url = &main.url;
    let Some(h) = main.header("strict-transport-security").map(parse_hsts) else {
        return vec![finding(
            &PRB_HSTS_MISSING,
            "HTTPS response has no Strict-Transport-Security header".into(),
            url,
            20,
        )];
    };
    let Some(max_age) = h.max_age else {
        return vec![finding(
            &PRB_HSTS_MISSING,
            "Strict-Transport-Security has no valid max-age".into(),
            url,
            20,
        )];
    };
    let mut out = Vec::new();
    if max_age < 15_552_000 {
        out.push(finding(
            &PRB_HSTS_WEAK,
            format!("HSTS max-age is {max_age} s, under 6 months (15552000)"),
            url,
            10,
        ));
    }
    if !h.include_subdomains {
        out.push(finding(
            &PRB_HSTS_WEAK,
            "HSTS lacks includeSubDomains".into(),
            url,
            5,
        ));
    }
    let mut missing = Vec::new();
    if max_age < 31_536_000 {
        missing.push("max-age of at least 31536000");
    }
    if !h.include_subdomains {
        missing.push("includeSubDomains");
    }
    if !h.preload {
        missing.push("the preload directive");
    }
    match redirects {
        Some(false) => missing.push("an HTTP to HTTPS redirect"),
        None => missing.push("a checked HTTP to HTTPS redirect"),
        Some(true) => {}
    }
    let message = if missing.is_empty() {
        "HSTS meets the preload list's requirements".to_string()
    } else {
        format!(
            "not eligible for HSTS preload: needs {}",
            missing.join(", ")
        )
    };
    out.push(finding(&PRB_HSTS_PRELOAD, message, url, 0));
    out
}

/// A parsed Content-Security-Policy: directives with their sources, names lowercased.
pub fn parse_csp(value: &str) -> Vec<(String, Vec<String>)> {
    value
        .split(';')
        .filter_map(|d| {
            let mut parts = d.split_ascii_whitespace();
            let name = parts.next()?.to_ascii_lowercase();
            Some((name, parts.map(str::to_string).collect()))
        })
        .collect()
}

fn is_html(main: &Exchange) -> bool {
    main.header("content-type")
        .is_none_or(|c| c.to_ascii_lowercase().contains("html"))
}

/// CSP present, and its sources.
pub fn csp(main: &Exchange) -> Vec<Finding> {
    let policies: Vec<_> = main
        .headers_all("content-security-policy")
        .map(parse_csp)
        .collect();
    let url = &main.url;
    if policies.is_empty() {
        if !is_html(main) {
            return Vec::new();
        }
        return vec![finding(
            &PRB_CSP_MISSING,
            "no Content-Security-Policy header".into(),
            url,
            25,
        )];
    }
    let mut out = Vec::new();
    for policy in &policies {
        for (name, sources) in policy {
            let scripts = matches!(
                name.as_str(),
                "script-src" | "script-src-elem" | "script-src-attr" | "default-src"
            );
            let fetch = name.ends_with("-src");
            let lower: Vec<String> = sources.iter().map(|s| s.to_ascii_lowercase()).collect();
            let has_nonce_or_hash = lower.iter().any(|s| {
                s.starts_with("'nonce-")
                    || s.starts_with("'sha256-")
                    || s.starts_with("'sha384-")
                    || s.starts_with("'sha512-")
                    || s == "'strict-dynamic'"
            });
            if scripts {
                if lower.iter().any(|s| s == "'unsafe-inline'") && !has_nonce_or_hash {
                    out.push(finding(
                        &PRB_CSP_UNSAFE,
                        format!("CSP {name} allows 'unsafe-inline'"),
                        url,
                        20,
                    ));
                }
                if lower.iter().any(|s| s == "'unsafe-eval'") {
                    out.push(finding(
                        &PRB_CSP_UNSAFE,
                        format!("CSP {name} allows 'unsafe-eval'"),
                        url,
                        20,
                    ));
                }
            }
            if fetch {
                let wild: Vec<&str> = lower
                    .iter()
                    .filter(|s| {
                        matches!(s.as_str(), "*" | "http:" | "https:")
                            || (scripts && s.as_str() == "data:")
                    })
                    .map(String::as_str)
                    .collect();
                if !wild.is_empty() {
                    out.push(finding(
                        &PRB_CSP_UNSAFE,
                        format!("CSP {name} allows wildcard sources: {}", wild.join(" ")),
                        url,
                        10,
                    ));
                }
            }
        }
    }
    out
}

/// nosniff, framing, Referrer-Policy, Permissions-Policy, COOP/CORP.
pub fn other_headers(main: &Exchange) -> Vec<Finding> {
    let url = &main.url;
    let mut out = Vec::new();
    if !main
        .header("x-content-type-options")
        .is_some_and(|v| v.trim().eq_ignore_ascii_case("nosniff"))
    {
        out.push(finding(
            &PRB_NO_NOSNIFF,
            "no X-Content-Type-Options: nosniff".into(),
            url,
            5,
        ));
    }
    let xfo = main.header("x-frame-options").is_some_and(|v| {
        let v = v.trim().to_ascii_lowercase();
        v == "deny" || v == "sameorigin"
    });
    let frame_ancestors = main
        .headers_all("content-security-policy")
        .any(|p| parse_csp(p).iter().any(|(n, _)| n == "frame-ancestors"));
    if !xfo && !frame_ancestors && is_html(main) {
        out.push(finding(
            &PRB_NO_FRAME_OPTIONS,
            "neither X-Frame-Options nor CSP frame-ancestors".into(),
            url,
            20,
        ));
    }
    match main.header("referrer-policy") {
        None => out.push(finding(
            &PRB_NO_REFERRER_POLICY,
            "no Referrer-Policy header".into(),
            url,
            5,
        )),
        Some(v) => {
            // The last recognised token wins, as browsers do.
            let last = v
                .split(',')
                .map(|t| t.trim().to_ascii_lowercase())
                .rfind(|t| !t.is_empty());
            if let Some(t) = last.filter(|t| t == "unsafe-url" || t == "no-referrer-when-downgrade")
            {
                out.push(finding(
                    &PRB_NO_REFERRER_POLICY,
                    format!("Referrer-Policy is {t}, which sends full URLs cross-origin"),
                    url,
                    5,
                ));
            }
        }
    }
    if main.header("permissions-policy").is_none() {
        out.push(finding(
            &PRB_NO_PERMISSIONS_POLICY,
            "no Permissions-Policy header".into(),
            url,
            0,
        ));
    }
    let mut missing = Vec::new();
    if main.header("cross-origin-opener-policy").is_none() {
        missing.push("Cross-Origin-Opener-Policy");
    }
    if main.header("cross-origin-resource-policy").is_none() {
        missing.push("Cross-Origin-Resource-Policy");
    }
    if !missing.is_empty() {
        out.push(finding(
            &PRB_NO_COOP_CORP,
            format!("no {}", missing.join(" or ")),
            url,
            0,
        ));
    }
    out
}

/// `Server` with a version, `X-Powered-By`, Python app server signatures.
pub fn banners(ex: &Exchange) -> Vec<Finding> {
    let mut out = Vec::new();
    if let Some(server) = ex.header("server") {
        let lower = server.to_ascii_lowercase();
        let versioned = server
            .split(['/', ' '])
            .skip(1)
            .any(|part| part.starts_with(|c: char| c.is_ascii_digit()));
        let python = ["uvicorn", "gunicorn", "werkzeug"]
            .into_iter()
            .find(|s| lower.contains(s));
        if versioned || python.is_some() {
            let why = match python {
                Some(p) => format!(" (the {p} app server answers directly)"),
                None => String::new(),
            };
            out.push(finding(
                &PRB_VERSION_BANNER,
                format!("Server header reveals `{}`{why}", clip(server)),
                &ex.url,
                5,
            ));
        }
    }
    if let Some(powered) = ex.header("x-powered-by") {
        out.push(finding(
            &PRB_VERSION_BANNER,
            format!("X-Powered-By reveals `{}`", clip(powered)),
            &ex.url,
            5,
        ));
    }
    out
}

fn clip(s: &str) -> String {
    s.chars().take(80).filter(|c| !c.is_control()).collect()
}

/// A TRACE answer.
pub fn trace(ex: &Exchange) -> Option<Finding> {
    let body = String::from_utf8_lossy(&ex.body);
    (ex.status == 200 && body.starts_with("TRACE ")).then(|| {
        finding(
            &PRB_TRACE_ENABLED,
            "TRACE answered 200 and echoed the request".into(),
            &ex.url,
            10,
        )
    })
}

/// The cookie kinds that rank high without their flags.
fn cookie_kind(name: &str) -> (bool, bool) {
    let n = name.to_ascii_lowercase();
    let csrf = n.contains("csrf") || n.contains("xsrf");
    let session = !csrf
        && (n == "sid"
            || n.contains("session")
            || n.contains("sessid")
            || n.contains("auth")
            || n.contains("token")
            || n == "remember_token");
    (session, csrf)
}

/// Secure, HttpOnly and SameSite of every cookie `ex` sets. Values are never shown.
pub fn cookies(ex: &Exchange) -> Vec<Finding> {
    let mut out = Vec::new();
    for cookie in ex.headers_all("set-cookie") {
        let mut parts = cookie.split(';');
        let Some(name) = parts
            .next()
            .and_then(|nv| nv.split_once('='))
            .map(|(n, _)| n.trim().to_string())
        else {
            continue;
        };
        let (mut secure, mut http_only, mut same_site) = (false, false, None);
        for attr in parts {
            let (k, v) = match attr.split_once('=') {
                Some((k, v)) => (k.trim(), Some(v.trim())),
                None => (attr.trim(), None),
            };
            match k.to_ascii_lowercase().as_str() {
                "secure" => secure = true,
                "httponly" => http_only = true,
                "samesite" => same_site = v.map(str::to_ascii_lowercase),
                _ => {}
            }
        }
        let (session, csrf) = cookie_kind(&name);
        let mut missing = Vec::new();
        if !secure {
            missing.push("Secure");
        }
        if !http_only && !csrf {
            missing.push("HttpOnly");
        }
        match same_site.as_deref() {
            Some("lax" | "strict") => {}
            Some("none") => missing.push("SameSite=Lax/Strict (it is None)"),
            _ => missing.push("SameSite"),
        }
        if missing.is_empty() {
            continue;
        }
        let name = clip(&name);
        let (severity, deduction, kind) = if session {
            (Severity::High, 20, "session cookie")
        } else {
            (Severity::Medium, 5, "cookie")
        };
        out.push(
            finding(
                &PRB_COOKIE_FLAGS,
                format!("{kind} `{name}` is set without {}", missing.join(", ")),
                &ex.url,
                deduction,
            )
            .with_severity(severity)
            .with_key(name),
        );
    }
    out
}

/// The origin sent to test reflection: a reserved name that cannot exist.
pub const FOREIGN_ORIGIN: &str = "https://pyward-probe.invalid";

fn credentials(ex: &Exchange) -> bool {
    ex.header("access-control-allow-credentials")
        .is_some_and(|v| v.trim().eq_ignore_ascii_case("true"))
}

/// CORS answers: `foreign` to an `Origin` of [`FOREIGN_ORIGIN`], `null` to `Origin: null`,
/// `plain` without an `Origin`.
pub fn cors(
    plain: Option<&Exchange>,
    foreign: Option<&Exchange>,
    null: Option<&Exchange>,
) -> Vec<Finding> {
    let mut out = Vec::new();
    let allow = |ex: &Exchange| {
        ex.header("access-control-allow-origin")
            .map(|v| v.trim().to_string())
    };
    if let Some(ex) = foreign
        && allow(ex).as_deref() == Some(FOREIGN_ORIGIN)
        && credentials(ex)
    {
        out.push(finding(
            &PRB_CORS_REFLECTED,
            format!(
                "Origin {FOREIGN_ORIGIN} is reflected in Access-Control-Allow-Origin with Access-Control-Allow-Credentials: true"
            ),
            &ex.url,
            50,
        ));
    }
    if let Some(ex) = null
        && allow(ex).as_deref() == Some("null")
    {
        let creds = credentials(ex);
        out.push(
            finding(
                &PRB_CORS_NULL,
                format!(
                    "Origin null is allowed{}",
                    if creds { " with credentials" } else { "" }
                ),
                &ex.url,
                25,
            )
            .with_severity(if creds {
                Severity::High
            } else {
                Severity::Medium
            }),
        );
    }
    if let Some(ex) = [plain, foreign, null]
        .into_iter()
        .flatten()
        .find(|ex| allow(ex).as_deref() == Some("*") && credentials(ex))
    {
        out.push(finding(
            &PRB_CORS_WILDCARD_CREDENTIALS,
            "Access-Control-Allow-Origin: * is sent with Access-Control-Allow-Credentials: true"
                .into(),
            &ex.url,
            10,
        ));
    }
    out
}

/// Basic/Digest challenges and password forms on plain HTTP.
pub fn auth_over_http(ex: &Exchange) -> Vec<Finding> {
    let mut out = Vec::new();
    let page_http = ex.url.to_ascii_lowercase().starts_with("http://");
    if page_http {
        for challenge in ex.headers_all("www-authenticate") {
            let scheme = challenge.split_ascii_whitespace().next().unwrap_or("");
            if scheme.eq_ignore_ascii_case("basic") || scheme.eq_ignore_ascii_case("digest") {
                out.push(finding(
                    &PRB_AUTH_OVER_HTTP,
                    format!("{scheme} authentication is requested over plain HTTP"),
                    &ex.url,
                    40,
                ));
                break;
            }
        }
    }
    let html = String::from_utf8_lossy(&ex.body).to_ascii_lowercase();
    for form in forms(&html) {
        if !has_password_input(form) {
            continue;
        }
        let action = attr(form, "action").unwrap_or_default();
        let action = action.trim();
        let insecure = action.starts_with("http://")
            || (page_http && !action.starts_with("https://") && !action.starts_with("//"))
            || (page_http && action.starts_with("//"));
        if insecure {
            out.push(finding(
                &PRB_AUTH_OVER_HTTP,
                "a login form with a password field posts over plain HTTP".into(),
                &ex.url,
                40,
            ));
            break;
        }
    }
    out
}

/// The `<form …>…</form>` spans of lowercased HTML.
fn forms(html: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(start) = rest.find("<form") {
        let tail = &rest[start..];
        let end = tail.find("</form").unwrap_or(tail.len());
        out.push(&tail[..end]);
        rest = &tail[end..];
        if end == 0 {
            break;
        }
    }
    out
}

fn has_password_input(form: &str) -> bool {
    let mut rest = form;
    while let Some(i) = rest.find("<input") {
        let tag_end = rest[i..].find('>').map_or(rest.len(), |e| i + e);
        let tag = &rest[i..tag_end];
        if attr(tag, "type").as_deref() == Some("password") {
            return true;
        }
        rest = &rest[tag_end..];
    }
    false
}

/// The value of attribute `name` in the first tag of `s` (lowercased HTML).
fn attr(s: &str, name: &str) -> Option<String> {
    let tag = &s[..s.find('>').unwrap_or(s.len())];
    let mut search = tag;
    while let Some(i) = search.find(name) {
        let before = search[..i].chars().last();
        let after = search[i + name.len()..].trim_start();
        if before.is_some_and(|c| c.is_ascii_whitespace())
            && let Some(value) = after.strip_prefix('=')
        {
            let value = value.trim_start();
            let v = if let Some(q) = value.strip_prefix('"') {
                q.split('"').next()
            } else if let Some(q) = value.strip_prefix('\'') {
                q.split('\'').next()
            } else {
                value
                    .split(|c: char| c.is_ascii_whitespace() || c == '>')
                    .next()
            };
            return v.map(str::to_string);
        }
        search = &search[i + name.len()..];
    }
    None
}

/// The origin's score: 100 minus the deductions of its findings, at least 0. The same
/// observation on several URLs of one origin (same rule and message) counts once.
pub fn score(findings: &[&Finding]) -> u32 {
    let mut seen = std::collections::BTreeSet::new();
    let lost: u32 = findings
        .iter()
        .filter(|f| seen.insert((f.code.as_str(), f.message.as_str())))
        .filter_map(|f| f.metadata.get(DEDUCTION).and_then(|v| v.as_u64()))
        .map(|d| d as u32)
        .sum();
    100u32.saturating_sub(lost)
}

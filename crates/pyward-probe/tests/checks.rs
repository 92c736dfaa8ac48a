//! The HTTP checks as pure functions over recorded exchanges.

use pyward_core::Severity;
use pyward_probe::checks::{self, Hsts};
use pyward_probe::http::Exchange;

fn ex(url: &str, status: u16, headers: &[(&str, &str)], body: &str) -> Exchange {
    Exchange {
        method: "GET".into(),
        url: url.into(),
        status,
        headers: headers
            .iter()
            .map(|(k, v)| (k.to_ascii_lowercase(), v.to_string()))
            .collect(),
        body: body.as_bytes().to_vec(),
        body_truncated: false,
        tls_unverified: url.starts_with("https://"),
    }
}

fn messages(findings: &[pyward_core::Finding]) -> Vec<String> {
    findings
        .iter()
        .map(|f| format!("{} {}", f.code, f.message))
        .collect()
}

#[test]
fn https_redirect_permanent_temporary_and_elsewhere() {
    let to = |status, location| ex("http://a.example/", status, &[("Location", location)], "");
    assert!(checks::https_redirect(&to(301, "https://a.example/")).is_none());
    assert!(checks::https_redirect(&to(308, "https://A.example:443/x")).is_none());
    let temp = checks::https_redirect(&to(302, "https://a.example/")).unwrap();
    assert_eq!(temp.severity, Severity::Low);
    let other = checks::https_redirect(&to(301, "https://b.example/")).unwrap();
    assert_eq!(other.severity, Severity::Medium);
    assert!(other.message.contains("not to https:// on the same host"));
    let plain = checks::https_redirect(&to(301, "http://a.example/x")).unwrap();
    assert_eq!(plain.severity, Severity::Medium);
}

#[test]
fn hsts_parsing_and_preload_requirements() {
    assert_eq!(
        checks::parse_hsts("max-age=\"63072000\" ; includeSubDomains;preload"),
        Hsts {
            max_age: Some(63_072_000),
            include_subdomains: true,
            preload: true
        }
    );
    let page = |v: &str| {
        ex(
            "https://a.example/",
            200,
            &[("Strict-Transport-Security", v)],
            "",
        )
    };
    let ok = checks::hsts(
        &page("max-age=63072000; includeSubDomains; preload"),
        Some(true),
    );
    assert_eq!(
        messages(&ok),
        ["PRB004 HSTS meets the preload list's requirements"]
    );
    let weak = checks::hsts(&page("max-age=3600"), Some(false));
    assert_eq!(
        messages(&weak),
        [
            "PRB003 HSTS max-age is 3600 s, under 6 months (15552000)",
            "PRB003 HSTS lacks includeSubDomains",
            "PRB004 not eligible for HSTS preload: needs max-age of at least 31536000, includeSubDomains, the preload directive, an HTTP to HTTPS redirect",
        ]
    );
    let missing = checks::hsts(&ex("https://a.example/", 200, &[], ""), None);
    assert_eq!(missing[0].code, "PRB002");
    // Not judged on plain HTTP, where browsers ignore it.
    assert!(checks::hsts(&ex("http://a.example/", 200, &[], ""), None).is_empty());
}

#[test]
fn csp_is_parsed_not_substring_matched() {
    let page = |v: &str| {
        ex(
            "https://a.example/",
            200,
            &[
                ("Content-Type", "text/html"),
                ("Content-Security-Policy", v),
            ],
            "",
        )
    };
    // 'unsafe-inline' next to a nonce is ignored by browsers; a style directive is not scripts.
    let nonce = checks::csp(&page(
        "script-src 'self' 'nonce-abc' 'unsafe-inline'; style-src 'self' 'unsafe-inline'",
    ));
    assert!(nonce.is_empty(), "{:?}", messages(&nonce));
    // A host that merely contains the word is not a wildcard.
    let host = checks::csp(&page("default-src 'self' https://unsafe-eval.example"));
    assert!(host.is_empty(), "{:?}", messages(&host));
    let bad = checks::csp(&page("default-src *; img-src data:"));
    assert_eq!(
        messages(&bad),
        ["PRB006 CSP default-src allows wildcard sources: *"]
    );
    // Missing CSP on a JSON API is not reported.
    let api = ex(
        "https://a.example/api",
        200,
        &[("Content-Type", "application/json")],
        "{}",
    );
    assert!(checks::csp(&api).is_empty());
}

#[test]
fn cookie_flags_by_kind_without_values() {
    let page = ex(
        "https://a.example/",
        200,
        &[
            ("Set-Cookie", "sessionid=SECRETVALUE; Path=/; HttpOnly"),
            (
                "Set-Cookie",
                "csrftoken=OTHERSECRET; Secure; SameSite=Strict",
            ),
            ("Set-Cookie", "theme=dark; Secure; HttpOnly; SameSite=None"),
            ("Set-Cookie", "ok=1; Secure; HttpOnly; SameSite=Lax"),
        ],
        "",
    );
    let found = checks::cookies(&page);
    assert_eq!(
        messages(&found),
        [
            "PRB014 session cookie `sessionid` is set without Secure, SameSite",
            "PRB014 cookie `theme` is set without SameSite=Lax/Strict (it is None)",
        ]
    );
    assert_eq!(found[0].severity, Severity::High);
    assert_eq!(found[1].severity, Severity::Medium);
    let all = format!("{found:?}");
    assert!(!all.contains("SECRETVALUE") && !all.contains("OTHERSECRET"));
}

#[test]
fn login_forms_and_challenges() {
    let form = |url: &str, action: &str| {
        let body = format!(
            "<HTML><form id=f method=post action={action}><INPUT type='password' name=p></form>"
        );
        checks::auth_over_http(&ex(url, 200, &[], &body))
    };
    assert_eq!(form("http://a.example/", "/login").len(), 1);
    assert_eq!(
        form("https://a.example/", "http://a.example/login").len(),
        1
    );
    assert!(form("https://a.example/", "/login").is_empty());
    assert!(form("http://a.example/", "https://a.example/login").is_empty());
    // A form without a password field is not a login form.
    let search = ex(
        "http://a.example/",
        200,
        &[],
        "<form action=/search><input type=text name=q></form>",
    );
    assert!(checks::auth_over_http(&search).is_empty());
    let bearer = ex(
        "http://a.example/",
        401,
        &[("WWW-Authenticate", "Bearer realm=\"api\"")],
        "",
    );
    assert!(checks::auth_over_http(&bearer).is_empty());
    let digest = ex(
        "http://a.example/",
        401,
        &[("WWW-Authenticate", "Digest realm=\"x\", nonce=\"n\"")],
        "",
    );
    assert_eq!(
        messages(&checks::auth_over_http(&digest)),
        ["PRB018 Digest authentication is requested over plain HTTP"]
    );
}

#[test]
fn headers_banners_and_scores() {
    let hardened = ex(
        "https://a.example/",
        200,
        &[
            ("Content-Type", "text/html"),
            ("X-Content-Type-Options", "nosniff"),
            ("X-Frame-Options", "DENY"),
            (
                "Referrer-Policy",
                "no-referrer, strict-origin-when-cross-origin",
            ),
            ("Permissions-Policy", "camera=()"),
            ("Cross-Origin-Opener-Policy", "same-origin"),
            ("Cross-Origin-Resource-Policy", "same-origin"),
            ("Server", "nginx"),
        ],
        "",
    );
    assert!(checks::other_headers(&hardened).is_empty());
    assert!(checks::banners(&hardened).is_empty());
    let leaky = ex(
        "https://a.example/",
        200,
        &[
            ("Server", "gunicorn"),
            ("X-Powered-By", "Django 4.2"),
            ("Referrer-Policy", "unsafe-url"),
        ],
        "",
    );
    let banners = checks::banners(&leaky);
    assert_eq!(
        messages(&banners),
        [
            "PRB012 Server header reveals `gunicorn` (the gunicorn app server answers directly)",
            "PRB012 X-Powered-By reveals `Django 4.2`",
        ]
    );
    let headers = checks::other_headers(&leaky);
    assert!(
        messages(&headers)
            .iter()
            .any(|m| m.contains("Referrer-Policy is unsafe-url"))
    );
    let mut all: Vec<_> = banners.iter().chain(&headers).collect();
    // 5 + 5 (banners) + 5 nosniff + 20 framing + 5 referrer = 40
    assert_eq!(checks::score(&all), 60);
    // A repeated observation counts once.
    let first = all[0];
    all.push(first);
    assert_eq!(checks::score(&all), 60);
}

//! The probe against Debian's nginx on loopback, configured by the test once insecurely and once
//! hardened. Runs with `PYWARD_REAL_TOOLS=1` (CI installs nginx) and fails then if nginx is
//! missing; otherwise prints SKIP.

mod support;

use std::path::PathBuf;
use std::time::Duration;

use support::*;

fn nginx(test: &str) -> Option<PathBuf> {
    real_system_tools(test, ["nginx"]).map(|[nginx]| nginx)
}

#[test]
fn insecure_nginx_every_property_is_reported() {
    let Some(bin) = nginx("insecure_nginx_every_property_is_reported") else {
        return;
    };
    let port = free_port();
    let dir_marker = "{dir}";
    let servers = format!(
        r#"server_tokens on;
        server {{
            listen 127.0.0.1:{port};
            location = / {{
                default_type text/html;
                add_header Set-Cookie "sessionid=s3cr3tS3ssionValue; Path=/";
                add_header Access-Control-Allow-Origin $http_origin always;
                add_header Access-Control-Allow-Credentials true always;
                return 200 '<html><form method="post" action="/login"><input name="u"><input type="password" name="p"></form></html>';
            }}
            location /admin {{
                auth_basic "admin";
                auth_basic_user_file {dir_marker}/htpasswd;
            }}
        }}"#
    );
    let server = Nginx::start(&bin, &servers, &[port]);
    std::fs::write(server.dir().join("htpasswd"), "admin:{PLAIN}x\n").unwrap();
    let root = format!("http://127.0.0.1:{port}/");
    let admin = format!("http://127.0.0.1:{port}/admin");
    let report = probe(&[root.clone(), admin.clone()], Duration::from_secs(10));
    let all = lines(&report);
    eprintln!("{all:#?}");
    assert!(report.errors.is_empty(), "{:?}", report.errors);
    for (code, needle) in [
        ("PRB001", "no redirect to HTTPS"),
        ("PRB005", "no Content-Security-Policy"),
        ("PRB007", "nosniff"),
        ("PRB008", "neither X-Frame-Options"),
        ("PRB009", "no Referrer-Policy"),
        ("PRB010", "no Permissions-Policy"),
        ("PRB011", "Cross-Origin-Opener-Policy"),
        ("PRB012", "Server header reveals `nginx/"),
        (
            "PRB014",
            "session cookie `sessionid` is set without Secure, HttpOnly, SameSite",
        ),
        ("PRB015", "Origin https://pyward-probe.invalid is reflected"),
        ("PRB016", "Origin null is allowed with credentials"),
        (
            "PRB018",
            "Basic authentication is requested over plain HTTP",
        ),
        (
            "PRB018",
            "a login form with a password field posts over plain HTTP",
        ),
    ] {
        assert!(
            has(&report, code, needle),
            "missing {code} {needle}: {all:#?}"
        );
    }
    let high = high_or_above(&report);
    assert!(high.iter().any(|l| l.starts_with("PRB014")), "{high:#?}");
    // Both URLs share one origin and one score, floored at 0.
    assert_eq!(
        report.stats["scores"],
        serde_json::json!({ format!("http://127.0.0.1:{port}"): 0 })
    );
    let json = serde_json::to_string(&report).unwrap();
    assert!(
        !json.contains("s3cr3tS3ssionValue"),
        "a cookie value leaked"
    );
}

#[test]
fn hardened_nginx_yields_nothing_high() {
    let Some(bin) = nginx("hardened_nginx_yields_nothing_high") else {
        return;
    };
    let (front, app, tls_port) = (free_port(), free_port(), free_port());
    let servers = format!(
        r#"server_tokens off;
        limit_req_zone $binary_remote_addr zone=perip:1m rate=20r/s;
        server {{
            listen 127.0.0.1:{front};
            return 301 https://127.0.0.1:{tls_port}$request_uri;
        }}
        server {{
            listen 127.0.0.1:{app};
            default_type text/html;
            limit_req zone=perip burst=40 nodelay;
            limit_req_status 429;
            client_max_body_size 1m;
            add_header Content-Security-Policy "default-src 'self'; script-src 'self'; frame-ancestors 'none'" always;
            add_header X-Content-Type-Options nosniff always;
            add_header X-Frame-Options DENY always;
            add_header Referrer-Policy strict-origin-when-cross-origin always;
            add_header Permissions-Policy "camera=(), microphone=(), geolocation=()" always;
            add_header Cross-Origin-Opener-Policy same-origin always;
            add_header Cross-Origin-Resource-Policy same-origin always;
            add_header Set-Cookie "sessionid=abc; Path=/; Secure; HttpOnly; SameSite=Lax" always;
            if ($request_method !~ ^(GET|HEAD|POST)$) {{ return 405; }}
            # `return` acts before limit_req would: the page is served from a named location.
            location / {{ try_files $uri @page; }}
            location @page {{ return 200 '<html><form method="post" action="https://127.0.0.1/login"><input type="password" name="p"></form></html>'; }}
        }}"#
    );
    let _server = Nginx::start(&bin, &servers, &[front, app]);
    let front_url = format!("http://127.0.0.1:{front}/");
    let app_url = format!("http://127.0.0.1:{app}/");
    let report = probe(
        &[front_url.clone(), app_url.clone()],
        Duration::from_secs(10),
    );
    let all = lines(&report);
    eprintln!("{all:#?}\n{:?}", report.errors);
    assert_eq!(high_or_above(&report), Vec::<String>::new());
    // The front redirects permanently to HTTPS on the same host.
    assert!(
        !report
            .findings
            .iter()
            .any(|f| f.code == "PRB001" && f.location.url.as_deref() == Some(front_url.as_str()))
    );
    // The HTTPS target is not served in this test: said so, not passed.
    assert_eq!(report.errors.len(), 1, "{:?}", report.errors);
    assert!(
        report.errors[0]
            .path
            .starts_with(&format!("https://127.0.0.1:{tls_port}/"))
    );
    assert!(report.errors[0].message.starts_with("not checked: "));
    // The app's own page: every header present, only plain HTTP itself is reported.
    let app_codes: Vec<&str> = report
        .findings
        .iter()
        .filter(|f| f.location.url.as_deref() == Some(app_url.as_str()))
        .map(|f| f.code.as_str())
        .collect();
    assert_eq!(app_codes, ["PRB001"], "{all:#?}");
}

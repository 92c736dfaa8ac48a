//! The probe against real Python apps behind Debian's nginx on loopback (issue #13): a FastAPI
//! app under uvicorn and a minimal Django project under gunicorn, their sources written here
//! into a tempdir, proxied by nginx configured once insecurely and once hardened. Every server
//! is started by the test on a free loopback port and killed on drop.
//!
//! Runs with `PYWARD_REAL_TOOLS=1` (CI installs nginx, and fastapi, uvicorn, Django and gunicorn
//! from `.ci/requirements.txt`) and fails then if one is missing; prints SKIP otherwise.

mod support;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use pyward_core::{Finding, Report};
use pyward_probe::ProbeOptions;
use pyward_probe::http::{Client, Limits};
use support::*;

/// The FastAPI app: `/` sets a session cookie without any flag; `/items/{id}` declares
/// HTTPBearer in its OpenAPI entry but never checks it (`auto_error=False`, token unused);
/// `/orders/{id}` enforces it.
const SHOP_API: &str = r#"from typing import Optional

from fastapi import Depends, FastAPI, Response
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

app = FastAPI(title="shop")
maybe_bearer = HTTPBearer(auto_error=False)
bearer = HTTPBearer()


@app.get("/")
def index(response: Response):
    response.set_cookie("session", "pyward-test-session-value", samesite=None)
    return {"service": "shop"}


@app.get("/items/{item_id}")
def read_item(
    item_id: int,
    token: Optional[HTTPAuthorizationCredentials] = Depends(maybe_bearer),
):
    return {"item_id": item_id, "name": "widget"}


@app.get("/orders/{order_id}")
def read_order(order_id: int, token: HTTPAuthorizationCredentials = Depends(bearer)):
    return {"order_id": order_id}
"#;

/// The Django project's settings; `{debug}` is `True` or `False`. Sessions live in a signed
/// cookie, so that no page needs a database.
const SHOP_SETTINGS: &str = r#"from pathlib import Path

DEBUG = {debug}
SECRET_KEY = "pyward-test-only-not-a-secret-0123456789abcdefghijklmnopqrstuvwxyz"
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
ROOT_URLCONF = "shop_urls"
WSGI_APPLICATION = "shop_wsgi.application"
INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
]
MIDDLEWARE = [
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
]
SESSION_ENGINE = "django.contrib.sessions.backends.signed_cookies"
DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": Path(__file__).resolve().parent / "db.sqlite3",
    }
}
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ]
        },
    }
]
STATIC_URL = "static/"
USE_TZ = True
"#;

/// The home page stores a visit counter in the session (which sets `sessionid`); the admin.
const SHOP_URLS: &str = r#"from django.contrib import admin
from django.http import HttpResponse
from django.urls import path


def index(request):
    request.session["visits"] = request.session.get("visits", 0) + 1
    return HttpResponse(
        "<!doctype html><html><head><title>shop</title></head>"
        "<body><h1>shop</h1></body></html>"
    )


urlpatterns = [
    path("", index),
    path("admin/", admin.site.urls),
]
"#;

const SHOP_WSGI: &str = r#"import os

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "shop_settings")

from django.core.wsgi import get_wsgi_application

application = get_wsgi_application()
"#;

/// nginx and openssl, or `None` after printing SKIP; with PYWARD_REAL_TOOLS=1, panics when one
/// of them, or `python3` with fastapi, uvicorn, Django and gunicorn, is missing.
fn tools(test: &str) -> Option<(PathBuf, PathBuf)> {
    if !real_tools(
        test,
        "the probe against FastAPI and Django apps behind a real nginx",
    ) {
        return None;
    }
    let (nginx, openssl) = (
        required_system_tool("nginx"),
        required_system_tool("openssl"),
    );
    let out = Command::new("python3")
        .args(["-c", "import fastapi, uvicorn, django, gunicorn"])
        .output()
        .unwrap_or_else(|e| panic!("PYWARD_REAL_TOOLS=1 but `python3` does not run: {e}"));
    assert!(
        out.status.success(),
        "PYWARD_REAL_TOOLS=1 but fastapi, uvicorn, Django or gunicorn is missing \
         (pip install -r .ci/requirements.txt): {}",
        String::from_utf8_lossy(&out.stderr)
    );
    Some((nginx, openssl))
}

/// The two apps on free loopback ports, killed on drop (before their sources go).
struct Apps {
    api: u16,
    django: u16,
    _uvicorn: Daemon,
    _gunicorn: Daemon,
    _src: tempfile::TempDir,
}

/// A Python server command run in `dir` that writes nothing outside it.
fn python(dir: &Path, args: &[&str]) -> Command {
    let mut cmd = Command::new("python3");
    cmd.current_dir(dir)
        .env("HOME", dir)
        .env("PYTHONDONTWRITEBYTECODE", "1")
        .args(args);
    cmd
}

fn start_apps(debug: bool) -> Apps {
    let src = tempfile::tempdir().unwrap();
    let dir = src.path();
    let debug = if debug { "True" } else { "False" };
    for (name, text) in [
        ("shop_api.py", SHOP_API.to_string()),
        ("shop_settings.py", SHOP_SETTINGS.replace("{debug}", debug)),
        ("shop_urls.py", SHOP_URLS.to_string()),
        ("shop_wsgi.py", SHOP_WSGI.to_string()),
    ] {
        std::fs::write(dir.join(name), text).unwrap();
    }
    let (api, django) = (free_port(), free_port());
    let uvicorn = Daemon::spawn(
        "uvicorn",
        &mut python(
            dir,
            &[
                "-m",
                "uvicorn",
                "--host",
                "127.0.0.1",
                "--port",
                &api.to_string(),
                "shop_api:app",
            ],
        ),
        &dir.join("uvicorn.log"),
        &[],
        &[api],
    );
    // One sync worker; no control socket (gunicorn would make one under $HOME).
    let gunicorn = Daemon::spawn(
        "gunicorn",
        &mut python(
            dir,
            &[
                "-m",
                "gunicorn",
                "--bind",
                &format!("127.0.0.1:{django}"),
                "--workers",
                "1",
                "--no-control-socket",
                "shop_wsgi:application",
            ],
        ),
        &dir.join("gunicorn.log"),
        &[],
        &[django],
    );
    Apps {
        api,
        django,
        _uvicorn: uvicorn,
        _gunicorn: gunicorn,
        _src: src,
    }
}

/// Both setups' probe options: the test CA trusted (`--ca-file`), a burst of 20 and a body
/// limit of 2 MiB (the hardened nginx refuses 1 MiB).
fn options(ca: &str, openapi_document: Option<String>) -> ProbeOptions {
    ProbeOptions {
        timeout: Duration::from_secs(10),
        extra_roots_pem: vec![ca.to_string()],
        openapi_document,
        burst: 20,
        max_body: 2 * 1024 * 1024,
        ..ProbeOptions::default()
    }
}

/// The findings of `code` on `place` (a URL's origin, or a TLS `host:port`).
fn on<'a>(report: &'a Report, code: &str, place: &str) -> Vec<&'a Finding> {
    report
        .findings
        .iter()
        .filter(|f| f.code == code)
        .filter(|f| {
            f.location.url.as_deref().is_some_and(|u| {
                u.strip_prefix(place)
                    .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
            }) || f.location.host.as_deref() == Some(place)
        })
        .collect()
}

fn has_on(report: &Report, code: &str, place: &str, needle: &str) -> bool {
    on(report, code, place)
        .iter()
        .any(|f| f.message.contains(needle))
}

#[test]
fn insecure_nginx_in_front_of_the_apps_every_property_is_reported() {
    let test = "insecure_nginx_in_front_of_the_apps_every_property_is_reported";
    let Some((nginx, openssl)) = tools(test) else {
        return;
    };
    let started = Instant::now();
    let apps = start_apps(true);
    let dir = tempfile::tempdir().unwrap();
    let ca = make_ca(&openssl, dir.path());
    make_leaf(&openssl, dir.path(), "good", "local", &["-days", "90"]);
    std::fs::write(dir.path().join("htpasswd"), "staff:{PLAIN}x\n").unwrap();
    let (api_tls, api_http, django_http) = (free_port(), free_port(), free_port());
    let (api, django) = (apps.api, apps.django);
    // TLS 1.0 at @SECLEVEL=0, no HSTS, the version in Server, the app's cookies as they are,
    // the docs passed through, Basic auth on plain HTTP, no limit_req, 64 MiB bodies.
    let http = format!(
        r#"server_tokens on;
        client_max_body_size 64m;
        proxy_set_header Host $http_host;
        server {{
            listen 127.0.0.1:{api_tls} ssl;
            ssl_certificate {{dir}}/good.crt;
            ssl_certificate_key {{dir}}/good.key;
            {TLS_LEGACY}
            location / {{ proxy_pass http://127.0.0.1:{api}; }}
        }}
        server {{
            listen 127.0.0.1:{api_http};
            location / {{ proxy_pass http://127.0.0.1:{api}; }}
            location /private/ {{
                auth_basic "shop staff";
                auth_basic_user_file {{dir}}/htpasswd;
                proxy_pass http://127.0.0.1:{api};
            }}
        }}
        server {{
            listen 127.0.0.1:{django_http};
            location / {{ proxy_pass http://127.0.0.1:{django}; }}
        }}"#
    );
    let _nginx = Nginx::start_in(&nginx, dir.path(), &http, &[api_tls, api_http, django_http]);
    let t = format!("https://127.0.0.1:{api_tls}");
    let a = format!("http://127.0.0.1:{api_http}");
    let d = format!("http://127.0.0.1:{django_http}");
    let tls_host = format!("127.0.0.1:{api_tls}");
    let urls = [
        format!("{t}/"),
        format!("{a}/"),
        format!("{a}/private/"),
        format!("{d}/"),
        format!("{d}/admin/login/"),
    ];
    let report = probe_with(&urls, options(&ca, None));
    let all = lines(&report);
    println!(
        "{all:#?}\nerrors {:?}\nwarnings {:#?}",
        report.errors, report.warnings
    );
    assert!(report.errors.is_empty(), "{:?}", report.errors);

    for (code, place, needle) in [
        // TLS and headers of the https:// front.
        (
            "PRB019",
            tls_host.as_str(),
            "accepts deprecated TLSv1.0 and TLSv1.1",
        ),
        (
            "PRB002",
            t.as_str(),
            "HTTPS response has no Strict-Transport-Security header",
        ),
        ("PRB012", t.as_str(), "Server header reveals `nginx/"),
        ("PRB012", d.as_str(), "Server header reveals `nginx/"),
        // The apps' cookies, unchanged by nginx.
        (
            "PRB014",
            t.as_str(),
            "session cookie `session` is set without Secure, HttpOnly, SameSite",
        ),
        (
            "PRB014",
            d.as_str(),
            "session cookie `sessionid` is set without Secure",
        ),
        // FastAPI's docs, on both fronts.
        ("PRB029", t.as_str(), "/docs serves Swagger UI"),
        ("PRB029", t.as_str(), "/redoc serves ReDoc"),
        (
            "PRB029",
            t.as_str(),
            "/openapi.json serves an OpenAPI 3.1.0 document with 3 operations",
        ),
        ("PRB029", a.as_str(), "/openapi.json serves an OpenAPI"),
        // Plain HTTP: no redirect, Basic auth, Django's admin login form.
        ("PRB001", a.as_str(), "no redirect to HTTPS"),
        ("PRB001", d.as_str(), "no redirect to HTTPS"),
        (
            "PRB018",
            a.as_str(),
            "Basic authentication is requested over plain HTTP",
        ),
        (
            "PRB018",
            d.as_str(),
            "a login form with a password field posts over plain HTTP",
        ),
        // The schema the front serves drives the credential-less calls.
        (
            "PRB038",
            t.as_str(),
            "GET /items/{item_id} declares security (HTTPBearer) but answered 200 without credentials",
        ),
        (
            "PRB038",
            a.as_str(),
            "GET /items/{item_id} declares security",
        ),
        // Django with DEBUG = True, over plain HTTP.
        (
            "PRB031",
            d.as_str(),
            "a path that does not exist shows Django's technical 404 page",
        ),
        (
            "PRB032",
            d.as_str(),
            "/admin/login/ serves the Django admin login form, without TLS",
        ),
        // The active limits, on every origin.
        (
            "PRB039",
            t.as_str(),
            "a burst of 20 requests was never limited",
        ),
        (
            "PRB039",
            a.as_str(),
            "a burst of 20 requests was never limited",
        ),
        (
            "PRB039",
            d.as_str(),
            "a burst of 20 requests was never limited",
        ),
        ("PRB040", t.as_str(), "a 2 MiB + 1 byte body was answered"),
        ("PRB040", a.as_str(), "a 2 MiB + 1 byte body was answered"),
        ("PRB040", d.as_str(), "a 2 MiB + 1 byte body was answered"),
    ] {
        assert!(
            has_on(&report, code, place, needle),
            "missing {code} on {place}: {needle}\n{all:#?}"
        );
    }
    // The route that enforces its bearer token is not reported.
    assert!(
        !report
            .findings
            .iter()
            .any(|f| f.code == "PRB038" && f.message.contains("/orders/")),
        "{all:#?}"
    );
    // Django's debug page shows on Django only; the admin is not reported over TLS.
    assert!(on(&report, "PRB031", &t).is_empty(), "{all:#?}");
    assert!(on(&report, "PRB031", &a).is_empty(), "{all:#?}");
    assert!(on(&report, "PRB032", &t).is_empty(), "{all:#?}");
    let json = serde_json::to_string(&report).unwrap();
    assert!(
        !json.contains("pyward-test-session-value"),
        "a cookie value leaked"
    );
    println!("insecure setup: {:.1?}", started.elapsed());
}

#[test]
fn hardened_nginx_in_front_of_the_apps_yields_nothing_high() {
    let test = "hardened_nginx_in_front_of_the_apps_yields_nothing_high";
    let Some((nginx, openssl)) = tools(test) else {
        return;
    };
    let started = Instant::now();
    let apps = start_apps(false);
    let dir = tempfile::tempdir().unwrap();
    let ca = make_ca(&openssl, dir.path());
    make_leaf(&openssl, dir.path(), "good", "local", &["-days", "90"]);
    let (api_http, api_tls, django_http, django_tls) =
        (free_port(), free_port(), free_port(), free_port());
    let (api, django) = (apps.api, apps.django);
    let headers = r#"
            add_header Strict-Transport-Security "max-age=63072000; includeSubDomains; preload" always;
            add_header Content-Security-Policy "default-src 'self'; frame-ancestors 'none'" always;
            add_header X-Content-Type-Options nosniff always;
            add_header X-Frame-Options DENY always;
            add_header Referrer-Policy strict-origin-when-cross-origin always;
            add_header Permissions-Policy "camera=(), microphone=(), geolocation=()" always;
            add_header Cross-Origin-Opener-Policy same-origin always;
            add_header Cross-Origin-Resource-Policy same-origin always;"#;
    let tls = format!(
        "ssl_certificate {{dir}}/good.crt;\nssl_certificate_key {{dir}}/good.key;\n{TLS_HARDENED}"
    );
    // TLS 1.2/1.3, HSTS and the other headers, no version, Secure/HttpOnly/SameSite added to
    // the apps' cookies, the docs answered 404, the secured API paths refused without a bearer
    // token at the gateway, `/` rate limited per front (a token a minute, a burst of 10, 429),
    // 1 MiB bodies, plain HTTP redirected permanently.
    let http = format!(
        r#"server_tokens off;
        client_max_body_size 1m;
        limit_req_zone $binary_remote_addr$server_port zone=pages:1m rate=1r/m;
        limit_req_status 429;
        proxy_set_header Host $http_host;
        proxy_set_header X-Forwarded-Proto https;
        proxy_cookie_flags ~ secure httponly samesite=strict;
        server {{
            listen 127.0.0.1:{api_http};
            return 301 https://127.0.0.1:{api_tls}$request_uri;
        }}
        server {{
            listen 127.0.0.1:{django_http};
            return 301 https://127.0.0.1:{django_tls}$request_uri;
        }}
        server {{
            listen 127.0.0.1:{api_tls} ssl;
            {tls}
            {headers}
            location = / {{
                limit_req zone=pages burst=10 nodelay;
                proxy_pass http://127.0.0.1:{api};
            }}
            location / {{ proxy_pass http://127.0.0.1:{api}; }}
            location ~ ^/(docs|redoc|openapi\.json) {{ return 404; }}
            location ~ ^/(items|orders)/ {{
                if ($http_authorization !~* "^bearer .") {{ return 401; }}
                proxy_pass http://127.0.0.1:{api};
            }}
        }}
        server {{
            listen 127.0.0.1:{django_tls} ssl;
            {tls}
            {headers}
            location = / {{
                limit_req zone=pages burst=10 nodelay;
                proxy_pass http://127.0.0.1:{django};
            }}
            location / {{ proxy_pass http://127.0.0.1:{django}; }}
        }}"#
    );
    let _nginx = Nginx::start_in(
        &nginx,
        dir.path(),
        &http,
        &[api_http, api_tls, django_http, django_tls],
    );
    // The docs are blocked at the front: the schema is given, as `--openapi` would, read from
    // the app itself.
    let client = Client::new(
        Limits {
            timeout: Duration::from_secs(10),
            deadline: Instant::now() + Duration::from_secs(60),
            max_requests_per_origin: 1,
        },
        Vec::new(),
    );
    let schema = client
        .send("GET", &format!("http://127.0.0.1:{api}/openapi.json"), &[])
        .unwrap();
    assert_eq!(schema.status, 200);
    let schema = String::from_utf8(schema.body).unwrap();
    assert!(schema.contains("HTTPBearer"), "{schema}");

    let s1 = format!("https://127.0.0.1:{api_tls}");
    let s2 = format!("https://127.0.0.1:{django_tls}");
    let urls = [
        format!("http://127.0.0.1:{api_http}/"),
        format!("{s1}/"),
        format!("http://127.0.0.1:{django_http}/"),
        format!("{s2}/"),
        format!("{s2}/admin/login/"),
    ];
    let report = probe_with(&urls, options(&ca, Some(schema)));
    let all = lines(&report);
    println!(
        "{all:#?}\nerrors {:?}\nwarnings {:#?}",
        report.errors, report.warnings
    );
    assert!(report.errors.is_empty(), "{:?}", report.errors);
    // Every check ran: nothing was left unchecked (a 429 on an exposure path, a failed call).
    assert!(report.warnings.is_empty(), "{:#?}", report.warnings);
    assert_eq!(high_or_above(&report), Vec::<String>::new(), "{all:#?}");
    // None of the insecure setup's findings is left, the limits included.
    for code in [
        "PRB001", "PRB002", "PRB012", "PRB014", "PRB018", "PRB019", "PRB029", "PRB031", "PRB032",
        "PRB038", "PRB039", "PRB040",
    ] {
        assert!(
            !report.findings.iter().any(|f| f.code == code),
            "{code}: {all:#?}"
        );
    }
    // What is left is information: no OCSP staple on the test CA's certificate, and the HSTS
    // preload list's view (a plain-HTTP twin on another port is not linked to the origin).
    let left: std::collections::BTreeSet<&str> =
        report.findings.iter().map(|f| f.code.as_str()).collect();
    assert!(
        left.iter().all(|c| ["PRB004", "PRB028"].contains(c)),
        "{all:#?}"
    );
    println!("hardened setup: {:.1?}", started.elapsed());
}

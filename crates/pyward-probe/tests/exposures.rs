//! The exposure recognisers as pure functions over recorded exchanges: each exposure is told by
//! what the answer holds, a soft 404 never counts, and no message carries a secret.

use pyward_probe::exposures::{self, Kind, TARGETS, Target};
use pyward_probe::http::Exchange;

const ORIGIN: &str = "http://app.test";

fn answer(path: &str, status: u16, headers: &[(&str, &str)], body: &[u8]) -> Exchange {
    Exchange {
        method: "GET".into(),
        url: format!("{ORIGIN}{path}"),
        status,
        headers: headers
            .iter()
            .map(|(k, v)| (k.to_ascii_lowercase(), v.to_string()))
            .collect(),
        body: body.to_vec(),
        body_truncated: false,
        tls_unverified: false,
    }
}

fn target(path: &str) -> &'static Target {
    TARGETS
        .iter()
        .find(|t| t.path == path)
        .unwrap_or_else(|| panic!("{path} is not probed"))
}

/// The finding's `CODE message` for `body` served at `path`, with no soft-404 page known.
fn judge(path: &str, status: u16, headers: &[(&str, &str)], body: &[u8]) -> Option<String> {
    let ex = answer(path, status, headers, body);
    exposures::check(target(path), &ex, None, true).map(|f| format!("{} {}", f.code, f.message))
}

const HTML: &[(&str, &str)] = &[("content-type", "text/html; charset=utf-8")];
const TEXT: &[(&str, &str)] = &[("content-type", "text/plain")];

#[test]
fn every_kind_of_path_is_probed_once() {
    let mut paths: Vec<&str> = TARGETS.iter().map(|t| t.path).collect();
    paths.sort_unstable();
    paths.dedup();
    assert_eq!(paths.len(), TARGETS.len());
    for kind in [
        Kind::SwaggerUi,
        Kind::Redoc,
        Kind::Schema,
        Kind::WerkzeugConsole,
        Kind::DjangoAdmin,
        Kind::DotEnv,
        Kind::GitHead,
        Kind::GitConfig,
        Kind::Backup,
        Kind::ServerStatus,
        Kind::Listing,
    ] {
        assert!(TARGETS.iter().any(|t| t.kind == kind), "{kind:?}");
    }
}

#[test]
fn dotenv_names_are_shown_and_values_never() {
    let env = b"# deploy\nSECRET_KEY=k3y-that-must-not-leak\nexport DATABASE_URL=postgres://u:pw@db/app\n\nDEBUG=0\nSTRIPE_KEY='sk_live_zzz'\n";
    let got = judge("/.env", 200, TEXT, env).unwrap();
    assert_eq!(
        got,
        "PRB033 /.env serves a .env file with 4 variables (SECRET_KEY, DATABASE_URL, DEBUG, STRIPE_KEY)"
    );
    for secret in ["k3y", "pw@db", "sk_live"] {
        assert!(!got.contains(secret), "{got}");
    }
    // ok: an HTML page, prose with one `=`, a 404, binary bytes.
    assert_eq!(
        judge(
            "/.env",
            200,
            HTML,
            b"<html><body>A=1\nB=2\nC=3\nD=4</body></html>"
        ),
        None
    );
    assert_eq!(
        judge(
            "/.env",
            200,
            TEXT,
            b"Welcome!\nThis page explains why x=1.\nSee the docs.\n"
        ),
        None
    );
    assert_eq!(judge("/.env", 404, TEXT, env), None);
    assert_eq!(judge("/.env", 200, TEXT, b"A=1\0\nB=2\nC=3\nD=4\n"), None);
}

#[test]
fn git_head_and_config_by_their_shape() {
    assert_eq!(
        judge("/.git/HEAD", 200, TEXT, b"ref: refs/heads/main\n").unwrap(),
        "PRB034 /.git/HEAD serves a Git HEAD (`ref: refs/heads/main`)"
    );
    let sha = b"3f2a9c0d6e4b1a7f8c5d2e9b0a1c3d5e7f9a2b4c\n";
    assert!(
        judge("/.git/HEAD", 200, TEXT, sha)
            .unwrap()
            .contains("detached commit")
    );
    let config = b"[core]\n\trepositoryformatversion = 0\n\tfilemode = true\n\tbare = false\n";
    assert!(
        judge("/.git/config", 200, TEXT, config)
            .unwrap()
            .starts_with("PRB034 ")
    );
    // ok: a page that mentions refs, an HTML page quoting a config, a 403.
    assert_eq!(
        judge(
            "/.git/HEAD",
            200,
            HTML,
            b"<html>ref: refs/heads/main</html>"
        ),
        None
    );
    assert_eq!(
        judge(
            "/.git/HEAD",
            200,
            TEXT,
            b"ref: refs/heads/main\nmore text\n"
        ),
        None
    );
    let quoted = b"<!doctype html><pre>[core]\nrepositoryformatversion = 0</pre>";
    assert_eq!(judge("/.git/config", 200, HTML, quoted), None);
    assert_eq!(judge("/.git/config", 403, TEXT, config), None);
}

#[test]
fn backups_by_their_first_bytes_and_sizes_from_content_range() {
    let zip = b"PK\x03\x04\x14\x00\x00\x00rest";
    let range = [("content-range", "bytes 0-4095/3145728")];
    assert_eq!(
        judge("/backup.zip", 206, &range, zip).unwrap(),
        "PRB035 /backup.zip serves a ZIP archive of 3.0 MiB"
    );
    assert!(
        judge("/backup.tar.gz", 200, &[], &[0x1f, 0x8b, 8, 0])
            .unwrap()
            .contains("gzip")
    );
    assert!(
        judge("/db.sqlite3", 200, &[], b"SQLite format 3\0\x10\x00")
            .unwrap()
            .contains("SQLite")
    );
    let dump = b"--\n-- PostgreSQL database dump\n--\nSET statement_timeout = 0;\n";
    assert!(
        judge("/dump.sql", 200, TEXT, dump)
            .unwrap()
            .contains("an SQL dump")
    );
    let inserts = b"insert into users values (1, 'a');\n";
    assert!(judge("/backup.sql", 200, TEXT, inserts).is_some());
    // ok: an HTML page about SQL, an empty 200, a redirect, plain text.
    let page = b"<!DOCTYPE html><p>Use CREATE TABLE to start</p>";
    assert_eq!(judge("/db.sql", 200, HTML, page), None);
    assert_eq!(judge("/db.sql", 200, TEXT, b""), None);
    assert_eq!(judge("/site.zip", 302, &[("location", "/")], zip), None);
    assert_eq!(judge("/database.sql", 200, TEXT, b"nothing here\n"), None);
}

#[test]
fn api_docs_schema_console_and_status_pages() {
    let swagger = b"<!DOCTYPE html><html><div id=\"swagger-ui\"></div><script>const ui = SwaggerUIBundle({url: '/api/v1/openapi.json'})</script></html>";
    assert_eq!(
        judge("/docs", 200, HTML, swagger).unwrap(),
        "PRB029 /docs serves Swagger UI"
    );
    assert_eq!(
        exposures::schema_url_in_page(&answer("/docs", 200, HTML, swagger)).as_deref(),
        Some("/api/v1/openapi.json")
    );
    let redoc = b"<html><body><redoc spec-url=\"/schema.yaml\"></redoc></body></html>";
    assert_eq!(
        judge("/redoc", 200, HTML, redoc).unwrap(),
        "PRB029 /redoc serves ReDoc"
    );
    assert_eq!(
        exposures::schema_url_in_page(&answer("/redoc", 200, HTML, redoc)).as_deref(),
        Some("/schema.yaml")
    );
    let schema = br#"{"openapi":"3.1.0","info":{"title":"t","version":"1"},"paths":{"/a":{"get":{},"post":{}},"/b":{"get":{}}}}"#;
    assert_eq!(
        judge(
            "/openapi.json",
            200,
            &[("content-type", "application/json")],
            schema
        )
        .unwrap(),
        "PRB029 /openapi.json serves an OpenAPI 3.1.0 document with 3 operations"
    );
    assert_eq!(
        judge("/openapi.json", 200, &[], br#"{"status":"ok"}"#),
        None
    );
    let console = b"<html><title>Console // Werkzeug Debugger</title><script>var CONSOLE_MODE = true; var SECRET = 'x';</script><a href=\"?__debugger__=yes\"></a></html>";
    assert_eq!(
        judge("/console", 200, HTML, console).unwrap(),
        "PRB030 /console serves the Werkzeug debugger console"
    );
    let stub = b"Active connections: 1 \nserver accepts handled requests\n 5 5 5 \nReading: 0 Writing: 1 Waiting: 0 \n";
    assert_eq!(
        judge("/nginx_status", 200, TEXT, stub).unwrap(),
        "PRB036 /nginx_status serves nginx stub_status counters"
    );
    assert_eq!(
        judge(
            "/server-status",
            200,
            HTML,
            b"<html>Server status: all good</html>"
        ),
        None
    );
}

#[test]
fn django_admin_counts_only_over_plain_http() {
    let login = b"<html><title>Log in | Django site admin</title><form id=\"login-form\"><input name=\"csrfmiddlewaretoken\"></form></html>";
    let ex = answer("/admin/login/", 200, HTML, login);
    let t = target("/admin/login/");
    assert!(exposures::check(t, &ex, None, true).is_some_and(|f| f.code == "PRB032"));
    assert!(exposures::check(t, &ex, None, false).is_none());
}

#[test]
fn a_soft_404_never_counts_even_when_it_echoes_the_path() {
    // A catch-all that answers 200 with a text page naming the path asked for.
    let page = |path: &str| format!("A=1\nB=2\nC=3\nD=4\nno page at {path}\n");
    let nf = answer(
        "/pyward-probe-0123",
        200,
        TEXT,
        page("/pyward-probe-0123").as_bytes(),
    );
    let env = answer("/.env", 200, TEXT, page("/.env").as_bytes());
    assert!(exposures::is_soft_404(&env, Some(&nf)));
    assert!(exposures::check(target("/.env"), &env, Some(&nf), true).is_none());
    // The same answer with no soft-404 page to compare is judged by its content.
    assert!(exposures::check(target("/.env"), &env, None, true).is_some());
    // A real 404 for the nonce does not make a different page a soft 404.
    let nf404 = answer("/pyward-probe-0123", 404, TEXT, b"not found");
    assert!(!exposures::is_soft_404(&env, Some(&nf404)));
}

#[test]
fn debug_pages_and_listings_on_any_page() {
    let django404 = b"<html><body><p>Using the URLconf defined in <code>app.urls</code>, Django tried these URL patterns</p><p>You're seeing this error because you have <code>DEBUG = True</code> in your Django settings file.</p></body></html>";
    let found = exposures::page_findings(&answer("/nope", 404, HTML, django404), "/nope");
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].code, "PRB031");
    assert!(
        found[0].message.contains("technical 404"),
        "{}",
        found[0].message
    );
    let autoindex = b"<html>\r\n<head><title>Index of /static/</title></head>\r\n<body>\r\n<h1>Index of /static/</h1><hr><pre><a href=\"../\">../</a>\r\n</pre></body></html>";
    let found = exposures::page_findings(&answer("/static/", 200, HTML, autoindex), "/static/");
    assert_eq!(found.len(), 1);
    assert_eq!(
        found[0].message,
        "/static/ shows a directory listing of `/static/`"
    );
    // ok: a production 404 and an ordinary page.
    assert!(
        exposures::page_findings(&answer("/nope", 404, HTML, b"<h1>Not Found</h1>"), "/nope")
            .is_empty()
    );
    let blog = b"<html><p>How to read an Index of / page, and DEBUG = True explained</p></html>";
    assert!(exposures::page_findings(&answer("/", 200, HTML, blog), "/").is_empty());
}

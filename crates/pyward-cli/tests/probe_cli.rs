//! End-to-end tests of `pyward probe URL…` and `pyward scan --url`, against a server on
//! loopback started by the test.

mod common;

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::thread;

use common::{pyward, run};
use serde_json::Value;

/// An insecure app on loopback: no security headers, a session cookie without flags. Records
/// whether a request carried `Authorization`.
struct App {
    server: Arc<tiny_http::Server>,
    worker: Option<thread::JoinHandle<()>>,
    saw_auth: Arc<AtomicBool>,
    url: String,
}

impl App {
    fn start() -> App {
        let server = Arc::new(tiny_http::Server::http("127.0.0.1:0").unwrap());
        let port = server.server_addr().to_ip().unwrap().port();
        let saw_auth = Arc::new(AtomicBool::new(false));
        let (s, seen) = (server.clone(), saw_auth.clone());
        let worker = thread::spawn(move || {
            while let Ok(req) = s.recv() {
                if req.headers().iter().any(|h| h.field.equiv("Authorization")) {
                    seen.store(true, Ordering::SeqCst);
                }
                let header = |k: &str, v: &str| tiny_http::Header::from_bytes(k, v).unwrap();
                let resp = tiny_http::Response::from_string("<html>hello</html>")
                    .with_header(header("Content-Type", "text/html"))
                    .with_header(header("Set-Cookie", "sessionid=cookievalue42; Path=/"));
                let _ = req.respond(resp);
            }
        });
        App {
            server,
            worker: Some(worker),
            saw_auth,
            url: format!("http://127.0.0.1:{port}/"),
        }
    }
}

impl Drop for App {
    fn drop(&mut self) {
        self.server.unblock();
        if let Some(w) = self.worker.take() {
            let _ = w.join();
        }
    }
}

fn refused_url() -> String {
    let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    format!("http://127.0.0.1:{}/", l.local_addr().unwrap().port())
}

#[test]
fn probe_reports_findings_in_json_and_exits_1_without_printing_header_values() {
    let app = App::start();
    let out = run(pyward().args([
        "probe",
        &app.url,
        "--isolated",
        "--timeout",
        "5",
        "--header",
        "Authorization: Bearer sup3rs3cr3ttok3n",
        "-f",
        "json",
    ]));
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert!(app.saw_auth.load(Ordering::SeqCst), "--header was not sent");
    let report: Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(report["command"], "probe");
    let codes: Vec<&str> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["code"].as_str().unwrap())
        .collect();
    for code in ["PRB001", "PRB005", "PRB007", "PRB014"] {
        assert!(codes.contains(&code), "{code} missing: {codes:?}");
    }
    let cookie = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["code"] == "PRB014")
        .unwrap();
    assert_eq!(cookie["severity"], "high");
    assert_eq!(cookie["location"]["url"], app.url.as_str());
    let origin = app.url.trim_end_matches('/');
    assert!(report["stats"]["scores"][origin].as_u64().unwrap() < 100);
    for text in [&out.stdout, &out.stderr] {
        assert!(
            !text.contains("sup3rs3cr3ttok3n"),
            "a --header value was printed"
        );
        assert!(
            !text.contains("cookievalue42"),
            "a cookie value was printed"
        );
    }
}

#[test]
fn probe_text_output_names_the_url() {
    let app = App::start();
    let out = run(pyward().args(["probe", &app.url, "--isolated", "--no-active"]));
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert!(out.stdout.contains(&app.url), "{}", out.stdout);
    assert!(out.stdout.contains("PRB014"), "{}", out.stdout);
    let origin = app.url.trim_end_matches('/');
    assert!(
        out.stdout
            .lines()
            .any(|l| l.starts_with(&format!("score: {origin} ")) && l.ends_with("/100")),
        "{}",
        out.stdout
    );
}

#[test]
fn an_unreachable_url_is_an_error_exit_2_and_the_rest_is_reported() {
    let app = App::start();
    let refused = refused_url();
    let out = run(pyward().args([
        "probe",
        &refused,
        &app.url,
        "--isolated",
        "--timeout",
        "5",
        "-f",
        "json",
    ]));
    assert_eq!(out.code, 2, "{}", out.stderr);
    let report: Value = serde_json::from_str(&out.stdout).unwrap();
    let errors = report["errors"].as_array().unwrap();
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert_eq!(errors[0]["path"], refused.as_str());
    assert_eq!(errors[0]["message"], "not checked: connection refused");
    assert!(!report["findings"].as_array().unwrap().is_empty());
}

#[test]
fn probe_rejects_bad_arguments() {
    let out = run(pyward().args(["probe", "http://127.0.0.1:9/", "--header", "no-colon"]));
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("Name: value"), "{}", out.stderr);
    let out = run(pyward().args(["probe"]));
    assert_eq!(out.code, 2);
}

#[test]
fn scan_with_url_adds_the_probe_and_without_it_does_not() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("app.py"), "print('hi')\n").unwrap();
    let app = App::start();
    let with = run(pyward().current_dir(dir.path()).args([
        "scan",
        ".",
        "--isolated",
        "--skip",
        "deps",
        "--url",
        &app.url,
        "-f",
        "json",
    ]));
    assert_eq!(with.code, 1, "{}", with.stderr);
    let report: Value = serde_json::from_str(&with.stdout).unwrap();
    assert!(
        report["findings"]
            .as_array()
            .unwrap()
            .iter()
            .any(|f| f["code"] == "PRB014"),
        "{}",
        with.stdout
    );
    assert!(
        report["stats"]["probe"]["scores"].is_object(),
        "{}",
        with.stdout
    );

    let without = run(pyward().current_dir(dir.path()).args([
        "scan",
        ".",
        "--isolated",
        "--skip",
        "deps",
        "-f",
        "json",
    ]));
    let report: Value = serde_json::from_str(&without.stdout).unwrap();
    assert!(report["stats"].get("probe").is_none(), "{}", without.stdout);
    assert!(
        !report["findings"]
            .as_array()
            .unwrap()
            .iter()
            .any(|f| f["code"].as_str().unwrap().starts_with("PRB"))
    );
}

#[test]
fn scan_with_an_unreachable_url_reports_the_project_and_exits_2() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("app.py"),
        "import pickle\npickle.loads(b'')\n",
    )
    .unwrap();
    let refused = refused_url();
    let out = run(pyward().current_dir(dir.path()).args([
        "scan",
        ".",
        "--isolated",
        "--skip",
        "deps",
        "--url",
        &refused,
        "-f",
        "json",
    ]));
    assert_eq!(out.code, 2, "{}", out.stderr);
    let report: Value = serde_json::from_str(&out.stdout).unwrap();
    let errors = report["errors"].as_array().unwrap();
    assert!(
        errors
            .iter()
            .any(|e| e["path"] == refused.as_str()
                && e["message"] == "not checked: connection refused"),
        "{errors:?}"
    );
    // The offline analyzers still reported.
    assert!(
        !report["findings"].as_array().unwrap().is_empty(),
        "{}",
        out.stdout
    );
}

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
            .any(|l| l.starts_with(&format!("score: {origin} ")) && l.contains("/100 (grade ")),
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
    let codes = |report: &Value| -> Vec<String> {
        report["findings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["code"].as_str().unwrap().to_string())
            .collect()
    };
    // The active checks run by default: the test app limits neither rate nor body size.
    for code in ["PRB039", "PRB040"] {
        assert!(
            codes(&report).iter().any(|c| c == code),
            "{code}: {}",
            with.stdout
        );
    }
    let passive = run(pyward().current_dir(dir.path()).args([
        "scan",
        ".",
        "--isolated",
        "--skip",
        "deps",
        "--url",
        &app.url,
        "--no-active",
        "-f",
        "json",
    ]));
    let report: Value = serde_json::from_str(&passive.stdout).unwrap();
    assert!(
        codes(&report).iter().any(|c| c == "PRB014"),
        "{}",
        passive.stdout
    );
    for code in ["PRB013", "PRB039", "PRB040"] {
        assert!(
            !codes(&report).iter().any(|c| c == code),
            "{code}: {}",
            passive.stdout
        );
    }
    // The probe's options need a URL to apply to.
    let out = run(pyward()
        .current_dir(dir.path())
        .args(["scan", ".", "--no-active"]));
    assert_eq!(out.code, 2, "{}", out.stderr);

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

/// nginx and openssl for the TLS test, or `None` after printing SKIP; panics when
/// PYWARD_REAL_TOOLS=1 and one is missing.
fn nginx_and_openssl() -> Option<(std::path::PathBuf, std::path::PathBuf)> {
    if !common::real_tools() {
        return None;
    }
    let find = |name: &str| {
        ["/usr/sbin", "/usr/bin", "/usr/local/sbin", "/usr/local/bin"]
            .iter()
            .map(|d| std::path::Path::new(d).join(name))
            .find(|p| p.is_file())
    };
    match (find("nginx"), find("openssl")) {
        (Some(n), Some(o)) => Some((n, o)),
        (n, o) => panic!("PYWARD_REAL_TOOLS=1 but nginx ({n:?}) or openssl ({o:?}) is missing"),
    }
}

/// One nginx process (`master_process off`), killed on drop.
struct Nginx(std::process::Child);

impl Drop for Nginx {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

#[test]
fn probe_checks_tls_with_a_ca_file() {
    let Some((nginx, openssl)) = nginx_and_openssl() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let ssl = |args: &[&str]| {
        let out = std::process::Command::new(&openssl)
            .current_dir(d)
            .args(args)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    };
    std::fs::write(
        d.join("ext.cnf"),
        "[req]\ndistinguished_name = dn\n[dn]\n\
         [ca]\nbasicConstraints = critical,CA:true\nkeyUsage = critical,keyCertSign\n\
         [leaf]\nbasicConstraints = CA:false\nextendedKeyUsage = serverAuth\n\
         subjectAltName = IP:127.0.0.1\n",
    )
    .unwrap();
    ssl(&[
        "req",
        "-x509",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-keyout",
        "ca.key",
        "-out",
        "ca.pem",
        "-days",
        "120",
        "-subj",
        "/CN=pyward cli test CA",
        "-config",
        "ext.cnf",
        "-extensions",
        "ca",
    ]);
    ssl(&[
        "req",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-keyout",
        "leaf.key",
        "-out",
        "leaf.csr",
        "-subj",
        "/CN=127.0.0.1",
        "-config",
        "ext.cnf",
    ]);
    ssl(&[
        "x509",
        "-req",
        "-in",
        "leaf.csr",
        "-CA",
        "ca.pem",
        "-CAkey",
        "ca.key",
        "-CAcreateserial",
        "-out",
        "leaf.crt",
        "-days",
        "90",
        "-sha256",
        "-extfile",
        "ext.cnf",
        "-extensions",
        "leaf",
    ]);
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let p = d.display();
    std::fs::write(
        d.join("nginx.conf"),
        format!(
            "daemon off;\nmaster_process off;\nworker_processes 1;\npid {p}/nginx.pid;\n\
             error_log {p}/error.log;\nevents {{ worker_connections 64; }}\n\
             http {{ access_log off; client_body_temp_path {p}/body; proxy_temp_path {p}/proxy;\n\
             fastcgi_temp_path {p}/fastcgi; uwsgi_temp_path {p}/uwsgi; scgi_temp_path {p}/scgi;\n\
             server {{ listen 127.0.0.1:{port} ssl;\n\
             ssl_certificate {p}/leaf.crt; ssl_certificate_key {p}/leaf.key;\n\
             ssl_protocols TLSv1.2; ssl_ciphers ECDHE-RSA-AES128-GCM-SHA256;\n\
             location / {{ return 200 'ok'; }} }} }}\n"
        ),
    )
    .unwrap();
    let mut server = Nginx(
        std::process::Command::new(&nginx)
            .arg("-p")
            .arg(d)
            .arg("-e")
            .arg(d.join("error.log"))
            .arg("-c")
            .arg(d.join("nginx.conf"))
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap(),
    );
    for tries in 0.. {
        if std::net::TcpStream::connect(("127.0.0.1", port)).is_ok() {
            break;
        }
        if let Ok(Some(status)) = server.0.try_wait() {
            panic!(
                "nginx exited ({status}): {}",
                std::fs::read_to_string(d.join("error.log")).unwrap_or_default()
            );
        }
        assert!(tries < 1000, "nginx did not listen on {port}");
        thread::sleep(std::time::Duration::from_millis(20));
    }
    let url = format!("https://127.0.0.1:{port}/");
    let host = format!("127.0.0.1:{port}");
    let ca = d.join("ca.pem");
    let probe = |extra: &[&str]| {
        let out = run(pyward()
            .args(["probe", &url, "--isolated", "--timeout", "5", "-f", "json"])
            .args(extra));
        assert_eq!(out.code, 1, "{}", out.stderr);
        let report: Value = serde_json::from_str(&out.stdout).unwrap();
        assert_eq!(report["errors"], serde_json::json!([]), "{}", out.stdout);
        let tls: Vec<(String, String)> = report["findings"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|f| f["location"]["host"] == host.as_str())
            .map(|f| {
                (
                    f["code"].as_str().unwrap().to_string(),
                    f["severity"].as_str().unwrap().to_string(),
                )
            })
            .collect();
        (report, tls)
    };

    // Trusted through --ca-file: only TLS 1.3 missing (low) and no OCSP staple (info).
    let (report, tls) = probe(&["--ca-file", ca.to_str().unwrap()]);
    assert_eq!(
        tls,
        [
            ("PRB020".to_string(), "low".to_string()),
            ("PRB028".to_string(), "info".to_string())
        ],
        "{report:#}"
    );
    let prb020 = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["code"] == "PRB020")
        .unwrap();
    assert_eq!(prb020["message"], "does not accept TLSv1.3");
    assert_eq!(prb020["location"], serde_json::json!({ "host": host }));
    assert!(
        report["stats"]["scores"][url.trim_end_matches('/')]
            .as_u64()
            .unwrap()
            < 100
    );

    // Without it, the private CA's chain is untrusted.
    let (report, tls) = probe(&[]);
    assert!(
        tls.contains(&("PRB023".to_string(), "high".to_string())),
        "{report:#}"
    );

    // A --ca-file without a certificate is a usage error.
    std::fs::write(d.join("empty.pem"), "not a certificate\n").unwrap();
    let out = run(pyward().args([
        "probe",
        &url,
        "--isolated",
        "--ca-file",
        d.join("empty.pem").to_str().unwrap(),
    ]));
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert!(
        out.stderr.contains("holds no PEM certificate"),
        "{}",
        out.stderr
    );
}

//! Hostile and odd servers on loopback: the probe stays bounded in time and memory and says
//! what it could not check, never a false pass.

mod support;

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::thread;
use std::time::{Duration, Instant};

use pyward_probe::http::{BODY_CAP, Client, Limits};
use support::*;

/// A raw TCP server answering every connection with `answer` until dropped.
struct RawServer {
    port: u16,
    stop: Arc<AtomicBool>,
}

impl RawServer {
    fn start(answer: fn(TcpStream)) -> RawServer {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        let stop = Arc::new(AtomicBool::new(false));
        let flag = stop.clone();
        thread::spawn(move || {
            for stream in listener.incoming() {
                if flag.load(Ordering::SeqCst) {
                    break;
                }
                if let Ok(stream) = stream {
                    thread::spawn(move || answer(stream));
                }
            }
        });
        RawServer { port, stop }
    }

    fn url(&self) -> String {
        format!("http://127.0.0.1:{}/", self.port)
    }
}

impl Drop for RawServer {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        // Wake the accept loop so it sees the flag.
        let _ = TcpStream::connect(("127.0.0.1", self.port));
    }
}

fn read_request(stream: &mut TcpStream) {
    let mut buf = [0u8; 4096];
    let _ = stream.set_read_timeout(Some(Duration::from_secs(5)));
    let _ = stream.read(&mut buf);
}

fn silent(mut stream: TcpStream) {
    read_request(&mut stream);
    // Never answer; hold the connection until the client gives up.
    let mut buf = [0u8; 1];
    let _ = stream.set_read_timeout(Some(Duration::from_secs(30)));
    let _ = stream.read(&mut buf);
}

fn endless_chunked(mut stream: TcpStream) {
    read_request(&mut stream);
    let head = "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nTransfer-Encoding: chunked\r\n\r\n";
    if stream.write_all(head.as_bytes()).is_err() {
        return;
    }
    let chunk = format!("4000\r\n{}\r\n", "a".repeat(0x4000));
    while stream.write_all(chunk.as_bytes()).is_ok() {}
}

fn huge_length(mut stream: TcpStream) {
    read_request(&mut stream);
    let head = "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 1000000000\r\n\r\n";
    if stream.write_all(head.as_bytes()).is_err() {
        return;
    }
    let block = vec![b'x'; 64 * 1024];
    while stream.write_all(&block).is_ok() {}
}

fn limits(timeout: Duration) -> Limits {
    Limits {
        timeout,
        deadline: Instant::now() + Duration::from_secs(120),
        max_requests_per_origin: 10,
    }
}

#[test]
fn a_server_that_never_answers_is_not_checked_with_a_reason() {
    let server = RawServer::start(silent);
    let started = Instant::now();
    let report = probe(&[server.url()], Duration::from_millis(500));
    eprintln!("silent server: {:?}", started.elapsed());
    assert!(report.findings.is_empty(), "{:#?}", lines(&report));
    assert_eq!(report.errors.len(), 1, "{:?}", report.errors);
    assert_eq!(report.errors[0].message, "not checked: timed out");
    assert_eq!(report.errors[0].path, server.url());
    // No score for an origin that was never seen: no false pass.
    assert_eq!(report.stats["scores"], serde_json::json!({}));
}

#[test]
fn a_refused_connection_is_not_checked_with_a_reason() {
    let port = {
        let l = TcpListener::bind("127.0.0.1:0").unwrap();
        l.local_addr().unwrap().port()
    };
    let url = format!("http://127.0.0.1:{port}/");
    let report = probe(std::slice::from_ref(&url), Duration::from_secs(5));
    assert_eq!(report.errors.len(), 1, "{:?}", report.errors);
    assert_eq!(report.errors[0].message, "not checked: connection refused");
    assert!(report.findings.is_empty());
}

#[test]
fn an_endless_chunked_body_is_read_up_to_the_cap() {
    let server = RawServer::start(endless_chunked);
    let client = Client::new(limits(Duration::from_secs(10)), Vec::new());
    let ex = client.send("GET", &server.url(), &[]).unwrap();
    assert_eq!(ex.status, 200);
    assert_eq!(ex.body.len() as u64, BODY_CAP);
    assert!(ex.body_truncated);
    // The headers are still judged.
    let report = probe(&[server.url()], Duration::from_secs(10));
    assert!(
        has(&report, "PRB005", "no Content-Security-Policy"),
        "{:#?}",
        lines(&report)
    );
}

#[test]
fn a_one_gigabyte_body_is_read_up_to_the_cap() {
    let server = RawServer::start(huge_length);
    let client = Client::new(limits(Duration::from_secs(10)), Vec::new());
    let ex = client.send("GET", &server.url(), &[]).unwrap();
    assert_eq!(ex.body.len() as u64, BODY_CAP);
    assert!(ex.body_truncated);
}

#[test]
fn requests_per_origin_are_capped() {
    let server = RawServer::start(huge_length);
    let mut l = limits(Duration::from_secs(10));
    l.max_requests_per_origin = 1;
    let client = Client::new(l, Vec::new());
    assert!(client.send("HEAD", &server.url(), &[]).is_ok());
    let err = client.send("HEAD", &server.url(), &[]).unwrap_err();
    assert!(err.to_string().contains("request limit"), "{err}");
}

#[test]
fn a_past_deadline_sends_nothing() {
    let client = Client::new(
        Limits {
            timeout: Duration::from_secs(1),
            deadline: Instant::now(),
            max_requests_per_origin: 10,
        },
        Vec::new(),
    );
    let err = client.send("GET", "http://127.0.0.1:9/", &[]).unwrap_err();
    assert_eq!(err.to_string(), "the probe's deadline has passed");
}

/// A Python-ish app answering directly: TRACE echo, unsafe CSP, wildcard CORS with
/// credentials, a uvicorn banner, and a CSRF cookie.
#[test]
fn trace_echo_csp_sources_banner_and_wildcard_cors() {
    let server = tiny_http::Server::http("127.0.0.1:0").unwrap();
    let port = server.server_addr().to_ip().unwrap().port();
    let server = Arc::new(server);
    let s = server.clone();
    let worker = thread::spawn(move || {
        while let Ok(Some(req)) = s.recv_timeout(Duration::from_secs(20)) {
            let header = |k: &str, v: &str| tiny_http::Header::from_bytes(k, v).unwrap();
            if req.method().as_str() == "TRACE" {
                let echo = format!("TRACE {} HTTP/1.1\r\nHost: x\r\n", req.url());
                let _ = req.respond(
                    tiny_http::Response::from_string(echo)
                        .with_header(header("Content-Type", "message/http")),
                );
                continue;
            }
            let resp = tiny_http::Response::from_string("<html><body>hi</body></html>")
                .with_header(header("Content-Type", "text/html"))
                .with_header(header("Server", "uvicorn"))
                .with_header(header(
                    "Content-Security-Policy",
                    "default-src 'self'; script-src 'self' 'unsafe-inline' 'unsafe-eval' https:; frame-ancestors 'none'",
                ))
                .with_header(header("Access-Control-Allow-Origin", "*"))
                .with_header(header("Access-Control-Allow-Credentials", "true"))
                .with_header(header("Set-Cookie", "csrftoken=abcdef0123456789; Path=/; SameSite=Lax"));
            let _ = req.respond(resp);
        }
    });
    let url = format!("http://127.0.0.1:{port}/");
    let report = probe(&[url], Duration::from_secs(10));
    let all = lines(&report);
    for (code, needle) in [
        ("PRB013", "TRACE answered 200"),
        ("PRB006", "script-src allows 'unsafe-inline'"),
        ("PRB006", "script-src allows 'unsafe-eval'"),
        ("PRB006", "script-src allows wildcard sources: https:"),
        ("PRB012", "uvicorn app server answers directly"),
        ("PRB017", "Access-Control-Allow-Origin: *"),
        // A CSRF cookie need not be HttpOnly; over plain HTTP it still lacks Secure.
        ("PRB014", "cookie `csrftoken` is set without Secure"),
    ] {
        assert!(
            has(&report, code, needle),
            "missing {code} {needle}: {all:#?}"
        );
    }
    assert!(!all.iter().any(|l| l.contains("HttpOnly")), "{all:#?}");
    assert!(!has(&report, "PRB005", ""), "CSP is present: {all:#?}");
    assert!(
        !has(&report, "PRB008", ""),
        "frame-ancestors is set: {all:#?}"
    );
    // The cookie's value is never shown.
    let json = serde_json::to_string(&report).unwrap();
    assert!(!json.contains("abcdef0123456789"));
    server.unblock();
    let _ = worker.join();
}

fn redirect_elsewhere(mut stream: TcpStream) {
    read_request(&mut stream);
    let answer = "HTTP/1.1 301 Moved Permanently\r\nLocation: https://pyward-probe.invalid/\r\nContent-Length: 0\r\nConnection: close\r\n\r\n";
    let _ = stream.write_all(answer.as_bytes());
}

#[test]
fn a_redirect_to_another_origin_is_reported_and_not_followed() {
    let server = RawServer::start(redirect_elsewhere);
    let report = probe(&[server.url()], Duration::from_secs(10));
    let all = lines(&report);
    assert!(
        has(
            &report,
            "PRB001",
            "plain HTTP answers 301 with a redirect that is not to https:// on the same host"
        ),
        "{all:#?}"
    );
    assert!(report.errors.is_empty(), "{:?}", report.errors);
    assert_eq!(
        report.warnings,
        [format!(
            "{}: redirect to another origin not followed (use --follow-external)",
            server.url()
        )]
    );
    // Only the redirect was judged: no header findings for a page never seen.
    assert_eq!(all.len(), 1, "{all:#?}");
}

fn slow_drip(mut stream: TcpStream) {
    read_request(&mut stream);
    let head = "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 100000\r\n\r\n";
    if stream.write_all(head.as_bytes()).is_err() {
        return;
    }
    for _ in 0..600 {
        if stream.write_all(b"x").is_err() {
            return;
        }
        thread::sleep(Duration::from_millis(100));
    }
}

#[test]
fn a_body_dripping_one_byte_at_a_time_is_cut_by_the_timeout() {
    let server = RawServer::start(slow_drip);
    let started = Instant::now();
    let client = Client::new(limits(Duration::from_millis(500)), Vec::new());
    let ex = client.send("GET", &server.url(), &[]).unwrap();
    eprintln!("slow drip: {:?}", started.elapsed());
    assert!(ex.body_truncated);
    assert!(ex.body.len() < 100_000);
}

/// Answers `/` with a small page; every other request (exposure paths, the upload, the burst)
/// is read and never answered.
fn page_then_silence(mut stream: TcpStream) {
    let mut buf = [0u8; 4096];
    let _ = stream.set_read_timeout(Some(Duration::from_secs(5)));
    let n = stream.read(&mut buf).unwrap_or(0);
    let request = String::from_utf8_lossy(&buf[..n]);
    if request.starts_with("GET / ") || request.starts_with("TRACE / ") {
        let body = "<html><body>home</body></html>";
        let answer = format!(
            "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
            body.len()
        );
        let _ = stream.write_all(answer.as_bytes());
        return;
    }
    silent(stream);
}

#[test]
fn origin_checks_a_server_stops_answering_are_each_not_checked() {
    let server = RawServer::start(page_then_silence);
    let report = probe(&[server.url()], Duration::from_millis(500));
    // The page itself was judged.
    assert!(has(&report, "PRB005", ""), "{:#?}", lines(&report));
    // No exposure or body-limit finding comes from answers that never came (the burst's GETs
    // of the page are answered, so the burst is judged).
    for code in ["PRB029", "PRB033", "PRB035", "PRB040"] {
        assert!(!has(&report, code, ""), "{code}: {:#?}", lines(&report));
    }
    // Each check that could not be made says so.
    let said = |needle: &str| report.warnings.iter().any(|w| w.contains(needle));
    assert!(
        said("exposed files and debug pages not checked"),
        "{:#?}",
        report.warnings
    );
    assert!(
        said("body size limit not checked"),
        "{:#?}",
        report.warnings
    );
}

#[test]
fn origin_checks_read_endless_answers_only_up_to_their_caps() {
    let server = RawServer::start(endless_chunked);
    let report = probe(&[server.url()], Duration::from_secs(2));
    // Every page is the same endless page: the soft-404 comparison rules every path out.
    for code in ["PRB029", "PRB033", "PRB034", "PRB035", "PRB036", "PRB037"] {
        assert!(!has(&report, code, ""), "{code}: {:#?}", lines(&report));
    }
    assert!(report.errors.is_empty(), "{:?}", report.errors);
}

/// Reads one request head (up to the blank line); returns it.
fn request_head(stream: &mut TcpStream) -> String {
    let _ = stream.set_read_timeout(Some(Duration::from_secs(5)));
    let mut head = Vec::new();
    let mut byte = [0u8; 1];
    while !head.ends_with(b"\r\n\r\n") && head.len() < 65536 {
        match stream.read(&mut byte) {
            Ok(1) => head.push(byte[0]),
            _ => break,
        }
    }
    String::from_utf8_lossy(&head).into_owned()
}

fn page(stream: &mut TcpStream) {
    let body = "<html><body>home</body></html>";
    let answer = format!(
        "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    let _ = stream.write_all(answer.as_bytes());
}

/// Refuses an upload with 413 as soon as its head arrives, then keeps the connection open
/// and silent (as nginx's lingering close does).
fn refuses_uploads_and_lingers(mut stream: TcpStream) {
    let head = request_head(&mut stream);
    if head.starts_with("POST ") {
        let _ = stream.write_all(
            b"HTTP/1.1 413 Request Entity Too Large\r\nContent-Length: 9\r\n\r\ntoo large",
        );
        silent(stream);
    } else {
        page(&mut stream);
    }
}

/// Says `100 Continue` to an upload, reads all of it, and accepts it.
fn accepts_uploads(mut stream: TcpStream) {
    let head = request_head(&mut stream);
    if head.starts_with("POST ") {
        let len: u64 = head
            .lines()
            .find_map(|l| {
                l.to_ascii_lowercase()
                    .strip_prefix("content-length:")
                    .map(|v| v.trim().parse().unwrap())
            })
            .unwrap();
        let _ = stream.write_all(b"HTTP/1.1 100 Continue\r\n\r\n");
        let got = std::io::copy(&mut (&mut stream).take(len), &mut std::io::sink()).unwrap_or(0);
        let answer = format!(
            "HTTP/1.1 200 OK\r\nContent-Length: {}\r\n\r\n{got}",
            got.to_string().len()
        );
        let _ = stream.write_all(answer.as_bytes());
    } else {
        page(&mut stream);
    }
}

#[test]
fn an_upload_refused_at_once_is_a_pass_even_when_the_server_lingers() {
    let server = RawServer::start(refuses_uploads_and_lingers);
    let report = probe(&[server.url()], Duration::from_secs(2));
    assert!(!has(&report, "PRB040", ""), "{:#?}", lines(&report));
    assert!(
        !report
            .warnings
            .iter()
            .any(|w| w.contains("body size limit")),
        "{:#?}",
        report.warnings
    );
}

#[test]
fn an_upload_taken_in_full_is_reported() {
    let server = RawServer::start(accepts_uploads);
    let report = probe(&[server.url()], Duration::from_secs(10));
    assert!(
        has(
            &report,
            "PRB040",
            "a 10 MiB + 1 byte body was answered 200 instead of 413"
        ),
        "{:#?} {:#?}",
        lines(&report),
        report.warnings
    );
}

/// Answers an upload with `100 Continue` and the final `200` in one write, without reading the
/// body, then closes (nginx does this for a `return 200` location).
fn continue_and_answer_at_once(mut stream: TcpStream) {
    let head = request_head(&mut stream);
    if head.starts_with("POST ") {
        let _ = stream.write_all(
            b"HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok",
        );
    } else {
        page(&mut stream);
    }
}

#[test]
fn an_answer_in_the_same_segment_as_100_continue_is_read() {
    let server = RawServer::start(continue_and_answer_at_once);
    for _ in 0..5 {
        let report = probe(&[server.url()], Duration::from_secs(5));
        assert!(
            has(
                &report,
                "PRB040",
                "a 10 MiB + 1 byte body was answered 200 instead of 413"
            ),
            "{:#?} {:#?}",
            lines(&report),
            report.warnings
        );
    }
}

//! `db serve` under hostile clients, over raw TCP on 127.0.0.1: oversized bodies and heads,
//! request-smuggling framings, slowloris, clients that never read, connection floods and huge
//! batches. Every test uses short server deadlines and client-side timeouts, so it ends by
//! itself; none asserts on elapsed time.

mod common;

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::sync::Arc;
use std::time::Duration;

use pyward_advisory::server::{self, MAX_BATCH_QUERIES, ServerHandle, ServerOptions};
use serde_json::{Value, json};

/// A client-side safety net: no test can hang on a socket.
const CLIENT_TIMEOUT: Duration = Duration::from_secs(60);

fn start(options: ServerOptions) -> (tempfile::TempDir, ServerHandle) {
    let tmp = tempfile::tempdir().unwrap();
    let db = Arc::new(common::fixture_db(tmp.path()));
    let handle = server::spawn(db, "127.0.0.1:0", options).unwrap();
    (tmp, handle)
}

fn short_deadlines() -> ServerOptions {
    ServerOptions {
        idle_timeout: Duration::from_secs(2),
        header_timeout: Duration::from_secs(1),
        body_timeout: Duration::from_secs(1),
        write_timeout: Duration::from_secs(1),
        ..ServerOptions::default()
    }
}

fn connect(addr: SocketAddr) -> TcpStream {
    let s = TcpStream::connect(addr).unwrap();
    s.set_read_timeout(Some(CLIENT_TIMEOUT)).unwrap();
    s.set_write_timeout(Some(CLIENT_TIMEOUT)).unwrap();
    s
}

/// Sends raw bytes, reads until the server closes; returns (status, JSON body) of the first
/// response.
fn raw(addr: SocketAddr, request: &[u8]) -> (u16, Value) {
    let mut s = connect(addr);
    s.write_all(request).unwrap();
    read_response(&mut s)
}

fn read_response(s: &mut TcpStream) -> (u16, Value) {
    try_read_response(s).unwrap_or_else(|| panic!("no response"))
}

/// The first response, or `None` when the connection ended without one.
fn try_read_response(s: &mut TcpStream) -> Option<(u16, Value)> {
    let mut response = Vec::new();
    let _ = s.read_to_end(&mut response);
    let text = String::from_utf8_lossy(&response);
    let (head, payload) = text.split_once("\r\n\r\n")?;
    let status: u16 = head.split_whitespace().nth(1).unwrap().parse().unwrap();
    let length: usize = head
        .lines()
        .find_map(|l| {
            l.to_ascii_lowercase()
                .strip_prefix("content-length:")
                .map(|v| v.trim().parse().unwrap())
        })
        .unwrap();
    let body: Value =
        serde_json::from_str(&payload[..length]).unwrap_or_else(|e| panic!("{e}: {payload}"));
    Some((status, body))
}

/// A normal query on a fresh connection; `None` if the connection ended without a response.
fn try_normal_query(addr: SocketAddr) -> Option<(u16, Value)> {
    let body =
        json!({"package": {"name": "other", "ecosystem": "PyPI"}, "version": "1.0"}).to_string();
    let request = format!(
        "POST /v1/query HTTP/1.1\r\nHost: x\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    let mut s = connect(addr);
    let _ = s.write_all(request.as_bytes());
    try_read_response(&mut s)
}

/// A normal query on a fresh connection; must be answered.
fn normal_query(addr: SocketAddr) -> (u16, Value) {
    let body =
        json!({"package": {"name": "other", "ecosystem": "PyPI"}, "version": "1.0"}).to_string();
    let request = format!(
        "POST /v1/query HTTP/1.1\r\nHost: x\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    raw(addr, request.as_bytes())
}

fn assert_normal_query_works(addr: SocketAddr) {
    let (status, body) = normal_query(addr);
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["vulns"][0]["id"], "TEST-2024-4");
}

#[test]
fn oversized_bodies_are_413_without_being_read() {
    let (_tmp, handle) = start(short_deadlines());
    let addr = handle.addr();
    // Six concurrent 64 MB declarations: each is refused from its head alone.
    let threads: Vec<_> = (0..6)
        .map(|_| {
            std::thread::spawn(move || {
                raw(
                    addr,
                    b"POST /v1/querybatch HTTP/1.1\r\nHost: x\r\nContent-Length: 67108864\r\n\r\n{\"queries\":[",
                )
            })
        })
        .collect();
    for t in threads {
        let (status, body) = t.join().unwrap();
        assert_eq!(status, 413, "{body}");
        assert!(
            body["message"]
                .as_str()
                .unwrap()
                .contains("4194304-byte limit"),
            "{body}"
        );
    }
    assert_normal_query_works(addr);
    handle.shutdown();
}

#[test]
fn body_memory_is_budgeted_across_connections() {
    let (_tmp, handle) = start(ServerOptions {
        body_budget: 1500,
        // Long enough that the stalled body below stays reserved while others are refused.
        body_timeout: Duration::from_secs(5),
        ..short_deadlines()
    });
    let addr = handle.addr();
    // The first client reserves 1000 bytes and stalls mid-body; a second 1000-byte body then
    // finds the budget spent. On a loaded machine the second request can be read before the
    // stalled one's head and take the budget first: then the scenario starts over.
    let second = format!(
        "POST /v1/query HTTP/1.1\r\nHost: x\r\nContent-Length: 1000\r\nConnection: close\r\n\r\n{}",
        " ".repeat(1000)
    );
    let mut refused = None;
    for _ in 0..20 {
        let mut stalled = connect(addr);
        stalled
            .write_all(b"POST /v1/query HTTP/1.1\r\nHost: x\r\nContent-Length: 1000\r\n\r\n{")
            .unwrap();
        std::thread::sleep(Duration::from_millis(100));
        let (status, body) = raw(addr, second.as_bytes());
        if status == 503 {
            refused = Some((stalled, body));
            break;
        }
    }
    let (mut stalled, body) = refused.expect("a second 1000-byte body was never refused");
    assert!(
        body["message"].as_str().unwrap().contains("server busy"),
        "{body}"
    );
    // The stalled body times out (408) and its reservation is released.
    let (status, _) = read_response(&mut stalled);
    assert_eq!(status, 408);
    assert_normal_query_works(addr);
    handle.shutdown();
}

#[test]
fn ambiguous_framing_is_rejected() {
    let (_tmp, handle) = start(short_deadlines());
    let addr = handle.addr();
    let cases: &[(&str, u16, &str)] = &[
        (
            "Content-Length: 2\r\nContent-Length: 2\r\n",
            400,
            "more than one Content-Length",
        ),
        (
            "Content-Length: 2\r\nContent-Length: 5\r\n",
            400,
            "more than one Content-Length",
        ),
        ("Content-Length: 2, 2\r\n", 400, "invalid Content-Length"),
        ("Content-Length: +2\r\n", 400, "invalid Content-Length"),
        ("Content-Length: -1\r\n", 400, "invalid Content-Length"),
        (
            "Content-Length: 99999999999999999999999\r\n",
            400,
            "invalid Content-Length",
        ),
        ("Content-Length : 2\r\n", 400, "malformed header name"),
        (
            "Transfer-Encoding: chunked\r\nContent-Length: 2\r\n",
            400,
            "Transfer-Encoding together",
        ),
        (
            "Content-Length: 2\r\nTransfer-Encoding: chunked\r\n",
            400,
            "Transfer-Encoding together",
        ),
        ("Transfer-Encoding: chunked\r\n", 411, "chunked"),
        ("X-A: 1\r\n folded\r\nContent-Length: 2\r\n", 400, "folding"),
    ];
    for (headers, want, words) in cases {
        let request = format!("POST /v1/query HTTP/1.1\r\nHost: x\r\n{headers}\r\n{{}}");
        let (status, body) = raw(addr, request.as_bytes());
        assert_eq!(status, *want, "{headers:?}: {body}");
        let message = body["message"].as_str().unwrap();
        assert!(message.contains(words), "{headers:?}: {message}");
    }
    assert_normal_query_works(addr);
    handle.shutdown();
}

#[test]
fn oversized_heads_are_431() {
    let (_tmp, handle) = start(short_deadlines());
    let addr = handle.addr();
    let many: String = (0..101).map(|i| format!("X-H{i}: v\r\n")).collect();
    let (status, body) = raw(
        addr,
        format!("GET /v1/vulns/TEST-2024-1 HTTP/1.1\r\n{many}\r\n").as_bytes(),
    );
    assert_eq!(status, 431, "{body}");
    assert!(
        body["message"]
            .as_str()
            .unwrap()
            .contains("100 header lines"),
        "{body}"
    );
    let long = format!(
        "GET /v1/vulns/TEST-2024-1 HTTP/1.1\r\nX-Long: {}\r\n\r\n",
        "a".repeat(40_000)
    );
    let (status, body) = raw(addr, long.as_bytes());
    assert_eq!(status, 431, "{body}");
    let long_line = format!("GET /{} HTTP/1.1\r\n\r\n", "a".repeat(40_000));
    assert_eq!(raw(addr, long_line.as_bytes()).0, 431);
    // Just under the limits is fine.
    let ok: String = (0..100).map(|i| format!("X-H{i}: v\r\n")).collect();
    let (status, _) = raw(
        addr,
        format!(
            "GET /v1/vulns/TEST-2024-1 HTTP/1.1\r\nConnection: close\r\n{}\r\n",
            &ok[..ok.len() - "X-H99: v\r\n".len()]
        )
        .as_bytes(),
    );
    assert_eq!(status, 200);
    handle.shutdown();
}

#[test]
fn batches_are_limited_to_the_osv_maximum() {
    let (_tmp, handle) = start(short_deadlines());
    let addr = handle.addr();
    let query = json!({"package": {"name": "demo-pkg", "ecosystem": "PyPI"}, "version": "1.1"});
    let post = |n: usize| {
        let body = json!({"queries": vec![query.clone(); n]}).to_string();
        raw(
            addr,
            format!(
                "POST /v1/querybatch HTTP/1.1\r\nHost: x\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
                body.len()
            )
            .as_bytes(),
        )
    };
    let (status, body) = post(MAX_BATCH_QUERIES);
    assert_eq!(status, 200);
    assert_eq!(body["results"].as_array().unwrap().len(), MAX_BATCH_QUERIES);
    let (status, body) = post(MAX_BATCH_QUERIES + 1);
    assert_eq!(status, 400, "{body}");
    assert!(
        body["message"]
            .as_str()
            .unwrap()
            .contains("more than 1000 queries"),
        "{body}"
    );
    // The 100k-query batch of the report (7 MB) is refused from its head: over the body limit.
    let size = json!({"queries": vec![query.clone(); 100_000]})
        .to_string()
        .len();
    let head = format!("POST /v1/querybatch HTTP/1.1\r\nHost: x\r\nContent-Length: {size}\r\n\r\n");
    assert_eq!(raw(addr, head.as_bytes()).0, 413);
    handle.shutdown();
}

#[test]
fn slowloris_heads_are_cut_off_by_a_total_deadline() {
    let (_tmp, handle) = start(short_deadlines());
    let addr = handle.addr();
    let mut s = connect(addr);
    // One byte every 200 ms, from another thread: every read succeeds, but the head never
    // completes within the 1 s header deadline.
    let mut writer = s.try_clone().unwrap();
    let trickle = std::thread::spawn(move || {
        let head = b"GET /v1/vulns/TEST-2024-1 HTTP/1.1\r\nX-Slow: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
        for b in head {
            if writer.write_all(&[*b]).is_err() {
                return true;
            }
            std::thread::sleep(Duration::from_millis(200));
        }
        false
    });
    let mut response = Vec::new();
    let _ = s.read_to_end(&mut response);
    let text = String::from_utf8_lossy(&response);
    assert!(text.starts_with("HTTP/1.1 408 "), "{text:?}");
    drop(s);
    let _ = trickle.join();
    handle.shutdown();
}

#[test]
fn a_thousand_idle_connections_do_not_starve_others() {
    let (_tmp, handle) = start(ServerOptions {
        // Long deadlines: the idle connections stay open for the whole test.
        header_timeout: Duration::from_secs(60),
        idle_timeout: Duration::from_secs(60),
        ..ServerOptions::default()
    });
    let addr = handle.addr();
    let mut idle = Vec::new();
    for i in 0..1000 {
        let mut s = connect(addr);
        // Half send a partial request line (slowloris), half send nothing.
        if i % 2 == 0 {
            s.write_all(b"GET /v1/vu").unwrap();
        }
        idle.push(s);
    }
    for _ in 0..5 {
        assert_normal_query_works(addr);
    }
    drop(idle);
    handle.shutdown();
}

#[test]
fn the_connection_cap_answers_503_and_recovers() {
    let (_tmp, handle) = start(ServerOptions {
        max_connections: 4,
        ..short_deadlines()
    });
    let addr = handle.addr();
    let idle: Vec<TcpStream> = (0..4).map(|_| connect(addr)).collect();
    // The fifth is refused (retry until the server has accounted for the four).
    let mut refused = false;
    for _ in 0..100 {
        let Some((status, body)) = try_normal_query(addr) else {
            continue;
        };
        if status == 503 {
            assert!(
                body["message"]
                    .as_str()
                    .unwrap()
                    .contains("too many connections")
            );
            refused = true;
            break;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    assert!(refused, "the connection cap never applied");
    drop(idle);
    // Once they close, queries are answered again.
    let mut answered = false;
    for _ in 0..200 {
        if try_normal_query(addr).is_some_and(|(status, _)| status == 200) {
            answered = true;
            break;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    assert!(
        answered,
        "the server never recovered after idle clients left"
    );
    handle.shutdown();
}

#[test]
fn clients_that_never_read_are_disconnected_and_others_served() {
    let (_tmp, handle) = start(ServerOptions {
        max_connections: 8,
        ..short_deadlines()
    });
    let addr = handle.addr();
    // Each pipelines thousands of requests for a full record and never reads a byte, so the
    // server's writes block once the socket buffers fill.
    let request = b"GET /v1/vulns/TEST-2024-1 HTTP/1.1\r\nHost: x\r\n\r\n";
    let hogs: Vec<_> = (0..4)
        .map(|_| {
            std::thread::spawn(move || {
                let mut s = connect(addr);
                s.set_write_timeout(Some(Duration::from_secs(5))).unwrap();
                let burst: Vec<u8> = request.repeat(20_000);
                let _ = s.write_all(&burst);
                s
            })
        })
        .collect();
    let hogs: Vec<TcpStream> = hogs.into_iter().map(|t| t.join().unwrap()).collect();
    assert_normal_query_works(addr);
    // The server gave up on each hog at its write deadline and closed it: reading now drains
    // what was sent and ends (EOF or reset) instead of waiting forever.
    for mut s in hogs {
        let mut sink = Vec::new();
        let result = s.read_to_end(&mut sink);
        if let Err(e) = &result {
            assert_ne!(
                e.kind(),
                std::io::ErrorKind::WouldBlock,
                "hog never disconnected"
            );
            assert_ne!(
                e.kind(),
                std::io::ErrorKind::TimedOut,
                "hog never disconnected"
            );
        }
    }
    // With the hogs gone, the cap (8) has room again.
    for _ in 0..8 {
        assert_normal_query_works(addr);
    }
    handle.shutdown();
}

#[test]
fn deeply_nested_bodies_are_400_not_a_crash() {
    let (_tmp, handle) = start(short_deadlines());
    let addr = handle.addr();
    for (path, body) in [
        (
            "/v1/query",
            format!("{{\"x\":{}{}}}", "[".repeat(100_000), "]".repeat(100_000)),
        ),
        (
            "/v1/querybatch",
            format!(
                "{{\"queries\":[{{\"package\":{{\"name\":\"a\",\"x\":{}{}}}}}]}}",
                "{\"a\":".repeat(50_000),
                "}".repeat(50_000)
            ),
        ),
    ] {
        let request = format!(
            "POST {path} HTTP/1.1\r\nHost: x\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
            body.len()
        );
        let (status, body) = raw(addr, request.as_bytes());
        // Skipped without recursion (then "no package"), or refused at serde_json's depth
        // limit: either way a 400, and the connection thread survives.
        assert_eq!(status, 400, "{path}: {body}");
        assert!(!body["message"].as_str().unwrap().is_empty(), "{body}");
    }
    assert_normal_query_works(addr);
    handle.shutdown();
}

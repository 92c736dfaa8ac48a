//! An OSV-API-compatible HTTP mirror over a [`Database`] (`pyward db serve`).
//!
//! Endpoints (see <https://google.github.io/osv.dev/api/>):
//! - `POST /v1/query` — `{"package":{"name","ecosystem":"PyPI"}|{"purl"},"version"}` or
//!   `{"commit"}` → `{"vulns":[<full OSV records>]}`, or `{}` when none;
//! - `POST /v1/querybatch` — `{"queries":[...]}` → `{"results":[{"vulns":[{"id","modified"}]}]}`
//!   in query order, paged with `next_page_token` / `page_token`;
//! - `GET /v1/vulns/{id}` — the full record, or a 404 JSON error.
//!
//! Matching is exact PEP 440 and excludes withdrawn advisories. A doubled `/v1/v1/` prefix (from
//! clients that join a base URL ending in `/v1/`) and trailing slashes are tolerated.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::thread::JoinHandle;
use std::time::Duration;

use serde_json::{Value, json};

use crate::{Advisory, AdvisoryError, Database};

const MAX_BODY: u64 = 64 * 1024 * 1024;

/// Server settings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ServerOptions {
    /// Most connections served at once (one thread each); more are refused with 503.
    pub workers: usize,
    /// Most vulnerabilities returned in one response (across all results of a batch); the rest
    /// is paged with `next_page_token`.
    pub page_size: usize,
}

impl Default for ServerOptions {
    fn default() -> Self {
        ServerOptions {
            workers: 64,
            page_size: 1000,
        }
    }
}

/// A running server; stop it with [`ServerHandle::shutdown`].
pub struct ServerHandle {
    addr: SocketAddr,
    stop: Arc<AtomicBool>,
    acceptor: Option<JoinHandle<()>>,
}

impl ServerHandle {
    /// The address the server listens on (with the real port when bound to port 0).
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// Stops accepting connections and waits for the accept loop to end. Connections being
    /// served finish their current request.
    pub fn shutdown(mut self) {
        self.stop.store(true, Ordering::SeqCst);
        // Wake the blocking accept.
        let _ = TcpStream::connect_timeout(&self.addr, Duration::from_secs(1));
        if let Some(acceptor) = self.acceptor.take() {
            let _ = acceptor.join();
        }
    }

    /// Blocks until the server stops (it only stops through [`ServerHandle::shutdown`] from
    /// another handle owner, so this normally blocks forever).
    pub fn join(mut self) {
        if let Some(acceptor) = self.acceptor.take() {
            let _ = acceptor.join();
        }
    }
}

/// Starts a server on `addr` in background threads: an accept loop and one thread per
/// connection (HTTP/1.1 with keep-alive). A local mirror sees a handful of clients, each with
/// a burst of parallel requests; a thread per connection answers every one of them at once.
pub fn spawn(
    db: Arc<Database>,
    addr: &str,
    options: ServerOptions,
) -> Result<ServerHandle, AdvisoryError> {
    let serve_err = |message: String| AdvisoryError::Serve {
        addr: addr.to_owned(),
        message,
    };
    let listener = TcpListener::bind(addr).map_err(|e| serve_err(e.to_string()))?;
    let bound = listener
        .local_addr()
        .map_err(|e| serve_err(e.to_string()))?;
    let stop = Arc::new(AtomicBool::new(false));
    let active = Arc::new(AtomicUsize::new(0));
    let acceptor = {
        let stop = Arc::clone(&stop);
        std::thread::Builder::new()
            .name("pyward-serve-accept".into())
            .spawn(move || {
                for stream in listener.incoming() {
                    if stop.load(Ordering::SeqCst) {
                        break;
                    }
                    let Ok(mut stream) = stream else { continue };
                    if active.load(Ordering::SeqCst) >= options.workers.max(1) {
                        let (status, text) = error(503, "too many connections");
                        let _ = write_response(&mut stream, status, &text, false);
                        continue;
                    }
                    active.fetch_add(1, Ordering::SeqCst);
                    let db = Arc::clone(&db);
                    let conn_active = Arc::clone(&active);
                    let spawned = std::thread::Builder::new()
                        .name("pyward-serve-conn".into())
                        .spawn(move || {
                            serve_connection(stream, &db, options);
                            conn_active.fetch_sub(1, Ordering::SeqCst);
                        });
                    if spawned.is_err() {
                        // The thread never started, so its decrement will not run.
                        active.fetch_sub(1, Ordering::SeqCst);
                    }
                }
            })
            .map_err(|e| serve_err(e.to_string()))?
    };
    Ok(ServerHandle {
        addr: bound,
        stop,
        acceptor: Some(acceptor),
    })
}

/// Longest request line or header line accepted.
const MAX_LINE: u64 = 16 * 1024;
/// Most header lines accepted in one request.
const MAX_HEADERS: usize = 100;
/// How long a kept-alive connection may stay silent.
const IDLE_TIMEOUT: Duration = Duration::from_secs(30);

/// Answers requests on one connection until the client closes it, asks to, or misbehaves.
fn serve_connection(stream: TcpStream, db: &Database, options: ServerOptions) {
    let _ = stream.set_read_timeout(Some(IDLE_TIMEOUT));
    let _ = stream.set_nodelay(true);
    let Ok(read_half) = stream.try_clone() else {
        return;
    };
    let mut reader = BufReader::new(read_half);
    let mut writer = stream;
    loop {
        let request = match read_request(&mut reader) {
            Ok(Some(request)) => request,
            Ok(None) => return,
            Err((status, message)) => {
                let (status, text) = error(status, &message);
                let _ = write_response(&mut writer, status, &text, false);
                return;
            }
        };
        if request.expect_continue {
            let _ = writer.write_all(b"HTTP/1.1 100 Continue\r\n\r\n");
        }
        let mut body = vec![0u8; request.content_length];
        if reader.read_exact(&mut body).is_err() {
            return;
        }
        let (status, text) = handle(db, options, &request.method, &request.target, &body);
        if write_response(&mut writer, status, &text, request.keep_alive).is_err()
            || !request.keep_alive
        {
            return;
        }
    }
}

struct RequestHead {
    method: String,
    target: String,
    content_length: usize,
    keep_alive: bool,
    expect_continue: bool,
}

/// One line, without its line ending; `Ok(None)` at a clean end of stream.
fn read_line(reader: &mut impl BufRead) -> Result<Option<String>, (u16, String)> {
    let mut line = Vec::new();
    let n = reader
        .take(MAX_LINE)
        .read_until(b'\n', &mut line)
        .map_err(|e| (400, format!("cannot read request: {e}")))?;
    if n == 0 {
        return Ok(None);
    }
    if !line.ends_with(b"\n") {
        return Err((431, "request line or header too long".into()));
    }
    while line.last().is_some_and(|b| *b == b'\n' || *b == b'\r') {
        line.pop();
    }
    String::from_utf8(line)
        .map(Some)
        .map_err(|_| (400, "request head is not UTF-8".into()))
}

/// Reads a request line and headers; `Ok(None)` when the client closed the connection.
fn read_request(reader: &mut impl BufRead) -> Result<Option<RequestHead>, (u16, String)> {
    let line = loop {
        match read_line(reader)? {
            None => return Ok(None),
            // Tolerate stray empty lines between requests (RFC 9112 §2.2).
            Some(l) if l.is_empty() => continue,
            Some(l) => break l,
        }
    };
    let mut parts = line.split(' ');
    let (Some(method), Some(target), Some(version), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err((400, format!("malformed request line {line:?}")));
    };
    let http11 = match version {
        "HTTP/1.1" => true,
        "HTTP/1.0" => false,
        _ => return Err((505, format!("unsupported protocol {version:?}"))),
    };
    let mut head = RequestHead {
        method: method.to_string(),
        target: target.to_string(),
        content_length: 0,
        keep_alive: http11,
        expect_continue: false,
    };
    for _ in 0..=MAX_HEADERS {
        let Some(line) = read_line(reader)? else {
            return Ok(None);
        };
        if line.is_empty() {
            return Ok(Some(head));
        }
        let Some((name, value)) = line.split_once(':') else {
            return Err((400, format!("malformed header {line:?}")));
        };
        let value = value.trim();
        match name.trim().to_ascii_lowercase().as_str() {
            "content-length" => {
                let len: u64 = value
                    .parse()
                    .map_err(|_| (400, format!("invalid Content-Length {value:?}")))?;
                if len > MAX_BODY {
                    return Err((413, "request body too large".into()));
                }
                head.content_length = len as usize;
            }
            "transfer-encoding" => {
                return Err((
                    411,
                    "chunked request bodies are not supported; send Content-Length".into(),
                ));
            }
            "connection" => {
                let v = value.to_ascii_lowercase();
                if v.contains("close") {
                    head.keep_alive = false;
                } else if v.contains("keep-alive") {
                    head.keep_alive = true;
                }
            }
            "expect" => head.expect_continue = value.eq_ignore_ascii_case("100-continue"),
            _ => {}
        }
    }
    Err((431, "too many header lines".into()))
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        400 => "Bad Request",
        404 => "Not Found",
        405 => "Method Not Allowed",
        411 => "Length Required",
        413 => "Payload Too Large",
        431 => "Request Header Fields Too Large",
        503 => "Service Unavailable",
        505 => "HTTP Version Not Supported",
        _ => "Error",
    }
}

fn write_response(
    out: &mut impl Write,
    status: u16,
    body: &str,
    keep_alive: bool,
) -> std::io::Result<()> {
    let head = format!(
        "HTTP/1.1 {status} {}\r\nServer: pyward\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: {}\r\n\r\n",
        reason(status),
        body.len(),
        if keep_alive { "keep-alive" } else { "close" }
    );
    out.write_all(head.as_bytes())?;
    out.write_all(body.as_bytes())?;
    out.flush()
}

/// Serves `db` on `addr` until the process ends. `on_ready` is called with the bound address
/// once the server accepts connections.
pub fn serve(
    db: Arc<Database>,
    addr: &str,
    on_ready: impl FnOnce(SocketAddr),
) -> Result<(), AdvisoryError> {
    let handle = spawn(db, addr, ServerOptions::default())?;
    on_ready(handle.addr());
    handle.join();
    Ok(())
}

/// Answers one request: returns the HTTP status and the JSON body. Exposed for in-process use.
pub fn handle(
    db: &Database,
    options: ServerOptions,
    method: &str,
    url: &str,
    body: &[u8],
) -> (u16, String) {
    let mut path = url.split(['?', '#']).next().unwrap_or("");
    while let Some(rest) = path.strip_prefix("/v1/v1/") {
        path = &path[path.len() - rest.len() - 4..];
    }
    let path = if path.len() > 1 {
        path.trim_end_matches('/')
    } else {
        path
    };
    match (method, path) {
        ("POST", "/v1/query") => match serde_json::from_slice::<Value>(body) {
            Ok(query) => query_one(db, options, &query),
            Err(e) => error(400, &format!("invalid JSON: {e}")),
        },
        ("POST", "/v1/querybatch") => match serde_json::from_slice::<Value>(body) {
            Ok(batch) => query_batch(db, options, &batch),
            Err(e) => error(400, &format!("invalid JSON: {e}")),
        },
        ("GET", p) if p.starts_with("/v1/vulns/") => {
            let id = percent_decode(&p["/v1/vulns/".len()..]);
            match db.raw_json(&id) {
                Some(raw) => (200, raw.to_owned()),
                None => error(404, &format!("vulnerability {id} not found")),
            }
        }
        (_, "/v1/query" | "/v1/querybatch") => error(405, "use POST"),
        (_, p) if p.starts_with("/v1/vulns/") => error(405, "use GET"),
        _ => error(404, &format!("no such endpoint: {path}")),
    }
}

/// An OSV-style JSON error (`code` is the gRPC status code, as OSV returns).
fn error(status: u16, message: &str) -> (u16, String) {
    let code = match status {
        400 => 3,
        404 => 5,
        405 => 12,
        _ => 13,
    };
    (
        status,
        json!({"code": code, "message": message}).to_string(),
    )
}

/// The advisories a query asks for, or an error message.
fn resolve(db: &Database, query: &Value) -> Result<Vec<Advisory>, String> {
    if !query.is_object() {
        return Err("a query must be a JSON object".into());
    }
    let text = |v: &Value, key: &str| -> Result<Option<String>, String> {
        match v.get(key) {
            None | Some(Value::Null) => Ok(None),
            Some(Value::String(s)) => Ok(Some(s.clone())),
            Some(_) => Err(format!("`{key}` must be a string")),
        }
    };
    let mut version = text(query, "version")?.filter(|v| !v.is_empty());
    let package = match query.get("package") {
        None | Some(Value::Null) => None,
        Some(p) if p.is_object() => Some(p),
        Some(_) => return Err("`package` must be an object".into()),
    };
    let Some(package) = package else {
        return if text(query, "commit")?.is_some() {
            Ok(Vec::new())
        } else {
            Err("a query needs a `package` or a `commit`".into())
        };
    };
    let name = if let Some(purl) = text(package, "purl")? {
        let Some(rest) = purl.strip_prefix("pkg:pypi/") else {
            return Ok(Vec::new());
        };
        let rest = rest.split(['?', '#']).next().unwrap_or("");
        let (name, purl_version) = match rest.split_once('@') {
            Some((n, v)) => (n, Some(percent_decode(v))),
            None => (rest, None),
        };
        if version.is_none() {
            version = purl_version;
        }
        percent_decode(name)
    } else {
        let ecosystem = text(package, "ecosystem")?.unwrap_or_else(|| "PyPI".into());
        if !ecosystem.eq_ignore_ascii_case("pypi") {
            return Ok(Vec::new());
        }
        text(package, "name")?.ok_or("`package` needs a `name` or a `purl`")?
    };
    let found = match version {
        Some(v) => db.query(&name, &v),
        None => db
            .advisories_for(&name)
            .map(|all| all.into_iter().filter(|a| !a.is_withdrawn()).collect()),
    };
    let mut found = found.map_err(|e| e.to_string())?;
    found.sort_by(|a, b| a.id.cmp(&b.id));
    found.dedup_by(|a, b| a.id == b.id);
    Ok(found)
}

fn page_start(query: &Value) -> Result<usize, String> {
    match query.get("page_token") {
        None | Some(Value::Null) => Ok(0),
        Some(Value::String(s)) if s.is_empty() => Ok(0),
        Some(Value::String(s)) => s.parse().map_err(|_| format!("invalid page_token {s:?}")),
        Some(_) => Err("`page_token` must be a string".into()),
    }
}

fn query_one(db: &Database, options: ServerOptions, query: &Value) -> (u16, String) {
    let (found, start) = match resolve(db, query).and_then(|f| Ok((f, page_start(query)?))) {
        Ok(x) => x,
        Err(message) => return error(400, &message),
    };
    let end = found
        .len()
        .min(start.saturating_add(options.page_size.max(1)));
    let page = found.get(start..end).unwrap_or(&[]);
    if page.is_empty() {
        return (200, "{}".into());
    }
    let mut out = String::from("{\"vulns\":[");
    for (i, adv) in page.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        match db.raw_json(&adv.id) {
            Some(raw) => out.push_str(raw),
            None => out.push_str(&json!({"id": adv.id, "modified": adv.modified}).to_string()),
        }
    }
    out.push(']');
    if end < found.len() {
        out.push_str(&format!(",\"next_page_token\":{}", json!(end.to_string())));
    }
    out.push('}');
    (200, out)
}

fn query_batch(db: &Database, options: ServerOptions, batch: &Value) -> (u16, String) {
    let Some(queries) = batch.get("queries").and_then(Value::as_array) else {
        return error(400, "expected {\"queries\": [...]}");
    };
    let mut budget = options.page_size.max(1);
    let mut results = Vec::with_capacity(queries.len());
    for (i, query) in queries.iter().enumerate() {
        let (found, start) = match resolve(db, query).and_then(|f| Ok((f, page_start(query)?))) {
            Ok(x) => x,
            Err(message) => return error(400, &format!("query {i}: {message}")),
        };
        let remaining = found.len().saturating_sub(start);
        let take = remaining.min(budget);
        budget -= take;
        let mut result = serde_json::Map::new();
        if take > 0 {
            let vulns: Vec<Value> = found[start..start + take]
                .iter()
                .map(|a| json!({"id": a.id, "modified": a.modified}))
                .collect();
            result.insert("vulns".into(), Value::Array(vulns));
        }
        if take < remaining {
            result.insert(
                "next_page_token".into(),
                Value::String((start + take).to_string()),
            );
        }
        results.push(Value::Object(result));
    }
    (200, json!({ "results": results }).to_string())
}

fn percent_decode(text: &str) -> String {
    let hex = |b: u8| (b as char).to_digit(16);
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && i + 2 < bytes.len()
            && let (Some(h), Some(l)) = (hex(bytes[i + 1]), hex(bytes[i + 2]))
        {
            out.push((h * 16 + l) as u8);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

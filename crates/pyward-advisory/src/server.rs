//! An OSV-API-compatible HTTP mirror over a [`Database`] (`pyward db serve`).
//!
//! Endpoints (see <https://google.github.io/osv.dev/api/>):
//! - `POST /v1/query` — `{"package":{"name","ecosystem":"PyPI"}|{"purl"},"version"}` or
//!   `{"commit"}` → `{"vulns":[<full OSV records>]}`, or `{}` when none;
//! - `POST /v1/querybatch` — `{"queries":[...]}` → `{"results":[{"vulns":[{"id","modified"}]}]}`
//!   in query order, paged with `next_page_token` / `page_token`;
//! - `GET /v1/vulns/{id}` — the full record, or a 404 JSON error.
//!
//! Matching is exact PEP 440 and excludes withdrawn advisories. A version that is not PEP 440
//! matches only a legacy version an advisory lists verbatim; otherwise the query is a 400.
//!
//! Clients are untrusted: see [`ServerOptions`] for the limits (body size and in-flight body
//! memory, queries per batch, head size, connections, total read and write deadlines), and
//! [`MAX_BATCH_QUERIES`]. A doubled `/v1/v1/` prefix (from
//! clients that join a base URL ending in `/v1/`) and trailing slashes are tolerated.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{Shutdown, SocketAddr, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Condvar, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use serde::Deserialize;
use serde_json::json;

use crate::{Advisory, AdvisoryError, Database};

/// Most queries in one `/v1/querybatch` request (OSV's own limit); more is a 400.
pub const MAX_BATCH_QUERIES: usize = 1000;

/// Server settings. Every limit exists because `db serve` may face hostile clients: bodies and
/// heads are bounded, every read and write has a deadline, and a slow or silent client only
/// ever holds its own connection (a thread with a small stack).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ServerOptions {
    /// Most requests handled (parsed and answered) at once; others wait for a turn. Handling is
    /// CPU-bound and short, so this bounds memory, not latency.
    pub workers: usize,
    /// Most open connections (one thread each); more are answered 503 and closed.
    pub max_connections: usize,
    /// Most vulnerabilities returned in one response (across all results of a batch); the rest
    /// is paged with `next_page_token`.
    pub page_size: usize,
    /// Largest request body (bytes); larger is 413.
    pub max_body: u64,
    /// Most request-body bytes held in memory across all connections; a request that would
    /// exceed it is 503.
    pub body_budget: u64,
    /// How long a kept-alive connection may wait for its next request.
    pub idle_timeout: Duration,
    /// Total time for a request line and headers, from their first byte (not per read: a
    /// client trickling one byte at a time is cut off all the same); then 408.
    pub header_timeout: Duration,
    /// Total time to receive a request body; then 408.
    pub body_timeout: Duration,
    /// Total time to send one response; a client that does not read is disconnected.
    pub write_timeout: Duration,
    /// Stack size of connection threads.
    pub stack_size: usize,
}

impl Default for ServerOptions {
    fn default() -> Self {
        let cores = std::thread::available_parallelism().map_or(2, std::num::NonZero::get);
        ServerOptions {
            workers: (cores * 2).max(4),
            max_connections: 4096,
            page_size: 1000,
            max_body: 4 * 1024 * 1024,
            body_budget: 64 * 1024 * 1024,
            idle_timeout: Duration::from_secs(30),
            header_timeout: Duration::from_secs(10),
            body_timeout: Duration::from_secs(30),
            write_timeout: Duration::from_secs(30),
            stack_size: 256 * 1024,
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

/// State shared by all connections.
struct Shared {
    db: Arc<Database>,
    options: ServerOptions,
    connections: AtomicUsize,
    body_bytes: AtomicU64,
    busy_workers: Mutex<usize>,
    worker_free: Condvar,
}

/// A turn to handle a request; released on drop.
struct WorkerTurn<'a>(&'a Shared);

impl Shared {
    fn worker_turn(&self) -> WorkerTurn<'_> {
        let mut busy = self.busy_workers.lock().unwrap_or_else(|e| e.into_inner());
        while *busy >= self.options.workers.max(1) {
            busy = self
                .worker_free
                .wait(busy)
                .unwrap_or_else(|e| e.into_inner());
        }
        *busy += 1;
        WorkerTurn(self)
    }

    /// Reserves `len` body bytes from the shared budget, or `None` when it is spent.
    fn reserve_body(&self, len: u64) -> Option<BodyReservation<'_>> {
        self.body_bytes
            .fetch_update(Ordering::SeqCst, Ordering::SeqCst, |used| {
                used.checked_add(len)
                    .filter(|total| *total <= self.options.body_budget)
            })
            .ok()
            .map(|_| BodyReservation(self, len))
    }
}

impl Drop for WorkerTurn<'_> {
    fn drop(&mut self) {
        let mut busy = self
            .0
            .busy_workers
            .lock()
            .unwrap_or_else(|e| e.into_inner());
        *busy = busy.saturating_sub(1);
        self.0.worker_free.notify_one();
    }
}

struct BodyReservation<'a>(&'a Shared, u64);

impl Drop for BodyReservation<'_> {
    fn drop(&mut self) {
        self.0.body_bytes.fetch_sub(self.1, Ordering::SeqCst);
    }
}

/// Counts an open connection; released on drop (also when its thread unwinds).
struct ConnectionSlot(Arc<Shared>);

impl Drop for ConnectionSlot {
    fn drop(&mut self) {
        self.0.connections.fetch_sub(1, Ordering::SeqCst);
    }
}

/// Starts a server on `addr` in background threads: an accept loop and one thread per
/// connection (HTTP/1.1 with keep-alive), each with a small stack, up to
/// [`ServerOptions::max_connections`]. Deadlines bound how long any client can hold its
/// thread, so idle or slow clients (slowloris) and clients that never read cannot starve the
/// others.
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
    let shared = Arc::new(Shared {
        db,
        options,
        connections: AtomicUsize::new(0),
        body_bytes: AtomicU64::new(0),
        busy_workers: Mutex::new(0),
        worker_free: Condvar::new(),
    });
    let acceptor = {
        let stop = Arc::clone(&stop);
        std::thread::Builder::new()
            .name("pyward-serve-accept".into())
            .spawn(move || accept_loop(&listener, &stop, &shared))
            .map_err(|e| serve_err(e.to_string()))?
    };
    Ok(ServerHandle {
        addr: bound,
        stop,
        acceptor: Some(acceptor),
    })
}

fn accept_loop(listener: &TcpListener, stop: &AtomicBool, shared: &Arc<Shared>) {
    // Refused connections are answered by one helper thread, so that a flood never blocks the
    // accept loop; when even its queue is full they are just closed.
    let (refuse_tx, refuse_rx) = std::sync::mpsc::sync_channel::<TcpStream>(256);
    let refuser = std::thread::Builder::new()
        .name("pyward-serve-refuse".into())
        .stack_size(shared.options.stack_size)
        .spawn(move || {
            for stream in refuse_rx {
                refuse(&stream, 503, "too many connections; retry later");
            }
        });
    let refuse_tx = refuser.ok().map(|_| refuse_tx);
    for stream in listener.incoming() {
        if stop.load(Ordering::SeqCst) {
            break;
        }
        let stream = match stream {
            Ok(s) => s,
            Err(_) => {
                // Out of file descriptors or similar: back off instead of spinning.
                std::thread::sleep(Duration::from_millis(10));
                continue;
            }
        };
        let options = shared.options;
        if shared.connections.fetch_add(1, Ordering::SeqCst) >= options.max_connections.max(1) {
            shared.connections.fetch_sub(1, Ordering::SeqCst);
            if let Some(tx) = &refuse_tx {
                let _ = tx.try_send(stream);
            }
            continue;
        }
        let slot = ConnectionSlot(Arc::clone(shared));
        let spawned = std::thread::Builder::new()
            .name("pyward-serve-conn".into())
            .stack_size(options.stack_size)
            .spawn(move || {
                let slot = slot;
                serve_connection(&stream, &slot.0);
            });
        if spawned.is_err() {
            // The closure (and its slot) was dropped, so the count is already released. The
            // stream went with it: the client sees the connection close.
            std::thread::sleep(Duration::from_millis(10));
        }
    }
}

/// Answers a connection that will not be served, within a fraction of a second: the response,
/// then a short drain of what the client sent so that it sees the response, not a reset.
fn refuse(stream: &TcpStream, status: u16, message: &str) {
    let deadline = Instant::now() + Duration::from_millis(200);
    let (status, text) = error(status, message);
    if write_before(stream, &response_bytes(status, &text, false), deadline).is_ok() {
        let _ = stream.shutdown(Shutdown::Write);
        let mut reader = DeadlineReader { stream, deadline };
        let _ = std::io::copy(&mut (&mut reader).take(64 * 1024), &mut std::io::sink());
    }
}

/// Longest request head (request line and all headers).
const MAX_HEAD: u64 = 32 * 1024;
/// Most header lines accepted in one request.
const MAX_HEADERS: usize = 100;

/// A blocking reader whose reads end at a deadline (re-armed before every read, so the
/// deadline is a total, not a per-read, timeout).
struct DeadlineReader<'a> {
    stream: &'a TcpStream,
    deadline: Instant,
}

impl Read for DeadlineReader<'_> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let remaining = self
            .deadline
            .checked_duration_since(Instant::now())
            .filter(|d| !d.is_zero())
            .ok_or(std::io::ErrorKind::TimedOut)?;
        self.stream.set_read_timeout(Some(remaining))?;
        match self.stream.read(buf) {
            Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => {
                Err(std::io::ErrorKind::TimedOut.into())
            }
            other => other,
        }
    }
}

/// Writes `bytes` before `deadline` (the socket timeout is re-armed for each write).
fn write_before(stream: &TcpStream, bytes: &[u8], deadline: Instant) -> std::io::Result<()> {
    let mut rest = bytes;
    while !rest.is_empty() {
        let remaining = deadline
            .checked_duration_since(Instant::now())
            .filter(|d| !d.is_zero())
            .ok_or(std::io::ErrorKind::TimedOut)?;
        stream.set_write_timeout(Some(remaining))?;
        match (&*stream).write(&rest[..rest.len().min(64 * 1024)]) {
            Ok(0) => return Err(std::io::ErrorKind::WriteZero.into()),
            Ok(n) => rest = &rest[n..],
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => {
                return Err(std::io::ErrorKind::TimedOut.into());
            }
            Err(e) => return Err(e),
        }
    }
    Ok(())
}

/// Why a request could not be read.
enum ReadFailure {
    /// The client closed the connection, or stayed silent past the idle timeout: close quietly.
    Gone,
    /// Answer with this status and message, then close.
    Reply(u16, String),
}

/// Answers requests on one connection until the client closes it, asks to, misbehaves or
/// misses a deadline.
fn serve_connection(stream: &TcpStream, shared: &Shared) {
    let options = shared.options;
    let _ = stream.set_nodelay(true);
    let mut reader = BufReader::with_capacity(
        8 * 1024,
        DeadlineReader {
            stream,
            deadline: Instant::now() + options.idle_timeout,
        },
    );
    loop {
        // Wait for the first byte of the next request (bytes of a pipelined request may
        // already be buffered).
        reader.get_mut().deadline = Instant::now() + options.idle_timeout;
        match reader.fill_buf() {
            Ok([]) | Err(_) => return,
            Ok(_) => {}
        }
        reader.get_mut().deadline = Instant::now() + options.header_timeout;
        let request = match read_request(&mut reader, options.max_body) {
            Ok(request) => request,
            Err(ReadFailure::Gone) => return,
            Err(ReadFailure::Reply(status, message)) => {
                return close_with(stream, &mut reader, status, &message, options);
            }
        };
        let Some(_reservation) = shared.reserve_body(request.content_length) else {
            return close_with(
                stream,
                &mut reader,
                503,
                "server busy (too many request bodies in flight); retry later",
                options,
            );
        };
        if request.expect_continue && request.content_length > 0 {
            let deadline = Instant::now() + options.write_timeout;
            if write_before(stream, b"HTTP/1.1 100 Continue\r\n\r\n", deadline).is_err() {
                return;
            }
        }
        reader.get_mut().deadline = Instant::now() + options.body_timeout;
        let mut body = Vec::with_capacity(usize::try_from(request.content_length).unwrap_or(0));
        match (&mut reader)
            .take(request.content_length)
            .read_to_end(&mut body)
        {
            Ok(n) if n as u64 == request.content_length => {}
            Err(e) if e.kind() == std::io::ErrorKind::TimedOut => {
                return close_with(stream, &mut reader, 408, "request body timed out", options);
            }
            // Closed mid-body, or a read error: nobody to answer.
            _ => return,
        }
        let (status, text) = {
            let _turn = shared.worker_turn();
            handle(&shared.db, options, &request.method, &request.target, &body)
        };
        drop(body);
        let deadline = Instant::now() + options.write_timeout;
        let bytes = response_bytes(status, &text, request.keep_alive);
        drop(text);
        if write_before(stream, &bytes, deadline).is_err() || !request.keep_alive {
            let _ = stream.shutdown(Shutdown::Both);
            return;
        }
    }
}

/// Sends an error response and closes the connection, first draining (boundedly) what the
/// client is still sending so that it sees the response rather than a reset.
fn close_with(
    stream: &TcpStream,
    reader: &mut BufReader<DeadlineReader<'_>>,
    status: u16,
    message: &str,
    options: ServerOptions,
) {
    let (status, text) = error(status, message);
    let deadline = Instant::now() + options.write_timeout.min(Duration::from_secs(5));
    if write_before(stream, &response_bytes(status, &text, false), deadline).is_err() {
        let _ = stream.shutdown(Shutdown::Both);
        return;
    }
    let _ = stream.shutdown(Shutdown::Write);
    reader.get_mut().deadline = Instant::now() + Duration::from_millis(500);
    let _ = std::io::copy(&mut reader.take(256 * 1024), &mut std::io::sink());
}

struct RequestHead {
    method: String,
    target: String,
    content_length: u64,
    keep_alive: bool,
    expect_continue: bool,
}

fn read_failure(e: &std::io::Error) -> ReadFailure {
    if e.kind() == std::io::ErrorKind::TimedOut {
        ReadFailure::Reply(408, "request head timed out".into())
    } else {
        ReadFailure::Gone
    }
}

/// One line, without its line ending, from at most `*budget` bytes (which it consumes).
fn read_line(reader: &mut impl BufRead, budget: &mut u64) -> Result<String, ReadFailure> {
    let mut line = Vec::new();
    let n = reader
        .take(*budget)
        .read_until(b'\n', &mut line)
        .map_err(|e| read_failure(&e))?;
    *budget -= n as u64;
    if n == 0 && *budget > 0 {
        return Err(ReadFailure::Gone);
    }
    if !line.ends_with(b"\n") {
        return if *budget == 0 {
            Err(ReadFailure::Reply(
                431,
                format!("request head larger than {MAX_HEAD} bytes"),
            ))
        } else {
            Err(ReadFailure::Gone)
        };
    }
    line.pop();
    if line.last() == Some(&b'\r') {
        line.pop();
    }
    String::from_utf8(line).map_err(|_| ReadFailure::Reply(400, "request head is not UTF-8".into()))
}

/// A Content-Length value: ASCII digits only (no sign, no list, no spaces inside).
fn parse_content_length(value: &str) -> Option<u64> {
    if value.is_empty() || value.len() > 19 || !value.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    value.parse().ok()
}

/// Reads a request line and headers within the head budget and the reader's deadline.
fn read_request(reader: &mut impl BufRead, max_body: u64) -> Result<RequestHead, ReadFailure> {
    let bad = |message: String| ReadFailure::Reply(400, message);
    let mut budget = MAX_HEAD;
    let line = loop {
        let l = read_line(reader, &mut budget)?;
        // Tolerate stray empty lines between requests (RFC 9112 §2.2).
        if !l.is_empty() {
            break l;
        }
    };
    let mut parts = line.split(' ');
    let (Some(method), Some(target), Some(version), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err(bad(format!("malformed request line {:?}", truncate(&line))));
    };
    let http11 = match version {
        "HTTP/1.1" => true,
        "HTTP/1.0" => false,
        _ => {
            return Err(ReadFailure::Reply(
                505,
                format!("unsupported protocol {:?}", truncate(version)),
            ));
        }
    };
    let mut head = RequestHead {
        method: method.to_string(),
        target: target.to_string(),
        content_length: 0,
        keep_alive: http11,
        expect_continue: false,
    };
    let mut content_length: Option<u64> = None;
    let mut transfer_encoding = false;
    let mut count = 0;
    loop {
        let line = read_line(reader, &mut budget)?;
        if line.is_empty() {
            break;
        }
        count += 1;
        if count > MAX_HEADERS {
            return Err(ReadFailure::Reply(
                431,
                format!("more than {MAX_HEADERS} header lines"),
            ));
        }
        if line.starts_with([' ', '\t']) {
            return Err(bad("obsolete header line folding is not accepted".into()));
        }
        let Some((name, value)) = line.split_once(':') else {
            return Err(bad(format!("malformed header {:?}", truncate(&line))));
        };
        // RFC 9112 §5.1: no whitespace between the field name and the colon.
        if name.is_empty()
            || name
                .bytes()
                .any(|b| b.is_ascii_whitespace() || b.is_ascii_control())
        {
            return Err(bad(format!("malformed header name {:?}", truncate(name))));
        }
        let value = value.trim_matches([' ', '\t']);
        match name.to_ascii_lowercase().as_str() {
            "content-length" => {
                if content_length.is_some() {
                    return Err(bad("more than one Content-Length header".into()));
                }
                let len = parse_content_length(value)
                    .ok_or_else(|| bad(format!("invalid Content-Length {:?}", truncate(value))))?;
                content_length = Some(len);
            }
            "transfer-encoding" => transfer_encoding = true,
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
    if transfer_encoding {
        return Err(if content_length.is_some() {
            bad("Transfer-Encoding together with Content-Length is not accepted".into())
        } else {
            ReadFailure::Reply(
                411,
                "chunked request bodies are not supported; send Content-Length".into(),
            )
        });
    }
    let len = content_length.unwrap_or(0);
    if len > max_body {
        return Err(ReadFailure::Reply(
            413,
            format!("request body of {len} bytes is over the {max_body}-byte limit"),
        ));
    }
    head.content_length = len;
    Ok(head)
}

/// At most 64 characters of client text, for error messages.
fn truncate(text: &str) -> String {
    text.chars().take(64).collect()
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        400 => "Bad Request",
        404 => "Not Found",
        405 => "Method Not Allowed",
        408 => "Request Timeout",
        411 => "Length Required",
        413 => "Payload Too Large",
        431 => "Request Header Fields Too Large",
        503 => "Service Unavailable",
        505 => "HTTP Version Not Supported",
        _ => "Error",
    }
}

fn response_bytes(status: u16, body: &str, keep_alive: bool) -> Vec<u8> {
    let head = format!(
        "HTTP/1.1 {status} {}\r\nServer: pyward\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: {}\r\n\r\n",
        reason(status),
        body.len(),
        if keep_alive { "keep-alive" } else { "close" }
    );
    let mut out = Vec::with_capacity(head.len() + body.len());
    out.extend_from_slice(head.as_bytes());
    out.extend_from_slice(body.as_bytes());
    out
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
        ("POST", "/v1/query") => match serde_json::from_slice::<Query>(body) {
            Ok(query) => query_one(db, options, &query),
            Err(e) => error(400, &format!("invalid query: {e}")),
        },
        ("POST", "/v1/querybatch") => match serde_json::from_slice::<Batch>(body) {
            Ok(batch) => query_batch(db, options, &batch.queries.0),
            Err(e) => error(400, &format!("invalid batch: {e}")),
        },
        ("GET", p) if p.starts_with("/v1/vulns/") => {
            let id = percent_decode(&p["/v1/vulns/".len()..]);
            match db.raw_json(&id) {
                Some(raw) => (200, raw.to_owned()),
                None => error(404, &format!("vulnerability {} not found", truncate(&id))),
            }
        }
        (_, "/v1/query" | "/v1/querybatch") => error(405, "use POST"),
        (_, p) if p.starts_with("/v1/vulns/") => error(405, "use GET"),
        _ => error(404, &format!("no such endpoint: {}", truncate(path))),
    }
}

/// An OSV-style JSON error (`code` is the gRPC status code, as OSV returns).
fn error(status: u16, message: &str) -> (u16, String) {
    let code = match status {
        400 | 411 | 413 | 431 => 3,
        404 => 5,
        405 => 12,
        408 => 4,
        503 => 14,
        _ => 13,
    };
    (
        status,
        json!({"code": code, "message": message}).to_string(),
    )
}

/// One query, as OSV's API takes it. Unknown fields are ignored; wrongly typed ones are 400s.
/// Typed (not a generic JSON value) so that a request costs memory proportional to what is used.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct Query {
    package: Option<Package>,
    version: Option<String>,
    commit: Option<String>,
    page_token: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct Package {
    name: Option<String>,
    ecosystem: Option<String>,
    purl: Option<String>,
}

#[derive(Debug, Deserialize)]
struct Batch {
    queries: BoundedQueries,
}

/// The queries of a batch, refused as soon as there are more than [`MAX_BATCH_QUERIES`] (before
/// the rest is even parsed).
#[derive(Debug)]
struct BoundedQueries(Vec<Query>);

impl<'de> Deserialize<'de> for BoundedQueries {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl<'de> serde::de::Visitor<'de> for Visitor {
            type Value = BoundedQueries;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                write!(f, "a list of at most {MAX_BATCH_QUERIES} queries")
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(
                self,
                mut seq: A,
            ) -> Result<BoundedQueries, A::Error> {
                let mut out = Vec::new();
                while let Some(q) = seq.next_element::<Query>()? {
                    if out.len() == MAX_BATCH_QUERIES {
                        return Err(serde::de::Error::custom(format!(
                            "more than {MAX_BATCH_QUERIES} queries in one batch; split it"
                        )));
                    }
                    out.push(q);
                }
                Ok(BoundedQueries(out))
            }
        }
        d.deserialize_seq(Visitor)
    }
}

/// The advisories a query asks for, or an error message.
fn resolve(db: &Database, query: &Query) -> Result<Vec<Advisory>, String> {
    let mut version = query.version.clone().filter(|v| !v.is_empty());
    let Some(package) = &query.package else {
        return if query.commit.is_some() {
            Ok(Vec::new())
        } else {
            Err("a query needs a `package` or a `commit`".into())
        };
    };
    let name = if let Some(purl) = &package.purl {
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
        let ecosystem = package.ecosystem.as_deref().unwrap_or("PyPI");
        if !ecosystem.eq_ignore_ascii_case("pypi") {
            return Ok(Vec::new());
        }
        package
            .name
            .clone()
            .ok_or("`package` needs a `name` or a `purl`")?
    };
    let found = match &version {
        Some(v) => {
            let found = db.query(&name, v).map_err(|e| e.to_string())?;
            // A version that is not PEP 440 can only match a legacy version listed verbatim by
            // an advisory (PyPI still holds some, e.g. `0.7.10p1`); anything else is a client
            // error, not "no vulnerabilities".
            if found.is_empty() && crate::version::parse_version(v).is_none() {
                return Err(format!(
                    "version {:?} is not a valid PEP 440 version",
                    truncate(v)
                ));
            }
            found
        }
        None => db
            .advisories_for(&name)
            .map(|all| all.into_iter().filter(|a| !a.is_withdrawn()).collect())
            .map_err(|e| e.to_string())?,
    };
    let mut found = found;
    found.sort_by(|a, b| a.id.cmp(&b.id));
    found.dedup_by(|a, b| a.id == b.id);
    Ok(found)
}

fn page_start(query: &Query) -> Result<usize, String> {
    match query.page_token.as_deref() {
        None | Some("") => Ok(0),
        Some(s) => s
            .parse()
            .map_err(|_| format!("invalid page_token {:?}", truncate(s))),
    }
}

fn query_one(db: &Database, options: ServerOptions, query: &Query) -> (u16, String) {
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

/// What a batch query needs: the `(id, modified)` of each match, sorted and deduplicated.
/// Same rules as [`resolve`] (which see), without decoding whole advisories.
fn resolve_ids<'a>(
    db: &'a Database,
    query: &Query,
    cache: &mut crate::QueryCache<'a>,
) -> Result<Vec<(String, String)>, String> {
    match (&query.package, &query.version) {
        (
            Some(Package {
                name: Some(name),
                purl: None,
                ecosystem,
            }),
            Some(version),
        ) if !version.is_empty() => {
            if !ecosystem
                .as_deref()
                .unwrap_or("PyPI")
                .eq_ignore_ascii_case("pypi")
            {
                return Ok(Vec::new());
            }
            let mut found = db
                .query_ids_cached(name, version, cache)
                .map_err(|e| e.to_string())?;
            if found.is_empty() && crate::version::parse_version(version).is_none() {
                return Err(format!(
                    "version {:?} is not a valid PEP 440 version",
                    truncate(version)
                ));
            }
            found.sort();
            found.dedup_by(|a, b| a.0 == b.0);
            Ok(found)
        }
        // purls, version-less queries: the general path.
        _ => {
            resolve(db, query).map(|found| found.into_iter().map(|a| (a.id, a.modified)).collect())
        }
    }
}

/// A query's identity within a batch: package name, purl, version.
type QueryKey<'a> = (Option<&'a str>, Option<&'a str>, Option<&'a str>);

fn query_batch(db: &Database, options: ServerOptions, queries: &[Query]) -> (u16, String) {
    let mut budget = options.page_size.max(1);
    let mut results = Vec::with_capacity(queries.len());
    // Identical queries in one batch (common: the same pin in several projects) cost once.
    let mut cache = crate::QueryCache::default();
    let mut memo: std::collections::HashMap<QueryKey<'_>, Vec<(String, String)>> =
        std::collections::HashMap::new();
    for (i, query) in queries.iter().enumerate() {
        let key = (
            query.package.as_ref().and_then(|p| p.name.as_deref()),
            query.package.as_ref().and_then(|p| p.purl.as_deref()),
            query.version.as_deref(),
        );
        let cacheable = query
            .package
            .as_ref()
            .is_some_and(|p| p.ecosystem.is_none() || p.ecosystem.as_deref() == Some("PyPI"));
        let found = match memo.get(&key).filter(|_| cacheable) {
            Some(found) => Ok(found.clone()),
            None => resolve_ids(db, query, &mut cache),
        };
        let (found, start) = match found.and_then(|f| Ok((f, page_start(query)?))) {
            Ok(x) => x,
            Err(message) => return error(400, &format!("query {i}: {message}")),
        };
        if cacheable {
            memo.entry(key).or_insert_with(|| found.clone());
        }
        let remaining = found.len().saturating_sub(start);
        let take = remaining.min(budget);
        budget -= take;
        let mut result = serde_json::Map::new();
        if take > 0 {
            let vulns: Vec<serde_json::Value> = found[start..start + take]
                .iter()
                .map(|(id, modified)| json!({"id": id, "modified": modified}))
                .collect();
            result.insert("vulns".into(), serde_json::Value::Array(vulns));
        }
        if take < remaining {
            result.insert(
                "next_page_token".into(),
                serde_json::Value::String((start + take).to_string()),
            );
        }
        results.push(serde_json::Value::Object(result));
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

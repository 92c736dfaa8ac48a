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

use std::io::Read;
use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::thread::JoinHandle;
use std::time::Duration;

use serde_json::{Value, json};

use crate::{Advisory, AdvisoryError, Database};

const MAX_BODY: u64 = 64 * 1024 * 1024;

/// Server settings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ServerOptions {
    /// Worker threads answering requests.
    pub workers: usize,
    /// Most vulnerabilities returned in one response (across all results of a batch); the rest
    /// is paged with `next_page_token`.
    pub page_size: usize,
}

impl Default for ServerOptions {
    fn default() -> Self {
        ServerOptions {
            workers: 4,
            page_size: 1000,
        }
    }
}

/// A running server; stop it with [`ServerHandle::shutdown`].
pub struct ServerHandle {
    addr: SocketAddr,
    stop: Arc<AtomicBool>,
    workers: Vec<JoinHandle<()>>,
}

impl ServerHandle {
    /// The address the server listens on (with the real port when bound to port 0).
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// Stops the workers and waits for them to finish their current request.
    pub fn shutdown(mut self) {
        self.stop.store(true, Ordering::SeqCst);
        for worker in self.workers.drain(..) {
            let _ = worker.join();
        }
    }

    /// Blocks until the server stops (it only stops through [`ServerHandle::shutdown`] from
    /// another handle owner, so this normally blocks forever).
    pub fn join(mut self) {
        for worker in self.workers.drain(..) {
            let _ = worker.join();
        }
    }
}

/// Starts a server on `addr` in background threads.
pub fn spawn(
    db: Arc<Database>,
    addr: &str,
    options: ServerOptions,
) -> Result<ServerHandle, AdvisoryError> {
    let serve_err = |message: String| AdvisoryError::Serve {
        addr: addr.to_owned(),
        message,
    };
    let server = tiny_http::Server::http(addr).map_err(|e| serve_err(e.to_string()))?;
    let bound = server
        .server_addr()
        .to_ip()
        .ok_or_else(|| serve_err("not an IP address".into()))?;
    let server = Arc::new(server);
    let stop = Arc::new(AtomicBool::new(false));
    let workers = (0..options.workers.max(1))
        .map(|i| {
            let server = Arc::clone(&server);
            let db = Arc::clone(&db);
            let stop = Arc::clone(&stop);
            std::thread::Builder::new()
                .name(format!("pyward-serve-{i}"))
                .spawn(move || worker(&server, &db, options, &stop))
                .map_err(|e| serve_err(e.to_string()))
        })
        .collect::<Result<Vec<_>, _>>()?;
    Ok(ServerHandle {
        addr: bound,
        stop,
        workers,
    })
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

fn worker(server: &tiny_http::Server, db: &Database, options: ServerOptions, stop: &AtomicBool) {
    while !stop.load(Ordering::SeqCst) {
        let mut request = match server.recv_timeout(Duration::from_millis(100)) {
            Ok(Some(r)) => r,
            Ok(None) | Err(_) => continue,
        };
        let mut body = Vec::new();
        let read = request.as_reader().take(MAX_BODY).read_to_end(&mut body);
        let (status, text) = match read {
            Ok(_) => handle(db, options, request.method().as_str(), request.url(), &body),
            Err(e) => error(400, &format!("cannot read request body: {e}")),
        };
        let mut response = tiny_http::Response::from_string(text).with_status_code(status);
        if let Ok(h) = tiny_http::Header::from_bytes("Content-Type", "application/json") {
            response = response.with_header(h);
        }
        // A client that hung up is not the server's problem.
        let _ = request.respond(response);
    }
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

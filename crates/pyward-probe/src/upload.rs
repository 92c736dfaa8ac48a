//! The body-limit check's upload, on a connection of its own: the request head announces the
//! size and `Expect: 100-continue`, and the body is sent only when the server says `100
//! Continue` (or has said nothing for a second, as curl does). A server that refuses the size
//! answers at once, and that answer is taken as soon as its head is complete: an HTTP client
//! that waits for more (ureq 3.5 does, after a non-100 answer to an `Expect`) would sit until
//! the server closes the connection, 5 s for nginx's lingering close.
//!
//! Only the status and headers are read; never the answer's body.

use std::io::{ErrorKind, Read, Write};
use std::net::{TcpStream, ToSocketAddrs};
use std::time::{Duration, Instant};

use crate::http::{HEADER_CAP, MAX_HEADERS};

/// How long the server has to say `100 Continue` before the body goes anyway.
const AWAIT_100: Duration = Duration::from_secs(1);
/// Body bytes written at a time.
const CHUNK: usize = 64 * 1024;

/// The answer's status and headers (names lowercased).
pub(crate) type Head = (u16, Vec<(String, String)>);

trait Stream: Read + Write {
    fn socket(&self) -> &TcpStream;
}

impl Stream for TcpStream {
    fn socket(&self) -> &TcpStream {
        self
    }
}

impl Stream for rustls::StreamOwned<rustls::ClientConnection, TcpStream> {
    fn socket(&self) -> &TcpStream {
        &self.sock
    }
}

/// POSTs `len` bytes to `url` with `headers`, within `timeout` (connection included).
pub(crate) fn post(
    url: &str,
    headers: &[(String, String)],
    len: u64,
    timeout: Duration,
) -> Result<Head, String> {
    let end = Instant::now() + timeout;
    let uri: ureq::http::Uri = url.parse().map_err(|_| format!("invalid URL `{url}`"))?;
    let https = match uri.scheme_str() {
        Some("https") => true,
        Some("http") => false,
        _ => return Err(format!("invalid URL `{url}`")),
    };
    let host = uri.host().ok_or_else(|| format!("invalid URL `{url}`"))?;
    let port = uri.port_u16().unwrap_or(if https { 443 } else { 80 });
    let bare_host = host.trim_start_matches('[').trim_end_matches(']');
    let addr = (bare_host, port)
        .to_socket_addrs()
        .map_err(|e| format!("cannot resolve {host}: {e}"))?
        .next()
        .ok_or_else(|| format!("cannot resolve {host}"))?;
    let sock = TcpStream::connect_timeout(&addr, timeout).map_err(|e| describe(&e))?;
    sock.set_read_timeout(Some(timeout))
        .map_err(|e| e.to_string())?;
    sock.set_write_timeout(Some(timeout))
        .map_err(|e| e.to_string())?;
    let mut stream: Box<dyn Stream> = if https {
        let config = crate::tls::tls13::accepting_any_certificate()?;
        let name = rustls::pki_types::ServerName::try_from(bare_host.to_string())
            .map_err(|e| format!("invalid server name {host}: {e}"))?;
        let conn = rustls::ClientConnection::new(config, name).map_err(|e| e.to_string())?;
        Box::new(rustls::StreamOwned::new(conn, sock))
    } else {
        Box::new(sock)
    };

    let path = uri.path_and_query().map_or("/", |p| p.as_str());
    let authority = uri.authority().map_or(host, |a| a.as_str());
    let mut head = format!(
        "POST {path} HTTP/1.1\r\nHost: {authority}\r\nUser-Agent: pyward-probe/{}\r\n\
         Content-Length: {len}\r\n\
         Expect: 100-continue\r\nConnection: close\r\n",
        env!("CARGO_PKG_VERSION")
    );
    for (k, v) in headers {
        if !k.contains(['\r', '\n']) && !v.contains(['\r', '\n']) {
            head.push_str(&format!("{k}: {v}\r\n"));
        }
    }
    head.push_str("\r\n");
    stream
        .write_all(head.as_bytes())
        .map_err(|e| describe(&e))?;
    stream.flush().map_err(|e| describe(&e))?;

    let mut buf = Vec::new();
    let _ = stream
        .socket()
        .set_read_timeout(Some(AWAIT_100.min(timeout)));
    match read_head(stream.as_mut(), &mut buf, end) {
        Ok(Some((100, _))) | Err(Waited) => {}
        Ok(Some(answer)) => return Ok(answer),
        Ok(None) => return Err("the server closed the connection without an answer".into()),
        Err(Failed(e)) => return Err(e),
    }
    // The final answer may have come with the `100 Continue`, in the same segment (nginx
    // answers a `return` at once): it is in `buf` already, and decides without the body.
    if let Some((_, answer)) = parse_head(&buf)?
        && answer.0 != 100
    {
        return Ok(answer);
    }
    // `100 Continue`, or no word for a second: send the body, then read the final answer.
    // What is left in `buf` is the start of that answer.
    let _ = stream.socket().set_read_timeout(Some(timeout));
    let chunk = [b'a'; CHUNK];
    let mut left = len;
    while left > 0 {
        if Instant::now() > end {
            return Err("timed out".into());
        }
        let n = left.min(CHUNK as u64) as usize;
        if let Err(e) = stream.write_all(&chunk[..n]) {
            // The server may have answered and closed while the body was on its way.
            return match read_head(stream.as_mut(), &mut buf, end) {
                Ok(Some(answer)) if answer.0 != 100 => Ok(answer),
                _ => Err(describe(&e)),
            };
        }
        left -= n as u64;
    }
    let _ = stream.flush();
    loop {
        match read_head(stream.as_mut(), &mut buf, end) {
            // A `100 Continue` sent late, after the body: the answer follows.
            Ok(Some((100, _))) => continue,
            Ok(Some(answer)) => return Ok(answer),
            Ok(None) => return Err("the server closed the connection without an answer".into()),
            Err(Waited) => return Err("timed out".into()),
            Err(Failed(e)) => return Err(e),
        }
    }
}

/// Why no head was read.
enum NoHead {
    /// The read timed out with nothing (or part of a head) received.
    Waited,
    Failed(String),
}
use NoHead::{Failed, Waited};

/// Reads one response head from `stream`, starting with what `buf` holds; the bytes after the
/// head stay in `buf`. `Ok(None)` when the connection closed first.
fn read_head(
    stream: &mut dyn Stream,
    buf: &mut Vec<u8>,
    end: Instant,
) -> Result<Option<Head>, NoHead> {
    let mut chunk = [0u8; 4096];
    loop {
        if let Some((used, head)) = parse_head(buf).map_err(Failed)? {
            buf.drain(..used);
            return Ok(Some(head));
        }
        if buf.len() > HEADER_CAP {
            return Err(Failed(format!("response headers over {HEADER_CAP} bytes")));
        }
        if Instant::now() > end {
            return Err(Waited);
        }
        match stream.read(&mut chunk) {
            Ok(0) => return Ok(None),
            Ok(n) => buf.extend_from_slice(&chunk[..n]),
            Err(e) if matches!(e.kind(), ErrorKind::WouldBlock | ErrorKind::TimedOut) => {
                return Err(Waited);
            }
            Err(e) if e.kind() == ErrorKind::Interrupted => {}
            Err(e) => return Err(Failed(describe(&e))),
        }
    }
}

/// A complete head at the start of `buf`: the bytes it takes, its status and headers.
fn parse_head(buf: &[u8]) -> Result<Option<(usize, Head)>, String> {
    let mut slots = [httparse::EMPTY_HEADER; MAX_HEADERS];
    let mut response = httparse::Response::new(&mut slots);
    match response.parse(buf) {
        Ok(httparse::Status::Complete(used)) => {
            let status = response.code.unwrap_or(0);
            let headers = response
                .headers
                .iter()
                .map(|h| {
                    (
                        h.name.to_ascii_lowercase(),
                        String::from_utf8_lossy(h.value).into_owned(),
                    )
                })
                .collect();
            Ok(Some((used, (status, headers))))
        }
        Ok(httparse::Status::Partial) => Ok(None),
        Err(e) => Err(format!("invalid response head: {e}")),
    }
}

fn describe(e: &std::io::Error) -> String {
    match e.kind() {
        ErrorKind::ConnectionRefused => "connection refused".into(),
        ErrorKind::WouldBlock | ErrorKind::TimedOut => "timed out".into(),
        ErrorKind::ConnectionReset => "connection reset".into(),
        ErrorKind::BrokenPipe => "the server closed the connection".into(),
        _ => e.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn heads_are_parsed_when_complete_only() {
        assert!(
            parse_head(b"HTTP/1.1 413 Too Large\r\nServer: x")
                .unwrap()
                .is_none()
        );
        let (used, (status, headers)) =
            parse_head(b"HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\n")
                .unwrap()
                .unwrap();
        assert_eq!((used, status), (25, 100));
        assert!(headers.is_empty());
        let (_, (status, headers)) =
            parse_head(b"HTTP/1.1 413 Too Large\r\nContent-Length: 5\r\n\r\nabcde")
                .unwrap()
                .unwrap();
        assert_eq!(status, 413);
        assert_eq!(headers, [("content-length".to_string(), "5".to_string())]);
        assert!(parse_head(b"SSH-2.0-OpenSSH\r\n\r\n").is_err());
    }
}

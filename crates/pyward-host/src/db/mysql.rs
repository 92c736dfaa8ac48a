//! A minimal, bounded MySQL/MariaDB client: the protocol v10 handshake, TLS after an SSLRequest
//! as the URL's `ssl-mode` asks, `mysql_native_password` and `caching_sha2_password` (whose full
//! authentication sends the password only inside TLS), and text-protocol `COM_QUERY` result
//! sets. Enough to read an account's grants and the server's variables as the application would
//! connect; nothing else is ever sent.

use std::io::{Read, Write};
use std::net::{TcpStream, ToSocketAddrs};
use std::time::Duration;

use ring::digest;

use super::{DbError, DbUrl, SslMode};

/// The largest packet accepted from the server (MySQL's own limit is 16 MiB per packet; the
/// answers read here are a few kilobytes).
pub const MAX_PACKET: usize = 1 << 20;
/// The most rows one query returns (the rest are read and dropped).
const MAX_ROWS: usize = 10_000;
/// The most columns a result set may declare.
const MAX_COLUMNS: u64 = 4096;

const CLIENT_LONG_PASSWORD: u32 = 0x1;
const CLIENT_LONG_FLAG: u32 = 0x4;
const CLIENT_CONNECT_WITH_DB: u32 = 0x8;
const CLIENT_PROTOCOL_41: u32 = 0x200;
const CLIENT_SSL: u32 = 0x800;
const CLIENT_TRANSACTIONS: u32 = 0x2000;
const CLIENT_SECURE_CONNECTION: u32 = 0x8000;
const CLIENT_PLUGIN_AUTH: u32 = 0x8_0000;
const CLIENT_PLUGIN_AUTH_LENENC_CLIENT_DATA: u32 = 0x20_0000;
const CLIENT_DEPRECATE_EOF: u32 = 0x100_0000;
/// utf8mb4_general_ci.
const CHARSET: u8 = 45;

trait Stream: Read + Write + Send {}
impl<T: Read + Write + Send> Stream for T {}

fn io(e: std::io::Error) -> DbError {
    DbError::Io(e.to_string())
}

fn proto(msg: impl Into<String>) -> DbError {
    DbError::Protocol(msg.into())
}

/// A cursor over one packet's payload; every read is bounds-checked.
pub struct Reader<'a> {
    data: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    pub fn new(data: &'a [u8]) -> Reader<'a> {
        Reader { data, at: 0 }
    }

    fn bytes(&mut self, n: usize) -> Result<&'a [u8], DbError> {
        let end = self
            .at
            .checked_add(n)
            .ok_or_else(|| proto("short packet"))?;
        let out = self
            .data
            .get(self.at..end)
            .ok_or_else(|| proto("short packet"))?;
        self.at = end;
        Ok(out)
    }

    fn u8(&mut self) -> Result<u8, DbError> {
        Ok(self.bytes(1)?[0])
    }

    fn u16(&mut self) -> Result<u16, DbError> {
        let b = self.bytes(2)?;
        Ok(u16::from_le_bytes([b[0], b[1]]))
    }

    fn u32(&mut self) -> Result<u32, DbError> {
        let b = self.bytes(4)?;
        Ok(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    }

    fn remaining(&self) -> usize {
        self.data.len().saturating_sub(self.at)
    }

    fn rest(&mut self) -> &'a [u8] {
        let out = self.data.get(self.at..).unwrap_or_default();
        self.at = self.data.len();
        out
    }

    /// A NUL-terminated string, or the rest of the packet when no NUL follows.
    fn nul_str(&mut self) -> &'a [u8] {
        let rest = self.data.get(self.at..).unwrap_or_default();
        match rest.iter().position(|b| *b == 0) {
            Some(n) => {
                self.at += n + 1;
                &rest[..n]
            }
            None => self.rest(),
        }
    }

    /// A length-encoded integer; `None` for the NULL marker `0xfb`.
    fn lenenc(&mut self) -> Result<Option<u64>, DbError> {
        Ok(match self.u8()? {
            0xfb => None,
            0xfc => Some(u64::from(self.u16()?)),
            0xfd => {
                let b = self.bytes(3)?;
                Some(u64::from(u32::from_le_bytes([b[0], b[1], b[2], 0])))
            }
            0xfe => {
                let b = self.bytes(8)?;
                Some(u64::from_le_bytes([
                    b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7],
                ]))
            }
            0xff => return Err(proto("a length marked 0xff")),
            n => Some(u64::from(n)),
        })
    }

    /// A length-encoded string; `None` for SQL NULL.
    fn lenenc_str(&mut self) -> Result<Option<&'a [u8]>, DbError> {
        match self.lenenc()? {
            None => Ok(None),
            Some(n) => {
                let n = usize::try_from(n).map_err(|_| proto("a huge length"))?;
                Ok(Some(self.bytes(n)?))
            }
        }
    }
}

/// The server's greeting (protocol v10).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Handshake {
    pub server_version: String,
    pub capabilities: u32,
    /// The 20-byte scramble (nonce) for password plugins.
    pub scramble: Vec<u8>,
    /// The server's default authentication plugin.
    pub auth_plugin: String,
}

/// An ERR packet's message (`[code] (sqlstate) text`).
pub fn error_text(payload: &[u8]) -> String {
    let mut r = Reader::new(payload);
    if r.u8().ok() != Some(0xff) {
        return "the server refused".into();
    }
    let code = r.u16().unwrap_or(0);
    let mut rest = r.rest();
    if rest.first() == Some(&b'#') && rest.len() >= 6 {
        rest = &rest[6..];
    }
    format!("{} (error {code})", String::from_utf8_lossy(rest).trim())
}

/// Parses the server's first packet.
pub fn parse_handshake(payload: &[u8]) -> Result<Handshake, DbError> {
    let mut r = Reader::new(payload);
    match r.u8()? {
        10 => {}
        0xff => return Err(DbError::Auth(error_text(payload))),
        v => return Err(proto(format!("protocol version {v} (only 10 is spoken)"))),
    }
    let server_version = String::from_utf8_lossy(r.nul_str()).into_owned();
    let _connection_id = r.u32()?;
    let mut scramble = r.bytes(8)?.to_vec();
    let _filler = r.u8()?;
    let mut capabilities = u32::from(r.u16()?);
    let mut auth_plugin = String::new();
    if r.remaining() > 0 {
        let _charset = r.u8()?;
        let _status = r.u16()?;
        capabilities |= u32::from(r.u16()?) << 16;
        let data_len = r.u8()?;
        let _reserved = r.bytes(10)?;
        if capabilities & CLIENT_SECURE_CONNECTION != 0 {
            let n = usize::from(data_len.saturating_sub(8)).max(13);
            let part2 = r.bytes(n.min(r.remaining()))?;
            // The second part ends with a NUL that is not part of the scramble.
            let part2 = part2.strip_suffix(&[0]).unwrap_or(part2);
            scramble.extend_from_slice(part2);
        }
        if capabilities & CLIENT_PLUGIN_AUTH != 0 {
            auth_plugin = String::from_utf8_lossy(r.nul_str()).into_owned();
        }
    }
    if capabilities & CLIENT_PROTOCOL_41 == 0 {
        return Err(proto("a server without the 4.1 protocol"));
    }
    Ok(Handshake {
        server_version,
        capabilities,
        scramble,
        auth_plugin,
    })
}

fn sha1(parts: &[&[u8]]) -> Vec<u8> {
    let mut ctx = digest::Context::new(&digest::SHA1_FOR_LEGACY_USE_ONLY);
    for p in parts {
        ctx.update(p);
    }
    ctx.finish().as_ref().to_vec()
}

fn sha256(parts: &[&[u8]]) -> Vec<u8> {
    let mut ctx = digest::Context::new(&digest::SHA256);
    for p in parts {
        ctx.update(p);
    }
    ctx.finish().as_ref().to_vec()
}

fn xor(a: &[u8], b: &[u8]) -> Vec<u8> {
    a.iter().zip(b).map(|(x, y)| x ^ y).collect()
}

/// `mysql_native_password`: SHA1(password) XOR SHA1(scramble + SHA1(SHA1(password))).
pub fn native_password(password: &str, scramble: &[u8]) -> Vec<u8> {
    if password.is_empty() {
        return Vec::new();
    }
    let stage1 = sha1(&[password.as_bytes()]);
    let stage2 = sha1(&[&stage1]);
    xor(
        &stage1,
        &sha1(&[&scramble[..scramble.len().min(20)], &stage2]),
    )
}

/// `caching_sha2_password`'s fast path: SHA256(password) XOR SHA256(SHA256(SHA256(password))
/// + scramble).
pub fn caching_sha2(password: &str, scramble: &[u8]) -> Vec<u8> {
    if password.is_empty() {
        return Vec::new();
    }
    let stage1 = sha256(&[password.as_bytes()]);
    let stage2 = sha256(&[&stage1]);
    xor(
        &stage1,
        &sha256(&[&stage2, &scramble[..scramble.len().min(20)]]),
    )
}

/// One packet of a result set, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Phase {
    Head,
    Columns(u64),
    ColumnsEof,
    Rows,
}

/// Reads a text-protocol result set from its packets (`next` yields each payload): rows of
/// text, NULL as `None`; an OK packet is an empty result, an ERR packet an error.
pub fn read_result(
    mut next: impl FnMut() -> Result<Vec<u8>, DbError>,
    deprecate_eof: bool,
) -> Result<Vec<Vec<Option<String>>>, DbError> {
    let mut rows = Vec::new();
    let mut phase = Phase::Head;
    let mut columns = 0u64;
    loop {
        let p = next()?;
        let first = *p.first().ok_or_else(|| proto("an empty packet"))?;
        if first == 0xff {
            return Err(DbError::Query(error_text(&p)));
        }
        match phase {
            Phase::Head => match first {
                0x00 => return Ok(rows),
                0xfb => return Err(proto("the server asked for a local file")),
                _ => {
                    columns = Reader::new(&p)
                        .lenenc()?
                        .ok_or_else(|| proto("no column count"))?;
                    if !(1..=MAX_COLUMNS).contains(&columns) {
                        return Err(proto(format!("{columns} columns")));
                    }
                    phase = Phase::Columns(columns);
                }
            },
            Phase::Columns(left) => {
                phase = match (left - 1, deprecate_eof) {
                    (0, true) => Phase::Rows,
                    (0, false) => Phase::ColumnsEof,
                    (n, _) => Phase::Columns(n),
                }
            }
            Phase::ColumnsEof => {
                if first != 0xfe {
                    return Err(proto("no EOF after the column definitions"));
                }
                phase = Phase::Rows;
            }
            Phase::Rows => {
                // EOF (or OK with the EOF header under CLIENT_DEPRECATE_EOF) ends the rows; a
                // row cannot start with 0xfe here, its values being shorter than a packet.
                if first == 0xfe && p.len() < 0xff_ffff {
                    return Ok(rows);
                }
                let mut r = Reader::new(&p);
                let mut row = Vec::with_capacity(usize::try_from(columns).unwrap_or(0));
                for _ in 0..columns {
                    row.push(
                        r.lenenc_str()?
                            .map(|v| String::from_utf8_lossy(v).into_owned()),
                    );
                }
                if rows.len() < MAX_ROWS {
                    rows.push(row);
                }
            }
        }
    }
}

/// An authenticated connection.
pub struct Connection {
    stream: Box<dyn Stream>,
    seq: u8,
    deprecate_eof: bool,
    /// The connection is encrypted with TLS.
    pub tls: bool,
    /// The server's version string from its greeting.
    pub server_version: String,
    /// The plugin that authenticated the account (after any switch the server asked for).
    pub auth_plugin: String,
    /// The server offered TLS (CLIENT_SSL in its greeting).
    pub server_tls: bool,
}

fn read_packet(stream: &mut dyn Stream, seq: &mut u8) -> Result<Vec<u8>, DbError> {
    let mut head = [0u8; 4];
    stream.read_exact(&mut head).map_err(io)?;
    let len = usize::from(head[0]) | usize::from(head[1]) << 8 | usize::from(head[2]) << 16;
    if len > MAX_PACKET {
        return Err(proto(format!("a packet of {len} bytes")));
    }
    *seq = head[3].wrapping_add(1);
    let mut body = vec![0u8; len];
    stream.read_exact(&mut body).map_err(io)?;
    Ok(body)
}

fn packet(seq: u8, payload: &[u8]) -> Vec<u8> {
    let len = u32::try_from(payload.len())
        .unwrap_or(u32::MAX)
        .to_le_bytes();
    let mut out = Vec::with_capacity(payload.len() + 4);
    out.extend_from_slice(&[len[0], len[1], len[2], seq]);
    out.extend_from_slice(payload);
    out
}

/// Why an authentication plugin's answer cannot be given.
fn unsupported(plugin: &str) -> DbError {
    DbError::AuthPlugin(plugin.to_string())
}

impl Connection {
    /// Connects and authenticates as the URL says.
    pub fn open(url: &DbUrl, timeout: Duration) -> Result<Connection, DbError> {
        let addr = (url.host.as_str(), url.port.unwrap_or(3306))
            .to_socket_addrs()
            .map_err(io)?
            .next()
            .ok_or_else(|| DbError::Io(format!("{} does not resolve", url.host)))?;
        let mut tcp = TcpStream::connect_timeout(&addr, timeout).map_err(io)?;
        tcp.set_read_timeout(Some(timeout)).map_err(io)?;
        tcp.set_write_timeout(Some(timeout)).map_err(io)?;
        let mut seq = 0u8;
        let greeting = read_packet(&mut tcp, &mut seq)?;
        let hs = parse_handshake(&greeting)?;
        let mut caps = CLIENT_LONG_PASSWORD
            | CLIENT_LONG_FLAG
            | CLIENT_PROTOCOL_41
            | CLIENT_TRANSACTIONS
            | CLIENT_SECURE_CONNECTION
            | CLIENT_PLUGIN_AUTH
            | CLIENT_PLUGIN_AUTH_LENENC_CLIENT_DATA
            | CLIENT_DEPRECATE_EOF;
        if url.database.is_some() {
            caps |= CLIENT_CONNECT_WITH_DB;
        }
        caps &= hs.capabilities | CLIENT_CONNECT_WITH_DB;
        let server_tls = hs.capabilities & CLIENT_SSL != 0;
        let want_tls = url.sslmode != SslMode::Disable;
        if want_tls && !server_tls && url.sslmode != SslMode::Prefer {
            return Err(DbError::TlsRefused);
        }
        let mut tls = false;
        let mut stream: Box<dyn Stream> = if want_tls && server_tls {
            caps |= CLIENT_SSL;
            let mut req = Vec::with_capacity(32);
            req.extend_from_slice(&caps.to_le_bytes());
            req.extend_from_slice(&(MAX_PACKET as u32).to_le_bytes());
            req.push(CHARSET);
            req.extend_from_slice(&[0u8; 23]);
            tcp.write_all(&packet(seq, &req)).map_err(io)?;
            seq = seq.wrapping_add(1);
            let name = rustls_pki_types::ServerName::try_from(url.host.clone())
                .map_err(|e| DbError::Tls(e.to_string()))?;
            let conn =
                rustls::ClientConnection::new(super::postgres::tls_config(url.sslmode)?, name)
                    .map_err(|e| DbError::Tls(e.to_string()))?;
            let mut s = rustls::StreamOwned::new(conn, tcp);
            while s.conn.is_handshaking() {
                s.conn
                    .complete_io(&mut s.sock)
                    .map_err(|e| DbError::Tls(e.to_string()))?;
            }
            tls = true;
            Box::new(s)
        } else {
            Box::new(tcp)
        };
        let password = url.password.clone().unwrap_or_default();
        // Answer with the server's default plugin when it is one spoken here; otherwise with
        // mysql_native_password, and the server switches to the account's plugin if needed.
        let mut plugin = match hs.auth_plugin.as_str() {
            "caching_sha2_password" => "caching_sha2_password".to_string(),
            _ => "mysql_native_password".to_string(),
        };
        let auth = match plugin.as_str() {
            "caching_sha2_password" => caching_sha2(&password, &hs.scramble),
            _ => native_password(&password, &hs.scramble),
        };
        let mut resp = Vec::with_capacity(128);
        resp.extend_from_slice(&caps.to_le_bytes());
        resp.extend_from_slice(&(MAX_PACKET as u32).to_le_bytes());
        resp.push(CHARSET);
        resp.extend_from_slice(&[0u8; 23]);
        resp.extend_from_slice(url.user.as_bytes());
        resp.push(0);
        // One length byte: a length-encoded integer below 251 (the answers are 0, 20 or 32
        // bytes) and the older 1-byte length are the same.
        resp.push(u8::try_from(auth.len()).unwrap_or(0));
        resp.extend_from_slice(&auth);
        if caps & CLIENT_CONNECT_WITH_DB != 0 {
            resp.extend_from_slice(url.database.as_deref().unwrap_or_default().as_bytes());
            resp.push(0);
        }
        if caps & CLIENT_PLUGIN_AUTH != 0 {
            resp.extend_from_slice(plugin.as_bytes());
            resp.push(0);
        }
        stream.write_all(&packet(seq, &resp)).map_err(io)?;
        stream.flush().map_err(io)?;
        let mut conn = Connection {
            stream,
            seq,
            deprecate_eof: caps & CLIENT_DEPRECATE_EOF != 0,
            tls,
            server_version: hs.server_version,
            auth_plugin: String::new(),
            server_tls,
        };
        loop {
            let p = read_packet(conn.stream.as_mut(), &mut conn.seq)?;
            match p.first().copied() {
                Some(0x00) => {
                    conn.auth_plugin = plugin;
                    return Ok(conn);
                }
                Some(0xff) => return Err(DbError::Auth(error_text(&p))),
                Some(0xfe) => {
                    // AuthSwitchRequest: the account's own plugin and a fresh scramble.
                    let mut r = Reader::new(&p[1..]);
                    plugin = String::from_utf8_lossy(r.nul_str()).into_owned();
                    let data = r.rest();
                    let scramble = data.strip_suffix(&[0]).unwrap_or(data).to_vec();
                    let answer = match plugin.as_str() {
                        "mysql_native_password" => native_password(&password, &scramble),
                        "caching_sha2_password" => caching_sha2(&password, &scramble),
                        "mysql_clear_password" | "sha256_password" if conn.tls => {
                            let mut a = password.as_bytes().to_vec();
                            a.push(0);
                            a
                        }
                        "mysql_clear_password" | "sha256_password" => {
                            return Err(clear_refused(&plugin));
                        }
                        other => return Err(unsupported(other)),
                    };
                    conn.send(&answer)?;
                }
                Some(0x01) if plugin == "caching_sha2_password" => match p.get(1) {
                    Some(3) => {} // fast authentication succeeded; OK follows
                    Some(4) if conn.tls => {
                        let mut a = password.as_bytes().to_vec();
                        a.push(0);
                        conn.send(&a)?;
                    }
                    Some(4) => return Err(clear_refused(&plugin)),
                    _ => return Err(proto("an unexpected caching_sha2_password step")),
                },
                Some(other) => {
                    return Err(proto(format!(
                        "answer {other:#x} during authentication ({plugin})"
                    )));
                }
                None => return Err(proto("an empty packet")),
            }
        }
    }

    fn send(&mut self, payload: &[u8]) -> Result<(), DbError> {
        if payload.len() >= 0xff_ffff {
            return Err(proto("a packet too large to send"));
        }
        self.stream
            .write_all(&packet(self.seq, payload))
            .map_err(io)?;
        self.seq = self.seq.wrapping_add(1);
        self.stream.flush().map_err(io)
    }

    /// Runs one read-only query (`COM_QUERY`, text protocol) and returns its rows as text.
    pub fn query(&mut self, sql: &str) -> Result<Vec<Vec<Option<String>>>, DbError> {
        self.seq = 0;
        let mut q = Vec::with_capacity(sql.len() + 1);
        q.push(0x03);
        q.extend_from_slice(sql.as_bytes());
        self.send(&q)?;
        let deprecate_eof = self.deprecate_eof;
        let stream = self.stream.as_mut();
        let seq = &mut self.seq;
        read_result(|| read_packet(stream, seq), deprecate_eof)
    }

    /// Says goodbye (`COM_QUIT`).
    pub fn close(mut self) {
        self.seq = 0;
        let _ = self.send(&[0x01]);
    }
}

fn clear_refused(plugin: &str) -> DbError {
    DbError::Auth(format!(
        "the server asks for the password in clear text ({plugin}) on a connection without TLS; \
         pyward does not send it"
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A MariaDB 10.11 greeting as it comes off the wire (capabilities with CLIENT_SSL,
    /// mysql_native_password).
    fn greeting(caps_low: u16, caps_high: u16, plugin: &str) -> Vec<u8> {
        let mut p = vec![10];
        p.extend_from_slice(b"5.5.5-10.11.14-MariaDB-0+deb12u2\0");
        p.extend_from_slice(&7u32.to_le_bytes());
        p.extend_from_slice(b"abcdefgh");
        p.push(0);
        p.extend_from_slice(&caps_low.to_le_bytes());
        p.push(45);
        p.extend_from_slice(&2u16.to_le_bytes());
        p.extend_from_slice(&caps_high.to_le_bytes());
        p.push(21);
        p.extend_from_slice(&[0; 10]);
        p.extend_from_slice(b"ijklmnopqrst\0");
        p.extend_from_slice(plugin.as_bytes());
        p.push(0);
        p
    }

    #[test]
    fn handshake() {
        let hs = parse_handshake(&greeting(0xfffe, 0x81bf, "mysql_native_password")).unwrap();
        assert_eq!(hs.server_version, "5.5.5-10.11.14-MariaDB-0+deb12u2");
        assert_eq!(hs.scramble, b"abcdefghijklmnopqrst");
        assert_eq!(hs.auth_plugin, "mysql_native_password");
        assert_ne!(hs.capabilities & CLIENT_SSL, 0);
        assert_ne!(hs.capabilities & CLIENT_PLUGIN_AUTH, 0);
        // No TLS offered.
        let hs = parse_handshake(&greeting(0xf7fe, 0x81bf, "x")).unwrap();
        assert_eq!(hs.capabilities & CLIENT_SSL, 0);
        // An ERR packet instead of a greeting (host not allowed), and truncations.
        let mut err = vec![0xff];
        err.extend_from_slice(&1130u16.to_le_bytes());
        err.extend_from_slice(b"Host '10.0.0.9' is not allowed to connect");
        let e = parse_handshake(&err).unwrap_err().to_string();
        assert!(e.contains("is not allowed") && e.contains("1130"), "{e}");
        let full = greeting(0xfffe, 0x81bf, "mysql_native_password");
        for n in [0, 1, 5, 20, 45, 50] {
            assert!(parse_handshake(&full[..n]).is_err(), "{n}");
        }
        assert!(parse_handshake(&[9, 0]).is_err());
    }

    #[test]
    fn scrambles() {
        // Computed independently with Python's hashlib for password "secret" and this nonce.
        let nonce = b"abcdefghijklmnopqrst";
        let hex = |b: Vec<u8>| b.iter().map(|x| format!("{x:02x}")).collect::<String>();
        assert_eq!(
            hex(native_password("secret", nonce)),
            "8817c50fa779daef010ee7577825b0847df9842e"
        );
        assert_eq!(
            hex(caching_sha2("secret", nonce)),
            "c76e2898612a4cf042c77fa8c4702c4c64c0c2c557c53c4d75595aaa6abae809"
        );
        assert!(native_password("", nonce).is_empty());
        assert!(caching_sha2("", nonce).is_empty());
    }

    fn lenenc_str(s: &[u8]) -> Vec<u8> {
        let mut v = vec![u8::try_from(s.len()).unwrap()];
        v.extend_from_slice(s);
        v
    }

    #[test]
    fn result_sets() {
        let column = lenenc_str(b"def");
        let mut row = lenenc_str(b"general_log");
        row.extend(lenenc_str(b"OFF"));
        let null_row = {
            let mut r = lenenc_str(b"x");
            r.push(0xfb);
            r
        };
        let eof = vec![0xfe, 0, 0, 2, 0];
        // Classic EOF framing.
        let packets = [
            vec![2],
            column.clone(),
            column.clone(),
            eof.clone(),
            row.clone(),
            null_row.clone(),
            eof.clone(),
        ];
        let mut it = packets.iter().cloned();
        let rows = read_result(|| it.next().ok_or_else(|| proto("end")), false).unwrap();
        assert_eq!(
            rows,
            vec![
                vec![Some("general_log".into()), Some("OFF".into())],
                vec![Some("x".into()), None]
            ]
        );
        // CLIENT_DEPRECATE_EOF: no EOF after the columns, an OK with 0xfe at the end.
        let packets = [
            vec![2],
            column.clone(),
            column,
            row,
            vec![0xfe, 0, 0, 2, 0, 0, 0],
        ];
        let mut it = packets.iter().cloned();
        assert_eq!(
            read_result(|| it.next().ok_or_else(|| proto("end")), true)
                .unwrap()
                .len(),
            1
        );
        // An ERR packet, an OK without rows, a LOCAL INFILE request, absurd column counts.
        let mut err = vec![0xff];
        err.extend_from_slice(&1142u16.to_le_bytes());
        err.extend_from_slice(b"#42000SELECT command denied");
        let e = read_result(|| Ok(err.clone()), true).unwrap_err();
        assert_eq!(e.to_string(), "query: SELECT command denied (error 1142)");
        assert!(
            read_result(|| Ok(vec![0, 0, 0, 2, 0]), true)
                .unwrap()
                .is_empty()
        );
        assert!(read_result(|| Ok(vec![0xfb, b'/']), true).is_err());
        assert!(read_result(|| Ok(vec![0xfe, 0xff, 0xff, 0xff, 0xff, 0, 0, 0, 0]), true).is_err());
        // A row shorter than its declared values.
        let packets = [vec![1], vec![3], vec![5, b'a']];
        let mut it = packets.iter().cloned();
        assert!(read_result(|| it.next().ok_or_else(|| proto("end")), true).is_err());
    }
}

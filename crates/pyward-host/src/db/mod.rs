//! Database posture: connect as the application does, run read-only queries, and report what
//! its role may do and how the server protects connections (`pyward host --db URL`).
//! PostgreSQL for now; the URL's password is never shown.

pub mod postgres;

use std::time::Duration;

use pyward_core::{Finding, Location, Severity};

use crate::Host;
use crate::rules::*;

/// What went wrong talking to a database.
#[derive(Debug, thiserror::Error)]
pub enum DbError {
    #[error("{0}")]
    Io(String),
    #[error("TLS: {0}")]
    Tls(String),
    #[error("the server refused TLS and the URL requires it")]
    TlsRefused,
    #[error("authentication: {0}")]
    Auth(String),
    #[error("query: {0}")]
    Query(String),
    #[error("protocol: {0}")]
    Protocol(String),
    #[error("{0}")]
    Url(String),
}

/// libpq's `sslmode`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SslMode {
    Disable,
    Prefer,
    Require,
    VerifyFull,
}

/// A parsed `postgres://` URL.
#[derive(Clone, PartialEq, Eq)]
pub struct DbUrl {
    pub host: String,
    pub port: Option<u16>,
    pub user: String,
    pub password: Option<String>,
    pub database: Option<String>,
    pub sslmode: SslMode,
}

impl std::fmt::Debug for DbUrl {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.display())
    }
}

fn percent_decode(s: &str) -> Result<String, DbError> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = s
                .get(i + 1..i + 3)
                .and_then(|h| u8::from_str_radix(h, 16).ok())
                .ok_or_else(|| DbError::Url("a bad %-escape in the URL".into()))?;
            out.push(hex);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).map_err(|_| DbError::Url("the URL is not UTF-8".into()))
}

impl DbUrl {
    /// Parses `postgres[ql]://user[:password]@host[:port][/database][?sslmode=…]`.
    pub fn parse(text: &str) -> Result<DbUrl, DbError> {
        let rest = text
            .strip_prefix("postgresql://")
            .or_else(|| text.strip_prefix("postgres://"))
            .ok_or_else(|| {
                DbError::Url("only postgres:// and postgresql:// URLs are supported".into())
            })?;
        let (rest, query) = rest.split_once('?').unwrap_or((rest, ""));
        let (authority, path) = rest.split_once('/').unwrap_or((rest, ""));
        let (userinfo, hostport) = authority
            .rsplit_once('@')
            .ok_or_else(|| DbError::Url("the URL names no user".into()))?;
        let (user, password) = match userinfo.split_once(':') {
            Some((u, p)) => (percent_decode(u)?, Some(percent_decode(p)?)),
            None => (percent_decode(userinfo)?, None),
        };
        let (host, port) = if let Some(v6) = hostport.strip_prefix('[') {
            let (h, rest) = v6
                .split_once(']')
                .ok_or_else(|| DbError::Url("an unclosed [ in the host".into()))?;
            (h.to_string(), rest.strip_prefix(':'))
        } else {
            match hostport.rsplit_once(':') {
                Some((h, p)) => (h.to_string(), Some(p)),
                None => (hostport.to_string(), None),
            }
        };
        let port = match port {
            Some(p) => Some(
                p.parse::<u16>()
                    .map_err(|_| DbError::Url(format!("a bad port `{p}`")))?,
            ),
            None => None,
        };
        if host.is_empty() || user.is_empty() {
            return Err(DbError::Url("the URL needs a host and a user".into()));
        }
        let mut sslmode = SslMode::Prefer;
        for pair in query.split('&').filter(|p| !p.is_empty()) {
            if let Some(v) = pair.strip_prefix("sslmode=") {
                sslmode = match v {
                    "disable" | "allow" => SslMode::Disable,
                    "prefer" => SslMode::Prefer,
                    "require" | "verify-ca" => SslMode::Require,
                    "verify-full" => SslMode::VerifyFull,
                    other => return Err(DbError::Url(format!("unknown sslmode `{other}`"))),
                };
            }
        }
        Ok(DbUrl {
            host,
            port,
            user,
            password,
            database: Some(percent_decode(path)?).filter(|d| !d.is_empty()),
            sslmode,
        })
    }

    /// The URL without its credentials, for messages (the role is named where it matters).
    pub fn display(&self) -> String {
        format!(
            "postgres://{}:{}/{}",
            if self.host.contains(':') {
                format!("[{}]", self.host)
            } else {
                self.host.clone()
            },
            self.port.unwrap_or(5432),
            self.database.as_deref().unwrap_or(&self.user)
        )
    }

    fn local(&self) -> bool {
        matches!(self.host.as_str(), "localhost" | "127.0.0.1" | "::1")
            || self.host.starts_with("127.")
    }
}

fn t(v: &Option<String>) -> bool {
    v.as_deref() == Some("t") || v.as_deref() == Some("on")
}

/// Checks the database behind `url` (the text of a URL, shown only without its password).
pub fn check(host: &mut Host, text: &str) {
    let url = match DbUrl::parse(text.trim()) {
        Ok(u) => u,
        Err(e) => {
            host.not_checked("database", format!("the database URL: {e}"));
            return;
        }
    };
    let place = url.display();
    host.report.inputs.push(place.clone());
    let mut conn = match postgres::Connection::open(&url, Duration::from_secs(10)) {
        Ok(c) => c,
        Err(DbError::TlsRefused) => {
            host.hit(
                &HST_DB_TLS_NOT_REQUIRED,
                format!(
                    "the server at {place} refused TLS (the URL's sslmode requires it, so \
                     the application cannot connect either)"
                ),
                Location::host(place.clone()),
            );
            return;
        }
        Err(e) => {
            host.not_checked(&place, e);
            return;
        }
    };
    if !conn.tls && host.enabled(&HST_DB_CONNECTION_PLAIN) {
        let mut f = Finding::new(
            &HST_DB_CONNECTION_PLAIN,
            format!(
                "the connection to {place} was made without TLS ({}): the password and every \
                 query cross the network in clear text",
                match url.sslmode {
                    SslMode::Disable => "the URL disables it",
                    _ => "the server declined it and the URL allows that",
                }
            ),
            Location::host(place.clone()),
        );
        if url.local() {
            f = f.with_severity(Severity::Low);
        }
        host.report.findings.push(f);
    }
    let mut ask = |host: &mut Host, sql: &str, what: &str| match conn.query(sql) {
        Ok(rows) => Some(rows),
        Err(e) => {
            host.not_checked(&format!("{place} ({what})"), e);
            None
        }
    };
    let role = ask(
        host,
        "SELECT rolsuper, rolcreaterole, rolcreatedb, rolreplication, rolbypassrls \
         FROM pg_roles WHERE rolname = current_user",
        "the role's attributes",
    );
    let mut superuser = false;
    if let Some(row) = role.and_then(|r| r.into_iter().next()) {
        superuser = t(&row[0]);
        if superuser {
            host.hit(
                &HST_DB_SUPERUSER,
                format!("the role `{}` at {place} is a superuser", url.user),
                Location::host(place.clone()),
            );
        } else {
            let names = ["CREATEROLE", "CREATEDB", "REPLICATION", "BYPASSRLS"];
            let granted: Vec<&str> = names
                .iter()
                .zip(&row[1..])
                .filter(|(_, v)| t(v))
                .map(|(n, _)| *n)
                .collect();
            if !granted.is_empty() {
                host.hit(
                    &HST_DB_POWERFUL,
                    format!(
                        "the role `{}` at {place} has {}",
                        url.user,
                        granted.join(", ")
                    ),
                    Location::host(place.clone()),
                );
            }
        }
    }
    if !superuser {
        let mut owns: Vec<String> = Vec::new();
        if let Some(rows) = ask(
            host,
            "SELECT n.nspname FROM pg_namespace n WHERE pg_get_userbyid(n.nspowner) = current_user \
             AND n.nspname <> current_user AND n.nspname <> 'information_schema' \
             AND n.nspname NOT LIKE 'pg\\_%' ORDER BY 1",
            "schema owners",
        ) {
            owns.extend(
                rows.into_iter()
                    .filter_map(|r| r.into_iter().next().flatten())
                    .map(|s| format!("owns the schema `{s}`")),
            );
        }
        if let Some(row) = ask(
            host,
            "SELECT pg_get_userbyid(datdba) = current_user, \
             has_database_privilege(current_database(), 'CREATE'), \
             has_schema_privilege('public', 'CREATE') \
             FROM pg_database WHERE datname = current_database()",
            "database rights",
        )
        .and_then(|r| r.into_iter().next())
        {
            if t(&row[0]) {
                owns.push("owns the database".into());
            } else if t(&row[1]) {
                owns.push("may create schemas in the database".into());
            }
            if t(&row[2]) && !owns.iter().any(|o| o.contains("`public`")) {
                owns.push("may create tables in the schema `public`".into());
            }
        }
        if !owns.is_empty() {
            host.hit(
                &HST_DB_OWNS_SCHEMA,
                format!(
                    "the role `{}` at {place} {}: DDL rights the running application does not \
                     need",
                    url.user,
                    owns.join(", ")
                ),
                Location::host(place.clone()),
            );
        }
    }
    let setting = |conn: &mut postgres::Connection, name: &str| conn.value(&format!("SHOW {name}"));
    let ssl = setting(&mut conn, "ssl");
    let encryption = setting(&mut conn, "password_encryption");
    let log = setting(&mut conn, "log_connections");
    match ssl {
        Ok(Some(v)) if v == "off" => host.hit(
            &HST_DB_TLS_NOT_REQUIRED,
            format!("the server at {place} has ssl = off: no connection can be encrypted"),
            Location::host(place.clone()),
        ),
        Ok(_) => {}
        Err(e) => host.not_checked(&format!("{place} (ssl)"), e),
    }
    match encryption {
        Ok(Some(v)) if v == "md5" => host.hit(
            &HST_DB_MD5,
            format!(
                "the server at {place} stores new passwords as MD5 (password_encryption = md5)"
            ),
            Location::host(place.clone()),
        ),
        Ok(_) => {}
        Err(e) => host.not_checked(&format!("{place} (password_encryption)"), e),
    }
    match log {
        Ok(Some(v)) if v == "off" => host.hit(
            &HST_DB_NO_CONNECTION_LOG,
            format!("the server at {place} has log_connections = off"),
            Location::host(place.clone()),
        ),
        Ok(_) => {}
        Err(e) => host.not_checked(&format!("{place} (log_connections)"), e),
    }
    // The host-based rules in effect; readable by superusers and pg_read_all_settings (PG 15+
    // restricts the view), otherwise "not checked".
    match conn.query(
        "SELECT type, coalesce(address, ''), auth_method, coalesce(netmask, '') \
         FROM pg_hba_file_rules WHERE error IS NULL ORDER BY line_number",
    ) {
        Ok(rows) => hba(host, &place, &rows),
        Err(e) => host.not_checked(
            &format!("{place} (pg_hba rules in effect)"),
            format!("{e}; whether plain connections and MD5 are accepted is unknown"),
        ),
    }
    conn.close();
}

/// Judges the `pg_hba.conf` rules in effect: plain `host` lines for other machines, and MD5 or
/// clear-text password methods.
fn hba(host: &mut Host, place: &str, rows: &[Vec<Option<String>>]) {
    let mut plain: Vec<String> = Vec::new();
    let mut weak: Vec<String> = Vec::new();
    for r in rows {
        let get = |i: usize| r.get(i).cloned().flatten().unwrap_or_default();
        let (kind, mut address, method) = (get(0), get(1), get(2));
        // `0.0.0.0` with netmask `0.0.0.0` is `0.0.0.0/0`.
        if let Ok(mask) = get(3).parse::<std::net::IpAddr>() {
            let bits = match mask {
                std::net::IpAddr::V4(m) => u32::from(m).count_ones(),
                std::net::IpAddr::V6(m) => u128::from(m).count_ones(),
            };
            address = format!("{address}/{bits}");
        }
        if kind == "local" || method == "reject" {
            continue;
        }
        let loopback = address.starts_with("127.") || address == "::1" || address == "samehost";
        if kind == "host" && !loopback {
            plain.push(format!(
                "{kind} {}",
                if address.is_empty() { "all" } else { &address }
            ));
        }
        if matches!(method.as_str(), "md5" | "password") && !loopback {
            weak.push(format!("{kind} {address} {method}"));
        }
    }
    if !plain.is_empty() {
        host.hit(
            &HST_DB_TLS_NOT_REQUIRED,
            format!(
                "the server at {place} accepts connections without TLS from other machines \
                 (pg_hba: {})",
                plain.join("; ")
            ),
            Location::host(place.to_string()),
        );
    }
    if !weak.is_empty() {
        host.hit(
            &HST_DB_MD5,
            format!(
                "the server at {place} authenticates remote clients with MD5 or clear-text \
                 passwords (pg_hba: {})",
                weak.join("; ")
            ),
            Location::host(place.to_string()),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls() {
        let u = DbUrl::parse("postgres://app:p%40ss%3Aw@db.internal:6543/shop?sslmode=require")
            .unwrap();
        assert_eq!(u.user, "app");
        assert_eq!(u.password.as_deref(), Some("p@ss:w"));
        assert_eq!((u.host.as_str(), u.port), ("db.internal", Some(6543)));
        assert_eq!(u.database.as_deref(), Some("shop"));
        assert_eq!(u.sslmode, SslMode::Require);
        assert_eq!(u.display(), "postgres://db.internal:6543/shop");
        assert!(
            !format!("{u:?}").contains("p@ss"),
            "Debug never shows the password"
        );
        let v6 = DbUrl::parse("postgresql://app@[::1]/x?sslmode=disable").unwrap();
        assert_eq!((v6.host.as_str(), v6.port), ("::1", None));
        assert!(v6.local());
        for bad in [
            "mysql://a@b/c",
            "postgres://b/c",
            "postgres://a@b:99999/c",
            "postgres://a@b/c?sslmode=maybe",
            "postgres://a%zz@b/c",
        ] {
            assert!(DbUrl::parse(bad).is_err(), "{bad}");
        }
    }
}

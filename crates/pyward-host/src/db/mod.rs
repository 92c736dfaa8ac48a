//! Database posture: connect as the application does, run read-only queries, and report what
//! its role may do and how the server protects connections (`pyward host --db URL`).
//! PostgreSQL (`postgres.rs`) and MySQL/MariaDB (`mysql.rs`), each with a bounded client of its
//! own; the URL's password is never shown.

pub mod mysql;
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
    #[error("auth plugin {0} unsupported")]
    AuthPlugin(String),
    #[error("query: {0}")]
    Query(String),
    #[error("protocol: {0}")]
    Protocol(String),
    #[error("{0}")]
    Url(String),
}

/// libpq's `sslmode`, and MySQL's `ssl-mode` mapped onto it (`VERIFY_CA` encrypts without
/// checking the certificate's name, as `verify-ca` does here).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SslMode {
    Disable,
    Prefer,
    Require,
    VerifyFull,
}

/// The database server a URL names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Engine {
    Postgres,
    /// MySQL and MariaDB (one wire protocol).
    Mysql,
}

impl Engine {
    fn default_port(self) -> u16 {
        match self {
            Engine::Postgres => 5432,
            Engine::Mysql => 3306,
        }
    }
}

/// A parsed `postgres://` or `mysql://` URL (SQLAlchemy's `+driver` suffix dropped).
#[derive(Clone, PartialEq, Eq)]
pub struct DbUrl {
    pub engine: Engine,
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
    /// Parses `postgres[ql]://user[:password]@host[:port][/database][?sslmode=…]` and
    /// `mysql://` / `mariadb://` URLs (`?ssl-mode=…`, `ssl_mode`, `ssl=true`, `sslmode`), with
    /// an optional SQLAlchemy driver (`postgresql+psycopg2://`, `mysql+pymysql://`).
    pub fn parse(text: &str) -> Result<DbUrl, DbError> {
        let unsupported = || {
            DbError::Url(
                "only postgres://, postgresql://, mysql:// and mariadb:// URLs are supported"
                    .into(),
            )
        };
        let (scheme, rest) = text.split_once("://").ok_or_else(unsupported)?;
        let engine = match scheme.split('+').next().unwrap_or_default() {
            "postgres" | "postgresql" => Engine::Postgres,
            "mysql" | "mariadb" => Engine::Mysql,
            _ => return Err(unsupported()),
        };
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
            let (key, v) = pair.split_once('=').unwrap_or((pair, ""));
            sslmode = match (engine, key) {
                (Engine::Postgres, "sslmode") => match v {
                    "disable" | "allow" => SslMode::Disable,
                    "prefer" => SslMode::Prefer,
                    "require" | "verify-ca" => SslMode::Require,
                    "verify-full" => SslMode::VerifyFull,
                    other => return Err(DbError::Url(format!("unknown sslmode `{other}`"))),
                },
                (Engine::Mysql, "ssl-mode" | "ssl_mode" | "sslmode") => {
                    match v.to_ascii_lowercase().replace('-', "_").as_str() {
                        "disabled" | "disable" => SslMode::Disable,
                        "preferred" | "prefer" => SslMode::Prefer,
                        "required" | "require" | "verify_ca" => SslMode::Require,
                        "verify_identity" | "verify_full" => SslMode::VerifyFull,
                        _ => return Err(DbError::Url(format!("unknown {key} `{v}`"))),
                    }
                }
                (Engine::Mysql, "ssl") => match v.to_ascii_lowercase().as_str() {
                    "true" | "1" | "on" | "yes" => SslMode::Require,
                    "false" | "0" | "off" | "no" => SslMode::Disable,
                    _ => return Err(DbError::Url(format!("unknown ssl `{v}`"))),
                },
                _ => sslmode,
            };
        }
        Ok(DbUrl {
            engine,
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
        let host = if self.host.contains(':') {
            format!("[{}]", self.host)
        } else {
            self.host.clone()
        };
        let port = self.port.unwrap_or(self.engine.default_port());
        match self.engine {
            Engine::Postgres => format!(
                "postgres://{host}:{port}/{}",
                self.database.as_deref().unwrap_or(&self.user)
            ),
            Engine::Mysql => format!(
                "mysql://{host}:{port}/{}",
                self.database.as_deref().unwrap_or_default()
            ),
        }
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
    match url.engine {
        Engine::Postgres => check_postgres(host, &url),
        Engine::Mysql => check_mysql(host, &url),
    }
}

/// The connection itself was made without TLS (low on loopback).
fn plain_connection(host: &mut Host, url: &DbUrl, place: &str, declined: &str) {
    if !host.enabled(&HST_DB_CONNECTION_PLAIN) {
        return;
    }
    let mut f = Finding::new(
        &HST_DB_CONNECTION_PLAIN,
        format!(
            "the connection to {place} was made without TLS ({}): the password and every \
             query cross the network in clear text",
            match url.sslmode {
                SslMode::Disable => "the URL disables it",
                _ => declined,
            }
        ),
        Location::host(place.to_string()),
    );
    if url.local() {
        f = f.with_severity(Severity::Low);
    }
    host.report.findings.push(f);
}

fn check_postgres(host: &mut Host, url: &DbUrl) {
    let place = url.display();
    host.report.inputs.push(place.clone());
    let mut conn = match postgres::Connection::open(url, Duration::from_secs(10)) {
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
    if !conn.tls {
        plain_connection(
            host,
            url,
            &place,
            "the server declined it and the URL allows that",
        );
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

/// Where a MySQL grant applies.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum GrantScope {
    /// `*.*`
    Global,
    /// `` `db`.* `` (the name as stored: `%`, `_` and `\` keep their LIKE meaning)
    Database(String),
    /// `` `db`.`table` ``
    Table(String),
    /// `PROCEDURE …`, `FUNCTION …`, `PROXY`
    Other,
}

/// One line of `SHOW GRANTS`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Grant {
    /// Upper case, column lists dropped: `SELECT`, `ALL PRIVILEGES`, `REPLICATION SLAVE`.
    pub privileges: Vec<String>,
    pub scope: GrantScope,
    pub grant_option: bool,
    /// `GRANT `role` TO …`: the privileges come from a role (not followed).
    pub role: Option<String>,
}

/// Splits `text` at `sep` where it is outside backticks, quotes and parentheses.
fn split_top(text: &str, sep: &str) -> Vec<String> {
    let mut out = Vec::new();
    let (mut depth, mut quote) = (0i32, None::<char>);
    let mut cur = String::new();
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '`' | '\'' | '"') => quote = Some(c),
            (None, '(') => depth += 1,
            (None, ')') => depth -= 1,
            (None, _) if depth == 0 && text[i..].starts_with(sep) => {
                out.push(std::mem::take(&mut cur));
                for _ in 1..sep.chars().count() {
                    chars.next();
                }
                continue;
            }
            _ => {}
        }
        cur.push(c);
    }
    out.push(cur);
    out
}

fn unquote(name: &str) -> String {
    let n = name.trim();
    n.strip_prefix('`')
        .and_then(|n| n.strip_suffix('`'))
        .map(|n| n.replace("``", "`"))
        .unwrap_or_else(|| n.to_string())
}

/// Parses one `SHOW GRANTS` line; `None` for what is not a `GRANT`.
pub fn parse_grant(line: &str) -> Option<Grant> {
    let rest = line.trim().strip_prefix("GRANT ")?;
    let on = split_top(rest, " ON ");
    if on.len() < 2 {
        // `GRANT `role`@`%` TO `app`@`%``
        let to = split_top(rest, " TO ");
        return Some(Grant {
            privileges: Vec::new(),
            scope: GrantScope::Other,
            grant_option: false,
            role: Some(unquote(to.first()?).replace("`@`", "@")),
        });
    }
    let privileges = split_top(&on[0], ",")
        .iter()
        .map(|p| {
            let p = p.trim();
            let p = p.split_once('(').map_or(p, |(name, _)| name).trim();
            p.to_ascii_uppercase()
        })
        .filter(|p| !p.is_empty())
        .collect();
    let after_on = on[1..].join(" ON ");
    let to = split_top(&after_on, " TO ");
    let object = to.first()?.trim();
    let tail = to[1..].join(" TO ");
    let scope = if object == "*.*" {
        GrantScope::Global
    } else if object.starts_with("PROCEDURE ")
        || object.starts_with("FUNCTION ")
        || object.starts_with("PACKAGE ")
        || object.starts_with('\'')
    {
        GrantScope::Other
    } else {
        let parts = split_top(object, ".");
        match parts.as_slice() {
            [db, t] if t.trim() == "*" => GrantScope::Database(unquote(db)),
            [db, _] => GrantScope::Table(unquote(db)),
            _ => GrantScope::Other,
        }
    };
    Some(Grant {
        privileges,
        scope,
        grant_option: split_top(&tail, " WITH ")
            .iter()
            .skip(1)
            .any(|w| w.trim_start().starts_with("GRANT OPTION")),
        role: None,
    })
}

/// MySQL's `LIKE` as grants use it for database names: `%`, `_`, and `\` escaping either.
fn like(pattern: &str, name: &str) -> bool {
    fn go(p: &[char], n: &[char]) -> bool {
        match p.first() {
            None => n.is_empty(),
            Some('%') => (0..=n.len()).any(|i| go(&p[1..], &n[i..])),
            Some('_') => !n.is_empty() && go(&p[1..], &n[1..]),
            Some('\\') if p.len() > 1 => n.first() == Some(&p[1]) && go(&p[2..], &n[1..]),
            Some(c) => n.first() == Some(c) && go(&p[1..], &n[1..]),
        }
    }
    let p: Vec<char> = pattern.chars().take(256).collect();
    let n: Vec<char> = name.chars().take(256).collect();
    go(&p, &n)
}

/// The global privileges (beyond data access) that let an account administer the server, read
/// its files or its replication stream, or hand out rights; MariaDB's and MySQL 8's finer names
/// included.
const POWERFUL: &[&str] = &[
    "CREATE USER",
    "FILE",
    "PROCESS",
    "SHUTDOWN",
    "RELOAD",
    "REPLICATION SLAVE",
    "REPLICATION CLIENT",
    "BINLOG ADMIN",
    "BINLOG MONITOR",
    "BINLOG REPLAY",
    "REPLICATION MASTER ADMIN",
    "REPLICATION SLAVE ADMIN",
    "REPLICA MONITOR",
    "SLAVE MONITOR",
    "CONNECTION ADMIN",
    "FEDERATED ADMIN",
    "READ_ONLY ADMIN",
    "SET USER",
    "CREATE TABLESPACE",
    "SYSTEM_USER",
    "SYSTEM_VARIABLES_ADMIN",
    "ROLE_ADMIN",
    "CONNECTION_ADMIN",
    "BINLOG_ADMIN",
    "REPLICATION_SLAVE_ADMIN",
    "ENCRYPTION_KEY_ADMIN",
    "AUDIT_ADMIN",
    "PERSIST_RO_VARIABLES_ADMIN",
    "SET_USER_ID",
    "SET_ANY_DEFINER",
];

/// The rights to change a database's structure.
const DDL: &[&str] = &[
    "CREATE",
    "DROP",
    "ALTER",
    "INDEX",
    "REFERENCES",
    "CREATE VIEW",
    "CREATE ROUTINE",
    "ALTER ROUTINE",
    "TRIGGER",
    "EVENT",
];

/// What `SHOW GRANTS` says about an account.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct GrantFacts {
    /// `ALL PRIVILEGES` or `SUPER` on `*.*`, as granted.
    pub superuser: Option<String>,
    pub powerful: Vec<String>,
    pub ddl: Vec<String>,
    pub roles: Vec<String>,
}

/// Judges `SHOW GRANTS` lines for an application whose database is `database`.
pub fn judge_grants(lines: &[String], database: Option<&str>) -> GrantFacts {
    let mut facts = GrantFacts::default();
    let push = |v: &mut Vec<String>, s: String| {
        if !v.contains(&s) {
            v.push(s);
        }
    };
    for g in lines.iter().filter_map(|l| parse_grant(l)) {
        if let Some(r) = g.role {
            push(&mut facts.roles, r);
            continue;
        }
        let all = g
            .privileges
            .iter()
            .any(|p| p == "ALL PRIVILEGES" || p == "ALL");
        match &g.scope {
            GrantScope::Global => {
                if all {
                    facts.superuser = Some("ALL PRIVILEGES ON *.*".into());
                } else if g.privileges.iter().any(|p| p == "SUPER") {
                    facts.superuser = Some("SUPER ON *.*".into());
                }
                for p in &g.privileges {
                    if POWERFUL.contains(&p.as_str()) {
                        push(&mut facts.powerful, p.clone());
                    }
                }
                if g.grant_option {
                    push(&mut facts.powerful, "GRANT OPTION".into());
                }
            }
            GrantScope::Database(db) | GrantScope::Table(db) if like(db, "mysql") => {
                // Writing the grant tables is creating users and granting rights.
                if all
                    || g.privileges
                        .iter()
                        .any(|p| matches!(p.as_str(), "INSERT" | "UPDATE" | "DELETE"))
                {
                    push(
                        &mut facts.powerful,
                        "write access to the `mysql` schema".into(),
                    );
                }
                continue;
            }
            _ => {}
        }
        let applies = match &g.scope {
            GrantScope::Global => true,
            GrantScope::Database(db) => database.is_some_and(|d| like(db, d)),
            _ => false,
        };
        if applies {
            let on = match &g.scope {
                GrantScope::Database(db) => format!("`{db}`.*"),
                _ => "*.*".into(),
            };
            for d in DDL {
                if all || g.privileges.iter().any(|p| p == d) {
                    push(&mut facts.ddl, format!("{d} ON {on}"));
                }
            }
        }
    }
    facts
}

/// What `SHOW CREATE USER` says: whether the account must use TLS.
fn account_requires_tls(create_user: &str) -> bool {
    split_top(create_user, " REQUIRE ").get(1).is_some_and(|r| {
        let r = r.trim_start().to_ascii_uppercase();
        ["SSL", "X509", "ISSUER", "SUBJECT", "CIPHER"]
            .iter()
            .any(|k| r.starts_with(k))
    })
}

fn check_mysql(host: &mut Host, url: &DbUrl) {
    let place = url.display();
    host.report.inputs.push(place.clone());
    let mut conn = match mysql::Connection::open(url, Duration::from_secs(10)) {
        Ok(c) => c,
        Err(DbError::TlsRefused) => {
            host.hit(
                &HST_DB_TLS_NOT_REQUIRED,
                format!(
                    "the server at {place} refused TLS (the URL's ssl-mode requires it, so the \
                     application cannot connect either)"
                ),
                Location::host(place.clone()),
            );
            return;
        }
        Err(DbError::AuthPlugin(plugin)) => {
            if plugin == "mysql_old_password" && host.enabled(&HST_DB_MD5) {
                host.report.findings.push(
                    Finding::new(
                        &HST_DB_MD5,
                        format!(
                            "the account `{}` at {place} authenticates with mysql_old_password: \
                             its password is stored with the broken pre-4.1 hash",
                            url.user
                        ),
                        Location::host(place.clone()),
                    )
                    .with_severity(Severity::High),
                );
            }
            host.not_checked(&place, DbError::AuthPlugin(plugin));
            return;
        }
        Err(e) => {
            host.not_checked(&place, e);
            return;
        }
    };
    if !conn.tls {
        plain_connection(
            host,
            url,
            &place,
            if conn.server_tls {
                "the URL allows that"
            } else {
                "the server offers none and the URL allows that"
            },
        );
    }
    let mut ask = |host: &mut Host, sql: &str, what: &str| match conn.query(sql) {
        Ok(rows) => Some(rows),
        Err(e) => {
            host.not_checked(&format!("{place} ({what})"), e);
            None
        }
    };
    let account = ask(host, "SELECT CURRENT_USER()", "the current account")
        .and_then(|r| r.into_iter().next())
        .and_then(|r| r.into_iter().next().flatten())
        .map(|a| match a.rsplit_once('@') {
            Some((u, h)) => format!("`{u}`@`{h}`"),
            None => format!("`{a}`"),
        })
        .unwrap_or_else(|| format!("`{}`", url.user));
    if let Some(rows) = ask(
        host,
        "SHOW GRANTS FOR CURRENT_USER()",
        "the account's grants",
    ) {
        let lines: Vec<String> = rows
            .into_iter()
            .filter_map(|r| r.into_iter().next().flatten())
            .collect();
        let facts = judge_grants(&lines, url.database.as_deref());
        if let Some(how) = &facts.superuser {
            host.hit(
                &HST_DB_SUPERUSER,
                format!("the account {account} at {place} has {how}: it can do anything"),
                Location::host(place.clone()),
            );
        } else {
            if !facts.powerful.is_empty() {
                host.hit(
                    &HST_DB_POWERFUL,
                    format!(
                        "the account {account} at {place} has {} on *.*",
                        facts.powerful.join(", ")
                    ),
                    Location::host(place.clone()),
                );
            }
            if !facts.ddl.is_empty() {
                host.hit(
                    &HST_DB_OWNS_SCHEMA,
                    format!(
                        "the account {account} at {place} has {}: DDL rights the running \
                         application does not need",
                        facts.ddl.join(", ")
                    ),
                    Location::host(place.clone()),
                );
            }
        }
        if !facts.roles.is_empty() {
            host.not_checked(
                &format!("{place} (privileges through roles)"),
                format!(
                    "the account has the roles {}, whose privileges are not followed",
                    facts.roles.join(", ")
                ),
            );
        }
    }
    let names = [
        "version",
        "version_comment",
        "have_ssl",
        "require_secure_transport",
        "old_passwords",
        "general_log",
        "log_output",
        "log_warnings",
        "log_error_verbosity",
        "server_audit_logging",
        "server_audit_events",
        "audit_log_policy",
        "audit_log_connection_policy",
        "audit_log_file",
    ];
    let vars: Option<std::collections::HashMap<String, String>> = ask(
        host,
        &format!(
            "SHOW GLOBAL VARIABLES WHERE Variable_name IN ({})",
            names
                .iter()
                .map(|n| format!("'{n}'"))
                .collect::<Vec<_>>()
                .join(", ")
        ),
        "server variables",
    )
    .map(|rows| {
        rows.into_iter()
            .filter_map(|r| {
                let mut it = r.into_iter();
                Some((
                    it.next().flatten()?,
                    it.next().flatten().unwrap_or_default(),
                ))
            })
            .collect()
    });
    // The account's REQUIRE clause; MySQL and MariaDB show the current user's own statement
    // without privileges, older servers may not.
    let requires_tls = match conn.query("SHOW CREATE USER CURRENT_USER()") {
        Ok(rows) => match rows
            .into_iter()
            .next()
            .and_then(|r| r.into_iter().next().flatten())
        {
            Some(stmt) => Ok(account_requires_tls(&stmt)),
            None => Err("SHOW CREATE USER returned nothing".to_string()),
        },
        Err(e) => Err(e.to_string()),
    };
    let on = |v: Option<&String>| {
        v.is_some_and(|v| matches!(v.to_ascii_uppercase().as_str(), "ON" | "1" | "YES" | "TRUE"))
    };
    if !conn.server_tls {
        let have = vars
            .as_ref()
            .and_then(|v| v.get("have_ssl"))
            .map(|v| format!(" (have_ssl = {v})"))
            .unwrap_or_default();
        host.hit(
            &HST_DB_TLS_NOT_REQUIRED,
            format!("the server at {place} offers no TLS{have}: no connection can be encrypted"),
            Location::host(place.clone()),
        );
    } else if let Some(vars) = &vars {
        let secure = vars.get("require_secure_transport");
        match (on(secure), secure.is_some(), &requires_tls) {
            (true, _, _) | (false, _, Ok(true)) => {}
            (false, _, Ok(false)) => host.hit(
                &HST_DB_TLS_NOT_REQUIRED,
                format!(
                    "the server at {place} accepts connections without TLS{} and the account \
                     {account} has no REQUIRE SSL or X509",
                    if secure.is_some() {
                        " (require_secure_transport = OFF)"
                    } else {
                        ""
                    }
                ),
                Location::host(place.clone()),
            ),
            (false, true, Err(why)) => host.hit(
                &HST_DB_TLS_NOT_REQUIRED,
                format!(
                    "the server at {place} accepts connections without TLS \
                     (require_secure_transport = OFF); whether the account {account} requires \
                     TLS is unknown ({why})"
                ),
                Location::host(place.clone()),
            ),
            (false, false, Err(why)) => host.not_checked(
                &format!("{place} (TLS required)"),
                format!(
                    "the server has no require_secure_transport and the account's REQUIRE \
                     clause is unreadable: {why}"
                ),
            ),
        }
    }
    // Password storage: the plugin that authenticated this account, and old_passwords.
    if conn.auth_plugin == "mysql_native_password" && host.enabled(&HST_DB_MD5) {
        host.report.findings.push(
            Finding::new(
                &HST_DB_MD5,
                format!(
                    "the account {account} at {place} authenticates with mysql_native_password: \
                     its password is stored as an unsalted double SHA-1 hash, fast to brute-force \
                     (MySQL deprecated the plugin in 8.0.34; caching_sha2_password, or parsec \
                     on MariaDB 11.6+, instead)"
                ),
                Location::host(place.clone()),
            )
            .with_severity(Severity::Low),
        );
    }
    if let Some(vars) = &vars {
        if on(vars.get("old_passwords")) {
            host.report.findings.push(
                Finding::new(
                    &HST_DB_MD5,
                    format!(
                        "the server at {place} has old_passwords = {}: passwords set with \
                         PASSWORD() get the broken pre-4.1 hash",
                        vars["old_passwords"]
                    ),
                    Location::host(place.clone()),
                )
                .with_severity(Severity::High),
            );
        }
        mysql_logging(host, &place, vars);
    }
    conn.close();
}

/// HST055 for MySQL/MariaDB: connections are logged by the general log, an audit plugin
/// (MariaDB's server_audit, MySQL Enterprise/Percona audit_log) or, for failed attempts, the
/// error log at `log_warnings >= 2` / `log_error_verbosity = 3`. Reported only when none is on.
fn mysql_logging(host: &mut Host, place: &str, vars: &std::collections::HashMap<String, String>) {
    let get = |n: &str| vars.get(n).map(|v| v.to_ascii_uppercase());
    let Some(general) = get("general_log") else {
        host.not_checked(
            &format!("{place} (connection logging)"),
            "the server did not show general_log",
        );
        return;
    };
    let general_on = general == "ON" && get("log_output").is_none_or(|o| !o.contains("NONE"));
    let audit_on = get("server_audit_logging").as_deref() == Some("ON")
        && get("server_audit_events")
            .is_none_or(|e| e.trim().is_empty() || e.split(',').any(|x| x.trim() == "CONNECT"));
    let enterprise = matches!(get("audit_log_policy").as_deref(), Some("ALL" | "LOGINS"))
        || matches!(
            get("audit_log_connection_policy").as_deref(),
            Some("ALL" | "ERRORS")
        );
    let warnings = get("log_warnings").and_then(|v| v.parse::<u32>().ok());
    let verbosity = get("log_error_verbosity").and_then(|v| v.parse::<u32>().ok());
    let failed = warnings.is_some_and(|w| w >= 2) || verbosity.is_some_and(|v| v >= 3);
    if general_on || audit_on || enterprise || failed {
        return;
    }
    if get("audit_log_file").is_some() && get("audit_log_policy").is_none() {
        host.not_checked(
            &format!("{place} (connection logging)"),
            "the audit_log plugin is loaded with filter rules, which are not read",
        );
        return;
    }
    let mut read = vec![format!("general_log = {general}")];
    if let Some(w) = warnings {
        read.push(format!("log_warnings = {w}"));
    }
    if let Some(v) = verbosity {
        read.push(format!("log_error_verbosity = {v}"));
    }
    read.push(
        if get("server_audit_logging").is_some() {
            "server_audit logs no CONNECT events"
        } else {
            "no audit plugin"
        }
        .into(),
    );
    host.hit(
        &HST_DB_NO_CONNECTION_LOG,
        format!(
            "the server at {place} logs no connections, not even failed ones ({})",
            read.join(", ")
        ),
        Location::host(place.to_string()),
    );
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
        let m = DbUrl::parse("mysql+pymysql://app:s%40cret@db:3307/appdb?ssl-mode=VERIFY_IDENTITY")
            .unwrap();
        assert_eq!(m.engine, Engine::Mysql);
        assert_eq!((m.host.as_str(), m.port), ("db", Some(3307)));
        assert_eq!(m.database.as_deref(), Some("appdb"));
        assert_eq!(m.sslmode, SslMode::VerifyFull);
        assert_eq!(m.display(), "mysql://db:3307/appdb");
        assert!(!format!("{m:?}").contains("s@cret") && !m.display().contains("cret"));
        for (url, mode) in [
            ("mariadb://a@h", SslMode::Prefer),
            ("mysql://a@h/d?ssl_mode=disabled", SslMode::Disable),
            ("mysql+mysqldb://a@h/d?ssl-mode=REQUIRED", SslMode::Require),
            ("mysql://a@h/d?ssl-mode=VERIFY_CA", SslMode::Require),
            ("mysql://a@h/d?charset=utf8mb4&ssl=true", SslMode::Require),
            ("mysql://a@h/d?sslmode=preferred", SslMode::Prefer),
        ] {
            let u = DbUrl::parse(url).unwrap();
            assert_eq!((u.engine, u.sslmode), (Engine::Mysql, mode), "{url}");
        }
        assert_eq!(
            DbUrl::parse("mariadb://a:pw@h").unwrap().display(),
            "mysql://h:3306/"
        );
        let p = DbUrl::parse("postgresql+psycopg2://a:pw@h/d").unwrap();
        assert_eq!(
            (p.engine, p.display().as_str()),
            (Engine::Postgres, "postgres://h:5432/d")
        );
        for bad in [
            "redis://a@b/c",
            "mysql://a@b/c?ssl-mode=MAYBE",
            "mysql://b/c",
            "postgres://b/c",
            "postgres://a@b:99999/c",
            "postgres://a@b/c?sslmode=maybe",
            "postgres://a%zz@b/c",
        ] {
            assert!(DbUrl::parse(bad).is_err(), "{bad}");
        }
    }

    fn lines(text: &str) -> Vec<String> {
        text.lines().map(str::to_string).collect()
    }

    #[test]
    fn grants() {
        // MariaDB 10.11's own output (the password hash is never part of a message).
        let all =
            lines("GRANT ALL PRIVILEGES ON *.* TO `app`@`%` IDENTIFIED BY PASSWORD '*2B60229'");
        let f = judge_grants(&all, Some("appdb"));
        assert_eq!(f.superuser.as_deref(), Some("ALL PRIVILEGES ON *.*"));
        let mixed = lines(
            "GRANT FILE, REPLICATION SLAVE, BINLOG ADMIN ON *.* TO `d`@`%` IDENTIFIED BY PASSWORD '*77B4' WITH GRANT OPTION\n\
             GRANT CREATE, DROP, ALTER ON `app\\_db%`.* TO `d`@`%`\n\
             GRANT SELECT (`user`), INSERT ON `mysql`.`user` TO `d`@`%`\n\
             GRANT `admin_role` TO `d`@`%`",
        );
        let f = judge_grants(&mixed, Some("app_db1"));
        assert_eq!(f.superuser, None);
        assert_eq!(
            f.powerful,
            [
                "FILE",
                "REPLICATION SLAVE",
                "BINLOG ADMIN",
                "GRANT OPTION",
                "write access to the `mysql` schema"
            ]
        );
        assert_eq!(
            f.ddl,
            [
                "CREATE ON `app\\_db%`.*",
                "DROP ON `app\\_db%`.*",
                "ALTER ON `app\\_db%`.*"
            ]
        );
        assert_eq!(f.roles, ["admin_role"]);
        // `app\_db%` does not match `appxdb`: the escaped underscore is literal.
        assert!(judge_grants(&mixed, Some("appxdb1")).ddl.is_empty());
        // MySQL 8 lists ALL as its privileges, SUPER among them.
        let mysql8 = lines(
            "GRANT SELECT, INSERT, SUPER, CREATE USER ON *.* TO `root`@`%` WITH GRANT OPTION",
        );
        assert_eq!(
            judge_grants(&mysql8, None).superuser.as_deref(),
            Some("SUPER ON *.*")
        );
        // Data rights on the application's database only: nothing to say.
        let least = lines(
            "GRANT USAGE ON *.* TO `ro`@`%` IDENTIFIED BY PASSWORD '*AB' REQUIRE SSL\n\
             GRANT SELECT, INSERT, UPDATE, DELETE ON `appdb`.* TO `ro`@`%`\n\
             GRANT EXECUTE ON PROCEDURE `appdb`.`p` TO `ro`@`%`\n\
             GRANT PROXY ON ''@'%' TO `ro`@`%`",
        );
        assert_eq!(judge_grants(&least, Some("appdb")), GrantFacts::default());
        // ALL on the app's database is every DDL right.
        let owner = lines("GRANT ALL PRIVILEGES ON `appdb`.* TO `o`@`%`");
        assert_eq!(judge_grants(&owner, Some("appdb")).ddl.len(), DDL.len());
        assert!(judge_grants(&owner, Some("other")).ddl.is_empty());
        assert_eq!(parse_grant("REVOKE x"), None);
    }

    #[test]
    fn require_clause() {
        assert!(account_requires_tls(
            "CREATE USER `ro`@`%` IDENTIFIED BY PASSWORD '*AB' REQUIRE SSL"
        ));
        assert!(account_requires_tls(
            "CREATE USER `a`@`%` IDENTIFIED WITH 'caching_sha2_password' AS 'x' REQUIRE X509 PASSWORD EXPIRE DEFAULT"
        ));
        assert!(!account_requires_tls(
            "CREATE USER `a`@`%` IDENTIFIED WITH 'caching_sha2_password' AS ' REQUIRE SSL' REQUIRE NONE PASSWORD EXPIRE DEFAULT"
        ));
        assert!(!account_requires_tls(
            "CREATE USER `app`@`%` IDENTIFIED BY PASSWORD '*2B'"
        ));
    }
}

//! A Python app's exposures: paths probed once per origin at its root, each recognised by what
//! its answer contains, never by a 200 alone. A random path that cannot exist is requested
//! first; an answer that is the same page as that one (a soft 404, an SPA's index) never counts.
//!
//! Every function here is pure: it judges recorded [`Exchange`]s.

use pyward_core::{Finding, RuleMeta};

use crate::checks::finding;
use crate::http::Exchange;
use crate::rules::*;

/// What a probed path may hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    SwaggerUi,
    Redoc,
    Schema,
    WerkzeugConsole,
    DjangoAdmin,
    DotEnv,
    GitHead,
    GitConfig,
    Backup,
    ServerStatus,
    Listing,
}

/// One path requested at the origin's root.
#[derive(Debug, Clone, Copy)]
pub struct Target {
    pub path: &'static str,
    pub kind: Kind,
}

impl Target {
    /// Only the first bytes are needed (archives and dumps are recognised by their start).
    pub fn head_only(&self) -> bool {
        self.kind == Kind::Backup
    }
}

/// The bytes asked for (with `Range`) and read from a backup candidate.
pub const HEAD_BYTES: u64 = 4096;

const fn t(path: &'static str, kind: Kind) -> Target {
    Target { path, kind }
}

/// Every path probed, in the order sent. The backup names are the documented short list of
/// PRB035.
pub const TARGETS: &[Target] = &[
    t("/docs", Kind::SwaggerUi),
    t("/redoc", Kind::Redoc),
    t("/openapi.json", Kind::Schema),
    t("/console", Kind::WerkzeugConsole),
    t("/admin/login/", Kind::DjangoAdmin),
    t("/.env", Kind::DotEnv),
    t("/.git/HEAD", Kind::GitHead),
    t("/.git/config", Kind::GitConfig),
    t("/backup.zip", Kind::Backup),
    t("/backup.tar.gz", Kind::Backup),
    t("/backup.sql", Kind::Backup),
    t("/dump.sql", Kind::Backup),
    t("/db.sql", Kind::Backup),
    t("/database.sql", Kind::Backup),
    t("/db.sqlite3", Kind::Backup),
    t("/site.zip", Kind::Backup),
    t("/server-status", Kind::ServerStatus),
    t("/nginx_status", Kind::ServerStatus),
    t("/static/", Kind::Listing),
    t("/media/", Kind::Listing),
    t("/uploads/", Kind::Listing),
];

fn ok(ex: &Exchange) -> bool {
    (200..300).contains(&ex.status)
}

fn text(ex: &Exchange) -> std::borrow::Cow<'_, str> {
    String::from_utf8_lossy(&ex.body)
}

/// An HTML page, by its start or its content type.
fn is_html(ex: &Exchange) -> bool {
    let start: String = text(ex)
        .trim_start()
        .chars()
        .take(512)
        .collect::<String>()
        .to_ascii_lowercase();
    start.starts_with('<') && (start.contains("<html") || start.starts_with("<!doctype"))
        || ex
            .header("content-type")
            .is_some_and(|c| c.to_ascii_lowercase().contains("text/html"))
}

/// `ex` is the same page the origin gives for a path that cannot exist.
pub fn is_soft_404(ex: &Exchange, not_found: Option<&Exchange>) -> bool {
    let Some(nf) = not_found else {
        return false;
    };
    if !ok(nf) || ex.status != nf.status {
        return false;
    }
    // The page may echo the path it was asked for.
    let strip = |e: &Exchange| {
        let path = e
            .url
            .split_once("://")
            .map_or("", |(_, r)| r.find('/').map_or("", |i| &r[i..]));
        let body = text(e).into_owned();
        if path.len() > 1 {
            body.replace(path, "")
        } else {
            body
        }
    };
    strip(ex) == strip(nf)
}

/// What the answer to `target` shows, when it shows its exposure: a short description that
/// never holds a secret.
pub fn recognise(target: &Target, ex: &Exchange, http_origin: bool) -> Option<String> {
    let body = text(ex);
    match target.kind {
        Kind::SwaggerUi => (ok(ex)
            && (body.contains("SwaggerUIBundle") || body.contains("id=\"swagger-ui\"")))
        .then(|| "Swagger UI".to_string()),
        Kind::Redoc => (ok(ex)
            && (body.contains("<redoc") || body.contains("redoc.standalone.js")))
        .then(|| "ReDoc".to_string()),
        Kind::Schema => schema_summary(ex),
        Kind::WerkzeugConsole => werkzeug(ex),
        Kind::DjangoAdmin => (http_origin
            && ok(ex)
            && body.contains("csrfmiddlewaretoken")
            && (body.contains("id=\"login-form\"")
                || body.contains("Django site admin")
                || body.contains("Django administration")))
        .then(|| "the Django admin login form, without TLS".to_string()),
        Kind::DotEnv => dotenv(ex),
        Kind::GitHead => {
            let head = body.trim();
            let id = (head.len() == 40 || head.len() == 64)
                && head.chars().all(|c| c.is_ascii_hexdigit());
            let r =
                head.starts_with("ref: refs/") && !head.contains('<') && head.lines().count() == 1;
            (ok(ex) && (id || r)).then(|| {
                if r {
                    format!("a Git HEAD (`{}`)", clip(head, 60))
                } else {
                    "a Git HEAD (a detached commit)".to_string()
                }
            })
        }
        Kind::GitConfig => (ok(ex)
            && !is_html(ex)
            && body.contains("[core]")
            && (body.contains("repositoryformatversion") || body.contains("bare")))
        .then(|| "a Git config with a [core] section".to_string()),
        Kind::Backup => backup(ex),
        Kind::ServerStatus => {
            if !ok(ex) {
                None
            } else if body.contains("Apache Server Status for") {
                Some("Apache's mod_status page".to_string())
            } else if body.contains("Active connections:")
                && body.contains("server accepts handled requests")
            {
                Some("nginx stub_status counters".to_string())
            } else {
                None
            }
        }
        Kind::Listing => listing(ex),
    }
}

/// An OpenAPI or Swagger document: its version and operation count.
fn schema_summary(ex: &Exchange) -> Option<String> {
    if !ok(ex) || is_html(ex) {
        return None;
    }
    let doc = crate::openapi::parse(&text(ex)).ok()?;
    let version = crate::openapi::version(&doc)?;
    let operations = crate::openapi::operation_count(&doc);
    Some(format!(
        "an OpenAPI {version} document with {operations} operations"
    ))
}

fn werkzeug(ex: &Exchange) -> Option<String> {
    let body = text(ex);
    if !(body.contains("Werkzeug Debugger") && body.contains("__debugger__")) {
        return None;
    }
    Some(if body.contains("CONSOLE_MODE = true") {
        "the Werkzeug debugger console".to_string()
    } else {
        "a Werkzeug debugger traceback".to_string()
    })
}

/// `NAME=value` lines, at least four in five of the meaningful lines; only the names are kept.
fn dotenv(ex: &Exchange) -> Option<String> {
    if !ok(ex) || is_html(ex) || ex.body.contains(&0) {
        return None;
    }
    let body = text(ex);
    let mut names = Vec::new();
    let mut other = 0usize;
    for line in body.lines().map(str::trim) {
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let line = line.strip_prefix("export ").unwrap_or(line).trim_start();
        match line.split_once('=') {
            Some((name, _))
                if !name.trim().is_empty()
                    && name
                        .trim()
                        .starts_with(|c: char| c.is_ascii_alphabetic() || c == '_')
                    && name
                        .trim()
                        .chars()
                        .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '.') =>
            {
                names.push(name.trim().to_string())
            }
            _ => other += 1,
        }
    }
    if names.is_empty() || names.len() < 4 * other {
        return None;
    }
    let shown: Vec<String> = names.iter().take(6).map(|n| clip(n, 40)).collect();
    let more = names.len().saturating_sub(shown.len());
    Some(format!(
        "a .env file with {} variable{} ({}{})",
        names.len(),
        if names.len() == 1 { "" } else { "s" },
        shown.join(", "),
        if more > 0 {
            format!(", {more} more")
        } else {
            String::new()
        }
    ))
}

/// An archive, a SQLite database or an SQL dump, by its first bytes.
fn backup(ex: &Exchange) -> Option<String> {
    if !ok(ex) {
        return None;
    }
    let b = &ex.body;
    let what = if b.starts_with(b"PK\x03\x04") {
        "a ZIP archive"
    } else if b.starts_with(&[0x1f, 0x8b]) {
        "a gzip archive"
    } else if b.starts_with(b"SQLite format 3\0") {
        "an SQLite database"
    } else if !is_html(ex) && !b.contains(&0) {
        let body = text(ex);
        let dump_header = [
            "-- MySQL dump",
            "PostgreSQL database dump",
            "-- MariaDB dump",
        ]
        .iter()
        .any(|h| body.contains(h));
        let upper = body.to_ascii_uppercase();
        if dump_header || upper.contains("CREATE TABLE") || upper.contains("INSERT INTO") {
            "an SQL dump"
        } else {
            return None;
        }
    } else {
        return None;
    };
    let size = ex
        .header("content-range")
        .and_then(|r| r.rsplit('/').next())
        .or_else(|| ex.header("content-length").filter(|_| ex.status == 200))
        .and_then(|n| n.trim().parse::<u64>().ok());
    Some(match size {
        Some(n) => format!("{what} of {}", human_size(n)),
        None => what.to_string(),
    })
}

fn human_size(n: u64) -> String {
    if n >= 1 << 20 {
        format!("{:.1} MiB", n as f64 / f64::from(1u32 << 20))
    } else if n >= 1 << 10 {
        format!("{:.1} KiB", n as f64 / 1024.0)
    } else {
        format!("{n} bytes")
    }
}

/// An automatic directory listing: nginx's autoindex, Apache's, Python's `http.server`.
pub fn listing(ex: &Exchange) -> Option<String> {
    if !ok(ex) {
        return None;
    }
    let body = text(ex);
    let head: String = body.chars().take(4096).collect();
    if let Some(i) = head.find("<title>Index of /") {
        let dir = head[i + 16..].split('<').next().unwrap_or("/");
        return Some(format!("a directory listing of `{}`", clip(dir, 80)));
    }
    if let Some(i) = head.find("Directory listing for /") {
        let dir = head[i + 22..].split(['<', '\n']).next().unwrap_or("/");
        return Some(format!(
            "a directory listing of `{}` (Python's http.server)",
            clip(dir, 80)
        ));
    }
    None
}

/// Django's technical 404 (the URLconf listing) or 500 (the traceback) page.
pub fn django_debug(ex: &Exchange) -> Option<String> {
    let body = text(ex);
    let debug_404 = body.contains("<code>DEBUG = True</code>")
        && (body.contains("Using the URLconf defined in") || body.contains("Django settings file"));
    let debug_500 = body.contains("Django Version:")
        && (body.contains("id=\"traceback\"") || body.contains("Traceback"));
    if debug_500 {
        Some(format!(
            "Django's technical 500 page (traceback and settings), status {}",
            ex.status
        ))
    } else if debug_404 {
        Some(format!(
            "Django's technical 404 page (the URL patterns), status {}",
            ex.status
        ))
    } else {
        None
    }
}

/// The schema URL a Swagger UI page (`url: '…'`) or a ReDoc page (`spec-url="…"`) loads.
pub fn schema_url_in_page(ex: &Exchange) -> Option<String> {
    let body = text(ex);
    for marker in ["spec-url=", "url:"] {
        let mut rest = &body[..];
        while let Some(i) = rest.find(marker) {
            let after = rest[i + marker.len()..].trim_start();
            rest = &rest[i + marker.len()..];
            let Some(q) = after.chars().next().filter(|c| *c == '\'' || *c == '"') else {
                continue;
            };
            let value = after[1..].split(q).next().unwrap_or("");
            let lower = value.to_ascii_lowercase();
            if value.len() < 300
                && !value.contains(char::is_whitespace)
                && (lower.ends_with(".json")
                    || lower.ends_with(".yaml")
                    || lower.ends_with(".yml")
                    || lower.contains("openapi")
                    || lower.contains("swagger")
                    || lower.contains("schema"))
            {
                return Some(value.to_string());
            }
        }
    }
    None
}

/// The rule a kind of exposure reports under.
pub fn rule_of(kind: Kind) -> &'static RuleMeta {
    match kind {
        Kind::SwaggerUi | Kind::Redoc | Kind::Schema => &PRB_API_DOCS_EXPOSED,
        Kind::WerkzeugConsole => &PRB_WERKZEUG_DEBUGGER,
        Kind::DjangoAdmin => &PRB_DJANGO_ADMIN_OVER_HTTP,
        Kind::DotEnv => &PRB_DOTENV_EXPOSED,
        Kind::GitHead | Kind::GitConfig => &PRB_GIT_EXPOSED,
        Kind::Backup => &PRB_BACKUP_EXPOSED,
        Kind::ServerStatus => &PRB_SERVER_STATUS_EXPOSED,
        Kind::Listing => &PRB_DIRECTORY_LISTING,
    }
}

/// The score deduction of an exposure rule (the first finding of a rule on an origin takes it).
pub fn deduction(rule: &RuleMeta) -> u32 {
    match rule.code {
        "PRB030" | "PRB033" => 100,
        "PRB031" | "PRB034" | "PRB035" => 40,
        "PRB032" => 20,
        "PRB036" | "PRB037" => 10,
        _ => 5,
    }
}

/// The finding for `target`'s answer, when it shows the exposure.
pub fn check(
    target: &Target,
    ex: &Exchange,
    not_found: Option<&Exchange>,
    http_origin: bool,
) -> Option<Finding> {
    if is_soft_404(ex, not_found) {
        return None;
    }
    let what = recognise(target, ex, http_origin)?;
    let rule = rule_of(target.kind);
    Some(
        finding(
            rule,
            format!("{} serves {what}", target.path),
            &ex.url,
            deduction(rule),
        )
        .with_key(target.path),
    )
}

/// What any fetched page shows by itself: the Werkzeug debugger, Django's debug pages, a
/// directory listing.
/// `page` names the page in messages (`/`, or "a path that does not exist"), so that a
/// random path never makes a message, or a finding's identity, change from run to run.
pub fn page_findings(ex: &Exchange, page: &str) -> Vec<Finding> {
    let mut out = Vec::new();
    let path = page;
    if let Some(what) = werkzeug(ex) {
        out.push(finding(
            &PRB_WERKZEUG_DEBUGGER,
            format!("{} shows {what}", clip(path, 80)),
            &ex.url,
            deduction(&PRB_WERKZEUG_DEBUGGER),
        ));
    }
    if let Some(what) = django_debug(ex) {
        out.push(finding(
            &PRB_DJANGO_DEBUG_PAGE,
            format!("{} shows {what}", clip(path, 80)),
            &ex.url,
            deduction(&PRB_DJANGO_DEBUG_PAGE),
        ));
    }
    if let Some(what) = listing(ex) {
        out.push(finding(
            &PRB_DIRECTORY_LISTING,
            format!("{} shows {what}", clip(path, 80)),
            &ex.url,
            deduction(&PRB_DIRECTORY_LISTING),
        ));
    }
    out
}

fn clip(s: &str, n: usize) -> String {
    s.chars()
        .filter(|c| !c.is_control())
        .take(n)
        .collect::<String>()
}

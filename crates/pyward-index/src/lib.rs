//! A small client for Python package indexes.
//!
//! It asks for a project's page with the PEP 691 JSON simple API
//! (`application/vnd.pypi.simple.v1+json`) and falls back to the PEP 503 HTML page for servers
//! that only speak HTML. From that page it answers what `pyward deps` needs: the file hashes of
//! one release (for `--fix`), whether a release is yanked (PEP 592) and the project's status
//! (PEP 792: active, archived, quarantined, deprecated).
//!
//! Credentials in an index URL (`https://user:token@host/simple`) are sent as HTTP basic
//! authentication and never appear in errors.

use std::collections::BTreeMap;
use std::str::FromStr;
use std::time::Duration;

use pep440_rs::Version;
use serde_json::Value;

/// The content types asked for, JSON first.
const ACCEPT: &str = "application/vnd.pypi.simple.v1+json, application/vnd.pypi.simple.v1+html;q=0.2, text/html;q=0.01";

/// Why the index could not answer. Every variant names the (redacted) URL.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum IndexError {
    #[error("{url}: project not found on the index")]
    NotFound { url: String },
    #[error("{url}: {message}")]
    Http { url: String, message: String },
    #[error("{url}: invalid index response: {message}")]
    Invalid { url: String, message: String },
}

/// One distribution file of a project.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DistFile {
    pub filename: String,
    pub url: String,
    /// Hash algorithm → hex digest.
    pub hashes: BTreeMap<String, String>,
    /// `Some(reason)` when yanked (the reason may be empty).
    pub yanked: Option<String>,
}

impl DistFile {
    /// The version in a wheel or sdist file name, if it can be read.
    pub fn version(&self) -> Option<String> {
        version_from_filename(&self.filename)
    }
}

/// A project's status marker (PEP 792).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProjectStatus {
    /// `active`, `archived`, `quarantined`, `deprecated`, or what the index says.
    pub status: String,
    pub reason: Option<String>,
}

/// A project page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Project {
    pub name: String,
    pub files: Vec<DistFile>,
    /// `None` when the index does not report a status (treated as active).
    pub status: Option<ProjectStatus>,
}

fn same_version(a: &str, b: &str) -> bool {
    match (Version::from_str(a), Version::from_str(b)) {
        (Ok(x), Ok(y)) => x == y,
        _ => a.eq_ignore_ascii_case(b),
    }
}

impl Project {
    /// The files of one release.
    pub fn files_for<'a>(&'a self, version: &'a str) -> impl Iterator<Item = &'a DistFile> + 'a {
        self.files
            .iter()
            .filter(move |f| f.version().is_some_and(|v| same_version(&v, version)))
    }

    /// `sha256:<hex>` for every file of the release, in file-name order, deduplicated.
    pub fn sha256_hashes(&self, version: &str) -> Vec<String> {
        let mut files: Vec<&DistFile> = self.files_for(version).collect();
        files.sort_by(|a, b| a.filename.cmp(&b.filename));
        let mut out: Vec<String> = files
            .iter()
            .filter_map(|f| f.hashes.get("sha256").map(|h| format!("sha256:{h}")))
            .collect();
        out.dedup();
        out
    }

    /// `Some(reason)` when every file of the release is yanked (a release with one yanked
    /// file among others is still installable).
    pub fn yanked(&self, version: &str) -> Option<String> {
        let files: Vec<&DistFile> = self.files_for(version).collect();
        if files.is_empty() || files.iter().any(|f| f.yanked.is_none()) {
            return None;
        }
        Some(
            files
                .iter()
                .filter_map(|f| f.yanked.clone())
                .find(|r| !r.is_empty())
                .unwrap_or_default(),
        )
    }
}

/// The version field of a wheel (`name-ver-...whl`) or sdist (`name-ver.tar.gz`) file name.
pub fn version_from_filename(filename: &str) -> Option<String> {
    if let Some(stem) = filename.strip_suffix(".whl") {
        return stem.split('-').nth(1).map(str::to_string);
    }
    let stem = [".tar.gz", ".zip", ".tar.bz2", ".tgz", ".tar.xz", ".tar"]
        .iter()
        .find_map(|ext| filename.strip_suffix(ext))?;
    stem.rsplit_once('-').map(|(_, v)| v.to_string())
}

/// PEP 503 name normalization.
pub use pyward_core::normalize_package_name as normalize;

/// `url` with any user information replaced by `****`.
pub fn redact_url(url: &str) -> String {
    match split_credentials(url) {
        (clean, Some(_)) => match clean.split_once("://") {
            Some((scheme, rest)) => format!("{scheme}://****@{rest}"),
            None => clean,
        },
        (clean, None) => clean,
    }
}

/// Splits `https://user:pass@host/...` into (`https://host/...`, Some((user, pass))).
fn split_credentials(url: &str) -> (String, Option<(String, String)>) {
    let Some(i) = url.find("://") else {
        return (url.to_string(), None);
    };
    let rest = &url[i + 3..];
    let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let authority = &rest[..end];
    let Some(at) = authority.rfind('@') else {
        return (url.to_string(), None);
    };
    let userinfo = &authority[..at];
    let (user, pass) = userinfo.split_once(':').unwrap_or((userinfo, ""));
    (
        format!("{}{}{}", &url[..i + 3], &authority[at + 1..], &rest[end..]),
        Some((percent_decode(user), percent_decode(pass))),
    )
}

fn percent_decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%'
            && i + 2 < b.len()
            && let Ok(v) = u8::from_str_radix(&s[i + 1..i + 3], 16)
        {
            out.push(v);
            i += 3;
            continue;
        }
        out.push(b[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn base64(bytes: &[u8]) -> String {
    const A: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::new();
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(A[((n >> (18 - 6 * i)) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// A client for one index (the "simple" root, e.g. `https://pypi.org/simple`).
#[derive(Debug, Clone)]
pub struct IndexClient {
    agent: ureq::Agent,
    base: String,
    auth: Option<String>,
    shown: String,
}

impl IndexClient {
    /// A client with a 30-second overall timeout per request.
    pub fn new(index_url: &str) -> IndexClient {
        let (clean, creds) = split_credentials(index_url.trim());
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .timeout_global(Some(Duration::from_secs(30)))
            .http_status_as_error(false)
            .user_agent(concat!("pyward/", env!("CARGO_PKG_VERSION")))
            .build()
            .into();
        IndexClient {
            agent,
            base: clean.trim_end_matches('/').to_string(),
            auth: creds.map(|(u, p)| format!("Basic {}", base64(format!("{u}:{p}").as_bytes()))),
            shown: redact_url(index_url.trim())
                .trim_end_matches('/')
                .to_string(),
        }
    }

    /// The index URL as it may be shown (credentials redacted).
    pub fn display_url(&self) -> &str {
        &self.shown
    }

    /// Fetches a project's page.
    pub fn project(&self, name: &str) -> Result<Project, IndexError> {
        let name = normalize(name);
        let url = format!("{}/{name}/", self.base);
        let shown = format!("{}/{name}/", self.shown);
        let mut request = self.agent.get(&url).header("Accept", ACCEPT);
        if let Some(auth) = &self.auth {
            request = request.header("Authorization", auth);
        }
        let mut response = request.call().map_err(|e| IndexError::Http {
            url: shown.clone(),
            message: e.to_string(),
        })?;
        let status = response.status().as_u16();
        if status == 404 {
            return Err(IndexError::NotFound { url: shown });
        }
        if !(200..300).contains(&status) {
            return Err(IndexError::Http {
                url: shown,
                message: format!("HTTP {status}"),
            });
        }
        let content_type = response
            .headers()
            .get("content-type")
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
            .to_ascii_lowercase();
        let body = response
            .body_mut()
            .with_config()
            .limit(64 * 1024 * 1024)
            .read_to_string()
            .map_err(|e| IndexError::Http {
                url: shown.clone(),
                message: e.to_string(),
            })?;
        if content_type.contains("json") {
            parse_json(&body, &name).map_err(|message| IndexError::Invalid {
                url: shown,
                message,
            })
        } else {
            Ok(parse_html(&body, &name, &url))
        }
    }
}

/// Parses a PEP 691 JSON project page.
pub fn parse_json(body: &str, name: &str) -> Result<Project, String> {
    let v: Value = serde_json::from_str(body).map_err(|e| e.to_string())?;
    let files = v
        .get("files")
        .and_then(Value::as_array)
        .ok_or("no `files` array")?
        .iter()
        .filter_map(|f| {
            let filename = f.get("filename")?.as_str()?.to_string();
            let url = f
                .get("url")
                .and_then(Value::as_str)
                .unwrap_or("")
                .to_string();
            let hashes = f
                .get("hashes")
                .and_then(Value::as_object)
                .map(|m| {
                    m.iter()
                        .filter_map(|(k, v)| {
                            Some((k.to_ascii_lowercase(), v.as_str()?.to_ascii_lowercase()))
                        })
                        .collect()
                })
                .unwrap_or_default();
            let yanked = match f.get("yanked") {
                Some(Value::Bool(true)) => Some(String::new()),
                Some(Value::String(reason)) => Some(reason.clone()),
                _ => None,
            };
            Some(DistFile {
                filename,
                url,
                hashes,
                yanked,
            })
        })
        .collect();
    let status_value = v
        .get("project-status")
        .or_else(|| v.pointer("/meta/project-status"));
    let status = status_value.and_then(|s| match s {
        Value::String(status) => Some(ProjectStatus {
            status: status.clone(),
            reason: None,
        }),
        Value::Object(m) => Some(ProjectStatus {
            status: m.get("status")?.as_str()?.to_string(),
            reason: m.get("reason").and_then(Value::as_str).map(str::to_string),
        }),
        _ => None,
    });
    Ok(Project {
        name: v
            .get("name")
            .and_then(Value::as_str)
            .map(normalize)
            .unwrap_or_else(|| name.to_string()),
        files,
        status,
    })
}

fn html_unescape(s: &str) -> String {
    s.replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

fn attr(tag: &str, name: &str) -> Option<String> {
    let lower = tag.to_ascii_lowercase();
    let mut from = 0;
    while let Some(i) = lower[from..].find(name) {
        let at = from + i;
        let before_ok = at == 0 || lower.as_bytes()[at - 1].is_ascii_whitespace();
        let rest = lower[at + name.len()..].trim_start();
        if before_ok && rest.starts_with('=') {
            let offset = tag.len() - rest.len() + 1;
            let value = tag[offset..].trim_start();
            let (q, body) = match value.chars().next() {
                Some(q @ ('"' | '\'')) => (Some(q), &value[1..]),
                _ => (None, value),
            };
            let end = match q {
                Some(q) => body.find(q).unwrap_or(body.len()),
                None => body
                    .find(|c: char| c.is_whitespace() || c == '>')
                    .unwrap_or(body.len()),
            };
            return Some(html_unescape(&body[..end]));
        }
        if before_ok && !rest.starts_with('=') && name.starts_with("data-") {
            // A bare boolean attribute (`data-yanked`).
            return Some(String::new());
        }
        from = at + name.len();
    }
    None
}

/// Parses a PEP 503 HTML project page (`<a href="...#sha256=..." data-yanked="...">`).
pub fn parse_html(body: &str, name: &str, page_url: &str) -> Project {
    let mut files = Vec::new();
    let mut rest = body;
    while let Some(i) = rest.to_ascii_lowercase().find("<a ") {
        let after = &rest[i..];
        let Some(end) = after.find('>') else { break };
        let tag = &after[..end];
        let close = after[end..]
            .to_ascii_lowercase()
            .find("</a>")
            .map(|c| end + c);
        let text = close.map(|c| after[end + 1..c].trim()).unwrap_or("");
        if let Some(href) = attr(tag, "href") {
            let (url, fragment) = href.split_once('#').unwrap_or((&href, ""));
            let mut hashes = BTreeMap::new();
            if let Some((algo, hex)) = fragment.split_once('=') {
                hashes.insert(algo.to_ascii_lowercase(), hex.to_ascii_lowercase());
            }
            let filename = if text.is_empty() {
                url.rsplit('/').next().unwrap_or(url).to_string()
            } else {
                html_unescape(text)
            };
            files.push(DistFile {
                filename,
                url: join_url(page_url, url),
                hashes,
                yanked: attr(tag, "data-yanked"),
            });
        }
        rest = &after[end..];
    }
    let status = attr(body.split("<a ").next().unwrap_or(""), "content")
        .filter(|_| body.contains("pypi:project-status\""))
        .map(|status| ProjectStatus {
            status,
            reason: None,
        });
    Project {
        name: name.to_string(),
        files,
        status,
    }
}

fn join_url(base: &str, href: &str) -> String {
    if href.contains("://") {
        return href.to_string();
    }
    if let Some(path) = href.strip_prefix('/') {
        let origin_end = base
            .find("://")
            .and_then(|i| base[i + 3..].find('/').map(|j| i + 3 + j))
            .unwrap_or(base.len());
        return format!("{}/{path}", &base[..origin_end]);
    }
    let dir = match base.rfind('/') {
        Some(i) => &base[..=i],
        None => base,
    };
    format!("{dir}{href}")
}

/// The index a project installs from, in the order pip and uv would use it: explicit indexes
/// (a requirements file's `--index-url`, `[[tool.uv.index]]` with `default = true`, Poetry
/// sources, `[tool.pyward.deps] indexes`), then `UV_DEFAULT_INDEX`, `UV_INDEX_URL`,
/// `PIP_INDEX_URL`, the `index-url` of a pip configuration file, and finally PyPI.
pub fn resolve_index(explicit: &[String], env: &dyn Fn(&str) -> Option<String>) -> String {
    if let Some(first) = explicit.iter().find(|u| !u.trim().is_empty()) {
        return first.clone();
    }
    for var in ["UV_DEFAULT_INDEX", "UV_INDEX_URL", "PIP_INDEX_URL"] {
        if let Some(v) = env(var).filter(|v| !v.trim().is_empty()) {
            return v;
        }
    }
    if let Some(v) = pip_config_index(env) {
        return v;
    }
    "https://pypi.org/simple".to_string()
}

/// `index-url` from pip's configuration files (`PIP_CONFIG_FILE`, then the user's
/// `~/.config/pip/pip.conf` and `~/.pip/pip.conf`, then `/etc/pip.conf`).
fn pip_config_index(env: &dyn Fn(&str) -> Option<String>) -> Option<String> {
    let mut candidates: Vec<std::path::PathBuf> = Vec::new();
    if let Some(f) = env("PIP_CONFIG_FILE") {
        candidates.push(f.into());
    }
    if let Some(home) = env("HOME") {
        let home = std::path::PathBuf::from(home);
        let xdg = env("XDG_CONFIG_HOME")
            .map(std::path::PathBuf::from)
            .unwrap_or_else(|| home.join(".config"));
        candidates.push(xdg.join("pip/pip.conf"));
        candidates.push(home.join(".pip/pip.conf"));
    }
    candidates.push("/etc/pip.conf".into());
    candidates.iter().find_map(|p| {
        std::fs::read_to_string(p)
            .ok()
            .and_then(|t| ini_index_url(&t))
    })
}

/// `index-url` under `[global]` or `[install]` of a pip.conf.
pub fn ini_index_url(text: &str) -> Option<String> {
    let mut section = String::new();
    for line in text.lines() {
        let line = line.trim();
        if line.starts_with('[') {
            section = line.trim_matches(['[', ']']).trim().to_ascii_lowercase();
            continue;
        }
        if !(section == "global" || section == "install") {
            continue;
        }
        if let Some((k, v)) = line.split_once(['=', ':'])
            && matches!(k.trim(), "index-url" | "index_url")
        {
            return Some(v.trim().to_string());
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions_from_file_names() {
        assert_eq!(
            version_from_filename("Django-4.2.16-py3-none-any.whl").as_deref(),
            Some("4.2.16")
        );
        assert_eq!(
            version_from_filename("python-dateutil-2.9.0.post0.tar.gz").as_deref(),
            Some("2.9.0.post0")
        );
        assert_eq!(version_from_filename("README"), None);
    }

    #[test]
    fn json_pages() {
        let body = r#"{"meta":{"api-version":"1.4"},"name":"Demo_Pkg","project-status":{"status":"archived","reason":"moved"},
          "files":[
            {"filename":"demo_pkg-1.0-py3-none-any.whl","url":"https://f/demo_pkg-1.0-py3-none-any.whl","hashes":{"sha256":"AA"},"yanked":"broken"},
            {"filename":"demo_pkg-1.0.tar.gz","url":"https://f/demo_pkg-1.0.tar.gz","hashes":{"sha256":"bb"},"yanked":true},
            {"filename":"demo_pkg-1.1-py3-none-any.whl","url":"u","hashes":{"sha256":"cc"}}]}"#;
        let p = parse_json(body, "demo-pkg").unwrap();
        assert_eq!(p.name, "demo-pkg");
        assert_eq!(p.sha256_hashes("1.0"), vec!["sha256:aa", "sha256:bb"]);
        assert_eq!(p.yanked("1.0").as_deref(), Some("broken"));
        assert_eq!(p.yanked("1.1"), None);
        assert_eq!(p.yanked("9"), None);
        assert_eq!(p.status.unwrap().status, "archived");
        assert!(parse_json("{}", "x").is_err());
    }

    #[test]
    fn html_pages() {
        let body = r#"<html><head><meta name="pypi:project-status" content="quarantined"></head><body>
<a href="../../packages/demo_pkg-1.0-py3-none-any.whl#sha256=AB12" data-yanked="bad &amp; broken">demo_pkg-1.0-py3-none-any.whl</a>
<a href="/packages/demo_pkg-1.1.tar.gz#sha256=cd34">demo_pkg-1.1.tar.gz</a></body></html>"#;
        let p = parse_html(body, "demo-pkg", "http://127.0.0.1:1/simple/demo-pkg/");
        assert_eq!(p.files.len(), 2);
        assert_eq!(p.sha256_hashes("1.1"), vec!["sha256:cd34"]);
        assert_eq!(p.yanked("1.0").as_deref(), Some("bad & broken"));
        assert_eq!(
            p.files[1].url,
            "http://127.0.0.1:1/packages/demo_pkg-1.1.tar.gz"
        );
        assert_eq!(p.status.unwrap().status, "quarantined");
    }

    #[test]
    fn credentials_are_split_and_redacted() {
        let (clean, creds) = split_credentials("https://us%40r:p%3Ass@h.example/simple");
        assert_eq!(clean, "https://h.example/simple");
        assert_eq!(creds, Some(("us@r".into(), "p:ss".into())));
        assert_eq!(redact_url("https://u:p@h/simple"), "https://****@h/simple");
        assert_eq!(base64(b"u:p"), "dTpw");
        let c = IndexClient::new("https://u:p@h.example/simple/");
        assert_eq!(c.display_url(), "https://****@h.example/simple");
    }

    #[test]
    fn index_resolution_order() {
        let none = |_: &str| None;
        assert_eq!(
            resolve_index(&["https://a/simple".into()], &none),
            "https://a/simple"
        );
        let uv = |k: &str| (k == "UV_DEFAULT_INDEX").then(|| "https://uv/simple".to_string());
        assert_eq!(resolve_index(&[], &uv), "https://uv/simple");
        let pip = |k: &str| (k == "PIP_INDEX_URL").then(|| "https://pip/simple".to_string());
        assert_eq!(resolve_index(&[], &pip), "https://pip/simple");
        assert_eq!(
            ini_index_url("[global]\nindex-url = https://conf/simple\n").as_deref(),
            Some("https://conf/simple")
        );
        assert_eq!(ini_index_url("[other]\nindex-url = x\n"), None);
    }

    /// A real HTTP round trip against a loopback server.
    #[test]
    fn fetches_json_with_basic_auth_over_loopback() {
        let server = tiny_http::Server::http("127.0.0.1:0").unwrap();
        let port = server.server_addr().to_ip().unwrap().port();
        let handle = std::thread::spawn(move || {
            for _ in 0..2 {
                let req = server.recv().unwrap();
                let auth = req
                    .headers()
                    .iter()
                    .find(|h| h.field.equiv("Authorization"))
                    .map(|h| h.value.to_string());
                let (code, body) = if req.url() == "/simple/demo-pkg/" {
                    assert_eq!(auth.as_deref(), Some("Basic dTpw"));
                    (
                        200,
                        r#"{"meta":{"api-version":"1.1"},"name":"demo-pkg","files":[{"filename":"demo_pkg-2.0-py3-none-any.whl","url":"x","hashes":{"sha256":"ff"}}]}"#,
                    )
                } else {
                    (404, "not found")
                };
                let header = tiny_http::Header::from_bytes(
                    &b"Content-Type"[..],
                    &b"application/vnd.pypi.simple.v1+json"[..],
                )
                .unwrap();
                req.respond(
                    tiny_http::Response::from_string(body)
                        .with_status_code(code)
                        .with_header(header),
                )
                .unwrap();
            }
        });
        let client = IndexClient::new(&format!("http://u:p@127.0.0.1:{port}/simple"));
        let p = client.project("Demo_Pkg").unwrap();
        assert_eq!(p.sha256_hashes("2.0"), vec!["sha256:ff"]);
        let err = client.project("missing").unwrap_err();
        assert!(matches!(err, IndexError::NotFound { .. }), "{err}");
        assert!(err.to_string().contains("http://****@127.0.0.1"), "{err}");
        handle.join().unwrap();
    }
}

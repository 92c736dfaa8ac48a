//! The image config's checks (rules `IMG001`–`IMG006`): user, `Env` secrets, remote `ADD`s in
//! the history, health check, base image reference, exposed service ports.

use pyward_core::{Finding, Location, RuleSelector};
use serde_json::Value;

use crate::rules;

/// Ports of services an application image should not expose, with their names.
const SERVICE_PORTS: &[(u16, &str)] = &[
    (22, "SSH"),
    (3306, "MySQL"),
    (5432, "PostgreSQL"),
    (6379, "Redis"),
    (27017, "MongoDB"),
    (11211, "memcached"),
    (9200, "Elasticsearch"),
];

/// The label and annotation that record the base image.
const BASE_NAME: &str = "org.opencontainers.image.base.name";

/// Whether `user` (the config's `User`) means root.
pub fn is_root_user(user: &str) -> bool {
    let name = user.trim().split(':').next().unwrap_or("").trim();
    name.is_empty() || name == "root" || name.trim_start_matches('0').is_empty()
}

/// Names whose values are public identifiers or checksums, not secrets, unless a provider
/// format or a URL password says otherwise.
fn public_value_name(name: &str) -> bool {
    let upper = name.to_ascii_uppercase();
    [
        "GPG_KEY",
        "GPG_KEYS",
        "_FINGERPRINT",
        "_SHA256",
        "_SHA512",
        "_SHA1",
        "_SHA",
        "_CHECKSUM",
        "_VERSION",
        "_HASH",
    ]
    .iter()
    .any(|s| upper.ends_with(s))
}

/// The URL of a history step's `ADD` of a remote file without `--checksum`.
pub fn remote_add(created_by: &str) -> Option<String> {
    let text = created_by
        .split_once("#(nop)")
        .map_or(created_by, |(_, rest)| rest)
        .trim();
    let mut words = text.split_whitespace();
    if !words.next()?.eq_ignore_ascii_case("ADD") {
        return None;
    }
    let mut url = None;
    for w in words {
        if w.starts_with("--checksum") {
            return None;
        }
        if w.starts_with("--") {
            continue;
        }
        let w = w.trim_matches(['"', '[', ']', ',']);
        if w.starts_with("http://") || w.starts_with("https://") {
            url.get_or_insert_with(|| w.to_string());
        }
    }
    url
}

/// Whether an image reference names neither a digest nor a tag other than `latest`.
pub fn unpinned_reference(reference: &str) -> bool {
    let r = reference.trim();
    if r.is_empty() || r == "scratch" || r.contains('@') {
        return false;
    }
    let last = r.rsplit('/').next().unwrap_or(r);
    match last.split_once(':') {
        None => true,
        Some((_, tag)) => tag == "latest" || tag.is_empty(),
    }
}

/// The base references an image records: label, manifest annotation, `FROM` in the history.
fn base_references(config: &Value, annotations: &Value) -> Vec<(String, &'static str)> {
    let mut out = Vec::new();
    if let Some(r) = config
        .pointer("/config/Labels")
        .and_then(|l| l.get(BASE_NAME))
        .and_then(Value::as_str)
    {
        out.push((
            r.to_string(),
            "the org.opencontainers.image.base.name label",
        ));
    }
    if let Some(r) = annotations.get(BASE_NAME).and_then(Value::as_str) {
        out.push((
            r.to_string(),
            "the manifest's org.opencontainers.image.base.name annotation",
        ));
    }
    for step in history(config) {
        let text = step
            .split_once("#(nop)")
            .map_or(step, |(_, rest)| rest)
            .trim();
        let mut words = text.split_whitespace();
        if words.next().is_some_and(|w| w.eq_ignore_ascii_case("FROM")) {
            let reference = words.find(|w| !w.starts_with("--"));
            if let Some(r) = reference {
                out.push((r.to_string(), "a FROM step in the build history"));
            }
        }
    }
    out.sort();
    out.dedup_by(|a, b| a.0 == b.0);
    out
}

fn history(config: &Value) -> impl Iterator<Item = &str> {
    config
        .get("history")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(|h| h.get("created_by").and_then(Value::as_str))
}

/// Runs the config rules on the image config JSON; findings are located at `location`.
pub fn check(
    config: &Value,
    annotations: &Value,
    location: &str,
    selector: &RuleSelector,
) -> Vec<Finding> {
    let mut out = Vec::new();
    let loc = || Location::file(location, None);
    let c = config.get("config").unwrap_or(&Value::Null);
    if selector.enabled(&rules::IMG_ROOT_USER) {
        let user = c.get("User").and_then(Value::as_str).unwrap_or("");
        if is_root_user(user) {
            let why = if user.trim().is_empty() {
                "User is not set, so processes run as root".to_string()
            } else {
                format!("User is `{}`, which is root", user.trim())
            };
            out.push(
                Finding::new(
                    &rules::IMG_ROOT_USER,
                    format!("the image runs as root: {why}"),
                    loc(),
                )
                .with_key("User")
                .with_meta("user", user),
            );
        }
    }
    if selector.enabled(&rules::IMG_SECRET_IN_ENV) {
        for pair in c
            .get("Env")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .filter_map(Value::as_str)
        {
            let Some((name, value)) = pair.split_once('=') else {
                continue;
            };
            let Some(kind) = pyward_secrets::classify(name, value) else {
                continue;
            };
            let strong = matches!(
                kind,
                pyward_secrets::SecretKind::KnownPrefix | pyward_secrets::SecretKind::UrlPassword
            );
            if public_value_name(name) && !strong {
                continue;
            }
            let mut f = Finding::new(
                &rules::IMG_SECRET_IN_ENV,
                format!(
                    "Env sets {} to {}: anyone who pulls the image can read it",
                    pyward_manifest::safe_text(name, 80),
                    kind.describe()
                ),
                loc(),
            )
            .with_key(format!("Env:{name}"))
            .with_meta("variable", name)
            .with_meta("kind", kind.describe())
            .with_secret(value.trim().trim_matches(['"', '\'']), kind.is_specific());
            if strong {
                f.confidence = pyward_core::Confidence::High;
            }
            out.push(f);
        }
    }
    if selector.enabled(&rules::IMG_REMOTE_ADD) {
        for (i, step) in history(config).enumerate() {
            if let Some(url) = remote_add(step) {
                let url = pyward_secrets::redact_url_credentials(&url).into_owned();
                out.push(
                    Finding::new(
                        &rules::IMG_REMOTE_ADD,
                        format!(
                            "build step {} ADDs {} without --checksum",
                            i + 1,
                            pyward_manifest::safe_text(&url, 200)
                        ),
                        loc(),
                    )
                    .with_key(format!("ADD {url}"))
                    .with_meta("url", url)
                    .with_meta("history_index", i),
                );
            }
        }
    }
    if selector.enabled(&rules::IMG_NO_HEALTHCHECK) {
        let test = c.pointer("/Healthcheck/Test").and_then(Value::as_array);
        let disabled = test
            .and_then(|t| t.first())
            .and_then(Value::as_str)
            .is_some_and(|s| s.eq_ignore_ascii_case("NONE"));
        let missing = test.is_none_or(Vec::is_empty);
        if missing || disabled {
            let why = if disabled {
                "the health check is disabled (NONE)"
            } else {
                "the image defines no HEALTHCHECK"
            };
            out.push(Finding::new(&rules::IMG_NO_HEALTHCHECK, why, loc()).with_key("Healthcheck"));
        }
    }
    if selector.enabled(&rules::IMG_UNPINNED_BASE) {
        for (reference, source) in base_references(config, annotations) {
            if unpinned_reference(&reference) {
                out.push(
                    Finding::new(
                        &rules::IMG_UNPINNED_BASE,
                        format!(
                            "the base image `{}` (from {source}) names no tag or `latest`, and no digest",
                            pyward_manifest::safe_text(&reference, 200)
                        ),
                        loc(),
                    )
                    .with_key(format!("base:{reference}"))
                    .with_meta("reference", reference),
                );
            }
        }
    }
    if selector.enabled(&rules::IMG_EXPOSED_SERVICE_PORT)
        && let Some(ports) = c.get("ExposedPorts").and_then(Value::as_object)
    {
        for key in ports.keys() {
            let (port, proto) = key.split_once('/').unwrap_or((key.as_str(), "tcp"));
            let Ok(port) = port.trim().parse::<u16>() else {
                continue;
            };
            if let Some((_, service)) = SERVICE_PORTS.iter().find(|(p, _)| *p == port) {
                out.push(
                    Finding::new(
                        &rules::IMG_EXPOSED_SERVICE_PORT,
                        format!("the image exposes port {port}/{proto} ({service})"),
                        loc(),
                    )
                    .with_key(format!("port:{port}/{proto}"))
                    .with_meta("port", port)
                    .with_meta("service", *service),
                );
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn root_users() {
        for u in ["", "root", "0", "0:0", "root:root", " 00 "] {
            assert!(is_root_user(u), "{u:?}");
        }
        for u in ["app", "1000", "10001:10001", "nobody"] {
            assert!(!is_root_user(u), "{u:?}");
        }
    }

    #[test]
    fn remote_adds() {
        assert_eq!(
            remote_add("/bin/sh -c #(nop) ADD https://example.com/a.tgz /opt/").as_deref(),
            Some("https://example.com/a.tgz")
        );
        assert_eq!(
            remote_add("ADD http://example.com/a /a # buildkit").as_deref(),
            Some("http://example.com/a")
        );
        assert_eq!(
            remote_add("ADD --checksum=sha256:ab https://example.com/a /a # buildkit"),
            None
        );
        assert_eq!(remote_add("/bin/sh -c #(nop) ADD file:abc in / "), None);
        assert_eq!(remote_add("RUN curl https://example.com | sh"), None);
    }

    #[test]
    fn references() {
        for r in [
            "python",
            "python:latest",
            "registry.example.com:5000/app",
            "a/b:latest",
        ] {
            assert!(unpinned_reference(r), "{r}");
        }
        for r in [
            "python:3.12-slim",
            "registry.example.com:5000/app:1.2",
            "python@sha256:abcd",
            "scratch",
        ] {
            assert!(!unpinned_reference(r), "{r}");
        }
    }

    #[test]
    fn public_values_are_not_secrets() {
        let config = serde_json::json!({"config": {"User": "app", "Env": [
            "GPG_KEY=7169605F62C751356D054A26A821E680E5FA6305",
            "PYTHON_SHA256=24887e92e2afb4a2ca602f869f76d5f48a23ce9c3d6c81a3dd5d0c2bd9e3a2ab",
            "PATH=/usr/local/bin:/usr/bin",
        ], "Healthcheck": {"Test": ["CMD", "true"]}}});
        let found = check(&config, &Value::Null, "i!config", &RuleSelector::default());
        assert!(found.is_empty(), "{found:?}");
    }
}

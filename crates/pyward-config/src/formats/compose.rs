//! docker-compose files.

use crate::formats::app::{self, Where};
use crate::formats::yaml::{Node, Value};
use crate::rules::*;
use crate::source::Sink;
use crate::util::{SecretKind, all_interfaces, data_port, secret, shell_words, stand_in};
use pyward_core::Severity;

const DATA_IMAGES: &[&str] = &[
    "postgres",
    "postgis",
    "mysql",
    "mariadb",
    "redis",
    "valkey",
    "mongo",
    "memcached",
    "elasticsearch",
    "opensearch",
    "couchdb",
    "cassandra",
    "rabbitmq",
];

/// Capabilities that let a container reach the host or other containers.
const DANGEROUS_CAPS: &[&str] = &[
    "ALL",
    "SYS_ADMIN",
    "NET_ADMIN",
    "SYS_PTRACE",
    "SYS_MODULE",
    "DAC_READ_SEARCH",
    "DAC_OVERRIDE",
    "SYS_RAWIO",
    "BPF",
    "PERFMON",
    "SYS_BOOT",
    "NET_RAW",
];

/// The `env_file` targets of every service, as written, with where they are first named (a
/// target merged into several services through a YAML anchor is listed once).
pub fn env_files(docs: &[Node]) -> Vec<(String, crate::source::Pos)> {
    let mut out = Vec::new();
    for doc in docs {
        let Some(services) = doc.get("services") else {
            continue;
        };
        for (_, svc) in services.entries() {
            let Some(env) = svc.get("env_file") else {
                continue;
            };
            let items: Vec<&Node> = match env.str() {
                Some(_) => vec![env],
                None => env.seq().iter().collect(),
            };
            for item in items {
                let path = item.str().or_else(|| item.get("path").and_then(Node::str));
                if let Some(p) = path
                    && !p.is_empty()
                    && !p.contains('$')
                    && !out.iter().any(|(seen, _)| seen == p)
                {
                    out.push((p.to_string(), item.pos));
                }
            }
        }
    }
    out
}

pub fn audit(docs: &[Node], file: &str, sink: &mut Sink) {
    let start = sink.findings.len();
    for doc in docs {
        let Some(services) = doc.get("services") else {
            continue;
        };
        for (name_node, svc) in services.entries() {
            let name = name_node.str().unwrap_or("?");
            service(name, name_node, svc, file, sink);
        }
    }
    once_per_line(sink, start);
}

/// A YAML anchor merged into several services (`<<: *common-env`) puts the same node, at the
/// same line, into each of them: one finding per (rule, line), naming how many services share it.
fn once_per_line(sink: &mut Sink, start: usize) {
    let Some(new) = sink.findings.get_mut(start..) else {
        return;
    };
    let key = |f: &pyward_core::Finding| {
        (
            f.code.clone(),
            f.location.path.clone(),
            f.location
                .span
                .as_ref()
                .map(|s| (s.start.line, s.start.column)),
        )
    };
    type Key = (String, Option<String>, Option<(u32, u32)>);
    let mut seen: Vec<(Key, usize)> = Vec::new();
    let mut keep: Vec<bool> = Vec::with_capacity(new.len());
    let mut extra = vec![0usize; new.len()];
    for (i, f) in new.iter().enumerate() {
        let k = key(f);
        match seen.iter().find(|(s, _)| *s == k) {
            Some((_, first)) => {
                extra[*first] += 1;
                keep.push(false);
            }
            None => {
                seen.push((k, i));
                keep.push(true);
            }
        }
    }
    for (i, f) in new.iter_mut().enumerate() {
        match extra[i] {
            0 => {}
            1 => f
                .message
                .push_str(" (and 1 more service that merges the same YAML anchor)"),
            n => f.message.push_str(&format!(
                " (and {n} more services that merge the same YAML anchor)"
            )),
        }
    }
    let mut flags = keep.into_iter();
    let mut index = 0;
    sink.findings.retain(|_| {
        index += 1;
        index <= start || flags.next().unwrap_or(true)
    });
}

fn service(name: &str, name_node: &Node, svc: &Node, file: &str, sink: &mut Sink) {
    if let Some(p) = svc.get("privileged")
        && p.is_true()
    {
        sink.hit(
            &CMP_PRIVILEGED,
            file,
            p.pos,
            format!("service `{name}` runs privileged: root on the host"),
        );
    }
    for v in svc.get("volumes").map(Node::seq).unwrap_or(&[]) {
        let source = match v.str() {
            Some(s) => s.split(':').next().unwrap_or("").to_string(),
            None => v
                .get("source")
                .and_then(Node::str)
                .unwrap_or("")
                .to_string(),
        };
        if source.ends_with("docker.sock") {
            sink.hit(
                &CMP_DOCKER_SOCKET,
                file,
                v.pos,
                format!("service `{name}` mounts the Docker socket ({source}): root on the host"),
            );
        }
    }
    for cap in svc.get("cap_add").map(Node::seq).unwrap_or(&[]) {
        let Some(raw) = cap.str() else { continue };
        let c = raw.trim().to_ascii_uppercase();
        let c = c.strip_prefix("CAP_").unwrap_or(&c);
        if DANGEROUS_CAPS.contains(&c) {
            sink.hit(
                &CMP_DANGEROUS_CAPABILITY,
                file,
                cap.pos,
                format!(
                    "service `{name}` adds capability {c}, which breaks the container boundary"
                ),
            );
        }
    }
    if let Some(n) = svc.get("network_mode")
        && n.str() == Some("host")
    {
        sink.hit(
            &CMP_HOST_NETWORK,
            file,
            n.pos,
            format!("service `{name}` uses the host network: every port it opens is public"),
        );
    }
    let image = svc.get("image").and_then(Node::str).unwrap_or("");
    let image_base = image
        .rsplit('/')
        .next()
        .unwrap_or(image)
        .split([':', '@'])
        .next()
        .unwrap_or("");
    let data_image = DATA_IMAGES.contains(&image_base);
    for p in svc.get("ports").map(Node::seq).unwrap_or(&[]) {
        let (host_ip, published, target) = match &p.value {
            Value::Scalar { text, .. } => parse_port(text),
            Value::Map(_) => (
                p.get("host_ip")
                    .and_then(Node::str)
                    .unwrap_or("")
                    .to_string(),
                p.get("published").and_then(Node::str).map(str::to_string),
                p.get("target")
                    .and_then(Node::str)
                    .and_then(|t| t.parse().ok()),
            ),
            _ => continue,
        };
        let Some(published) = published else { continue };
        let what = target.and_then(data_port);
        if all_interfaces(&host_ip) && (what.is_some() || data_image) {
            sink.hit(
                &CMP_DATA_PORT,
                file,
                p.pos,
                format!(
                    "service `{name}` publishes {} port {published} on every interface; bind it to 127.0.0.1 or drop it",
                    what.unwrap_or("a database/cache")
                ),
            );
        }
    }
    if let Some(env) = svc.get("environment") {
        for (key, value, pos) in env_entries(env) {
            if let Some(kind) = secret(&key, &value) {
                if kind == SecretKind::Name && stand_in(&value) {
                    if let Some(f) = sink.hit(
                        &CMP_PLAINTEXT_SECRET,
                        file,
                        pos,
                        format!(
                            "service `{name}`: environment {key} holds a placeholder that must be replaced before deploying"
                        ),
                    ) {
                        f.severity = Severity::Low;
                    }
                } else {
                    crate::util::mark_secret(
                        sink.hit(
                            &CMP_PLAINTEXT_SECRET,
                            file,
                            pos,
                            format!(
                                "service `{name}`: environment {key} holds {}; use secrets or ${{VAR}} from an uncommitted .env",
                                kind.describe()
                            ),
                        ),
                        &value,
                        kind,
                    );
                }
            }
            app::check_env(sink, file, pos, &key, &value);
        }
    }
    for key in ["command", "entrypoint"] {
        if let Some(c) = svc.get(key) {
            let words = match &c.value {
                Value::Scalar { text, .. } => shell_words(text),
                Value::Seq(items) => items
                    .iter()
                    .filter_map(|n| n.str().map(str::to_string))
                    .collect(),
                _ => continue,
            };
            app::check_command(sink, file, c.pos, &words, Where::Container);
        }
    }
    if !svc.get("read_only").is_some_and(Node::is_true) {
        sink.hit(
            &CMP_NO_READ_ONLY,
            file,
            name_node.pos,
            format!("service `{name}` has a writable root filesystem (no read_only: true)"),
        );
    }
}

/// `"127.0.0.1:5432:5432/tcp"` → host IP, published, target.
fn parse_port(text: &str) -> (String, Option<String>, Option<u16>) {
    let t = text.split('/').next().unwrap_or(text);
    // IPv6 host in brackets
    let (host, rest) = if let Some(r) = t.strip_prefix('[') {
        match r.split_once("]:") {
            Some((h, rest)) => (h.to_string(), rest.to_string()),
            None => (String::new(), t.to_string()),
        }
    } else {
        let parts: Vec<&str> = t.split(':').collect();
        if parts.len() == 3 {
            (parts[0].to_string(), format!("{}:{}", parts[1], parts[2]))
        } else {
            (String::new(), t.to_string())
        }
    };
    match rest.split_once(':') {
        Some((p, c)) => (
            host,
            Some(p.to_string()),
            c.split('-').next().and_then(|c| c.parse().ok()),
        ),
        // A bare container port is published on a random host port, on every interface.
        None => (
            host,
            Some(rest.clone()),
            rest.split('-').next().and_then(|c| c.parse().ok()),
        ),
    }
}

/// Environment entries in map or list form.
pub fn env_entries(env: &Node) -> Vec<(String, String, crate::source::Pos)> {
    match &env.value {
        Value::Map(entries) => entries
            .iter()
            .filter_map(|(k, v)| {
                Some((
                    k.str()?.to_string(),
                    v.str().unwrap_or("").to_string(),
                    k.pos,
                ))
            })
            .collect(),
        Value::Seq(items) => items
            .iter()
            .filter_map(|n| {
                let s = n.str()?;
                let (k, v) = s.split_once('=').unwrap_or((s, ""));
                Some((k.to_string(), v.to_string(), n.pos))
            })
            .collect(),
        _ => Vec::new(),
    }
}

//! Helpers shared by the formats: secret detection (re-exported from `pyward-secrets`; it never
//! returns the secret itself), shell-word splitting, and small value parsers.

// Secret detection lives in `pyward-secrets`, the one detector every analyzer uses.
pub use pyward_secrets::{
    SecretKind, classify as secret, is_stand_in as stand_in, is_unset as placeholder,
};

/// Marks a secret finding with the hash of the secret (`value`, see
/// [`pyward_secrets::secret_identity`]), so a combined run reports it once (`pyward_core::dedupe`).
pub fn mark_secret(finding: Option<&mut pyward_core::Finding>, value: &str, kind: SecretKind) {
    if let Some(f) = finding {
        f.identity.secret = Some(pyward_core::SecretMark {
            hash: pyward_core::secret_hash(pyward_secrets::secret_identity(value)),
            specific: kind.is_specific(),
        });
    }
}

/// Splits a command line into words, honouring single and double quotes and backslashes. Never
/// fails: an unclosed quote runs to the end.
pub fn shell_words(line: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut cur = String::new();
    let mut in_word = false;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\'' => {
                in_word = true;
                for c in chars.by_ref() {
                    if c == '\'' {
                        break;
                    }
                    cur.push(c);
                }
            }
            '"' => {
                in_word = true;
                while let Some(c) = chars.next() {
                    match c {
                        '"' => break,
                        '\\' => {
                            if let Some(n) = chars.next() {
                                cur.push(n);
                            }
                        }
                        _ => cur.push(c),
                    }
                }
            }
            '\\' => {
                in_word = true;
                if let Some(n) = chars.next() {
                    cur.push(n);
                }
            }
            c if c.is_whitespace() => {
                if in_word {
                    words.push(std::mem::take(&mut cur));
                    in_word = false;
                }
            }
            c => {
                in_word = true;
                cur.push(c);
            }
        }
    }
    if in_word {
        words.push(cur);
    }
    words
}

/// Truthy config words: `yes`, `true`, `on`, `1`.
pub fn truthy(v: &str) -> bool {
    matches!(
        v.trim()
            .trim_matches(['"', '\''])
            .to_ascii_lowercase()
            .as_str(),
        "yes" | "true" | "on" | "1"
    )
}

/// Falsy config words: `no`, `false`, `off`, `0`.
pub fn falsy(v: &str) -> bool {
    matches!(
        v.trim()
            .trim_matches(['"', '\''])
            .to_ascii_lowercase()
            .as_str(),
        "no" | "false" | "off" | "0"
    )
}

/// Is this host address every interface?
pub fn all_interfaces(host: &str) -> bool {
    let h = host.trim().trim_matches(['"', '\'', '[', ']']);
    matches!(
        h,
        "0.0.0.0" | "*" | "::" | "0" | "0:0:0:0:0:0:0:0" | "::0" | ""
    )
}

/// Is this host address loopback?
pub fn loopback(host: &str) -> bool {
    let h = host.trim().trim_matches(['"', '\'', '[', ']']);
    h == "localhost" || h.starts_with("127.") || h == "::1" || h.starts_with("-::1")
}

/// Ports of databases and caches that must never face the internet.
pub const DATA_PORTS: &[(u16, &str)] = &[
    (5432, "PostgreSQL"),
    (3306, "MySQL/MariaDB"),
    (6379, "Redis"),
    (27017, "MongoDB"),
    (11211, "Memcached"),
    (9200, "Elasticsearch"),
    (5984, "CouchDB"),
    (9042, "Cassandra"),
    (2379, "etcd"),
    (5672, "RabbitMQ"),
];

pub fn data_port(port: u16) -> Option<&'static str> {
    DATA_PORTS.iter().find(|(p, _)| *p == port).map(|(_, n)| *n)
}

/// Splits `name:tag@digest` into its parts. The tag is the text after the last `:` that follows
/// the last `/` (so a registry port is not a tag).
pub fn image_parts(image: &str) -> (&str, Option<&str>, Option<&str>) {
    let (rest, digest) = match image.split_once('@') {
        Some((r, d)) => (r, Some(d)),
        None => (image, None),
    };
    let slash = rest.rfind('/').map_or(0, |i| i + 1);
    match rest[slash..].rfind(':') {
        Some(i) => (&rest[..slash + i], Some(&rest[slash + i + 1..]), digest),
        None => (rest, None, digest),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words() {
        assert_eq!(
            shell_words(r#"gunicorn -b "0.0.0.0:8000" 'a b' c\ d"#),
            vec!["gunicorn", "-b", "0.0.0.0:8000", "a b", "c d"]
        );
    }

    #[test]
    fn images() {
        assert_eq!(image_parts("python"), ("python", None, None));
        assert_eq!(
            image_parts("reg:5000/py:3.12@sha256:ab"),
            ("reg:5000/py", Some("3.12"), Some("sha256:ab"))
        );
    }
}

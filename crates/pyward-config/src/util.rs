//! Helpers shared by the formats: secret detection (which never returns the secret itself),
//! shell-word splitting, and small value parsers.

/// Why a value looks like a secret. The description never includes the value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SecretKind {
    /// The variable's name says it holds a secret and the value is a literal.
    Name,
    /// The value is a URL with an embedded password.
    UrlPassword,
    /// The value has a known credential prefix (AWS, GitHub, Stripe, Slack…).
    KnownPrefix,
    /// The value is a long random-looking string.
    HighEntropy,
}

impl SecretKind {
    pub fn describe(self) -> &'static str {
        match self {
            SecretKind::Name => "a literal secret (by its name)",
            SecretKind::UrlPassword => "a URL with an embedded password",
            SecretKind::KnownPrefix => "a credential with a well-known prefix",
            SecretKind::HighEntropy => "a high-entropy key",
        }
    }
}

const SECRET_WORDS: &[&str] = &[
    "PASSWORD",
    "PASSWD",
    "PASS",
    "PWD",
    "SECRET",
    "TOKEN",
    "APIKEY",
    "API_KEY",
    "PRIVATE_KEY",
    "ACCESS_KEY",
    "CREDENTIAL",
    "CREDENTIALS",
    "AUTH_KEY",
    "SIGNING_KEY",
    "ENCRYPTION_KEY",
    "MASTER_KEY",
];

const NOT_SECRET_SUFFIXES: &[&str] = &[
    "_FILE",
    "_PATH",
    "_DIR",
    "_LENGTH",
    "_TTL",
    "_EXPIRY",
    "_EXPIRES",
    "_LIFETIME",
    "_ALGORITHM",
    "_HEADER",
    "_NAME",
    "_URL_FILE",
    "_ENABLED",
    "_MIN_LENGTH",
];

/// Does this variable name say it holds a secret?
pub fn secret_name(name: &str) -> bool {
    let upper = name.to_ascii_uppercase().replace(['-', '.'], "_");
    if NOT_SECRET_SUFFIXES.iter().any(|s| upper.ends_with(s)) {
        return false;
    }
    let words: Vec<&str> = upper.split('_').filter(|w| !w.is_empty()).collect();
    SECRET_WORDS.iter().any(|w| {
        if w.contains('_') {
            upper.contains(w)
        } else {
            words.contains(w) || (w.len() >= 6 && upper.contains(w))
        }
    })
}

/// Is the value a placeholder rather than a literal (empty, `${VAR}`, `<changeme>`, `xxxx`)?
pub fn placeholder(value: &str) -> bool {
    let v = value.trim().trim_matches(['"', '\'']);
    v.is_empty()
        || v.starts_with('$')
        || (v.starts_with('<') && v.ends_with('>'))
        || (v.starts_with("{{") && v.ends_with("}}"))
        || v.chars()
            .all(|c| c == 'x' || c == 'X' || c == '*' || c == '.')
        || matches!(
            v.to_ascii_lowercase().as_str(),
            "true" | "false" | "yes" | "no" | "none" | "null" | "0" | "1" | "on" | "off"
        )
}

/// Is the value an obvious stand-in that a template asks to replace (`changethis`, `change-me`,
/// `CHANGEME`, `replace_me`, `your-secret-key-here`, `todo`, `example`…)? Such a value is no
/// leaked secret, but a deployment that keeps it is open to anyone who read the template.
pub fn stand_in(value: &str) -> bool {
    let v: String = value
        .trim()
        .trim_matches(['"', '\''])
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .map(|c| c.to_ascii_lowercase())
        .collect();
    const STARTS: &[&str] = &[
        "changeme",
        "changethis",
        "changeit",
        "changeto",
        "replaceme",
        "replacethis",
        "replacewith",
        "setme",
        "fillme",
        "insertyour",
        "enteryour",
        "putyour",
    ];
    const WHOLE: &[&str] = &[
        "todo",
        "fixme",
        "tbd",
        "example",
        "placeholder",
        "dummy",
        "notset",
        "unset",
    ];
    STARTS.iter().any(|p| v.starts_with(p))
        || WHOLE.contains(&v.as_str())
        || (v.starts_with("your") && v.ends_with("here"))
        || (v.len() >= 3 && v.chars().all(|c| c == 'x'))
}

/// Returns why `(name, value)` looks like a secret, if it does.
pub fn secret(name: &str, value: &str) -> Option<SecretKind> {
    let v = value.trim().trim_matches(['"', '\'']);
    if placeholder(v) {
        return None;
    }
    if url_password(v) {
        return Some(SecretKind::UrlPassword);
    }
    if file_path(v) {
        // `DB_PASSWORD=/run/secrets/db`: where the secret is, not the secret.
        return None;
    }
    if known_prefix(v) {
        return Some(SecretKind::KnownPrefix);
    }
    if secret_name(name) {
        return Some(SecretKind::Name);
    }
    if high_entropy(v) {
        return Some(SecretKind::HighEntropy);
    }
    None
}

/// An absolute or `./` path such as `/run/secrets/db_password`: a location, not a value.
pub fn file_path(v: &str) -> bool {
    let rooted = v.starts_with('/') || v.starts_with("./") || v.starts_with("~/");
    rooted
        && v.len() > 2
        && v[1..].contains('/')
        && v.chars()
            .all(|c| c.is_ascii_alphanumeric() || "/._-~".contains(c))
}

/// `scheme://user:password@host` with a literal password.
pub fn url_password(value: &str) -> bool {
    let Some((scheme, rest)) = value.split_once("://") else {
        return false;
    };
    if scheme.is_empty()
        || !scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "+.-".contains(c))
    {
        return false;
    }
    let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
    let Some((userinfo, _host)) = authority.rsplit_once('@') else {
        return false;
    };
    match userinfo.split_once(':') {
        Some((_, pass)) => !pass.is_empty() && !placeholder(pass),
        None => false,
    }
}

fn known_prefix(v: &str) -> bool {
    let prefixes = [
        "ghp_",
        "gho_",
        "ghs_",
        "github_pat_",
        "sk_live_",
        "rk_live_",
        "xoxb-",
        "xoxp-",
        "glpat-",
        "AIza",
    ];
    (v.starts_with("AKIA") && v.len() == 20 && v.chars().all(|c| c.is_ascii_alphanumeric()))
        || prefixes
            .iter()
            .any(|p| v.starts_with(p) && v.len() >= p.len() + 16)
        || v.contains("-----BEGIN") && v.contains("PRIVATE KEY")
}

/// A long token of base64/hex-ish characters with high Shannon entropy, mixing letters and digits.
pub fn high_entropy(v: &str) -> bool {
    if v.len() < 24 || v.len() > 512 {
        return false;
    }
    if !v
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || "+/=_-".contains(c))
    {
        return false;
    }
    let has_digit = v.chars().any(|c| c.is_ascii_digit());
    let has_alpha = v.chars().any(|c| c.is_ascii_alphabetic());
    if !has_digit || !has_alpha {
        return false;
    }
    entropy(v) >= 4.0
}

pub fn entropy(s: &str) -> f64 {
    let mut counts = [0usize; 256];
    for b in s.bytes() {
        counts[b as usize] += 1;
    }
    let n = s.len() as f64;
    counts
        .iter()
        .filter(|&&c| c > 0)
        .map(|&c| {
            let p = c as f64 / n;
            -p * p.log2()
        })
        .sum()
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
    fn stand_ins() {
        for v in [
            "changethis",
            "change-me",
            "CHANGEME",
            "change_me",
            "\"changeme123\"",
            "replace-me",
            "your-secret-key-here",
            "YOUR_API_KEY_HERE",
            "xxxx",
            "todo",
            "example",
        ] {
            assert!(stand_in(v), "{v}");
        }
        for v in [
            "Tr0ub4dor-3",
            "todo-9f8e7d6c5b4a3928",
            "hunter2",
            "example-prod-2024",
            "yourock",
            "xx",
            "changes",
        ] {
            assert!(!stand_in(v), "{v}");
        }
    }

    #[test]
    fn secrets() {
        assert_eq!(secret("DB_PASSWORD", "hunter2"), Some(SecretKind::Name));
        assert_eq!(secret("DB_PASSWORD", "${DB_PASSWORD}"), None);
        assert_eq!(secret("DB_PASSWORD_FILE", "/run/secrets/db"), None);
        assert_eq!(secret("POSTGRES_PASSWORD", "/run/secrets/postgres"), None);
        assert_eq!(secret("MYSQL_ROOT_PASSWORD_FILE", "/run/secrets/x"), None);
        assert_eq!(
            secret("DB_PASSWORD", "s3cr3t/with/slash"),
            Some(SecretKind::Name)
        );
        assert_eq!(
            secret("DATABASE_URL", "postgres://app:s3cret@db/app"),
            Some(SecretKind::UrlPassword)
        );
        assert_eq!(secret("DATABASE_URL", "postgres://app@db/app"), None);
        assert_eq!(
            secret("SOMETHING", "AKIAIOSFODNN7EXAMPLE"),
            Some(SecretKind::KnownPrefix)
        );
        assert_eq!(
            secret("STRIPE", "q8Zr3Kp9Lm2Xw7Vt5Bn4Hs6Jd1Fg0Qa"),
            Some(SecretKind::HighEntropy)
        );
        assert_eq!(secret("LOG_LEVEL", "info"), None);
        assert!(!secret_name("PASSWORD_MIN_LENGTH"));
        assert!(secret_name("postgres_password"));
        assert!(!secret_name("COMPASS_URL"));
    }

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

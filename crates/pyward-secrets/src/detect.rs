//! The verdict on a `(name, value)` pair: is the value a secret, and why. Every analyzer asks
//! this one function ([`classify`]); the rules differ only in which kinds they report.

use crate::placeholder::{is_documentation_placeholder, is_placeholder, is_unset};
use crate::provider::find_provider_secrets;

/// Why a value looks like a secret. The description never includes the value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SecretKind {
    /// The name says it holds a secret and the value is a literal (any entropy).
    Name,
    /// The value is a URL with an embedded password.
    UrlPassword,
    /// The value has a provider's format (AWS, GitHub, Stripe, Slack, Google…), see
    /// [`crate::find_provider_secrets`].
    KnownPrefix,
    /// The value is a long random-looking string, whatever its name.
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

    /// Found by a provider pattern rather than a name or entropy heuristic: more specific, see
    /// `pyward_core::dedupe`.
    pub fn is_specific(self) -> bool {
        self == SecretKind::KnownPrefix
    }
}

/// Returns why `(name, value)` looks like a secret, if it does. Quotes around the value are
/// ignored. In order: no literal ([`is_unset`]) is no secret; a URL with a password; a file
/// path (where the secret is, not the secret); a provider format (documentation samples
/// excepted); a secret-like name
/// ([`is_secret_name`]); a high-entropy token ([`is_random_token`]).
pub fn classify(name: &str, value: &str) -> Option<SecretKind> {
    let v = value.trim().trim_matches(['"', '\'']);
    if is_unset(v) {
        return None;
    }
    if url_password(v) {
        return Some(SecretKind::UrlPassword);
    }
    if file_path(v) {
        // `DB_PASSWORD=/run/secrets/db`: where the secret is, not the secret.
        return None;
    }
    // A provider-shaped documentation sample (`AKIA…EXAMPLE`, `sk_live_your_key_here`) is no
    // provider secret; it is judged by its name like any other literal.
    if known_prefix(v) && !is_documentation_placeholder(v) {
        return Some(SecretKind::KnownPrefix);
    }
    if is_secret_name(name) {
        return Some(SecretKind::Name);
    }
    if is_random_token(v) {
        return Some(SecretKind::HighEntropy);
    }
    None
}

/// A generic secret, what code's `SEC002` reports: a secret-like name whose literal value is
/// random enough ([`is_random_secret`]) and has no provider format (those are `SEC001`).
pub fn is_generic_secret(name: &str, value: &str) -> bool {
    classify(name, value) == Some(SecretKind::Name) && is_random_secret(value)
}

/// The part of a secret value that identifies it, for `Finding::with_secret`: the password of a
/// URL with credentials (the rest of the URL is where it is used, and analyzers cut URLs at
/// different places), else the value without surrounding quotes.
pub fn secret_identity(value: &str) -> &str {
    let v = value.trim().trim_matches(['"', '\'']);
    if let Some((_, rest)) = v.split_once("://") {
        let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
        if let Some((userinfo, _)) = authority.rsplit_once('@')
            && let Some((_, password)) = userinfo.split_once(':')
            && !password.is_empty()
        {
            return password;
        }
    }
    v
}

/// Shannon entropy in bits per character: the one entropy measure of pyward.
pub fn entropy(s: &str) -> f64 {
    let mut counts = std::collections::HashMap::new();
    let mut n = 0usize;
    for c in s.chars() {
        *counts.entry(c).or_insert(0usize) += 1;
        n += 1;
    }
    if n == 0 {
        return 0.0;
    }
    counts
        .values()
        .map(|&c| {
            let p = c as f64 / n as f64;
            -p * p.log2()
        })
        .sum()
}

/// Words that make a name a secret's name. Entries with `_` and entries of five letters or more
/// match anywhere in the name (`apiToken`, `DJANGO_SECRET_KEY`); shorter ones only as a whole
/// word (`DB_PASS`, not `COMPASS`).
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
    "AUTH_KEY",
    "SIGNING_KEY",
    "ENCRYPTION_KEY",
    "MASTER_KEY",
    "WEBHOOK_KEY",
];

/// Words that make a name say something *about* a secret (`PASSWORD_RESET_URL`,
/// `TOKEN_HEADER`, `SECRET_FILE`, `PASSWORD_MIN_LENGTH`). Entries of four letters or more also
/// match as the start of a word (`EXPIRES`, `ERRORS`); shorter ones only as a whole word (`MIN`,
/// not `ADMIN`).
const NOT_SECRET_WORDS: &[&str] = &[
    "URL",
    "URI",
    "PATH",
    "FILE",
    "NAME",
    "HEADER",
    "FIELD",
    "ENV",
    "LENGTH",
    "LEN",
    "TYPE",
    "FORMAT",
    "PREFIX",
    "EXPIRE",
    "EXPIRY",
    "LIFETIME",
    "TIMEOUT",
    "TTL",
    "CLASS",
    "BACKEND",
    "SALT",
    "PATTERN",
    "REGEX",
    "TEMPLATE",
    "KIND",
    "LABEL",
    "PARAM",
    "ID",
    "COUNT",
    "MIN",
    "MAX",
    "ALGORITHM",
    "SCHEME",
    "ENDPOINT",
    "VAR",
    "SETTING",
    "FUNC",
    "MESSAGE",
    "ERROR",
    "DIR",
    "LIMIT",
    "SIZE",
    "USAGE",
    "BUDGET",
    "ENABLED",
];

/// `apiToken`, `api-token`, `API.TOKEN` → `API_TOKEN`.
fn normalize_name(name: &str) -> String {
    let mut out = String::with_capacity(name.len() + 4);
    let mut prev_lower = false;
    for c in name.chars() {
        if c.is_ascii_uppercase() && prev_lower {
            out.push('_');
        }
        prev_lower = c.is_ascii_lowercase() || c.is_ascii_digit();
        out.push(match c {
            '-' | '.' | ' ' => '_',
            c => c.to_ascii_uppercase(),
        });
    }
    out
}

/// Whether `name` names something *about* a secret rather than the secret itself
/// (`password_reset_url`, `token_header`, `secret_file` …).
pub fn is_secret_metadata_name(name: &str) -> bool {
    let upper = normalize_name(name);
    upper.split('_').filter(|w| !w.is_empty()).any(|w| {
        NOT_SECRET_WORDS
            .iter()
            .any(|n| w == *n || (n.len() >= 4 && w.starts_with(n)))
    })
}

/// Whether `name` (a variable, attribute, keyword, key or environment variable) names a secret.
pub fn is_secret_name(name: &str) -> bool {
    let upper = normalize_name(name);
    if is_secret_metadata_name(name) {
        return false;
    }
    let words: Vec<&str> = upper.split('_').filter(|w| !w.is_empty()).collect();
    SECRET_WORDS.iter().any(|w| {
        if w.contains('_') || w.len() >= 5 {
            upper.contains(w)
        } else {
            words.contains(w)
        }
    })
}

/// Whether a value with a secret's name looks like a real random secret rather than a word,
/// path or placeholder: 16 to 512 characters without spaces, two classes of characters
/// including a digit or an upper-case letter, not an identifier, at least 3 bits of
/// [`entropy`] per character.
pub fn is_random_secret(value: &str) -> bool {
    let n = value.chars().count();
    if !(16..=512).contains(&n) || value.chars().any(char::is_whitespace) {
        return false;
    }
    if value.contains("://") || value.starts_with('/') || is_placeholder(value) {
        return false;
    }
    let classes = [
        value.chars().any(|c| c.is_ascii_lowercase()),
        value.chars().any(|c| c.is_ascii_uppercase()),
        value.chars().any(|c| c.is_ascii_digit()),
        value.chars().any(|c| !c.is_ascii_alphanumeric()),
    ];
    let has_digit_or_upper = classes[1] || classes[2];
    let count = classes.iter().filter(|&&c| c).count();
    // Dotted module paths and identifiers are not secrets.
    let identifier_like = value
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '.' || c == '-')
        && !value.chars().any(|c| c.is_ascii_digit());
    has_digit_or_upper && count >= 2 && !identifier_like && entropy(value) >= 3.0
}

/// Whether a value whatever its name is a random token: the stricter test for values no name
/// vouches for. 24 to 512 base64/hex-ish characters mixing letters and digits, at least 4 bits
/// of [`entropy`] per character.
pub fn is_random_token(v: &str) -> bool {
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
        Some((_, pass)) => !pass.is_empty() && !is_unset(pass),
        None => false,
    }
}

/// A provider format: a match of the provider patterns, or a value that starts with a
/// provider's prefix (shorter than the full pattern, as configuration files often truncate
/// nothing but templates abbreviate), or a private key block.
fn known_prefix(v: &str) -> bool {
    const PREFIXES: &[&str] = &[
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
        || PREFIXES
            .iter()
            .any(|p| v.starts_with(p) && v.len() >= p.len() + 16)
        || v.contains("-----BEGIN") && v.contains("PRIVATE KEY")
        || !find_provider_secrets(v).is_empty()
}

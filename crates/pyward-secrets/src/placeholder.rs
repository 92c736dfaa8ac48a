//! Placeholders and stand-ins: values that have the place of a secret but are not one.
//!
//! One module for every analyzer. Three questions, from strictest to loosest:
//! - [`is_unset`]: not a literal at all (empty, `${VAR}`, `<value>`, `{{ var }}`, `xxxx`, a
//!   boolean or `0`/`1`): nothing to report.
//! - [`is_stand_in`]: a literal a template asks to replace (`changeme`, `your-key-here`, `todo`):
//!   no leaked secret, but a deployment that keeps it is open to anyone who read the template.
//! - [`is_placeholder`]: a value that contains a stand-in word anywhere (`example`, `dummy`,
//!   `test`, `${`…): never reported as a random secret (the entropy and URL checks use it).
//! - [`is_documentation_placeholder`]: a provider-shaped value from documentation
//!   (`AKIA…EXAMPLE`, `xoxb-xxxx…`, `sk_live_your_key_here`).

/// Words that make a value a placeholder wherever they appear in it (lowercase).
const PLACEHOLDERS: &[&str] = &[
    "example",
    "sample",
    "dummy",
    "fake",
    "xxxx",
    "your",
    "changeme",
    "change_me",
    "placeholder",
    "redacted",
    "password",
    "passwd",
    "secret",
    "pass",
    "pwd",
    "***",
    "...",
    "test",
    "user",
    "foo",
    "bar",
];

/// Whether `value` contains a stand-in word or starts like a template variable.
pub fn is_placeholder(value: &str) -> bool {
    let lower = value.to_ascii_lowercase();
    lower.starts_with(['$', '{', '<', '%', '*', '['])
        || lower.contains("{{")
        || PLACEHOLDERS.iter().any(|p| lower.contains(p))
}

/// Documentation placeholders that have a provider's shape: AWS's `…EXAMPLE` keys,
/// `xoxb-xxxx…`, `sk_live_your_key_here`, `<token>`, `changeme`.
pub fn is_documentation_placeholder(secret: &str) -> bool {
    let lower = secret.to_ascii_lowercase();
    const WORDS: &[&str] = &[
        "example",
        "xxxx",
        "your_",
        "your-",
        "yourkey",
        "yourtoken",
        "_here",
        "-here",
        "changeme",
        "change_me",
        "change-me",
        "placeholder",
        "dummy",
        "redacted",
        "insert",
        "replace",
    ];
    WORDS.iter().any(|w| lower.contains(w)) || lower.contains(['<', '>'])
}

/// Is the value no literal at all (empty, `${VAR}`, `<changeme>`, `{{ var }}`, `xxxx`, a
/// boolean, `0` or `1`)?
pub fn is_unset(value: &str) -> bool {
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
pub fn is_stand_in(value: &str) -> bool {
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

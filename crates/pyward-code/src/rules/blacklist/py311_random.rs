//! PY311 `random` (Bandit B311).

use crate::rules::prelude::*;

pyward_core::declare_rule! {
/// ## What it does
/// Flags the `random` module's generators.
///
/// ## Why is this bad?
/// `random` is a Mersenne Twister: its output can be predicted from earlier output. Tokens, keys or passwords made with it can be guessed.
///
/// ## Example
/// ```python
/// import random
///
/// token = "".join(random.choice(ALPHABET) for _ in range(32))
/// ```
///
/// ## Use instead
/// ```python
/// import secrets
///
/// token = secrets.token_urlsafe(32)
/// ```
///
/// ## References
/// - [Python docs: secrets](https://docs.python.org/3/library/secrets.html)
/// - [CWE-330](https://cwe.mitre.org/data/definitions/330.html)
/// - Bandit: `B311`
    pub static RULE = {
        code: "PY311",
        name: "random",
        analyzer: "code",
        summary: "Non-cryptographic random generator",
        severity: Low,
        confidence: High,
        cwe: 330,
        bandit_id: "B311",
    }
}

/// Fully qualified names of the flagged callables.
pub const QUALNAMES: &[&str] = &[
    "random.Random",
    "random.random",
    "random.randrange",
    "random.randint",
    "random.choice",
    "random.choices",
    "random.uniform",
    "random.triangular",
    "random.randbytes",
    "random.sample",
    "random.getrandbits",
];

pub const HOOKS: &[Hook] = &[Hook::CallBlacklist {
    qualnames: QUALNAMES,
    message: "`{name}` is not a cryptographically secure random generator",
}];

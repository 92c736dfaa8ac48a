//! PY323 `unverified-context` (Bandit B323).

use crate::rules::prelude::*;

pyward_core::declare_rule! {
/// ## What it does
/// Flags `ssl._create_unverified_context`.
///
/// ## Why is this bad?
/// A context that does not verify certificates accepts any server, so a man in the middle can read and change the traffic.
///
/// ## Example
/// ```python
/// import ssl
///
/// ctx = ssl._create_unverified_context()
/// ```
///
/// ## Use instead
/// ```python
/// import ssl
///
/// ctx = ssl.create_default_context()
/// ```
///
/// ## References
/// - [PEP 476](https://peps.python.org/pep-0476/)
/// - [CWE-295](https://cwe.mitre.org/data/definitions/295.html)
/// - Bandit: `B323`
    pub static RULE = {
        code: "PY323",
        name: "unverified-context",
        analyzer: "code",
        summary: "SSL context without certificate verification",
        severity: Medium,
        confidence: High,
        cwe: 295,
        bandit_id: "B323",
    }
}

/// Fully qualified names of the flagged callables.
pub const QUALNAMES: &[&str] = &["ssl._create_unverified_context"];

pub const HOOKS: &[Hook] = &[Hook::CallBlacklist {
    qualnames: QUALNAMES,
    message: "`{name}` disables certificate verification",
}];

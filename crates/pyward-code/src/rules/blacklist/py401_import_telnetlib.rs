//! PY401 `import-telnetlib` (Bandit B401).

use crate::rules::prelude::*;

pyward_core::declare_rule! {
/// ## What it does
/// Flags imports of `telnetlib`.
///
/// ## Why is this bad?
/// Telnet sends credentials and data in clear text.
///
/// ## Example
/// ```python
/// import telnetlib
/// ```
///
/// ## Use instead
/// ```python
/// import paramiko
/// ```
///
/// ## References
/// - [CWE-319](https://cwe.mitre.org/data/definitions/319.html)
/// - Bandit: `B401`
    pub static RULE = {
        code: "PY401",
        name: "import-telnetlib",
        analyzer: "code",
        summary: "Import of `telnetlib`",
        severity: High,
        confidence: High,
        cwe: 319,
        bandit_id: "B401",
    }
}

/// Module names (prefixes) whose import is flagged.
pub const MODULES: &[&str] = &["telnetlib"];

pub const HOOKS: &[Hook] = &[Hook::ImportBlacklist {
    modules: MODULES,
    message: "Import of `{name}`: Telnet is unencrypted; use SSH",
}];

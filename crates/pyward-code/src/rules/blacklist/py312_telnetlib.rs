//! PY312 `telnetlib` (Bandit B312).

use crate::rules::prelude::*;

pyward_core::declare_rule! {
/// ## What it does
/// Flags `telnetlib.Telnet`.
///
/// ## Why is this bad?
/// Telnet has no encryption: credentials and commands cross the network in clear text.
///
/// ## Example
/// ```python
/// import telnetlib
///
/// conn = telnetlib.Telnet(host)
/// ```
///
/// ## Use instead
/// ```python
/// import paramiko
///
/// client = paramiko.SSHClient()
/// ```
///
/// ## References
/// - [CWE-319](https://cwe.mitre.org/data/definitions/319.html)
/// - Bandit: `B312`
    pub static RULE = {
        code: "PY312",
        name: "telnetlib",
        analyzer: "code",
        summary: "Telnet client in use",
        severity: High,
        confidence: High,
        cwe: 319,
        bandit_id: "B312",
    }
}

/// Fully qualified names of the flagged callables.
pub const QUALNAMES: &[&str] = &["telnetlib.Telnet"];

pub const HOOKS: &[Hook] = &[Hook::CallBlacklist {
    qualnames: QUALNAMES,
    message: "`{name}`: Telnet sends everything in clear text; use SSH",
}];

//! PY415 `import-pyghmi` (Bandit B415).

use crate::rules::prelude::*;

pyward_core::declare_rule! {
/// ## What it does
/// Flags imports of `pyghmi`.
///
/// ## Why is this bad?
/// IPMI has weak authentication and leaks password hashes; keep it off untrusted networks.
///
/// ## Example
/// ```python
/// import pyghmi
/// ```
///
/// ## Use instead
/// ```python
/// # manage hosts through an encrypted API (Redfish over HTTPS)
/// ```
///
/// ## References
/// - [CWE-319](https://cwe.mitre.org/data/definitions/319.html)
/// - Bandit: `B415`
    pub static RULE = {
        code: "PY415",
        name: "import-pyghmi",
        analyzer: "code",
        summary: "Import of `pyghmi` (IPMI)",
        severity: High,
        confidence: High,
        cwe: 319,
        bandit_id: "B415",
    }
}

/// Module names (prefixes) whose import is flagged.
pub const MODULES: &[&str] = &["pyghmi"];

pub const HOOKS: &[Hook] = &[Hook::ImportBlacklist {
    modules: MODULES,
    message: "Import of `{name}`: IPMI is an insecure protocol",
}];

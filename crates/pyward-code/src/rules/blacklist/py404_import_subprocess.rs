//! PY404 `import-subprocess` (Bandit B404).

use crate::rules::prelude::*;

pyward_core::declare_rule! {
/// ## What it does
/// Flags imports of `subprocess`.
///
/// ## Why is this bad?
/// Running external commands is a common path to command injection; the import marks a place to review.
///
/// ## Example
/// ```python
/// import subprocess
/// ```
///
/// ## Use instead
/// ```python
/// from shutil import which  # or a library that does the job in-process
/// ```
///
/// ## References
/// - [CWE-78](https://cwe.mitre.org/data/definitions/78.html)
/// - Bandit: `B404`
    pub static RULE = {
        code: "PY404",
        name: "import-subprocess",
        analyzer: "code",
        summary: "Import of `subprocess`",
        severity: Low,
        confidence: High,
        cwe: 78,
        bandit_id: "B404",
    }
}

/// Module names (prefixes) whose import is flagged.
pub const MODULES: &[&str] = &["subprocess"];

pub const HOOKS: &[Hook] = &[Hook::ImportBlacklist {
    modules: MODULES,
    message: "Import of `subprocess`: review how commands are built",
}];

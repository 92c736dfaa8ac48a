//! PY402 `import-ftplib` (Bandit B402).

use crate::rules::prelude::*;

pyward_core::declare_rule! {
/// ## What it does
/// Flags imports of `ftplib`.
///
/// ## Why is this bad?
/// Plain FTP sends credentials and files in clear text.
///
/// ## Example
/// ```python
/// import ftplib
/// ```
///
/// ## Use instead
/// ```python
/// import paramiko  # SFTP
/// ```
///
/// ## References
/// - [CWE-319](https://cwe.mitre.org/data/definitions/319.html)
/// - Bandit: `B402`
    pub static RULE = {
        code: "PY402",
        name: "import-ftplib",
        analyzer: "code",
        summary: "Import of `ftplib`",
        severity: High,
        confidence: High,
        cwe: 319,
        bandit_id: "B402",
    }
}

/// Module names (prefixes) whose import is flagged.
pub const MODULES: &[&str] = &["ftplib"];

pub const HOOKS: &[Hook] = &[Hook::ImportBlacklist {
    modules: MODULES,
    message: "Import of `{name}`: FTP is unencrypted; use SFTP or FTPS",
}];

//! PY321 `ftplib` (Bandit B321).

use crate::rules::prelude::*;

pyward_core::declare_rule! {
/// ## What it does
/// Flags `ftplib.FTP`.
///
/// ## Why is this bad?
/// Plain FTP sends user names, passwords and files unencrypted.
///
/// ## Example
/// ```python
/// import ftplib
///
/// ftp = ftplib.FTP(host, user, password)
/// ```
///
/// ## Use instead
/// ```python
/// import ftplib
///
/// ftp = ftplib.FTP_TLS(host, user, password)
/// ftp.prot_p()
/// ```
///
/// ## References
/// - [CWE-319](https://cwe.mitre.org/data/definitions/319.html)
/// - Bandit: `B321`
    pub static RULE = {
        code: "PY321",
        name: "ftplib",
        analyzer: "code",
        summary: "FTP client in use",
        severity: High,
        confidence: High,
        cwe: 319,
        bandit_id: "B321",
    }
}

/// Fully qualified names of the flagged callables.
pub const QUALNAMES: &[&str] = &["ftplib.FTP"];

pub const HOOKS: &[Hook] = &[Hook::CallBlacklist {
    qualnames: QUALNAMES,
    message: "`{name}`: FTP sends credentials in clear text; use SFTP or FTPS",
}];

//! PY306 `mktemp-q` (Bandit B306).

use crate::rules::prelude::*;

pyward_core::declare_rule! {
/// ## What it does
/// Flags `tempfile.mktemp`.
///
/// ## Why is this bad?
/// `mktemp` returns a name without creating the file. Another process can create that path first (a race) and your program then writes to a file it does not own.
///
/// ## Example
/// ```python
/// import tempfile
///
/// path = tempfile.mktemp()
/// open(path, "w").write(data)
/// ```
///
/// ## Use instead
/// ```python
/// import tempfile
///
/// with tempfile.NamedTemporaryFile("w", delete=False) as f:
///     f.write(data)
/// ```
///
/// ## References
/// - [Python docs: tempfile.mktemp](https://docs.python.org/3/library/tempfile.html#tempfile.mktemp)
/// - [CWE-377](https://cwe.mitre.org/data/definitions/377.html)
/// - Bandit: `B306`
    pub static RULE = {
        code: "PY306",
        name: "mktemp-q",
        analyzer: "code",
        summary: "Insecure temporary file name from `tempfile.mktemp`",
        severity: Medium,
        confidence: High,
        cwe: 377,
        bandit_id: "B306",
    }
}

/// Fully qualified names of the flagged callables.
pub const QUALNAMES: &[&str] = &["tempfile.mktemp"];

pub const HOOKS: &[Hook] = &[Hook::CallBlacklist {
    qualnames: QUALNAMES,
    message: "`{name}` is insecure and deprecated; use `tempfile.mkstemp` or `NamedTemporaryFile`",
}];

//! PY108 `hardcoded-tmp-directory` (Bandit B108).

use crate::rules::prelude::*;

pyward_core::declare_rule! {
/// ## What it does
/// Flags string literals (and literal parts of f-strings) that start with `/tmp`, `/var/tmp` or `/dev/shm`.
///
/// ## Why is this bad?
/// Shared temporary directories are writable by every local user. A predictable path there can be created or symlinked by someone else before your program uses it.
///
/// ## Example
/// ```python
/// with open("/tmp/report.csv", "w") as f:
///     f.write(data)
/// ```
///
/// ## Use instead
/// ```python
/// import tempfile
///
/// with tempfile.NamedTemporaryFile("w", suffix=".csv") as f:
///     f.write(data)
/// ```
///
/// ## References
/// - [Python docs: tempfile](https://docs.python.org/3/library/tempfile.html)
/// - [CWE-377](https://cwe.mitre.org/data/definitions/377.html)
/// - Bandit: `B108`
    pub static RULE = {
        code: "PY108",
        name: "hardcoded-tmp-directory",
        analyzer: "code",
        summary: "Hard-coded temporary directory",
        severity: Medium,
        confidence: Medium,
        cwe: 377,
        bandit_id: "B108",
    }
}

pub const HOOKS: &[Hook] = &[Hook::Expr(check)];

const TMP_DIRS: &[&str] = &["/tmp", "/var/tmp", "/dev/shm"];

fn check<'a>(checker: &mut Checker<'a>, expr: &'a Expr) {
    let hit = |s: &str| TMP_DIRS.iter().any(|d| s.starts_with(d));
    match expr {
        Expr::StringLiteral(s) if hit(s.value.to_str()) => {
            checker.report(
                &RULE,
                expr.range(),
                "Probable insecure use of a temporary file or directory",
            );
        }
        Expr::FString(_) | Expr::TString(_) => {
            for (part, range) in ast::interpolated_literal_parts(expr) {
                if hit(part) {
                    checker.report(
                        &RULE,
                        range,
                        "Probable insecure use of a temporary file or directory",
                    );
                    return;
                }
            }
        }
        _ => {}
    }
}

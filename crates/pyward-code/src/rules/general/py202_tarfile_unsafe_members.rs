//! PY202 `tarfile-unsafe-members` (Bandit B202).

use crate::rules::prelude::*;

pyward_core::declare_rule! {
/// ## What it does
/// Flags `extractall` on tar archives without `filter="data"` or a `members=` selection. A `members=` that is a function call is reported at low severity, any other `members=` at medium.
///
/// ## Why is this bad?
/// Tar members can have absolute paths, `..` components or links pointing outside the target directory; extracting them blindly can overwrite any file the process can write.
///
/// ## Example
/// ```python
/// import tarfile
///
/// with tarfile.open(upload) as tar:
///     tar.extractall(dest)
/// ```
///
/// ## Use instead
/// ```python
/// import tarfile
///
/// with tarfile.open(upload) as tar:
///     tar.extractall(dest, filter="data")
/// ```
///
/// ## References
/// - [Python docs: extraction filters](https://docs.python.org/3/library/tarfile.html#tarfile-extraction-filter)
/// - [CWE-22](https://cwe.mitre.org/data/definitions/22.html)
/// - Bandit: `B202`
    pub static RULE = {
        code: "PY202",
        name: "tarfile-unsafe-members",
        analyzer: "code",
        summary: "`tarfile.extractall` without member validation",
        severity: High,
        confidence: High,
        cwe: 22,
        bandit_id: "B202",
    }
}

pub const HOOKS: &[Hook] = &[Hook::Call(check)];

fn check<'a>(checker: &mut Checker<'a>, call: &Call<'a>) {
    if !call.name.contains("extractall") || !checker.module_imported_exact("tarfile") {
        return;
    }
    if let Some(f) = ast::keyword(call.node, "filter")
        && ast::string_value(&f.value) == Some("data")
    {
        return;
    }
    match ast::keyword(call.node, "members") {
        Some(m) if matches!(m.value, Expr::Call(_)) => {
            checker
                .report(&RULE, call.node.range(), "`tarfile.extractall(members=function(...))`: make sure the function discards dangerous members")
                .severity(Severity::Low)
                .confidence(Confidence::Low);
        }
        Some(_) => {
            checker
                .report(&RULE, call.node.range(), "`tarfile.extractall(members=...)` with members of unknown origin: check they were validated")
                .severity(Severity::Medium)
                .confidence(Confidence::Medium);
        }
        None => {
            checker.report(
                &RULE,
                call.node.range(),
                "`tarfile.extractall` used without any validation of the members",
            );
        }
    }
}

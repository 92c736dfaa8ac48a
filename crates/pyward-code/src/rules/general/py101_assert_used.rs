//! PY101 `assert-used` (Bandit B101).

use crate::rules::prelude::*;

pyward_core::declare_rule! {
/// ## What it does
/// Flags `assert` statements.
///
/// ## Why is this bad?
/// Python removes `assert` statements when it runs with `-O` or `PYTHONOPTIMIZE`. A check written as an assert (permissions, input validation) silently disappears in such builds.
///
/// ## Example
/// ```python
/// def delete(user, doc):
///     assert user.can_delete(doc)
///     doc.delete()
/// ```
///
/// ## Use instead
/// ```python
/// def delete(user, doc):
///     if not user.can_delete(doc):
///         raise PermissionError("not allowed")
///     doc.delete()
/// ```
///
/// ## References
/// - [Python docs: assert](https://docs.python.org/3/reference/simple_stmts.html#the-assert-statement)
/// - [CWE-703](https://cwe.mitre.org/data/definitions/703.html)
/// - Bandit: `B101`
    pub static RULE = {
        code: "PY101",
        name: "assert-used",
        analyzer: "code",
        summary: "Use of `assert`",
        severity: Low,
        confidence: High,
        cwe: 703,
        bandit_id: "B101",
    }
}

pub const HOOKS: &[Hook] = &[Hook::Stmt(check)];

fn check<'a>(checker: &mut Checker<'a>, stmt: &'a Stmt) {
    if let Stmt::Assert(a) = stmt {
        checker.report(
            &RULE,
            a.range(),
            "Use of `assert` detected; it is removed when Python runs with -O",
        );
    }
}

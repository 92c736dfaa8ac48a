//! PY307 `eval` (Bandit B307).

use crate::rules::prelude::*;

pyward_core::declare_rule! {
/// ## What it does
/// Flags calls to the built-in `eval`.
///
/// ## Why is this bad?
/// `eval` runs any Python expression. When any part of its input comes from outside, that is code execution.
///
/// ## Example
/// ```python
/// value = eval(request.args["value"])
/// ```
///
/// ## Use instead
/// ```python
/// import ast
///
/// value = ast.literal_eval(request.args["value"])
/// ```
///
/// ## References
/// - [Python docs: ast.literal_eval](https://docs.python.org/3/library/ast.html#ast.literal_eval)
/// - [CWE-78](https://cwe.mitre.org/data/definitions/78.html)
/// - Bandit: `B307`
    pub static RULE = {
        code: "PY307",
        name: "eval",
        analyzer: "code",
        summary: "Use of `eval`",
        severity: Medium,
        confidence: High,
        cwe: 78,
        bandit_id: "B307",
    }
}

/// Fully qualified names of the flagged callables.
pub const QUALNAMES: &[&str] = &["eval"];

pub const HOOKS: &[Hook] = &[Hook::CallBlacklist {
    qualnames: QUALNAMES,
    message: "Use of `eval`; consider `ast.literal_eval` for data",
}];

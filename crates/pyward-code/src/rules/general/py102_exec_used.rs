//! PY102 `exec-used` (Bandit B102).

use crate::rules::prelude::*;

pyward_core::declare_rule! {
/// ## What it does
/// Flags calls to the built-in `exec`.
///
/// ## Why is this bad?
/// `exec` runs arbitrary Python source. If any part of that source can be influenced from outside, an attacker can run code in your process.
///
/// ## Example
/// ```python
/// exec(f"result = {formula}")
/// ```
///
/// ## Use instead
/// ```python
/// import ast
///
/// result = ast.literal_eval(formula)
/// ```
///
/// ## References
/// - [Python docs: exec](https://docs.python.org/3/library/functions.html#exec)
/// - [CWE-78](https://cwe.mitre.org/data/definitions/78.html)
/// - Bandit: `B102`
    pub static RULE = {
        code: "PY102",
        name: "exec-used",
        analyzer: "code",
        summary: "Use of `exec`",
        severity: Medium,
        confidence: High,
        cwe: 78,
        bandit_id: "B102",
    }
}

pub const HOOKS: &[Hook] = &[Hook::Call(check)];

fn check<'a>(checker: &mut Checker<'a>, call: &Call<'a>) {
    if call.qualname == "exec" {
        checker.report(&RULE, call.node.range(), "Use of `exec` detected");
    }
}

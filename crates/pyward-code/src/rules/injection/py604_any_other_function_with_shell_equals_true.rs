//! PY604 `any-other-function-with-shell-equals-true` (Bandit B604).

use crate::rules::prelude::*;

pyward_core::declare_rule! {
/// ## What it does
/// Flags calls of functions other than the `subprocess` ones that pass a truthy `shell=` argument.
///
/// ## Why is this bad?
/// A `shell=True` parameter usually means the function hands a command line to a shell, with the same injection risk as `subprocess`.
///
/// ## Example
/// ```python
/// run_remote(cmd, shell=True)
/// ```
///
/// ## Use instead
/// ```python
/// run_remote(shlex.split(cmd), shell=False)
/// ```
///
/// ## References
/// - [CWE-78](https://cwe.mitre.org/data/definitions/78.html)
/// - Bandit: `B604`
    pub static RULE = {
        code: "PY604",
        name: "any-other-function-with-shell-equals-true",
        analyzer: "code",
        summary: "Function call with `shell=True`",
        severity: Medium,
        confidence: Low,
        cwe: 78,
        bandit_id: "B604",
    }
}

pub const HOOKS: &[Hook] = &[Hook::Call(check)];

fn check<'a>(checker: &mut Checker<'a>, call: &Call<'a>) {
    if has_shell(call.node) && !SUBPROCESS.contains(&call.qualname.as_str()) {
        let range = keyword_or_call_range(call.node, "shell");
        checker.report(
            &RULE,
            range,
            "Function call with shell=True identified, possible security issue",
        );
    }
}

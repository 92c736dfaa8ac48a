//! PY603 `subprocess-without-shell-equals-true` (Bandit B603).

use crate::rules::prelude::*;

pyward_core::declare_rule! {
/// ## What it does
/// Flags `subprocess` calls that run without a shell, as a reminder to check where the arguments come from.
///
/// ## Why is this bad?
/// Even without a shell, running a program chosen or configured by input is dangerous.
///
/// ## Example
/// ```python
/// import subprocess
///
/// subprocess.run([tool, path])
/// ```
///
/// ## Use instead
/// ```python
/// import subprocess
///
/// ALLOWED = {"gzip": "/usr/bin/gzip"}
/// subprocess.run([ALLOWED[tool], "--", path])  # nosec B603 - fixed binary
/// ```
///
/// ## References
/// - [Python docs: security considerations](https://docs.python.org/3/library/subprocess.html#security-considerations)
/// - [CWE-78](https://cwe.mitre.org/data/definitions/78.html)
/// - Bandit: `B603`
    pub static RULE = {
        code: "PY603",
        name: "subprocess-without-shell-equals-true",
        analyzer: "code",
        summary: "`subprocess` call without a shell",
        severity: Low,
        confidence: High,
        cwe: 78,
        bandit_id: "B603",
    }
}

pub const HOOKS: &[Hook] = &[Hook::Call(check)];

fn check<'a>(checker: &mut Checker<'a>, call: &Call<'a>) {
    if SUBPROCESS.contains(&call.qualname.as_str()) && !has_shell(call.node) {
        let range = keyword_or_call_range(call.node, "shell");
        checker.report(
            &RULE,
            range,
            "`subprocess` call: check for execution of untrusted input",
        );
    }
}

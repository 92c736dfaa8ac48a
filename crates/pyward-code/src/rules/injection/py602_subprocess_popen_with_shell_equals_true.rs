//! PY602 `subprocess-popen-with-shell-equals-true` (Bandit B602).

use crate::rules::prelude::*;

pyward_core::declare_rule! {
/// ## What it does
/// Flags `subprocess` calls (`Popen`, `run`, `call`, `check_call`, `check_output`) with a truthy `shell=`. A command that is a literal string (directly or through a local variable) is low severity; a command built at run time (concatenation, f-string, `%`, `.format`) or of unknown origin is high.
///
/// ## Why is this bad?
/// With `shell=True` the command line is interpreted by `/bin/sh`; any interpolated value can add commands with `;`, `|`, `$(...)`.
///
/// ## Example
/// ```python
/// import subprocess
///
/// subprocess.run(f"convert {upload} out.png", shell=True)
/// ```
///
/// ## Use instead
/// ```python
/// import subprocess
///
/// subprocess.run(["convert", upload, "out.png"], check=True)
/// ```
///
/// ## References
/// - [Python docs: security considerations](https://docs.python.org/3/library/subprocess.html#security-considerations)
/// - [CWE-78](https://cwe.mitre.org/data/definitions/78.html)
/// - Bandit: `B602`
    pub static RULE = {
        code: "PY602",
        name: "subprocess-popen-with-shell-equals-true",
        analyzer: "code",
        summary: "`subprocess` call with `shell=True`",
        severity: High,
        confidence: High,
        cwe: 78,
        bandit_id: "B602",
    }
}

pub const HOOKS: &[Hook] = &[Hook::Call(check)];

fn check<'a>(checker: &mut Checker<'a>, call: &Call<'a>) {
    if !SUBPROCESS.contains(&call.qualname.as_str()) || !has_shell(call.node) {
        return;
    }
    let Some(cmd) = ast::arg(call.node, 0) else {
        return;
    };
    let range = keyword_or_call_range(call.node, "shell");
    if command_is_literal(checker, call.node) {
        checker
            .report(&RULE, range, "`subprocess` call with shell=True seems safe (literal command), but consider running it without a shell")
            .severity(Severity::Low);
    } else if checker.is_built_string(cmd) {
        checker.report(
            &RULE,
            range,
            "`subprocess` call with shell=True runs a command built at run time: shell injection",
        );
    } else {
        checker.report(
            &RULE,
            range,
            "`subprocess` call with shell=True identified, security issue",
        );
    }
}

//! PY605 `start-process-with-a-shell` (Bandit B605).

use crate::rules::prelude::*;

pyward_core::declare_rule! {
/// ## What it does
/// Flags `os.system`, `os.popen`, `subprocess.getoutput` and similar functions that always use a shell. A literal command is low severity, anything else high.
///
/// ## Why is this bad?
/// The command line is interpreted by the shell; interpolated values can inject commands.
///
/// ## Example
/// ```python
/// import os
///
/// os.system("tar xf " + archive)
/// ```
///
/// ## Use instead
/// ```python
/// import subprocess
///
/// subprocess.run(["tar", "xf", archive], check=True)
/// ```
///
/// ## References
/// - [CWE-78](https://cwe.mitre.org/data/definitions/78.html)
/// - Bandit: `B605`
    pub static RULE = {
        code: "PY605",
        name: "start-process-with-a-shell",
        analyzer: "code",
        summary: "Process started with a shell",
        severity: High,
        confidence: High,
        cwe: 78,
        bandit_id: "B605",
    }
}

pub const HOOKS: &[Hook] = &[Hook::Call(check)];

fn check<'a>(checker: &mut Checker<'a>, call: &Call<'a>) {
    if !SHELL.contains(&call.qualname.as_str()) || call.node.arguments.args.is_empty() {
        return;
    }
    if command_is_literal(checker, call.node) {
        checker
            .report(&RULE, call.node.range(), "Starting a process with a shell: seems safe (literal command), but consider running it without a shell")
            .severity(Severity::Low);
    } else {
        checker.report(
            &RULE,
            call.node.range(),
            "Starting a process with a shell, possible injection detected",
        );
    }
}

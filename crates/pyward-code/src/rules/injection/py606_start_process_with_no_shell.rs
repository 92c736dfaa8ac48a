//! PY606 `start-process-with-no-shell` (Bandit B606).

use crate::rules::prelude::*;

pyward_core::declare_rule! {
/// ## What it does
/// Flags `os.exec*`, `os.spawn*` and `os.startfile`.
///
/// ## Why is this bad?
/// These run a program directly. They are safe from shell injection but still run whatever program and arguments they are given.
///
/// ## Example
/// ```python
/// import os
///
/// os.execvp(program, args)
/// ```
///
/// ## Use instead
/// ```python
/// import os
///
/// os.execv("/usr/bin/backup", ["backup", "--", target])
/// ```
///
/// ## References
/// - [CWE-78](https://cwe.mitre.org/data/definitions/78.html)
/// - Bandit: `B606`
    pub static RULE = {
        code: "PY606",
        name: "start-process-with-no-shell",
        analyzer: "code",
        summary: "Process started without a shell",
        severity: Low,
        confidence: Medium,
        cwe: 78,
        bandit_id: "B606",
    }
}

pub const HOOKS: &[Hook] = &[Hook::Call(check)];

fn check<'a>(checker: &mut Checker<'a>, call: &Call<'a>) {
    if NO_SHELL.contains(&call.qualname.as_str()) {
        checker.report(
            &RULE,
            call.node.range(),
            "Starting a process without a shell",
        );
    }
}

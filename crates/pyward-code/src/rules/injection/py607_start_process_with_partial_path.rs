//! PY607 `start-process-with-partial-path` (Bandit B607).

use crate::rules::prelude::*;

pyward_core::declare_rule! {
/// ## What it does
/// Flags process-starting calls whose literal command does not start with an absolute path.
///
/// ## Why is this bad?
/// A bare program name is looked up in `PATH`; whoever controls `PATH` or a directory on it chooses the program that runs.
///
/// ## Example
/// ```python
/// import subprocess
///
/// subprocess.run(["git", "pull"])
/// ```
///
/// ## Use instead
/// ```python
/// import subprocess
///
/// subprocess.run(["/usr/bin/git", "pull"])
/// ```
///
/// ## References
/// - [CWE-78](https://cwe.mitre.org/data/definitions/78.html)
/// - Bandit: `B607`
    pub static RULE = {
        code: "PY607",
        name: "start-process-with-partial-path",
        analyzer: "code",
        summary: "Process started with a partial path",
        severity: Low,
        confidence: High,
        cwe: 78,
        bandit_id: "B607",
    }
}

pub const HOOKS: &[Hook] = &[Hook::Call(check)];

fn is_full_path(cmd: &str) -> bool {
    let mut chars = cmd.chars();
    match (chars.next(), chars.next()) {
        (Some('/' | '\\' | '.'), _) => true,
        (Some(c), Some(':')) => c.is_ascii_alphabetic(),
        _ => false,
    }
}

fn check<'a>(checker: &mut Checker<'a>, call: &Call<'a>) {
    let q = call.qualname.as_str();
    if !(SUBPROCESS.contains(&q) || SHELL.contains(&q) || NO_SHELL.contains(&q)) {
        return;
    }
    let Some(mut first) = ast::arg(call.node, 0) else {
        return;
    };
    if let Expr::List(l) = first {
        match l.elts.first() {
            Some(e) => first = e,
            None => return,
        }
    }
    if let Some(cmd) = ast::string_value(first)
        && !is_full_path(cmd)
    {
        checker.report(
            &RULE,
            call.node.range(),
            "Starting a process with a partial executable path",
        );
    }
}

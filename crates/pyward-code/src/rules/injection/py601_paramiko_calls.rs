//! PY601 `paramiko-calls` (Bandit B601).

use crate::rules::prelude::*;

pyward_core::declare_rule! {
/// ## What it does
/// Flags `exec_command` calls in modules that import paramiko. When the receiver is a local variable bound to `paramiko.SSHClient()`, confidence is high.
///
/// ## Why is this bad?
/// `exec_command` runs its argument in the remote user's shell. A command built from input can run anything on the remote host.
///
/// ## Example
/// ```python
/// import paramiko
///
/// client = paramiko.SSHClient()
/// client.exec_command("ls " + folder)
/// ```
///
/// ## Use instead
/// ```python
/// import shlex
///
/// client.exec_command("ls " + shlex.quote(folder))
/// ```
///
/// ## References
/// - [CWE-78](https://cwe.mitre.org/data/definitions/78.html)
/// - Bandit: `B601`
    pub static RULE = {
        code: "PY601",
        name: "paramiko-calls",
        analyzer: "code",
        summary: "Shell command run through Paramiko",
        severity: Medium,
        confidence: Medium,
        cwe: 78,
        bandit_id: "B601",
    }
}

pub const HOOKS: &[Hook] = &[Hook::Call(check)];

fn check<'a>(checker: &mut Checker<'a>, call: &Call<'a>) {
    if call.name != "exec_command" || !checker.module_imported_like("paramiko") {
        return;
    }
    let receiver_is_client = match &*call.node.func {
        Expr::Attribute(a) => checker
            .bound_call_qualname(&a.value)
            .is_some_and(|q| q.starts_with("paramiko") && q.ends_with("SSHClient")),
        _ => false,
    };
    let d = checker.report(
        &RULE,
        call.node.range(),
        "Possible shell injection via a Paramiko call; check that inputs are sanitized",
    );
    if receiver_is_client {
        d.confidence(Confidence::High);
    }
}

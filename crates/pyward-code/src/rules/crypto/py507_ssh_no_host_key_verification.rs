//! PY507 `ssh-no-host-key-verification` (Bandit B507).

use crate::rules::prelude::*;

pyward_core::declare_rule! {
/// ## What it does
/// Flags `set_missing_host_key_policy(AutoAddPolicy)` or `WarningPolicy` in modules that import paramiko.
///
/// ## Why is this bad?
/// Accepting unknown host keys lets a man in the middle pose as the server on first connection and capture credentials.
///
/// ## Example
/// ```python
/// import paramiko
///
/// client = paramiko.SSHClient()
/// client.set_missing_host_key_policy(paramiko.AutoAddPolicy())
/// ```
///
/// ## Use instead
/// ```python
/// import paramiko
///
/// client = paramiko.SSHClient()
/// client.load_system_host_keys()
/// client.set_missing_host_key_policy(paramiko.RejectPolicy())
/// ```
///
/// ## References
/// - [Paramiko: host keys](https://docs.paramiko.org/en/stable/api/client.html)
/// - [CWE-295](https://cwe.mitre.org/data/definitions/295.html)
/// - Bandit: `B507`
    pub static RULE = {
        code: "PY507",
        name: "ssh-no-host-key-verification",
        analyzer: "code",
        summary: "Paramiko trusts unknown host keys",
        severity: High,
        confidence: Medium,
        cwe: 295,
        bandit_id: "B507",
    }
}

pub const HOOKS: &[Hook] = &[Hook::Call(check)];

fn check<'a>(checker: &mut Checker<'a>, call: &Call<'a>) {
    if call.name != "set_missing_host_key_policy" || !checker.module_imported_like("paramiko") {
        return;
    }
    let Some(arg) = ast::arg(call.node, 0) else {
        return;
    };
    let policy = match arg {
        Expr::Call(c) => last_name(&c.func),
        other => last_name(other),
    };
    if matches!(policy, Some("AutoAddPolicy" | "WarningPolicy")) {
        checker.report(
            &RULE,
            call.node.range(),
            "Paramiko is set to automatically trust unknown host keys",
        );
    }
}

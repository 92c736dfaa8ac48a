//! PY103 `set-bad-file-permissions` (Bandit B103).

use crate::rules::prelude::*;

pyward_core::declare_rule! {
/// ## What it does
/// Flags `chmod` calls whose literal mode lets the group or others write or execute the file. Severity is high when others may write.
///
/// ## Why is this bad?
/// Group- or world-writable files let other local users change code or data your program trusts; world-executable scripts widen the attack surface.
///
/// ## Example
/// ```python
/// import os
///
/// os.chmod("/etc/app/config.ini", 0o777)
/// ```
///
/// ## Use instead
/// ```python
/// import os
///
/// os.chmod("/etc/app/config.ini", 0o600)
/// ```
///
/// ## References
/// - [CWE-732](https://cwe.mitre.org/data/definitions/732.html)
/// - Bandit: `B103`
    pub static RULE = {
        code: "PY103",
        name: "set-bad-file-permissions",
        analyzer: "code",
        summary: "Permissive file mode set with `chmod`",
        severity: Medium,
        confidence: High,
        cwe: 732,
        bandit_id: "B103",
    }
}

pub const HOOKS: &[Hook] = &[Hook::Call(check)];

const S_IWOTH: i64 = 0o002;
const S_IXOTH: i64 = 0o001;
const S_IWGRP: i64 = 0o020;
const S_IXGRP: i64 = 0o010;

fn check<'a>(checker: &mut Checker<'a>, call: &Call<'a>) {
    if !call.name.contains("chmod") || call.node.arguments.args.len() != 2 {
        return;
    }
    let Some(mode) = ast::arg(call.node, 1).and_then(ast::int_value) else {
        return;
    };
    if mode & (S_IWOTH | S_IXOTH | S_IWGRP | S_IXGRP) == 0 {
        return;
    }
    let file = ast::arg(call.node, 0)
        .and_then(|a| checker.literal_string(a))
        .unwrap_or_else(|| "a computed path".to_string());
    let severity = if mode & S_IWOTH != 0 {
        Severity::High
    } else {
        Severity::Medium
    };
    checker
        .report(
            &RULE,
            call.node.range(),
            format!("`chmod` sets the permissive mode {mode:#o} on {file}"),
        )
        .severity(severity);
}

//! PY106 `hardcoded-password-funcarg` (Bandit B106).

use crate::rules::prelude::*;

pyward_core::declare_rule! {
/// ## What it does
/// Flags string literals passed as keyword arguments whose name looks like a password, token or secret.
///
/// ## Why is this bad?
/// Secrets in source code end up in version control, backups and logs, and cannot be rotated without a release.
///
/// ## Example
/// ```python
/// conn = connect(host="db", user="app", password="hunter2")
/// ```
///
/// ## Use instead
/// ```python
/// import os
///
/// conn = connect(host="db", user="app", password=os.environ["DB_PASSWORD"])
/// ```
///
/// ## References
/// - [CWE-259](https://cwe.mitre.org/data/definitions/259.html)
/// - Bandit: `B106`
    pub static RULE = {
        code: "PY106",
        name: "hardcoded-password-funcarg",
        analyzer: "code",
        summary: "Hard-coded password passed as a keyword argument",
        severity: Low,
        confidence: Medium,
        cwe: 259,
        bandit_id: "B106",
    }
}

pub const HOOKS: &[Hook] = &[Hook::Call(check)];

fn check<'a>(checker: &mut Checker<'a>, call: &Call<'a>) {
    for kw in &call.node.arguments.keywords {
        let Some(name) = ast::keyword_name(kw) else {
            continue;
        };
        let Some(value) = ast::string_value(&kw.value) else {
            continue;
        };
        if is_password_name(name) {
            checker
                .report(
                    &RULE,
                    kw.value.range(),
                    format!(
                        "Possible hard-coded password: `{}`",
                        crate::secrets::redact(value)
                    ),
                )
                .secret(value, false);
            return;
        }
    }
}

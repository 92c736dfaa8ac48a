//! PY107 `hardcoded-password-default` (Bandit B107).

use crate::rules::prelude::*;

pyward_core::declare_rule! {
/// ## What it does
/// Flags function parameters that look like a password, token or secret and default to a string literal.
///
/// ## Why is this bad?
/// A default secret is used whenever a caller forgets the argument, and it is visible to anyone who can read the code.
///
/// ## Example
/// ```python
/// def connect(user, password="changeme"):
///     ...
/// ```
///
/// ## Use instead
/// ```python
/// def connect(user, password):
///     ...
/// ```
///
/// ## References
/// - [CWE-259](https://cwe.mitre.org/data/definitions/259.html)
/// - Bandit: `B107`
    pub static RULE = {
        code: "PY107",
        name: "hardcoded-password-default",
        analyzer: "code",
        summary: "Hard-coded password as a parameter default",
        severity: Low,
        confidence: Medium,
        cwe: 259,
        bandit_id: "B107",
    }
}

pub const HOOKS: &[Hook] = &[Hook::Stmt(check)];

fn check<'a>(checker: &mut Checker<'a>, stmt: &'a Stmt) {
    let Stmt::FunctionDef(f) = stmt else { return };
    for (name, default) in ast::parameters_with_defaults(&f.parameters) {
        let Some(value) = default.and_then(ast::string_value) else {
            continue;
        };
        if is_password_name(name) {
            checker
                .report(
                    &RULE,
                    f.name.range(),
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

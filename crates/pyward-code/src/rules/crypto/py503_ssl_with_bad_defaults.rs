//! PY503 `ssl-with-bad-defaults` (Bandit B503).

use crate::rules::prelude::*;

pyward_core::declare_rule! {
/// ## What it does
/// Flags function definitions whose parameter defaults name SSL 2/3 or TLS 1.0/1.1 protocol constants.
///
/// ## Why is this bad?
/// Callers that rely on the default silently get a protocol with known attacks.
///
/// ## Example
/// ```python
/// import ssl
///
/// def open_channel(host, version=ssl.PROTOCOL_TLSv1):
///     ...
/// ```
///
/// ## Use instead
/// ```python
/// import ssl
///
/// def open_channel(host, version=ssl.PROTOCOL_TLS_CLIENT):
///     ...
/// ```
///
/// ## References
/// - [CWE-327](https://cwe.mitre.org/data/definitions/327.html)
/// - Bandit: `B503`
    pub static RULE = {
        code: "PY503",
        name: "ssl-with-bad-defaults",
        analyzer: "code",
        summary: "Function defaults to an insecure SSL/TLS version",
        severity: Medium,
        confidence: Medium,
        cwe: 327,
        bandit_id: "B503",
    }
}

pub const HOOKS: &[Hook] = &[Hook::Stmt(check)];

fn check<'a>(checker: &mut Checker<'a>, stmt: &'a Stmt) {
    let Stmt::FunctionDef(f) = stmt else { return };
    for (_, default) in ast::parameters_with_defaults(&f.parameters) {
        if default
            .and_then(last_name)
            .is_some_and(|n| BAD_TLS_VERSIONS.contains(&n))
        {
            checker.report(
                &RULE,
                f.name.range(),
                "Function definition with an insecure SSL/TLS protocol version as a default",
            );
            return;
        }
    }
}

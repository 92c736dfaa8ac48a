//! PY104 `hardcoded-bind-all-interfaces` (Bandit B104).

use crate::rules::prelude::*;

pyward_core::declare_rule! {
/// ## What it does
/// Flags the string `"0.0.0.0"`, the address that binds a socket on every interface.
///
/// ## Why is this bad?
/// A service bound to all interfaces is reachable from every network the host is on, including ones you did not mean to expose it to.
///
/// ## Example
/// ```python
/// app.run(host="0.0.0.0")
/// ```
///
/// ## Use instead
/// ```python
/// import os
///
/// app.run(host=os.environ.get("BIND_ADDRESS", "127.0.0.1"))
/// ```
///
/// ## References
/// - [CWE-605](https://cwe.mitre.org/data/definitions/605.html)
/// - Bandit: `B104`
    pub static RULE = {
        code: "PY104",
        name: "hardcoded-bind-all-interfaces",
        analyzer: "code",
        summary: "Binding to all network interfaces",
        severity: Medium,
        confidence: Medium,
        cwe: 605,
        bandit_id: "B104",
    }
}

pub const HOOKS: &[Hook] = &[Hook::Expr(check)];

fn check<'a>(checker: &mut Checker<'a>, expr: &'a Expr) {
    if ast::string_value(expr) == Some("0.0.0.0") {
        checker.report(&RULE, expr.range(), "Possible binding to all interfaces");
    }
}

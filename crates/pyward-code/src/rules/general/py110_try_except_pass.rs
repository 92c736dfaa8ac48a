//! PY110 `try-except-pass` (Bandit B110).

use crate::rules::prelude::*;

pyward_core::declare_rule! {
/// ## What it does
/// Flags `except:` and `except Exception:` handlers whose whole body is `pass`.
///
/// ## Why is this bad?
/// Swallowing every exception hides failures, including security-relevant ones (failed authentication, failed validation), and makes incidents hard to investigate.
///
/// ## Example
/// ```python
/// for item in items:
///     try:
///         process(item)
///     except Exception:
///         pass
/// ```
///
/// ## Use instead
/// ```python
/// import logging
///
/// for item in items:
///     try:
///         process(item)
///     except ValueError:
///         logging.exception("skipping bad item %r", item)
/// ```
///
/// ## References
/// - [CWE-703](https://cwe.mitre.org/data/definitions/703.html)
/// - Bandit: `B110`
    pub static RULE = {
        code: "PY110",
        name: "try-except-pass",
        analyzer: "code",
        summary: "`except` block that only does `pass`",
        severity: Low,
        confidence: High,
        cwe: 703,
        bandit_id: "B110",
    }
}

pub const HOOKS: &[Hook] = &[Hook::Stmt(check)];

fn check<'a>(checker: &mut Checker<'a>, stmt: &'a Stmt) {
    let Stmt::Try(t) = stmt else { return };
    for handler in &t.handlers {
        let ExceptHandler::ExceptHandler(h) = handler;
        let broad = match h.type_.as_deref() {
            None => true,
            Some(Expr::Name(n)) => n.id.as_str() == "Exception",
            Some(_) => false,
        };
        if broad && h.body.len() == 1 && matches!(h.body[0], Stmt::Pass(_)) {
            checker.report(&RULE, h.range, "`try`/`except`/`pass` detected");
        }
    }
}

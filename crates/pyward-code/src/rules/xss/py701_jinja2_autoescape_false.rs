//! PY701 `jinja2-autoescape-false` (Bandit B701).

use crate::rules::prelude::*;

pyward_core::declare_rule! {
/// ## What it does
/// Flags `jinja2.Environment(...)` without `autoescape=`, with `autoescape=False`, or (medium confidence) with a value that is neither `True` nor `select_autoescape(...)`.
///
/// ## Why is this bad?
/// Without autoescaping, values rendered into HTML templates can inject markup and scripts (XSS).
///
/// ## Example
/// ```python
/// import jinja2
///
/// env = jinja2.Environment(loader=loader)
/// ```
///
/// ## Use instead
/// ```python
/// import jinja2
///
/// env = jinja2.Environment(loader=loader, autoescape=jinja2.select_autoescape())
/// ```
///
/// ## References
/// - [Jinja docs: autoescaping](https://jinja.palletsprojects.com/en/stable/api/#autoescaping)
/// - [CWE-94](https://cwe.mitre.org/data/definitions/94.html)
/// - Bandit: `B701`
    pub static RULE = {
        code: "PY701",
        name: "jinja2-autoescape-false",
        analyzer: "code",
        summary: "Jinja2 environment without autoescaping",
        severity: High,
        confidence: High,
        cwe: 94,
        bandit_id: "B701",
    }
}

pub const HOOKS: &[Hook] = &[Hook::Call(check)];

fn check<'a>(checker: &mut Checker<'a>, call: &Call<'a>) {
    let mut parts = call.qualname.split('.');
    if parts.next_back() != Some("Environment") || !parts.any(|p| p == "jinja2") {
        return;
    }
    match ast::keyword(call.node, "autoescape").map(|k| &k.value) {
        None => {
            checker.report(&RULE, call.node.range(), "jinja2 does not autoescape by default; pass autoescape=True or select_autoescape()");
        }
        Some(Expr::BooleanLiteral(b)) if !b.value => {
            checker.report(
                &RULE,
                call.node.range(),
                "Using jinja2 templates with autoescape=False is dangerous and can lead to XSS",
            );
        }
        Some(Expr::BooleanLiteral(_)) => {}
        Some(Expr::Call(c)) if last_name(&c.func) == Some("select_autoescape") => {}
        Some(_) => {
            checker
                .report(&RULE, call.node.range(), "jinja2 autoescape is set to a value that may be false; use autoescape=True or select_autoescape()")
                .confidence(Confidence::Medium);
        }
    }
}

//! PY704 `markupsafe-markup-xss` (Bandit B704).

use crate::rules::prelude::*;

pyward_core::declare_rule! {
/// ## What it does
/// Flags `markupsafe.Markup(...)` (and `flask.Markup`) called on anything but a literal.
///
/// ## Why is this bad?
/// `Markup` declares its argument safe HTML; wrapping user data in it disables escaping.
///
/// ## Example
/// ```python
/// from markupsafe import Markup
///
/// html = Markup(f"<b>{name}</b>")
/// ```
///
/// ## Use instead
/// ```python
/// from markupsafe import Markup, escape
///
/// html = Markup("<b>{}</b>").format(name)
/// ```
///
/// ## References
/// - [MarkupSafe docs](https://markupsafe.palletsprojects.com/)
/// - [CWE-79](https://cwe.mitre.org/data/definitions/79.html)
/// - Bandit: `B704`
    pub static RULE = {
        code: "PY704",
        name: "markupsafe-markup-xss",
        analyzer: "code",
        summary: "`Markup` on a non-literal",
        severity: Medium,
        confidence: High,
        cwe: 79,
        bandit_id: "B704",
    }
}

pub const HOOKS: &[Hook] = &[Hook::Call(check)];

fn check<'a>(checker: &mut Checker<'a>, call: &Call<'a>) {
    if call.qualname != "markupsafe.Markup" && call.qualname != "flask.Markup" {
        return;
    }
    let Some(arg) = ast::arg(call.node, 0) else {
        return;
    };
    let literal = matches!(
        arg,
        Expr::StringLiteral(_)
            | Expr::BytesLiteral(_)
            | Expr::NumberLiteral(_)
            | Expr::NoneLiteral(_)
            | Expr::BooleanLiteral(_)
    );
    if !literal {
        checker.report(
            &RULE,
            call.node.range(),
            format!(
                "Potential XSS with `{}`: do not use it on untrusted data",
                call.qualname
            ),
        );
    }
}

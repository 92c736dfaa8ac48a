//! PY703 `django-mark-safe` (Bandit B703).

use crate::rules::prelude::*;

pyward_core::declare_rule! {
/// ## What it does
/// Flags `mark_safe`, `SafeString` and related calls whose argument is not a string literal or a local variable assigned one (function parameters always count as untrusted).
///
/// ## Why is this bad?
/// Marking a string built from user data as safe skips escaping and allows cross-site scripting.
///
/// ## Example
/// ```python
/// from django.utils.safestring import mark_safe
///
/// def greet(name):
///     return mark_safe("<b>" + name + "</b>")
/// ```
///
/// ## Use instead
/// ```python
/// from django.utils.html import format_html
///
/// def greet(name):
///     return format_html("<b>{}</b>", name)
/// ```
///
/// ## References
/// - [Django docs: format_html](https://docs.djangoproject.com/en/stable/ref/utils/#django.utils.html.format_html)
/// - [CWE-80](https://cwe.mitre.org/data/definitions/80.html)
/// - Bandit: `B703`
    pub static RULE = {
        code: "PY703",
        name: "django-mark-safe",
        analyzer: "code",
        summary: "Django `mark_safe` on a non-literal",
        severity: Medium,
        confidence: High,
        cwe: 80,
        bandit_id: "B703",
    }
}

pub const HOOKS: &[Hook] = &[Hook::Call(check)];

const FUNCS: &[&str] = &[
    "mark_safe",
    "SafeText",
    "SafeUnicode",
    "SafeString",
    "SafeBytes",
];

fn check<'a>(checker: &mut Checker<'a>, call: &Call<'a>) {
    if !FUNCS.contains(&call.name) || !checker.module_imported_like("django.utils.safestring") {
        return;
    }
    let Some(arg) = ast::arg(call.node, 0) else {
        return;
    };
    if is_str_literal(arg) {
        return;
    }
    if let Expr::Name(n) = arg
        && !checker.is_parameter(n.id.as_str())
        && checker.literal_string(arg).is_some()
    {
        return;
    }
    checker.report(
        &RULE,
        call.node.range(),
        "Potential XSS: `mark_safe` on a value that is not a literal",
    );
}

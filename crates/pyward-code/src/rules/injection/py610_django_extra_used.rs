//! PY610 `django-extra-used` (Bandit B610).

use crate::rules::prelude::*;

pyward_core::declare_rule! {
/// ## What it does
/// Flags `.extra(...)` calls whose `where`, `tables` or `select` parts are not plain string literals.
///
/// ## Why is this bad?
/// `extra()` pastes its strings into the SQL statement; computed strings open the door to SQL injection.
///
/// ## Example
/// ```python
/// User.objects.extra(where=["name = '%s'" % name])
/// ```
///
/// ## Use instead
/// ```python
/// User.objects.extra(where=["name = %s"], params=[name])
/// ```
///
/// ## References
/// - [Django docs: extra()](https://docs.djangoproject.com/en/stable/ref/models/querysets/#extra)
/// - [CWE-89](https://cwe.mitre.org/data/definitions/89.html)
/// - Bandit: `B610`
    pub static RULE = {
        code: "PY610",
        name: "django-extra-used",
        analyzer: "code",
        summary: "Django `QuerySet.extra` with computed SQL",
        severity: Medium,
        confidence: Medium,
        cwe: 89,
        bandit_id: "B610",
    }
}

pub const HOOKS: &[Hook] = &[Hook::Call(check)];

fn all_literal_strings(e: &Expr) -> bool {
    match e {
        Expr::List(l) => l.elts.iter().all(is_str_literal),
        _ => false,
    }
}

fn check<'a>(checker: &mut Checker<'a>, call: &Call<'a>) {
    if call.name != "extra" {
        return;
    }
    const POSITIONS: &[&str] = &[
        "select",
        "where",
        "params",
        "tables",
        "order_by",
        "select_params",
    ];
    let get = |name: &str| {
        ast::keyword(call.node, name).map(|k| &k.value).or_else(|| {
            POSITIONS
                .iter()
                .position(|p| *p == name)
                .and_then(|i| ast::arg(call.node, i))
        })
    };
    let mut insecure = ["where", "tables"]
        .into_iter()
        .filter_map(get)
        .any(|v| !all_literal_strings(v));
    if !insecure && let Some(select) = get("select") {
        insecure = match select {
            Expr::Dict(d) => !d
                .items
                .iter()
                .all(|i| i.key.as_ref().is_some_and(is_str_literal) && is_str_literal(&i.value)),
            _ => true,
        };
    }
    if insecure {
        checker.report(
            &RULE,
            call.node.range(),
            "Use of `extra` with computed SQL: potential SQL injection",
        );
    }
}

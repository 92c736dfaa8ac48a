//! PY611 `django-rawsql-used` (Bandit B611).

use crate::rules::prelude::*;

pyward_core::declare_rule! {
/// ## What it does
/// Flags `RawSQL(...)` whose SQL is not a string literal, in modules that import `django.db.models`.
///
/// ## Why is this bad?
/// `RawSQL` inserts its SQL text verbatim; building that text from values allows SQL injection.
///
/// ## Example
/// ```python
/// from django.db.models.expressions import RawSQL
///
/// qs.annotate(val=RawSQL("select col from t where id = %s" % pk, []))
/// ```
///
/// ## Use instead
/// ```python
/// from django.db.models.expressions import RawSQL
///
/// qs.annotate(val=RawSQL("select col from t where id = %s", (pk,)))
/// ```
///
/// ## References
/// - [Django docs: RawSQL](https://docs.djangoproject.com/en/stable/ref/models/expressions/#raw-sql-expressions)
/// - [CWE-89](https://cwe.mitre.org/data/definitions/89.html)
/// - Bandit: `B611`
    pub static RULE = {
        code: "PY611",
        name: "django-rawsql-used",
        analyzer: "code",
        summary: "Django `RawSQL` with computed SQL",
        severity: Medium,
        confidence: Medium,
        cwe: 89,
        bandit_id: "B611",
    }
}

pub const HOOKS: &[Hook] = &[Hook::Call(check)];

fn check<'a>(checker: &mut Checker<'a>, call: &Call<'a>) {
    if call.name != "RawSQL" || !checker.module_imported_like("django.db.models") {
        return;
    }
    let sql = ast::arg(call.node, 0).or_else(|| ast::keyword(call.node, "sql").map(|k| &k.value));
    if sql.is_some_and(|s| !is_str_literal(s)) {
        checker.report(
            &RULE,
            call.node.range(),
            "Use of `RawSQL` with computed SQL: potential SQL injection",
        );
    }
}

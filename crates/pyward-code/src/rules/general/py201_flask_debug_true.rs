//! PY201 `flask-debug-true` (Bandit B201).

use crate::rules::prelude::*;

pyward_core::declare_rule! {
/// ## What it does
/// Flags `app.run(debug=True)` in modules that import Flask.
///
/// ## Why is this bad?
/// The Werkzeug debugger that `debug=True` enables lets anyone who can reach the page run Python code on the server.
///
/// ## Example
/// ```python
/// app.run(debug=True)
/// ```
///
/// ## Use instead
/// ```python
/// import os
///
/// app.run(debug=os.environ.get("FLASK_DEBUG") == "1")
/// ```
///
/// ## References
/// - [Flask docs: debug mode](https://flask.palletsprojects.com/en/stable/debugging/)
/// - [CWE-94](https://cwe.mitre.org/data/definitions/94.html)
/// - Bandit: `B201`
    pub static RULE = {
        code: "PY201",
        name: "flask-debug-true",
        analyzer: "code",
        summary: "Flask app run with `debug=True`",
        severity: High,
        confidence: Medium,
        cwe: 94,
        bandit_id: "B201",
    }
}

pub const HOOKS: &[Hook] = &[Hook::Call(check)];

fn check<'a>(checker: &mut Checker<'a>, call: &Call<'a>) {
    if !call.qualname.ends_with(".run") || !checker.module_imported_like("flask") {
        return;
    }
    if let Some(kw) = ast::keyword(call.node, "debug")
        && matches!(kw.value, Expr::BooleanLiteral(ref b) if b.value)
    {
        checker.report(
                &RULE,
                kw.value.range(),
                "A Flask app is run with debug=True, which exposes the Werkzeug debugger and allows running arbitrary code",
            );
    }
}

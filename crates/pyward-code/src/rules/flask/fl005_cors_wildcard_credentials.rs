//! FL005 `flask-cors-wildcard-with-credentials`.

use crate::rules::prelude::*;

pyward_core::declare_rule! {
/// ## What it does
/// Flags `flask_cors.CORS(...)` or `@cross_origin(...)` with `supports_credentials=True` and
/// `origins` left at its default (`*`) or containing `*`.
///
/// ## Why is this bad?
/// Any website can then send credentialed requests and read the responses on behalf of the user.
///
/// ## Example
/// ```python
/// CORS(app, supports_credentials=True)
/// ```
///
/// ## Use instead
/// ```python
/// CORS(app, origins=["https://app.example.com"], supports_credentials=True)
/// ```
///
/// ## References
/// - [flask-cors docs](https://flask-cors.readthedocs.io/)
/// - [CWE-942](https://cwe.mitre.org/data/definitions/942.html)
    pub static RULE = {
        code: "FL005",
        name: "flask-cors-wildcard-with-credentials",
        analyzer: "code",
        summary: "flask-cors allows every origin with credentials",
        severity: High,
        confidence: High,
        cwe: 942,
    }
}

pub const HOOKS: &[Hook] = &[Hook::Call(check)];

fn check<'a>(checker: &mut Checker<'a>, call: &Call<'a>) {
    if !matches!(
        call.qualname.as_str(),
        "flask_cors.CORS" | "flask_cors.cross_origin"
    ) {
        return;
    }
    let Some(creds) = ast::keyword(call.node, "supports_credentials") else {
        return;
    };
    if ast::is_truthy_const(&creds.value) != Some(true) {
        return;
    }
    let wildcard = match ast::keyword(call.node, "origins") {
        None => true,
        Some(k) => match checker.resolve(&k.value) {
            Expr::StringLiteral(s) => s.value.to_str() == "*",
            Expr::List(l) => l.elts.iter().any(|e| ast::string_value(e) == Some("*")),
            _ => false,
        },
    };
    if wildcard {
        checker.report(
            &RULE,
            creds.value.range(),
            "CORS allows every origin together with credentials",
        );
    }
}

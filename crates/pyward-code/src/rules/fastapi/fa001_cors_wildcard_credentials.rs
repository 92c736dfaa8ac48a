//! FA001 `fastapi-cors-wildcard-with-credentials`.

use crate::rules::prelude::*;

pyward_core::declare_rule! {
/// ## What it does
/// Flags Starlette/FastAPI `CORSMiddleware` (via `add_middleware` or `Middleware(...)`) with
/// `allow_credentials=True` and `allow_origins` containing `*` or an `allow_origin_regex` that
/// matches any origin.
///
/// ## Why is this bad?
/// Any website can then make requests with the user's cookies and read the answers.
///
/// ## Example
/// ```python
/// app.add_middleware(CORSMiddleware, allow_origins=["*"], allow_credentials=True)
/// ```
///
/// ## Use instead
/// ```python
/// app.add_middleware(
///     CORSMiddleware,
///     allow_origins=["https://app.example.com"],
///     allow_credentials=True,
/// )
/// ```
///
/// ## References
/// - [FastAPI docs: CORS](https://fastapi.tiangolo.com/tutorial/cors/)
/// - [CWE-942](https://cwe.mitre.org/data/definitions/942.html)
    pub static RULE = {
        code: "FA001",
        name: "fastapi-cors-wildcard-with-credentials",
        analyzer: "code",
        summary: "`CORSMiddleware` allows every origin with credentials",
        severity: High,
        confidence: High,
        cwe: 942,
    }
}

pub const HOOKS: &[Hook] = &[Hook::Call(check)];

fn check<'a>(checker: &mut Checker<'a>, call: &Call<'a>) {
    if !matches!(call.name, "add_middleware" | "Middleware") {
        return;
    }
    if ast::arg(call.node, 0).and_then(last_name) != Some("CORSMiddleware") {
        return;
    }
    let Some(creds) = ast::keyword(call.node, "allow_credentials") else {
        return;
    };
    if ast::is_truthy_const(&creds.value) != Some(true) {
        return;
    }
    let all_origins =
        ast::keyword(call.node, "allow_origins").is_some_and(|k| match checker.resolve(&k.value) {
            Expr::List(l) => l.elts.iter().any(|e| ast::string_value(e) == Some("*")),
            Expr::Tuple(t) => t.elts.iter().any(|e| ast::string_value(e) == Some("*")),
            Expr::StringLiteral(s) => s.value.to_str() == "*",
            _ => false,
        });
    let all_regex = ast::keyword(call.node, "allow_origin_regex")
        .and_then(|k| checker.literal_string(&k.value))
        .and_then(|p| regex::Regex::new(&format!("^(?:{p})$")).ok())
        .is_some_and(|re| re.is_match("https://attacker.invalid"));
    if all_origins || all_regex {
        checker.report(
            &RULE,
            creds.value.range(),
            "CORSMiddleware allows every origin together with credentials",
        );
    }
}

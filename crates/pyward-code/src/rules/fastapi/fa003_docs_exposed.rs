//! FA003 `fastapi-docs-exposed`.

use crate::rules::prelude::*;

pyward_core::declare_rule! {
/// ## What it does
/// Reports `FastAPI(...)` apps that keep the interactive docs and schema (`docs_url`,
/// `redoc_url`, `openapi_url`) enabled. Informational: fine in development, worth a decision
/// for production.
///
/// ## Why is this bad?
/// The schema lists every route and parameter, which helps attackers map the API.
///
/// ## Example
/// ```python
/// app = FastAPI()
/// ```
///
/// ## Use instead
/// ```python
/// app = FastAPI(openapi_url=None if PRODUCTION else "/openapi.json")
/// ```
///
/// ## References
/// - [FastAPI docs: metadata and docs URLs](https://fastapi.tiangolo.com/tutorial/metadata/)
/// - [CWE-200](https://cwe.mitre.org/data/definitions/200.html)
    pub static RULE = {
        code: "FA003",
        name: "fastapi-docs-exposed",
        analyzer: "code",
        summary: "FastAPI OpenAPI docs enabled",
        severity: Info,
        confidence: Low,
        cwe: 200,
    }
}

pub const HOOKS: &[Hook] = &[Hook::Call(check)];

fn disabled(call: &ExprCall, name: &str) -> bool {
    ast::keyword(call, name).is_some_and(|k| !matches!(k.value, Expr::StringLiteral(_)))
}

fn check<'a>(checker: &mut Checker<'a>, call: &Call<'a>) {
    if call.qualname != "fastapi.FastAPI" {
        return;
    }
    if disabled(call.node, "openapi_url")
        || (disabled(call.node, "docs_url") && disabled(call.node, "redoc_url"))
    {
        return;
    }
    checker.report(
        &RULE,
        call.node.range(),
        "FastAPI app serves its OpenAPI schema and docs; disable them in production (openapi_url=None)",
    );
}

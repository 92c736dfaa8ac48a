//! FA004 `starlette-host-and-https-middleware`.

use crate::rules::prelude::*;

pyward_core::declare_rule! {
/// ## What it does
/// Flags `TrustedHostMiddleware` with `allowed_hosts` containing `*`, a `FastAPI()` app in a
/// module that never adds `TrustedHostMiddleware` (low severity), and `uvicorn.run(...)`
/// serving TLS itself (`ssl_certfile=`) in a module that never adds `HTTPSRedirectMiddleware`.
///
/// ## Why is this bad?
/// An allow-all host list accepts forged Host headers (poisoned links and caches); a TLS server
/// without a redirect still answers plain HTTP.
///
/// ## Example
/// ```python
/// app.add_middleware(TrustedHostMiddleware, allowed_hosts=["*"])
/// ```
///
/// ## Use instead
/// ```python
/// app.add_middleware(TrustedHostMiddleware, allowed_hosts=["api.example.com"])
/// ```
///
/// ## References
/// - [Starlette docs: middleware](https://www.starlette.io/middleware/)
/// - [CWE-644](https://cwe.mitre.org/data/definitions/644.html)
    pub static RULE = {
        code: "FA004",
        name: "starlette-host-and-https-middleware",
        analyzer: "code",
        summary: "allow-all `TrustedHostMiddleware` or TLS without HTTPS redirect",
        severity: Medium,
        confidence: Low,
        cwe: 644,
    }
}

pub const HOOKS: &[Hook] = &[Hook::Call(check)];

fn check<'a>(checker: &mut Checker<'a>, call: &Call<'a>) {
    if matches!(call.name, "add_middleware" | "Middleware")
        && ast::arg(call.node, 0).and_then(last_name) == Some("TrustedHostMiddleware")
        && let Some(k) = ast::keyword(call.node, "allowed_hosts")
        && let Expr::List(l) = checker.resolve(&k.value)
        && l.elts.iter().any(|e| ast::string_value(e) == Some("*"))
    {
        checker.report(
            &RULE,
            k.value.range(),
            "TrustedHostMiddleware allows every host",
        );
    }
    if call.qualname == "fastapi.FastAPI" && !checker.source.contains("TrustedHostMiddleware") {
        checker
            .report(
                &RULE,
                call.node.range(),
                "the app has no TrustedHostMiddleware: any Host header is accepted",
            )
            .severity(Severity::Low)
            .confidence(Confidence::Low);
    }
    if call.qualname == "uvicorn.run"
        && let Some(k) = ast::keyword(call.node, "ssl_certfile")
        && !checker.source.contains("HTTPSRedirectMiddleware")
    {
        checker
            .report(
                &RULE,
                k.value.range(),
                "the app serves TLS itself but has no HTTPSRedirectMiddleware: plain HTTP is not redirected",
            )
            .severity(Severity::Low);
    }
}

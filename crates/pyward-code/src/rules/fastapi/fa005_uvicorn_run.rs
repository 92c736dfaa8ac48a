//! FA005 `uvicorn-run-insecure`.

use crate::rules::prelude::*;

pyward_core::declare_rule! {
/// ## What it does
/// Flags `uvicorn.run(..., host="0.0.0.0", reload=True)` (the development reloader exposed on
/// the network) and `forwarded_allow_ips="*"` (trusting `X-Forwarded-*` from any client).
///
/// ## Why is this bad?
/// The reloader is a development server; trusting forwarded headers from anyone lets clients
/// spoof their IP address and scheme.
///
/// ## Example
/// ```python
/// uvicorn.run("app:app", host="0.0.0.0", reload=True, forwarded_allow_ips="*")
/// ```
///
/// ## Use instead
/// ```python
/// uvicorn.run("app:app", host="127.0.0.1", forwarded_allow_ips="10.0.0.1")
/// ```
///
/// ## References
/// - [Uvicorn settings](https://www.uvicorn.org/settings/)
/// - [CWE-489](https://cwe.mitre.org/data/definitions/489.html)
    pub static RULE = {
        code: "FA005",
        name: "uvicorn-run-insecure",
        analyzer: "code",
        summary: "`uvicorn.run` with reload on all interfaces or trusting every proxy",
        severity: Medium,
        confidence: Medium,
        cwe: 489,
    }
}

pub const HOOKS: &[Hook] = &[Hook::Call(check)];

fn check<'a>(checker: &mut Checker<'a>, call: &Call<'a>) {
    if call.qualname != "uvicorn.run" {
        return;
    }
    let host = ast::keyword(call.node, "host").and_then(|k| checker.literal_string(&k.value));
    if let Some(reload) = ast::keyword(call.node, "reload")
        && ast::is_truthy_const(&reload.value) == Some(true)
        && matches!(host.as_deref(), Some("0.0.0.0" | "::"))
    {
        checker.report(
            &RULE,
            reload.value.range(),
            "uvicorn runs with reload=True on all interfaces: a development server exposed to the network",
        );
    }
    if let Some(k) = ast::keyword(call.node, "forwarded_allow_ips")
        && checker.literal_string(&k.value).as_deref() == Some("*")
        && ast::keyword(call.node, "proxy_headers")
            .is_none_or(|p| ast::is_truthy_const(&p.value) != Some(false))
    {
        checker.report(
            &RULE,
            k.value.range(),
            "forwarded_allow_ips=\"*\" trusts X-Forwarded-For/Proto from any client",
        );
    }
}

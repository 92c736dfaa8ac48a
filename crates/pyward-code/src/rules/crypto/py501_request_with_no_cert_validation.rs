//! PY501 `request-with-no-cert-validation` (Bandit B501).

use crate::rules::prelude::*;

pyward_core::declare_rule! {
/// ## What it does
/// Flags `requests` and `httpx` calls with `verify=False`.
///
/// ## Why is this bad?
/// Without certificate verification any host on the path can impersonate the server and read or change the traffic.
///
/// ## Example
/// ```python
/// import requests
///
/// requests.get(url, verify=False, timeout=10)
/// ```
///
/// ## Use instead
/// ```python
/// import requests
///
/// requests.get(url, verify="/etc/ssl/internal-ca.pem", timeout=10)
/// ```
///
/// ## References
/// - [CWE-295](https://cwe.mitre.org/data/definitions/295.html)
/// - Bandit: `B501`
    pub static RULE = {
        code: "PY501",
        name: "request-with-no-cert-validation",
        analyzer: "code",
        summary: "HTTP request with certificate checks disabled",
        severity: High,
        confidence: High,
        cwe: 295,
        bandit_id: "B501",
    }
}

pub const HOOKS: &[Hook] = &[Hook::Call(check)];

fn check<'a>(checker: &mut Checker<'a>, call: &Call<'a>) {
    let root = call.qualname.split('.').next().unwrap_or("");
    let applies = (root == "requests" && HTTP_VERBS.contains(&call.name))
        || (root == "httpx"
            && (HTTP_VERBS.contains(&call.name) || HTTPX_EXTRA.contains(&call.name)));
    if !applies {
        return;
    }
    if let Some(kw) = ast::keyword(call.node, "verify")
        && matches!(kw.value, Expr::BooleanLiteral(ref b) if !b.value)
    {
        checker.report(
            &RULE,
            kw.value.range(),
            format!("Call to {root} with verify=False disables TLS certificate checks"),
        );
    }
}

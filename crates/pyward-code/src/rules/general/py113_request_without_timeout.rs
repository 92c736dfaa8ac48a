//! PY113 `request-without-timeout` (Bandit B113).

use crate::rules::prelude::*;

pyward_core::declare_rule! {
/// ## What it does
/// Flags `requests` calls without a `timeout=` argument, and `requests`/`httpx` calls with `timeout=None`.
///
/// ## Why is this bad?
/// Without a timeout a request to a slow or hostile server can block a worker forever; enough of them exhaust the pool.
///
/// ## Example
/// ```python
/// import requests
///
/// r = requests.get(url)
/// ```
///
/// ## Use instead
/// ```python
/// import requests
///
/// r = requests.get(url, timeout=10)
/// ```
///
/// ## References
/// - [requests: timeouts](https://requests.readthedocs.io/en/latest/user/advanced/#timeouts)
/// - [CWE-400](https://cwe.mitre.org/data/definitions/400.html)
/// - Bandit: `B113`
    pub static RULE = {
        code: "PY113",
        name: "request-without-timeout",
        analyzer: "code",
        summary: "HTTP request without a timeout",
        severity: Medium,
        confidence: Low,
        cwe: 400,
        bandit_id: "B113",
    }
}

pub const HOOKS: &[Hook] = &[Hook::Call(check)];

fn check<'a>(checker: &mut Checker<'a>, call: &Call<'a>) {
    let root = call.qualname.split('.').next().unwrap_or("");
    let is_requests = root == "requests" && HTTP_VERBS.contains(&call.name);
    let is_httpx =
        root == "httpx" && (HTTP_VERBS.contains(&call.name) || HTTPX_EXTRA.contains(&call.name));
    if !is_requests && !is_httpx {
        return;
    }
    match ast::keyword(call.node, "timeout") {
        None if is_requests && !call.node.arguments.keywords.iter().any(|k| k.arg.is_none()) => {
            checker.report(
                &RULE,
                call.node.range(),
                format!("Call to {root} without a timeout"),
            );
        }
        Some(kw) if matches!(kw.value, Expr::NoneLiteral(_)) => {
            checker.report(
                &RULE,
                call.node.range(),
                format!("Call to {root} with the timeout set to None"),
            );
        }
        _ => {}
    }
}

//! PY504 `ssl-with-no-version` (Bandit B504).

use crate::rules::prelude::*;

pyward_core::declare_rule! {
/// ## What it does
/// Flags `ssl.wrap_socket` calls that do not pass `ssl_version=`.
///
/// ## Why is this bad?
/// The default of the deprecated `wrap_socket` negotiates old protocol versions on some Python builds.
///
/// ## Example
/// ```python
/// import ssl
///
/// sock = ssl.wrap_socket(raw)
/// ```
///
/// ## Use instead
/// ```python
/// import ssl
///
/// ctx = ssl.create_default_context()
/// sock = ctx.wrap_socket(raw, server_hostname=host)
/// ```
///
/// ## References
/// - [CWE-327](https://cwe.mitre.org/data/definitions/327.html)
/// - Bandit: `B504`
    pub static RULE = {
        code: "PY504",
        name: "ssl-with-no-version",
        analyzer: "code",
        summary: "`ssl.wrap_socket` without a protocol version",
        severity: Low,
        confidence: Medium,
        cwe: 327,
        bandit_id: "B504",
    }
}

pub const HOOKS: &[Hook] = &[Hook::Call(check)];

fn check<'a>(checker: &mut Checker<'a>, call: &Call<'a>) {
    if call.qualname == "ssl.wrap_socket" && ast::keyword(call.node, "ssl_version").is_none() {
        checker.report(
            &RULE,
            call.node.range(),
            "`ssl.wrap_socket` call with no SSL/TLS protocol version; the default may be insecure",
        );
    }
}

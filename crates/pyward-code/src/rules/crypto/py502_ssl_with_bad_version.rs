//! PY502 `ssl-with-bad-version` (Bandit B502).

use crate::rules::prelude::*;

pyward_core::declare_rule! {
/// ## What it does
/// Flags `ssl.wrap_socket(ssl_version=...)`, `ssl.SSLContext(...)` and pyOpenSSL `SSL.Context(...)` with SSL 2, SSL 3, TLS 1.0 or TLS 1.1, and (at medium severity and confidence) any other call passing such a constant as `method=` or `ssl_version=`. Unlike Bandit, the pyOpenSSL check matches the real module name `OpenSSL` and positional arguments.
///
/// ## Why is this bad?
/// SSL 2/3 and TLS 1.0/1.1 have known attacks (POODLE, BEAST) and are deprecated (RFC 8996).
///
/// ## Example
/// ```python
/// from OpenSSL import SSL
///
/// ctx = SSL.Context(SSL.SSLv2_METHOD)
/// ```
///
/// ## Use instead
/// ```python
/// from OpenSSL import SSL
///
/// ctx = SSL.Context(SSL.TLS_METHOD)
/// ctx.set_min_proto_version(SSL.TLS1_2_VERSION)
/// ```
///
/// ## References
/// - [RFC 8996](https://www.rfc-editor.org/rfc/rfc8996)
/// - [CWE-327](https://cwe.mitre.org/data/definitions/327.html)
/// - Bandit: `B502`
    pub static RULE = {
        code: "PY502",
        name: "ssl-with-bad-version",
        analyzer: "code",
        summary: "SSL/TLS protocol version known to be insecure",
        severity: High,
        confidence: High,
        cwe: 327,
        bandit_id: "B502",
    }
}

pub const HOOKS: &[Hook] = &[Hook::Call(check)];

fn is_bad(expr: &Expr) -> bool {
    last_name(expr).is_some_and(|n| BAD_TLS_VERSIONS.contains(&n))
}

fn check<'a>(checker: &mut Checker<'a>, call: &Call<'a>) {
    let q = call.qualname.as_str();
    let (kw_name, positional) = match q {
        "ssl.wrap_socket" => ("ssl_version", None),
        "ssl.SSLContext" => ("protocol", Some(0)),
        "pyOpenSSL.SSL.Context" | "OpenSSL.SSL.Context" => ("method", Some(0)),
        _ => {
            let bad = ["method", "ssl_version"]
                .into_iter()
                .filter_map(|k| ast::keyword(call.node, k))
                .find(|k| is_bad(&k.value));
            if let Some(kw) = bad {
                checker
                    .report(
                        &RULE,
                        kw.value.range(),
                        "Function call with an insecure SSL/TLS protocol version",
                    )
                    .severity(Severity::Medium)
                    .confidence(Confidence::Medium);
            }
            return;
        }
    };
    if let Some(kw) = ast::keyword(call.node, kw_name) {
        if is_bad(&kw.value) {
            checker.report(
                &RULE,
                kw.value.range(),
                format!("`{q}` call with an insecure SSL/TLS protocol version"),
            );
        }
        return;
    }
    if let Some(arg) = positional.and_then(|i| ast::arg(call.node, i))
        && is_bad(arg)
    {
        checker.report(
            &RULE,
            arg.range(),
            format!("`{q}` call with an insecure SSL/TLS protocol version"),
        );
    }
}

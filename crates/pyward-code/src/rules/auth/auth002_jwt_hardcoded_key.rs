//! AUTH002 `jwt-hardcoded-key`.

use crate::rules::prelude::*;

pyward_core::declare_rule! {
/// ## What it does
/// Flags PyJWT and python-jose `jwt.encode` / `jwt.decode` whose key is a string literal.
///
/// ## Why is this bad?
/// Whoever reads the source can mint valid tokens for any user.
///
/// ## Example
/// ```python
/// token = jwt.encode(payload, "s3cr3t", algorithm="HS256")
/// ```
///
/// ## Use instead
/// ```python
/// token = jwt.encode(payload, settings.JWT_KEY, algorithm="HS256")
/// ```
///
/// ## References
/// - [PyJWT docs: usage](https://pyjwt.readthedocs.io/en/stable/usage.html)
/// - [CWE-798](https://cwe.mitre.org/data/definitions/798.html)
    pub static RULE = {
        code: "AUTH002",
        name: "jwt-hardcoded-key",
        analyzer: "code",
        summary: "JWT signed or verified with a hard-coded key",
        severity: High,
        confidence: High,
        cwe: 798,
    }
}

pub const HOOKS: &[Hook] = &[Hook::Call(check)];

fn check<'a>(checker: &mut Checker<'a>, call: &Call<'a>) {
    if !matches!(
        call.qualname.as_str(),
        "jwt.encode" | "jwt.decode" | "jose.jwt.encode" | "jose.jwt.decode"
    ) {
        return;
    }
    let key = ast::arg(call.node, 1).or_else(|| ast::keyword(call.node, "key").map(|k| &k.value));
    if let Some(key) = key
        && let Some(value) = checker.literal_string(key).filter(|v| !v.is_empty())
    {
        checker
            .report(
                &RULE,
                key.range(),
                format!(
                    "JWT key is hard-coded (`{}`)",
                    crate::secrets::redact(&value)
                ),
            )
            .secret(&value, true);
    }
}

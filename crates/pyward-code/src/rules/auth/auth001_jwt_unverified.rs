//! AUTH001 `jwt-decode-without-verification`.

use crate::rules::prelude::*;

pyward_core::declare_rule! {
/// ## What it does
/// Flags PyJWT and python-jose `jwt.decode` with `options={"verify_signature": False}`,
/// `verify=False`, `"none"` among the algorithms, or (PyJWT) no `algorithms` list, and
/// `jose.jwt.get_unverified_claims`; authlib's `JsonWebToken` with `"none"` allowed, and
/// authlib `jwt.decode` in a module that never calls `claims.validate()` (medium).
///
/// ## Why is this bad?
/// An unverified token is just JSON the client wrote: anyone can claim any identity.
///
/// ## Example
/// ```python
/// claims = jwt.decode(token, options={"verify_signature": False})
/// ```
///
/// ## Use instead
/// ```python
/// claims = jwt.decode(token, key, algorithms=["HS256"])
/// ```
///
/// ## References
/// - [PyJWT docs: usage](https://pyjwt.readthedocs.io/en/stable/usage.html)
/// - [RFC 8725: JWT best current practices](https://www.rfc-editor.org/rfc/rfc8725)
/// - [CWE-347](https://cwe.mitre.org/data/definitions/347.html)
    pub static RULE = {
        code: "AUTH001",
        name: "jwt-decode-without-verification",
        analyzer: "code",
        summary: "JWT decoded without verifying its signature or algorithm",
        severity: High,
        confidence: High,
        cwe: 347,
    }
}

pub const HOOKS: &[Hook] = &[Hook::Call(check)];

fn options_disable_signature<'a>(checker: &Checker<'a>, expr: &'a Expr) -> bool {
    let Expr::Dict(d) = checker.resolve(expr) else {
        return false;
    };
    d.items.iter().any(|item| {
        item.key.as_ref().and_then(ast::string_value) == Some("verify_signature")
            && ast::is_truthy_const(&item.value) == Some(false)
    })
}

fn check<'a>(checker: &mut Checker<'a>, call: &Call<'a>) {
    let q = call.qualname.as_str();
    if q == "jose.jwt.get_unverified_claims" {
        checker.report(
            &RULE,
            call.node.range(),
            "JWT claims are read without verifying the signature",
        );
        return;
    }
    if q == "authlib.jose.JsonWebToken"
        && let Some(algs) = ast::arg(call.node, 0)
            .or_else(|| ast::keyword(call.node, "algorithms").map(|k| &k.value))
        && let Expr::List(l) = checker.resolve(algs)
        && l.elts
            .iter()
            .any(|e| ast::string_value(e).is_some_and(|s| s.eq_ignore_ascii_case("none")))
    {
        checker.report(
            &RULE,
            algs.range(),
            "authlib JsonWebToken accepts the \"none\" algorithm: unsigned tokens pass",
        );
        return;
    }
    if q == "authlib.jose.jwt.decode" && !checker.source.contains(".validate(") {
        checker
            .report(&RULE, call.node.range(), "authlib jwt.decode result is never validated (claims.validate() checks exp, nbf, iss, aud)")
            .severity(Severity::Medium);
        return;
    }
    let pyjwt = matches!(q, "jwt.decode" | "jwt.api_jwt.decode");
    if !pyjwt && q != "jose.jwt.decode" {
        return;
    }
    if let Some(k) = ast::keyword(call.node, "options")
        && options_disable_signature(checker, &k.value)
    {
        checker.report(
            &RULE,
            k.value.range(),
            "jwt.decode with verify_signature=False accepts forged tokens",
        );
        return;
    }
    if let Some(k) = ast::keyword(call.node, "verify")
        && ast::is_truthy_const(&k.value) == Some(false)
    {
        checker.report(
            &RULE,
            k.value.range(),
            "jwt.decode with verify=False accepts forged tokens",
        );
        return;
    }
    match ast::keyword(call.node, "algorithms") {
        Some(k) => {
            let none = match checker.resolve(&k.value) {
                Expr::List(l) => l
                    .elts
                    .iter()
                    .any(|e| ast::string_value(e).is_some_and(|s| s.eq_ignore_ascii_case("none"))),
                Expr::StringLiteral(s) => s.value.to_str().eq_ignore_ascii_case("none"),
                _ => false,
            };
            if none {
                checker.report(
                    &RULE,
                    k.value.range(),
                    "jwt.decode accepts the \"none\" algorithm: unsigned tokens pass",
                );
            }
        }
        None if pyjwt => {
            checker
                .report(
                    &RULE,
                    call.node.range(),
                    "jwt.decode without an explicit algorithms list (algorithm confusion)",
                )
                .severity(Severity::Medium);
        }
        None => {}
    }
}

//! AUTH004 `secret-compared-with-eq`.

use crate::rules::prelude::*;

pyward_core::declare_rule! {
/// ## What it does
/// Flags `==` / `!=` between two non-literal values when one is named like a token, signature,
/// digest, HMAC, API key or password hash.
///
/// ## Why is this bad?
/// `==` stops at the first differing byte, so response timing reveals how much of a guess was
/// right; `hmac.compare_digest` takes constant time.
///
/// ## Example
/// ```python
/// if request.headers["X-Token"] == API_TOKEN: ...
/// ```
///
/// ## Use instead
/// ```python
/// if hmac.compare_digest(request.headers["X-Token"], API_TOKEN): ...
/// ```
///
/// ## References
/// - [Python docs: hmac.compare_digest](https://docs.python.org/3/library/hmac.html#hmac.compare_digest)
/// - [CWE-208](https://cwe.mitre.org/data/definitions/208.html)
    pub static RULE = {
        code: "AUTH004",
        name: "secret-compared-with-eq",
        analyzer: "code",
        summary: "secret or token compared with `==`",
        severity: Medium,
        confidence: Medium,
        cwe: 208,
    }
}

pub const HOOKS: &[Hook] = &[Hook::Expr(check)];

const WORDS: &[&str] = &[
    "token",
    "signature",
    "digest",
    "hmac",
    "api_key",
    "apikey",
    "password_hash",
    "secret",
    "otp",
    "csrf",
];
const NOT: &[&str] = &[
    "type",
    "kind",
    "count",
    "len",
    "name",
    "_id",
    "url",
    "scheme",
    "expire",
    "header_name",
    "start",
    "end",
    "reason",
    "error",
    "message",
    "index",
    "pos",
];

fn secretish(expr: &Expr) -> bool {
    let name = match expr {
        Expr::Call(c) => match &*c.func {
            // `request.headers.get("X-Token")`
            Expr::Attribute(a) if a.attr.as_str() == "get" => {
                return ast::arg(c, 0).and_then(ast::string_value).is_some_and(|k| {
                    let k = k.to_ascii_lowercase();
                    WORDS.iter().any(|w| k.contains(w))
                });
            }
            _ => return false,
        },
        Expr::Subscript(s) => match ast::string_value(&s.slice) {
            Some(k) => k,
            None => return false,
        },
        other => match last_name(other) {
            Some(n) => n,
            None => return false,
        },
    };
    let lower = name.to_ascii_lowercase().replace('-', "_");
    WORDS.iter().any(|w| lower.contains(w)) && !NOT.iter().any(|w| lower.contains(w))
}

fn is_literalish(expr: &Expr) -> bool {
    matches!(
        expr,
        Expr::StringLiteral(_)
            | Expr::NoneLiteral(_)
            | Expr::BooleanLiteral(_)
            | Expr::NumberLiteral(_)
            | Expr::BytesLiteral(_)
    ) || matches!(expr, Expr::Call(c) if last_name(&c.func) == Some("len"))
}

fn check<'a>(checker: &mut Checker<'a>, expr: &'a Expr) {
    let Expr::Compare(c) = expr else { return };
    if c.ops.len() != 1 || !matches!(c.ops[0], ast::CmpOp::Eq | ast::CmpOp::NotEq) {
        return;
    }
    let (l, r) = (&*c.left, &c.comparators[0]);
    if is_literalish(l) || is_literalish(r) {
        return;
    }
    if secretish(l) || secretish(r) {
        checker.report(
            &RULE,
            expr.range(),
            "a secret is compared with ==, which leaks timing; use hmac.compare_digest",
        );
    }
}

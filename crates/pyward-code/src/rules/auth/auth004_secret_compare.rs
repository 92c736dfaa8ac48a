//! AUTH004 `secret-compared-with-eq`.

use crate::rules::prelude::*;

pyward_core::declare_rule! {
/// ## What it does
/// Flags `==` / `!=` between two run-time values when one of them holds a secret: a name whose
/// words say password hash, secret, API key, HMAC, signature, CSRF token or one-time code, or
/// a token compared against another token or against request data (headers, query, form,
/// cookies).
///
/// It never fires on comparisons with literals, `None`, numbers, constants that are not
/// secrets (`TOKEN_STRING`), enum members (`TokenType.BEARER`), `len()`/`type()` results, or on
/// names that describe a token rather than hold one (`token_type`, `next_page_token`, `cursor`,
/// file `digest`s and checksums, ids, names, lengths). Two plain passwords (`password ==
/// confirm_password`, a form check) are not reported either. A token-only match (no
/// stronger word, no request data) is reported with low confidence.
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
        confidence: Low,
        cwe: 208,
    }
}

pub const HOOKS: &[Hook] = &[Hook::Expr(check)];

/// Words that mark a value as a secret on their own.
const STRONG: &[&str] = &[
    "secret",
    "hmac",
    "mac",
    "signature",
    "sig",
    "csrf",
    "csrftoken",
    "xsrf",
    "otp",
    "totp",
    "hotp",
    "apikey",
    "passwd",
    "password",
    "pwd",
    "passcode",
    "pin",
];
/// Words that mark a value as a secret only next to another token or request data.
const WEAK: &[&str] = &["token", "nonce"];
/// Words that describe a secret rather than hold one.
const NOT: &[&str] = &[
    "type",
    "kind",
    "types",
    "count",
    "len",
    "length",
    "size",
    "name",
    "names",
    "id",
    "ids",
    "url",
    "uri",
    "scheme",
    "expire",
    "expires",
    "expiry",
    "expired",
    "expiration",
    "exp",
    "header",
    "start",
    "end",
    "reason",
    "error",
    "errors",
    "message",
    "index",
    "pos",
    "position",
    "page",
    "next",
    "prev",
    "previous",
    "cursor",
    "continuation",
    "pagination",
    "offset",
    "limit",
    "file",
    "checksum",
    "sha",
    "sha1",
    "sha256",
    "md5",
    "etag",
    "prefix",
    "suffix",
    "format",
    "field",
    "fields",
    "param",
    "class",
    "model",
    "status",
    "state",
    "time",
    "timestamp",
    "version",
    "attr",
    "label",
    "path",
    "label",
    "source",
    "kid",
    "alg",
    "algorithm",
    "column",
    "col",
    "line",
    "char",
    "str",
    "string",
    "value_type",
    "enabled",
    "required",
    "set",
    "is",
    "has",
    "sort",
    "order",
    "lang",
    "locale",
    "cache",
    "public",
    "foreign",
    "primary",
    "mode",
    "request",
    "requests",
    "date",
    "at",
    "event",
    "events",
    "policy",
    "policies",
    "validator",
    "validators",
    "field",
    "form",
    "widget",
    "min",
    "max",
    "strength",
];
/// Attributes and keys of request data.
const REQUEST: &[&str] = &[
    "headers",
    "args",
    "form",
    "cookies",
    "GET",
    "POST",
    "query_params",
    "META",
    "values",
    "json",
    "data",
    "params",
];

/// How strongly an expression's name says it holds a secret.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Debug)]
enum Secret {
    Weak,
    Strong,
}

/// The words of an identifier or header name: `X-Api-Token` → x, api, token; `csrfToken` →
/// csrf, token; `API_KEY` → api, key.
fn words(name: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut prev_lower = false;
    for c in name.chars() {
        if !c.is_alphanumeric() {
            if !cur.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
            prev_lower = false;
            continue;
        }
        let boundary = (c.is_uppercase() && prev_lower)
            || (c.is_ascii_digit() && cur.chars().last().is_some_and(char::is_alphabetic));
        if boundary && !cur.is_empty() {
            out.push(std::mem::take(&mut cur));
        }
        prev_lower = c.is_lowercase() || c.is_ascii_digit();
        cur.extend(c.to_lowercase());
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

fn classify(name: &str) -> Option<Secret> {
    let w = words(name);
    if w.iter().any(|x| NOT.contains(&x.as_str())) {
        return None;
    }
    let has = |list: &[&str]| w.iter().any(|x| list.contains(&x.as_str()));
    let api_key = w.windows(2).any(|p| p[0] == "api" && p[1] == "key");
    // `digest` alone is a file checksum; with hmac/mac/signature it is a MAC.
    if has(STRONG) || api_key || (w.iter().any(|x| x == "digest") && has(&["hmac", "mac"])) {
        return Some(Secret::Strong);
    }
    has(WEAK).then_some(Secret::Weak)
}

/// The name a value is known by: a name or attribute, a subscript key, a `.get("key")`.
fn value_name(expr: &Expr) -> Option<&str> {
    match expr {
        Expr::Call(c) => match &*c.func {
            Expr::Attribute(a) if a.attr.as_str() == "get" => {
                ast::arg(c, 0).and_then(ast::string_value)
            }
            _ => None,
        },
        Expr::Subscript(s) => ast::string_value(&s.slice),
        other => last_name(other),
    }
}

/// Request data: `request.headers["X"]`, `request.GET.get("t")`, `self.request.args[...]`.
fn from_request_data(expr: &Expr) -> bool {
    let container = match expr {
        Expr::Subscript(s) => &*s.value,
        Expr::Call(c) => match &*c.func {
            Expr::Attribute(a) if a.attr.as_str() == "get" => &*a.value,
            _ => return false,
        },
        _ => return false,
    };
    matches!(container, Expr::Attribute(a) if REQUEST.contains(&a.attr.as_str()))
}

fn is_upper_constant(name: &str) -> bool {
    name.chars().any(|c| c.is_ascii_uppercase()) && !name.chars().any(|c| c.is_lowercase())
}

/// Literals, `None`, numbers, `len()`/`type()`, enum members and constants that are not
/// secret-named: what a secret is never compared against.
fn is_constantish(expr: &Expr) -> bool {
    match expr {
        Expr::StringLiteral(_)
        | Expr::NoneLiteral(_)
        | Expr::BooleanLiteral(_)
        | Expr::NumberLiteral(_)
        | Expr::BytesLiteral(_)
        | Expr::EllipsisLiteral(_)
        | Expr::FString(_)
        | Expr::Tuple(_)
        | Expr::List(_)
        | Expr::Set(_)
        | Expr::Dict(_) => true,
        Expr::UnaryOp(u) => is_constantish(&u.operand),
        Expr::Call(c) => matches!(
            last_name(&c.func),
            Some("len" | "type" | "isinstance" | "int" | "bool" | "float" | "id" | "hash")
        ),
        Expr::Name(n) => {
            let id = n.id.as_str();
            is_upper_constant(id)
                && classify(id) != Some(Secret::Strong)
                && !words(id).iter().any(|w| w == "token")
        }
        Expr::Attribute(a) => {
            let attr = a.attr.as_str();
            // `TokenType.BEARER`, `events.CustomerEvents.PASSWORD_RESET`: an enum member
            // (an upper-case attribute of a CamelCase class); `.value`/`.name` of one.
            let class_like = |e: &Expr| {
                last_name(e).is_some_and(|n| {
                    n.starts_with(|c: char| c.is_ascii_uppercase()) && !is_upper_constant(n)
                })
            };
            (is_upper_constant(attr) && class_like(&a.value))
                || (matches!(attr, "value" | "name") && is_constantish(&a.value))
        }
        _ => false,
    }
}

/// Two plaintext passwords (a form's "confirm password" check) are not a timing oracle.
fn plain_password(name: &str) -> bool {
    let w = words(name);
    w.iter()
        .any(|x| matches!(x.as_str(), "password" | "passwd" | "pwd"))
        && !w
            .iter()
            .any(|x| matches!(x.as_str(), "hash" | "hashed" | "digest"))
}

fn check<'a>(checker: &mut Checker<'a>, expr: &'a Expr) {
    let Expr::Compare(c) = expr else { return };
    if c.ops.len() != 1 || !matches!(c.ops[0], ast::CmpOp::Eq | ast::CmpOp::NotEq) {
        return;
    }
    let (l, r) = (&*c.left, &c.comparators[0]);
    if is_constantish(l) || is_constantish(r) {
        return;
    }
    let (ln, rn) = (value_name(l), value_name(r));
    let (ls, rs) = (ln.and_then(classify), rn.and_then(classify));
    if ln.is_some_and(plain_password) && rn.is_some_and(plain_password) {
        return;
    }
    // A token is a secret when compared with request data (an attacker's guess), or, with
    // less certainty, with another token.
    let strong = ls == Some(Secret::Strong)
        || rs == Some(Secret::Strong)
        || (ls.is_some() && from_request_data(r))
        || (rs.is_some() && from_request_data(l));
    let weak = ls.is_some() && rs.is_some();
    if !strong && !weak {
        return;
    }
    let d = checker.report(
        &RULE,
        expr.range(),
        "a secret is compared with ==, which leaks timing; use hmac.compare_digest",
    );
    if !strong {
        d.confidence(Confidence::Low);
    }
}

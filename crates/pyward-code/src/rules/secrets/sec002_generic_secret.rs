//! SEC002 `hardcoded-high-entropy-secret`.

use crate::rules::prelude::*;

pyward_core::declare_rule! {
/// ## What it does
/// Finds string literals with high entropy (at least 16 characters, mixed character classes,
/// no spaces, not a placeholder) assigned to a name, keyword or dict key that names a secret
/// (`api_key`, `client_secret`, `token`, `password` …). Test code (`tests/`, `test_*.py`,
/// `conftest.py`) is skipped: its secrets are test vectors.
///
/// ## Why is this bad?
/// Random-looking values in secret-named variables are almost always real credentials, and
/// they stay in the repository history forever.
///
/// ## Example
/// ```python
/// STRIPE_API_KEY = "9fQ2vX7LmA4tR8zK1pW3"
/// ```
///
/// ## Use instead
/// ```python
/// STRIPE_API_KEY = os.environ["STRIPE_API_KEY"]
/// ```
///
/// ## References
/// - [OWASP: Secrets Management Cheat Sheet](https://cheatsheetseries.owasp.org/cheatsheets/Secrets_Management_Cheat_Sheet.html)
/// - [CWE-798](https://cwe.mitre.org/data/definitions/798.html)
    pub static RULE = {
        code: "SEC002",
        name: "hardcoded-high-entropy-secret",
        analyzer: "code",
        summary: "high-entropy secret assigned to a secret-like name",
        severity: Medium,
        confidence: Low,
        cwe: 798,
    }
}

pub const HOOKS: &[Hook] = &[Hook::Stmt(check_stmt), Hook::Expr(check_expr)];

fn target_name(e: &Expr) -> Option<&str> {
    match e {
        Expr::Name(n) => Some(n.id.as_str()),
        Expr::Attribute(a) => Some(a.attr.as_str()),
        Expr::Subscript(s) => ast::string_value(&s.slice),
        _ => None,
    }
}

fn candidate<'a>(checker: &mut Checker<'a>, name: &str, value: &'a Expr) {
    let Expr::StringLiteral(s) = value else {
        return;
    };
    if crate::secrets::is_test_path(checker.path) {
        return;
    }
    let text = s.value.to_str();
    if crate::secrets::is_generic_secret(name, text)
        && crate::secrets::find_provider_secrets(text).is_empty()
    {
        checker
            .report(&RULE, value.range(), message(name, text))
            .secret(text, false);
    }
}

fn check_stmt<'a>(checker: &mut Checker<'a>, stmt: &'a Stmt) {
    match stmt {
        Stmt::Assign(a) => {
            for t in &a.targets {
                if let Some(n) = target_name(t) {
                    candidate(checker, n, &a.value);
                }
            }
        }
        Stmt::AnnAssign(a) => {
            if let (Some(n), Some(v)) = (target_name(&a.target), &a.value) {
                candidate(checker, n, v);
            }
        }
        _ => {}
    }
}

fn check_expr<'a>(checker: &mut Checker<'a>, expr: &'a Expr) {
    match expr {
        Expr::Call(c) => {
            for k in &c.arguments.keywords {
                if let Some(n) = ast::keyword_name(k) {
                    candidate(checker, n, &k.value);
                }
            }
        }
        Expr::Dict(d) => {
            for item in &d.items {
                if let Some(n) = item.key.as_ref().and_then(ast::string_value) {
                    candidate(checker, n, &item.value);
                }
            }
        }
        _ => {}
    }
}

/// The finding message, with the value redacted.
pub fn message(name: &str, value: &str) -> String {
    format!(
        "high-entropy value `{}` hard-coded in `{name}`",
        crate::secrets::redact(value)
    )
}

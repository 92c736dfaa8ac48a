//! FL002 `flask-insecure-config`.

use crate::rules::prelude::*;

pyward_core::declare_rule! {
/// ## What it does
/// Flags `DEBUG = True` / `app.debug = True` / `FLASK_DEBUG` set in code, and
/// `SESSION_COOKIE_SECURE = False`, `SESSION_COOKIE_HTTPONLY = False` or
/// `SESSION_COOKIE_SAMESITE = None`, through `app.config[...]`, `config.update(...)` or
/// `config.from_mapping(...)` in modules that import Flask.
///
/// ## Why is this bad?
/// Debug mode exposes an interactive debugger; insecure cookie flags let the session cookie
/// leak over HTTP, to scripts or to cross-site requests.
///
/// ## Example
/// ```python
/// app.config["SESSION_COOKIE_SECURE"] = False
/// ```
///
/// ## Use instead
/// ```python
/// app.config.update(
///     SESSION_COOKIE_SECURE=True,
///     SESSION_COOKIE_HTTPONLY=True,
///     SESSION_COOKIE_SAMESITE="Lax",
/// )
/// ```
///
/// ## References
/// - [Flask docs: security considerations](https://flask.palletsprojects.com/en/stable/web-security/)
/// - [CWE-614](https://cwe.mitre.org/data/definitions/614.html)
    pub static RULE = {
        code: "FL002",
        name: "flask-insecure-config",
        analyzer: "code",
        summary: "Flask debug mode or insecure session cookie settings",
        severity: Medium,
        confidence: High,
        cwe: 614,
    }
}

pub const HOOKS: &[Hook] = &[Hook::Stmt(check_stmt), Hook::Call(check_call)];

fn problem(key: &str, value: &Expr) -> Option<&'static str> {
    let truthy = ast::is_truthy_const(value);
    match key {
        "DEBUG" | "FLASK_DEBUG"
            if truthy == Some(true)
                && !matches!(value, Expr::StringLiteral(s) if s.value.to_str() == "0" || s.value.to_str().eq_ignore_ascii_case("false")) =>
        {
            Some("debug mode is enabled in code: the Werkzeug debugger runs arbitrary code")
        }
        "SESSION_COOKIE_SECURE" if truthy == Some(false) => {
            Some("SESSION_COOKIE_SECURE is off: the session cookie is sent over plain HTTP")
        }
        "SESSION_COOKIE_HTTPONLY" if truthy == Some(false) => {
            Some("SESSION_COOKIE_HTTPONLY is off: scripts can read the session cookie")
        }
        "SESSION_COOKIE_SAMESITE" if matches!(value, Expr::NoneLiteral(_)) => Some(
            "SESSION_COOKIE_SAMESITE is None: the session cookie goes with cross-site requests",
        ),
        _ => None,
    }
}

fn check_stmt<'a>(checker: &mut Checker<'a>, stmt: &'a Stmt) {
    let Stmt::Assign(a) = stmt else { return };
    for t in &a.targets {
        let key = match t {
            Expr::Attribute(at) if at.attr.as_str() == "debug" => Some("DEBUG"),
            Expr::Subscript(s) if matches!(&*s.value, Expr::Attribute(c) if matches!(c.attr.as_str(), "config" | "environ")) => {
                ast::string_value(&s.slice)
            }
            _ => None,
        };
        // The import check scans every imported name: only after a cheap structural match.
        if let Some(key) = key
            && let Some(msg) = problem(key, &a.value)
            && checker.module_imported_like("flask")
        {
            checker.report(&RULE, a.value.range(), msg);
        }
    }
}

fn check_call<'a>(checker: &mut Checker<'a>, call: &Call<'a>) {
    if !matches!(call.name, "update" | "from_mapping") || !checker.module_imported_like("flask") {
        return;
    }
    let Expr::Attribute(a) = &*call.node.func else {
        return;
    };
    if !matches!(&*a.value, Expr::Attribute(c) if c.attr.as_str() == "config") {
        return;
    }
    for k in &call.node.arguments.keywords {
        if let Some(key) = ast::keyword_name(k)
            && let Some(msg) = problem(key, &k.value)
        {
            checker.report(&RULE, k.value.range(), msg);
        }
    }
}

//! AUTH005 `sensitive-data-logged`.

use crate::rules::prelude::*;

pyward_core::declare_rule! {
/// ## What it does
/// Flags `logging` / logger calls and `print` whose arguments include a variable named like a
/// password, token or key, or the whole `request.headers`.
///
/// ## Why is this bad?
/// Logs are kept long, shipped to third parties and read by many people; credentials in them
/// leak.
///
/// ## Example
/// ```python
/// logger.info("login %s %s", username, password)
/// ```
///
/// ## Use instead
/// ```python
/// logger.info("login %s", username)
/// ```
///
/// ## References
/// - [OWASP: Logging Cheat Sheet](https://cheatsheetseries.owasp.org/cheatsheets/Logging_Cheat_Sheet.html)
/// - [CWE-532](https://cwe.mitre.org/data/definitions/532.html)
    pub static RULE = {
        code: "AUTH005",
        name: "sensitive-data-logged",
        analyzer: "code",
        summary: "password, token or request headers logged",
        severity: Medium,
        confidence: Low,
        cwe: 532,
    }
}

pub const HOOKS: &[Hook] = &[Hook::Call(check)];

const LOG_METHODS: &[&str] = &[
    "debug",
    "info",
    "warning",
    "warn",
    "error",
    "exception",
    "critical",
    "log",
];

fn sensitive(expr: &Expr) -> Option<String> {
    match expr {
        Expr::Name(n) => {
            let id = n.id.as_str();
            ((is_password_name(id) && !crate::secrets::is_secret_metadata_name(id))
                || crate::secrets::is_secret_name(id))
            .then(|| id.to_string())
        }
        Expr::Attribute(a) => {
            let attr = a.attr.as_str();
            if attr == "headers" && last_name(&a.value) == Some("request") {
                return Some("request.headers".into());
            }
            ((is_password_name(attr) && !crate::secrets::is_secret_metadata_name(attr))
                || crate::secrets::is_secret_name(attr))
            .then(|| attr.to_string())
        }
        Expr::FString(f) => f.value.elements().find_map(|e| match e {
            ast::InterpolatedStringElement::Interpolation(i) => sensitive(&i.expression),
            _ => None,
        }),
        Expr::Tuple(t) => t.elts.iter().find_map(sensitive),
        Expr::BinOp(b) => sensitive(&b.left).or_else(|| sensitive(&b.right)),
        Expr::Call(c) if matches!(last_name(&c.func), Some("dict" | "str" | "repr")) => {
            c.arguments.args.iter().find_map(sensitive)
        }
        _ => None,
    }
}

fn check<'a>(checker: &mut Checker<'a>, call: &Call<'a>) {
    let is_log = call.qualname == "print"
        || (LOG_METHODS.contains(&call.name)
            && (call.qualname.starts_with("logging.")
                || matches!(&*call.node.func, Expr::Attribute(a) if last_name(&a.value).is_some_and(|n| n.to_ascii_lowercase().contains("log")))));
    if !is_log {
        return;
    }
    if let Some(what) = call.node.arguments.args.iter().find_map(sensitive) {
        checker.report(
            &RULE,
            call.node.range(),
            format!("`{what}` is written to the log"),
        );
    }
}

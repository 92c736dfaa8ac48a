//! FL001 `flask-hardcoded-secret-key`.

use crate::rules::prelude::*;

pyward_core::declare_rule! {
/// ## What it does
/// Flags a literal assigned to `app.secret_key`, `app.config["SECRET_KEY"]`, or passed as
/// `SECRET_KEY=` to `config.update` / `config.from_mapping`, in modules that import Flask.
///
/// ## Why is this bad?
/// The key signs the session cookie: whoever knows it can forge sessions and log in as anyone.
///
/// ## Example
/// ```python
/// app.secret_key = "dev"
/// ```
///
/// ## Use instead
/// ```python
/// app.secret_key = os.environ["FLASK_SECRET_KEY"]
/// ```
///
/// ## References
/// - [Flask docs: security considerations](https://flask.palletsprojects.com/en/stable/web-security/)
/// - [CWE-798](https://cwe.mitre.org/data/definitions/798.html)
    pub static RULE = {
        code: "FL001",
        name: "flask-hardcoded-secret-key",
        analyzer: "code",
        summary: "hard-coded Flask `SECRET_KEY`",
        severity: High,
        confidence: High,
        cwe: 798,
    }
}

pub const HOOKS: &[Hook] = &[Hook::Stmt(check_stmt), Hook::Call(check_call)];

fn literal<'a>(checker: &Checker<'a>, e: &'a Expr) -> Option<String> {
    checker.literal_string(e).filter(|s| !s.is_empty())
}

fn report<'a>(checker: &mut Checker<'a>, range: TextRange, value: &str) {
    checker
        .report(
            &RULE,
            range,
            format!(
                "Flask SECRET_KEY is hard-coded (`{}`)",
                crate::secrets::redact(value)
            ),
        )
        .secret(value, true);
}

fn check_stmt<'a>(checker: &mut Checker<'a>, stmt: &'a Stmt) {
    let Stmt::Assign(a) = stmt else { return };
    for t in &a.targets {
        let hit = match t {
            Expr::Attribute(at) => at.attr.as_str() == "secret_key",
            Expr::Subscript(s) => {
                matches!(&*s.value, Expr::Attribute(c) if c.attr.as_str() == "config")
                    && ast::string_value(&s.slice) == Some("SECRET_KEY")
            }
            _ => false,
        };
        // The import check scans every imported name: only after a cheap structural match.
        if hit
            && checker.module_imported_like("flask")
            && let Some(v) = literal(checker, &a.value)
        {
            report(checker, a.value.range(), &v);
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
    if let Some(k) = ast::keyword(call.node, "SECRET_KEY")
        && let Some(v) = literal(checker, &k.value)
    {
        report(checker, k.value.range(), &v);
    }
}

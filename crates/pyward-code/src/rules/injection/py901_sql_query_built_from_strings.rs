//! PY901 `sql-query-built-from-strings`.

use crate::rules::prelude::*;

pyward_core::declare_rule! {
/// ## What it does
/// Flags calls to `execute`/`executemany`, SQLAlchemy `text()` and Django `raw()` whose query is built with an f-string, `%`, `.format` or `+`, directly or through a local variable assigned in the same scope.
///
/// ## Why is this bad?
/// Values pasted into SQL text can change the statement's meaning (SQL injection). Bandit's B608 only sees the string where it is built; this rule follows it to the call that runs it.
///
/// ## Example
/// ```python
/// def find(cursor, name):
///     query = f"SELECT * FROM users WHERE name = '{name}'"
///     cursor.execute(query)
/// ```
///
/// ## Use instead
/// ```python
/// def find(cursor, name):
///     cursor.execute("SELECT * FROM users WHERE name = %s", (name,))
/// ```
///
/// ## References
/// - [OWASP: SQL injection prevention](https://cheatsheetseries.owasp.org/cheatsheets/SQL_Injection_Prevention_Cheat_Sheet.html)
/// - [CWE-89](https://cwe.mitre.org/data/definitions/89.html)
    pub static RULE = {
        code: "PY901",
        name: "sql-query-built-from-strings",
        analyzer: "code",
        summary: "SQL built from strings reaches `execute`",
        severity: High,
        confidence: Low,
        cwe: 89,
    }
}

pub const HOOKS: &[Hook] = &[Hook::Call(check)];

/// The literal pieces of a query, through names (bounded by `walk`: names may refer to
/// themselves or to each other).
fn literal_text<'a>(checker: &Checker<'a>, expr: &'a Expr, walk: &mut Walk, out: &mut String) {
    if !walk.step() {
        return;
    }
    match checker.resolve(expr) {
        Expr::StringLiteral(s) => {
            let _ = walk.push(out, s.value.to_str()) && walk.push(out, " ");
        }
        e @ (Expr::FString(_) | Expr::TString(_)) => {
            for (part, _) in ast::interpolated_literal_parts(e) {
                if !walk.push(out, part) {
                    return;
                }
            }
            walk.push(out, " ");
        }
        Expr::BinOp(b) => {
            literal_text(checker, &b.left, walk, out);
            literal_text(checker, &b.right, walk, out);
        }
        Expr::Call(c) => {
            if let Expr::Attribute(a) = &*c.func
                && a.attr.as_str() == "format"
            {
                literal_text(checker, &a.value, walk, out);
            }
        }
        _ => {}
    }
}

fn check<'a>(checker: &mut Checker<'a>, call: &Call<'a>) {
    let applies = match call.name {
        "execute" | "executemany" => matches!(&*call.node.func, Expr::Attribute(_)),
        "raw" => matches!(&*call.node.func, Expr::Attribute(_)),
        "text" => call.qualname.starts_with("sqlalchemy"),
        _ => false,
    };
    if !applies {
        return;
    }
    let Some(query) =
        ast::arg(call.node, 0).or_else(|| ast::keyword(call.node, "sql").map(|k| &k.value))
    else {
        return;
    };
    if !checker.is_built_string(query) {
        return;
    }
    let mut text = String::new();
    literal_text(checker, query, &mut Walk::new(), &mut text);
    if !looks_like_sql(&text) {
        return;
    }
    let via = if matches!(query, Expr::Name(_)) {
        " through a local variable"
    } else {
        ""
    };
    checker.report(
        &RULE,
        query.range(),
        format!(
            "SQL query built from strings is passed to `{}`{via}: use query parameters",
            call.name
        ),
    );
}

//! PY608 `hardcoded-sql-expressions` (Bandit B608).

use crate::rules::prelude::*;

pyward_core::declare_rule! {
/// ## What it does
/// Flags SQL statements assembled with `+`, `%`, `.format`, `.replace` or f-strings. Confidence is medium when the result goes straight into `execute`/`executemany`.
/// A `+` chain is reported once, over the whole expression (`--profile bandit`: on every line
/// that holds a string piece, as Bandit does).
///
/// ## Why is this bad?
/// Values pasted into SQL text can change the statement's meaning (SQL injection).
///
/// ## Example
/// ```python
/// cursor.execute("SELECT * FROM users WHERE name = '%s'" % name)
/// ```
///
/// ## Use instead
/// ```python
/// cursor.execute("SELECT * FROM users WHERE name = %s", (name,))
/// ```
///
/// ## References
/// - [OWASP: SQL injection prevention](https://cheatsheetseries.owasp.org/cheatsheets/SQL_Injection_Prevention_Cheat_Sheet.html)
/// - [CWE-89](https://cwe.mitre.org/data/definitions/89.html)
/// - Bandit: `B608`
    pub static RULE = {
        code: "PY608",
        name: "hardcoded-sql-expressions",
        analyzer: "code",
        summary: "SQL built from strings",
        severity: Medium,
        confidence: Low,
        cwe: 89,
        bandit_id: "B608",
    }
}

pub const HOOKS: &[Hook] = &[Hook::Expr(check)];

fn is_execute(expr: Option<&Expr>) -> bool {
    let Some(Expr::Call(c)) = expr else {
        return false;
    };
    matches!(last_name(&c.func), Some("execute" | "executemany"))
}

fn collect_chain<'e>(expr: &'e Expr, out: &mut Vec<&'e Expr>) {
    match expr {
        Expr::BinOp(b) => {
            collect_chain(&b.left, out);
            collect_chain(&b.right, out);
        }
        Expr::StringLiteral(_) => out.push(expr),
        _ => {}
    }
}

fn report(checker: &mut Checker<'_>, range: TextRange, to_execute: bool) {
    let d = checker.report(
        &RULE,
        range,
        "Possible SQL injection through string-based query construction",
    );
    if to_execute {
        d.confidence(Confidence::Medium);
    }
}

fn check<'a>(checker: &mut Checker<'a>, expr: &'a Expr) {
    match expr {
        Expr::BinOp(_) => {
            if matches!(checker.parent_expr(), Some(Expr::BinOp(_))) {
                return;
            }
            let mut parts = Vec::new();
            collect_chain(expr, &mut parts);
            let text: Vec<&str> = parts.iter().filter_map(|p| ast::string_value(p)).collect();
            if text.is_empty() || !looks_like_sql(&text.join(" ")) {
                return;
            }
            let to_execute = is_execute(checker.parent_expr());
            if !checker.bandit {
                // One finding per expression (Bandit reports every line holding a piece).
                report(checker, expr.range(), to_execute);
                return;
            }
            let mut last_line = None;
            for part in parts {
                let line = checker.line_of(part.start());
                if last_line != Some(line) {
                    report(checker, part.range(), to_execute);
                    last_line = Some(line);
                }
            }
        }
        Expr::Call(c) => {
            let Expr::Attribute(a) = &*c.func else { return };
            let method = a.attr.as_str();
            if method != "format" && method != "replace" {
                return;
            }
            let Some(text) = ast::string_value(&a.value) else {
                return;
            };
            if looks_like_sql(text) {
                let to_execute = method == "format" && is_execute(checker.parent_expr());
                report(checker, a.value.range(), to_execute);
            }
        }
        Expr::FString(_) => {
            let text: String = ast::interpolated_literal_parts(expr)
                .into_iter()
                .map(|(s, _)| s)
                .collect();
            if looks_like_sql(&text) {
                let to_execute = is_execute(checker.parent_expr());
                report(checker, expr.range(), to_execute);
            }
        }
        _ => {}
    }
}

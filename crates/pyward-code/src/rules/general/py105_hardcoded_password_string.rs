//! PY105 `hardcoded-password-string` (Bandit B105).

use crate::rules::prelude::*;

pyward_core::declare_rule! {
/// ## What it does
/// Flags string literals assigned to, compared with, or used as the value of a name that looks like a password, token or secret (`password`, `db_passwd`, `api_token`, `secret_key`…), including dictionary keys and subscripts.
///
/// ## Why is this bad?
/// Secrets in source code end up in version control, backups and logs, and cannot be rotated without a release.
///
/// ## Example
/// ```python
/// DB_PASSWORD = "hunter2"
/// config["api_token"] = "abc123"
/// ```
///
/// ## Use instead
/// ```python
/// import os
///
/// DB_PASSWORD = os.environ["DB_PASSWORD"]
/// ```
///
/// ## References
/// - [CWE-259](https://cwe.mitre.org/data/definitions/259.html)
/// - Bandit: `B105`
    pub static RULE = {
        code: "PY105",
        name: "hardcoded-password-string",
        analyzer: "code",
        summary: "Hard-coded password assigned or compared",
        severity: Low,
        confidence: Medium,
        cwe: 259,
        bandit_id: "B105",
    }
}

pub const HOOKS: &[Hook] = &[Hook::Stmt(check_assign), Hook::Expr(check_expr)];

fn message(value: &str) -> String {
    format!(
        "Possible hard-coded password: `{}`",
        crate::secrets::redact(value)
    )
}

fn check_assign<'a>(checker: &mut Checker<'a>, stmt: &'a Stmt) {
    let Stmt::Assign(assign) = stmt else { return };
    let Some(value) = ast::string_value(&assign.value) else {
        return;
    };
    for target in &assign.targets {
        match target {
            Expr::Name(n) if is_password_name(n.id.as_str()) => {
                checker
                    .report(&RULE, assign.value.range(), message(value))
                    .secret(value, false);
                return;
            }
            Expr::Attribute(a) if is_password_name(a.attr.as_str()) => {
                checker
                    .report(&RULE, assign.value.range(), message(value))
                    .secret(value, false);
                return;
            }
            Expr::Subscript(s) => {
                if let Some(key) = ast::string_value(&s.slice)
                    && is_password_name(key)
                {
                    checker
                        .report(&RULE, s.slice.range(), message(value))
                        .secret(value, false);
                    return;
                }
            }
            _ => {}
        }
    }
}

fn check_expr<'a>(checker: &mut Checker<'a>, expr: &'a Expr) {
    match expr {
        Expr::Dict(d) => {
            for item in &d.items {
                let Some(key) = item.key.as_ref() else {
                    continue;
                };
                let Some(k) = ast::string_value(key) else {
                    continue;
                };
                if !is_password_name(k) {
                    continue;
                }
                match &item.value {
                    Expr::StringLiteral(v) => {
                        let value = v.value.to_str();
                        checker
                            .report(&RULE, key.range(), message(value))
                            .secret(value, false);
                    }
                    Expr::BytesLiteral(_) => {
                        checker.report(
                            &RULE,
                            key.range(),
                            "Possible hard-coded password: a bytes literal",
                        );
                    }
                    _ => {}
                }
            }
        }
        Expr::Compare(c) => {
            let name = match &*c.left {
                Expr::Name(n) => n.id.as_str(),
                Expr::Attribute(a) => a.attr.as_str(),
                _ => return,
            };
            if !is_password_name(name) {
                return;
            }
            if let Some(first) = c.comparators.first()
                && let Some(v) = ast::string_value(first)
            {
                checker
                    .report(&RULE, first.range(), message(v))
                    .secret(v, false);
            }
        }
        _ => {}
    }
}

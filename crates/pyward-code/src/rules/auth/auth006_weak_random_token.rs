//! AUTH006 `weak-random-token`.

use crate::rules::prelude::*;

pyward_core::declare_rule! {
/// ## What it does
/// Flags values built with the `random` module (`choice`, `choices`, `randint`, `getrandbits` …)
/// assigned to names like `token`, `password`, `session_id`, `otp`, `nonce` or `api_key`, or
/// returned by functions named like that (`make_token`, `generate_password`).
///
/// ## Why is this bad?
/// `random` is a predictable Mersenne Twister: after seeing some outputs an attacker can
/// predict the next tokens.
///
/// ## Example
/// ```python
/// token = "".join(random.choices(string.ascii_letters, k=32))
/// ```
///
/// ## Use instead
/// ```python
/// token = secrets.token_urlsafe(32)
/// ```
///
/// ## References
/// - [Python docs: secrets](https://docs.python.org/3/library/secrets.html)
/// - [CWE-330](https://cwe.mitre.org/data/definitions/330.html)
    pub static RULE = {
        code: "AUTH006",
        name: "weak-random-token",
        analyzer: "code",
        summary: "`random` used to make a token, password or session ID",
        severity: High,
        confidence: Medium,
        cwe: 330,
    }
}

pub const HOOKS: &[Hook] = &[Hook::Stmt(check)];

const TARGETS: &[&str] = &[
    "token",
    "password",
    "passwd",
    "secret",
    "otp",
    "nonce",
    "session",
    "api_key",
    "apikey",
    "reset_code",
    "verification_code",
    "salt",
    "csrf",
];

struct Calls<'a>(Vec<&'a Expr>);

impl<'a> ast::Visitor<'a> for Calls<'a> {
    fn visit_expr(&mut self, expr: &'a Expr) {
        if let Expr::Call(c) = expr {
            self.0.push(&c.func);
        }
        ast::visitor::walk_expr(self, expr);
    }
}

/// The values of `return` statements, not descending into nested functions.
struct Returns<'a>(Vec<&'a Expr>);

impl<'a> ast::Visitor<'a> for Returns<'a> {
    fn visit_stmt(&mut self, stmt: &'a Stmt) {
        match stmt {
            Stmt::Return(r) => self.0.extend(r.value.as_deref()),
            Stmt::FunctionDef(_) | Stmt::ClassDef(_) => {}
            other => ast::visitor::walk_stmt(self, other),
        }
    }
}

fn weak_call<'a>(checker: &Checker<'a>, value: &'a Expr) -> Option<String> {
    let mut calls = Calls(Vec::new());
    ast::Visitor::visit_expr(&mut calls, value);
    calls.0.iter().find_map(|f| {
        checker.qualified_name(f).filter(|q| {
            q.strip_prefix("random.").is_some_and(|m| {
                matches!(
                    m,
                    "choice"
                        | "choices"
                        | "randint"
                        | "randrange"
                        | "random"
                        | "getrandbits"
                        | "sample"
                        | "shuffle"
                        | "uniform"
                        | "randbytes"
                )
            })
        })
    })
}

fn tokenish(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    TARGETS.iter().any(|w| lower.contains(w))
}

fn check<'a>(checker: &mut Checker<'a>, stmt: &'a Stmt) {
    if let Stmt::FunctionDef(f) = stmt {
        if !tokenish(f.name.as_str()) {
            return;
        }
        let mut returns = Returns(Vec::new());
        for s in &f.body {
            ast::Visitor::visit_stmt(&mut returns, s);
        }
        for value in returns.0 {
            if let Some(q) = weak_call(checker, value) {
                checker.report(
                    &RULE,
                    value.range(),
                    format!("`{}` returns a value made with {q}, which is predictable; use the secrets module", f.name.as_str()),
                );
            }
        }
        return;
    }
    let (targets, value): (Vec<&'a Expr>, &'a Expr) = match stmt {
        Stmt::Assign(a) => (a.targets.iter().collect(), &a.value),
        Stmt::AnnAssign(a) => match &a.value {
            Some(v) => (vec![&*a.target], v),
            None => return,
        },
        _ => return,
    };
    let Some(name) = targets.iter().find_map(|t| {
        last_name(t).filter(|n| {
            let lower = n.to_ascii_lowercase();
            TARGETS.iter().any(|w| lower.contains(w))
        })
    }) else {
        return;
    };
    let mut calls = Calls(Vec::new());
    ast::Visitor::visit_expr(&mut calls, value);
    let weak = calls.0.iter().find_map(|f| {
        checker.qualified_name(f).filter(|q| {
            q.strip_prefix("random.").is_some_and(|m| {
                matches!(
                    m,
                    "choice"
                        | "choices"
                        | "randint"
                        | "randrange"
                        | "random"
                        | "getrandbits"
                        | "sample"
                        | "shuffle"
                        | "uniform"
                        | "randbytes"
                )
            })
        })
    });
    if let Some(q) = weak {
        checker.report(
            &RULE,
            value.range(),
            format!("`{name}` is made with {q}, which is predictable; use the secrets module"),
        );
    }
}

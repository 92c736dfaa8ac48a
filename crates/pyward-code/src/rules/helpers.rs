//! Small facts and predicates shared by several rules.

use std::sync::LazyLock;

use regex::Regex;

use crate::ast::{self, Expr, ExprCall};
use crate::checker::{Checker, Walk};

/// Functions of the `subprocess` module that start a process (shell or not, per `shell=`).
pub const SUBPROCESS: &[&str] = &[
    "subprocess.Popen",
    "subprocess.call",
    "subprocess.check_call",
    "subprocess.check_output",
    "subprocess.run",
];

/// Functions that always run their command through a shell.
pub const SHELL: &[&str] = &[
    "os.system",
    "os.popen",
    "os.popen2",
    "os.popen3",
    "os.popen4",
    "popen2.popen2",
    "popen2.popen3",
    "popen2.popen4",
    "popen2.Popen3",
    "popen2.Popen4",
    "commands.getoutput",
    "commands.getstatusoutput",
    "subprocess.getoutput",
    "subprocess.getstatusoutput",
];

/// Functions that replace or spawn a process without a shell.
pub const NO_SHELL: &[&str] = &[
    "os.execl",
    "os.execle",
    "os.execlp",
    "os.execlpe",
    "os.execv",
    "os.execve",
    "os.execvp",
    "os.execvpe",
    "os.spawnl",
    "os.spawnle",
    "os.spawnlp",
    "os.spawnlpe",
    "os.spawnv",
    "os.spawnve",
    "os.spawnvp",
    "os.spawnvpe",
    "os.startfile",
];

/// Protocol constants naming SSL 2/3 or TLS 1.0/1.1.
pub const BAD_TLS_VERSIONS: &[&str] = &[
    "PROTOCOL_SSLv2",
    "SSLv2_METHOD",
    "SSLv23_METHOD",
    "PROTOCOL_SSLv3",
    "PROTOCOL_TLSv1",
    "SSLv3_METHOD",
    "TLSv1_METHOD",
    "PROTOCOL_TLSv1_1",
    "TLSv1_1_METHOD",
];

/// HTTP verb helpers of `requests` (and `httpx`).
pub const HTTP_VERBS: &[&str] = &["get", "options", "head", "post", "put", "patch", "delete"];
/// `httpx` entry points besides the verbs.
pub const HTTPX_EXTRA: &[&str] = &["request", "stream", "Client", "AsyncClient"];

static PASSWORD_NAME: LazyLock<Regex> = LazyLock::new(|| {
    let words = "(?:pas+wo?r?d|pass(?:phrase)?|pwd|token|secrete?)";
    Regex::new(&format!("(?i)(?:^{words}$|_{words}_|^{words}_|_{words}$)"))
        .unwrap_or_else(|_| Regex::new("$^").unwrap_or_else(|_| unreachable!()))
});

static SQL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?is)(?:select\s.*from\s|delete\s+from\s|insert\s+into\s.*values[\s(]|update\s.*set\s)",
    )
    .unwrap_or_else(|_| Regex::new("$^").unwrap_or_else(|_| unreachable!()))
});

/// Whether an identifier looks like it holds a password, token or secret.
pub fn is_password_name(name: &str) -> bool {
    PASSWORD_NAME.is_match(name)
}

/// Whether text looks like an SQL statement.
pub fn looks_like_sql(text: &str) -> bool {
    SQL.is_match(text)
}

/// Whether the call passes a truthy `shell=` argument. Unknown values count as truthy, as
/// Bandit does: a shell you cannot rule out is a shell.
pub fn has_shell(call: &ExprCall) -> bool {
    let Some(kw) = ast::keyword(call, "shell") else {
        return false;
    };
    match &kw.value {
        Expr::Name(n) if n.id.as_str() == "False" || n.id.as_str() == "None" => false,
        value => ast::is_truthy_const(value).unwrap_or(true),
    }
}

/// The range of keyword `name`'s value, or the call's range: where Bandit reports findings
/// about one argument of a multi-line call.
pub fn keyword_or_call_range(call: &ExprCall, name: &str) -> ast::TextRange {
    use ast::Ranged;
    ast::keyword(call, name).map_or(call.range(), |k| k.value.range())
}

/// Whether the expression is a string literal.
pub fn is_str_literal(expr: &Expr) -> bool {
    matches!(expr, Expr::StringLiteral(_))
}

/// The attribute or name at the end of an expression (`ssl.PROTOCOL_TLSv1` → `PROTOCOL_TLSv1`).
pub fn last_name(expr: &Expr) -> Option<&str> {
    match expr {
        Expr::Name(n) => Some(n.id.as_str()),
        Expr::Attribute(a) => Some(a.attr.as_str()),
        _ => None,
    }
}

/// Whether the first argument of a process call is a literal command (after following simple
/// assignments): Bandit's "seems safe" case.
pub fn command_is_literal<'a>(checker: &Checker<'a>, call: &'a ExprCall) -> bool {
    ast::arg(call, 0).is_some_and(|a| checker.literal_string(a).is_some())
}

/// Whether an expression carries request data: an attribute, subscript or call rooted at
/// `request` (`request.args["f"]`, `request.form.get("f")`), directly, through simple
/// assignments, concatenation, f-strings or call arguments (`os.path.join(d, request.args["f"])`).
/// With `params`, parameters of the enclosing function (route variables) count too.
pub fn from_request<'a>(checker: &Checker<'a>, expr: &'a Expr, params: bool) -> bool {
    from_request_walk(checker, expr, params, &mut Walk::new())
}

fn rooted_at_request(expr: &Expr) -> bool {
    match expr {
        Expr::Name(n) => n.id.as_str() == "request",
        Expr::Attribute(a) => rooted_at_request(&a.value),
        Expr::Subscript(s) => rooted_at_request(&s.value),
        Expr::Call(c) => rooted_at_request(&c.func),
        _ => false,
    }
}

fn from_request_walk<'a>(
    checker: &Checker<'a>,
    expr: &'a Expr,
    params: bool,
    walk: &mut Walk,
) -> bool {
    if !walk.step() {
        return false;
    }
    let resolved = checker.resolve(expr);
    match resolved {
        Expr::Name(n) => params && checker.is_parameter(n.id.as_str()),
        Expr::Attribute(_) | Expr::Subscript(_) => rooted_at_request(resolved),
        Expr::Call(c) => {
            rooted_at_request(&c.func)
                || c.arguments
                    .args
                    .iter()
                    .any(|e| from_request_walk(checker, e, params, walk))
                || c.arguments
                    .keywords
                    .iter()
                    .any(|k| from_request_walk(checker, &k.value, params, walk))
        }
        Expr::BinOp(b) => {
            from_request_walk(checker, &b.left, params, walk)
                || from_request_walk(checker, &b.right, params, walk)
        }
        Expr::FString(f) => f.value.elements().any(|e| match e {
            ast::InterpolatedStringElement::Interpolation(i) => {
                from_request_walk(checker, &i.expression, params, walk)
            }
            _ => false,
        }),
        _ => false,
    }
}

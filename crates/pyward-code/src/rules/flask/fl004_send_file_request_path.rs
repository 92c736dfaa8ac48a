//! FL004 `flask-send-file-user-path`.

use crate::rules::prelude::*;

pyward_core::declare_rule! {
/// ## What it does
/// Flags `flask.send_file` whose path comes from request data or a route parameter, and
/// `flask.send_from_directory` whose *directory* does.
///
/// ## Why is this bad?
/// `send_file` does not confine the path: `../` sequences read any file the process can read.
///
/// ## Example
/// ```python
/// return send_file(os.path.join("uploads", request.args["name"]))
/// ```
///
/// ## Use instead
/// ```python
/// return send_from_directory("uploads", request.args["name"])
/// ```
///
/// ## References
/// - [Flask API: send_from_directory](https://flask.palletsprojects.com/en/stable/api/#flask.send_from_directory)
/// - [CWE-22](https://cwe.mitre.org/data/definitions/22.html)
    pub static RULE = {
        code: "FL004",
        name: "flask-send-file-user-path",
        analyzer: "code",
        summary: "`send_file` with a path from the request",
        severity: High,
        confidence: Medium,
        cwe: 22,
    }
}

pub const HOOKS: &[Hook] = &[Hook::Call(check)];

fn check<'a>(checker: &mut Checker<'a>, call: &Call<'a>) {
    let (arg, params) = match call.qualname.as_str() {
        "flask.send_file" => (ast::arg(call.node, 0), true),
        "flask.send_from_directory" => (ast::arg(call.node, 0), false),
        _ => return,
    };
    if let Some(arg) = arg
        && from_request(checker, arg, params)
    {
        checker.report(
            &RULE,
            arg.range(),
            format!(
                "{} gets a path derived from the request (path traversal)",
                call.name
            ),
        );
    }
}

//! FL003 `flask-render-template-string-ssti`.

use crate::rules::prelude::*;

pyward_core::declare_rule! {
/// ## What it does
/// Flags `flask.render_template_string` called with a template that is not a literal string.
///
/// ## Why is this bad?
/// A template built from user input is server-side template injection: Jinja expressions in
/// it run on the server and can reach arbitrary code.
///
/// ## Example
/// ```python
/// return render_template_string("<h1>Hello " + name + "</h1>")
/// ```
///
/// ## Use instead
/// ```python
/// return render_template_string("<h1>Hello {{ name }}</h1>", name=name)
/// ```
///
/// ## References
/// - [Flask docs: templates](https://flask.palletsprojects.com/en/stable/templating/)
/// - [CWE-1336](https://cwe.mitre.org/data/definitions/1336.html)
    pub static RULE = {
        code: "FL003",
        name: "flask-render-template-string-ssti",
        analyzer: "code",
        summary: "`render_template_string` with a non-literal template",
        severity: High,
        confidence: Medium,
        cwe: 1336,
    }
}

pub const HOOKS: &[Hook] = &[Hook::Call(check)];

fn check<'a>(checker: &mut Checker<'a>, call: &Call<'a>) {
    if call.qualname != "flask.render_template_string" {
        return;
    }
    if let Some(template) =
        ast::arg(call.node, 0).or_else(|| ast::keyword(call.node, "source").map(|k| &k.value))
        && checker.literal_string(template).is_none()
    {
        checker.report(
            &RULE,
            template.range(),
            "render_template_string is given a template built at run time (server-side template injection)",
        );
    }
}

//! PY702 `use-of-mako-templates` (Bandit B702).

use crate::rules::prelude::*;

pyward_core::declare_rule! {
/// ## What it does
/// Flags `mako.template.Template(...)`.
///
/// ## Why is this bad?
/// Mako does not escape HTML by default; every expression needs an explicit filter, and a forgotten one is XSS.
///
/// ## Example
/// ```python
/// from mako.template import Template
///
/// Template("<p>${name}</p>").render(name=name)
/// ```
///
/// ## Use instead
/// ```python
/// from mako.template import Template
///
/// Template("<p>${name}</p>", default_filters=["h"]).render(name=name)  # nosec B702
/// ```
///
/// ## References
/// - [Mako docs: filtering](https://docs.makotemplates.org/en/latest/filtering.html)
/// - [CWE-80](https://cwe.mitre.org/data/definitions/80.html)
/// - Bandit: `B702`
    pub static RULE = {
        code: "PY702",
        name: "use-of-mako-templates",
        analyzer: "code",
        summary: "Mako template (no autoescaping)",
        severity: Medium,
        confidence: High,
        cwe: 80,
        bandit_id: "B702",
    }
}

pub const HOOKS: &[Hook] = &[Hook::Call(check)];

fn check<'a>(checker: &mut Checker<'a>, call: &Call<'a>) {
    let mut parts = call.qualname.split('.');
    if parts.next_back() == Some("Template") && parts.any(|p| p == "mako") {
        checker.report(
            &RULE,
            call.node.range(),
            "Mako templates render HTML without escaping by default; escape every expression (e.g. ${ data | h })",
        );
    }
}

//! PY506 `yaml-load` (Bandit B506).

use crate::rules::prelude::*;

pyward_core::declare_rule! {
/// ## What it does
/// Flags `yaml.load` calls that do not use `SafeLoader` or `CSafeLoader`.
///
/// ## Why is this bad?
/// The full YAML loaders can construct arbitrary Python objects named in the document, which leads to code execution on untrusted input.
///
/// ## Example
/// ```python
/// import yaml
///
/// config = yaml.load(stream, Loader=yaml.Loader)
/// ```
///
/// ## Use instead
/// ```python
/// import yaml
///
/// config = yaml.safe_load(stream)
/// ```
///
/// ## References
/// - [PyYAML: loading YAML](https://pyyaml.org/wiki/PyYAMLDocumentation)
/// - [CWE-20](https://cwe.mitre.org/data/definitions/20.html)
/// - Bandit: `B506`
    pub static RULE = {
        code: "PY506",
        name: "yaml-load",
        analyzer: "code",
        summary: "`yaml.load` without a safe loader",
        severity: Medium,
        confidence: High,
        cwe: 20,
        bandit_id: "B506",
    }
}

pub const HOOKS: &[Hook] = &[Hook::Call(check)];

const SAFE: &[&str] = &["SafeLoader", "CSafeLoader"];

fn check<'a>(checker: &mut Checker<'a>, call: &Call<'a>) {
    let mut parts = call.qualname.split('.');
    if parts.next_back() != Some("load") || !parts.any(|p| p == "yaml") {
        return;
    }
    if !checker.module_imported_exact("yaml") {
        return;
    }
    let loader = ast::keyword(call.node, "Loader")
        .map(|k| &k.value)
        .or_else(|| ast::arg(call.node, 1));
    if loader
        .and_then(last_name)
        .is_some_and(|n| SAFE.contains(&n))
    {
        return;
    }
    checker.report(
        &RULE,
        call.node.range(),
        "Use of unsafe `yaml.load`; it can build arbitrary objects. Use `yaml.safe_load()`",
    );
}

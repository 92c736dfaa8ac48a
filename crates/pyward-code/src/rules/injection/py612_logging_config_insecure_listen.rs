//! PY612 `logging-config-insecure-listen` (Bandit B612).

use crate::rules::prelude::*;

pyward_core::declare_rule! {
/// ## What it does
/// Flags `logging.config.listen()` without a `verify=` callable.
///
/// ## Why is this bad?
/// The listener accepts logging configurations from the network, and a configuration can name arbitrary callables to run.
///
/// ## Example
/// ```python
/// import logging.config
///
/// thread = logging.config.listen(9999)
/// ```
///
/// ## Use instead
/// ```python
/// import logging.config
///
/// thread = logging.config.listen(9999, verify=check_signature)
/// ```
///
/// ## References
/// - [Python docs: logging.config.listen](https://docs.python.org/3/library/logging.config.html#logging.config.listen)
/// - [CWE-94](https://cwe.mitre.org/data/definitions/94.html)
/// - Bandit: `B612`
    pub static RULE = {
        code: "PY612",
        name: "logging-config-insecure-listen",
        analyzer: "code",
        summary: "`logging.config.listen` without verification",
        severity: Medium,
        confidence: High,
        cwe: 94,
        bandit_id: "B612",
    }
}

pub const HOOKS: &[Hook] = &[Hook::Call(check)];

fn check<'a>(checker: &mut Checker<'a>, call: &Call<'a>) {
    if call.qualname == "logging.config.listen" && ast::keyword(call.node, "verify").is_none() {
        checker.report(
            &RULE,
            call.node.range(),
            "Use of insecure `logging.config.listen` detected",
        );
    }
}

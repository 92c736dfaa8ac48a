//! PY614 `pytorch-load` (Bandit B614).

use crate::rules::prelude::*;

pyward_core::declare_rule! {
/// ## What it does
/// Flags `torch.load` calls that do not pass `weights_only=True`.
///
/// ## Why is this bad?
/// `torch.load` unpickles the file; a crafted model file runs code when loaded.
///
/// ## Example
/// ```python
/// import torch
///
/// model = torch.load(path)
/// ```
///
/// ## Use instead
/// ```python
/// import torch
///
/// state = torch.load(path, weights_only=True)
/// ```
///
/// ## References
/// - [PyTorch docs: torch.load](https://pytorch.org/docs/stable/generated/torch.load.html)
/// - [CWE-502](https://cwe.mitre.org/data/definitions/502.html)
/// - Bandit: `B614`
    pub static RULE = {
        code: "PY614",
        name: "pytorch-load",
        analyzer: "code",
        summary: "`torch.load` without `weights_only=True`",
        severity: Medium,
        confidence: High,
        cwe: 502,
        bandit_id: "B614",
    }
}

pub const HOOKS: &[Hook] = &[Hook::Call(check)];

fn check<'a>(checker: &mut Checker<'a>, call: &Call<'a>) {
    if call.qualname != "torch.load" && call.qualname != "torch.serialization.load" {
        return;
    }
    if !checker.module_imported_exact("torch") {
        return;
    }
    let safe = ast::keyword(call.node, "weights_only")
        .is_some_and(|k| matches!(k.value, Expr::BooleanLiteral(ref b) if b.value));
    if !safe {
        checker.report(
            &RULE,
            call.node.range(),
            "Use of unsafe PyTorch load; pass weights_only=True",
        );
    }
}

//! PY615 `huggingface-unsafe-download` (Bandit B615).

use crate::rules::prelude::*;

pyward_core::declare_rule! {
/// ## What it does
/// Flags `from_pretrained`, `load_dataset`, `hf_hub_download` and `snapshot_download` calls that do not pin `revision=` (or `commit_id=`) to a commit hash.
///
/// ## Why is this bad?
/// Without a pinned commit, the repository owner (or whoever takes it over) can change the model or dataset, including pickled code, under you.
///
/// ## Example
/// ```python
/// from transformers import AutoModel
///
/// model = AutoModel.from_pretrained("org/model")
/// ```
///
/// ## Use instead
/// ```python
/// from transformers import AutoModel
///
/// model = AutoModel.from_pretrained("org/model", revision="5d0f2e8a7f1c3b4d9e6a2c1b0f9e8d7c6b5a4f3e")
/// ```
///
/// ## References
/// - [Hugging Face: revisions](https://huggingface.co/docs/huggingface_hub/guides/download)
/// - [CWE-494](https://cwe.mitre.org/data/definitions/494.html)
/// - Bandit: `B615`
    pub static RULE = {
        code: "PY615",
        name: "huggingface-unsafe-download",
        analyzer: "code",
        summary: "Hugging Face download without a pinned revision",
        severity: Medium,
        confidence: High,
        cwe: 494,
        bandit_id: "B615",
    }
}

pub const HOOKS: &[Hook] = &[Hook::Call(check)];

const FUNCS: &[(&str, &str)] = &[
    ("from_pretrained", "transformers"),
    ("load_dataset", "datasets"),
    ("hf_hub_download", "huggingface_hub"),
    ("snapshot_download", "huggingface_hub"),
];

fn check<'a>(checker: &mut Checker<'a>, call: &Call<'a>) {
    if !FUNCS.iter().any(|(f, _)| *f == call.name) {
        return;
    }
    let parts: Vec<&str> = call.qualname.split('.').collect();
    let func = parts.last().copied().unwrap_or("");
    let Some((_, module)) = FUNCS.iter().find(|(f, _)| *f == func) else {
        return;
    };
    if !parts.contains(module) {
        return;
    }
    if !["transformers", "datasets", "huggingface_hub"]
        .iter()
        .any(|m| checker.module_imported_like(m))
    {
        return;
    }
    for name in ["revision", "commit_id"] {
        if let Some(kw) = ast::keyword(call.node, name) {
            match ast::string_value(&kw.value) {
                None => return,
                Some(rev) => {
                    if rev.len() >= 7 && rev.chars().all(|c| c.is_ascii_hexdigit()) {
                        return;
                    }
                }
            }
        }
    }
    if let Some(first) = ast::arg(call.node, 0).and_then(ast::string_value)
        && (first.starts_with("./") || first.starts_with('/') || first.starts_with("../"))
    {
        return;
    }
    checker.report(
        &RULE,
        call.node.range(),
        format!("Unsafe Hugging Face Hub download without revision pinning in {func}()"),
    );
}

//! PY403 `import-pickle` (Bandit B403).

use crate::rules::prelude::*;

pyward_core::declare_rule! {
/// ## What it does
/// Flags imports of `pickle`, `cPickle`, `dill` and `shelve`.
///
/// ## Why is this bad?
/// These modules can run arbitrary code while loading data; the import marks a place to review.
///
/// ## Example
/// ```python
/// import pickle
/// ```
///
/// ## Use instead
/// ```python
/// import json
/// ```
///
/// ## References
/// - [CWE-502](https://cwe.mitre.org/data/definitions/502.html)
/// - Bandit: `B403`
    pub static RULE = {
        code: "PY403",
        name: "import-pickle",
        analyzer: "code",
        summary: "Import of `pickle`, `dill` or `shelve`",
        severity: Low,
        confidence: High,
        cwe: 502,
        bandit_id: "B403",
    }
}

/// Module names (prefixes) whose import is flagged.
pub const MODULES: &[&str] = &["pickle", "cPickle", "dill", "shelve"];

pub const HOOKS: &[Hook] = &[Hook::ImportBlacklist {
    modules: MODULES,
    message: "Import of `{name}`: consider the risks of deserializing untrusted data",
}];

//! PY302 `marshal` (Bandit B302).

use crate::rules::prelude::*;

pyward_core::declare_rule! {
/// ## What it does
/// Flags `marshal.load` and `marshal.loads`.
///
/// ## Why is this bad?
/// `marshal` is an internal format for `.pyc` files. It makes no promise of safety against malformed or malicious input.
///
/// ## Example
/// ```python
/// import marshal
///
/// code = marshal.loads(blob)
/// ```
///
/// ## Use instead
/// ```python
/// import json
///
/// data = json.loads(blob)
/// ```
///
/// ## References
/// - [Python docs: marshal](https://docs.python.org/3/library/marshal.html)
/// - [CWE-502](https://cwe.mitre.org/data/definitions/502.html)
/// - Bandit: `B302`
    pub static RULE = {
        code: "PY302",
        name: "marshal",
        analyzer: "code",
        summary: "Deserialization with `marshal`",
        severity: Medium,
        confidence: High,
        cwe: 502,
        bandit_id: "B302",
    }
}

/// Fully qualified names of the flagged callables.
pub const QUALNAMES: &[&str] = &["marshal.load", "marshal.loads"];

pub const HOOKS: &[Hook] = &[Hook::CallBlacklist {
    qualnames: QUALNAMES,
    message: "`{name}` deserializes with marshal, which is not safe for untrusted data",
}];

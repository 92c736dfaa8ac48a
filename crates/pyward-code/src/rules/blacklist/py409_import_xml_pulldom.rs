//! PY409 `import-xml-pulldom` (Bandit B409).

use crate::rules::prelude::*;

pyward_core::declare_rule! {
/// ## What it does
/// Flags imports of `xml.dom.pulldom`.
///
/// ## Why is this bad?
/// pulldom expands entities and is open to denial-of-service documents.
///
/// ## Example
/// ```python
/// from xml.dom import pulldom
/// ```
///
/// ## Use instead
/// ```python
/// from defusedxml import pulldom
/// ```
///
/// ## References
/// - [CWE-20](https://cwe.mitre.org/data/definitions/20.html)
/// - Bandit: `B409`
    pub static RULE = {
        code: "PY409",
        name: "import-xml-pulldom",
        analyzer: "code",
        summary: "Import of `xml.dom.pulldom`",
        severity: Low,
        confidence: High,
        cwe: 20,
        bandit_id: "B409",
    }
}

/// Module names (prefixes) whose import is flagged.
pub const MODULES: &[&str] = &["xml.dom.pulldom"];

pub const HOOKS: &[Hook] = &[Hook::ImportBlacklist {
    modules: MODULES,
    message: "Import of `{name}`: parse untrusted XML with `defusedxml` instead",
}];

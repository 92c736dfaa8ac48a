//! PY408 `import-xml-minidom` (Bandit B408).

use crate::rules::prelude::*;

pyward_core::declare_rule! {
/// ## What it does
/// Flags imports of `xml.dom.minidom`.
///
/// ## Why is this bad?
/// minidom expands entities and is open to denial-of-service documents.
///
/// ## Example
/// ```python
/// from xml.dom import minidom
/// ```
///
/// ## Use instead
/// ```python
/// from defusedxml import minidom
/// ```
///
/// ## References
/// - [CWE-20](https://cwe.mitre.org/data/definitions/20.html)
/// - Bandit: `B408`
    pub static RULE = {
        code: "PY408",
        name: "import-xml-minidom",
        analyzer: "code",
        summary: "Import of `xml.dom.minidom`",
        severity: Low,
        confidence: High,
        cwe: 20,
        bandit_id: "B408",
    }
}

/// Module names (prefixes) whose import is flagged.
pub const MODULES: &[&str] = &["xml.dom.minidom"];

pub const HOOKS: &[Hook] = &[Hook::ImportBlacklist {
    modules: MODULES,
    message: "Import of `{name}`: parse untrusted XML with `defusedxml` instead",
}];

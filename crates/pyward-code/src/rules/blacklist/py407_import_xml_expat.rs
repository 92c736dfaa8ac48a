//! PY407 `import-xml-expat` (Bandit B407).

use crate::rules::prelude::*;

pyward_core::declare_rule! {
/// ## What it does
/// Flags imports of `xml.dom.expatbuilder`.
///
/// ## Why is this bad?
/// The expat builder expands entities and is open to denial-of-service documents.
///
/// ## Example
/// ```python
/// import xml.dom.expatbuilder
/// ```
///
/// ## Use instead
/// ```python
/// import defusedxml.expatbuilder
/// ```
///
/// ## References
/// - [CWE-20](https://cwe.mitre.org/data/definitions/20.html)
/// - Bandit: `B407`
    pub static RULE = {
        code: "PY407",
        name: "import-xml-expat",
        analyzer: "code",
        summary: "Import of `xml.dom.expatbuilder`",
        severity: Low,
        confidence: High,
        cwe: 20,
        bandit_id: "B407",
    }
}

/// Module names (prefixes) whose import is flagged.
pub const MODULES: &[&str] = &["xml.dom.expatbuilder"];

pub const HOOKS: &[Hook] = &[Hook::ImportBlacklist {
    modules: MODULES,
    message: "Import of `{name}`: parse untrusted XML with `defusedxml` instead",
}];

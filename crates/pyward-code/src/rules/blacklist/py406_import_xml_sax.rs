//! PY406 `import-xml-sax` (Bandit B406).

use crate::rules::prelude::*;

pyward_core::declare_rule! {
/// ## What it does
/// Flags imports of `xml.sax`.
///
/// ## Why is this bad?
/// The SAX parser expands entities and is open to denial-of-service documents.
///
/// ## Example
/// ```python
/// import xml.sax
/// ```
///
/// ## Use instead
/// ```python
/// import defusedxml.sax
/// ```
///
/// ## References
/// - [CWE-20](https://cwe.mitre.org/data/definitions/20.html)
/// - Bandit: `B406`
    pub static RULE = {
        code: "PY406",
        name: "import-xml-sax",
        analyzer: "code",
        summary: "Import of `xml.sax`",
        severity: Low,
        confidence: High,
        cwe: 20,
        bandit_id: "B406",
    }
}

/// Module names (prefixes) whose import is flagged.
pub const MODULES: &[&str] = &["xml.sax"];

pub const HOOKS: &[Hook] = &[Hook::ImportBlacklist {
    modules: MODULES,
    message: "Import of `{name}`: parse untrusted XML with `defusedxml` instead",
}];

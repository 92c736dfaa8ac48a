//! PY405 `import-xml-etree` (Bandit B405).

use crate::rules::prelude::*;

pyward_core::declare_rule! {
/// ## What it does
/// Flags imports of `xml.etree.ElementTree` and `cElementTree`.
///
/// ## Why is this bad?
/// The standard library parsers expand entities and are open to denial-of-service documents.
///
/// ## Example
/// ```python
/// import xml.etree.ElementTree as ET
/// ```
///
/// ## Use instead
/// ```python
/// import defusedxml.ElementTree as ET
/// ```
///
/// ## References
/// - [CWE-20](https://cwe.mitre.org/data/definitions/20.html)
/// - Bandit: `B405`
    pub static RULE = {
        code: "PY405",
        name: "import-xml-etree",
        analyzer: "code",
        summary: "Import of `xml.etree` parsers",
        severity: Low,
        confidence: High,
        cwe: 20,
        bandit_id: "B405",
    }
}

/// Module names (prefixes) whose import is flagged.
pub const MODULES: &[&str] = &["xml.etree.cElementTree", "xml.etree.ElementTree"];

pub const HOOKS: &[Hook] = &[Hook::ImportBlacklist {
    modules: MODULES,
    message: "Import of `{name}`: parse untrusted XML with `defusedxml` instead",
}];
